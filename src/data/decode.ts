// Bytes to text, before any CSV parser sees them: what the file is (formats that are not CSV),
// the encoding (BOM, UTF-16 by NUL pattern, UTF-8 with bad bytes replaced, Windows-1252 when
// clearly not UTF-8), the delimiter, and a guard that bounds the size of one record so an
// unterminated quote or a giant field fails fast instead of quadratically.
import { Transform, type TransformCallback } from 'node:stream';
import { inputError } from '../errors.ts';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface EncodingGuess {
  encoding: Encoding;
  bomBytes: number;
}

/** Encoding from the first bytes of the file: BOM first, then the NUL pattern of BOM-less UTF-16. */
export function sniffEncoding(head: Uint8Array): EncodingGuess {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomBytes: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomBytes: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomBytes: 2 };
  // ASCII text in UTF-16 has a NUL in every other byte; count where the NULs fall.
  let even = 0;
  let odd = 0;
  const n = Math.min(head.length, 4096) & ~1;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) even++;
    if (head[i + 1] === 0) odd++;
  }
  if (n >= 8) {
    if (odd > n * 0.3 && even < n * 0.02) return { encoding: 'utf-16le', bomBytes: 0 };
    if (even > n * 0.3 && odd < n * 0.02) return { encoding: 'utf-16be', bomBytes: 0 };
  }
  return { encoding: 'utf-8', bomBytes: 0 };
}

/** Thrown (internally) when a file read as UTF-8 is clearly another encoding (see notUtf8). */
export class InvalidUtf8 extends Error {}

/**
 * What a UTF-8 decoder met: `invalid` byte sequences (each became one U+FFFD, as the WHATWG
 * decoder replaces them), and `multiExcess`, a measure of valid multi-byte characters (real
 * UTF-8 text): the bytes they took beyond one per UTF-16 unit (1 for é, 2 for € or an emoji),
 * or, in a piece of text with a U+FFFD, the non-ASCII UTF-16 units besides U+FFFD.
 */
export interface Utf8Tally {
  invalid: number;
  multiExcess: number;
  /** U+FFFD characters in the text so far (invalid sequences and any written in the file) */
  fffd: number;
}

export const newTally = (): Utf8Tally => ({ invalid: 0, multiExcess: 0, fffd: 0 });

/**
 * True when text read as UTF-8 is clearly another encoding: it has invalid sequences and fewer
 * valid multi-byte characters than those (a Latin-1 export: many high bytes, none of them a
 * valid sequence). A UTF-8 file with a few bad bytes (a file cut inside an emoji, one stray
 * 0xE9 among accented names) stays UTF-8, its bad bytes replaced.
 */
export const notUtf8 = (t: Utf8Tally): boolean => t.invalid > 0 && t.multiExcess < t.invalid;

const FFFD = '\uFFFD';

/**
 * Bytes to text chunk by chunk. UTF-8 is decoded with replacement (an invalid sequence becomes
 * U+FFFD, never an error), and what it met is added to `tally`; the caller decides from it.
 */
