// Broken exports repaired (SPEC 2), the rules both readers share: title lines above the header
// (where the header is), and records an export wrapped whole in one pair of quotes (how such a
// record is unwrapped). Each is only tried where the plain reading already failed, so a file
// read right before is read the same way.
import { CsvScanner, CsvSyntaxError } from './scan.ts';
import { parseNumber } from './values.ts';

/** How many records above the header may be title lines (a report name, a date range). */
export const HEADER_LOOK = 20;
/** Records looked at after a header candidate to check that the rows agree with its width. */
const AGREE_LOOK = 20;

/** Cells of a record that are not blank. */
const filled = (row: string[]) => row.reduce((k, c) => (c.trim() === '' ? k : k + 1), 0);

/** A title line: a name or a date range, at most two cells filled (`"November 30 - December 30, 2024"`). */
const titleLike = (row: string[]) => filled(row) <= 2;

/** A header: at least three named cells and no number among them. */
function headerLike(row: string[]): boolean {
  let names = 0;
  for (const c of row) {
    const t = c.trim();
    if (t === '') continue;
    if (parseNumber(t) !== undefined) return false; // a number (or a missing-value word) is data
    names++;
  }
  return names >= 3;
}

/** Whether a data record of `n` fields fits a header of `width` (a trailing empty field allowed). */
const fitsWidth = (n: number, width: number) => n === width || n === width + 1;

/**
 * Where the header is in the first records of `text` (the head of the file): the number of
 * records above it, 0 for a file whose first record is its header. Records are skipped only
 * while they look like title lines (two cells at most) and a wider, header-like record follows
 * whose width most of the next records share. `width` is the header's field count (-1 when the
 * head holds no complete record).
 */
export async function locateHeader(text: string, delimiter: string): Promise<{ at: number; width: number }> {
  const rows = await firstRecords(text, delimiter, HEADER_LOOK + AGREE_LOOK + 1);
  if (rows.length === 0) return { at: 0, width: -1 };
  for (let h = 0; h < rows.length && h <= HEADER_LOOK; h++) {
    const row = rows[h];
    if (!titleLike(row) || h === HEADER_LOOK) break;
    const next = rows[h + 1];
    if (next === undefined || !headerLike(next)) continue;
    const after = rows.slice(h + 2, h + 2 + AGREE_LOOK);
    if (after.filter((r) => fitsWidth(r.length, next.length)).length * 2 >= after.length) return { at: h + 1, width: next.length };
  }
  return { at: 0, width: rows[0].length };
}

const STOP = new Error('enough records');

/** Up to `max` complete records of `text`, as strings (the scanner's rules). */
async function firstRecords(text: string, delimiter: string, max: number): Promise<string[][]> {
  const rows: string[][] = [];
  try {
    await new CsvScanner(delimiter).feed(text, false, (rec) => {
      rows.push(rec.toArray());
      if (rows.length >= max) throw STOP;
    });
  } catch (err) {
    if (err !== STOP && !(err instanceof CsvSyntaxError)) throw err;
  }
  return rows;
}

/**
 * The cells of a record an export wrapped whole in one pair of quotes (inner quotes doubled):
 * the readers see one field, `cell`, holding the record's text; it is split with `splitter`
 * (a scanner of the file's delimiter) and kept when that gives the header's `width`. Null when
 * it does not (the record stays ragged).
 */
export function unwrapRecord(cell: string, splitter: CsvScanner, width: number): string[] | null {
  if (width < 2 || cell.indexOf(splitter.delimiter) === -1) return null;
  const cells = splitter.one(cell);
  return cells !== null && fitsWidth(cells.length, width) && (cells.length === width || cells[width] === '') ? cells : null;
}
