// Reads a "one row per video" CSV into the columnar Dataset (readDataset, the door in): sniffs
// encoding and delimiter, streams records through the record guard and the scanner (scan.ts;
// fast-csv with tuning.parser 'reference'), maps columns from the first records, and parses only
// the mapped concepts into typed arrays. Bad rows are counted, never fatal. The record streams
// here also serve the filtered.csv pass (output/csv.ts, the door out).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { parse as csvParse } from 'fast-csv';
import { ReportError, inputError, usageError } from '../errors.ts';
import type { Config, Dataset, DatasetSource } from '../types.ts';
import { detectColumns, type DetectResult } from './columns.ts';
import { nameYouTubeCategories } from './youtube-categories.ts';
import { ChunkDecoder, DecodeStream, InvalidUtf8, RecordGuard, looksBinary, newTally, notCsvFormat, notCsvSentence, notUtf8, sniffDelimiter, sniffEncoding, type Encoding, type Utf8Tally } from './decode.ts';
import { DatasetBuilder, NO_REPAIRS, type ShareLayout } from './builder.ts';
import { locateHeader, unwrapRecord } from './repairs.ts';
import { parseHashtags } from './values.ts';
import { CsvScanner, CsvSyntaxError, type CsvRecord } from './scan.ts';
import { ChunkFeeder, evenQuotes, firstRecordWidth, planSplit, type PartInput, type PartOutput } from './parallel.ts';
import { prestartWorker, type PrestartedRun } from '../workers/spawn.ts';
import { workerModule } from '../paths.ts';
import { DEFAULT_TUNING, type Tuning } from '../tuning.ts';
import { prepareInput, readStart } from './formats.ts';

// Two readers yield the same records: the fast one (src/data/scan.ts, a char-code state machine
// that finds field boundaries without a string per field) by default, and fast-csv behind the
// record guard, the reference, with tuning.parser 'reference' (SVREPORT_PARSER=reference).

export interface ReadOptions {
  path: string;
  displayPath?: string; // how messages name the file
  encoding: Config['input']['encoding'];
  delimiter: Config['input']['delimiter'];
  maxRecordBytes: number;
  columns: Config['columns'];
  dateFormat: Config['dateFormat'];
  timezone: string;
  /** the sheet of an .xlsx file (name or 1-based number); the first when absent */
  sheet?: string | number;
  /**
   * UTF-8 files of at least this many bytes are read by two threads (the main thread up to a
   * record boundary near the middle, a worker thread the rest); default tuning.parallelMinBytes.
   * Infinity reads on one thread. For tests and benchmarks.
   */
  parallelMinBytes?: number;
  /** Where the parallel read looks for its split (a byte offset); default the middle. For tests. */
  parallelSplitAt?: number;
  /** How many bytes of a chunk are decoded and scanned at once (see PIECE_BYTES in parallel.ts). For tests. */
  pieceBytes?: number;
  /** The margins of the shared-memory layout (see shareLayout); tests shrink them to force the fallbacks. */
  share?: Partial<ShareMargins>;
  /** Filled in by the read when given: what the parallel read did (for tests). */
  trace?: ReadTrace;
}

/**
 * What one read did: whether it merged a worker's part, and how many row columns the merge found
 * already in the first part's shared memory (0 when none or when not merged).
 */
export interface ReadTrace {
  merged: boolean;
  columnsInPlace: number;
}

/** Where the split is looked for, as a fraction of the file: the main thread also hashes the worker's part. */
const SPLIT_FRACTION = 0.5;
const READ_WORKER = workerModule('read-worker');

export const readOptionsFromConfig = (config: Config): ReadOptions => ({
  path: config.input.path,
  encoding: config.input.encoding,
  delimiter: config.input.delimiter,
  maxRecordBytes: config.input.maxRecordBytes,
  columns: config.columns,
  dateFormat: config.dateFormat,
  timezone: config.timezone,
});

const SAMPLE_RECORDS = 1000;
const HEAD_BYTES = 64 * 1024;

