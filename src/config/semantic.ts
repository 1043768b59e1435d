import type { SourceLocation } from '../model/common.js';
import { UNMANAGEABLE_TYPES } from '../model/property-types.js';
import type { DiagnosticSink } from './diagnostics.js';
import { formulaRefs } from './formula-refs.js';
import { parseIcon } from './icon.js';
import type { Path, RawDataSource, RawFile, RawOption, RawProperty } from './raw.js';
import { estimateSchemaBytes, SCHEMA_SIZE_LIMIT, SCHEMA_SIZE_WARNING } from './schema-size.js';
import type { SourceMap } from './source-map.js';
import { checkDuplicateIds, checkFormulaSyntax, checkOptionCount, checkRequestSizes } from './semantic-limits.js';
import { closest, didYouMean } from './suggest.js';
import { isUuid, pageIdOf } from './uuid.js';
import { checkViews } from './views.js';

/** `obj[key]` if `key` is an own property (a property may be named "toString"). */
function own<T>(obj: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** `crm.companies`: a reference by logical key. */
export const DS_KEY_REF = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

/** What is known to be structurally broken (see prune.ts); empty for a structurally valid file. */
export interface KnownProblems {
  /** Properties and data sources whose settings are unusable: rules needing them skip them. */
  readonly broken: ReadonlySet<object>;
  /** A structural error was already reported at this path. */
  errorAt(path: Path): boolean;
}

const NONE: KnownProblems = { broken: new Set(), errorAt: () => false };

/**
 * The semantic rules (docs/schema-format.md, "Validation rules"): every problem is added to
 * `sink`, none stops the others. `file` passed the JSON Schema check, or was pruned to its
 * sound parts with `known` describing the rest.
 */
export function checkSemantics(file: RawFile, map: SourceMap, sink: DiagnosticSink, known: KnownProblems = NONE): void {
  const sources = new Map<string, RawDataSource>();
  for (const [dbKey, db] of Object.entries(file.databases)) {
    for (const [dsKey, ds] of Object.entries(db.data_sources)) sources.set(`${dbKey}.${dsKey}`, ds);
  }
  for (const [dbKey, db] of Object.entries(file.databases)) {
    const dbPath: Path = ['databases', dbKey];
    const fresh = (path: Path): boolean => !known.errorAt(path);
    if (fresh([...dbPath, 'icon'])) checkIcon(db.icon, [...dbPath, 'icon'], map, sink);
    if (fresh([...dbPath, 'id'])) checkId(db.id, [...dbPath, 'id'], map, sink);
    if (fresh([...dbPath, 'parent', 'page_id'])) checkPageId(db.parent.page_id, [...dbPath, 'parent', 'page_id'], map, sink);
    for (const [dsKey, ds] of Object.entries(db.data_sources)) {
      const ctx: DsContext = { ref: `${dbKey}.${dsKey}`, path: [...dbPath, 'data_sources', dsKey], ds, sources, map, sink, broken: known.broken, errorAt: known.errorAt };
      if (fresh([...ctx.path, 'icon'])) checkIcon(ds.icon, [...ctx.path, 'icon'], map, sink);
      if (fresh([...ctx.path, 'id'])) checkId(ds.id, [...ctx.path, 'id'], map, sink);
      checkDataSource(ctx);
    }
  }
  checkDuplicateIds(file, map, sink);
  checkRequestSizes(file, map, sink);
}

interface DsContext {
  readonly ref: string;
  readonly path: Path;
  readonly ds: RawDataSource;
  readonly sources: ReadonlyMap<string, RawDataSource>;
  readonly map: SourceMap;
  readonly sink: DiagnosticSink;
  readonly broken: ReadonlySet<object>;
  readonly errorAt: (path: Path) => boolean;
}

/** The JSON Schema lets `${VAR}` through for editors; after expansion an id must be a real UUID. */
function checkId(id: string | undefined, path: Path, map: SourceMap, sink: DiagnosticSink): void {
  if (id !== undefined && !isUuid(id)) {
    sink.error('invalid-uuid', `"${id}" is not a valid Notion id`, map.at(path),
      'ids are UUIDs: 32 hex digits, with or without dashes, e.g. 1f2e3d4c-5b6a-4789-8abc-def012345678');
  }
}

/** A parent page: an id or a Notion URL holding one. */
function checkPageId(id: string | undefined, path: Path, map: SourceMap, sink: DiagnosticSink): void {
  if (id !== undefined && pageIdOf(id) === null) {
    sink.error('invalid-uuid', `"${id}" is not a valid Notion page id or page URL`, map.at(path),
      'write the page id (32 hex digits, dashes optional) or paste the page\'s URL, e.g. https://www.notion.so/acme/Team-1f2e3d4c5b6a47898abcdef012345678');
  }
}

function checkIcon(icon: string | undefined, path: Path, map: SourceMap, sink: DiagnosticSink): void {
  if (icon !== undefined && parseIcon(icon) === null) {
    if (!/[A-Za-z\s]/.test(icon) && /\p{Extended_Pictographic}/u.test(icon)) {
      sink.error('invalid-icon', `icon "${icon}" is not exactly one emoji`, map.at(path), 'an emoji icon is one emoji (a flag or a skin-tone or ZWJ sequence counts as one), e.g. "🏢"');
      return;
    }
    sink.error('invalid-icon', `icon "${icon}" is neither an emoji nor an http(s) URL`, map.at(path),
      'use a single emoji, e.g. "🏢", or an image URL starting with https://');
  }
}

/** Types checkProperty has a rule for (besides any property with `options`). */
const CHECKED_TYPES: ReadonlySet<string> = new Set(['formula', 'relation', 'rollup', ...UNMANAGEABLE_TYPES]);

function checkDataSource(ctx: DsContext): void {
  const { ds, path, map, sink, ref, broken } = ctx;
  const propsPath: Path = [...path, 'properties'];
  const entries = map.entries(ds.properties, propsPath);
  // Paths are built only for a property that has a rule to check, or a diagnostic to place.
  const propPath = (name: string): Path => [...propsPath, name];
  const incomplete = broken.has(ds) || ctx.errorAt(propsPath) || (broken.size > 0 && entries.some(([, p]) => broken.has(p)));

  // Exactly one title property.
  const titles = entries.filter(([, p]) => p.type === 'title' && !broken.has(p));
  if (titles.length === 0 && !incomplete) {
    sink.error('missing-title', `data source "${ref}" has no title property`, map.at([...path, 'properties'], 'key'),
      'add exactly one property of type title, e.g. `Name: { type: title }`');
  }
  for (const [name] of titles.slice(1)) {
    sink.error('multiple-titles', `data source "${ref}" has more than one title property ("${titles[0]?.[0]}" and "${name}")`,
      map.at([...propPath(name), 'type']), 'a data source has exactly one title property; change this one to rich_text');
  }

  // Names: unique regardless of case, not blank.
  const byLower = new Map<string, string>();
  let renames = false;
  for (let k = 0; k < entries.length; k++) {
    const [name, p] = entries[k] as [string, RawProperty];
    if (name.trim() === '') {
      sink.error('invalid-property-name', 'a property name must not be blank', map.at(propPath(name), 'key'), 'give the property its Notion name');
    }
    const lower = name.toLowerCase();
    const first = byLower.get(lower);
    if (first !== undefined) {
      sink.error('duplicate-property-name', `property "${name}" clashes with "${first}" (names are unique regardless of case)`,
        map.at(propPath(name), 'key'), 'rename one of them');
    } else {
      byLower.set(lower, name);
    }
    if (!renames && p.renamed_from !== undefined && !broken.has(p) && p.renamed_from.length > 0) renames = true;
  }

  // renamed_from must not collide with another property's name or earlier name.
  const earlier = new Map<string, string>();
  for (const [name, p] of renames ? entries : []) {
    if (p.renamed_from === undefined || broken.has(p)) continue;
    for (const [i, old] of p.renamed_from.entries()) {
      const loc = (): SourceLocation => map.at([...propPath(name), 'renamed_from', i]);
      const lower = old.toLowerCase();
      if (lower === name.toLowerCase()) {
        sink.error('renamed-from-self', `property "${name}" lists its own name in renamed_from`, loc(), 'remove it from renamed_from');
        continue;
      }
      const clash = byLower.get(lower);
      if (clash !== undefined) {
        sink.error('renamed-from-collision', `renamed_from "${old}" of property "${name}" is the name of another property ("${clash}")`, loc(),
          'a property cannot be renamed onto a name that is still declared; remove the entry or rename the other property');
      }
      const prev = earlier.get(lower);
      if (prev !== undefined && prev !== name) {
        sink.error('renamed-from-collision', `renamed_from "${old}" is claimed by both "${prev}" and "${name}"`, loc(), 'keep it on one property only');
      }
      earlier.set(lower, name);
    }
  }

  for (let k = 0; k < entries.length; k++) {
    const [name, p] = entries[k] as [string, RawProperty];
    if ((p.options || CHECKED_TYPES.has(p.type)) && !broken.has(p)) checkProperty(ctx, name, p, propPath(name));
  }
  if (incomplete) return;
  if (!ctx.errorAt([...path, 'views'])) checkViews(ds, ref, path, map, sink);

  const bytes = estimateSchemaBytes(ds.properties);
  const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
  if (bytes > SCHEMA_SIZE_LIMIT) {
    sink.error('schema-too-large', `the property schema of "${ref}" is about ${kb(bytes)}, over Notion's 50 KB limit`,
      map.at([...path, 'properties'], 'key'), 'shorten option lists and descriptions, or split the data source');
  } else if (bytes >= SCHEMA_SIZE_WARNING) {
    sink.warn('schema-size-near-limit', `the property schema of "${ref}" is about ${kb(bytes)}, close to Notion's 50 KB limit`,
      map.at([...path, 'properties'], 'key'), 'Notion rejects schema updates over 50 KB; keep option lists and descriptions short');
  }
}

function checkProperty(ctx: DsContext, name: string, p: RawProperty, path: Path): void {
  const { map, sink, ds } = ctx;
  if ((UNMANAGEABLE_TYPES as readonly string[]).includes(p.type)) {
    sink.warn('read-only-property-type', `property "${name}" is a ${p.type}: the Notion API cannot create or change it`,
      map.at([...path, 'type']), `plan shows it as a manual step: add the ${p.type} in the Notion app`);
  }
  if (p.options) {
    const optionsPath: Path = [...path, 'options'];
    checkOptions(p.options, optionsPath, map, sink);
    checkOptionCount(p.options, optionsPath, name, map, sink);
  }
  if (p.type === 'formula' && p.expression !== undefined) {
    checkFormulaSyntax(p.expression, [...path, 'expression'], name, map, sink);
    for (const r of formulaRefs(p.expression)) {
      if (!Object.hasOwn(ds.properties, r.name)) {
        const mean = didYouMean(r.name, Object.keys(ds.properties));
        sink.error('formula-unknown-property', `formula of "${name}" refers to prop("${r.name}"), which is not a property of this data source`,
          map.at([...path, 'expression']), mean ?? 'prop("…") must name a property of the same data source, exactly as written');
      }
    }
  }
  if (p.type === 'relation' && p.data_source !== undefined) checkRelation(ctx, name, p, path);
  if (p.type === 'rollup') checkRollup(ctx, name, p, path);
}

function checkOptions(options: readonly RawOption[], path: Path, map: SourceMap, sink: DiagnosticSink): void {
  const seen = new Map<string, string>();
  // Locations are made only when there is something to report: most options have nothing wrong.
  const at = (i: number): SourceLocation => map.at([...path, i, 'name']);
  let renames = false;
  for (let i = 0; i < options.length; i++) {
    const o = options[i] as RawOption;
    const name = o.name;
    if (name.includes(',')) {
      sink.error('option-name-comma', `option "${name}" contains a comma`, at(i), 'Notion option names cannot contain commas; use another separator');
    }
    if (name.trim() === '') sink.error('invalid-option-name', 'an option name must not be blank', at(i), 'give the option a name');
    const lower = name.toLowerCase();
    const first = seen.get(lower);
    if (first !== undefined) {
      sink.error('duplicate-option-name', `option "${name}" clashes with "${first}" (option names are unique regardless of case)`, at(i), 'remove or rename one of them');
    } else {
      seen.set(lower, name);
    }
    if (o.renamed_from !== undefined && o.renamed_from.length > 0) renames = true;
  }
  if (!renames) return;
  for (const [i, o] of options.entries()) {
    for (const [j, old] of (o.renamed_from ?? []).entries()) {
      const clash = seen.get(old.toLowerCase());
      if (clash !== undefined) {
        sink.error('renamed-from-collision', `renamed_from "${old}" of option "${o.name}" is the name of ${clash === o.name ? 'the option itself' : `option "${clash}"`}`,
          map.at([...path, i, 'renamed_from', j]), 'remove the entry, or rename the other option');
      }
    }
  }
}

/** Checks a relation target (key or id) and the synced side of a two-way relation. */
function checkRelation(ctx: DsContext, name: string, p: RawProperty, path: Path): void {
  const { map, sink, sources } = ctx;
  const target = p.data_source ?? '';
  if (isUuid(target)) return;
  const at = (): SourceLocation => map.at([...path, 'data_source']);
  if (!DS_KEY_REF.test(target)) {
    sink.error('invalid-relation-target', `relation "${name}" points at "${target}", which is neither a data source key nor an id`, at(),
      'write `data_source: <database key>.<data source key>` (e.g. crm.companies) or a data source UUID');
    return;
  }
  const targetDs = sources.get(target);
  if (!targetDs) {
    const mean = didYouMean(target, [...sources.keys()]);
    sink.error('relation-target-missing', `relation "${name}" points at data source "${target}", which is not declared in this file`, at(),
      mean ?? `declared data sources: ${[...sources.keys()].join(', ') || '(none)'}; or give the target's UUID`);
    return;
  }
  const synced = typeof p.dual === 'object' ? p.dual.property : undefined;
  if (synced === undefined) return;
  const back = own(targetDs.properties, synced);
  if (ctx.broken.has(targetDs) || (back !== undefined && ctx.broken.has(back))) return;
  if (back !== undefined && back.type === 'relation' && back.data_source === ctx.ref) return;
  const dualAt = (): SourceLocation => map.at([...path, 'dual', 'property']);
  if (back === undefined) {
    sink.warn('dual-property-undeclared', `the synced property "${synced}" of two-way relation "${name}" is not declared in "${target}"`, dualAt(),
      `declare it in ${target}: \`${synced}: { type: relation, data_source: ${ctx.ref}, dual: { property: ${name} } }\`, or plan will see it as an extra property`);
  } else if (back.type !== 'relation' || back.data_source !== ctx.ref) {
    sink.error('dual-property-conflict', `the synced property "${synced}" of two-way relation "${name}" is declared in "${target}" but is not a relation to "${ctx.ref}"`,
      dualAt(), `make ${target} → ${synced} a relation with data_source: ${ctx.ref}, or name another synced property`);
  }
}

function checkRollup(ctx: DsContext, name: string, p: RawProperty, path: Path): void {
  const { ds, map, sink, sources } = ctx;
  const relName = p.relation ?? '';
  const rel = own(ds.properties, relName);
  if (rel !== undefined && ctx.broken.has(rel)) return;
  if (rel === undefined) {
    const relations = Object.entries(ds.properties).filter(([, q]) => q.type === 'relation').map(([n]) => n);
    sink.error('rollup-relation-missing', `rollup "${name}" uses relation "${relName}", which is not a property of this data source`,
      map.at([...path, 'relation']), didYouMean(relName, relations) ?? `relation properties here: ${relations.join(', ') || '(none)'}`);
    return;
  }
  if (rel.type !== 'relation') {
    sink.error('rollup-relation-not-relation', `rollup "${name}" uses "${relName}", which is a ${rel.type} property, not a relation`,
      map.at([...path, 'relation']), 'a rollup must name a relation property of the same data source');
    return;
  }
  const target = rel.data_source === undefined ? undefined : sources.get(rel.data_source);
  if (!target || ctx.broken.has(target)) return; // by id, already reported, or broken: the target's properties are unknown here
  const propName = p.property ?? '';
  if (!Object.hasOwn(target.properties, propName)) {
    const mean = closest(propName, Object.keys(target.properties));
    sink.error('rollup-property-missing', `rollup "${name}" rolls up "${propName}", which is not a property of "${rel.data_source}"`,
      map.at([...path, 'property']), mean ? `did you mean "${mean}"?` : `properties of ${rel.data_source}: ${Object.keys(target.properties).join(', ')}`);
  }
}
