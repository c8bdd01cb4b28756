import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** Every path whose bytes were read, so tests can prove what was (not) read, and how often. */
const reads = vi.hoisted(() => ({ paths: [] as string[], failing: new Set<string>() }));

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const fail = (file: string) => {
    if (reads.failing.has(file))
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
  };
  /** Open descriptors not read from yet: the first read through one counts as one read of its file. */
  const unread = new Map<number, string>();
  const readFileSync = ((...args: Parameters<typeof actual.readFileSync>) => {
    if (typeof args[0] !== 'number') {
      reads.paths.push(String(args[0]));
      fail(String(args[0]));
    }
    return actual.readFileSync(...args);
  }) as typeof actual.readFileSync;
  const openSync = ((...args: Parameters<typeof actual.openSync>) => {
    fail(String(args[0]));
    const fd = actual.openSync(...args);
    unread.set(fd, String(args[0]));
    return fd;
  }) as typeof actual.openSync;
  const readSync = ((fd: number, ...rest: unknown[]) => {
    const file = unread.get(fd);
    if (file !== undefined) reads.paths.push(file);
    unread.delete(fd);
    return (actual.readSync as (...a: unknown[]) => number)(fd, ...rest);
  }) as typeof actual.readSync;
  const closeSync = ((fd: number) => {
    unread.delete(fd);
    actual.closeSync(fd);
  }) as typeof actual.closeSync;
  const overrides = { readFileSync, openSync, readSync, closeSync };
  return { ...actual, ...overrides, default: { ...actual, ...overrides } };
});

const { discover } = await import('../../src/engine/discover');

const CAP = 5 * 1024 * 1024;
let root: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-lint-discover-'));
  reads.paths.length = 0;
  reads.failing.clear();
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

function write(relPath: string, content: string | Buffer = 'x: 1\n'): string {
  const abs = path.join(root, relPath);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, content);
  return abs;
}

function link(relPath: string, target: string): void {
  const abs = path.join(root, relPath);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.symlinkSync(target, abs);
}

async function run(options: { include?: string[]; exclude?: string[]; maxFileBytes?: number } = {}) {
  const result = await discover({
    root,
    include: options.include ?? ['**'],
    exclude: options.exclude ?? [],
    maxFileBytes: options.maxFileBytes ?? CAP,
  });
  return { ...result, paths: result.files.map((f) => f.path) };
}