export async function readDataset(opts: ReadOptions, tuning: Tuning = DEFAULT_TUNING): Promise<Dataset> {
  const file = opts.displayPath ?? opts.path;
  const info = await stat(opts.path).catch(() => null);
  if (!info) throw inputError(`Input file ${file} does not exist.`);
  if (!info.isFile()) throw inputError(`Input ${file} is not a file.`);
  if (info.size === 0) throw inputError(`Input file ${file} is empty.`);

  const head = await readStart(opts.path, HEAD_BYTES);
  // a .csv.gz, .zip or .xlsx becomes a CSV file in the run's temporary folder, read below as any
  // CSV; the dataset keeps the user's path, and the original's sha256 and size
  const prepared = await prepareInput(opts.path, head, info.size, { file, sheet: opts.sheet, maxRecordBytes: opts.maxRecordBytes, maxColumns: MAX_COLUMNS });
  if (prepared) {
    const size = (await stat(prepared.readPath)).size;
    if (size === 0) throw inputError(`${prepared.file} is empty.`);
    const ds = await readCsv({ ...opts, ...prepared.written, path: prepared.readPath }, tuning, prepared.file, size, await readStart(prepared.readPath, HEAD_BYTES));
    Object.assign(ds.source, { path: opts.path, readPath: prepared.readPath, sha256: prepared.sha256, bytes: prepared.bytes });
    return ds;
  }
  const format = notCsvFormat(head);
  if (format) throw inputError(notCsvSentence(file, format));
  return readCsv(opts, tuning, file, info.size, head);
}

/** A CSV text file (opts.path) read with its encoding sniffed or as declared. */
async function readCsv(opts: ReadOptions, tuning: Tuning, file: string, size: number, head: Uint8Array): Promise<Dataset> {
  const guess = opts.encoding === 'auto' ? sniffEncoding(head) : { encoding: opts.encoding as Encoding, bomBytes: bomLength(head, opts.encoding) };
  try {
    // UTF-8 bytes that are not valid become U+FFFD; a sniffed UTF-8 file that is clearly another
    // encoding is read again (InvalidUtf8), a declared one stops at its first invalid byte
    return await readWith(opts, tuning, file, size, head, guess.encoding, guess.bomBytes, opts.encoding === 'auto' ? 'fallback' : 'strict');
  } catch (err) {
    if (!(err instanceof InvalidUtf8)) throw err;
    // Not UTF-8: exports from older Excel are Windows-1252, which also decodes any byte.
    return readWith(opts, tuning, file, size, head, 'windows-1252', 0, 'strict'); // (no UTF-8 left to judge)
  }
}

/**
 * What a read as UTF-8 does with bytes that are not valid UTF-8 (each became U+FFFD): `fallback`
 * (encoding sniffed) reads a file that is clearly another encoding again as Windows-1252 and keeps
 * a UTF-8 file's few replaced cells, counted; `strict` (input.encoding: utf-8 declared) stops.
 */
type InvalidUtf8Policy = 'fallback' | 'strict';

/**
 * Most columns a file may have. The widest exports have a few hundred; Excel stops at 16,384.
 * The header, the sample of records kept for column detection and the per-column counts all
 * grow with the width, so a wider file is refused instead of taking memory out of proportion.
 */
export const MAX_COLUMNS = 16384;
/** The sample for column detection stops at this many cells (SAMPLE_RECORDS rows of a usual file). */
const SAMPLE_CELLS = 256 * 1024;


function bomLength(head: Uint8Array, encoding: string): number {
  if (encoding === 'utf-8') return head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  if (encoding === 'utf-16le') return head[0] === 0xff && head[1] === 0xfe ? 2 : 0;
  if (encoding === 'utf-16be') return head[0] === 0xfe && head[1] === 0xff ? 2 : 0;
  return 0;
}

