// Generates docs/rules.md from the metadata of every rule (`npm run docs`), and the terminal
// sample in the README from a real run of the CLI. CI regenerates the page and fails when the
// committed file differs; a test does the same for the README sample.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHECKERS } from '../src/checkers';
import { ENGINE_RULES } from '../src/engine/engine-rules';
import type { RuleMeta } from '../src/engine/rule';
import { runCli } from '../src/cli/run';
// Reports link rule ids to these headings; one function decides the anchor for both.
import { ruleDocsAnchor } from '../src/report/common';

export interface RuleSection {
  /** Heading and anchor of the section: the checker id, or `deploy-lint` for the engine's own rules. */
  id: string;
  intro: string;
  rules: readonly RuleMeta[];
}

const CHECKER_INTROS: Record<string, string> = {
  dockerfile:
    'Dockerfiles: `Dockerfile`, `Containerfile`, `Dockerfile.*`, `Dockerfile-*`, `*.Dockerfile`, and any file that starts with a `# syntax=docker/dockerfile` directive; never a `Dockerfile.*.dockerignore` or a template that renders Dockerfiles (`{{ }}`/`{% %}` lines).',
  kubernetes: 'Kubernetes manifests: YAML documents with `apiVersion` and `kind`.',
  iam: 'AWS IAM policies in JSON files, Terraform and CloudFormation.',
  topology:
    'Where each service runs: the topology file (`deploy-topology.yml`, `*.topology.yml`), Terraform, CloudFormation and Kubernetes zone pinning.',
  terraform: 'Terraform state handling: backends, committed state, ignore files.',
  coherence:
    'Files of different kinds that must agree: the image a Dockerfile builds and the manifest that runs it (linked through GitHub workflows, docker-compose and Skaffold), the workflow that pushes to ECR and the role policies in the repository, the OIDC token a job gets and the trust policy that must admit it. Values are resolved from the files themselves; what depends on secrets or run-time data is skipped, never guessed.',
};

export function ruleSections(): RuleSection[] {
  return [
    ...CHECKERS.map((c) => ({ id: c.id, intro: CHECKER_INTROS[c.id] ?? '', rules: c.rules })),
    {
      id: 'deploy-lint',
      intro: 'Findings about the scan itself rather than about one checker’s domain.',
      rules: ENGINE_RULES,
    },
  ];
}

/** The code-fence language for an example, from the file name it is scanned as. */
export function fenceLanguage(fileName: string): string {
  const base = fileName.split('/').pop() ?? fileName;
  if (/(^|\.)(Dockerfile|Containerfile)(\.|$)/i.test(base)) return 'dockerfile';
  const ext = base.includes('.') ? base.slice(base.lastIndexOf('.') + 1).toLowerCase() : '';
  const byExtension: Record<string, string> = {
    tf: 'hcl',
    tfvars: 'hcl',
    hcl: 'hcl',
    yml: 'yaml',
    yaml: 'yaml',
    json: 'json',
    sh: 'sh',
    gitignore: 'gitignore',
  };
  return byExtension[ext] ?? (base === '.gitignore' ? 'gitignore' : 'text');
}

/** A fence longer than any backtick run inside the code, so examples holding ``` stay intact. */
function fenced(code: string, language: string): string {
  const longestRun = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${language}\n${code.replace(/\n+$/, '')}\n${fence}`;
}

function severityLabel(rule: RuleMeta): string {
  return rule.defaultOff ? `${rule.severity}, off by default` : rule.severity;
}

/** One line of a Markdown table: pipes in the text would split cells. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function renderRule(rule: RuleMeta): string {
  const parts = [
    `### ${rule.id}`,
    '',
    `**${cell(rule.title)}** · ${severityLabel(rule)}`,
    '',
    rule.help.trim(),
  ];
  if (rule.aliases?.length)
    parts.push('', `Also known as: ${rule.aliases.map((a) => `\`${a}\``).join(', ')}.`);
  if (rule.example) {
    const language = fenceLanguage(rule.example.file);
    if (rule.example.config) {
      parts.push('', 'With this `.deploy-lint.yml`:', '', fenced(rule.example.config, 'yaml'));
    }
    for (const [file, text] of Object.entries(rule.example.files ?? {})) {
      parts.push('', `Beside \`${file}\`:`, '', fenced(text, fenceLanguage(file)));
    }
    parts.push(
      '',
      `Fails (\`${rule.example.file}\`):`,
      '',
      fenced(rule.example.bad, language),
      '',
      'Fixed:',
      '',
      fenced(rule.example.good, language),
    );
  }
  return parts.join('\n');
}

