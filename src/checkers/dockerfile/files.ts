// Domain knowledge shared by the secret, download and file-ownership rules: what a secret-looking
// variable name or value is, which files are credentials, what curl/wget/interpreters do with their
// arguments. Pure functions over strings and parsed shell commands; the model stays the only parser.
import {
  commandShellInvocation,
  effectiveCommand,
  parseShell,
  SHELL_NAMES,
  type ShellCommand,
} from '../../parse/shell';
import { LineIndex } from '../../parse/tree';
import {
  baseName,
  isWithin,
  resolvePath,
  sharedFact,
  stageChain,
  type DockerfileModel,
  type Heredoc,
  type Instruction,
  type Stage,
} from './model';
import { hasNonRootDefaultUser } from './image';
import { splitWords } from './words';

// ---------------------------------------------------------------------------------------------------------
// Secret-looking names and values

/** Splits `AWS_SECRET_ACCESS_KEY`, `apiKey`, `db-password` into upper-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toUpperCase());
}

/** Two-word phrases that name a secret: `API_KEY`, `CLIENT_SECRET`... */
const SECRET_PHRASES = new Set([
  'API KEY',
  'PRIVATE KEY',
  'ACCESS KEY',
  'SECRET KEY',
  'LICENSE KEY',
  'ENCRYPTION KEY',
  'SIGNING KEY',
  'MASTER KEY',
  'AUTH KEY',
  'SESSION KEY',
  'CLIENT SECRET',
]);

/**
 * A last word that makes the variable describe a secret rather than hold it: `PASSWORD_FILE`,
 * `TOKEN_URL`, `SECRET_NAME_PREFIX`, `PASSWORD_LENGTH`, `AWS_ACCESS_KEY_ID`.
 */
const DESCRIPTOR_WORDS = new Set([
  'FILE',
  'FILES',
  'PATH',
  'DIR',
  'DIRECTORY',
  'URL',
  'URI',
  'ENDPOINT',
  'HOST',
  'PORT',
  'NAME',
  'PREFIX',
  'SUFFIX',
  'ID',
  'LENGTH',
  'LEN',
  'SIZE',
  'TYPE',
  'ALGORITHM',
  'ALG',
  'TTL',
  'EXPIRY',
  'EXPIRES',
  'EXPIRATION',
  'LIFETIME',
  'TIMEOUT',
  'ENABLED',
  'DISABLED',
  'REQUIRED',
  'POLICY',
  'VERSION',
  'CMD',
  'COMMAND',
  'ARN',
  'REF',
  'MOUNT',
  'LOCATION',
  'FIELD',
  'VAR',
  'REGEX',
  'PATTERN',
  'SCOPE',
  'SCOPES',
  'AUDIENCE',
  'ISSUER',
  'HEADER',
  'PARAM',
  'FORMAT',
  'MODE',
  'PROVIDER',
  'BACKEND',
  'STORE',
  'COUNT',
  'MIN',
  'MAX',
  'DUMMY',
  'HASH',
]);

/** Words that make the name a switch about secrets: `MYSQL_ALLOW_EMPTY_PASSWORD`, `SKIP_TOKEN_CHECK`. */
const SWITCH_WORDS = new Set([
  'ALLOW',
  'EMPTY',
  'RANDOM',
  'SKIP',
  'DISABLE',
  'ENABLE',
  'USE',
  'REQUIRE',
  'NO',
  'GENERATE',
  // `NEXT_PUBLIC_API_KEY`, `VITE_PUBLIC_TOKEN`: shipped to browsers by design.
  'PUBLIC',
  'PUBLISHABLE',
]);

/**
 * Words that may follow the secret word and still name the secret itself: `SECRET_KEY_BASE`,
 * `DB_PASSWORD_PROD`, `API_TOKEN_V2`. Anything else after it describes something about the secret
 * (`SECRETS_MANAGER_REGION`, `PASSWORD_POLICY`, `TOKEN_URL`).
 */
const SECRET_TAIL_WORDS = new Set([
  'KEY',
  'BASE',
  'VALUE',
  'STRING',
  'DATA',
  'RAW',
  'B64',
  'BASE64',
  'HEX',
  'JSON',
  'PEM',
  'PLAIN',
  'PLAINTEXT',
  'TEXT',
  'PROD',
  'PRODUCTION',
  'STAGING',
  'DEV',
  'TEST',
  'LIVE',
  'ACCESS',
]);

/** Whether word `i` (and the one before it) says "secret". */
function isSecretWord(words: readonly string[], i: number): boolean {
  const w = words[i];
  if (/PASSWORD|PASSWD|PASSPHRASE|CREDENTIALS?$/.test(w)) return true;
  if (/(^|[A-Z])SECRETS?$/.test(w) || /TOKENS?$/.test(w)) return true;
  if (/(API|PRIVATE|ACCESS|SECRET)KEY$/.test(w)) return true;
  // `DB_PASS`, `REDIS_PWD`: only as the last word after a qualifier (`PWD` alone is the working directory).
  if ((w === 'PASS' || w === 'PWD') && i > 0 && i === words.length - 1) return true;
  return i > 0 && SECRET_PHRASES.has(`${words[i - 1]} ${w}`);
}

