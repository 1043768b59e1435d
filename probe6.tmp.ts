import { readFileSync } from 'node:fs';
import jsyaml from 'js-yaml';
import { fastLoad } from './src/config/fast-load.js';
import { CORE_SCHEMA } from './src/config/yaml-core-schema.js';
import { createIndexedSourceMap, maxAliasExpansions } from './src/config/source-index.js';
import { lineIndex } from './src/config/line-index.js';
import { expandEnv } from './src/config/env.js';
import { checkStructure } from './src/config/structural.js';
import { checkSemantics } from './src/config/semantic.js';
import { normalize } from './src/config/normalize.js';
import { DiagnosticSink } from './src/config/diagnostics.js';
const text = readFileSync(process.argv[2]!, 'utf8');
const best = new Map<string, number>();
const t = (name: string, f: () => unknown) => { const c0 = process.cpuUsage(); const r = f(); const c = process.cpuUsage(c0); const ms = (c.user + c.system) / 1000; best.set(name, Math.min(best.get(name) ?? 1e9, ms)); return r; };
for (let round = 0; round < 5; round++) {
  t('jsyaml default', () => jsyaml.load(text));
  t('jsyaml core', () => jsyaml.load(text, { schema: CORE_SCHEMA }));
  const f = t('fastLoad', () => fastLoad(text)) as any;
  const map = createIndexedSourceMap(f.value, f.index, lineIndex(text, 'x'));
  t('aliases', () => maxAliasExpansions(f.value, f.index));
  const e = t('env', () => expandEnv(f.value, {})) as any;
  t('structure', () => checkStructure(e.value, map));
  const sink = new DiagnosticSink();
  t('semantics', () => checkSemantics(e.value, map, sink));
  t('normalize', () => normalize(e.value, { file: 'x', hash: '' }, map));
}

for (const [k, v] of best) console.log(k.padEnd(20), v.toFixed(0));
