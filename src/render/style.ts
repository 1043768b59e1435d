/** Colour functions (plain string → string, so render/ stays free of terminal libraries). */
export interface TextStyle {
  readonly green: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly red: (s: string) => string;
  readonly cyan: (s: string) => string;
  readonly magenta: (s: string) => string;
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
}

const id = (s: string): string => s;
/** No colour. */
export const PLAIN_STYLE: TextStyle = { green: id, yellow: id, red: id, cyan: id, magenta: id, bold: id, dim: id };
