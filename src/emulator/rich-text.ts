import { ApiError } from './errors.js';
import type { RichTextItem } from './state-types.js';

/** Limits from notion-api.md §5.2. */
export const LIMITS = {
  richTextContent: 2000,
  linkUrl: 2000,
  equation: 1000,
  arrayItems: 100,
  url: 2000,
  email: 200,
  phone: 200,
  schemaBytes: 50 * 1024,
  pageSize: 100,
} as const;

const DEFAULT_ANNOTATIONS = {
  bold: false, italic: false, strikethrough: false, underline: false, code: false, color: 'default',
} as const;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks an array's length against the 100-item limit. */
export function checkArray(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw ApiError.validation(`${where} should be an array, instead was \`${JSON.stringify(value)}\`.`);
  if (value.length > LIMITS.arrayItems) {
    throw ApiError.validation(`${where}.length should be ≤ \`${LIMITS.arrayItems}\`, instead was \`${value.length}\`.`);
  }
  return value;
}

/**
 * Validates and normalises a rich-text request array into the response form.
 * Enforces the 100-item and 2000-character (UTF-16 code units) limits.
 */
export function parseRichText(value: unknown, where: string): RichTextItem[] {
  const items = checkArray(value, where);
  return items.map((item, i) => parseItem(item, `${where}[${i}]`));
}

function parseItem(item: unknown, where: string): RichTextItem {
  if (!isRecord(item)) throw ApiError.validation(`${where} should be an object, instead was \`${JSON.stringify(item)}\`.`);
  const annotations = { ...DEFAULT_ANNOTATIONS, ...(isRecord(item.annotations) ? item.annotations : {}) };
  if (isRecord(item.text) || item.type === 'text') {
    const text = item.text;
    if (!isRecord(text) || typeof text.content !== 'string') {
      throw ApiError.validation(`${where}.text.content should be defined, instead was \`undefined\`.`);
    }
    if (text.content.length > LIMITS.richTextContent) {
      throw ApiError.validation(
        `${where}.text.content.length should be ≤ \`${LIMITS.richTextContent}\`, instead was \`${text.content.length}\`.`);
    }
    let link: { url: string } | null = null;
    if (isRecord(text.link)) {
      if (typeof text.link.url !== 'string') throw ApiError.validation(`${where}.text.link.url should be a string.`);
      if (text.link.url.length > LIMITS.linkUrl) {
        throw ApiError.validation(`${where}.text.link.url.length should be ≤ \`${LIMITS.linkUrl}\`, instead was \`${text.link.url.length}\`.`);
      }
      link = { url: text.link.url };
    }
    return { type: 'text', text: { content: text.content, link }, annotations, plain_text: text.content, href: link?.url ?? null };
  }
  if (isRecord(item.equation)) {
    const expr = item.equation.expression;
    if (typeof expr !== 'string') throw ApiError.validation(`${where}.equation.expression should be a string.`);
    if (expr.length > LIMITS.equation) {
      throw ApiError.validation(`${where}.equation.expression.length should be ≤ \`${LIMITS.equation}\`, instead was \`${expr.length}\`.`);
    }
    return { type: 'equation', equation: { expression: expr }, annotations, plain_text: expr, href: null };
  }
  if (isRecord(item.mention)) {
    return { type: 'mention', mention: item.mention, annotations, plain_text: typeof item.plain_text === 'string' ? item.plain_text : '', href: null };
  }
  throw ApiError.validation(`${where} should have one of \`text\`, \`mention\` or \`equation\` defined.`);
}

/** Plain text of a rich-text array. */
export function plainText(items: readonly RichTextItem[] | undefined): string {
  return (items ?? []).map((i) => i.plain_text).join('');
}

/** A one-item rich-text array holding `content` (empty array for ''). */
export function textToRichText(content: string): RichTextItem[] {
  if (content === '') return [];
  return [{ type: 'text', text: { content, link: null }, annotations: { ...DEFAULT_ANNOTATIONS }, plain_text: content, href: null }];
}

export { isRecord };
