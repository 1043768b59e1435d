/** Notion rich text request arrays for plain strings (2,000 characters per item, notion-api.md §5.2). */
export function richText(text: string): { type: 'text'; text: { content: string } }[] {
  if (text === '') return [];
  const out: { type: 'text'; text: { content: string } }[] = [];
  for (let i = 0; i < text.length; i += 2000) out.push({ type: 'text', text: { content: text.slice(i, i + 2000) } });
  return out;
}