async function readWith(
  opts: ReadOptions,
  tuning: Tuning,
  file: string,
  bytes: number,
  head: Uint8Array,
  encoding: Encoding,
  bomBytes: number,
  policy: InvalidUtf8Policy,
): Promise<Dataset> {
  const headText = new TextDecoder(encoding, { fatal: false, ignoreBOM: true }).decode(head.subarray(bomBytes));
  if (policy === 'fallback' && encoding === 'utf-8') {
    // cheap early look at the head so a Latin-1 file does not stream twice in the common case
    // (the same rule as for the whole file, on its first 64 KiB)
    const look = new ChunkDecoder('utf-8', bomBytes);
    look.decode(head);
    if (notUtf8(look.tally)) throw new InvalidUtf8();
  }
  if (looksBinary(headText)) throw inputError(`${file} does not look like a CSV text file (binary content); export it as CSV.`);
  const delimiter = opts.delimiter === 'auto' ? sniffDelimiter(headText) : opts.delimiter;
  // title lines above the header (a report name, a date range) are skipped: records before `titles`
  const { at: titles, width: headerWidth } = await locateHeader(headText, delimiter);
  const bytesPerChar = headText.length > 0 ? Math.max(1, (head.length - bomBytes) / headText.length) : 1;

  const hash = createHash('sha256');
  const tally = newTally(); // what the UTF-8 decoder met, over the whole file
  let header: string[] | null = null;
  const sample: string[][] = [];
  let builder: DatasetBuilder | null = null;
  let detection: DetectResult | null = null;
  let record = 0; // data records seen

  // A large UTF-8 file is read by two threads: find a likely record boundary near the middle now,
  // start the worker for the part after it as soon as the columns are known (start below).
  let parallel: ParallelRead | null = null;
  const reference = tuning.parser === 'reference';
  if (encoding === 'utf-8' && !reference && tuning.threads && bytes >= (opts.parallelMinBytes ?? tuning.parallelMinBytes)) {
    const width = titles > 0 ? headerWidth : await firstRecordWidth(headText, delimiter);
    const target = opts.parallelSplitAt ?? Math.floor(bytes * SPLIT_FRACTION);
    const split = width > 0 && target > 0 && target < bytes ? await planSplit(opts.path, target, delimiter, width) : -1;
    if (split > 0) parallel = new ParallelRead(split, tuning.readYoungMb);
  }

  const start = () => {
    // records an export wrapped whole in quotes are judged unwrapped (the builder counts them)
    const splitter = new CsvScanner(delimiter);
    const judged = sample.map((row) => (row.length === 1 && header!.length > 1 ? unwrapRecord(row[0], splitter, header!.length) ?? row : row));
    const detected = (detection = detectColumns(header!, judged, opts.columns));
    if (detected.problems.length) throw usageError(`${file}: the columns: block does not match the file`, detected.problems);
    if (!detected.map.views) {
      // a column that looks like views by name but was skipped for its values: say so
      const skipped = detected.notes.find((n) => / looks like views by name /.test(n));
      if (skipped) {
        throw inputError(`${file} has no views column it can use: ${skipped.replace(/\.$/, '')}; fix the values or map another column with columns.views.`);
      }
      throw inputError(
        `${file} has no views column (looked for views, view_count, plays, ...; found: ${preview(header!)}); map one with columns.views.`,
      );
    }
    // rows the file likely holds, from the sample's length in bytes (chars x bytes per char of the head)
    const recordBytes = Math.max(1, sampleBytes(sample) * bytesPerChar);
    const p = parallel?.canStart ? parallel : null;
    builder = new DatasetBuilder(header!, detected.map, {
      timezone: opts.timezone,
      delimiter,
      dateFormat: opts.dateFormat,
      expectedRows: Math.max(1024, Math.ceil((bytes / recordBytes) * 1.03)),
      share: p ? shareLayout(bytes, p.split, recordBytes, tagsPerRow(sample, detected.map.hashtags?.index), { ...SHARE_MARGINS, ...opts.share }) : undefined,
    });
    builder.watchDecoder(tally);
    for (let i = 0; i < sample.length; i++) builder.push(sample[i], i + 1);
    sample.length = 0;
    if (!p) return;
    const into = builder.sharedColumns() ?? undefined;
    const started = p.start({
      path: opts.path,
      file,
      from: p.split,
      chunkBytes: CHUNK_BYTES,
      delimiter,
      maxRecordBytes: opts.maxRecordBytes,
      pieceBytes: opts.pieceBytes,
      header: header!,
      map: detected.map,
      builder: {
        timezone: opts.timezone,
        delimiter,
        dateFormat: opts.dateFormat,
        expectedRows: Math.max(1024, Math.ceil(((bytes - p.split) / recordBytes) * 1.03)),
        into,
      },
    });
    if (!started) builder.releaseShared();
  };

  const stream: RecordStreamOptions = {
    path: opts.path, file, encoding, bomBytes, tally, delimiter, maxRecordBytes: opts.maxRecordBytes, onBytes: (b) => hash.update(b), pieceBytes: opts.pieceBytes,
  };
  if (opts.trace) Object.assign(opts.trace, { merged: false, columnsInPlace: 0 });
  let sampleCells = 0;
  const onHeader = (row: string[]) => {
    if (row.length > MAX_COLUMNS) {
      throw inputError(`${file} has ${row.length.toLocaleString('en-US')} columns; svreport reads at most ${MAX_COLUMNS.toLocaleString('en-US')} (a spreadsheet's limit): keep the columns the report needs.`);
    }
    header = row.map((h) => h.trim());
  };
  const toSample = (row: string[]) => {
    sample.push(row);
    sampleCells += row.length;
    if (sample.length >= SAMPLE_RECORDS || sampleCells >= SAMPLE_CELLS) start();
  };
  if (reference) {
    await forEachRecordReference(stream, (row, n) => {
      if (n <= titles) return n === titles ? onHeader(row) : undefined;
      n -= titles;
      record = n;
      if (builder) builder.push(row, n);
      else toSample(row);
    });
  } else {
    const onRecord = (rec: CsvRecord, n: number) => {
      if (n <= titles) return n === titles ? onHeader(rec.toArray()) : undefined;
      n -= titles;
      record = n;
      if (builder) builder.pushRecord(rec, n);
      else toSample(rec.toArray());
    };
    if (!parallel) await forEachCsvRecord(stream, onRecord);
    else {
      const p = parallel;
      try {
        await forEachCsvRecordSplit(stream, onRecord, p.split, async (boundary) => {
          const b = builder as unknown as DatasetBuilder | null;
          if (!boundary) {
            // read on here: once the worker stopped, its rows in shared memory are overwritten
            await p.stop();
            b?.releaseShared();
            return false;
          }
          const out = await p.join();
          if (!out || !out.ok) {
            b?.releaseShared(); // the worker is done (or never ran)
            return false; // an error in its part: read on here for the exact message
          }
          tally.invalid += out.tally.invalid;
          tally.multiExcess += out.tally.multiExcess;
          b!.absorb(out.part, record);
          if (opts.trace) Object.assign(opts.trace, { merged: true, columnsInPlace: b!.absorbedInPlace });
          record += out.records;
          return true;
        }, () => p.running);
      } finally {
        p.stop();
      }
    }
  }
  if (header === null) throw inputError(`Input file ${file} has no header row.`);
  if (policy === 'fallback' && notUtf8(tally)) throw new InvalidUtf8(); // clearly another encoding
  if (!builder) start();
  if (record === 0) throw inputError(`${file} has a header but no data rows.`);
  const b = builder as unknown as DatasetBuilder;
  const ds = b.finish({
    path: opts.path,
    sha256: hash.digest('hex'),
    bytes,
    encoding,
    bom: bomBytes > 0,
    delimiter,
    rowsRead: record,
  });
  const d = detection as unknown as DetectResult;
  ds.source.detection = { reasons: d.reasons, warnings: d.warnings };
  // a YouTube category id column is shown by name: once per distinct value, after the read
  if (d.categoryIds && ds.text.category) nameYouTubeCategories(ds.text.category);
  if (titles > 0) ds.source.repairs = { ...NO_REPAIRS, ...ds.source.repairs, skippedTitleLines: titles };
  if (tally.invalid > 0) invalidUtf8Found(ds, header, tally, policy, file);
  else delete ds.source.invalidUtf8; // a U+FFFD written in the file is text, not a bad byte
  if (ds.rows === 0) {
    const reasons = Object.entries(ds.source.rowsDropped).map(([k, n]) => `${n} ${k}`).join(', ');
    throw inputError(`${file} has no usable rows: all ${record} were dropped (${reasons}).`);
  }
  return ds;
}

