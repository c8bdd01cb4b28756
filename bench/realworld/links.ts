// How many cross-file links the coherence checker resolves on a corpus of real repositories (one
// subdirectory per repository, named owner+name, as for scan.ts): image builds with a Dockerfile
// in the scan, ECR pushes, and AWS role assumptions, with how many of those go through OIDC.
// Usage: npx tsx bench/realworld/links.ts CORPUS_DIR [--verbose]
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { discover } from '../../src/engine/discover';
import { createRunContext } from '../../src/engine/rule';
import { loadConfig, scanLimits } from '../../src/engine/config-file';
import { CHECKERS } from '../../src/checkers';
import { deploymentLinks, isLinkFile } from '../../src/checkers/coherence/links';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { verbose: { type: 'boolean' } },
});
const corpus = positionals[0];
if (!corpus) {
  console.error('usage: tsx bench/realworld/links.ts CORPUS_DIR [--verbose]');
  process.exit(2);
}

const totals = { repositories: 0, workflows: 0, builds: 0, pushes: 0, roles: 0, oidcRoles: 0 };
for (const repo of readdirSync(corpus).sort()) {
  const root = path.join(corpus, repo);
  if (!statSync(root).isDirectory()) continue;
  totals.repositories++;
  const config = loadConfig(root, undefined, CHECKERS);
  const { files } = await discover({
    root,
    include: ['**'],
    exclude: config.exclude,
    maxFileBytes: scanLimits(config).maxFileBytes,
  });
  const ctx = createRunContext({
    root,
    config: { ...config, repository: config.repository ?? repo.replace('+', '/') },
    allFiles: files,
  });
  const links = deploymentLinks(files.filter(isLinkFile), ctx, ctx.config.repository);
  const jobs = links.workflows.flatMap((w) => w.jobs);
  const counts = {
    workflows: links.workflows.length,
    builds: links.builds.length,
    pushes: jobs.reduce((n, j) => n + j.pushes.length, 0),
    roles: jobs.reduce((n, j) => n + j.roles.length, 0),
    oidcRoles: jobs.reduce((n, j) => n + j.roles.filter((r) => r.oidc).length, 0),
  };
  for (const key of Object.keys(counts) as (keyof typeof counts)[]) totals[key] += counts[key];
  if (values.verbose && (counts.builds || counts.pushes || counts.roles)) {
    console.log(`${repo}\t${JSON.stringify(counts)}`);
    for (const b of links.builds)
      console.log(`  build ${b.image.repository} <- ${b.dockerfile} (${b.at.file}:${b.at.line})`);
    for (const j of jobs)
      for (const p of j.pushes)
        console.log(
          `  push ${p.image.repository} (${p.at.file}:${p.at.line}) role ${p.role?.roleName ?? '-'}`,
        );
    for (const j of jobs)
      for (const r of j.roles) console.log(`  role ${r.arn} oidc=${r.oidc} (${r.at.file}:${r.at.line})`);
  }
}
console.log(JSON.stringify(totals));
