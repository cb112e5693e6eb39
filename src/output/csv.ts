// filtered.csv: the rows in scope of each report, re-read from the source file (not from a
// second in-memory copy) and written with fast-csv. Every report of a batch is served by one
// pass over the source. Cells that a spreadsheet would run as a formula are defused with '.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { format, type CsvFormatterStream } from 'fast-csv';
import type { Dataset } from '../types.ts';
import { forEachRecord, recordStreamOf } from '../data/read.ts';

const PLAIN_NUMBER = /^[+-]?(?:\d+(?:[.,]\d+)*|\.\d+)(?:[eE][+-]?\d+)?%?$/;

/** OWASP CSV injection: prefix ' to a cell starting with = + - @ tab CR LF unless it is a number. */
export function escapeFormula(cell: string): string {
  if (cell.length === 0) return cell;
  const c = cell.charCodeAt(0);
  // = + - @ \t \r \n
  if (c !== 61 && c !== 43 && c !== 45 && c !== 64 && c !== 9 && c !== 13 && c !== 10) return cell;
  if ((c === 43 || c === 45) && PLAIN_NUMBER.test(cell)) return cell;
  return "'" + cell;
}

export interface CsvTarget {
  path: string;
  /** dataset rows in scope (indices into the Dataset), ascending */
  rows: Uint32Array;
}

/** Writes each target's rows, with the source header, in one streaming pass over the source. */
export async function writeFilteredCsvs(ds: Dataset, targets: CsvTarget[], maxRecordBytes: number): Promise<void> {
  if (targets.length === 0) return;
  // record number -> bitmask of targets (up to 31 targets per pass; more passes otherwise)
  for (let base = 0; base < targets.length; base += 31) {
    const group = targets.slice(base, base + 31);
    const mask = new Uint32Array(ds.source.rowsRead + 1);
    group.forEach((t, k) => {
      for (const r of t.rows) mask[ds.recordNo[r]] |= 1 << k;
    });
    const outs = group.map((t) => openCsv(t.path));
    const width = ds.source.header.length;
    try {
      await forEachRecord(recordStreamOf(ds, maxRecordBytes), (row, n) => {
        const m = n === 0 ? 0x7fffffff : mask[n];
        if (m === 0) return;
        const cells = n === 0 ? row.map((h) => h.trim()) : row.slice(0, width);
        for (let i = 0; i < cells.length; i++) cells[i] = escapeFormula(cells[i]);
        let wait: Promise<unknown>[] | null = null;
        for (let k = 0; k < outs.length; k++) {
          if (m & (1 << k) && !outs[k].csv.write(cells)) (wait ??= []).push(once(outs[k].csv, 'drain'));
        }
        return wait ? Promise.all(wait) : undefined;
      });
    } finally {
      await Promise.all(outs.map((o) => o.close()));
    }
  }
}

function openCsv(path: string): { csv: CsvFormatterStream<string[], string[]>; close: () => Promise<void> } {
  const file = createWriteStream(path);
  const csv = format<string[], string[]>({ headers: false, delimiter: ',', rowDelimiter: '\n', includeEndRowDelimiter: true });
  csv.pipe(file);
  const closed = once(file, 'close');
  return {
    csv,
    close: async () => {
      csv.end();
      await closed;
    },
  };
}