/**
 * A UTF-8 file read with invalid bytes replaced: the count goes into the dataset's data quality
 * (the header's cells too), or, with input.encoding: utf-8 declared, the read stops naming the
 * first row that had one.
 */
function invalidUtf8Found(ds: Dataset, header: string[], tally: Utf8Tally, policy: InvalidUtf8Policy, file: string): void {
  const found = (ds.source.invalidUtf8 ??= { sequences: 0, firstRow: -1, cells: {}, rows: {} });
  found.sequences = tally.invalid;
  const inHeader = header.map((h, i) => (h.includes('\uFFFD') ? i : -1)).filter((i) => i >= 0);
  if (inHeader.length > 0) found.firstRow = 0;
  if (policy === 'strict') {
    const where = found.firstRow === 0 ? 'the header row' : found.firstRow > 0 ? `data row ${found.firstRow}` : 'a row';
    const column = found.firstRow > 0 ? Object.entries(found.rows).find(([, rows]) => rows[0] === found.firstRow)?.[0] : undefined;
    throw inputError(
      `${file}: ${where}${column !== undefined ? ` (column ${JSON.stringify(column)})` : ''} holds bytes that are not valid UTF-8, and input.encoding is utf-8; fix the file, or set input.encoding: auto to read such bytes as U+FFFD (counted in data quality).`,
    );
  }
}

