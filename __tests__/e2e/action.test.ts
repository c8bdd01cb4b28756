import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/finding';
import { sarifSchemaErrors } from '../cli/helpers';
import {
  copyOfProjectDir,
  PROJECT_ROOT,
  runAction,
  tempDir,
  workflowCommands,
  type ActionRun,
} from './run-dist';

/** The inputs as the runner passes them when the workflow sets none: the action.yml defaults. */
const DEFAULT_INPUTS = {
  paths: '.',
  exclude: '',
  config: '',
  checkers: 'all',
  'fail-on': 'error',
  annotations: 'true',
  summary: 'true',
  'sarif-file': '',
};

function reportOf(run: ActionRun): { tool: string; findings: Finding[] } {
  return JSON.parse(readFileSync(run.outputs['report-json'], 'utf8'));
}

describe('the action, run from dist/index.js as the runner runs it', () => {
  it('reports the seed service, writes every output and fails the step on an error', () => {
    const workspace = copyOfProjectDir('examples/seed-service');
    const run = runAction(workspace, { ...DEFAULT_INPUTS, 'sarif-file': 'results/deploy-lint.sarif' });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('fail');

    const report = reportOf(run);
    expect(report.tool).toBe('deploy-lint');
    expect(path.dirname(run.outputs['report-json'])).toBe(run.runnerTemp);
    const count = (severity: string) => report.findings.filter((f) => f.severity === severity).length;
    expect(run.outputs.findings).toBe(String(report.findings.length));
    expect(run.outputs.errors).toBe(String(count('error')));
    expect(run.outputs.warnings).toBe(String(count('warning')));
    expect(run.outputs.notices).toBe(String(count('notice')));
    expect(report.findings).toContainEqual(
      expect.objectContaining({ ruleId: 'terraform/state-committed', file: 'terraform/terraform.tfstate' }),
    );
    expect(report.findings).toContainEqual(
      expect.objectContaining({ ruleId: 'terraform/no-remote-backend', file: 'terraform/main.tf' }),
    );
    // The Dockerfile's first RUN expands variables: the bundle loads dist/mvdan-sh.cjs to read it.
    expect(report.findings).toContainEqual(
      expect.objectContaining({ ruleId: 'dockerfile/remote-script-exec', file: 'Dockerfile' }),
    );

    expect(run.outputs['sarif-file']).toBe(path.join(workspace, 'results/deploy-lint.sarif'));
    const sarif = JSON.parse(readFileSync(run.outputs['sarif-file'], 'utf8'));
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expect(sarif.runs[0].results.length).toBe(report.findings.length);

    expect(run.summary).toContain('deploy-lint');
    expect(run.summary).toContain('terraform/state-committed');
    expect(run.summary).toContain('terraform/terraform.tfstate');
    // The topology picture of the review's AZ layout.
    expect(run.summary).toContain('### Topology: seed-service');
    expect(run.summary).toContain('```mermaid\nxychart-beta');
    expect(run.summary).toContain('| us-east-1a | us-east-1 | 3 | 75% | yes |');

    const errors = workflowCommands(run.stdout, 'error');
    expect(errors).toContainEqual({
      properties: expect.objectContaining({ file: 'terraform/terraform.tfstate', line: '1' }),
      message: expect.stringContaining('state'),
    });
    // setFailed: the last error says why the step failed.
    expect(errors.at(-1)?.properties).toEqual({});
    expect(errors.at(-1)?.message).toMatch(/deploy-lint: \d+ findings? at error/);
    // GitHub shows 10 warning annotations per step: as many as fit, each one a warning of the report.
    const warnings = workflowCommands(run.stdout, 'warning');
    expect(warnings.length).toBe(Math.min(10, count('warning')));
    const warned = new Set(report.findings.filter((f) => f.severity === 'warning').map((f) => f.file));
    for (const w of warnings) expect(warned).toContain(w.properties.file);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ ruleId: 'k8s/external-traffic-local-skew', file: 'k8s/service.yaml' }),
    );
  });

  it('passes when nothing reaches fail-on, and writes no SARIF unless asked', () => {
    const workspace = copyOfProjectDir('examples/seed-service');
    const run = runAction(workspace, { ...DEFAULT_INPUTS, 'fail-on': 'never' });
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('pass');
    expect(run.outputs['sarif-file']).toBe('');
    expect(Number(run.outputs.errors)).toBeGreaterThan(0);
    expect(workflowCommands(run.stdout, 'error').every((c) => c.properties.file)).toBe(true);
  });

  it('links the summary to the pull request head on a pull_request event, not the merge commit', () => {
    const workspace = copyOfProjectDir('examples/seed-service');
    const head = 'feedfacefeedfacefeedfacefeedfacefeedface';
    const run = runAction(workspace, DEFAULT_INPUTS, {
      event: {
        name: 'pull_request',
        payload: { action: 'synchronize', number: 12, pull_request: { number: 12, head: { sha: head } } },
      },
    });
    expect(run.summary).toContain(`/acme/seed-service/blob/${head}/terraform/main.tf#L`);
    expect(run.summary).not.toContain('/blob/0123456789abcdef0123456789abcdef01234567/');
  });

  it('respects paths, exclude and checkers', () => {
    const workspace = copyOfProjectDir('examples/seed-service');
    const onlyK8s = runAction(workspace, { ...DEFAULT_INPUTS, paths: 'k8s\niam' });
    expect(reportOf(onlyK8s).findings.filter((f) => f.file.startsWith('terraform/'))).toEqual([]);
    const excluded = runAction(workspace, { ...DEFAULT_INPUTS, exclude: 'terraform/**, other/**' });
    expect(reportOf(excluded).findings.filter((f) => f.file.startsWith('terraform/'))).toEqual([]);
    const dockerOnly = runAction(workspace, { ...DEFAULT_INPUTS, checkers: 'dockerfile' });
    expect(reportOf(dockerOnly).findings.filter((f) => f.ruleId.startsWith('terraform/'))).toEqual([]);
  });

  it('leaves out annotations and the summary when they are turned off', () => {
    const workspace = copyOfProjectDir('examples/seed-service');
    const run = runAction(workspace, { ...DEFAULT_INPUTS, annotations: 'false', summary: 'false' });
    expect(run.code).toBe(1);
    expect(run.summary).toBe('');
    const annotations = [
      ...workflowCommands(run.stdout, 'error'),
      ...workflowCommands(run.stdout, 'warning'),
    ];
    expect(annotations.filter((a) => a.properties.file)).toEqual([]);
    expect(reportOf(run).findings.length).toBeGreaterThan(0);
  });

  it.each([
    [
      'fail-on',
      'critical',
      /Invalid input 'fail-on' value 'critical'; allowed values: error, warning, notice, never/,
    ],
    ['annotations', 'yes', /Invalid input 'annotations' value 'yes'; allowed values: true, false/],
    ['checkers', 'terraform,helm', /input 'checkers'.*'helm'/],
    ['paths', '../elsewhere', /input 'paths'/],
    ['exclude', 'vendor/**\n../elsewhere', /input 'exclude'.*'\.\.\/elsewhere'/],
    ['checkers', 'dockerfile,bogus', /input 'checkers'.*'bogus'/],
    ['fail-on', 'fatal', /input 'fail-on'.*'fatal'/],
  ])('fails with result=error on a bad %s', (input, value, message) => {
    const workspace = copyOfProjectDir('examples/seed-service');
    const run = runAction(workspace, { ...DEFAULT_INPUTS, [input]: value });
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('error');
    expect(workflowCommands(run.stdout, 'error').map((e) => e.message)).toEqual([
      expect.stringMatching(message),
    ]);
  });

  it('fails with result=error and a distinct message on an invalid config file', () => {
    const workspace = copyOfProjectDir('examples/seed-service');
    writeFileSync(path.join(workspace, '.deploy-lint.yml'), 'rules:\n  deploy-lint/skipped-file: loud\n');
    const run = runAction(workspace, DEFAULT_INPUTS);
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('error');
    const errors = workflowCommands(run.stdout, 'error');
    // On the config file at its line, then the step's failure.
    expect(errors[0].properties).toMatchObject({ file: '.deploy-lint.yml', line: '2' });
    expect(errors[0].message).toContain('loud');
    expect(errors.at(-1)?.message).toMatch(/invalid config file: \.deploy-lint\.yml:2: .*loud/);
  });

  it('names the config input when the file it names has a bad key', () => {
    const workspace = copyOfProjectDir('examples/seed-service');
    writeFileSync(path.join(workspace, 'lint.yml'), 'checkers: [dockerfile]\nseverity: high\n');
    const run = runAction(workspace, { ...DEFAULT_INPUTS, config: 'lint.yml' });
    expect(run.outputs.result).toBe('error');
    const errors = workflowCommands(run.stdout, 'error');
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringContaining('severity is not a known setting'),
      expect.stringMatching(
        /invalid config file \(input 'config'\): lint\.yml:2: severity is not a known setting/,
      ),
    ]);
    expect(errors[0].properties).toMatchObject({ file: 'lint.yml', line: '2' });
  });

  it('fails with result=error when the config input names a missing file', () => {
    const workspace = copyOfProjectDir('examples/seed-service');
    const run = runAction(workspace, { ...DEFAULT_INPUTS, config: 'ci/deploy-lint.yml' });
    expect(run.outputs.result).toBe('error');
    expect(workflowCommands(run.stdout, 'error')[0].message).toMatch(/input 'config'.*ci\/deploy-lint\.yml/);
  });

  it('keeps every other output when one sink fails', () => {
    const workspace = copyOfProjectDir('examples/seed-service');
    const blocked = path.join(workspace, 'not-a-file');
    mkdirSync(blocked);
    // The summary cannot be appended to a directory; annotations, SARIF and outputs go on.
    const run = runAction(
      workspace,
      { ...DEFAULT_INPUTS, 'sarif-file': 'out.sarif' },
      { summaryFile: blocked },
    );
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('fail');
    expect(workflowCommands(run.stdout, 'warning').map((w) => w.message)).toContainEqual(
      expect.stringMatching(/the summary output failed/),
    );
    expect(JSON.parse(readFileSync(run.outputs['sarif-file'], 'utf8')).version).toBe('2.1.0');
    expect(workflowCommands(run.stdout, 'error').some((e) => e.properties.file)).toBe(true);
    expect(reportOf(run).findings.length).toBe(Number(run.outputs.findings));
  });

  it('keeps within 10 annotations per level on a large repository, failure message included', () => {
    // The seed Dockerfile has 3 errors and 8 warnings: 14 copies, two of them under odd directory names.
    const workspace = tempDir('many');
    const dirs = [...Array.from({ length: 12 }, (_, i) => `svc${i}`), 'we|ird `dir`', 'new\nline'];
    for (const dir of dirs) {
      mkdirSync(path.join(workspace, dir));
      copyFileSync(
        path.join(PROJECT_ROOT, 'examples/seed-service/Dockerfile'),
        path.join(workspace, dir, 'Dockerfile'),
      );
    }
    const run = runAction(workspace, DEFAULT_INPUTS);
    expect(run.code).toBe(1);
    expect(Number(run.outputs.errors)).toBeGreaterThan(30);
    expect(Number(run.outputs.warnings)).toBeGreaterThan(30);

    const errors = workflowCommands(run.stdout, 'error');
    const warnings = workflowCommands(run.stdout, 'warning');
    const notices = workflowCommands(run.stdout, 'notice');
    expect(errors).toHaveLength(10);
    expect(errors.at(-1)?.message).toMatch(/^deploy-lint: \d+ findings at error/);
    expect(warnings).toHaveLength(10);
    expect(notices.length).toBeLessThanOrEqual(10);
    const total = Number(run.outputs.findings);
    expect(notices.at(-1)?.message).toBe(
      `${total - 9 - 10 - (notices.length - 1)} more findings: see the job summary.`,
    );
    expect(errors.map((e) => e.properties.file)).toContain('new\nline/Dockerfile');

    // Every row of the findings table keeps its four cells, whatever the file names hold.
    const table = run.summary.slice(run.summary.indexOf('### Findings')).split('\n\n')[1].split('\n');
    const rows = table.slice(2);
    expect(rows).toHaveLength(total);
    for (const row of rows) {
      expect(row.replace(/^\||\|$/g, '').split(/(?<!\\)\|/)).toHaveLength(4);
    }
    expect(run.summary).toContain('[we\\|ird \\`dir\\`/Dockerfile:5](');
    expect(run.summary).toContain('[new<br>line/Dockerfile:5](');
  });

  it('does not hang on a FIFO, a link to one or a loop of links, and says nothing about them', () => {
    const workspace = copyOfProjectDir('examples/seed-service');
    execFileSync('mkfifo', [path.join(workspace, 'k8s/pipe.yaml'), path.join(workspace, 'Dockerfile.fifo')]);
    symlinkSync('pipe.yaml', path.join(workspace, 'k8s/link-to-pipe.yaml'));
    symlinkSync('loop-b', path.join(workspace, 'loop-a'));
    symlinkSync('loop-a', path.join(workspace, 'loop-b'));
    const run = runAction(workspace, DEFAULT_INPUTS);
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('fail');
    const files = reportOf(run).findings.map((f) => f.file);
    expect(files.filter((f) => /pipe|fifo|loop/.test(f))).toEqual([]);
  });
});
