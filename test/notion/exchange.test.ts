import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { exchange } from '../../src/notion/exchange.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const live = (): AbortSignal => new AbortController().signal;

describe('exchange', () => {
  it('returns the status, the request id, retry-after and the whole body, a character split across chunks included', async () => {
    const origin = await serve((_req, res) => {
      res.writeHead(429, { 'x-notion-request-id': 'rid-1', 'retry-after': '7', 'content-type': 'application/json' });
      const bytes = Buffer.from('{"name":"caf\u00e9 \u{1f600}"}', 'utf8');
      // Split inside the emoji's four bytes, with a pause so the chunks arrive apart.
      const cut = bytes.indexOf(0xf0) + 2;
      res.write(bytes.subarray(0, cut));
      setTimeout(() => res.end(bytes.subarray(cut)), 30);
    });
    const res = await exchange(new Agent(), { origin, path: '/x', method: 'GET' }, 2000, live());
    expect(res).toEqual({ status: 429, requestId: 'rid-1', retryAfter: '7', text: '{"name":"caf\u00e9 \u{1f600}"}' });
  });

  it('returns an empty body as the empty string and no request id as null', async () => {
    const origin = await serve((_req, res) => { res.writeHead(204); res.end(); });
    await expect(exchange(new Agent(), { origin, path: '/x', method: 'DELETE' }, 2000, live()))
      .resolves.toEqual({ status: 204, requestId: null, retryAfter: undefined, text: '' });
  });

  it('sends the method, headers and body it is given', async () => {
    let seen = '';
    const origin = await serve((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
      req.on('end', () => { seen = `${req.method} ${req.url} ${req.headers['content-type']} ${body}`; res.end('{}'); });
    });
    await exchange(new Agent(), { origin, path: '/v1/a?b=1', method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"x":1}' }, 2000, live());
    expect(seen).toBe('PATCH /v1/a?b=1 application/json {"x":1}');
  });

  it('times out a request still queued for a connection at its own deadline, not when the connection frees', async () => {
    const origin = await serve((req, res) => {
      if (req.url === '/slow') setTimeout(() => res.end('{}'), 1500);
      else res.end('{}');
    });
    const agent = new Agent({ connections: 1 });
    const slow = exchange(agent, { origin, path: '/slow', method: 'GET' }, 5000, live());
    await new Promise((r) => setTimeout(r, 50));
    const started = performance.now();
    const queued = exchange(agent, { origin, path: '/fast', method: 'GET' }, 200, live());
    await expect(queued).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(performance.now() - started).toBeLessThan(1000);
    await expect(slow).resolves.toMatchObject({ status: 200 });
  });

  it('sends nothing when the fatal signal has already aborted, and rejects with its reason', async () => {
    let requests = 0;
    const origin = await serve((_req, res) => { requests++; res.end('{}'); });
    const fatal = new AbortController();
    const reason = new Error('stop');
    fatal.abort(reason);
    await expect(exchange(new Agent(), { origin, path: '/x', method: 'GET' }, 2000, fatal.signal)).rejects.toBe(reason);
    await new Promise((r) => setTimeout(r, 50));
    expect(requests).toBe(0);
  });

  it('aborts a request on the wire when the fatal signal aborts, and the server sees the connection close', async () => {
    let closed = false;
    const origin = await serve((_req, res) => {
      res.writeHead(200);
      res.write(' ');
      res.on('close', () => { closed = true; });
    });
    const fatal = new AbortController();
    const pending = exchange(new Agent(), { origin, path: '/x', method: 'GET' }, 10_000, fatal.signal);
    await new Promise((r) => setTimeout(r, 100));
    const reason = new Error('fatal');
    fatal.abort(reason);
    await expect(pending).rejects.toBe(reason);
    await new Promise((r) => setTimeout(r, 100));
    expect(closed).toBe(true);
  });

  it('rejects with undici\'s socket error when the connection drops inside the body (no partial text)', async () => {
    const origin = await serve((req, res) => {
      res.writeHead(200, { 'content-length': '100', 'content-type': 'application/json' });
      res.write('{"partial":');
      setTimeout(() => req.socket.destroy(), 20);
    });
    await expect(exchange(new Agent(), { origin, path: '/x', method: 'GET' }, 2000, live())).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
  });

  it('settles once per request and keeps no listener on the fatal signal afterwards', async () => {
    const origin = await serve((_req, res) => res.end('{}'));
    const fatal = new AbortController();
    const agent = new Agent();
    const all = await Promise.all(Array.from({ length: 50 }, () => exchange(agent, { origin, path: '/x', method: 'GET' }, 2000, fatal.signal)));
    expect(all.every((r) => r.status === 200)).toBe(true);
    // Aborting after every request settled rejects nothing and throws nothing.
    expect(() => fatal.abort(new Error('late'))).not.toThrow();
  });
});
