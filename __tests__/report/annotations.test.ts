import { describe, expect, it } from 'vitest';
import {
  escapeData,
  escapeProperty,
  formatWorkflowCommand,
  toAnnotations,
  type Annotation,
} from '../../src/report/annotations';
import { makeFinding, manyFindings, sampleResult } from './helpers';

describe('toAnnotations', () => {
  it('lists findings most severe first, one line each: the message and the rule id, titled with the rule title', () => {
    const annotations = toAnnotations(sampleResult().findings);
    expect(annotations.map((a) => a.level)).toEqual([
      'error',
      'error',
      'error',
      'warning',
      'warning',
      'notice',
    ]);
    expect(annotations.map((a) => `${a.file}:${a.line}`)).toEqual([
      'deploy/k8s/web.yaml:8',
      'iam/ci-role.json:5',
      'services/api/Dockerfile:14',
      'deploy-topology.yml:3',
      'services/api/Dockerfile:1',
      'services/api/Dockerfile:20',
    ]);
    const k8s = annotations[0];
    expect(k8s).toMatchObject({
      endLine: 12,
      title: 'Selector does not match the pod template labels',
    });
    expect(k8s.message).toBe(
      'Deployment/web selector {app: web} does not match template labels {app: <web-v2>} (k8s/selector-template-mismatch)',
    );
    expect(annotations.every((a) => !a.message.includes('\n'))).toBe(true);
    expect(annotations[2].column).toBe(27);
    expect(annotations.some((a) => a.title.includes('more findings'))).toBe(false);
  });

  it('takes reserved slots off a level', () => {
    const annotations = toAnnotations(manyFindings(10, 'error'), { reserved: { error: 1 } });
    expect(annotations.filter((a) => a.level === 'error')).toHaveLength(9);
    expect(annotations.at(-1)?.message).toBe('1 more finding: see the job summary.');
    expect(toAnnotations(manyFindings(3, 'notice'), { reserved: { notice: 10 } })).toEqual([
      expect.objectContaining({ level: 'notice', message: '3 more findings: see the job summary.' }),
    ]);
  });

  it('keeps at most 10 per level and ends with one notice counting the rest', () => {
    const findings = [
      ...manyFindings(14, 'warning'),
      ...manyFindings(12, 'error'),
      ...manyFindings(3, 'notice'),
    ];
    const annotations = toAnnotations(findings);
    const count = (level: string) => annotations.filter((a) => a.level === level && a.file).length;
    expect(count('error')).toBe(10);
    expect(count('warning')).toBe(10);
    expect(count('notice')).toBe(3);
    // Errors come first, then warnings, then notices, then the overflow notice.
    expect(annotations.slice(0, 10).every((a) => a.level === 'error')).toBe(true);
    expect(annotations.slice(10, 20).every((a) => a.level === 'warning')).toBe(true);
    const last = annotations.at(-1)!;
    expect(last).toEqual({
      level: 'notice',
      title: 'deploy-lint: more findings',
      message: '6 more findings: see the job summary.',
    });
    expect(annotations).toHaveLength(24);
  });

  it('keeps the most severe of a level when cutting: the first by file and line', () => {
    const errors = manyFindings(11, 'error').reverse();
    const kept = toAnnotations(errors).filter((a) => a.level === 'error');
    expect(kept.map((a) => a.file)).toEqual(manyFindings(10, 'error').map((f) => f.file));
  });

  it('gives the overflow notice a notice slot, so it is never the one GitHub drops', () => {
    const annotations = toAnnotations([...manyFindings(10, 'notice'), ...manyFindings(11, 'error')]);
    const notices = annotations.filter((a) => a.level === 'notice');
    expect(notices).toHaveLength(10);
    expect(notices.at(-1)!.message).toBe('2 more findings: see the job summary.');
  });

  it('needs no overflow notice when every level fits exactly', () => {
    const annotations = toAnnotations([
      ...manyFindings(10, 'notice'),
      ...manyFindings(10, 'error'),
      ...manyFindings(10, 'warning'),
    ]);
    expect(annotations).toHaveLength(30);
    expect(annotations.every((a) => a.file)).toBe(true);
  });

  it('honours a smaller limit, a custom hint and a path prefix', () => {
    const annotations = toAnnotations(manyFindings(3, 'warning'), {
      perLevelLimit: 2,
      overflowHint: 'see the SARIF report',
      pathPrefix: 'infra/',
    });
    expect(annotations.map((a) => a.file)).toEqual(['infra/svc/s0000.yml', 'infra/svc/s0001.yml', undefined]);
    expect(annotations.at(-1)!.message).toBe('1 more finding: see the SARIF report.');
  });

  it('returns nothing for no findings', () => {
    expect(toAnnotations([])).toEqual([]);
  });
});

describe('formatWorkflowCommand', () => {
  it('writes the properties GitHub reads and the message after ::', () => {
    const annotation: Annotation = {
      level: 'warning',
      file: 'deploy/web.yaml',
      line: 8,
      endLine: 12,
      column: 3,
      title: 'k8s/x: A title',
      message: 'one line',
    };
    expect(formatWorkflowCommand(annotation)).toBe(
      '::warning file=deploy/web.yaml,line=8,endLine=12,col=3,title=k8s/x%3A A title::one line',
    );
  });

  it('leaves out absent properties', () => {
    expect(formatWorkflowCommand({ level: 'notice', title: 't', message: 'm' })).toBe('::notice title=t::m');
    expect(formatWorkflowCommand({ level: 'error', title: '', message: 'm' })).toBe('::error::m');
  });

  it('escapes like @actions/core: % CR LF in data; also : and , in properties', () => {
    expect(escapeData('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext: a,b');
    expect(escapeProperty('a:b,c%d\ne')).toBe('a%3Ab%2Cc%25d%0Ae');
    // Percent first, so an escape sequence in the text is not decoded by the runner.
    expect(escapeData('%0A')).toBe('%250A');
  });

  it('cannot be broken out of by a message or a file name', () => {
    const finding = makeFinding({
      ruleId: 'topology/single-az',
      file: 'odd,name::x.yml',
      line: 1,
      message: 'line one\n::error::injected',
    });
    const [annotation] = toAnnotations([finding]);
    const command = formatWorkflowCommand(annotation);
    expect(command.split('\n')).toHaveLength(1);
    expect(command.startsWith('::warning file=odd%2Cname%3A%3Ax.yml,line=1,')).toBe(true);
    // Joined into one line: the runner reads commands only at the start of a line.
    expect(command).toContain(
      ',title=Service runs in one Availability Zone::line one ::error::injected (topology/single-az)',
    );
  });

  it('matches what @actions/core itself writes for the same annotation', async () => {
    const core = await import('@actions/core');
    const written: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    try {
      core.error('bad: 50%\nnext, line', {
        file: 'a,b:c.yml',
        startLine: 4,
        endLine: 6,
        title: 'rule: x, y',
      });
    } finally {
      process.stdout.write = original;
    }
    const ours = formatWorkflowCommand({
      level: 'error',
      file: 'a,b:c.yml',
      line: 4,
      endLine: 6,
      title: 'rule: x, y',
      message: 'bad: 50%\nnext, line',
    });
    const theirs = written.join('').trim();
    // Same escaping; property order differs (core writes title first), so compare as sets.
    const parse = (command: string) => {
      const match = /^::(\w+) (.*?)::(.*)$/.exec(command)!;
      return { level: match[1], props: new Set(match[2].split(',')), data: match[3] };
    };
    expect(parse(ours)).toEqual(parse(theirs));
  });
});
