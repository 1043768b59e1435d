import type { SourceLocation } from '../model/common.js';

/**
 * Offsets → 1-based line and column (UTF-16 units, as the `yaml` package counts them).
 * The line starts are found on the first call only, so a file without diagnostics never pays.
 */
export function lineIndex(text: string, file: string): (offset: number) => SourceLocation {
  let starts: Int32Array | undefined;
  const build = (): Int32Array => {
    let n = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
    const out = new Int32Array(n);
    let k = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out[k++] = i + 1;
    return out;
  };
  return (offset) => {
    starts ??= build();
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((starts[mid] as number) < offset) low = mid + 1;
      else high = mid;
    }
    if (starts[low] === offset) return { file, line: low + 1, col: 1 };
    const start = starts[low - 1] as number;
    return { file, line: low, col: offset - start + 1 };
  };
}