describe('discover: selection', () => {
  it('returns root-relative, forward-slash paths in sorted order, skipping .git and node_modules', async () => {
    write('z.yaml');
    write('a/b/Dockerfile', 'FROM alpine:3\n');
    write('a/B.tf');
    write('.github/workflows/ci.yml');
    write('.git/config');
    write('node_modules/pkg/deploy.yaml');
    write('sub/node_modules/x.yaml');
    const { paths, skipped } = await run();
    expect(paths).toEqual(['.github/workflows/ci.yml', 'a/B.tf', 'a/b/Dockerfile', 'z.yaml']);
    expect(skipped).toEqual([]);
  });

  it('honours .gitignore files at every level, deeper files overriding shallower ones', async () => {
    write('.gitignore', '*.log\nbuild/\nsecrets.yaml\n');
    write('app.log');
    write('build/out.yaml');
    write('build.yaml'); // `build/` names a directory only
    write('secrets.yaml');
    write('svc/.gitignore', '!keep.log\nlocal.tfvars\n');
    write('svc/keep.log');
    write('svc/other.log');
    write('svc/local.tfvars');
    write('other/local.tfvars'); // svc's rules do not reach here
    write('svc/deep/.gitignore', '!secrets.yaml\n');
    write('svc/deep/secrets.yaml');
    const { paths } = await run();
    expect(paths).toEqual([
      '.gitignore',
      'build.yaml',
      'other/local.tfvars',
      'svc/.gitignore',
      'svc/deep/.gitignore',
      'svc/deep/secrets.yaml',
      'svc/keep.log',
    ]);
  });

  it('does not re-include files below an ignored directory (as git does)', async () => {
    write('.gitignore', 'dist/\n');
    write('dist/.gitignore', '!*\n');
    write('dist/app.yaml');
    expect((await run()).paths).toEqual(['.gitignore']);
  });

  it('applies exclude globs and plain paths to files and whole directories', async () => {
    write('vendor/lib/k8s.yaml');
    write('pkg/testdata/bad.yaml');
    write('docs/example.tf');
    write('charts/app/values.yaml');
    write('charts/app/values.generated.yaml');
    write('main.tf');
    const { paths } = await run({ exclude: ['vendor/**', '**/testdata', './docs/', '**/*.generated.yaml'] });
    expect(paths).toEqual(['charts/app/values.yaml', 'main.tf']);
  });

  it('takes includes as globs, plain files, or directories (relative or absolute)', async () => {
    write('k8s/base/deploy.yaml');
    write('k8s/base/kustomization.yaml');
    write('k8s/README.md');
    write('infra/main.tf');
    write('infra/modules/vpc/main.tf');
    write('Dockerfile', 'FROM alpine:3\n');
    write('other/Dockerfile', 'FROM alpine:3\n');
    expect((await run({ include: ['k8s/**/*.yaml'] })).paths).toEqual([
      'k8s/base/deploy.yaml',
      'k8s/base/kustomization.yaml',
    ]);
    expect((await run({ include: ['Dockerfile', 'infra/'] })).paths).toEqual([
      'Dockerfile',
      'infra/main.tf',
      'infra/modules/vpc/main.tf',
    ]);
    expect((await run({ include: [path.join(root, 'infra', 'modules')] })).paths).toEqual([
      'infra/modules/vpc/main.tf',
    ]);
    expect((await run({ include: ['.'] })).paths).toHaveLength(7);
  });

  it('reads each file exactly once, .gitignore files included, and never a file it does not return', async () => {
    write('.gitignore', 'ignored.yaml\n');
    write('ignored.yaml');
    write('sub/.gitignore', '*.tmp\n');
    write('sub/a.yaml');
    write('sub/b.tmp');
    const { paths } = await run();
    expect(paths).toEqual(['.gitignore', 'sub/.gitignore', 'sub/a.yaml']);
    const readRelative = reads.paths.map((p) => path.relative(root, p).split(path.sep).join('/')).sort();
    expect(readRelative).toEqual(['.gitignore', 'sub/.gitignore', 'sub/a.yaml']);
  });

  it('still reads a .gitignore that the include leaves out, for its rules', async () => {
    write('.gitignore', 'k8s/generated.yaml\n');
    write('k8s/app.yaml');
    write('k8s/generated.yaml');
    expect((await run({ include: ['k8s'] })).paths).toEqual(['k8s/app.yaml']);
  });
});

