// The overview against the previous period: the same figures for the period before, and the
// change of each headline KPI (absolute, and relative to the period before).
import type { KpiChange, Overview } from '../../types.ts';

/** The headline KPIs whose change is reported with `compare: previous`. */
export const HEADLINE_KPIS = [
  'videos', 'totalViews', 'averageViews', 'medianViews', 'p90Views', 'medianEngagementRate',
  'p90EngagementRate', 'medianDurationSec', 'highViralPotentialShare',
] as const satisfies readonly (keyof Overview)[];

export function kpiChanges(now: Overview, before: Overview): Record<string, KpiChange> {
  const out: Record<string, KpiChange> = {};
  for (const k of HEADLINE_KPIS) {
    const a = now[k] as number | null;
    const b = before[k] as number | null;
    const absolute = a === null || b === null ? null : a - b;
    out[k] = { absolute, percent: absolute === null || b === 0 || b === null ? null : absolute / Math.abs(b) };
  }
  return out;
}
