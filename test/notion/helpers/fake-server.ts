import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake server saw it. */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  readonly at: number;
}

/** What the handler answers: a JSON response, a reset, or a delayed answer. */
export type FakeReply =
  | { readonly status: number; readonly json?: unknown; readonly headers?: Record<string, string>; readonly delayMs?: number }
  | { readonly reset: true };

export interface FakeServer {
  readonly url: string;
  readonly seen: SeenRequest[];
  close(): Promise<void>;
}

/** A tiny node:http server on 127.0.0.1 whose answers come from `handler`, for client unit tests. */
export async function startFakeServer(handler: (req: SeenRequest, index: number) => FakeReply | Promise<FakeReply>): Promise<FakeServer> {
  const seen: SeenRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const r: SeenRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, at: Date.now() };
      const index = seen.length;
      seen.push(r);
      void Promise.resolve(handler(r, index)).then((reply) => {
        if ('reset' in reply) {
          req.socket.destroy();
          return;
        }
        const send = (): void => {
          if (res.destroyed) return;
          res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
          res.end(reply.json === undefined ? '' : JSON.stringify(reply.json));
        };
        if (reply.delayMs) setTimeout(send, reply.delayMs);
        else send();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A Notion error envelope. */
export function notionError(status: number, code: string, message: string, extra: Record<string, unknown> = {}): unknown {
  return { object: 'error', status, code, message, request_id: `req-${status}`, ...extra };
}

/** A fake clock: `sleep` advances `now` instantly and records each wait. */
export function fakeClock(): { now: () => number; sleep: (ms: number) => Promise<void>; sleeps: number[]; advance: (ms: number) => void } {
  let t = 0;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
      await Promise.resolve();
    },
    sleeps,
    advance: (ms) => {
      t += ms;
    },
  };
}
