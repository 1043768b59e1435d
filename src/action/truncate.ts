/** GitHub rejects issue and pull-request comments longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** GitHub shows at most 1 MiB of job summary per step. */
export const STEP_SUMMARY_LIMIT = 1_000_000;

/** The result of fitting markdown under a limit. */
export interface Fitted {
  readonly text: string;
  /** True when content was dropped. */
  readonly truncated: boolean;
}

/**
 * Fits `markdown` into `limit` characters (UTF-16 code units, which is at least what
 * GitHub counts). When it is too long, cuts it at a line boundary, closes an open code
 * fence and any open `<details>`, and appends `notice`.
 *
 * Invariant: `result.text.length <= limit` whenever `notice.length + 32 <= limit`.
 */
export function fitMarkdown(markdown: string, limit: number, notice: string): Fitted {
  if (markdown.length <= limit) return { text: markdown, truncated: false };
  // Room for the notice, the closers and the separators.
  const reserve = notice.length + 32;
  let budget = Math.max(0, limit - reserve);
  for (;;) {
    const cut = cutAtLine(markdown, budget);
    const closers = closersFor(cut);
    const text = `${cut}${closers}\n\n${notice}\n`;
    if (text.length <= limit || budget === 0) return { text: text.length <= limit ? text : notice.slice(0, limit), truncated: true };
    budget = Math.max(0, budget - (text.length - limit));
  }
}

function cutAtLine(text: string, budget: number): string {
  const head = text.slice(0, budget);
  const nl = head.lastIndexOf('\n');
  return (nl > 0 ? head.slice(0, nl) : head).replace(/\s+$/, '');
}

/** Closing markup for constructs left open at the cut: a ``` fence, then `<details>` blocks. */
function closersFor(text: string): string {
  let out = '';
  const fences = text.split('\n').filter((line) => /^\s*(```|~~~)/.test(line)).length;
  if (fences % 2 === 1) out += '\n```';
  const opened = (text.match(/<details[\s>]/gi) ?? []).length;
  const closed = (text.match(/<\/details>/gi) ?? []).length;
  for (let i = closed; i < opened; i++) out += '\n\n</details>';
  return out;
}
