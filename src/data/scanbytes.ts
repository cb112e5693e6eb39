// The fast CSV reader over UTF-8 bytes, for the filtered.csv pass: the same rules as CsvScanner
// (src/data/scan.ts, fast-csv's rules) on the raw bytes, so a record can be copied to the output
// without decoding and re-encoding it. Every structural character is ASCII, so byte positions
// work like character positions; the whitespace fast-csv skips around quoted cells includes a
// few non-ASCII spaces, recognised here by their UTF-8 sequences.
import { CsvSyntaxError, ESCAPED, QUOTED } from './scan.ts';

const LF = 10;
const CR = 13;
const QUOTE = 34;
const INCOMPLETE = -1;
const WS_ONLY = /^\s*$/;

/** One parsed record over bytes, valid only during the callback (the arrays are reused). */
export class ByteRecord {
  b: Buffer = Buffer.alloc(0);
  n = 0;
  start = new Int32Array(64);
  end = new Int32Array(64);
  flags = new Uint8Array(64);
  rowStart = 0;
  rowEnd = 0;
  strayQuote = false;

  field(i: number): string {
    const v = this.b.toString('utf8', this.start[i], this.end[i]);
    return this.flags[i] & ESCAPED ? v.replaceAll('""', '"') : v;
  }
  /** the field's first byte (the char code for ASCII), -1 when empty */
  first(i: number): number {
    const a = this.start[i];
    return a < this.end[i] ? this.b[a] : -1;
  }
  toArray(): string[] {
    const out = new Array<string>(this.n);
    for (let i = 0; i < this.n; i++) out[i] = this.field(i);
    return out;
  }
  push(a: number, e: number, flags: number): void {
    const n = this.n;
    if (n === this.start.length) {
      const s = new Int32Array(n * 2);
      s.set(this.start);
      this.start = s;
      const t = new Int32Array(n * 2);
      t.set(this.end);
      this.end = t;
      const f = new Uint8Array(n * 2);
      f.set(this.flags);
      this.flags = f;
    }
    this.start[n] = a;
    this.end[n] = e;
    this.flags[n] = flags;
    this.n = n + 1;
  }
}

/**
 * Bytes of the fast-csv "space" (JS \s minus CR, LF and the delimiter) at i, 0 when none:
 * tab, VT, FF, space, U+00A0, U+1680, U+2000-200A, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF.
 */
function spaceLen(b: Buffer, i: number, len: number, d: number): number {
  const c = b[i];
  if (c === d) return 0;
  if (c < 0x80) return c === 32 || c === 9 || c === 11 || c === 12 ? 1 : 0;
  if (c === 0xc2) return i + 1 < len && b[i + 1] === 0xa0 ? 2 : 0;
  if (i + 2 >= len) return 0;
  const c1 = b[i + 1];
  const c2 = b[i + 2];
  if (c === 0xe1) return c1 === 0x9a && c2 === 0x80 ? 3 : 0;
  if (c === 0xe2) {
    if (c1 === 0x80) return c2 <= 0x8a || c2 === 0xa8 || c2 === 0xa9 || c2 === 0xaf ? 3 : 0;
    return c1 === 0x81 && c2 === 0x9f ? 3 : 0;
  }
  if (c === 0xe3) return c1 === 0x80 && c2 === 0x80 ? 3 : 0;
  if (c === 0xef) return c1 === 0xbb && c2 === 0xbf ? 3 : 0;
  return 0;
}

/** Incremental parser over UTF-8 bytes: feed() chunks (reused buffers are fine), end() at the end. */
export class ByteCsvScanner {
  private pending: Buffer | null = null;
  private readonly d: number;
  readonly rec = new ByteRecord();
  private fresh = true;
  count = 0;
  /** 1 for the bytes that end or mark an unquoted field */
  private readonly stop = new Uint8Array(256);

  constructor(delimiter: string) {
    this.d = delimiter.charCodeAt(0);
    for (const c of [this.d, LF, CR, QUOTE]) this.stop[c] = 1;
  }

