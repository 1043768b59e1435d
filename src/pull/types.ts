import type { Diagnostic, LiveDatabase, LiveDataSource, LiveView } from '../model/index.js';

/**
 * One pulled database and the data sources read for it.
 * Invariant: every `dataSources[i].database_id === database.id`; order is the database's own
 * data source order (`database.data_source_ids`).
 */
export interface PulledDatabase {
  readonly database: LiveDatabase;
  readonly dataSources: readonly LiveDataSource[];
  /**
   * The views of each data source (by data source id), in tab order. A data source whose only view
   * is Notion's untouched default table view has none here (its views stay unmanaged).
   */
  readonly views?: ReadonlyMap<string, readonly LiveView[]>;
}

/**
 * What `pull` read: the databases (in output order) and problems met on the way.
 * Invariant: database ids are unique; data source ids are unique across the workspace.
 */
export interface PulledWorkspace {
  readonly databases: readonly PulledDatabase[];
  readonly warnings: readonly Diagnostic[];
}
