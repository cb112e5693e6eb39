// Words for the reasons a row was left out (and for cells whose bytes were not valid UTF-8),
// shared by the report, the insights, the log and validate, so the same reason reads the same
// everywhere. Keys are the rowsDropped keys of metrics.json.
import type { DatasetSource } from './types.ts';
import { t, type MessageKey } from './i18n/index.ts';

const DROP_REASONS: Record<string, MessageKey> = {
  ragged: 'dropReason.ragged',
  unparseableNumber: 'dropReason.unparseableNumber',
  unparseableDate: 'dropReason.unparseableDate',
  summaryRow: 'dropReason.summaryRow',
};

/** "a wrong number of fields" for `ragged` (in the report's language inside a report); unknown keys are shown as they are. */
export function dropReasonText(reason: string): string {
  return Object.hasOwn(DROP_REASONS, reason) ? t(DROP_REASONS[reason]) : reason;
}

/**
 * One sentence on a UTF-8 file's invalid bytes (replaced by U+FFFD), for the log and validate;
 * null when it had none.
 */
export function invalidUtf8Text(src: Pick<DatasetSource, 'invalidUtf8'>): string | null {
  const bad = src.invalidUtf8;
  if (!bad) return null;
  const cols = Object.entries(bad.cells)
    .map(([column, n]) => `${JSON.stringify(column)} ${n} (data row ${(bad.rows[column] ?? []).join(', ')})`)
    .join('; ');
  const where = cols || (bad.firstRow === 0 ? 'the header row' : 'cells outside the header\'s columns');
  return `${bad.sequences} byte sequence(s) not valid UTF-8 were read as U+FFFD (\uFFFD): ${where}`;
}

/** "1 row", "2 rows" */
export const rowsText = (n: number, formatted: string = String(n)) => `${formatted} ${n === 1 ? 'row' : 'rows'}`;