export class ChunkDecoder {
  private readonly decoder: TextDecoder;
  private skip: number;
  private readonly utf8: boolean;
  // the last two bytes seen, for a literal U+FFFD (EF BF BD) cut by a chunk boundary
  private b1 = -1;
  private b2 = -1;
  constructor(
    encoding: Encoding,
    bomBytes: number,
    readonly tally: Utf8Tally = newTally(),
  ) {
    this.decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: true });
    this.skip = bomBytes;
    this.utf8 = encoding === 'utf-8';
  }
  /** Text of the next bytes (NULs removed). */
  decode(chunk: Uint8Array): string {
    if (this.skip > 0) {
      const cut = Math.min(this.skip, chunk.length);
      chunk = chunk.subarray(cut);
      this.skip -= cut;
    }
    const text = this.decoder.decode(chunk, { stream: true });
    if (this.utf8 && chunk.length > 0) this.count(chunk, text);
    return stripNul(text);
  }
  end(): string {
    const text = this.decoder.decode();
    // a sequence cut by the end of the file: one U+FFFD for bytes counted before
    if (this.utf8 && text.length > 0) {
      const chars = countChar(text, 0);
      this.tally.invalid += chars;
      this.tally.fffd += chars;
    }
    return stripNul(text);
  }
  private count(bytes: Uint8Array, text: string): void {
    const at = text.indexOf(FFFD); // a one-byte (Latin-1 range) string answers at once
    if (at === -1) this.tally.multiExcess += bytes.length - text.length;
    else {
      const chars = countChar(text, at);
      this.tally.fffd += chars;
      this.tally.invalid += Math.max(0, chars - this.literalFffd(bytes));
      this.tally.multiExcess += nonAscii(text);
    }
    const n = bytes.length;
    this.b1 = n >= 2 ? bytes[n - 2] : this.b2;
    this.b2 = bytes[n - 1];
  }
  /** U+FFFD written in the file (EF BF BD) ending in `bytes`: text, not an invalid byte. */
  private literalFffd(bytes: Uint8Array): number {
    let n = 0;
    if (this.b1 === 0xef && this.b2 === 0xbf && bytes[0] === 0xbd) n++;
    if (this.b2 === 0xef && bytes[0] === 0xbf && bytes[1] === 0xbd) n++;
    const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    for (let i = b.indexOf(LITERAL_FFFD); i !== -1; i = b.indexOf(LITERAL_FFFD, i + 3)) n++;
    return n;
  }
}

const LITERAL_FFFD = Buffer.from([0xef, 0xbf, 0xbd]);

/** UTF-16 units of `text` above ASCII, U+FFFD left out (a rare path: text with a replaced byte). */
function nonAscii(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 && c !== 0xfffd) n++;
  }
  return n;
}

function countChar(text: string, from: number): number {
  let n = 0;
  for (let i = text.indexOf(FFFD, from); i !== -1; i = text.indexOf(FFFD, i + 1)) n++;
  return n;
}

/** Decodes a byte stream to string chunks (the reference reader's decoder; tally as ChunkDecoder). */
export class DecodeStream extends Transform {
  private readonly chunks: ChunkDecoder;
  constructor(encoding: Encoding, bomBytes: number, tally?: Utf8Tally) {
    super({ readableObjectMode: false, decodeStrings: true, encoding: 'utf8' });
    this.chunks = new ChunkDecoder(encoding, bomBytes, tally);
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    done(null, this.chunks.decode(chunk));
  }
  override _flush(done: TransformCallback): void {
    done(null, this.chunks.end());
  }
}

// NUL bytes inside a text CSV are noise from broken exports; no cell should carry them.
const stripNul = (s: string) => (s.indexOf('\0') === -1 ? s : s.replaceAll('\0', ''));

/** True when decoded text looks like binary data rather than a CSV (control characters, U+FFFD). */
export function looksBinary(text: string): boolean {
  const n = Math.min(text.length, 8192);
  if (n === 0) return false;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) bad++;
  }
  return bad > n * 0.05;
}

/** The old binary Office format (OLE2): an Excel 97-2003 workbook, or an Office file with a password. */
const XLS = 'an Excel 97-2003 .xls workbook (or a password-protected Office file)';
/** What to do about a format, when better than exporting as CSV. */
const SAVE_AS_XLSX = 'save it as .xlsx or CSV';
const ADVICE: Record<string, string> = {
  [XLS]: SAVE_AS_XLSX,
  'an Excel binary workbook (.xlsb)': SAVE_AS_XLSX,
  'an OpenDocument file (.ods/.odt)': SAVE_AS_XLSX,
  'an OpenDocument spreadsheet (.ods)': SAVE_AS_XLSX,
};

/** The one sentence refusing `file` for being `what` (from notCsvFormat or formats.ts). */
export function notCsvSentence(file: string, what: string): string {
  return `${file} is ${what}, not a CSV file; ${ADVICE[what] ?? 'export or extract the data as CSV (or TSV) and pass that file'}.`;
}

