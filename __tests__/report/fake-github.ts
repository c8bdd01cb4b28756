// A local HTTP server standing in for the GitHub API of one pull request: it serves the PR's files
// and stores reviews and comments as GitHub does, rejects a review with a comment off the diff
// (422), and can answer as a fork PR's read-only token (403), fail once (502) or hit a secondary
// rate limit once. Every REST request is checked against the committed extract of GitHub's OpenAPI
// description; what does not conform is collected in `problems`.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parsePatch, type Hunk } from '../../src/report/diff';

interface Operation {
  method: string;
  path: string;
  parameters: { name: string; in: string; required: boolean; schema: object }[];
  requestBody?: { required: boolean; schema: object };
}

const SPEC = JSON.parse(
  readFileSync(
    path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/github-api/openapi-operations.json'),
    'utf8',
  ),
) as { operations: Record<string, Operation> };

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });

export interface FakeFile {
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed';
  previous_filename?: string;
  /** Absent for a binary or too-large file, as GitHub does. */
  patch?: string;
}

export interface StoredComment {
  id: number;
  node_id: string;
  pull_request_review_id: number | null;
  path: string;
  body: string;
  user: { login: string; type: string };
  commit_id: string;
  original_commit_id: string;
  line: number | null;
  original_line: number | null;
  start_line: number | null;
  side: string;
  position: number | null;
  in_reply_to_id?: number;
  subject_type: 'line' | 'file';
  created_at: string;
  updated_at: string;
}

export interface StoredReview {
  id: number;
  node_id: string;
  body: string;
  event: string;
  commit_id: string;
  user: { login: string; type: string };
  comments: number;
}

export type FakeMode = 'normal' | 'fork' | 'flaky' | 'flaky-after-write' | 'rate-limited';

export const BOT = 'github-actions[bot]';

export class FakeGitHub {
  readonly owner = 'acme';
  readonly repo = 'seed-service';
  readonly number = 7;
  headSha: string;
  files: FakeFile[];
  mode: FakeMode = 'normal';
  /** Whether GraphQL resolveReviewThread works (a token without the right may not resolve). */
  graphqlResolves = true;
  reviews: StoredReview[] = [];
  comments: StoredComment[] = [];
  resolvedThreads = new Set<number>();
  minimized = new Set<string>();
  /** Requests that do not conform to the OpenAPI description, or routes it does not have. */
  problems: string[] = [];
  requests: { method: string; path: string; status: number; body?: unknown }[] = [];
  private failuresLeft = 0;
  private nextId = 1000;
  private server?: Server;
  url = '';

