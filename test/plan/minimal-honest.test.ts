import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DesiredDataSource, DesiredProperty, LiveDataSource, LiveProperty, LiveState, OptionSpec, PropertyConfig } from '../../src/model/index.js';
import { buildPlan } from '../../src/plan/index.js';
import { db, desired, ds, live, liveDb, liveDs, lp, prop, uuid } from './builders.js';
import { expectPlanInvariants } from './invariants.js';
import { simulate } from './simulate.js';

type Plain = 'rich_text' | 'number' | 'select' | 'multi_select' | 'checkbox' | 'date' | 'url' | 'email';
const PLAIN: readonly Plain[] = ['rich_text', 'number', 'select', 'multi_select', 'checkbox', 'date', 'url', 'email'];
const COLORS = ['gray', 'green', 'red', 'blue'] as const;

interface Case {
  readonly live: LiveState;
  readonly desired: ReturnType<typeof desired>;
  /** `ref|property|kind` for every difference the generator introduced. */
  readonly expected: string[];
  /** Upper bound on requests per data source ref that ordering requires. */
  readonly bound: Map<string, number>;
}

function configOf(type: Plain, g: fc.GeneratorValue, live: boolean): PropertyConfig {
  if (type === 'number') return { type, format: g(fc.constantFrom, 'number', 'dollar', 'euro', 'percent') };
  if (type === 'select' || type === 'multi_select') {
    const n = g(fc.integer, { min: 1, max: 4 });
    const options: OptionSpec[] = Array.from({ length: n }, (_, i) => ({
      ...(live ? { id: `o${i}` } : {}), name: `Opt ${i}`, color: COLORS[i % COLORS.length] ?? 'gray', ...(live ? { description: null } : {}),
    }));
    return { type, options };
  }
  return { type } as PropertyConfig;
}

/** Desired copy of a live config (ids dropped; colours kept or left to "any"). */
function desiredConfig(c: PropertyConfig): PropertyConfig {
  if (c.type === 'select' || c.type === 'multi_select') return { type: c.type, options: c.options.map((o) => ({ name: o.name, ...(o.color ? { color: o.color } : {}) })) };
  return c;
}