export interface RecordStreamOptions {
  path: string;
  file: string; // name for messages
  encoding: Encoding;
  bomBytes: number;
  delimiter: string;
  maxRecordBytes: number;
  onBytes?: (chunk: Buffer) => void;
  /** what the UTF-8 decoder met (invalid bytes replaced by U+FFFD), added up here when given */
  tally?: Utf8Tally;
  /** see ReadOptions.pieceBytes */
  pieceBytes?: number;
}

const CHUNK_BYTES = 1 << 20;

/**
 * The fast reader: file bytes -> text (same decoder) -> record guard (same limits and messages)
 * -> CsvScanner, each 1 MiB chunk in small pieces (ChunkFeeder, parallel.ts). The record passed
 * to `onRecord` is reused: read its fields inside the call.
 */
export async function forEachCsvRecord(
  o: RecordStreamOptions,
  onRecord: (rec: CsvRecord, record: number) => void | Promise<unknown>,
): Promise<void> {
  await withTextReader(o, async ({ fh, buf, decoder, guard, scanner }) => {
    const emit = (rec: CsvRecord) => onRecord(rec, scanner.count - 1);
    await readOn(fh, buf, 0, new ChunkFeeder(decoder, guard, scanner, emit, o.pieceBytes), o.onBytes);
    await endRead(decoder, guard, scanner, emit);
  });
}

interface TextReader {
  fh: FileHandle;
  buf: Buffer;
  decoder: ChunkDecoder;
  guard: RecordGuard;
  scanner: CsvScanner;
}

/**
 * The text reader's parts over the open file, for `read`: a CsvSyntaxError becomes the
 * message naming the file and data row, and the file is closed however `read` ends.
 */
async function withTextReader(o: RecordStreamOptions, read: (r: TextReader) => Promise<void>): Promise<void> {
  const fh = await open(o.path, 'r');
  const r: TextReader = {
    fh,
    buf: Buffer.allocUnsafe(CHUNK_BYTES),
    decoder: new ChunkDecoder(o.encoding, o.bomBytes, o.tally),
    guard: new RecordGuard(o.maxRecordBytes, o.file),
    scanner: new CsvScanner(o.delimiter),
  };
  try {
    await read(r);
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    throw syntaxError(o.file, r.scanner.count, err);
  } finally {
    await fh.close();
  }
}

/** Feeds the file from byte `pos` to its end through `feeder`, 1 MiB at a time. */
async function readOn(fh: FileHandle, buf: Buffer, pos: number, feeder: ChunkFeeder, onBytes?: (chunk: Buffer) => void): Promise<void> {
  for (;;) {
    const { bytesRead } = await fh.read(buf, 0, CHUNK_BYTES, pos);
    if (bytesRead === 0) return;
    const chunk = buf.subarray(0, bytesRead);
    onBytes?.(chunk);
    pos += bytesRead;
    await feeder.feed(chunk);
  }
}

