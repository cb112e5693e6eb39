// The data explorer's finding: input rows that could not be used, and the most common reason.
import type { Insight, ReportModel } from '../../types.ts';
import { formatInt } from '../../format.ts';
import { MERGED_REASON, dropReasonText } from '../../messages.ts';
import { t } from '../../i18n/index.ts';
import { compareCodePoints } from '../../stats/group.ts';
import { isNum, pct1 } from '../../findings.ts';

/** rows-dropped: input rows that could not be used, and the most common reason (ties by name). */
export function rowsDropped(model: ReportModel): Insight[] {
  const reasons = Object.entries(model.input.rowsDropped).filter(([reason, n]) => isNum(n) && n > 0 && reason !== MERGED_REASON);
  const dropped = reasons.reduce((s, [, n]) => s + n, 0);
  const read = model.input.rowsRead;
  if (dropped <= 0 || !(read > 0)) return [];
  reasons.sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0]));
  const [reason, count] = reasons[0];
  const share = dropped / read;
  return [{
    section: 'explorer',
    kind: 'rows-dropped',
    text: t('insight.dropped', { dropped: formatInt(dropped), read: formatInt(read), share: pct1(share), reason: dropReasonText(reason), rows: t('insight.rows', { count, n: formatInt(count) }) }),
    figures: { droppedRows: dropped, rowsRead: read, droppedShare: share, reason, reasonRows: count },
  }];
}