  constructor(headSha: string, files: FakeFile[]) {
    this.headSha = headSha;
    this.files = files;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  setMode(mode: FakeMode): void {
    this.mode = mode;
    this.failuresLeft = mode === 'flaky' || mode === 'flaky-after-write' || mode === 'rate-limited' ? 1 : 0;
  }

  /**
   * A new commit on the PR: new files and head. `moveLine` says where GitHub now shows each
   * top-level line comment (null: outdated, the line changed), as GitHub maps comments through a push.
   */
  push(headSha: string, files: FakeFile[], moveLine: (c: StoredComment) => number | null): void {
    this.headSha = headSha;
    this.files = files;
    for (const c of this.comments) {
      if (c.in_reply_to_id || c.subject_type === 'file' || c.line === null) continue;
      const line = moveLine(c);
      if (line === null) {
        c.line = null;
        c.position = null;
        c.start_line = null;
      } else {
        if (c.start_line !== null) c.start_line += line - c.line;
        c.line = line;
        c.commit_id = headSha;
      }
    }
  }

  /** A person answers in the thread of a comment. */
  reply(commentId: number, login: string, body: string): void {
    const root = this.comments.find((c) => c.id === commentId);
    if (!root) throw new Error(`no comment ${commentId}`);
    this.comments.push({
      ...root,
      id: this.nextId++,
      body,
      user: { login, type: 'User' },
      in_reply_to_id: commentId,
    });
  }

  topLevel(): StoredComment[] {
    return this.comments.filter((c) => !c.in_reply_to_id);
  }

  reviewPosts(): number {
    return this.requests.filter((r) => r.method === 'POST' && /\/reviews$/.test(r.path) && r.status === 200)
      .length;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      this.problems.push(`${method} ${url.pathname}: the body is not JSON`);
    }
    const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      this.requests.push({ method, path: url.pathname, status, body });
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(data));
    };
    if (req.headers.authorization !== 'token ghs_fake') {
      this.problems.push(`${method} ${url.pathname}: authorization header ${req.headers.authorization}`);
    }
    if (url.pathname === '/graphql') return this.graphql(body as GraphqlRequest, send);

    const match = this.route(method, url.pathname);
    if (!match) {
      this.problems.push(`${method} ${url.pathname}: no such operation in the OpenAPI extract`);
      return send(404, { message: 'Not Found' });
    }
    this.validate(match.id, match.op, match.params, url.searchParams, body);
    const write = method !== 'GET';
    if (write && this.mode === 'fork')
      return send(403, { message: 'Resource not accessible by integration' });
    if (match.id === 'pulls/create-review' && this.failuresLeft > 0) {
      this.failuresLeft--;
      if (this.mode === 'rate-limited') {
        return send(
          403,
          {
            message:
              'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          },
          { 'retry-after': '1' },
        );
      }
      if (this.mode === 'flaky-after-write') this.createReview(body as ReviewRequest);
      return send(502, { message: 'Server Error' });
    }
    switch (match.id) {
      case 'pulls/get':
        return send(200, { number: this.number, state: 'open', head: { sha: this.headSha } });
      case 'pulls/list-files':
        return this.page(url, this.files, send);
      case 'pulls/list-review-comments':
        return this.page(url, this.comments, send);
      case 'pulls/list-reviews':
        return this.page(url, this.reviews, send);
      case 'pulls/create-review': {
        const request = body as ReviewRequest;
        const offDiff = (request.comments ?? []).filter((c) => !this.onDiff(c));
        if (offDiff.length) {
          return send(422, {
            message: 'Unprocessable Entity',
            errors: offDiff.map((c) => `Line could not be resolved: ${c.path}:${c.line}`),
            status: '422',
          });
        }
        return send(200, this.createReview(request));
      }
      case 'pulls/update-review-comment': {
        const comment = this.comments.find((c) => c.id === Number(match.params.comment_id));
        if (!comment) return send(404, { message: 'Not Found' });
        comment.body = (body as { body: string }).body;
        comment.updated_at = new Date().toISOString();
        return send(200, comment);
      }
      case 'pulls/create-review-comment': {
        const request = body as { path: string; body: string; subject_type?: string; commit_id: string };
        if (request.subject_type !== 'file' || !this.files.some((f) => f.filename === request.path)) {
          return send(422, { message: 'Unprocessable Entity', errors: ['path could not be resolved'] });
        }
        const comment = this.newComment(null, request.path, request.body, null, null);
        comment.subject_type = 'file';
        this.comments.push(comment);
        return send(201, comment);
      }
      case 'pulls/create-reply-for-review-comment': {
        const root = this.comments.find((c) => c.id === Number(match.params.comment_id));
        if (!root) return send(404, { message: 'Not Found' });
        const reply = {
          ...this.newComment(null, root.path, (body as { body: string }).body, root.line, null),
        };
        reply.in_reply_to_id = root.id;
        this.comments.push(reply);
        return send(201, reply);
      }
    }
    return send(404, { message: 'Not Found' });
  }

  private createReview(request: ReviewRequest): StoredReview {
    const review: StoredReview = {
      id: this.nextId++,
      node_id: `PRR_${this.nextId}`,
      body: request.body ?? '',
      event: request.event ?? 'PENDING',
      commit_id: request.commit_id ?? this.headSha,
      user: { login: BOT, type: 'Bot' },
      comments: request.comments?.length ?? 0,
    };
    this.reviews.push(review);
    for (const c of request.comments ?? []) {
      this.comments.push(this.newComment(review.id, c.path, c.body, c.line ?? null, c.start_line ?? null));
    }
    return review;
  }

  private newComment(
    reviewId: number | null,
    file: string,
    body: string,
    line: number | null,
    startLine: number | null,
  ): StoredComment {
    const id = this.nextId++;
    const now = new Date().toISOString();
    return {
      id,
      node_id: `PRRC_${id}`,
      pull_request_review_id: reviewId,
      path: file,
      body,
      user: { login: BOT, type: 'Bot' },
      commit_id: this.headSha,
      original_commit_id: this.headSha,
      line,
      original_line: line,
      start_line: startLine,
      side: 'RIGHT',
      position: line,
      subject_type: 'line',
      created_at: now,
      updated_at: now,
    };
  }

  /** GitHub's rule: a comment's lines are RIGHT-side lines of one hunk of the file's patch. */
  private onDiff(c: ReviewComment): boolean {
    const file = this.files.find((f) => f.filename === c.path);
    if (!file?.patch || c.line === undefined || (c.side && c.side !== 'RIGHT')) return false;
    const hunks: Hunk[] = parsePatch(file.patch);
    const start = c.start_line ?? c.line;
    return hunks.some((h) => h.start <= start && c.line !== undefined && c.line <= h.end);
  }

  private page(
    url: URL,
    items: readonly unknown[],
    send: (s: number, d: unknown, h?: Record<string, string>) => void,
  ) {
    const perPage = Number(url.searchParams.get('per_page') ?? 30);
    const page = Number(url.searchParams.get('page') ?? 1);
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const headers: Record<string, string> = {};
    if (page * perPage < items.length) {
      const next = new URL(url);
      next.searchParams.set('page', String(page + 1));
      headers.link = `<${next.toString()}>; rel="next"`;
    }
    send(200, slice, headers);
  }

  private route(method: string, pathname: string) {
    for (const [id, op] of Object.entries(SPEC.operations)) {
      if (op.method !== method) continue;
      const names: string[] = [];
      const pattern = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      const m = new RegExp(`^${pattern}$`).exec(pathname);
      if (!m) continue;
      const params = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
      return { id, op, params };
    }
    return undefined;
  }

  private validate(
    id: string,
    op: Operation,
    params: Record<string, string>,
    query: URLSearchParams,
    body: unknown,
  ): void {
    for (const p of op.parameters) {
      const raw = p.in === 'path' ? params[p.name] : p.in === 'query' ? query.get(p.name) : undefined;
      if (p.in !== 'path' && p.in !== 'query') continue;
      if (raw === undefined || raw === null) {
        if (p.required) this.problems.push(`${id}: missing ${p.in} parameter ${p.name}`);
        continue;
      }
      const type = (p.schema as { type?: string }).type;
      const value = type === 'integer' || type === 'number' ? Number(raw) : raw;
      if (!ajv.validate(p.schema, value)) {
        this.problems.push(`${id}: ${p.in} parameter ${p.name}=${raw}: ${ajv.errorsText()}`);
      }
    }
    if (hasUndeclaredQuery(query, op))
      this.problems.push(`${id}: unknown query parameter in ${query.toString()}`);
    if (op.requestBody) {
      if (body === undefined) {
        if (op.requestBody.required) this.problems.push(`${id}: no request body`);
      } else if (!ajv.validate(op.requestBody.schema, body)) {
        this.problems.push(`${id}: request body: ${ajv.errorsText()} in ${JSON.stringify(body)}`);
      }
    } else if (body !== undefined) {
      this.problems.push(`${id}: a body where the operation takes none`);
    }
  }

  private graphql(request: GraphqlRequest, send: (s: number, d: unknown) => void): void {
    const query = request?.query ?? '';
    const vars = request?.variables ?? {};
    const denied = () =>
      send(200, {
        data: null,
        errors: [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration' }],
      });
    if (/\bviewer\b/.test(query)) return send(200, { data: { viewer: { login: 'github-actions' } } });
    if (/reviewThreads/.test(query)) {
      const nodes = this.topLevel().map((c) => ({
        id: `PRRT_${c.id}`,
        isResolved: this.resolvedThreads.has(c.id),
        comments: { nodes: [{ databaseId: c.id }] },
      }));
      return send(200, {
        data: {
          repository: {
            pullRequest: { reviewThreads: { pageInfo: { hasNextPage: false, endCursor: null }, nodes } },
          },
        },
      });
    }
    if (/resolveReviewThread/.test(query)) {
      if (this.mode === 'fork' || !this.graphqlResolves) return denied();
      const id = Number(String(vars.id).replace(/^PRRT_/, ''));
      if (!this.topLevel().some((c) => c.id === id)) {
        return send(200, { data: null, errors: [{ type: 'NOT_FOUND', message: 'no such thread' }] });
      }
      this.resolvedThreads.add(id);
      return send(200, { data: { resolveReviewThread: { thread: { isResolved: true } } } });
    }
    if (/minimizeComment/.test(query)) {
      if (this.mode === 'fork') return denied();
      if (!/classifier: OUTDATED/.test(query))
        this.problems.push(`minimizeComment without classifier OUTDATED`);
      this.minimized.add(String(vars.id));
      return send(200, { data: { minimizeComment: { minimizedComment: { isMinimized: true } } } });
    }
    this.problems.push(`graphql: unexpected query ${query}`);
    send(200, { data: null, errors: [{ message: 'unexpected query' }] });
  }
}

/** Whether the query string has a parameter the operation does not declare. */
function hasUndeclaredQuery(query: URLSearchParams, op: Operation): boolean {
  const declared = new Set(op.parameters.filter((p) => p.in === 'query').map((p) => p.name));
  return [...query.keys()].some((k) => !declared.has(k));
}

interface GraphqlRequest {
  query: string;
  variables?: Record<string, unknown>;
}

interface ReviewComment {
  path: string;
  body: string;
  line?: number;
  side?: string;
  start_line?: number;
  start_side?: string;
}

interface ReviewRequest {
  commit_id?: string;
  body?: string;
  event?: string;
  comments?: ReviewComment[];
}