/** Formats that arrive as "the export" but are not CSV text, by their first bytes (magic numbers). */
const SIGNATURES: [bytes: number[], what: string][] = [
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive'],
  [[0x50, 0x4b, 0x05, 0x06], 'an empty ZIP archive'],
  [[0x50, 0x4b, 0x07, 0x08], 'a ZIP archive'],
  [[0x25, 0x50, 0x44, 0x46, 0x2d], 'a PDF document'],
  [[0x1f, 0x8b], 'a gzip-compressed file'],
  [[0x42, 0x5a, 0x68], 'a bzip2-compressed file'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'an xz-compressed file'],
  [[0x28, 0xb5, 0x2f, 0xfd], 'a zstd-compressed file'],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], 'a 7-Zip archive'],
  [[0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], 'a RAR archive'],
  [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], XLS],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x50, 0x41, 0x52, 0x31], 'a Parquet file'],
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74], 'an SQLite database'],
  [[0x7f, 0x45, 0x4c, 0x46], 'a program (ELF executable)'],
];

/**
 * What the file really is when its first bytes say it is not CSV text ("a ZIP archive", "an
 * Excel workbook (.xlsx)", "an HTML page", ...), else null. A stored (uncompressed) ZIP or a PDF
 * holds long runs of plain text, so the binary-content test alone would let one through.
 */
