import type { PlanEndpoint } from '../model/index.js';

/** Method and path of each endpoint a plan writes through. The one home of these paths. */
export const PLAN_ENDPOINTS: Record<PlanEndpoint, { readonly method: 'POST' | 'PATCH'; readonly path: (id: string) => string }> = {
  create_database: { method: 'POST', path: () => '/v1/databases' },
  update_database: { method: 'PATCH', path: (id) => `/v1/databases/${encodeURIComponent(id)}` },
  create_data_source: { method: 'POST', path: () => '/v1/data_sources' },
  update_data_source: { method: 'PATCH', path: (id) => `/v1/data_sources/${encodeURIComponent(id)}` },
};

/** True for the endpoints that create an object (never blindly retried). */
export function isCreateEndpoint(e: PlanEndpoint): boolean {
  return e === 'create_database' || e === 'create_data_source';
}
