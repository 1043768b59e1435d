/** What the user reads when a signal interrupts a command (the presentation layer's sentences). */

/** At the first signal of an apply. */
export function interruptNotice(sig: string, graceSeconds: number): string {
  return `\nnotion-schema: ${sig} received: no new request is started; the ones in flight may take up to ${graceSeconds} s to finish. ` +
    'Send it again to exit at once.\n';
}

/** When the grace period ran out or a second signal came before in-flight requests finished. */
export function forcedExitNotice(sig: string, why: 'grace' | 'second'): string {
  const cause = why === 'grace' ? 'requests in flight did not finish in time' : 'second signal';
  return `notion-schema: exiting on ${sig} (${cause}). Requests in flight may or may not have been applied; ` +
    'run `notion-schema apply` again: it recovers from the journal and converges.\n';
}

/** An apply interrupted before its first write. */
export function interruptedBeforeWrites(sig: string): string {
  return `notion-schema: interrupted by ${sig} before any change; nothing was changed.\n`;
}

/** After the summary of an apply that a signal cut short. */
export function interruptedResume(sig: string): string {
  return `Interrupted by ${sig}: the steps above marked skipped were not started. Run \`notion-schema apply\` again to finish; re-planning converges.\n`;
}

/** `plan` (read only) interrupted. */
export function planInterrupted(sig: string): string {
  return `\nnotion-schema: interrupted by ${sig}; plan makes no changes, nothing was changed.\n`;
}
