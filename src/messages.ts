// Words for the reasons a row was left out, shared by the report, the insights and validate,
// so the same reason reads the same everywhere. Keys are the rowsDropped keys of metrics.json.

const DROP_REASONS: Record<string, string> = {
  ragged: 'a wrong number of fields',
  unparseableNumber: 'a number that cannot be read',
  unparseableDate: 'a date that cannot be read',
  summaryRow: 'an export summary row (Total)',
};

/** "a wrong number of fields" for `ragged`; unknown keys are shown as they are. */
export function dropReasonText(reason: string): string {
  return Object.hasOwn(DROP_REASONS, reason) ? DROP_REASONS[reason] : reason;
}

/** "1 row", "2 rows" */
export const rowsText = (n: number, formatted: string = String(n)) => `${formatted} ${n === 1 ? 'row' : 'rows'}`;
