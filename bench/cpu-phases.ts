/**
 * Where a CLI run's CPU goes: the inclusive time of named functions in a V8 CPU profile
 * (`node --cpu-prof`), each counted once per sample however deep it recurses, plus the garbage
 * collector. The bundle keeps function names (esbuild does not minify), so the names are the
 * sources' own. Samples of the main thread only: GC helper threads and start-up before the
 * profiler are not in it, so the shares are of the profile's total, not of the process's CPU.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode { readonly id: number; readonly callFrame: { readonly functionName: string }; readonly children?: readonly number[] }
interface Profile { readonly nodes: readonly ProfileNode[]; readonly samples: readonly number[]; readonly timeDeltas: readonly number[] }

/** Milliseconds per phase name, and the profile's total. */
export function phases(dir: string, names: readonly string[]): { readonly total: number; readonly ms: ReadonlyMap<string, number> } {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (file === undefined) throw new Error(`no .cpuprofile in ${dir}`);
  const p = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
  const parent = new Map<number, number>();
  const byId = new Map<number, ProfileNode>();
  for (const n of p.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const wanted = new Set(names);
  const ms = new Map<string, number>(names.map((n) => [n, 0]));
  let total = 0;
  p.samples.forEach((id, i) => {
    const dt = (p.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    const seen = new Set<string>();
    for (let c: number | undefined = id; c !== undefined; c = parent.get(c)) {
      const name = byId.get(c)?.callFrame.functionName ?? '';
      if (wanted.has(name) && !seen.has(name)) {
        seen.add(name);
        ms.set(name, (ms.get(name) ?? 0) + dt);
      }
    }
  });
  return { total, ms };
}
