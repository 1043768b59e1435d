/**
 * `npm run bench`: runs every bench/*.bench.ts module in one process and writes
 * docs/benchmarks.md. Each module exports `run(): Promise<BenchSection>`.
 * Benchmarks are measurements, never pass/fail tests.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import os from 'node:os';

export interface BenchSection {
  readonly title: string;
  /** Markdown body: a table of the measured ratios and what they mean. */
  readonly markdown: string;
}

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
const sections: BenchSection[] = [];
for (const f of files) {
  process.stderr.write(`bench: ${f}…\n`);
  const mod = (await import(pathToFileURL(`${dir}/${f}`).href)) as { run: () => Promise<BenchSection> };
  sections.push(await mod.run());
}
const header = `# Benchmarks

Written by \`npm run bench\` (do not edit by hand). Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, measured ${new Date().toISOString().slice(0, 10)}.
Every ratio in a section comes from one run.
`;
const out = [header, ...sections.map((s) => `## ${s.title}\n\n${s.markdown.trim()}\n`)].join('\n');
if (only.length === 0) writeFileSync(fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url)), out);
else process.stdout.write(out);
