import cliProgress from 'cli-progress';
import type { ApplyEvent } from '../apply/index.js';
import type { CommandContext } from './context.js';

type MigrationApplyEvent = Extract<ApplyEvent, { type: 'migration-start' | 'migration' | 'migration-end' }>;

function eta(seconds: number | null): string {
  if (seconds === null) return '…';
  const s = Math.max(0, Math.round(seconds));
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/**
 * Data-migration progress on stderr: on a TTY a bar of pages done / total with the ETA the
 * engine measures; otherwise one line per pass, schema change and 10 % of pages.
 */
export class MigrationProgress {
  private bar: cliProgress.SingleBar | null = null;
  private lastTenth = -1;
  private readonly tty: boolean;

  constructor(private readonly ctx: CommandContext, private readonly stream: () => NodeJS.WritableStream) {
    this.tty = ctx.io.stderrIsTTY ?? ctx.io.isTTY;
  }

  on(e: MigrationApplyEvent): void {
    const { io, colors: c } = this.ctx;
    if (e.type === 'migration-start') {
      this.line(c.bold(`Data migration ${e.step}: ${e.label}`));
      return;
    }
    if (e.type === 'migration-end') {
      this.stop();
      const mark = e.status === 'applied' ? c.green('✓') : e.status === 'failed' ? c.red('✗') : c.dim('-');
      io.stderr(`${mark} ${e.step} ${e.message ?? e.status}\n`);
      return;
    }
    const ev = e.event;
    switch (ev.type) {
      case 'start':
        if (ev.resumed) this.line(c.yellow(`  resuming an interrupted run (${ev.doneBefore} page(s) rewritten before); journal ${ev.journal}`));
        return;
      case 'pass':
        this.stop();
        this.lastTenth = -1;
        this.line(c.dim(`  pass ${ev.pass + 1}/${ev.passes}: ${ev.label}`));
        return;
      case 'schema':
        this.line(c.dim(`  ${ev.action}`));
        return;
      case 'round':
        if (ev.round > 1 && ev.toWrite > 0) this.line(c.yellow(`  re-query round ${ev.round}: ${ev.toWrite} page(s) changed meanwhile still hold the old value`));
        return;
      case 'skipped-page':
        this.line(c.dim(`  skipped page ${ev.pageId}: ${ev.reason}`));
        return;
      case 'progress':
        this.progress(ev.done, ev.total, ev.etaSeconds);
        return;
      case 'done':
        return;
    }
  }

  stop(): void {
    if (this.bar) {
      this.bar.stop();
      this.bar = null;
    }
  }

  private line(text: string): void {
    if (this.bar) this.ctx.io.stderr(`\r\x1b[K${text}\n`);
    else this.ctx.io.stderr(`${text}\n`);
  }

  private progress(done: number, total: number, seconds: number | null): void {
    if (!this.tty) {
      const tenth = total > 0 ? Math.floor((done / total) * 10) : 10;
      if (tenth === this.lastTenth) return;
      this.lastTenth = tenth;
      this.ctx.io.stderr(this.ctx.colors.dim(`  ${done}/${total} pages, ETA ${eta(seconds)}\n`));
      return;
    }
    const payload = { eta_m: eta(seconds) };
    if (!this.bar) {
      this.bar = new cliProgress.SingleBar({
        format: '  {bar} {value}/{total} pages ETA {eta_m}', barsize: 24, hideCursor: false, clearOnComplete: false,
        stopOnComplete: false, noTTYOutput: false, fps: 1000, stream: this.stream(),
      }, cliProgress.Presets.shades_classic);
      this.bar.start(Math.max(total, 1), done, payload);
    }
    this.bar.setTotal(Math.max(total, 1));
    this.bar.update(done, payload);
    this.bar.render();
  }
}