export function notCsvFormat(head: Uint8Array): string | null {
  for (const [sig, what] of SIGNATURES) {
    if (head.length >= sig.length && sig.every((b, i) => head[i] === b)) {
      if (what === 'a ZIP archive') {
        // an .xlsx/.docx/.ods is a ZIP whose first entry names its kind
        const names = Buffer.from(head.subarray(0, 4096)).toString('latin1');
        if (names.includes('xl/')) return 'an Excel workbook (.xlsx)';
        if (names.includes('word/') || names.includes('ppt/')) return 'an Office document (.docx/.pptx)';
        if (names.includes('opendocument.spreadsheet')) return 'an OpenDocument spreadsheet (.ods)';
      }
      return what;
    }
  }
  if (head.length > 262 && Buffer.from(head.subarray(257, 262)).toString('latin1') === 'ustar') return 'a tar archive';
  // text formats: skip a UTF-8 BOM and leading white space
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 32 || head[i] === 9 || head[i] === 10 || head[i] === 13)) i++;
  const start = Buffer.from(head.subarray(i, i + 256)).toString('latin1').toLowerCase();
  if (/^<!doctype html|^<html[\s>]|^<head[\s>]|^<body[\s>]/.test(start)) return 'an HTML page';
  if (/^<\?xml[\s?]/.test(start)) return 'an XML document';
  if (/^\{\s*"|^\[\s*[{[]/.test(start)) return 'a JSON document';
  // `{` or `[` alone on its line (pretty-printed JSON): a CSV header line holds a delimiter
  if (/^[{[][^\n]*/.test(start) && !/[,;\t|]/.test(/^[^\n]*/.exec(start)![0])) return 'a JSON document';
  return null;
}

export const DELIMITERS = [',', ';', '\t', '|'] as const;
/** Lines above the header a delimiter may be absent from (title lines; HEADER_LOOK in repairs.ts). */
const TITLE_LINES = 20;
export type Delimiter = (typeof DELIMITERS)[number];

/**
 * Picks the delimiter whose per-line count (outside quotes) is non-zero in the header and the
 * same on most of the first lines; ties go to the earlier of , ; tab |. Lines above the header
 * that hold no delimiter at all (title lines, see repairs.ts) are passed over.
 */
export function sniffDelimiter(text: string): Delimiter {
  let lines = splitLines(text, 30 + TITLE_LINES);
  const first = lines.findIndex((l) => DELIMITERS.some((d) => countOutsideQuotes(l, d) > 0));
  const from = first > 0 && first <= TITLE_LINES ? first : 0;
  lines = lines.slice(from, from + 30);
  if (lines.length === 0) return ',';
  let best: Delimiter = ',';
  let bestScore = -1;
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const head = counts[0];
    if (head === 0) continue;
    const same = counts.filter((c) => c === head).length / counts.length;
    const score = same * 10 + Math.min(head, 50) / 50;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

/** Up to `max` complete records of text (quote-aware), without their line endings. */
function splitLines(text: string, max: number): string[] {
  const out: string[] = [];
  let inQuote = false;
  let start = 0;
  for (let i = 0; i < text.length && out.length < max; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) inQuote = !inQuote;
    else if (c === 10 && !inQuote) {
      const line = text.slice(start, i).replace(/\r$/, '');
      if (line.length > 0) out.push(line);
      start = i + 1;
    }
  }
  return out;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let inQuote = false;
  const dc = d.charCodeAt(0);
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 34) inQuote = !inQuote;
    else if (c === dc && !inQuote) n++;
  }
  return n;
}

/** The record guard's position: inside quotes or not, the current record's length and number. */
export interface GuardState {
  inQuote: boolean;
  length: number;
  record: number;
}

/**
 * The one record-size guard. Passes text through unchanged while tracking record boundaries
 * (newlines outside quotes); a record longer than `maxChars` stops the stream with an input
 * error naming the record (or `message`'s, given the record number, 0 = header). Positions of
 * the next quote and newline are cached so the scan stays linear. The text may be UTF-8 bytes as
 * latin1 (the filtered.csv pass): it then counts bytes.
 */
export class RecordGuard extends Transform {
  private inQuote = false;
  private length = 0;
  private _record = 0; // 0 = header
  constructor(
    private readonly maxChars: number,
    private readonly file: string,
    private readonly message?: (record: number) => string,
  ) {
    super({ decodeStrings: false, encoding: 'utf8' });
  }
  /** The number of the record being read (0 = header): how many line feeds outside quotes went by. */
  get record(): number {
    return this._record;
  }
  override _transform(chunk: string | Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const s = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    const err = this.check(s);
    if (err) return done(err);
    done(null, s);
  }
  /** Where the guard stands (to check a piece of text and, if needed, that text again with more). */
  save(): GuardState {
    return { inQuote: this.inQuote, length: this.length, record: this._record };
  }
  restore(state: GuardState): void {
    ({ inQuote: this.inQuote, length: this.length, record: this._record } = state);
  }
  /** Tracks the next text chunk; returns the input error when a record grew too long. */
  check(s: string): Error | null {
    let pos = 0;
    let nextQuote = -2;
    let nextNl = -2;
    const n = s.length;
    while (pos < n) {
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = s.indexOf('"', pos);
      if (this.inQuote) {
        if (nextQuote === -1) {
          this.length += n - pos;
          break;
        }
        this.length += nextQuote + 1 - pos;
        pos = nextQuote + 1;
        this.inQuote = false;
        continue;
      }
      if (nextNl !== -1 && nextNl < pos) nextNl = s.indexOf('\n', pos);
      if (nextNl !== -1 && (nextQuote === -1 || nextNl < nextQuote)) {
        this.length += nextNl - pos;
        if (this.length > this.maxChars) return this.tooLong();
        this.length = 0;
        this._record++;
        pos = nextNl + 1;
      } else if (nextQuote !== -1) {
        this.length += nextQuote + 1 - pos;
        pos = nextQuote + 1;
        this.inQuote = true;
      } else {
        this.length += n - pos;
        break;
      }
    }
    if (this.length > this.maxChars) return this.tooLong();
    return null;
  }
  private tooLong(): Error {
    if (this.message) return inputError(this.message(this._record));
    const where = this._record === 0 ? 'the header row' : `data row ${this._record}`;
    const mib = (this.maxChars / 1048576).toFixed(this.maxChars >= 1048576 ? 0 : 2);
    const hint = this.inQuote ? ' (an unterminated quote?)' : '';
    return inputError(
      `${this.file}: ${where} is longer than ${mib} MiB${hint}; fix the file or raise input.maxRecordBytes.`,
    );
  }
}
