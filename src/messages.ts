// Words for the reasons a row was left out (and for cells whose bytes were not valid UTF-8),
// shared by the report, the insights, the log and validate, so the same reason reads the same
// everywhere. Keys are the rowsDropped keys of metrics.json.
import type { DatasetSource } from './types.ts';

/**
 * The rowsDropped key of rows merged into a later row of the same video id (SPEC 2 "Concept id"):
 * left out of the rows, but not unusable, so the "cannot be used" finding and lines skip it.
 */
export const MERGED_REASON = 'mergedSameId';

const DROP_REASONS: Record<string, string> = {
  ragged: 'a wrong number of fields',
  unparseableNumber: 'a number that cannot be read',
  unparseableDate: 'a date that cannot be read',
  summaryRow: 'an export summary row (Total)',
  [MERGED_REASON]: 'the same video as a later row (one row per video id)',
};

/** "a wrong number of fields" for `ragged`; unknown keys are shown as they are. */
export function dropReasonText(reason: string): string {
  return Object.hasOwn(DROP_REASONS, reason) ? DROP_REASONS[reason] : reason;
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
