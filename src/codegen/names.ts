import type { DesiredState } from '../model/desired.js';
import { camelIdentifier, IdentifierAllocator, pascalIdentifier } from './identifiers.js';
import { RUNTIME_NAMES } from './runtime-source.js';

/** The identifiers generated for one data source. All are unique in the generated file. */
export interface DataSourceNames {
  /** The constant with ids and names, e.g. `CrmContacts`. */
  readonly constant: string;
  /** The JSON-Schema-compiled interface with every property, e.g. `CrmContactsFields`. */
  readonly fields: string;
  /** The row type (read-only properties marked `readonly`), e.g. `CrmContactsRow`. */
  readonly row: string;
  /** The writable part of the row, e.g. `CrmContactsWritable`. */
  readonly writable: string;
  /** Union of the read-only property names, e.g. `CrmContactsReadOnlyKey`. */
  readonly readOnlyKey: string;
  /** `parseCrmContacts`. */
  readonly parse: string;
  /** `crmContactsToProperties`. */
  readonly toProperties: string;
  /** Property name → identifier used as key in the constant's `properties` (unique within the data source). */
  readonly properties: ReadonlyMap<string, string>;
}

/** Global names the generated code relies on; a data source must never shadow them. */
const GLOBALS: readonly string[] = [
  'Object', 'Array', 'Promise', 'Error', 'String', 'Number', 'Boolean', 'Symbol', 'Date', 'Map', 'Set', 'JSON', 'Math',
  'NonNullable', 'Partial', 'Record', 'Omit', 'Pick', 'Readonly', 'Exclude', 'Extract', 'Required', 'ReturnType', 'Parameters',
];

function derived(base: string): readonly string[] {
  const lower = base.charAt(0).toLowerCase() + base.slice(1);
  return [base, `${base}Fields`, `${base}Row`, `${base}Writable`, `${base}ReadOnlyKey`, `parse${base}`, `${lower}ToProperties`];
}

/**
 * Allocates every identifier of the generated file, in file order, so the result is deterministic.
 * Keyed by data source ref. Names never collide with each other nor with the runtime helpers.
 */
export function allocateNames(desired: DesiredState): ReadonlyMap<string, DataSourceNames> {
  const alloc = new IdentifierAllocator([...RUNTIME_NAMES, ...GLOBALS]);
  const out = new Map<string, DataSourceNames>();
  for (const db of desired.databases) {
    for (const ds of db.data_sources) {
      const base = alloc.allocate(pascalIdentifier(`${db.key} ${ds.key}`, 'DataSource'), derived);
      const [constant, fields, row, writable, readOnlyKey, parse, toProperties] = derived(base) as [
        string, string, string, string, string, string, string,
      ];
      const propAlloc = new IdentifierAllocator();
      const properties = new Map<string, string>();
      for (const p of ds.properties) properties.set(p.name, propAlloc.allocate(camelIdentifier(p.name, 'property')));
      out.set(ds.ref, { constant, fields, row, writable, readOnlyKey, parse, toProperties, properties });
    }
  }
  return out;
}
