/** Rich text → plain string, as the model stores titles and descriptions. */
interface RichTextLike {
  readonly plain_text?: unknown;
  readonly text?: { readonly content?: unknown } | null;
}

/** Concatenates the plain text of a rich-text array (falling back to `text.content`). */
export function plainText(items: unknown): string {
  if (!Array.isArray(items)) return typeof items === 'string' ? items : '';
  let out = '';
  for (const item of items as RichTextLike[]) {
    if (item === null || typeof item !== 'object') continue;
    if (typeof item.plain_text === 'string') out += item.plain_text;
    else if (item.text && typeof item.text.content === 'string') out += item.text.content;
  }
  return out;
}

/** Like `plainText`, but an empty text is null (the model's "no description"). */
export function plainTextOrNull(items: unknown): string | null {
  const s = plainText(items);
  return s === '' ? null : s;
}
