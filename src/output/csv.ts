// filtered.csv: the rows in scope of each report, re-read from the source file (not from a
// second in-memory copy) and written with fast-csv's formatting. Every report of a batch is
// served by one pass over the source. Cells that a spreadsheet would run as a formula are
// defused with '.
//
// The fast path (default) streams records with the one scanner (over the raw bytes of a valid
// UTF-8 source, over decoded text otherwise, so invalid bytes become U+FFFD here exactly as in
// the report): a record out of every report's scope is skipped without building its fields; a
// record whose source text is exactly what fast-csv would write (comma-delimited, the right
// width, no cell to defuse, quotes only where fast-csv puts them) is copied as is; any other
// record is formatted cell by cell by formatCell, fast-csv's formatting rules. tuning.parser
// 'reference' (SVREPORT_PARSER=reference) writes through fast-csv's own stream.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { format, type CsvFormatterStream } from 'fast-csv';
import type { Dataset, DatasetSource, OutputFormat } from '../types.ts';
import { runWorker } from '../workers/spawn.ts';
import { workerModule } from '../paths.ts';
import { DEFAULT_TUNING, type Tuning } from '../tuning.ts';
import { forEachByteRecord, forEachCsvRecord, forEachRecordReference, recordStreamOf, type RecordStreamOptions } from '../data/read.ts';
import { CsvScanner, QUOTED, type CsvRecord } from '../data/scan.ts';
import { unwrapRecord } from '../data/repairs.ts';
import { directIoWanted, openFiles, type FileSum } from './fileout.ts';

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

export type CsvSum = FileSum | null;

/** What the CSV pass needs, as plain data (it crosses to a worker thread). */
export interface CsvJob {
  source: CsvSource;
  /** up to 31 targets per group; mask[record] has bit k set when target k keeps that record */
  groups: { paths: string[]; mask: Uint32Array }[];
  maxRecordBytes: number;
  /** the parser and direct I/O of the run's tuning */
  tuning: Pick<Tuning, 'parser' | 'directIo'>;
}
export type CsvSource = Pick<DatasetSource, 'path' | 'encoding' | 'bom' | 'delimiter' | 'header' | 'rowsRead'> & {
  /** the source had bytes that are not valid UTF-8 (U+FFFD in the dataset's cells) */
  invalidBytes: boolean;
  /** records above the header (title lines, DatasetSource.repairs): not written */
  titleLines: number;
};

/** The job for `targets`: one record mask per 31 targets (a bit per target). */
export function csvJob(ds: Dataset, targets: CsvTarget[], maxRecordBytes: number, tuning: Pick<Tuning, 'parser' | 'directIo'> = DEFAULT_TUNING): CsvJob {
  const { path: userPath, readPath, encoding, bom, delimiter, header, rowsRead, invalidUtf8 } = ds.source;
  const path = readPath ?? userPath; // the pass re-reads the file that was scanned
  const groups: CsvJob['groups'] = [];
  for (let base = 0; base < targets.length; base += 31) {
    const group = targets.slice(base, base + 31);
    const mask = new Uint32Array(rowsRead + 1);
    group.forEach((t, k) => {
      for (const r of t.rows) mask[ds.recordNo[r]] |= 1 << k;
    });
    groups.push({ paths: group.map((t) => t.path), mask });
  }
  const { parser, directIo } = tuning;
  const titleLines = ds.source.repairs?.skippedTitleLines ?? 0;
  return { source: { path, encoding, bom, delimiter, header, rowsRead, invalidBytes: invalidUtf8 !== undefined, titleLines }, groups, maxRecordBytes, tuning: { parser, directIo } };
}

/** Whether the filtered.csv pass of a run waits for its first report's HTML (see Tuning.csvAfterHtmlMaxBytes). */
export function csvWaitsForFirstHtml(sourceBytes: number, formats: readonly OutputFormat[], maxBytes = DEFAULT_TUNING.csvAfterHtmlMaxBytes): boolean {
  return formats.includes('pdf') && sourceBytes < maxBytes;
}

/**
 * Writes each target's rows, with the source header, in one pass over the source, on a worker
 * thread (so the pass runs beside HTML and PDF on another core; from tuning.csvWorkerMinBytes) or
 * on this one. Resolves to each file's size and sha256 when it was hashed on the way out (null:
 * hash the file afterwards).
 */
