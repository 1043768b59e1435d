import { releaseOwnApplyLock } from '../apply/apply-lock.js';

/** The signals that interrupt a run, and the exit code each ends it with (128 + the signal number). */
export const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
export type InterruptSignal = keyof typeof SIGNAL_EXIT;

/** How long in-flight requests may take to finish after the first signal, by default. */
export const DEFAULT_GRACE_MS = 5000;

/**
 * For read-only commands (`plan`): a signal prints `message(sig)` and exits at once with 130/143, since
 * nothing is being written. Returns the function that removes the handlers.
 */
export function exitOnSignal(message: (sig: InterruptSignal) => void): () => void {
  const on = (sig: InterruptSignal) => (): void => {
    message(sig);
    process.exit(SIGNAL_EXIT[sig]);
  };
  const onInt = on('SIGINT');
  const onTerm = on('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return () => {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  };
}

/** A trap for SIGINT and SIGTERM during one command. */
export interface SignalTrap {
  /** Aborted at the first signal. */
  readonly signal: AbortSignal;
  /** The first signal received, or null. */
  readonly received: () => InterruptSignal | null;
  /** Removes the handlers (and the grace timer); call when the command ends. */
  readonly dispose: () => void;
}

export interface TrapOptions {
  /** Told at the first signal (e.g. to print what happens now). */
  readonly onFirst: (sig: InterruptSignal) => void;
  /** Told just before the process exits without finishing: grace over, or a second signal. */
  readonly onForcedExit: (sig: InterruptSignal, why: 'grace' | 'second') => void;
  /** The apply guard's directory, released before a forced exit (only if this process holds it). */
  readonly guardDir?: string;
  readonly graceMs?: number;
}

/**
 * The first SIGINT/SIGTERM aborts `signal` (the apply stops launching requests, lets those in flight
 * finish, writes its journal's end line and releases the guard on its own) and starts a grace timer; when
 * it runs out, or at a second signal, the process exits at once with 130/143 after releasing the guard.
 */
export function trapSignals(opts: TrapOptions): SignalTrap {
  const controller = new AbortController();
  let first: InterruptSignal | null = null;
  let timer: NodeJS.Timeout | undefined;
  const forceExit = (sig: InterruptSignal, why: 'grace' | 'second'): void => {
    opts.onForcedExit(sig, why);
    if (opts.guardDir !== undefined) releaseOwnApplyLock(opts.guardDir);
    process.exit(SIGNAL_EXIT[sig]);
  };
  const handler = (sig: InterruptSignal): void => {
    if (first !== null) {
      forceExit(first, 'second');
      return;
    }
    first = sig;
    opts.onFirst(sig);
    controller.abort();
    timer = setTimeout(() => forceExit(sig, 'grace'), opts.graceMs ?? DEFAULT_GRACE_MS);
    timer.unref();
  };
  const onInt = (): void => handler('SIGINT');
  const onTerm = (): void => handler('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return {
    signal: controller.signal,
    received: () => first,
    dispose: () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
