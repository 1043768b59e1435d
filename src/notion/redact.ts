/** Replaces every secret in `text`, plus anything that looks like a Notion token, with `[REDACTED]`. */
export const REDACTED = '[REDACTED]';

/** Token shapes Notion issues (`ntn_…`, legacy `secret_…`), redacted even when not passed explicitly. */
const TOKEN_PATTERN = /\b(?:ntn|secret)_[A-Za-z0-9]{8,}\b/g;
/** An `Authorization: Bearer …` value. */
const BEARER_PATTERN = /(Bearer\s+)[^\s"',;]+/gi;

/**
 * Removes secrets from a string destined for a message, a log line or a trace.
 * Secrets shorter than 4 characters are ignored (they would redact ordinary words).
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  const sorted = [...new Set(secrets)].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  for (const s of sorted) {
    out = out.split(s).join(REDACTED);
    const encoded = encodeURIComponent(s);
    if (encoded !== s) out = out.split(encoded).join(REDACTED);
  }
  out = out.replace(BEARER_PATTERN, `$1${REDACTED}`).replace(TOKEN_PATTERN, REDACTED);
  // A secret that is part of the marker itself (e.g. "DACT") would survive: blank it out.
  for (const s of sorted) if (out.includes(s)) out = out.split(s).join('*'.repeat(3));
  return out;
}
