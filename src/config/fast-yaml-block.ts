import { CR, HASH, LF, SP, TAB, YamlBail } from './fast-yaml-scan.js';

/** A block scalar read by `blockScalar`: its value, and the start of the first line after it. */
export interface BlockScalar {
  readonly value: string;
  readonly next: number;
}

const bail = (reason: string): never => {
  throw new YamlBail(reason);
};

/**
 * A literal (`|`) or folded (`>`) block scalar whose indicator is at q, the value of a mapping
 * entry in column `parent`. The common forms only, exactly as js-yaml reads them: an optional
 * chomping indicator (`-`, `+`), an optional comment, content lines at one indentation (a literal
 * may indent further), empty lines anywhere. Anything else bails (the js-yaml path reads it):
 * an indentation indicator, a more-indented line in a folded scalar, a blank line holding more
 * spaces than the content's indentation, tabs or carriage returns, a last line without a line
 * break, a scalar with no content line.
 */
export function blockScalar(s: string, n: number, q: number, parent: number): BlockScalar {
  const folded = s.charCodeAt(q) === 0x3e;
  let p = q + 1;
  const h = s.charCodeAt(p);
  const chomp = h === 0x2d ? 'strip' : h === 0x2b ? 'keep' : 'clip';
  if (chomp !== 'clip') p++;
  const afterHeader = p;
  while (s.charCodeAt(p) === SP) p++;
  if (s.charCodeAt(p) === HASH && p > afterHeader) {
    const e = s.indexOf('\n', p);
    p = e < 0 ? n : e;
  }
  if (s.charCodeAt(p) !== LF) bail('a block scalar header');
  p++;
  const lines: string[] = [];
  let indent = -1;
  let leadingSpaces = 0;
  let lastContent = -1;
  for (;;) {
    const start = p;
    while (s.charCodeAt(p) === SP) p++;
    const c = s.charCodeAt(p);
    if (p >= n) {
      if (p > start) bail('spaces at the end of a block scalar');
      break;
    }
    if (c === TAB || c === CR) bail('a tab or carriage return in a block scalar');
    const sp = p - start;
    if (c === LF) {
      if (indent < 0) leadingSpaces = Math.max(leadingSpaces, sp);
      else if (sp > indent) bail('a blank line with more spaces than the block');
      lines.push('');
      p++;
      continue;
    }
    if (indent < 0) {
      if (sp <= parent) bail('an empty block scalar');
      if (leadingSpaces > sp) bail('leading blank lines indented past the content');
      indent = sp;
    } else if (sp < indent) {
      p = start;
      break;
    } else if (sp > indent && folded) bail('a more-indented line in a folded scalar');
    const e = s.indexOf('\n', p);
    if (e < 0) bail('a block scalar without a final line break');
    const text = s.slice(start + indent, e);
    if (text.includes('\r') || text.includes('\t')) bail('a tab or carriage return in a block scalar');
    lastContent = lines.length;
    lines.push(text);
    p = e + 1;
  }
  if (lastContent < 0) bail('a block scalar without content');
  const body = folded ? fold(lines, lastContent) : lines.slice(0, lastContent + 1).join('\n');
  const trailing = lines.length - 1 - lastContent;
  const value = chomp === 'strip' ? body : chomp === 'clip' ? `${body}\n` : `${body}\n${'\n'.repeat(trailing)}`;
  return { value, next: p };
}

/** Folded content (every content line at the block's indentation): a line break between lines is a space, each empty line a line break. */
function fold(lines: readonly string[], last: number): string {
  let out = '';
  let empties = 0;
  let started = false;
  for (let i = 0; i <= last; i++) {
    const line = lines[i] as string;
    if (line === '') {
      empties++;
      continue;
    }
    out += started ? (empties === 0 ? ' ' : '\n'.repeat(empties)) + line : '\n'.repeat(empties) + line;
    started = true;
    empties = 0;
  }
  return out;
}