describe('discover: files that cannot be checked', () => {
  it('skips a file over the cap by its size alone, without reading it', async () => {
    const big = path.join(root, 'huge.yaml');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 50 * 1024 * 1024); // sparse: no 50 MB written to disk
    write('small.yaml');
    const { paths, skipped } = await run();
    expect(paths).toEqual(['small.yaml']);
    expect(skipped).toEqual([
      {
        path: 'huge.yaml',
        reason: 'too-large',
        detail: 'huge.yaml is 50.0 MiB, over the 5.0 MiB size cap, so it was not checked.',
      },
    ]);
    expect(reads.paths).not.toContain(big);
  });

  it('skips a binary file (a NUL byte in its first 8000 bytes)', async () => {
    write('main.tf', Buffer.from([0x72, 0x65, 0x00, 0x73]));
    write('late-nul.tf', Buffer.concat([Buffer.from('a'.repeat(9000)), Buffer.from([0])]));
    const { paths, skipped } = await run();
    expect(skipped).toEqual([
      {
        path: 'main.tf',
        reason: 'binary',
        detail: 'main.tf is binary (it contains NUL bytes), so it was not checked.',
      },
    ]);
    expect(paths).toEqual(['late-nul.tf']);
  });

  it('skips a file that is not valid UTF-8, and strips a UTF-8 BOM from one that is', async () => {
    write('latin1.yaml', Buffer.from('name: caf\xe9\n', 'latin1'));
    write('bom.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('kind: Pod\n')]));
    const { files, skipped } = await run();
    expect(skipped).toEqual([
      {
        path: 'latin1.yaml',
        reason: 'not-utf8',
        detail: 'latin1.yaml is not valid UTF-8 text, so it was not checked.',
      },
    ]);
    expect(files.map((f) => [f.path, f.text])).toEqual([['bom.yaml', 'kind: Pod\n']]);
  });

  it('reads UTF-16 text with a byte order mark, and skips UTF-16 that is not valid', async () => {
    const text = 'kind: Namespace\r\napiVersion: v1\r\n';
    write('le.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    write('be.yaml', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
    // A lone high surrogate: not text in any reading.
    write('broken.yaml', Buffer.from([0xff, 0xfe, 0x6b, 0x00, 0x00, 0xd8, 0x0a, 0x00]));
    // Without the mark, NULs still make a file binary.
    write('nomark.yaml', Buffer.from(text, 'utf16le'));
    const { files, skipped } = await run();
    expect(files.map((f) => [f.path, f.text])).toEqual([
      ['be.yaml', text],
      ['le.yaml', text],
    ]);
    expect(skipped.map((s) => [s.path, s.reason, s.detail])).toEqual([
      ['broken.yaml', 'not-utf8', 'broken.yaml is not valid UTF-16 text, so it was not checked.'],
      ['nomark.yaml', 'binary', 'nomark.yaml is binary (it contains NUL bytes), so it was not checked.'],
    ]);
  });

  it('reports a file that cannot be read and carries on', async () => {
    const locked = write('locked.yaml');
    write('open.yaml');
    reads.failing.add(locked);
    const { paths, skipped } = await run();
    expect(paths).toEqual(['open.yaml']);
    expect(skipped).toEqual([
      {
        path: 'locked.yaml',
        reason: 'unreadable',
        detail: 'locked.yaml could not be read (permission denied), so it was not checked.',
      },
    ]);
  });
});

describe('discover: symbolic links', () => {
  it('never follows a link out of the root, and says so', async () => {
    link('etc', '/etc');
    link('passwd.yaml', '/etc/passwd');
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-lint-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'x.yaml'), 'a: 1\n');
      link('sneaky/up', path.join(outside));
      const { paths, skipped } = await run();
      expect(paths).toEqual([]);
      expect(skipped.map((s) => [s.path, s.reason])).toEqual([
        ['etc', 'symlink-escape'],
        ['passwd.yaml', 'symlink-escape'],
        ['sneaky/up', 'symlink-escape'],
      ]);
      expect(skipped[1].detail).toBe(
        'passwd.yaml is a symbolic link to /etc/passwd, outside the scan root, so it was not followed.',
      );
      expect(reads.paths.some((p) => p.startsWith('/etc') || p.startsWith(outside))).toBe(false);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('does not report an escaping link that the include, exclude or .gitignore leaves out anyway', async () => {
    write('.gitignore', 'cache\n');
    link('cache', '/etc');
    link('vendor/etc', '/etc');
    link('other/etc', '/etc');
    const { skipped } = await run({ include: ['vendor', 'cache'], exclude: ['vendor'] });
    expect(skipped).toEqual([]);
  });

  it('follows links inside the root without looping or reading a file twice', async () => {
    write('base/deploy.yaml');
    link('base/self', '.');
    link('base/up', '..');
    link('overlay/base', '../base'); // the same directory again
    link('Dockerfile.link', 'base/deploy.yaml'); // the same file again
    write('hidden/secret.yaml');
    link('visible', 'hidden'); // a directory reachable only through the link
    write('.gitignore', 'hidden/\nunseen/\n');
    write('unseen/a.yaml');
    link('alias.yaml', 'unseen/a.yaml'); // reachable through two links: listed once
    link('unseen-dir', 'unseen');
    const { paths, skipped } = await run();
    expect(paths).toEqual(['.gitignore', 'alias.yaml', 'base/deploy.yaml', 'visible/secret.yaml']);
    expect(skipped).toEqual([]);
    expect(new Set(reads.paths).size).toBe(reads.paths.length);
  });

  it('reports a dangling link as unreadable', async () => {
    link('gone.yaml', 'missing.yaml');
    const { skipped } = await run();
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ path: 'gone.yaml', reason: 'unreadable' });
    expect(skipped[0].detail).toMatch(
      /^gone\.yaml is a symbolic link that cannot be followed \(.+\), so it was not checked\.$/,
    );
  });
});

