/** Placeholder strings filled in by the applier (see `PlanRequest` in src/model/plan.ts). */
export const databaseIdOf = (key: string): string => `{{database_id:${key}}}`;
export const dataSourceIdOf = (ref: string): string => `{{data_source_id:${ref}}}`;
export const syncedPropertyIdOf = (stepId: string): string => `{{synced_property_id:${stepId}}}`;