function generate(g: fc.GeneratorValue): Case {
  const DB = uuid(1);
  const nDs = g(fc.integer, { min: 1, max: 3 });
  const liveDss: [string, LiveDataSource][] = [];
  const desiredDss: DesiredDataSource[] = [];
  const expected: string[] = [];
  const bound = new Map<string, number>();
  for (let i = 0; i < nDs; i++) {
    const ref = `crm.ds${i}`;
    const isNew = i > 0 && g(fc.boolean);
    const liveProps: LiveProperty[] = [lp('title', 'Name', { type: 'title' })];
    const want: DesiredProperty[] = [];
    let changed = false;
    let dependent = false;
    const renamedTo = new Map<string, string>();
    const touched = new Set<string>(); // names (desired) added, renamed or retyped
    if (!isNew && g(fc.boolean)) {
      want.push(prop('Title', { type: 'title' }));
      expected.push(`${ref}|Title|rename_property`);
      changed = true;
    } else want.push(prop('Name', { type: 'title' }));
    if (!isNew) {
      const nLive = g(fc.integer, { min: 0, max: 6 });
      for (let j = 0; j < nLive; j++) {
        const type = g(fc.constantFrom, ...PLAIN);
        const name = `P${i}_${j}`;
        const l = lp(`p${i}x${j}`, name, configOf(type, g, true));
        liveProps.push(l);
        const isSelect = l.config.type === 'select' || l.config.type === 'multi_select';
        const muts = ['keep', 'rename', 'remove', 'describe', 'retype', ...(type === 'number' ? ['format'] : []), ...(isSelect ? ['optAdd', 'optRemove', 'optDesc'] : [])] as const;
        const m = g(fc.constantFrom, ...muts);
        const base = desiredConfig(l.config);
        switch (m) {
          case 'keep': want.push(prop(name, base)); break;
          case 'rename': want.push(prop(`${name}b`, base, { renamed_from: [name] })); renamedTo.set(name, `${name}b`); touched.add(`${name}b`); expected.push(`${ref}|${name}b|rename_property`); break;
          case 'remove': expected.push(`${ref}|${name}|remove_property`); break;
          case 'describe': want.push(prop(name, base, { description: `About ${name}` })); expected.push(`${ref}|${name}|update_property`); break;
          case 'format': want.push(prop(name, { type: 'number', format: l.config.type === 'number' && l.config.format === 'yen' ? 'won' : 'yen' })); expected.push(`${ref}|${name}|update_property`); break;
          case 'retype': {
            const to = type === 'email' ? 'url' : 'email';
            want.push(prop(name, { type: to })); touched.add(name); expected.push(`${ref}|${name}|change_property_type`); break;
          }
          case 'optAdd': case 'optRemove': case 'optDesc': {
            if (base.type !== 'select' && base.type !== 'multi_select') throw new Error('unreachable');
            const opts = m === 'optAdd' ? [...base.options, { name: 'Extra', color: 'pink' as const }]
              : m === 'optRemove' ? base.options.slice(0, -1)
              : base.options.map((o, k) => (k === 0 ? { ...o, description: 'first' } : o));
            want.push(prop(name, { type: base.type, options: opts }));
            expected.push(`${ref}|${name}|${m === 'optAdd' ? 'add_options' : m === 'optRemove' ? 'remove_options' : 'update_property'}`);
            break;
          }
        }
        if (m !== 'keep') changed = true;
      }
      // A formula over a renamed property: compared after renames, so no step.
      const [old, nu] = [...renamedTo][0] ?? [];
      if (old !== undefined && nu !== undefined) {
        liveProps.push(lp(`f${i}`, `F${i}`, { type: 'formula', expression: `prop("${old}") + ""` }));
        want.push(prop(`F${i}`, { type: 'formula', expression: `prop("${nu}") + ""` }));
      }
    } else {
      expected.push(`${ref}||create_data_source`, `${ref}|Name|add_property`);
    }
    const nNew = g(fc.integer, { min: 0, max: 3 });
    for (let k = 0; k < nNew; k++) {
      const name = `N${i}_${k}`;
      want.push(prop(name, desiredConfig(configOf(g(fc.constantFrom, ...PLAIN), g, false))));
      touched.add(name);
      expected.push(`${ref}|${name}|add_property`);
      changed = true;
    }
    if (g(fc.boolean) && (touched.size > 0 || isNew)) {
      const refName = [...touched][0] ?? 'Name';
      want.push(prop(`G${i}`, { type: 'formula', expression: `prop("${refName}")` }));
      expected.push(`${ref}|G${i}|add_property`);
      dependent = true;
      changed = true;
    }
    bound.set(ref, (isNew ? 1 : changed ? 1 : 0) + (dependent ? 1 : 0));
    desiredDss.push(ds('crm', `ds${i}`, `DS ${i}`, want));
    if (!isNew) liveDss.push([ref, liveDs(uuid(100 + i), DB, `DS ${i}`, liveProps)]);
  }
  return {
    live: live([['crm', liveDb(DB, 'CRM', liveDss.map(([, d]) => ({ id: d.id, name: d.title })))]], liveDss),
    desired: desired([db('crm', 'CRM', desiredDss)]),
    expected,
    bound,
  };
}

