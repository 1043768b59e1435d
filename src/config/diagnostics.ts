import type { Diagnostic, SourceLocation } from '../model/common.js';

/** Collects diagnostics; `error`/`warn` keep call sites short. */
export class DiagnosticSink {
  readonly items: Diagnostic[] = [];

  error(code: string, message: string, location: SourceLocation | undefined, hint?: string): void {
    this.push('error', code, message, location, hint);
  }

  warn(code: string, message: string, location: SourceLocation | undefined, hint?: string): void {
    this.push('warning', code, message, location, hint);
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }

  private push(severity: Diagnostic['severity'], code: string, message: string, location?: SourceLocation, hint?: string): void {
    this.items.push({
      severity, code, message,
      ...(hint === undefined ? {} : { hint }),
      ...(location === undefined ? {} : { location }),
    });
  }
}

/**
 * Sorts by file (of a directory schema: by name), then position (line, then column);
 * diagnostics without a location come first. Stable.
 */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  const file = (d: Diagnostic): string => d.location?.file ?? '';
  return [...ds].sort((a, b) => (file(a) < file(b) ? -1 : file(a) > file(b) ? 1 : 0)
    || (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.col ?? 0) - (b.location?.col ?? 0));
}