export function writeFilteredCsvs(
  ds: Dataset,
  targets: CsvTarget[],
  maxRecordBytes: number,
  { thread, signal }: { thread?: 'worker' | 'main'; /** stops a worker's pass at once (the run failed elsewhere) */ signal?: AbortSignal } = {},
  tuning: Tuning = DEFAULT_TUNING,
): Promise<CsvSum[]> {
  if (targets.length === 0) return Promise.resolve([]);
  if (ds.inputDetails && ds.fileIndex) return writeFilteredCsvsOfFiles(ds, targets, maxRecordBytes, signal);
  thread ??= tuning.threads && ds.source.bytes >= tuning.csvWorkerMinBytes ? 'worker' : 'main';
  const job = csvJob(ds, targets, maxRecordBytes, tuning);
  if (thread === 'main') return runCsvJob(job);
  const run = runWorker<CsvSum[]>(workerModule('csv-worker'), job, {
    transfer: job.groups.map((g) => g.mask.buffer as ArrayBuffer),
    youngGenerationMb: 8, // the pass makes short-lived strings only: a small nursery keeps its memory low
  });
  const stop = () => void run.terminate();
  signal?.addEventListener('abort', stop, { once: true });
  return run.result.finally(() => {
    signal?.removeEventListener('abort', stop);
    return run.terminate();
  });
}

/** The CSV pass itself, on the calling thread. */
export async function runCsvJob(job: CsvJob): Promise<CsvSum[]> {
  const src = job.source;
  const stream = recordStreamOf(src, job.maxRecordBytes);
  if (job.tuning.parser === 'reference') {
    for (const g of job.groups) await writeReference(stream, src, g.paths, g.mask);
    return job.groups.flatMap((g) => g.paths.map(() => null));
  }
  // Source bytes are copied only when they are valid UTF-8: a file with invalid bytes (or in
  // another encoding) goes through the decoder, so filtered.csv holds the same U+FFFD as the
  // report, not the bad bytes, and its text is written as UTF-8.
  const bytes = src.encoding === 'utf-8' && !src.invalidBytes;
  const forEach = bytes ? forEachByteRecord : forEachCsvRecord;
  const width = src.header.length;
  const comma = src.delimiter === ',';
  const splitter = new CsvScanner(src.delimiter);
  const sums: CsvSum[] = [];
  for (const { paths, mask } of job.groups) {
    // 1 MiB chunks in flight: up to 8 for one file, 16 shared by many (each file at least 2)
    const inFlight = Math.min(8, Math.max(2, Math.floor(16 / paths.length)));
    const { files: outs, slab, scratch, scratchBytes } = openFiles(paths, { inFlight, direct: directIoWanted(job.tuning) });
    const line = new LineBuf(slab, scratch, scratchBytes, bytes ? 'latin1' : 'utf8');
    try {
      await forEach(stream, (rec, n) => {
        n -= src.titleLines;
        if (n < 0) return;
        const m = n === 0 ? 0x7fffffff : mask[n];
        if (m === 0) return;
        line.reset();
        if (n === 0) line.str(formatCells(rec.toArray().map((h) => h.trim())));
        else if (!(comma && rec.n === width && !rec.strayQuote && copyRuns(rec, line))) {
          line.reset();
          const cells = unwrapped(rec.toArray(), splitter, width);
          if (cells.length > width) cells.length = width;
          line.str(formatCells(cells));
        }
        let wait: Promise<unknown>[] | null = null;
        for (let k = 0; k < outs.length; k++) {
          if (m & (1 << k)) {
            const w = outs[k].bytes(line.buf, line.base, line.base + line.len);
            if (w) (wait ??= []).push(w);
          }
        }
        return wait ? Promise.all(wait) : undefined;
      });
      sums.push(...(await Promise.all(outs.map((o) => o.close()))));
    } catch (err) {
      await Promise.all(outs.map((o) => o.close().catch(() => {})));
      throw err;
    }
  }
  return sums;
}

