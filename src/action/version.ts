import packageJson from '../../package.json';

/** deploy-lint's version, from package.json (bundled into dist/ at build time). */
export const VERSION: string = packageJson.version;
