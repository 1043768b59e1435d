import type { PlanEndpoint } from '../model/index.js';
import { PATHS } from './paths.js';

/** Method and path of each endpoint a plan writes through. The one home of these paths. */
export const PLAN_ENDPOINTS: Record<PlanEndpoint, { readonly method: 'POST' | 'PATCH' | 'DELETE'; readonly path: (id: string) => string }> = {
  create_database: { method: 'POST', path: PATHS.databases },
  update_database: { method: 'PATCH', path: PATHS.database },
  create_data_source: { method: 'POST', path: PATHS.dataSources },
  update_data_source: { method: 'PATCH', path: PATHS.dataSource },
  create_view: { method: 'POST', path: PATHS.views },
  update_view: { method: 'PATCH', path: PATHS.view },
  delete_view: { method: 'DELETE', path: PATHS.view },
};

/** True for the endpoints that create an object (never blindly retried). */
export function isCreateEndpoint(e: PlanEndpoint): boolean {
  return e === 'create_database' || e === 'create_data_source';
}
