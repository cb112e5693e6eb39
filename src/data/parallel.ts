// The parallel read of a large UTF-8 CSV (see readDataset in read.ts): the main thread reads the
// file up to a record boundary near the middle, a worker thread (read-worker.ts) reads the rest
// with the same decoder, record guard, scanner and DatasetBuilder, and the main thread appends
// the worker's rows (DatasetBuilder.absorb). The worker writes its row columns straight into the
// main builder's arrays (shared memory, from a row past the first part's estimated end), so the
// merge only closes the gap in place. This module holds what both sides share: where to split,
// how a chunk is decoded and scanned (ChunkFeeder), and the worker's part of the work.
import { open } from 'node:fs/promises';
import type { ColumnMap } from '../types.ts';
import { DatasetBuilder, type BuilderOptions, type BuilderPart } from './builder.ts';
import { ChunkDecoder, RecordGuard, type Utf8Tally } from './decode.ts';
import { CsvScanner, CsvSyntaxError, type CsvRecord } from './scan.ts';

/** What the worker needs to read the part of the file from `from` to its end. */
export interface PartInput {
  path: string;
  file: string; // name for messages
  from: number; // byte offset of the first record of the part (a record boundary)
  chunkBytes: number; // the reader's chunk size: reads stay aligned to the same chunk grid
  delimiter: string;
  maxRecordBytes: number;
  /** see ChunkFeeder (a test knob; default PIECE_BYTES) */
  pieceBytes?: number;
  header: string[];
  map: ColumnMap;
  /** with `into`: the first part's shared columns to write the rows into */
  builder: BuilderOptions;
}

/**
 * The worker's answer, with what its decoder met (added to the main reader's, which decides the
 * encoding for the whole file). Errors come back as data: an error (a record too long, a CSV
 * syntax error) is re-read by the main thread, so its message names the row exactly as today.
 */
export type PartOutput =
  | { ok: true; records: number; part: BuilderPart; tally: Utf8Tally }
  | { ok: false; message: string };

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
  const decoder = new ChunkDecoder('utf-8', 0);
  builder.watchDecoder(decoder.tally);
  const guard = new RecordGuard(input.maxRecordBytes, input.file);
  const scanner = new CsvScanner(input.delimiter).midFile();
  const emit = (rec: CsvRecord) => builder.pushRecord(rec, scanner.count);
  const feeder = new ChunkFeeder(decoder, guard, scanner, emit, input.pieceBytes);
  let pos = input.from;
  try {
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, size - (pos % size), pos);
      if (bytesRead === 0) break;
      pos += bytesRead;
      await feeder.feed(buf.subarray(0, bytesRead));
    }
    const tail = decoder.end(); // as endRead in read.ts
    const tooLong = guard.check(tail);
    if (tooLong) throw tooLong;
    if (tail.length > 0) await scanner.feed(tail, false, emit);
    await scanner.end(emit);
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  } finally {
    await fh.close();
  }
  return { ok: true, records: scanner.count, part: builder.exportPart(), tally: decoder.tally };
}

/**
 * Readers take the file in chunks of 1 MiB (the grid on which decoding, the record guard and the
 * scanner meet the bytes) but decode and scan each chunk in pieces of this many bytes: a chunk's
 * text in one 1 MiB string lives in V8's large object space and, once a scavenge saw it alive
 * (scanning a chunk takes long enough), in the old generation until the next full GC, so each
 * thread piled up tens of MB of dead chunks. Pieces this small (at most 64 KiB as UTF-16) die young.
 */
const PIECE_BYTES = 32 * 1024;

/**
 * Decodes, guards and scans the chunks of one read, piece by piece, with exactly the outcome of
 * taking each chunk whole (decode it, check it with the record guard, then scan it): the text is
 * the same (the decoder streams, replacing invalid bytes); a record too long wins over a
 * syntax error in the same chunk (the rest of the
 * chunk is decoded and checked before a later error is thrown); and the guard gives the message
 * of the whole chunk's check (a piece's end may fall inside a record already too long, where the
 * whole chunk's check would only complain at the record's end or the chunk's).
 */
export class ChunkFeeder {
  constructor(
    private readonly decoder: ChunkDecoder,
    private readonly guard: RecordGuard,
    private readonly scanner: CsvScanner,
    private readonly emit: (rec: CsvRecord) => void | Promise<unknown>,
    /** the piece size (tests take chunks whole with Infinity, or tiny pieces) */
    private readonly pieceBytes = PIECE_BYTES,
  ) {}

  async feed(chunk: Uint8Array): Promise<void> {
    const size = this.pieceBytes;
    if (chunk.length <= size) return this.whole(chunk);
    const { decoder, guard, scanner } = this;
    for (let at = 0; at < chunk.length; at += size) {
      const next = at + size;
      const last = next >= chunk.length;
      const text = decoder.decode(chunk.subarray(at, next));
      const saved = last ? null : guard.save();
      const tooLong = guard.check(text);
      if (tooLong) {
        if (!saved) throw tooLong;
        // the same record is too long for the whole chunk's check: take its message
        const rest = decoder.decode(chunk.subarray(next));
        guard.restore(saved);
        throw guard.check(text + rest) ?? tooLong;
      }
      if (text.length === 0) continue;
      try {
        await scanner.feed(text, false, this.emit);
      } catch (err) {
        if (!last) {
          const tooLongLater = guard.check(decoder.decode(chunk.subarray(next)));
          if (tooLongLater) throw tooLongLater;
        }
        throw err;
      }
    }
  }

  /** A chunk taken whole (as the readers did before pieces). */
  private async whole(chunk: Uint8Array): Promise<void> {
    const text = this.decoder.decode(chunk);
    const tooLong = this.guard.check(text);
    if (tooLong) throw tooLong;
    await this.scanner.feed(text, false, this.emit);
  }
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