/** Whether a variable name says it holds a secret (a password, token, API key, private key...). */
export function isSecretName(name: string): boolean {
  const words = nameWords(name);
  if (words.length === 0) return false;
  if (DESCRIPTOR_WORDS.has(words[words.length - 1])) return false;
  if (words.some((w) => SWITCH_WORDS.has(w))) return false;
  let last = -1;
  for (let i = 0; i < words.length; i++) if (isSecretWord(words, i)) last = i;
  if (last < 0) return false;
  return words.slice(last + 1).every((w) => SECRET_TAIL_WORDS.has(w) || /^V?\d+$/.test(w));
}

/** Values that hold no secret even under a secret-looking name: switches, placeholders, file paths. */
export function isNonSecretValue(value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  if (/^(true|false|yes|no|on|off|0|1|y|n)$/i.test(v)) return true;
  if (/^(x+|\*+|\.\.\.|dummy|placeholder|none|null|nil|unset|todo|tbd|-+)$/i.test(v)) return true;
  if (/^<[^>]*>$/.test(v)) return true;
  // `/run/secrets/db_password`, `./secrets/token`, `~/.config/x`: a pointer to a file, not its content.
  if (/^(\/|\.\.?\/|~\/)/.test(v) && !/\s/.test(v)) return true;
  // An URL without credentials in it (`https://auth.example.com/token`).
  if (/^[a-z][a-z0-9+.-]*:\/\/[^@/\s]+(\/\S*)?$/i.test(v)) return true;
  return false;
}

/** True when the whole value is one variable reference (`$NPM_TOKEN`, `${TOKEN:-}`): it copies another value. */
export function isVariableReference(value: string): boolean {
  return /^\$(\{[A-Za-z_][A-Za-z0-9_]*(:?[-+?=][^}]*)?\}|[A-Za-z_][A-Za-z0-9_]*)$/.test(value.trim());
}

interface CredentialPattern {
  kind: string;
  pattern: RegExp;
}

