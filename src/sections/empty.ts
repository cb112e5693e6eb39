// A report with no video in scope (an empty period, or filters no video meets): the one line
// each of its sections shows instead of empty charts and tables of dashes (SPEC 6b), and the
// warning of `build --json`. Words from the catalogue (`empty.*`): the report says it in its own
// language, the log (outside any report's locale) in English.
import type { ReportModel } from '../types.ts';
import { withDates } from '../format.ts';
import { t } from '../i18n/index.ts';

/** Why no video is in scope, naming the period with its dates; null when some video is. */
export function emptyScopeReason(model: Pick<ReportModel, 'scope' | 'period'>): string | null {
  if (model.scope.rows > 0) return null;
  const f = model.scope.filters;
  const filtered = f.platform.length + f.country.length + f.category.length + f.creator.length > 0 || f.minViews > 0;
  const p = model.period;
  if (p.from === null && p.to === null) return t(filtered ? 'empty.noVideo.filters' : 'empty.noVideo');
  const period = withDates(p.label);
  return t(filtered ? 'empty.period.filters' : 'empty.period', { period });
}