/** Relations (one- and two-way), rollups over them (also over synced properties) and formulas over rollups. */
function generateRelational(g: fc.GeneratorValue): Case {
  const DB = uuid(1);
  const n = g(fc.integer, { min: 2, max: 3 });
  // Sometimes the whole database is new: its first data source comes with it (then is retitled).
  const newDb = g(fc.integer, { min: 0, max: 3 }) === 0;
  const isNew = Array.from({ length: n }, () => newDb || g(fc.boolean));
  const want: DesiredProperty[][] = Array.from({ length: n }, () => [prop('Name', { type: 'title' }), prop('Val', { type: 'number', format: 'number' })]);
  const expected: string[] = [];
  const ref = (i: number): string => `crm.ds${i}`;
  for (let i = 0; i < n; i++) {
    if (newDb && i === 0) expected.push(`${ref(i)}||create_database`, `${ref(i)}||update_data_source`);
    else if (isNew[i]) expected.push(`${ref(i)}||create_data_source`);
    if (isNew[i]) expected.push(`${ref(i)}|Name|add_property`, `${ref(i)}|Val|add_property`);
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j || !g(fc.boolean)) continue;
      const r = `R${i}_${j}`;
      const mode = g(fc.constantFrom, 'one-way', 'two-way', 'named', 'declared');
      const back = `Back${i}_${j}`;
      const dual = mode === 'one-way' ? null : mode === 'two-way' ? {} : { property: back };
      want[i]?.push(prop(r, { type: 'relation', target: { kind: 'key', key: ref(j) }, dual }));
      // A pair declared on both sides is created by the side first in the file; Notion makes the other.
      const flipped = mode === 'declared' && j < i;
      expected.push(flipped ? `${ref(j)}|${back}|add_property` : `${ref(i)}|${r}|add_property`);
      if (flipped) expected.push(`${ref(i)}|${r}|rename_property`);
      else if (mode === 'named' || mode === 'declared') expected.push(`${ref(j)}|${back}|rename_property`);
      if (mode === 'declared') {
        want[j]?.push(prop(back, { type: 'relation', target: { kind: 'key', key: ref(i) }, dual: { property: r } }));
        if (g(fc.boolean)) {
          want[j]?.push(prop(`Cnt${i}_${j}`, { type: 'rollup', relation: back, property: 'Name', function: 'count' }));
          expected.push(`${ref(j)}|Cnt${i}_${j}|add_property`);
        }
      }
      if (g(fc.boolean)) {
        want[i]?.push(prop(`Sum${i}_${j}`, { type: 'rollup', relation: r, property: 'Val', function: 'sum' }));
        expected.push(`${ref(i)}|Sum${i}_${j}|add_property`);
        if (g(fc.boolean)) {
          want[i]?.push(prop(`F${i}_${j}`, { type: 'formula', expression: `prop("Sum${i}_${j}") * 2` }));
          expected.push(`${ref(i)}|F${i}_${j}|add_property`);
        }
      }
    }
  }
  const liveDss: [string, LiveDataSource][] = [];
  for (let i = 0; i < n; i++) {
    if (!isNew[i]) liveDss.push([ref(i), liveDs(uuid(100 + i), DB, `DS ${i}`, [lp('title', 'Name', { type: 'title' }), lp(`v${i}`, 'Val', { type: 'number', format: 'number' })])]);
  }
  return {
    live: newDb ? live() : live([['crm', liveDb(DB, 'CRM', liveDss.map(([, d]) => ({ id: d.id, name: d.title })))]], liveDss),
    desired: desired([db('crm', 'CRM', want.map((props, i) => ds('crm', `ds${i}`, `DS ${i}`, props)))]),
    expected,
    bound: new Map(),
  };
}

const runs = process.env['LONG'] ? 2000 : 150;

describe('plan is minimal and honest', () => {
  it('every difference appears in exactly one step, each data source is touched only as often as ordering requires, and applying the plan converges', () => {
    fc.assert(fc.property(fc.gen(), (g) => {
      const c = generate(g);
      const { plan, diagnostics } = buildPlan({ desired: c.desired, live: c.live, toolVersion: 't', notionVersion: '2025-09-03', target: 'local' });
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expectPlanInvariants(plan);
      const got = plan.steps.map((s) => `${s.data_source ?? ''}|${s.kind === 'create_data_source' ? '' : s.property ?? ''}|${s.kind}`);
      expect([...got].sort()).toEqual([...c.expected].sort());
      const { live: after, requestsPerDataSource } = simulate(c.live, plan);
      for (const [ref, n] of requestsPerDataSource) expect(n, `requests touching ${ref}`).toBeLessThanOrEqual(c.bound.get(ref) ?? 0);
      const again = buildPlan({ desired: c.desired, live: after, toolVersion: 't', notionVersion: '2025-09-03', target: 'local' }).plan;
      expect(again.steps.map((s) => s.reason)).toEqual([]);
    }), { numRuns: runs });
  });
  it('with relations, two-way relations, rollups and formulas: every difference in exactly one step, dependencies ordered, and applying converges', () => {
    fc.assert(fc.property(fc.gen(), (g) => {
      const c = generateRelational(g);
      const { plan, diagnostics } = buildPlan({ desired: c.desired, live: c.live, toolVersion: 't', notionVersion: '2025-09-03', target: 'local' });
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expectPlanInvariants(plan);
      const got = plan.steps.map((s) => `${s.data_source ?? ''}|${s.kind === 'create_data_source' ? '' : s.property ?? ''}|${s.kind}`);
      expect([...got].sort()).toEqual([...c.expected].sort());
      const { live: after } = simulate(c.live, plan);
      const again = buildPlan({ desired: c.desired, live: after, toolVersion: 't', notionVersion: '2025-09-03', target: 'local' }).plan;
      expect(again.steps.map((s) => s.reason)).toEqual([]);
    }), { numRuns: runs });
  });
});