  async feed(chunk: Buffer, final: boolean, onRecord: (rec: ByteRecord) => void | Promise<unknown>): Promise<void> {
    let b = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = null;
    // fast-csv drops a U+FEFF at the start of the text it holds
    if (this.fresh && b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
    if (b.length) this.fresh = false;
    const len = b.length;
    const rec = this.rec;
    rec.b = b;
    let pos = 0;
    while (pos < len) {
      const next = this.record(b, pos, len, final);
      if (next === INCOMPLETE) break;
      pos = next;
      if (rec.n === 0 || this.blank()) continue;
      this.count++;
      const wait = onRecord(rec);
      if (wait) await wait;
    }
    if (pos < len) this.pending = Buffer.from(b.subarray(pos)); // a copy: the caller reuses its buffer
  }

  end(onRecord: (rec: ByteRecord) => void | Promise<unknown>): Promise<void> {
    return this.feed(Buffer.alloc(0), true, onRecord);
  }

  private blank(): boolean {
    const r = this.rec;
    for (let i = 0; i < r.n; i++) {
      const c = r.first(i);
      if (c === -1) continue;
      if (c > 32 && c < 0x80) return false;
      if (!WS_ONLY.test(r.field(i))) return false;
    }
    return true;
  }

  private record(b: Buffer, pos: number, len: number, final: boolean): number {
    const d = this.d;
    const rec = this.rec;
    rec.n = 0;
    rec.strayQuote = false;
    let p = pos;
    let k = 0;
    while (p < len && (k = spaceLen(b, p, len, d)) > 0) p += k;
    if (p >= len) return final ? len : INCOMPLETE;
    let c = b[p];
    rec.rowStart = pos;
    let cursor: number;
    let col: boolean;
    if (c === d) {
      rec.push(p, p, 0);
      cursor = p;
      col = false;
    } else if (c === LF || c === CR) {
      cursor = p;
      col = false;
    } else {
      cursor = pos;
      col = true;
    }
    for (;;) {
      if (!col) {
        if (cursor >= len) {
          if (!final) return INCOMPLETE;
          rec.rowEnd = len;
          return len;
        }
        c = b[cursor];
        if (c === LF) {
          rec.rowEnd = cursor;
          return cursor + 1;
        }
        if (c === CR) {
          if (cursor + 1 < len) {
            rec.rowEnd = cursor;
            return b[cursor + 1] === LF ? cursor + 2 : cursor + 1;
          }
          if (!final) return INCOMPLETE;
          rec.rowEnd = cursor;
          return cursor + 1;
        }
        cursor++;
        if (cursor >= len) {
          if (!final) return INCOMPLETE;
          rec.push(cursor, cursor, 0);
          continue;
        }
        c = b[cursor];
        if (c === d || c === LF || c === CR) {
          rec.push(cursor, cursor, 0);
          continue;
        }
      } else c = b[cursor];
      col = false;
      let q = cursor;
      if (c !== QUOTE) while (q < len && (k = spaceLen(b, q, len, d)) > 0) q += k;
      if (q < len && b[q] === QUOTE) {
        let i = q + 1;
        let flags = QUOTED;
        let close = -1;
        for (;;) {
          const j = b.indexOf(QUOTE, i);
          if (j === -1 || j >= len) {
            if (!final) return INCOMPLETE;
            throw new CsvSyntaxError(`Parse Error: missing closing: '"' in line: at '${b.toString('utf8', q, Math.min(len, q + 200)).replace(/[\r\n]/g, "\\n'")}'`);
          }
          if (j + 1 >= len) {
            if (!final) return INCOMPLETE;
            close = j;
            break;
          }
          if (b[j + 1] === QUOTE) {
            flags |= ESCAPED;
            i = j + 2;
            continue;
          }
          close = j;
          break;
        }
        rec.push(q + 1, close, flags);
        let m = close + 1;
        while (m < len && (k = spaceLen(b, m, len, d)) > 0) m += k;
        if (m >= len) {
          if (!final) return INCOMPLETE;
          rec.rowEnd = len;
          return len;
        }
        c = b[m];
        if (c !== d && c !== LF && c !== CR) {
          throw new CsvSyntaxError(`Parse Error: expected: '${String.fromCharCode(d)}' OR new line got: '${b.toString('utf8', m, m + 1)}'`);
        }
        cursor = m;
        continue;
      }
      // unquoted: a byte loop (fields are short; Buffer#indexOf costs more per call than it saves)
      const stop = this.stop;
      let e = cursor;
      for (; e < len; e++) {
        const x = b[e];
        if (stop[x] === 1) {
          if (x !== QUOTE) break;
          rec.strayQuote = true;
        }
      }
      if (e >= len && !final) return INCOMPLETE;
      rec.push(cursor, e, 0);
      cursor = e;
    }
  }
}

/**
 * The record guard over bytes (a record is bounded by LF outside quotes, as RecordGuard counts
 * them); returns true when the current record grew past `max` bytes. The next quote and line
 * feed of a chunk are found once and kept while ahead, so a chunk of many short lines (or of
 * blank lines and no quote at all) is scanned once, not once per line.
 */
export class ByteGuard {
  private inQuote = false;
  private length = 0;
  record = 0;
  constructor(private readonly max: number) {}
  check(b: Buffer): boolean {
    let pos = 0;
    const n = b.length;
    let nq = -2; // next quote at or after pos (-1: none left), -2: not looked up yet
    let nl = -2;
    while (pos < n) {
      if (nq !== -1 && nq < pos) nq = b.indexOf(QUOTE, pos);
      if (this.inQuote) {
        if (nq === -1) {
          this.length += n - pos;
          break;
        }
        this.length += nq + 1 - pos;
        pos = nq + 1;
        this.inQuote = false;
        continue;
      }
      if (nl !== -1 && nl < pos) nl = b.indexOf(LF, pos);
      if (nl !== -1 && (nq === -1 || nl < nq)) {
        this.length += nl - pos;
        if (this.length > this.max) return true;
        this.length = 0;
        this.record++;
        pos = nl + 1;
      } else if (nq !== -1) {
        this.length += nq + 1 - pos;
        pos = nq + 1;
        this.inQuote = true;
      } else {
        this.length += n - pos;
        break;
      }
    }
    return this.length > this.max;
  }
}