/** The end of the input: the decoder's last characters through the guard, then the scanner's last record. */
async function endRead(decoder: ChunkDecoder, guard: RecordGuard, scanner: CsvScanner, emit: (rec: CsvRecord) => void | Promise<unknown>): Promise<void> {
  // the decoder's last text: a U+FFFD for a character cut by the end of the file
  const tail = decoder.end();
  const tooLong = guard.check(tail);
  if (tooLong) throw tooLong;
  if (tail.length > 0) await scanner.feed(tail, false, emit);
  await scanner.end(emit);
}

/**
 * The worker thread reading the part of the file after `split` (see forEachCsvRecordSplit). It
 * is started at once and gets its input when the columns are known (start): its start-up overlaps
 * the main thread's sample of the first records instead of following it.
 */
class ParallelRead {
  private readonly run: PrestartedRun<PartOutput>;
  private started = false;
  private passed = false;
  constructor(
    readonly split: number,
    youngGenerationMb: number,
  ) {
    this.run = prestartWorker<PartOutput>(READ_WORKER, { youngGenerationMb });
  }
  /** Whether start() would start the worker's part (the main reader has not passed the split yet). */
  get canStart(): boolean {
    return !this.passed && !this.started;
  }
  /** Starts the worker's part, unless the main reader already passed the split; true when it started. */
  start(input: PartInput): boolean {
    if (!this.canStart) return false;
    this.run.send(input);
    this.started = true;
    return true;
  }
  get running(): boolean {
    return this.started;
  }
  /**
   * The worker's answer (null when its part never started); from now on no part starts. The
   * worker is told to end as soon as it answered, so its heap goes before the merge makes its peak.
   */
  async join(): Promise<PartOutput | null> {
    this.passed = true;
    if (!this.started) {
      void this.run.terminate().catch(() => {});
      return null;
    }
    const out = await this.run.result;
    void this.run.terminate().catch(() => {});
    return out;
  }
  /** Stops the worker; resolves once it ended (so it writes no more into shared memory). */
  async stop(): Promise<void> {
    this.passed = true;
    await this.run.terminate().catch(() => {});
  }
}

/**
 * forEachCsvRecord for a read split in two at byte `split` (just after a line feed): reads and
 * parses [0, split) exactly as forEachCsvRecord does (same chunks, the chunk holding the split
 * decoded and guarded whole before any of its records), hashes the rest, then asks `join`
 * whether the records after the split were read elsewhere (true) or must be read here (false,
 * then it reads on as forEachCsvRecord would; always false when `boundary` is). The split counts only when it is a record
 * boundary for the scanner (nothing pending) and for the record guard (an even number of
 * quotes before it: implied when no record had a stray quote).
 */
async function forEachCsvRecordSplit(
  o: RecordStreamOptions,
  onRecord: (rec: CsvRecord, record: number) => void,
  split: number,
  join: (boundary: boolean) => Promise<boolean>,
  running: () => boolean,
): Promise<void> {
  await withTextReader(o, async ({ fh, buf, decoder, guard, scanner }) => {
    let stray = false;
    const emit = (rec: CsvRecord) => {
      if (rec.strayQuote) stray = true;
      onRecord(rec, scanner.count - 1);
    };
    const feeder = new ChunkFeeder(decoder, guard, scanner, emit, o.pieceBytes);
    let pos = 0;
    let rest: string | null = null; // text of the split chunk after the split
    let restTally: Utf8Tally | null = null;
    let hashed = false;
    while (rest === null) {
      const { bytesRead } = await fh.read(buf, 0, CHUNK_BYTES, pos);
      if (bytesRead === 0) break;
      const chunk = buf.subarray(0, bytesRead);
      o.onBytes?.(chunk);
      pos += bytesRead;
      if (pos > split) {
        const cut = split - (pos - bytesRead);
        const text = decoder.decode(chunk.subarray(0, cut));
        const before = { ...decoder.tally };
        rest = decoder.decode(chunk.subarray(cut));
        // the worker decodes the rest again: if it reads the part, its tally replaces this one's
        restTally = { invalid: decoder.tally.invalid - before.invalid, multiExcess: decoder.tally.multiExcess - before.multiExcess, fffd: 0 };
        const tooLong = guard.check(text + rest);
        if (tooLong) throw tooLong;
        await scanner.feed(text, false, emit);
        break;
      }
      await feeder.feed(chunk);
    }
    if (rest !== null) {
      const boundary = scanner.idle && (!stray || (await evenQuotes(o.path, split, CHUNK_BYTES)));
      if (boundary && running() && o.onBytes) {
        // the whole file's sha256 while the worker parses its part
        for (let at = pos; ; ) {
          const { bytesRead } = await fh.read(buf, 0, CHUNK_BYTES, at);
          if (bytesRead === 0) break;
          o.onBytes(buf.subarray(0, bytesRead));
          at += bytesRead;
        }
        hashed = true;
      }
      if (await join(boundary)) {
        decoder.tally.invalid -= restTally!.invalid;
        decoder.tally.multiExcess -= restTally!.multiExcess;
        return;
      }
      // read on here, exactly as forEachCsvRecord
      await scanner.feed(rest, false, emit);
      rest = null;
    }
    await readOn(fh, buf, pos, feeder, hashed ? undefined : o.onBytes);
    await endRead(decoder, guard, scanner, emit);
  });
}

