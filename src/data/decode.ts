// Bytes to text, before any CSV parser sees them: the encoding (BOM, UTF-16 by NUL pattern,
// strict UTF-8 with a Windows-1252 fallback), the delimiter, and a guard that bounds the size
// of one record so an unterminated quote or a giant field fails fast instead of quadratically.
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

/** Thrown (internally) when bytes declared or assumed UTF-8 are not valid UTF-8. */
export class InvalidUtf8 extends Error {}

/** Bytes to text chunk by chunk; strict UTF-8 raises InvalidUtf8 so the caller can retry as Windows-1252. */
export class ChunkDecoder {
  private readonly decoder: TextDecoder;
  private skip: number;
  constructor(encoding: Encoding, bomBytes: number, strictUtf8: boolean) {
    this.decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' && strictUtf8, ignoreBOM: true });
    this.skip = bomBytes;
  }
  /** Text of the next bytes (NULs removed); throws InvalidUtf8. */
  decode(chunk: Uint8Array): string {
    if (this.skip > 0) {
      const cut = Math.min(this.skip, chunk.length);
      chunk = chunk.subarray(cut);
      this.skip -= cut;
    }
    try {
      return stripNul(this.decoder.decode(chunk, { stream: true }));
    } catch {
      throw new InvalidUtf8();
    }
  }
  end(): string {
    try {
      return stripNul(this.decoder.decode());
    } catch {
      throw new InvalidUtf8();
    }
  }
}

/** Decodes a byte stream to string chunks; strict UTF-8 raises InvalidUtf8 so the caller can retry as Windows-1252. */
export class DecodeStream extends Transform {
  private readonly chunks: ChunkDecoder;
  constructor(encoding: Encoding, bomBytes: number, strictUtf8: boolean) {
    super({ readableObjectMode: false, decodeStrings: true, encoding: 'utf8' });
    this.chunks = new ChunkDecoder(encoding, bomBytes, strictUtf8);
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    let text: string;
    try {
      text = this.chunks.decode(chunk);
    } catch (err) {
      return done(err as Error);
    }
    done(null, text);
  }
  override _flush(done: TransformCallback): void {
    let text: string;
    try {
      text = this.chunks.end();
    } catch (err) {
      return done(err as Error);
    }
    done(null, text);
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

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/**
 * Picks the delimiter whose per-line count (outside quotes) is non-zero in the header and the
 * same on most of the first lines; ties go to the earlier of , ; tab |.
 */
export function sniffDelimiter(text: string): Delimiter {
  const lines = splitLines(text, 30);
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

/**
 * Passes text through unchanged while tracking record boundaries (newlines outside quotes); a
 * record longer than `maxChars` stops the stream with an input error naming the record.
 * Positions of the next quote and newline are cached so the scan stays linear.
 */
/** The record guard's position: inside quotes or not, the current record's length and number. */
export interface GuardState {
  inQuote: boolean;
  length: number;
  record: number;
}

export class RecordGuard extends Transform {
  private inQuote = false;
  private length = 0;
  private record = 0; // 0 = header
  constructor(
    private readonly maxChars: number,
    private readonly file: string,
  ) {
    super({ decodeStrings: false, encoding: 'utf8' });
  }
  override _transform(chunk: string | Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const s = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    const err = this.check(s);
    if (err) return done(err);
    done(null, s);
  }
  /** Where the guard stands (to check a piece of text and, if needed, that text again with more). */
  save(): GuardState {
    return { inQuote: this.inQuote, length: this.length, record: this.record };
  }
  restore(state: GuardState): void {
    ({ inQuote: this.inQuote, length: this.length, record: this.record } = state);
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
        this.record++;
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
    const where = this.record === 0 ? 'the header row' : `data row ${this.record}`;
    const mib = (this.maxChars / 1048576).toFixed(this.maxChars >= 1048576 ? 0 : 2);
    const hint = this.inQuote ? ' (an unterminated quote?)' : '';
    return inputError(
      `${this.file}: ${where} is longer than ${mib} MiB${hint}; fix the file or raise input.maxRecordBytes.`,
    );
  }
}
