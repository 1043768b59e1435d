/** `1 page`, `2 pages`, `1,234 pages`: a count with its noun in the right number. */
export function counted(n: number, word: string, plural = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : plural}`;
}