describe('discover: odd trees', () => {
  it('takes file names with spaces, unicode and newlines, and globs match them', async () => {
    write('sp ace/ünï/Dockerfile', 'FROM alpine:3\n');
    write('new\nline/Dockerfile', 'FROM alpine:3\n');
    write('k8s/a\nb.yaml');
    expect((await run()).paths).toEqual(['k8s/a\nb.yaml', 'new\nline/Dockerfile', 'sp ace/ünï/Dockerfile']);
    expect((await run({ include: ['k8s/*.yaml'] })).paths).toEqual(['k8s/a\nb.yaml']);
    expect((await run({ exclude: ['**/Dockerfile'] })).paths).toEqual(['k8s/a\nb.yaml']);
  });

  it('never opens a FIFO, found directly or through a link, and says nothing about it', async () => {
    execFileSync('mkfifo', [path.join(root, 'pipe.yaml'), path.join(root, 'Dockerfile')]);
    link('link-to-pipe.yaml', 'pipe.yaml');
    link('sub/Dockerfile', '../Dockerfile');
    write('ok.yaml');
    const { paths, skipped } = await run();
    expect(paths).toEqual(['ok.yaml']);
    expect(skipped).toEqual([]);
  });

  it('ends on a loop of links, with at most one notice for it', async () => {
    link('a.yaml', 'b.yaml');
    link('b.yaml', 'a.yaml');
    link('dir/self', '../dir');
    write('dir/x.yaml');
    const { paths, skipped } = await run();
    expect(paths).toEqual(['dir/x.yaml']);
    expect(skipped.map((s) => s.path)).toEqual(['a.yaml', 'b.yaml']);
    expect(skipped[0].detail).toMatch(/too many levels of symbolic links/);
  });

  it('walks deep nesting', async () => {
    const deep = `${Array.from({ length: 120 }, () => 'd').join('/')}/deploy.yaml`;
    write(deep);
    expect((await run()).paths).toEqual([deep]);
  });

  it('applies .gitignore negations as git does', async () => {
    write('.gitignore', '*.tf\n!important.tf\nbuild/*\n!build/keep/\n');
    write('important.tf');
    write('other.tf');
    write('build/drop.yaml');
    write('build/keep/app.yaml');
    expect((await run()).paths).toEqual(['.gitignore', 'build/keep/app.yaml', 'important.tf']);
  });
});

describe('discover: a subdirectory of a git work tree', () => {
  it('applies the .gitignore files above the scan root, up to the top of the work tree', async () => {
    fs.mkdirSync(path.join(root, '.git'));
    write('.gitignore', 'generated/\n*.bak.yaml\n');
    write('services/.gitignore', '!keep.bak.yaml\n');
    write('services/api/app.yaml');
    write('services/api/old.bak.yaml');
    write('services/api/keep.bak.yaml');
    write('services/api/generated/deploy.yaml');
    const scanned = await discover({
      root: path.join(root, 'services/api'),
      include: ['**'],
      exclude: [],
      maxFileBytes: CAP,
    });
    expect(scanned.files.map((f) => f.path)).toEqual(['app.yaml', 'keep.bak.yaml']);
  });

  it('scans a directory the work tree ignores when it is the scan root, and reads nothing above a tree without .git', async () => {
    fs.mkdirSync(path.join(root, '.git'));
    write('.gitignore', 'generated/\n');
    write('generated/deploy.yaml');
    const asked = await discover({
      root: path.join(root, 'generated'),
      include: ['**'],
      exclude: [],
      maxFileBytes: CAP,
    });
    expect(asked.files.map((f) => f.path)).toEqual(['deploy.yaml']);

    fs.rmSync(path.join(root, '.git'), { recursive: true });
    write('.gitignore', 'sub/*.yaml\n');
    write('sub/a.yaml');
    reads.paths.length = 0;
    const outside = await discover({
      root: path.join(root, 'sub'),
      include: ['**'],
      exclude: [],
      maxFileBytes: CAP,
    });
    expect(outside.files.map((f) => f.path)).toEqual(['a.yaml']);
    expect(reads.paths).not.toContain(path.join(root, '.gitignore'));
  });
});
