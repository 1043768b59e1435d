import type { UpdateDatabaseParameters, UpdateDataSourceParameters } from '@notionhq/client';

/** The body of PATCH /v1/data_sources/{id}: the SDK parameters without the path parameter. */
export type UpdateDataSourceBody = Omit<UpdateDataSourceParameters, 'data_source_id'>;
/** The body of PATCH /v1/databases/{id}. */
export type UpdateDatabaseBody = Omit<UpdateDatabaseParameters, 'database_id'>;
