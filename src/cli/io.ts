import pc from 'picocolors';

/** Colour functions; identity functions when colour is off. */
export type Colors = ReturnType<typeof pc.createColors>;

/**
 * Everything a command may touch of the outside world, injected so tests can
 * run `main()` in-process. Only `cli/` writes to the real stdout/stderr.
 */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** stdout is a terminal (colour of the main output). */
  readonly isTTY: boolean;
  /** stderr is a terminal (progress bars are drawn there). Defaults to `isTTY` when not given. */
  readonly stderrIsTTY?: boolean;
  /** stdin is a terminal (confirmation prompts). */
  readonly stdinIsTTY: boolean;
  /** Asks a yes/no question on the terminal; only called when stdinIsTTY. */
  readonly confirm: (question: string) => Promise<boolean>;
}

export function colorsFor(enabled: boolean): Colors {
  return pc.createColors(enabled);
}

/** Colour is on for a TTY unless --no-color or NO_COLOR (any non-empty value) says otherwise. */
export function colorEnabled(flag: boolean | undefined, env: CliIO['env'], isTTY: boolean): boolean {
  if (flag === false) return false;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') return true;
  return isTTY;
}
