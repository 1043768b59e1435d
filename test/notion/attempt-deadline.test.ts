import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { NetworkError, type NotionApiError } from '../../src/errors.js';
import { attemptOnce, type AttemptContext } from '../../src/notion/attempt.js';
import { createFatalLatch } from '../../src/notion/fatal-latch.js';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A server that sends its headers at once, then one byte every `everyMs` for `totalMs`. */
async function trickling(everyMs: number, totalMs: number): Promise<string> {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write(' ');
    const timer = setInterval(() => res.write(' '), everyMs);
    setTimeout(() => { clearInterval(timer); res.end('{}'); }, totalMs);
    res.on('close', () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function context(origin: string, fatal = createFatalLatch()): AttemptContext {
  return {
    origin, base: origin, headers: {}, dispatcher: new Agent(), secrets: [], random: () => 0, now: () => performance.now(),
    fatalSignal: fatal.signal, fatalError: () => fatal.error, onRateLimited: () => undefined,
  };
}

describe('attemptOnce deadline', () => {
  it('ends a request whose body trickles past the timeout (a total deadline, not only per chunk)', async () => {
    const origin = await trickling(30, 1000);
    const started = performance.now();
    const a = await attemptOnce(context(origin), { method: 'GET', path: '/slow' }, '/slow', true, 0, 200);
    expect(performance.now() - started).toBeLessThan(900);
    expect(a.ok).toBe(false);
    if (a.ok) return;
    expect(a.error).toBeInstanceOf(NetworkError);
    expect((a.error as NetworkError).timed_out).toBe(true);
    expect(a.error.message).toContain('timed out after 200 ms: The operation was aborted due to timeout');
    expect(a.retryable).toBe(true);
  });

  it('succeeds when the body ends before the deadline', async () => {
    const origin = await trickling(10, 50);
    await expect(attemptOnce(context(origin), { method: 'GET', path: '/ok' }, '/ok', true, 0, 2000)).resolves.toEqual({ ok: true, body: {} });
  });

  it('ends every request on the wire when the fatal latch trips, with its error and no listener warning', async () => {
    const origin = await trickling(30, 5000);
    const fatal = createFatalLatch();
    const warnings: Error[] = [];
    const onWarning = (w: Error): void => { warnings.push(w); };
    process.on('warning', onWarning);
    try {
      const ctx = context(origin, fatal);
      const pending = Array.from({ length: 16 }, () => attemptOnce(ctx, { method: 'GET', path: '/x' }, '/x', true, 0, 10_000));
      await new Promise((r) => setTimeout(r, 100));
      const err = new NetworkError('stop', 'UND_ERR_INVALID_ARG') as NetworkError | NotionApiError;
      fatal.trip(err);
      const results = await Promise.all(pending);
      for (const a of results) expect(a).toMatchObject({ ok: false, error: err, retryable: false });
      await new Promise((r) => setImmediate(r));
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