/**
 * The fast reader over the raw bytes of a UTF-8 file (for filtered.csv: records are copied
 * without decoding): the same scanner over the bytes as latin1 text (see scan.ts), so positions
 * in `rec.s` are byte offsets. Records and numbers are those of forEachCsvRecord on a valid
 * UTF-8 file; NUL bytes are dropped as the decoder drops them. The size guard here is only a
 * safety net (the first read enforced the real limit): 3 bytes per character of
 * input.maxRecordBytes.
 */
export async function forEachByteRecord(
  o: RecordStreamOptions,
  onRecord: (rec: CsvRecord, record: number) => void | Promise<unknown>,
): Promise<void> {
  if (o.encoding !== 'utf-8') throw new Error('forEachByteRecord reads UTF-8 only');
  const fh = await open(o.path, 'r');
  const buf = Buffer.allocUnsafe(CHUNK_BYTES);
  const guard = new RecordGuard(o.maxRecordBytes * 3, o.file, (row) => `${o.file}: data row ${row} is longer than input.maxRecordBytes allows; the file changed since it was read?`);
  const scanner = new CsvScanner(o.delimiter, undefined, true);
  const emit = (rec: CsvRecord) => onRecord(rec, scanner.count - 1);
  const piece = o.pieceBytes ?? BYTE_PIECE;
  let skip = o.bomBytes;
  try {
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      let chunk = buf.subarray(0, bytesRead);
      if (skip > 0) {
        const cut = Math.min(skip, chunk.length);
        chunk = chunk.subarray(cut);
        skip -= cut;
      }
      if (chunk.indexOf(0) !== -1) chunk = Buffer.from(chunk.filter((x) => x !== 0));
      // in pieces, so no 1 MiB string outlives a scavenge (see ChunkFeeder in parallel.ts)
      for (let at = 0; at < chunk.length; at += piece) {
        const text = chunk.toString('latin1', at, Math.min(chunk.length, at + piece));
        const tooLong = guard.check(text);
        if (tooLong) throw tooLong;
        await scanner.feed(text, false, emit);
      }
    }
    await scanner.end(emit);
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    throw syntaxError(o.file, scanner.count, err);
  } finally {
    await fh.close();
  }
}

/** The pieces forEachByteRecord scans a chunk in (latin1: a character per byte). */
const BYTE_PIECE = 64 * 1024;

/** One sentence for a CSV syntax error of the fast scanner, naming the row. */
function syntaxError(file: string, row: number, err: CsvSyntaxError): Error {
  if (/missing closing/i.test(oneLine(err))) {
    return inputError(`${file}: a quoted field that starts in data row ${row} is never closed (an unterminated quote).`, err);
  }
  return inputError(`${file} could not be read as CSV at data row ${row} (${oneLine(err).slice(0, 80)}).`, err);
}

