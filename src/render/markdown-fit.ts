/**
 * A part of a Markdown document that can shrink: `levels[0]` is the fullest rendering, each later
 * level shorter (e.g. full blocks → one line per step → one sentence). Every level is whole
 * Markdown: shrinking never cuts a sentence or leaves a fence or `<details>` open.
 */
export interface Section {
  readonly levels: readonly string[];
}

/** Length of the sections joined with newlines. */
function joinedLength(texts: readonly string[]): number {
  return texts.reduce((sum, t) => sum + t.length, 0) + Math.max(0, texts.length - 1);
}

/**
 * Chooses one level per section so the sections, joined with newlines, fit `budget` characters:
 * the currently largest section that can still shrink shrinks first, one level at a time.
 * Returns the chosen texts in order; when even the shortest levels do not fit, returns those.
 */
export function fitSections(sections: readonly Section[], budget: number): string[] {
  const level = sections.map(() => 0);
  const texts = (): string[] => sections.map((s, i) => s.levels[level[i] ?? 0] ?? '');
  for (;;) {
    const now = texts();
    if (joinedLength(now) <= budget) return now;
    let pick = -1;
    for (let i = 0; i < sections.length; i++) {
      const canShrink = (level[i] ?? 0) < (sections[i]?.levels.length ?? 0) - 1;
      if (canShrink && (pick < 0 || (now[i]?.length ?? 0) > (now[pick]?.length ?? 0))) pick = i;
    }
    if (pick < 0) return now;
    level[pick] = (level[pick] ?? 0) + 1;
  }
}