/**
 * A cell as fast-csv's formatter writes it (delimiter ',', quote '"', no forced quotes): NUL
 * characters dropped; quoted, with each " doubled, when it holds a quote; quoted as is when it
 * holds a comma, a line break or | (fast-csv's escape pattern is the character class
 * [,\n|\r|\n]); else unchanged. test/parser-equivalence.test.ts compares with fast-csv's stream.
 */
export function formatCell(cell: string): string {
  const v = cell.includes('\0') ? cell.replaceAll('\0', '') : cell;
  if (v.includes('"')) return '"' + v.replaceAll('"', '""') + '"';
  return NEEDS_QUOTES.test(v) ? '"' + v + '"' : v;
}

const NEEDS_QUOTES = /[,\r\n|]/;

/** A record's cells defused (escapeFormula) and formatted, comma-separated. */
function formatCells(cells: string[]): string {
  for (let i = 0; i < cells.length; i++) cells[i] = formatCell(escapeFormula(cells[i]));
  return cells.join(',');
}

/**
 * The record as fast-csv would write it, into `line`: the source text is copied wherever it is
 * already what fast-csv writes (a cell unchanged by escapeFormula; unquoted without |; quoted
 * without "" and with a comma, line break or |, the cells fast-csv quotes), the other cells
 * formatted. False when the source has space around a quoted cell (then the caller formats
 * every cell).
 */
function copyRuns(rec: CsvRecord, line: LineBuf): boolean {
  const s = rec.s;
  let run = rec.rowStart; // start of the source text not yet copied
  let expect = rec.rowStart; // where the next cell's source text must start
  const bar = s.indexOf('|', rec.rowStart);
  const bars = bar !== -1 && bar < rec.rowEnd;
  for (let i = 0; i < rec.n; i++) {
    const f = rec.flags[i];
    const a = f & QUOTED ? rec.start[i] - 1 : rec.start[i];
    const e = f & QUOTED ? rec.end[i] + 1 : rec.end[i];
    if (a !== expect) return false;
    expect = e + 1;
    const c = rec.first(i);
    let same = true;
    if (c === 61 || c === 64 || c === 9 || c === 13 || c === 10) same = false;
    else if ((c === 43 || c === 45) && !PLAIN_NUMBER.test(rec.field(i))) same = false;
    else if (f === QUOTED) same = quotable(s, rec.start[i], rec.end[i]);
    else if (f !== 0) same = false;
    else if (bars) {
      const x = s.indexOf('|', a);
      if (x !== -1 && x < e) same = false;
    }
    if (!same) {
      line.copy(s, run, a);
      line.str(formatCell(escapeFormula(rec.field(i))));
      run = e;
    }
  }
  if (expect !== rec.rowEnd + 1) return false;
  line.copy(s, run, rec.rowEnd);
  return true;
}

/** Whether s[a, e) holds a character fast-csv quotes a cell for: , CR LF or | */
function quotable(s: string, a: number, e: number): boolean {
  for (let i = a; i < e; i++) {
    const c = s.charCodeAt(i);
    if (c === 44 || c === 13 || c === 10 || c === 124) return true;
  }
  return false;
}

/**
 * One output line being assembled from source text and formatted cells, in the scratch area of
 * the files' slab (see openFiles); a line too long for it goes to a buffer of its own. Source
 * text is written in `source` encoding ('latin1': UTF-8 bytes read as latin1, written back as
 * the same bytes); formatted cells as UTF-8.
 */
class LineBuf {
  /** the line is buf[base, base + len) */
  buf: Buffer;
  base: number;
  len = 0;
  private limit: number;
  constructor(
    private readonly slab: Buffer,
    private readonly at: number,
    private readonly size: number,
    private readonly source: 'latin1' | 'utf8',
  ) {
    this.buf = slab;
    this.base = at;
    this.limit = size;
  }
  reset(): void {
    this.buf = this.slab;
    this.base = this.at;
    this.limit = this.size;
    this.len = 0;
  }
  private room(n: number): void {
    if (this.len + n <= this.limit) return;
    const next = Buffer.allocUnsafe(Math.max(this.limit * 2, this.len + n));
    this.buf.copy(next, 0, this.base, this.base + this.len);
    this.buf = next;
    this.base = 0;
    this.limit = next.length;
  }
  /** Appends s[a, e) of the source text. */
  copy(s: string, a: number, e: number): void {
    if (a === e) return;
    if (this.source === 'latin1') {
      this.room(e - a);
      this.len += this.buf.write(s.slice(a, e), this.base + this.len, 'latin1');
    } else this.str(s.slice(a, e));
  }
  str(s: string): void {
    this.room(3 * s.length);
    this.len += this.buf.write(s, this.base + this.len);
  }
}

