import cliProgress from 'cli-progress';
import type { ApplyEvent } from '../apply/index.js';
import type { CommandContext } from './context.js';
import { MigrationProgress } from './migration-progress.js';

/**
 * Renders apply events on stderr. On a TTY: a cli-progress bar with the current step
 * and an ETA derived from the rate limit (remaining requests / rate). Otherwise (CI):
 * one plain line per request.
 */
export class ProgressView {
  private total = 0;
  private finished = 0;
  private bar: cliProgress.SingleBar | null = null;
  private readonly tty: boolean;
  private readonly migration: MigrationProgress;

  constructor(private readonly ctx: CommandContext, private readonly rate: number) {
    this.tty = ctx.io.stderrIsTTY ?? ctx.io.isTTY;
    this.migration = new MigrationProgress(ctx, () => this.stream());
  }

  on(e: ApplyEvent): void {
    const { io, colors: c } = this.ctx;
    switch (e.type) {
      case 'phase':
        if (!this.tty && e.phase !== 'execute') io.stderr(c.dim(e.phase === 'staleness' ? 'Checking that the plan is not stale…\n' : 'Verifying the result…\n'));
        return;
      case 'start':
        this.total = e.requests;
        return;
      case 'request-start':
        if (this.tty) this.draw(e.label);
        return;
      case 'request-end': {
        this.finished++;
        if (this.tty) {
          if (e.status === 'failed') this.note(`${e.label}: ${e.message ?? ''}`);
          this.draw(e.label);
          return;
        }
        const mark = e.status === 'applied' ? c.green('✓') : e.status === 'failed' ? c.red('✗') : c.dim('-');
        io.stderr(`${mark} [${this.finished}/${this.total}] ${e.label}${e.status !== 'applied' ? ` (${e.status}${e.message ? `: ${e.message}` : ''})` : ''}\n`);
        return;
      }
      case 'recovered':
        this.note(`${e.request}: recovered the ${e.kind === 'database' ? 'database' : 'data source'} ${e.id} (via ${e.via}) instead of creating a duplicate`);
        return;
      case 'migration-start':
        this.done();
        this.migration.on(e);
        return;
      case 'migration':
      case 'migration-end':
        this.migration.on(e);
        return;
      case 'created':
      case 'verified':
        return;
    }
  }

  done(): void {
    this.migration.stop();
    if (this.bar) {
      this.bar.stop();
      this.bar = null;
    }
  }

  /** A line above the bar (the bar is redrawn below it). */
  private note(text: string): void {
    const line = this.ctx.colors.dim(text);
    if (this.bar) this.ctx.io.stderr(`\r\x1b[K${line}\n`);
    else this.ctx.io.stderr(`${line}\n`);
  }

  private draw(label: string): void {
    const payload = { step: label.slice(0, 60), eta_rate: Math.ceil((this.total - this.finished) / this.rate) };
    if (!this.bar) {
      this.bar = new cliProgress.SingleBar(
        {
          format: '{bar} {value}/{total} ETA {eta_rate}s {step}',
          barsize: 24,
          hideCursor: false,
          clearOnComplete: false,
          stopOnComplete: false,
          // Redraw on every update (not on a timer), so the output is deterministic and needs no cleanup.
          noTTYOutput: false,
          fps: 1000,
          stream: this.stream(),
        },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(Math.max(this.total, 1), this.finished, payload);
    }
    this.bar.update(this.finished, payload);
    this.bar.render();
  }

  /** A terminal-like stream writing through the injected stderr. */
  private stream(): NodeJS.WritableStream {
    const write = this.ctx.io.stderr;
    const stream = {
      isTTY: true,
      columns: 120,
      write(chunk: string | Uint8Array, ..._rest: unknown[]): boolean {
        write(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
        return true;
      },
      cursorTo(x: number, _y?: number, cb?: () => void): boolean {
        write(`\x1b[${x + 1}G`);
        cb?.();
        return true;
      },
      clearLine(_dir: number, cb?: () => void): boolean {
        write('\x1b[2K');
        cb?.();
        return true;
      },
      moveCursor(_dx: number, _dy: number, cb?: () => void): boolean {
        cb?.();
        return true;
      },
      on: () => stream,
      once: () => stream,
      removeListener: () => stream,
    };
    return stream as unknown as NodeJS.WritableStream;
  }
}