/** The reference reader: decoding, the record guard and fast-csv as node streams. */
export async function forEachRecordReference(
  o: RecordStreamOptions,
  onRecord: (row: string[], record: number) => void | Promise<unknown>,
): Promise<void> {
  const source = createReadStream(o.path, { highWaterMark: 1 << 20 });
  if (o.onBytes) source.on('data', (chunk) => o.onBytes!(chunk as Buffer));
  let record = 0;
  const sink = new Writable({
    objectMode: true,
    highWaterMark: 1024,
    write(row: string[], _enc, done) {
      try {
        const wait = onRecord(row, record++);
        // a consumer under backpressure (filtered.csv) returns a promise: the parser waits for it
        if (wait) wait.then(() => done(), done);
        else done();
      } catch (err) {
        done(err as Error);
      }
    },
  });
  try {
    await pipeline(
      source,
      new DecodeStream(o.encoding, o.bomBytes, o.tally),
      new RecordGuard(o.maxRecordBytes, o.file),
      csvParse({ delimiter: o.delimiter, headers: false, ignoreEmpty: true, quote: '"', escape: '"', trim: false }),
      sink,
    );
  } catch (err) {
    if (err instanceof InvalidUtf8 || err instanceof ReportError) throw err;
    if (/missing closing/i.test(oneLine(err))) {
      throw inputError(`${o.file}: a quoted field that starts in data row ${record} is never closed (an unterminated quote).`, err);
    }
    throw inputError(`${o.file} could not be read as CSV at or after data row ${Math.max(1, record)} (${oneLine(err).slice(0, 80)}).`, err);
  }
}

/** Decoding parameters of a dataset's source, to read the same file again. */
export function recordStreamOf(
  source: Pick<DatasetSource, 'path' | 'readPath' | 'encoding' | 'bom' | 'delimiter'>,
  maxRecordBytes: number,
  file = source.path,
): RecordStreamOptions {
  const bomBytes = !source.bom ? 0 : source.encoding === 'utf-8' ? 3 : 2;
  return { path: source.readPath ?? source.path, file, encoding: source.encoding, bomBytes, delimiter: source.delimiter, maxRecordBytes };
}

/** Hashtags per record in the sample (to place the worker's hashtag codes in shared memory). */
function tagsPerRow(sample: string[][], index: number | undefined): number {
  if (index === undefined || sample.length === 0) return 0;
  let tags = 0;
  for (const row of sample) if (index < row.length) tags += parseHashtags(row[index]).length;
  return tags / sample.length;
}

/**
 * Where the worker's rows go in the first part's shared memory: after the rows the bytes before
 * the split likely hold, with a margin (a shortfall only costs the copy of the transfer path;
 * the margin costs the pages of the rows it leaves, once the worker's rows moved down), and room
 * after them (never written, so free, when unused).
 */
function shareLayout(bytes: number, split: number, recordBytes: number, tagsPerRow: number, margins: ShareMargins): ShareLayout {
  const first = split / recordBytes;
  const rest = (bytes - split) / recordBytes;
  const { gap, room, slack } = margins;
  const rowAt = Math.ceil(first * gap) + slack;
  const tagAt = Math.ceil(first * tagsPerRow * gap) + slack;
  return {
    rowAt,
    rows: rowAt + Math.ceil(rest * room) + slack,
    tagAt,
    tags: tagAt + Math.ceil(rest * tagsPerRow * room) + slack,
  };
}
/** The margins of shareLayout: factors of the estimates, and rows added. */
export interface ShareMargins {
  gap: number;
  room: number;
  slack: number;
}
const SHARE_MARGINS: ShareMargins = { gap: 1.06, room: 1.25, slack: 1024 };

function sampleBytes(sample: string[][]): number {
  if (sample.length === 0) return 100;
  let chars = 0;
  for (const row of sample) for (const f of row) chars += f.length + 1;
  return chars / sample.length;
}

const preview = (header: string[]) => {
  const shown = header.slice(0, 8).map((h) => JSON.stringify(h)).join(', ');
  return header.length > 8 ? `${shown}, ... (${header.length} columns)` : shown || 'no columns';
};

const oneLine = (err: unknown) => String(err instanceof Error ? err.message : err).split('\n')[0].slice(0, 200);