const CREDENTIAL_PATTERNS: readonly CredentialPattern[] = [
  { kind: 'a private key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/ },
  { kind: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b/ },
  { kind: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/ },
  { kind: 'a GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/ },
  { kind: 'an npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/ },
  { kind: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/ },
  { kind: 'a Stripe live key', pattern: /\b[sr]k_live_[A-Za-z0-9]{20,}\b/ },
  { kind: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { kind: 'an OpenAI-style API key', pattern: /\bsk-(?:proj-)?[A-Za-z0-9_-]{32,}\b/ },
  { kind: 'a JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
];

/**
 * What kind of credential a literal value contains, if it contains one: `an AWS access key id`,
 * `a GitHub token`, `a password in an URL`... Variable references in the password part of an URL are not literal.
 */
export function credentialKind(value: string): string | undefined {
  for (const { kind, pattern } of CREDENTIAL_PATTERNS) if (pattern.test(value)) return kind;
  const url = /\b[a-z][a-z0-9+.-]*:\/\/([^:@/\s]+):([^@/\s]+)@[^\s/]+/i.exec(value);
  if (url && !url[2].startsWith('$') && !isNonSecretValue(url[2])) return 'a password in an URL';
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Credential files

/** File names of public halves and harmless neighbours of secrets. */
const PUBLIC_SSH_FILES = new Set([
  'known_hosts',
  'known_hosts2',
  'authorized_keys',
  'authorized_keys2',
  'config',
]);

const SECRET_BASENAMES: ReadonlyMap<string, string> = new Map([
  ['id_rsa', 'an SSH private key'],
  ['id_dsa', 'an SSH private key'],
  ['id_ecdsa', 'an SSH private key'],
  ['id_ed25519', 'an SSH private key'],
  ['id_ecdsa_sk', 'an SSH private key'],
  ['id_ed25519_sk', 'an SSH private key'],
  ['.npmrc', 'an npm credentials file'],
  ['.pypirc', 'a PyPI credentials file'],
  ['.netrc', 'a netrc credentials file'],
  ['_netrc', 'a netrc credentials file'],
  ['.git-credentials', 'a git credentials file'],
  ['.dockercfg', 'a Docker registry credentials file'],
  ['.pgpass', 'a PostgreSQL password file'],
  ['.vault-token', 'a Vault token'],
  ['.s3cfg', 'an S3 credentials file'],
  ['.boto', 'a cloud credentials file'],
  ['.htpasswd', 'a password file'],
  ['kubeconfig', 'a kubeconfig'],
  ['credentials.json', 'a credentials file'],
  ['.env', 'a dotenv file'],
  ['cwallet.sso', 'an Oracle wallet with stored credentials'],
  ['ewallet.p12', 'an Oracle wallet with stored credentials'],
]);

/** Published Diffie-Hellman groups (RFC 7919 `ffdhe*`, `dhparam.pem`): public parameters, no key in them. */
const DH_PARAMETERS = /^(ffdhe\d+|dh[-_]?params?[\w.-]*|dh\d*)\.pem$/;

/** A bracket glob of one name (`cwallet.ss[o]`, `[.]env`): the file it matches. */
function unglob(name: string): string {
  return name.replace(/\[([^\]!^])[^\]]*\]/g, '$1');
}

/**
 * Whether a file of the repository holds only public material, read when the scan has it: a PGP public key
 * block, or a dotenv file whose values name no credential (`LOG_LEVEL=debug`).
 */
export function holdsOnlyPublicMaterial(text: string, kind: string): boolean {
  if (/-----BEGIN PGP PUBLIC KEY BLOCK-----/.test(text) && !/PRIVATE KEY/.test(text)) return true;
  if (kind === 'an npm credentials file') return npmrcHoldsNoCredential(text);
  if (kind !== 'a dotenv file') return false;
  const assignments = text
    .split(/\r?\n/)
    .map((line) => /^\s*(?:export\s+)?([A-Za-z_][\w.]*)\s*=\s*(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null);
  return assignments.every(([, name, value]) => {
    const bare = value.trim().replace(/^(['"])(.*)\1$/, '$2');
    return !isSecretName(name) || bare === '' || isNonSecretValue(bare) || isVariableReference(bare);
  });
}

/**
 * An `.npmrc` of settings only (`legacy-peer-deps=true`, `registry=...`), or whose token comes from the
 * environment (`//registry.npmjs.org/:_authToken=${NPM_TOKEN}`, which npm expands when it runs).
 */
function npmrcHoldsNoCredential(text: string): boolean {
  return text.split(/\r?\n/).every((line) => {
    const match = /^\s*([^#;=\s][^=]*?)\s*=\s*(.*)$/.exec(line);
    if (!match) return true;
    const key = match[1].split(':').pop() ?? '';
    const value = match[2].trim().replace(/^(['"])(.*)\1$/, '$2');
    if (!/^(_auth|_authToken|_password|password|token)$/i.test(key)) return true;
    return value === '' || /^\$\{[A-Za-z_]\w*\}$/.test(value);
  });
}

/** `.env.example` and friends are templates that are meant to be shared. */
const TEMPLATE_SUFFIX = /\.(example|sample|template|tmpl|dist|defaults?)$/i;

/**
 * What kind of secret a path names, if it names one: a private key, a credentials file, a dotenv
 * file, a file in `.ssh/` or `.aws/`, a keystore. Works for globs (`*.pem`) and directories (`.aws/`).
 */
export function secretFileKind(path: string): string | undefined {
  const clean = path.replace(/\\/g, '/').replace(/\/+$/, '');
  const segments = clean.split('/').filter((s) => s !== '' && s !== '.');
  const base = unglob(segments[segments.length - 1] ?? '');
  const lower = base.toLowerCase();
  if (lower === '' || TEMPLATE_SUFFIX.test(lower) || lower.endsWith('.pub')) return undefined;
  if (DH_PARAMETERS.test(lower)) return undefined;
  // PGP signing keys shipped to verify packages are public, whatever the extension.
  if (/(^|[-_.])(gpg|pgp|signing|keyring|archive[-_]key|release[-_]key)([-_.]|$)/.test(lower))
    return undefined;

  const named = SECRET_BASENAMES.get(lower);
  if (named) return named;
  if (/^\.env\.[\w.-]+$/.test(lower) || /^[\w.-]+\.env$/.test(lower)) return 'a dotenv file';
  if (/^(client_secret|service[-_]?account)[\w.-]*\.json$/.test(lower)) return 'a cloud service-account key';
  if (/\.(p12|pfx|jks|keystore)$/.test(lower)) return 'a keystore with private keys';
  if (/\.key$/.test(lower) && !/(pub|gpg|public)/.test(lower)) return 'a private key';
  // `.pem` holds certificates as often as keys: CA bundles and certificate chains are public.
  if (/\.pem$/.test(lower) && !/(cert|crt|ca[-_.]|^ca|chain|bundle|pub|public|root)/.test(lower)) {
    return /key/.test(lower) ? 'a private key' : 'a PEM file, usually a private key';
  }
  if (/^(deploy|private)[-_]?key$/.test(lower)) return 'a private key';

  const dirs = segments.slice(0, -1).map((s) => s.toLowerCase());
  if (lower === '.ssh' || (dirs.includes('.ssh') && !PUBLIC_SSH_FILES.has(lower))) return 'SSH keys';
  if (lower === '.aws' || dirs.includes('.aws')) return 'AWS credentials';
  if (lower === '.docker' || (dirs.includes('.docker') && lower === 'config.json')) {
    return 'Docker registry credentials';
  }
  if (dirs.includes('.kube') && lower === 'config') return 'a kubeconfig';
  if (lower === '.kube') return 'a kubeconfig';
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Downloads and what runs them

/** curl short options that take a value (the rest of the cluster or the next word). */
const CURL_SHORT_WITH_VALUE = new Set('AbcCdDeEFHKmoPQrtTuUwxXyYz'.split(''));

/** curl long options that take a value as the next word (unless written `--opt=value`). */
const CURL_LONG_WITH_VALUE = new Set([
  '--output',
  '--header',
  '--data',
  '--data-raw',
  '--data-binary',
  '--data-urlencode',
  '--user',
  '--user-agent',
  '--request',
  '--proxy',
  '--cacert',
  '--capath',
  '--cert',
  '--key',
  '--config',
  '--max-time',
  '--connect-timeout',
  '--retry',
  '--retry-delay',
  '--retry-max-time',
  '--write-out',
  '--referer',
  '--cookie',
  '--cookie-jar',
  '--form',
  '--range',
  '--upload-file',
  '--dump-header',
  '--output-dir',
  '--resolve',
  '--interface',
  '--limit-rate',
  '--proto',
  '--proto-redir',
  '--url',
  '--continue-at',
  '--speed-time',
  '--speed-limit',
  '--time-cond',
  '--oauth2-bearer',
  '--netrc-file',
  '--unix-socket',
  '--create-file-mode',
]);

/** What a curl or wget invocation does with what it downloads. */
export interface Download {
  tool: 'curl' | 'wget';
  /** The URLs named on the command line (literal or not). */
  urls: string[];
  /** The body goes to stdout (a pipe, a redirect, a command substitution). */
  toStdout: boolean;
  /** Files the body is written to (`-o FILE`, `-O FILE` for wget, a `>` redirect of stdout). */
  outputFiles: string[];
  /** For curl: `-f`/`--fail`/`--fail-with-body` given, so an HTTP error exits non-zero. wget always fails. */
  failsOnHttpError: boolean;
}

/** Reads a curl or wget command (through wrappers like `sudo`), or undefined for any other command. */
export function downloadOf(command: ShellCommand): Download | undefined {
  const cmd = effectiveCommand(command);
  const name = baseName(cmd.name);
  if (name === 'curl') return curlDownload(cmd);
  if (name === 'wget') return wgetDownload(cmd);
  return undefined;
}

function curlDownload(cmd: ShellCommand): Download {
  const urls: string[] = [];
  const outputFiles: string[] = [];
  let remoteName = false;
  let fail = false;
  const args = cmd.args;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      urls.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const option = eq < 0 ? arg : arg.slice(0, eq);
      const value = eq < 0 ? undefined : arg.slice(eq + 1);
      if (option === '--fail' || option === '--fail-with-body') fail = true;
      else if (option === '--remote-name' || option === '--remote-name-all') remoteName = true;
      else if (option === '--output') outputFiles.push(value ?? args[i + 1] ?? '');
      else if (option === '--url') urls.push(value ?? args[i + 1] ?? '');
      if (eq < 0 && CURL_LONG_WITH_VALUE.has(option)) i++;
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let k = 1; k < arg.length; k++) {
        const letter = arg[k];
        if (letter === 'f') fail = true;
        else if (letter === 'O') remoteName = true;
        if (CURL_SHORT_WITH_VALUE.has(letter)) {
          const rest = arg.slice(k + 1);
          const value = rest !== '' ? rest : args[++i];
          if (letter === 'o') outputFiles.push(value ?? '');
          break;
        }
      }
      continue;
    }
    urls.push(arg);
  }
  const explicitFiles = outputFiles.filter((f) => f !== '-' && f !== '/dev/stdout');
  const stdoutByOption = outputFiles.length > explicitFiles.length;
  const redirected = stdoutRedirectTarget(cmd);
  const toStdout =
    (stdoutByOption || (explicitFiles.length === 0 && !remoteName)) && redirected === undefined;
  if (redirected !== undefined && (stdoutByOption || (explicitFiles.length === 0 && !remoteName))) {
    explicitFiles.push(redirected);
  }
  if (remoteName) {
    for (const url of urls) explicitFiles.push(remoteFileName(url));
  }
  return { tool: 'curl', urls, toStdout, outputFiles: explicitFiles, failsOnHttpError: fail };
}

function wgetDownload(cmd: ShellCommand): Download {
  const urls: string[] = [];
  let output: string | undefined;
  const args = cmd.args;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith('--output-document=')) output = arg.slice('--output-document='.length);
    else if (arg === '--output-document') output = args[++i];
    else if (arg.startsWith('--')) continue;
    else if (/^-[A-Za-z]+/.test(arg)) {
      const at = arg.indexOf('O');
      if (at > 0) output = arg.length > at + 1 ? arg.slice(at + 1) : args[++i];
      else if (/[aoPeiTtUwQ]$/.test(arg) || /^-[aoPeiTtUwQ]$/.test(arg)) i++;
    } else urls.push(arg);
  }
  const toStdoutByOption = output === '-' || output === '/dev/stdout';
  const redirected = stdoutRedirectTarget(cmd);
  const outputFiles: string[] = [];
  if (output !== undefined && !toStdoutByOption) outputFiles.push(output);
  if (output === undefined) for (const url of urls) outputFiles.push(remoteFileName(url));
  if (toStdoutByOption && redirected !== undefined) outputFiles.push(redirected);
  return {
    tool: 'wget',
    urls,
    toStdout: toStdoutByOption && redirected === undefined,
    outputFiles,
    failsOnHttpError: true,
  };
}

/** The file `curl -O` / `wget` name a download after: the URL's last path segment (query dropped). */
function remoteFileName(url: string): string {
  return url.split('?')[0].split('/').pop() ?? '';
}

/** The file stdout is redirected to (`> f`, `>> f`, `1> f`), if any; `/dev/null` counts as a file. */
export function stdoutRedirectTarget(cmd: ShellCommand): string | undefined {
  let target: string | undefined;
  for (const r of cmd.redirects) {
    if (
      (r.op === '>' || r.op === '>>' || r.op === '>|' || r.op === '&>' || r.op === '&>>') &&
      (r.fd ?? '1') === '1'
    ) {
      target = r.target;
    }
  }
  return target;
}

/** POSIX-family shells that run a script themselves (busybox only through its `sh` applet). */
const SHELLS = new Set([...SHELL_NAMES].filter((name) => name !== 'busybox'));

const INTERPRETERS = new Set([
  ...SHELLS,
  'python',
  'python2',
  'python3',
  'perl',
  'node',
  'ruby',
  'php',
  'pwsh',
]);

/**
 * Per interpreter: options that take the next word as their value, the letters that run inline code, and
 * whether `--` ends the options with the script still read from stdin (`php -- --install-dir=...`).
 */
const INTERPRETER_SYNTAX: Record<
  string,
  { withValue: string[]; inline: string; stdinAfterDashDash?: boolean }
> = {
  shell: { withValue: ['-o', '+o', '-O', '+O', '--rcfile', '--init-file'], inline: 'c' },
  // `python -m json.tool` runs a module, not the piped text.
  python: { withValue: ['-W', '-X', '-Q'], inline: 'cm' },
  perl: { withValue: ['-I', '-M', '-m', '-x'], inline: 'eE' },
  node: { withValue: ['-r', '--require', '--import', '--loader'], inline: 'ep' },
  ruby: { withValue: ['-I', '-r'], inline: 'e' },
  php: { withValue: ['-d', '-c'], inline: 'r', stdinAfterDashDash: true },
  pwsh: { withValue: [], inline: 'cC' },
};

/** The interpreter's name (`sh`, `python3`...) when the command (through wrappers) runs one. */
export function interpreterName(command: ShellCommand): string | undefined {
  const cmd = effectiveCommand(command);
  const base = baseName(cmd.name);
  const normalized = /^python3(\.\d+)?$/.test(base) ? 'python3' : base;
  return INTERPRETERS.has(normalized) ? normalized : undefined;
}

/**
 * What an interpreter command runs: `stdin` (no script argument, `-`, a shell's `-s`), `inline` code
 * (`sh -c`, `python -c`, `perl -e`), or the script file it was given.
 */
export function interpreterInput(
  command: ShellCommand,
): { kind: 'stdin' } | { kind: 'inline' } | { kind: 'file'; file: string } | undefined {
  const name = interpreterName(command);
  if (!name) return undefined;
  const isShell = SHELLS.has(name);
  const syntax = INTERPRETER_SYNTAX[isShell ? 'shell' : name.replace(/\d+$/, '')] ?? {
    withValue: [],
    inline: '',
  };
  const args = effectiveCommand(command).args;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-') return { kind: 'stdin' };
    if (arg === '--') {
      const next = args[i + 1];
      return next === undefined || next === '-' || isShell || syntax.stdinAfterDashDash
        ? { kind: 'stdin' }
        : { kind: 'file', file: next };
    }
    if (arg === '--eval' || arg === '--command') return { kind: 'inline' };
    const cluster = /^[-+]([A-Za-z]+)$/.exec(arg);
    if (cluster && arg.startsWith('-')) {
      const letters = cluster[1];
      if (isShell && letters.includes('s')) return { kind: 'stdin' };
      if ([...syntax.inline].some((l) => letters.includes(l))) return { kind: 'inline' };
    }
    if (syntax.withValue.includes(arg)) {
      i++;
      continue;
    }
    if (arg.startsWith('-') || (isShell && arg.startsWith('+'))) continue;
    return { kind: 'file', file: arg };
  }
  return { kind: 'stdin' };
}

/** Commands that check a download against a known digest or signature. */
export function verifiesDownload(command: ShellCommand): boolean {
  const cmd = effectiveCommand(command);
  const name = baseName(cmd.name);
  if (/^(sha(1|224|256|384|512)sum|md5sum|b2sum|shasum|cksum)$/.test(name)) {
    return cmd.args.some((a) => a === '--check' || /^-[A-Za-z0-9]*c[A-Za-z0-9]*$/.test(a));
  }
  if (name === 'gpg' || name === 'gpgv') return name === 'gpgv' || cmd.args.includes('--verify');
  if (name === 'cosign') return cmd.args[0] === 'verify-blob';
  if (name === 'minisign') return cmd.args.includes('-V');
  if (name === 'openssl') return cmd.args[0] === 'dgst' && cmd.args.some((a) => a === '-verify');
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// Users and who owns what

export interface CreatedUser {
  name: string;
  uid?: string;
  /** The home directory the account gets (`-d`, `-h`, `--home`, or `/home/<name>`). */
  home: string;
  /** The tool creates the home directory owned by the user. */
  createsHome: boolean;
  at: Instruction;
}

/** Accounts created by `useradd` / `adduser` in RUN instructions of these stages. */
export function createdUsers(stages: readonly Stage[]): CreatedUser[] {
  return stages.flatMap(usersCreatedIn);
}

const usersCreatedIn = sharedFact((stage: Stage): CreatedUser[] => {
  const users: CreatedUser[] = [];
  for (const instruction of stage.instructions) {
    for (const command of instruction.run?.commands ?? []) {
      const user = accountOf(effectiveCommand(command), instruction);
      if (user) users.push(user);
    }
  }
  return users;
});

/**
 * The home directory of the user an instruction runs as, where `~` and `~/.cache` are: `/root` for root (or
 * no USER on a base that runs as root), an ENV HOME, or the home of an account created in the stage chain;
 * undefined when it cannot be told (a trigger, a user the base image defines).
 */
export function homeOf(instruction: Instruction): string | undefined {
  if (instruction.onbuild || !instruction.stage) return undefined;
  const home = instruction.env.lookup('HOME');
  if (home.state === 'defined') return home.value;
  const user = instruction.user;
  if (!user.resolved) return undefined;
  if (user.value === undefined)
    return hasNonRootDefaultUser(instruction.stage.rootImage) ? undefined : '/root';
  if (user.isRoot) return '/root';
  const chain = stageChain(instruction.stage).reverse();
  return createdUsers(chain).find((u) => u.name === user.user || u.uid === user.user)?.home;
}

function accountOf(cmd: ShellCommand, instruction: Instruction): CreatedUser | undefined {
  const name = baseName(cmd.name);
  if (name !== 'useradd' && name !== 'adduser') return undefined;
  const words = cmd.words.slice(1);
  const value = (i: number): string | undefined => {
    const word = words[i];
    if (!word) return undefined;
    return word.dynamic ? instruction.env.expand(word.value).value : word.value;
  };
  // BusyBox adduser (Alpine) uses -h for the home and -D/-S/-H; Debian's adduser uses --home.
  const withValue =
    name === 'useradd'
      ? new Set([
          '-d',
          '--home-dir',
          '-u',
          '--uid',
          '-g',
          '--gid',
          '-G',
          '--groups',
          '-s',
          '--shell',
          '-c',
          '--comment',
          '-k',
          '--skel',
          '-e',
          '-f',
          '-K',
          '--key',
          '-p',
          '--password',
          '-b',
          '--base-dir',
        ])
      : new Set([
          '-h',
          '--home',
          '-u',
          '--uid',
          '-g',
          '-G',
          '--gid',
          '--ingroup',
          '-s',
          '--shell',
          '-k',
          '--gecos',
          '--comment',
          '--firstuid',
          '--lastuid',
        ]);
  let home: string | undefined;
  let uid: string | undefined;
  let createsHome = name === 'adduser';
  let account: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const arg = value(i) ?? '';
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const option = eq > 0 ? arg.slice(0, eq) : arg;
    const optionValue = eq > 0 ? arg.slice(eq + 1) : undefined;
    if (option.startsWith('-') && option.length > 1) {
      const next = optionValue ?? value(i + 1);
      if (
        option === '-d' ||
        option === '--home-dir' ||
        (name === 'adduser' && (option === '-h' || option === '--home'))
      ) {
        home = next;
      } else if (option === '-u' || option === '--uid') uid = next;
      else if (option === '-m' || option === '--create-home') createsHome = true;
      else if (option === '-M' || option === '--no-create-home' || (name === 'adduser' && option === '-H')) {
        createsHome = false;
      } else if (name === 'adduser' && /^-[A-Za-z]+$/.test(option) && option.includes('H'))
        createsHome = false;
      if (withValue.has(option) && optionValue === undefined) i++;
      continue;
    }
    account ??= arg;
  }
  if (!account) return undefined;
  const user: CreatedUser = { name: account, home: home ?? `/home/${account}`, createsHome, at: instruction };
  if (uid !== undefined) user.uid = uid;
  return user;
}

/** A path change made by a shell command: created, or handed to someone with chown/chgrp. */
export interface PathEffect {
  path: string;
  /** chown/chgrp `-R`: covers everything below the path too. */
  recursive: boolean;
}

/** Text a RUN writes into a file: `echo ... > file`, `printf ... | tee file`, `cat > file <<EOF`. */
export interface FileWrite {
  file: string;
  /** Position in the RUN's commands of the command that produces the text (for `tee`, the one piped into it). */
  position: number;
  /** The text line by line, trimmed: that command's arguments (`\n` escapes split too) and heredoc bodies. */
  lines: string[];
}

/** Every file a RUN writes text into with a `>` redirect or `tee`, in order. */
export const fileWrites = sharedFact((instruction: Instruction): FileWrite[] => {
  const commands = instruction.run?.commands ?? [];
  const writes: FileWrite[] = [];
  commands.forEach((outer, position) => {
    const command = effectiveCommand(outer);
    const heredocs = command.redirects.map((r) => r.heredoc ?? '');
    const linesOf = (writer: ShellCommand): string[] =>
      [...writer.args, ...heredocs].flatMap((text) => text.split(/\n|\\n/)).map((line) => line.trim());
    for (const redirect of command.redirects) {
      if (redirect.op.startsWith('>'))
        writes.push({ file: redirect.target, position, lines: linesOf(command) });
    }
    if (baseName(command.name) !== 'tee') return;
    // tee writes what the previous stage of its pipeline prints, or else its own input (a heredoc).
    const pipeline = outer.pipeline;
    const feeder = pipeline
      ? commands.findIndex((c) => c.pipeline?.id === pipeline.id && c.pipeline.index === pipeline.index - 1)
      : -1;
    const writer = feeder >= 0 ? effectiveCommand(commands[feeder]) : command;
    for (const file of command.args.filter((a) => !a.startsWith('-'))) {
      writes.push({ file, position: feeder >= 0 ? feeder : position, lines: linesOf(writer) });
    }
  });
  return writes;
});

/** Paths a command creates or writes: mkdir/touch targets, cp/mv/ln/install destinations, `>` redirects. */
export function pathsWritten(command: ShellCommand, cwd: string | undefined): PathEffect[] {
  const cmd = effectiveCommand(command);
  const name = baseName(cmd.name);
  const out: string[] = [];
  if (name === 'mkdir') out.push(...operands(cmd.args, ['-m', '--mode', '-Z', '--context']));
  else if (name === 'touch') out.push(...operands(cmd.args, ['-t', '-d', '-r', '--date', '--reference']));
  else if (name === 'cp' || name === 'mv' || name === 'ln') {
    const targetDirectory = optionValue(cmd.args, ['-t', '--target-directory']);
    const rest = operands(cmd.args, ['-t', '--target-directory', '-S', '--suffix']);
    if (targetDirectory) out.push(targetDirectory);
    else if (rest.length >= 2) out.push(rest[rest.length - 1]);
  } else if (name === 'git' && cmd.args[0] === 'clone') {
    const rest = operands(cmd.args.slice(1), [
      '-b',
      '--branch',
      '--depth',
      '-o',
      '--origin',
      '-c',
      '--config',
    ]);
    if (rest.length >= 2) out.push(rest[rest.length - 1]);
  }
  for (const r of cmd.redirects) {
    if ((r.op === '>' || r.op === '>>' || r.op === '>|') && (r.fd ?? '1') === '1' && !r.dynamic)
      out.push(r.target);
  }
  return out
    .filter((p) => !p.startsWith('/dev/') && !p.includes('$') && !p.startsWith('~'))
    .map((p) => resolvePath(p, cwd))
    .filter((p): p is string => p !== undefined)
    .map((path) => ({ path, recursive: false }));
}

/** Paths a `chown`/`chgrp` hands to an account. */
export function pathsHandedOver(command: ShellCommand, cwd: string | undefined): PathEffect[] {
  const cmd = effectiveCommand(command);
  const name = baseName(cmd.name);
  if (name !== 'chown' && name !== 'chgrp') return [];
  const recursive = cmd.args.some((a) => a === '--recursive' || /^-[A-Za-z]*R/.test(a));
  const reference = cmd.args.some((a) => a.startsWith('--reference'));
  // The first operand is the owner, unless `--reference=FILE` gives it.
  return operands(cmd.args, [])
    .slice(reference ? 0 : 1)
    .filter((p) => !p.includes('$') && !p.startsWith('~'))
    .map((p) => resolvePath(p, cwd))
    .filter((p): p is string => p !== undefined)
    .map((path) => ({ path, recursive }));
}

/** Non-option arguments, skipping the values of the given options (`-m 0700`; `--mode=0700` is one word). */
function operands(args: readonly string[], optionsWithValue: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      out.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      if (optionsWithValue.includes(arg)) i++;
      continue;
    }
    out.push(arg);
  }
  return out;
}

function optionValue(args: readonly string[], names: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (names.includes(args[i])) return args[i + 1];
    const long = names.find((n) => n.startsWith('--') && args[i].startsWith(`${n}=`));
    if (long) return args[i].slice(long.length + 1);
  }
  return undefined;
}

/** Whether an effect on `effect.path` covers `path`. */
export function covers(effect: PathEffect, path: string): boolean {
  return effect.path === path || (effect.recursive && isWithin(path, effect.path));
}

// ---------------------------------------------------------------------------------------------------------
// Scripts of a RUN

/** One shell script a RUN executes: its own script, or a heredoc fed to a shell (`RUN <<EOF bash`). */
export interface RunScript {
  commands: ShellCommand[];
  /** The heredoc whose body this is, for heredoc scripts (the RUN's own `RUN <<EOF` body included). */
  heredoc?: Heredoc;
  /** The shell reading the heredoc (`bash`), for a heredoc fed to a shell command. */
  feeder?: ShellCommand;
}

const heredocScripts = new WeakMap<Instruction, RunScript[]>();

/** The RUN's script plus the body of every heredoc it feeds to a shell on stdin (`bash <<EOF`, `RUN <<EOF sh -e`). */
export function runScripts(instruction: Instruction): RunScript[] {
  const run = instruction.run;
  if (!run) return [];
  const cached = heredocScripts.get(instruction);
  if (cached) return cached;
  const own = instruction.heredocs.find((h) => h.isScript);
  const scripts: RunScript[] = [{ commands: run.commands, ...(own ? { heredoc: own } : {}) }];
  for (const command of run.commands) {
    const shell = effectiveCommand(command);
    const invocation = commandShellInvocation(shell);
    if (!invocation || invocation.scriptIndex !== undefined || interpreterInput(shell)?.kind !== 'stdin')
      continue;
    for (const redirect of command.redirects) {
      if (redirect.op !== '<<' && redirect.op !== '<<-') continue;
      const heredoc = instruction.heredocs.find((h) => h.delimiter === redirect.target && !h.isScript);
      if (!heredoc) continue;
      const bodyLines = new LineIndex(heredoc.body);
      const parsed = parseShell(heredoc.body, {
        initialOptions: { ...instruction.shell.options, ...invocation.options },
        lineOf: (offset) => heredoc.line + bodyLines.lineOf(offset) - 1,
      });
      scripts.push({ commands: parsed.commands, heredoc, feeder: command });
    }
  }
  heredocScripts.set(instruction, scripts);
  return scripts;
}

// ---------------------------------------------------------------------------------------------------------
// EXPOSE

export type ExposedPort =
  | {
      ok: true;
      start: number;
      end: number;
      protocol: 'tcp' | 'udp' | 'sctp';
      written: string;
      offset: number;
    }
  | { ok: false; problem: string; written: string; offset: number }
  /** Depends on a build arg whose value is unknown. */
  | { ok: undefined; written: string; offset: number };

/** Each word of an EXPOSE: `80`, `443/tcp`, `8000-8010/udp`, after substitution. */
export function exposedPorts(model: DockerfileModel, instruction: Instruction): ExposedPort[] {
  return splitWords(instruction.args, model.escapeChar).map((word) => {
    const expanded = instruction.env.expand(word.raw);
    const base = { written: word.raw, offset: word.offset };
    if (!expanded.exact) return { ok: undefined, ...base };
    const value = expanded.value;
    if (/^(\d+\.){3}\d+:|^\d+:\d+/.test(value)) {
      return {
        ok: false,
        problem: `\`${value}\` maps a host port: EXPOSE only documents container ports, publishing is \`docker run -p\`'s job`,
        ...base,
      };
    }
    const match = /^(\d+)(?:-(\d+))?(?:\/([A-Za-z]+))?$/.exec(value);
    if (!match)
      return { ok: false, problem: `\`${value}\` is not a port, a port range or \`port/protocol\``, ...base };
    const start = Number(match[1]);
    const end = match[2] === undefined ? start : Number(match[2]);
    const protocol = (match[3] ?? 'tcp').toLowerCase();
    if (protocol !== 'tcp' && protocol !== 'udp' && protocol !== 'sctp') {
      return {
        ok: false,
        problem: `\`${match[3]}\` is not a protocol: use \`tcp\`, \`udp\` or \`sctp\``,
        ...base,
      };
    }
    for (const port of [start, end]) {
      if (port < 1 || port > 65535) {
        return { ok: false, problem: `port ${port} is outside 1-65535`, ...base };
      }
    }
    if (end < start) return { ok: false, problem: `the range \`${value}\` ends before it starts`, ...base };
    return { ok: true, start, end, protocol, ...base };
  });
}
