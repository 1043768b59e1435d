import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One stored issue comment, shaped like GitHub's REST answer (the fields the Action reads). */
export interface FakeComment {
  id: number;
  body: string;
  html_url: string;
  user: { login: string };
  created_at: string;
  updated_at: string;
}

/** A request the fake received. */
export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | null;
}

/**
 * A local fake of the GitHub REST API (issue comments only) on 127.0.0.1:
 * - GET  /repos/{o}/{r}/issues/{n}/comments?per_page&page  (Link header with rel="next"/"last")
 * - POST /repos/{o}/{r}/issues/{n}/comments                {body}
 * - PATCH /repos/{o}/{r}/issues/comments/{id}              {body}
 * - GET  /repos/{o}/{r}/commits/{sha}/pulls               (the pull requests merged as `merge()` said)
 * It checks the token (401 otherwise) and GitHub's 65,536-character body limit (422).
 */
export interface FakeGitHub {
  readonly url: string;
  readonly requests: FakeRequest[];
  /** Comments of one issue, in creation order. */
  comments(owner: string, repo: string, issue: number): FakeComment[];
  /** Records pull request `issue` as merged in commit `sha`. */
  merge(owner: string, repo: string, issue: number, sha: string): void;
  /** Adds a comment directly (e.g. to fill earlier pages). */
  seed(owner: string, repo: string, issue: number, body: string, login?: string): FakeComment;
  close(): Promise<void>;
}

export const COMMENT_LIMIT = 65_536;

export async function startFakeGitHub(opts: {
  readonly token: string;
  /** Tokens that may read but not write (like a fork's GITHUB_TOKEN): writes get 403. */
  readonly readOnlyTokens?: readonly string[];
}): Promise<FakeGitHub> {
  const issues = new Map<string, FakeComment[]>();
  const byId = new Map<number, FakeComment>();
  const requests: FakeRequest[] = [];
  const merges = new Map<string, number[]>();
  let nextId = 1000;
  let base = '';

  const list = (o: string, r: string, n: number): FakeComment[] => {
    const key = `${o}/${r}#${n}`;
    let l = issues.get(key);
    if (!l) issues.set(key, (l = []));
    return l;
  };
  const add = (o: string, r: string, n: number, body: string, login: string): FakeComment => {
    const now = new Date().toISOString();
    const id = nextId++;
    const c: FakeComment = { id, body, html_url: `https://github.test/${o}/${r}/pull/${n}#issuecomment-${id}`, user: { login }, created_at: now, updated_at: now };
    list(o, r, n).push(c);
    byId.set(id, c);
    return c;
  };

  const send = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(value));
  };

  const readBody = async (req: IncomingMessage): Promise<{ body?: unknown }> => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    return text ? (JSON.parse(text) as { body?: unknown }) : {};
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', base);
      const auth = req.headers.authorization ?? null;
      requests.push({ method: req.method ?? '', path: url.pathname + url.search, authorization: auth });
      const given = auth?.replace(/^(token|Bearer) /, '') ?? '';
      const readOnly = (opts.readOnlyTokens ?? []).includes(given);
      if (given !== opts.token && !readOnly) {
        return send(res, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
      }
      if (readOnly && req.method !== 'GET') {
        return send(res, 403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' });
      }
      let m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname);
      if (m) {
        const [, o = '', r = '', n = '0'] = m;
        if (req.method === 'GET') {
          const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? '30') || 30);
          const page = Math.max(1, Number(url.searchParams.get('page') ?? '1') || 1);
          const all = list(o, r, Number(n));
          const last = Math.max(1, Math.ceil(all.length / perPage));
          const links: string[] = [];
          const link = (p: number, rel: string): string =>
            `<${base}${url.pathname}?per_page=${perPage}&page=${p}>; rel="${rel}"`;
          if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
          if (page > 1) links.push(link(page - 1, 'prev'), link(1, 'first'));
          return send(res, 200, all.slice((page - 1) * perPage, page * perPage), links.length ? { link: links.join(', ') } : {});
        }
        if (req.method === 'POST') {
          const { body } = await readBody(req);
          if (typeof body !== 'string') return send(res, 422, { message: 'Validation Failed: body is required' });
          if (body.length > COMMENT_LIMIT) return send(res, 422, { message: 'Validation Failed', errors: [{ message: 'Body is too long (maximum is 65536 characters)' }] });
          return send(res, 201, add(o, r, Number(n), body, 'github-actions[bot]'));
        }
      }
      m = /^\/repos\/([^/]+)\/([^/]+)\/commits\/([0-9a-f]+)\/pulls$/.exec(url.pathname);
      if (m && req.method === 'GET') {
        const [, o = '', r = '', sha = ''] = m;
        const pulls = (merges.get(`${o}/${r}@${sha}`) ?? []).map((number) => ({
          number, state: 'closed', merged_at: '2026-01-01T00:00:00Z', merge_commit_sha: sha, html_url: `https://github.test/${o}/${r}/pull/${number}`,
        }));
        return send(res, 200, pulls);
      }
      m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname);
      if (m && req.method === 'PATCH') {
        const c = byId.get(Number(m[3]));
        if (!c) return send(res, 404, { message: 'Not Found' });
        const { body } = await readBody(req);
        if (typeof body !== 'string') return send(res, 422, { message: 'Validation Failed: body is required' });
        if (body.length > COMMENT_LIMIT) return send(res, 422, { message: 'Validation Failed', errors: [{ message: 'Body is too long (maximum is 65536 characters)' }] });
        c.body = body;
        c.updated_at = new Date().toISOString();
        return send(res, 200, c);
      }
      return send(res, 404, { message: 'Not Found' });
    })().catch((err: unknown) => send(res, 500, { message: String(err) }));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    requests,
    comments: (o, r, n) => [...list(o, r, n)],
    seed: (o, r, n, body, login = 'someone') => add(o, r, n, body, login),
    merge: (o, r, n, sha) => {
      const key = `${o}/${r}@${sha}`;
      merges.set(key, [...(merges.get(key) ?? []), n]);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
