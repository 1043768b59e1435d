import type { CreateDatabaseParameters } from '@notionhq/client';

type RichTextItemRequest = NonNullable<CreateDatabaseParameters['title']>[number];

/** Longest content of one rich text item (notion-api.md §5.2). */
export const RICH_TEXT_ITEM_LIMIT = 2000;

type TextItem = Extract<RichTextItemRequest, { text: unknown }> & { type: 'text'; text: { content: string } };

/**
 * A plain string as a Notion rich text request array: items of at most 2,000 UTF-16 units,
 * never splitting a surrogate pair. `''` is `[]`.
 */
export function richText(text: string): TextItem[] {
  const out: TextItem[] = [];
  let i = 0;
  while (i < text.length) {
    let end = Math.min(text.length, i + RICH_TEXT_ITEM_LIMIT);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    out.push({ type: 'text', text: { content: text.slice(i, end) } });
    i = end;
  }
  return out;
}

/** A nullable string as rich text (`null` is `[]`, which clears the field). */
export function richTextOrEmpty(text: string | null): TextItem[] {
  return text === null ? [] : richText(text);
}