function renderSection(section: RuleSection): string {
  const table = [
    '| rule | severity | title |',
    '|---|---|---|',
    ...section.rules.map(
      (r) => `| [${r.id}](#${ruleDocsAnchor(r.id)}) | ${severityLabel(r)} | ${cell(r.title)} |`,
    ),
  ];
  return [
    `## ${section.id}`,
    '',
    section.intro,
    '',
    section.rules.length ? table.join('\n') : '_No rules yet._',
    ...section.rules.map((r) => `\n${renderRule(r)}`),
  ].join('\n');
}

export function renderRulesDoc(sections: readonly RuleSection[] = ruleSections()): string {
  const total = sections.reduce((n, s) => n + s.rules.length, 0);
  const header = [
    '# deploy-lint rules',
    '',
    '<!-- Generated by `npm run docs` from the rules’ metadata. Do not edit by hand. -->',
    '',
    '## Severity policy',
    '',
    '- **error**: the build or the deploy fails, or a secret or privilege leaks, on every reading of the file. If any common, legitimate pattern makes it fine, it is not an error.',
    '- **warning**: very likely a defect that a maintainer would fix when shown it.',
    '- **notice**: advice, hygiene, or a defect that depends on context the repository does not show.',
    '',
    `${total} rules. A rule marked "off by default" reports nothing until \`.deploy-lint.yml\` gives it a level under \`rules:\`; any rule can be set to \`error\`, \`warning\`, \`notice\` or \`off\` there.`,
    '',
    'Suppress one finding with a comment on the line before it (`# deploy-lint ignore=<rule-id> -- <reason>`), a Kubernetes annotation, or an `ignore:` entry in the config file; see the README.',
    '',
    'Each rule has a section whose anchor is its id without the slash (`#dockerfilefrom-missing-tag` for `dockerfile/from-missing-tag`); SARIF `helpUri`, the job summary and review comments link there, at the version that ran.',
    '',
    indexTable(sections),
  ];
  return `${[header.join('\n'), ...sections.map(renderSection)].join('\n\n')}\n`;
}

/** One row per checker: where its section is and how many rules of each severity it has. */
function indexTable(sections: readonly RuleSection[]): string {
  const count = (rules: readonly RuleMeta[], severity: string) =>
    rules.filter((r) => r.severity === severity).length;
  return [
    '| checker | rules | error | warning | notice |',
    '|---|--:|--:|--:|--:|',
    ...sections.map(
      (s) =>
        `| [${s.id}](#${ruleDocsAnchor(s.id)}) | ${s.rules.length} | ${count(s.rules, 'error')} | ${count(s.rules, 'warning')} | ${count(s.rules, 'notice')} |`,
    ),
  ].join('\n');
}

/** What the README's terminal sample runs, from the project root. */
export const TERMINAL_SAMPLE_ARGS = ['examples/seed-service/terraform'];
/** The width of the terminal the sample is shown in. */
export const TERMINAL_SAMPLE_COLUMNS = 100;
const SAMPLE_START = '<!-- text-output:start (generated by npm run docs) -->';
const SAMPLE_END = '<!-- text-output:end -->';

/**
 * The text output as a terminal of TERMINAL_SAMPLE_COLUMNS shows it (wrapped, without colour as
 * with NO_COLOR set), under the command that produced it.
 */
export async function terminalSample(projectRoot: string): Promise<string> {
  let stdout = '';
  await runCli(TERMINAL_SAMPLE_ARGS, {
    stdout: (text) => (stdout += text),
    stderr: (text) => {
      throw new Error(`the terminal sample wrote to stderr: ${text}`);
    },
    cwd: projectRoot,
    env: { NO_COLOR: '1' },
    stdoutIsTTY: true,
    columns: TERMINAL_SAMPLE_COLUMNS,
  });
  return ['```console', `$ deploy-lint ${TERMINAL_SAMPLE_ARGS.join(' ')}`, stdout.trimEnd(), '```'].join(
    '\n',
  );
}

/** The README with the sample between its markers replaced. */
export function withTerminalSample(readme: string, sample: string): string {
  const start = readme.indexOf(SAMPLE_START);
  const end = readme.indexOf(SAMPLE_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${SAMPLE_START} ... ${SAMPLE_END} block`);
  return `${readme.slice(0, start + SAMPLE_START.length)}\n${sample}\n${readme.slice(end)}`;
}

async function main(): Promise<void> {
  const out = path.resolve(process.argv[2] ?? 'docs/rules.md');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, renderRulesDoc());
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
  const readme = readFileSync('README.md', 'utf8');
  const updated = withTerminalSample(readme, await terminalSample(process.cwd()));
  if (updated !== readme) {
    writeFileSync('README.md', updated);
    console.log('updated the terminal sample in README.md');
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
