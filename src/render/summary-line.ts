import type { PlanSummary } from '../model/index.js';

/** "3 to create, 5 to change, 0 to remove, 1 destructive, 1 needs manual action". */
export function summaryLine(s: PlanSummary): string {
  return `${s.create} to create, ${s.change} to change, ${s.remove} to remove, ${s.destructive} destructive, ${s.manual} ${s.manual === 1 ? 'needs' : 'need'} manual action`;
}
