// A report with no video in scope (an empty period, or filters no video meets): the one line
// each of its sections shows instead of empty charts and tables of dashes (SPEC 6b), and the
// warning of `build --json`. English words in one place, for the message catalogue.
import type { ReportModel } from '../types.ts';
import { withDates } from '../format.ts';

/** Why no video is in scope, naming the period with its dates; null when some video is. */
export function emptyScopeReason(model: Pick<ReportModel, 'scope' | 'period'>): string | null {
  if (model.scope.rows > 0) return null;
  const f = model.scope.filters;
  const filtered = f.platform.length + f.country.length + f.category.length + f.creator.length > 0 || f.minViews > 0;
  const p = model.period;
  if (p.from === null && p.to === null) return filtered ? "No video meets this report's filters." : 'No video is in scope for this report.';
  const label = withDates(p.label);
  return filtered ? `No video that meets this report's filters was published in ${label}.` : `No video was published in ${label}.`;
}
