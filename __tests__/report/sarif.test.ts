import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { FINGERPRINT_KEY, renderSarif } from '../../src/report/sarif';
import { makeFinding, makeResult, sampleResult } from './helpers';

// The OASIS SARIF 2.1.0 schema (draft-04), as shipped by Microsoft's SARIF SDK package.
const require = createRequire(import.meta.url);
const schema = JSON.parse(
  readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
);
// unicodeRegExp: false because one pattern in the official schema is not valid with the `u` flag.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function expectValid(log: unknown): void {
  const ok = validate(log);
  expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
  expect(ok).toBe(true);
}

const DOCS = 'https://github.com/acme/deploy-lint/blob/v1/docs/rules.md';

describe('renderSarif', () => {
  it('validates against the SARIF 2.1.0 schema, with and without the optional parts', () => {
    expectValid(renderSarif(sampleResult(), { version: '0.1.0' }));
    expectValid(
      renderSarif(sampleResult(), {
        version: '0.1.0',
        srcRootUri: 'file:///home/runner/work/shop/shop',
        docsBaseUrl: DOCS,
        informationUri: 'https://github.com/acme/deploy-lint',
        pathPrefix: 'infra',
      }),
    );
    expectValid(renderSarif(makeResult([]), { version: '0.1.0' }));
  });

  it('is checked by a live validator: a broken log is rejected', () => {
    const log = renderSarif(sampleResult(), { version: '0.1.0' });
    (log.runs[0].results![0] as { level: string }).level = 'notice';
    expect(validate(log)).toBe(false);
  });

  it('describes the tool and exactly the rules the results use, each with help and docs link', () => {
    const log = renderSarif(sampleResult(), { version: '0.1.0', docsBaseUrl: DOCS });
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('deploy-lint');
    expect(driver.version).toBe('0.1.0');
    expect(driver.rules!.map((r) => r.id)).toEqual([
      'dockerfile/exec-form-variable',
      'dockerfile/from-latest-tag',
      'dockerfile/user-non-numeric',
      'iam/malformed-statement',
      'k8s/deprecated-api-version',
      'k8s/selector-template-mismatch',
      'topology/single-az',
    ]);
    const exec = driver.rules![0];
    expect(exec).toMatchObject({
      name: 'DockerfileExecFormVariable',
      shortDescription: { text: 'Variable in exec form is never expanded' },
      defaultConfiguration: { enabled: true, level: 'error' },
      helpUri: `${DOCS}#dockerfileexec-form-variable`,
      properties: { tags: ['dockerfile'] },
    });
    expect(exec.fullDescription!.text).toMatch(/^Exec form \(JSON array\)/);
    // The markdown help carries the rule's example.
    expect(exec.help!.markdown).toContain(
      '```\nFROM node:20\nCMD ["node", "server.js", "--port", "$PORT"]\n```',
    );
    const notice = driver.rules!.find((r) => r.id === 'dockerfile/user-non-numeric')!;
    expect(notice.defaultConfiguration!.level).toBe('note');
    expect(driver.rules!.find((r) => r.id === 'k8s/deprecated-api-version')!.properties!.tags).toEqual([
      'kubernetes',
    ]);
  });

  it('leaves out links it cannot know', () => {
    const log = renderSarif(sampleResult(), { version: '0.1.0' });
    expect(log.runs[0].tool.driver.informationUri).toBeUndefined();
    expect(log.runs[0].tool.driver.rules!.every((r) => r.helpUri === undefined)).toBe(true);
    expect(log.runs[0].originalUriBaseIds).toBeUndefined();
  });

  it('turns every finding into a result pointing at its rule, place and fingerprint', () => {
    const result = sampleResult();
    const log = renderSarif(result, { version: '0.1.0' });
    const run = log.runs[0];
    expect(run.results).toHaveLength(result.findings.length + result.suppressed.length);
    for (const r of run.results!) expect(run.tool.driver.rules![r.ruleIndex!].id).toBe(r.ruleId);

    const exec = run.results!.find((r) => r.ruleId === 'dockerfile/exec-form-variable')!;
    expect(exec.level).toBe('error');
    expect(exec.message.text).toMatch(/^CMD passes "\$PORT"/);
    expect(exec.locations![0].physicalLocation).toEqual({
      artifactLocation: { uri: 'services/api/Dockerfile', uriBaseId: '%SRCROOT%' },
      region: { startLine: 14, startColumn: 27 },
    });
    expect(exec.partialFingerprints).toEqual({
      [FINGERPRINT_KEY]: result.findings.find((f) => f.ruleId === 'dockerfile/exec-form-variable')!
        .fingerprint,
    });
    expect(exec.suppressions).toBeUndefined();

    const span = run.results!.find((r) => r.ruleId === 'k8s/selector-template-mismatch')!;
    expect(span.locations![0].physicalLocation!.region).toEqual({ startLine: 8, endLine: 12 });
    expect(run.results!.find((r) => r.ruleId === 'dockerfile/user-non-numeric')!.level).toBe('note');
  });

  it('marks suppressed findings: in-source for pragmas and annotations, external for config and baseline', () => {
    const result = makeResult(
      [],
      [
        makeFinding({
          ruleId: 'topology/single-az',
          file: 'a.yml',
          line: 1,
          message: 'm1',
          suppression: { kind: 'pragma', reason: 'one zone on purpose' },
        }),
        makeFinding({
          ruleId: 'topology/single-az',
          file: 'b.yml',
          line: 1,
          message: 'm2',
          suppression: { kind: 'annotation', reason: 'batch job' },
        }),
        makeFinding({
          ruleId: 'topology/single-az',
          file: 'c.yml',
          line: 1,
          message: 'm3',
          suppression: { kind: 'config', reason: '' },
        }),
        makeFinding({
          ruleId: 'topology/single-az',
          file: 'd.yml',
          line: 1,
          message: 'm4',
          suppression: { kind: 'baseline', reason: 'known' },
        }),
      ],
    );
    const log = renderSarif(result, { version: '0.1.0' });
    expectValid(log);
    expect(log.runs[0].results!.map((r) => r.suppressions)).toEqual([
      [
        {
          kind: 'inSource',
          status: 'accepted',
          justification: 'one zone on purpose',
          properties: { deployLintKind: 'pragma' },
        },
      ],
      [
        {
          kind: 'inSource',
          status: 'accepted',
          justification: 'batch job',
          properties: { deployLintKind: 'annotation' },
        },
      ],
      [{ kind: 'external', status: 'accepted', properties: { deployLintKind: 'config' } }],
      [
        {
          kind: 'external',
          status: 'accepted',
          justification: 'known',
          properties: { deployLintKind: 'baseline' },
        },
      ],
    ]);
  });

  it('encodes paths as URI references and prefixes them with the scan root', () => {
    const result = makeResult([
      makeFinding({ ruleId: 'topology/single-az', file: 'my dir/topo #1 (eu).yml', line: 2, message: 'm' }),
    ]);
    const log = renderSarif(result, {
      version: '0.1.0',
      pathPrefix: 'infra',
      srcRootUri: 'file:///home/runner/work/shop/shop',
    });
    expectValid(log);
    expect(log.runs[0].results![0].locations![0].physicalLocation!.artifactLocation!.uri).toBe(
      'infra/my%20dir/topo%20%231%20%28eu%29.yml',
    );
    expect(log.runs[0].originalUriBaseIds).toEqual({
      '%SRCROOT%': { uri: 'file:///home/runner/work/shop/shop/' },
    });
  });

  it('describes a rule it has no metadata for from its finding', () => {
    const result = makeResult([
      makeFinding({ ruleId: 'custom/thing', file: 'x', line: 1, message: 'm', severity: 'notice' }),
    ]);
    const log = renderSarif(result, { version: '0.1.0' });
    expectValid(log);
    expect(log.runs[0].tool.driver.rules).toEqual([
      expect.objectContaining({
        id: 'custom/thing',
        shortDescription: { text: 'custom/thing' },
        defaultConfiguration: { enabled: true, level: 'note' },
      }),
    ]);
  });
});
