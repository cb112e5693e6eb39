// The parallel read of a large UTF-8 CSV (see readDataset in read.ts): the main thread reads the
// file up to a record boundary near the middle, a worker thread (read-worker.ts) reads the rest
// with the same decoder, record guard, scanner and DatasetBuilder, and the main thread appends
// the worker's rows (DatasetBuilder.absorb). This module holds what both sides share: where to
// split, and the worker's part of the work.
import { open } from 'node:fs/promises';
import type { ColumnMap } from '../types.ts';
import { DatasetBuilder, type BuilderOptions, type BuilderPart } from './builder.ts';
import { ChunkDecoder, InvalidUtf8, RecordGuard } from './decode.ts';
import { CsvScanner, CsvSyntaxError, type CsvRecord } from './scan.ts';

/** What the worker needs to read the part of the file from `from` to its end. */
export interface PartInput {
  path: string;
  file: string; // name for messages
  from: number; // byte offset of the first record of the part (a record boundary)
  chunkBytes: number; // the reader's chunk size: reads stay aligned to the same chunk grid
  delimiter: string;
  strictUtf8: boolean;
  maxRecordBytes: number;
  header: string[];
  map: ColumnMap;
  builder: BuilderOptions;
}

/**
 * The worker's answer. Errors come back as data: an InvalidUtf8 in the part means the same
 * Windows-1252 fallback as a single-thread read; any other error (a record too long, a CSV
 * syntax error) is re-read by the main thread, so its message names the row exactly as today.
 */
export type PartOutput =
  | { ok: true; records: number; part: BuilderPart }
  | { ok: false; invalidUtf8: boolean; message: string };

/**
 * Reads the records of bytes [from, EOF) into a DatasetBuilder; record numbers are part-relative
 * (1 = the first record of the part). Chunks follow the same grid as the main reader's
 * (multiples of chunkBytes from the start of the file), so decoding errors, the record guard
 * and the scanner meet the bytes in the same order as in a single-thread read.
 */
export async function readPart(input: PartInput): Promise<PartOutput> {
  const builder = new DatasetBuilder(input.header, input.map, { ...input.builder, sampleBits: true });
  const fh = await open(input.path, 'r');
  const size = input.chunkBytes;
  const buf = Buffer.allocUnsafe(size);
  const decoder = new ChunkDecoder('utf-8', 0, input.strictUtf8);
  const guard = new RecordGuard(input.maxRecordBytes, input.file);
  const scanner = new CsvScanner(input.delimiter).midFile();
  const emit = (rec: CsvRecord) => builder.pushRecord(rec, scanner.count);
  let pos = input.from;
  try {
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, size - (pos % size), pos);
      if (bytesRead === 0) break;
      pos += bytesRead;
      const text = decoder.decode(buf.subarray(0, bytesRead));
      const tooLong = guard.check(text);
      if (tooLong) throw tooLong;
      await scanner.feed(text, false, emit);
    }
    const tail = decoder.end();
    const tooLong = guard.check(tail);
    if (tooLong) throw tooLong;
    await scanner.end(emit);
  } catch (err) {
    return { ok: false, invalidUtf8: err instanceof InvalidUtf8, message: err instanceof Error ? err.message : String(err) };
  } finally {
    await fh.close();
  }
  return { ok: true, records: scanner.count, part: builder.exportPart() };
}

const WINDOW = 256 * 1024;
const CANDIDATES = 64;
const CHECK_RECORDS = 16;

/**
 * A byte offset at or after `target` that likely starts a record: just after a line feed, where
 * the records that follow parse without a syntax error or a stray quote and mostly have the
 * header's width. -1 when none is found in a window. Only a guess: the main reader confirms the
 * boundary when it gets there (its scanner ends the part with nothing pending) and reads on
 * itself otherwise.
 */
export async function planSplit(path: string, target: number, delimiter: string, width: number): Promise<number> {
  const fh = await open(path, 'r');
  let bytes: Buffer;
  try {
    const buf = Buffer.allocUnsafe(WINDOW);
    const { bytesRead } = await fh.read(buf, 0, WINDOW, target);
    bytes = buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
  let nl = bytes.indexOf(10);
  for (let tries = 0; nl !== -1 && tries < CANDIDATES; tries++) {
    const at = nl + 1;
    if (at < bytes.length && (await looksLikeRecords(bytes.subarray(at), delimiter, width))) return target + at;
    nl = bytes.indexOf(10, at);
  }
  return -1;
}

const STOP = new Error('enough records');

async function looksLikeRecords(bytes: Uint8Array, delimiter: string, width: number): Promise<boolean> {
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
  const scanner = new CsvScanner(delimiter).midFile();
  let records = 0;
  let wide = 0;
  let stray = false;
  try {
    await scanner.feed(text, false, (rec) => {
      records++;
      if (rec.strayQuote) stray = true;
      if (rec.n === width || (rec.n === width + 1 && rec.length(rec.n - 1) === 0)) wide++;
      if (stray || records >= CHECK_RECORDS) throw STOP;
    });
  } catch (err) {
    if (err !== STOP && !(err instanceof CsvSyntaxError)) throw err;
    if (err !== STOP) return false;
  }
  return !stray && records >= 2 && wide >= records * 0.75;
}

/** Field count of the first record of `text` (the header), -1 when it does not end in `text`. */
export async function firstRecordWidth(text: string, delimiter: string): Promise<number> {
  let width = -1;
  try {
    await new CsvScanner(delimiter).feed(text, false, (rec) => {
      width = rec.n;
      throw STOP;
    });
  } catch (err) {
    if (err !== STOP) return -1;
  }
  return width;
}

/** True when bytes [0, end) of the file hold an even number of '"' (the record guard's view: outside quotes at `end`). */
export async function evenQuotes(path: string, end: number, chunkBytes: number): Promise<boolean> {
  const fh = await open(path, 'r');
  const buf = Buffer.allocUnsafe(chunkBytes);
  let n = 0;
  let pos = 0;
  try {
    while (pos < end) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(chunkBytes, end - pos), pos);
      if (bytesRead === 0) break;
      const chunk = buf.subarray(0, bytesRead);
      for (let i = chunk.indexOf(34); i !== -1; i = chunk.indexOf(34, i + 1)) n++;
      pos += bytesRead;
    }
  } finally {
    await fh.close();
  }
  return pos >= end && n % 2 === 0;
}
