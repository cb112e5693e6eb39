// Words for the reasons a row was left out (and for cells whose bytes were not valid UTF-8),
// shared by the report, the insights, the log and validate, so the same reason reads the same
// everywhere. Keys are the rowsDropped keys of metrics.json.
import type { DatasetSource } from './types.ts';
import { t, type MessageKey } from './i18n/index.ts';

/**
 * The rowsDropped key of rows merged into a later row of the same video id (SPEC 2 "Concept id"):
 * left out of the rows, but not unusable, so the "cannot be used" finding and lines skip it.
 */
export const MERGED_REASON = 'mergedSameId';

const DROP_REASONS: Record<string, MessageKey> = {
  ragged: 'dropReason.ragged',
  unparseableNumber: 'dropReason.unparseableNumber',
  unparseableDate: 'dropReason.unparseableDate',
  summaryRow: 'dropReason.summaryRow',
  [MERGED_REASON]: 'dropReason.mergedSameId',
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


/**
 * One sentence on the broken-export repairs of a read (DatasetSource.repairs), for the log,
 * validate and the data-quality panel; null when nothing was repaired.
 */
export function repairsText(src: Pick<DatasetSource, 'repairs'>): string | null {
  const r = src.repairs;
  if (!r) return null;
  const parts: string[] = [];
  const part = (key: MessageKey, n: number) => {
    if (n > 0) parts.push(t(key, { count: n, n }));
  };
  part('repairs.titleLines', r.skippedTitleLines);
  part('repairs.unwrapped', r.unwrappedRecords);
  part('repairs.hourFromTime', r.hourFromTimeOfDay);
  part('repairs.timeJoined', r.timeJoined);
  return parts.length ? t('repairs.sentence', { list: parts.join('; ') }) : null;
}

/**
 * Per column, the cells of number and date columns read as missing (DatasetSource.missing and
 * .unreadable): "`views`: 2 words (no digit), 1 unreadable (data row 4: "12a4")". Empty when none.
 */
export function missingCellsText(src: Pick<DatasetSource, 'missing' | 'unreadable'>): string[] {
  const columns = [...new Set([...Object.keys(src.missing ?? {}), ...Object.keys(src.unreadable ?? {})])];
  return columns.map((column) => {
    const words = src.missing?.[column] ?? 0;
    const bad = src.unreadable?.[column];
    const parts: string[] = [];
    if (words > 0) parts.push(`${words.toLocaleString('en-US')} ${words === 1 ? 'word' : 'words'} instead of a value`);
    if (bad) parts.push(`${bad.cells.toLocaleString('en-US')} unreadable (${bad.examples.join('; ')})`);
    return `${JSON.stringify(column)}: ${parts.join(', ')}, read as missing`;
  });
}