/** The reference writer: fast-csv's reader and its formatter stream. */
async function writeReference(stream: RecordStreamOptions, src: CsvSource, paths: string[], mask: Uint32Array): Promise<void> {
  const outs = paths.map((p) => openCsv(p));
  const width = src.header.length;
  const splitter = new CsvScanner(src.delimiter);
  try {
    await forEachRecordReference(stream, (row, n) => {
      n -= src.titleLines;
      if (n < 0) return;
      const m = n === 0 ? 0x7fffffff : mask[n];
      if (m === 0) return;
      const cells = n === 0 ? row.map((h) => h.trim()) : unwrapped(row, splitter, width).slice(0, width);
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

/** A kept record an export wrapped whole in quotes, as the cells the report read (see repairs.ts). */
function unwrapped(cells: string[], splitter: CsvScanner, width: number): string[] {
  return cells.length === 1 && width > 1 ? (unwrapRecord(cells[0], splitter, width) ?? cells) : cells;
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

/** The first column of a filtered.csv made from several input files: the file each row came from. */
export const SOURCE_FILE_COLUMN = 'source_file';

/**
 * filtered.csv of a run over several input files (SPEC 2 "Several inputs"): one header, the
 * union of the files' headers by name in first-seen order after a leading source_file column;
 * then each kept row from its own file, re-read there, files in read order. On this thread, one
 * file after another (each report's rows are a mask per file, as in the one-file pass).
 */
async function writeFilteredCsvsOfFiles(ds: Dataset, targets: CsvTarget[], maxRecordBytes: number, signal?: AbortSignal): Promise<CsvSum[]> {
  const sources = ds.inputDetails!.map((d) => d.source);
  const files = ds.inputs!;
  const header = ds.source.header; // the union, by name
  const at = new Map(header.map((h, i) => [h, i]));
  const sums: CsvSum[] = [];
  for (let base = 0; base < targets.length; base += 31) {
    const group = targets.slice(base, base + 31);
    const masks = sources.map((src) => new Uint32Array(src.rowsRead + 1));
    group.forEach((t, k) => {
      for (const r of t.rows) masks[ds.fileIndex![r]][ds.recordNo[r]] |= 1 << k;
    });
    const { files: outs } = openFiles(group.map((t) => t.path), { inFlight: 2, direct: false });
    const write = (cells: string[], m: number) => {
      const text = formatCells(cells);
      let wait: Promise<unknown>[] | null = null;
      for (let k = 0; k < outs.length; k++) {
        if (m & (1 << k)) {
          const w = outs[k].line(text);
          if (w) (wait ??= []).push(w);
        }
      }
      return wait ? Promise.all(wait) : undefined;
    };
    try {
      await write([SOURCE_FILE_COLUMN, ...header], 0x7fffffff);
      for (let f = 0; f < sources.length; f++) {
        if (signal?.aborted) throw new Error('aborted');
        const src = sources[f];
        const mask = masks[f];
        // this file's columns in the union header (a repeated name: its first column)
        const place = src.header.map((h, i) => (src.header.indexOf(h) === i ? at.get(h)! : -1));
        await forEachCsvRecord(recordStreamOf(src, maxRecordBytes, files[f].path), (rec, n) => {
          const m = n === 0 ? 0 : mask[n];
          if (m === 0) return;
          const cells = new Array<string>(header.length + 1).fill('');
          cells[0] = files[f].path;
          const row = rec.toArray();
          for (let i = 0; i < row.length && i < place.length; i++) if (place[i] >= 0) cells[place[i] + 1] = row[i];
          return write(cells, m);
        });
      }
      sums.push(...(await Promise.all(outs.map((o) => o.close()))));
    } catch (err) {
      await Promise.all(outs.map((o) => o.close().catch(() => {})));
      throw err;
    }
  }
  return sums;
}
