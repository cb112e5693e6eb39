// The one CSV scanner: a char-code state machine over string chunks that finds record and field
// boundaries without building a string per field. It follows fast-csv's parse rules exactly as
// svreport configures them (quote and escape ", no trimming, ignoreEmpty, row delimiters \r\n,
// \n and \r), so both readers yield the same records; the property test in
// test/parser-equivalence.test.ts checks that on generated files.
//
// It reads decoded text, or (utf8Bytes) the bytes of a valid UTF-8 file as a latin1 string, one
// character per byte: every structural character is ASCII, so positions are byte offsets and
// the filtered.csv pass copies records without decoding them; only the non-ASCII spaces fast-csv
// skips around quoted cells are then recognised by their UTF-8 sequences, and a cell read as a
// string is decoded from its bytes.
//
// fast-csv rules worth knowing (each mirrored below):
// - whitespace (JS \s except \r, \n and the delimiter) before a quote is dropped, and between a
//   closing quote and the next delimiter or line end; any other character there is an error;
// - a row that starts with whitespace and then a delimiter gets '' as its first field;
// - a quote inside an unquoted field is an ordinary character;
// - a row whose fields are all whitespace is skipped (not counted as a record);
// - a quoted field never closed is an error at the end of the input.

const LF = 10;
const CR = 13;
const QUOTE = 34;

/** Field flags. */
export const QUOTED = 1; // the field was quoted in the source
export const ESCAPED = 2; // ... and holds "" pairs to unescape

/** Thrown for text fast-csv refuses; the message mimics fast-csv's. */
export class CsvSyntaxError extends Error {}

/** A record's fields as a reader of records (the DatasetBuilder) sees them: a string[]'s or the scanner's. */
export interface Fields {
  readonly n: number;
  field(i: number): string;
  /** char code of the first character, -1 when empty */
  first(i: number): number;
  length(i: number): number;
  /** where the cells lie in decoded source text, to read them in place; null when they do not */
  readonly spans: CellSpans | null;
}

/**
 * Cells as spans of one decoded text: cell i is s[start[i], end[i]), its "" pairs still to
 * unescape when flags[i] has ESCAPED. Valid only during the callback that received the record.
 */
export interface CellSpans {
  readonly s: string;
  readonly n: number;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly flags: Uint8Array;
  /** the record's text is s[rowStart, rowEnd), without its line ending */
  readonly rowStart: number;
  readonly rowEnd: number;
  /** changes with `s`, so a reader can cache positions in the current text */
  readonly gen: number;
}

/** One parsed record, valid only during the callback (the arrays are reused). */
export class CsvRecord implements Fields, CellSpans {
  s = '';
  /** number of fields */
  n = 0;
  start = new Int32Array(64);
  end = new Int32Array(64);
  flags = new Uint8Array(64);
  /** offsets of the record's text in `s`, without its line ending */
  rowStart = 0;
  rowEnd = 0;
  /** set when a quote appeared inside an unquoted field */
  strayQuote = false;
  /** changes with `s` (a new text to parse), so a reader can cache positions in the current text */
  gen = 0;
  /** `s` holds UTF-8 bytes as latin1 characters (see the top): cells are decoded when read as strings */
  readonly utf8Bytes: boolean;

  /** this record, when its text is decoded (over UTF-8 bytes a cell's positions are not its characters') */
  readonly spans: CellSpans | null;

  constructor(utf8Bytes = false) {
    this.utf8Bytes = utf8Bytes;
    this.spans = utf8Bytes ? null : this;
  }

  field(i: number): string {
    let v = this.s.slice(this.start[i], this.end[i]);
    if (this.utf8Bytes) v = Buffer.from(v, 'latin1').toString('utf8');
    return this.flags[i] & ESCAPED ? v.replaceAll('""', '"') : v;
  }
  /** Char code of the field's first character, -1 when empty. */
  first(i: number): number {
    const a = this.start[i];
    return a < this.end[i] ? this.s.charCodeAt(a) : -1;
  }
  length(i: number): number {
    return this.end[i] - this.start[i];
  }
  toArray(): string[] {
    const out = new Array<string>(this.n);
    for (let i = 0; i < this.n; i++) out[i] = this.field(i);
    return out;
  }
  push(a: number, b: number, flags: number): void {
    const n = this.n;
    if (n === this.start.length) {
      const grow = <T extends Int32Array | Uint8Array>(x: T, make: (k: number) => T): T => {
        const y = make(n * 2);
        y.set(x);
        return y;
      };
      this.start = grow(this.start, (k) => new Int32Array(k));
      this.end = grow(this.end, (k) => new Int32Array(k));
      this.flags = grow(this.flags, (k) => new Uint8Array(k));
    }
    this.start[n] = a;
    this.end[n] = b;
    this.flags[n] = flags;
    this.n = n + 1;
  }
}

/** JS \s minus \r and \n (fast-csv's "space" tokens); the delimiter is never a space. */
function isSpace(c: number, d: number): boolean {
  if (c === d) return false;
  if (c <= 32) return c === 32 || c === 9 || c === 11 || c === 12;
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * The same spaces as UTF-8 bytes in a latin1 string, at i: their length in bytes, 0 when none.
 * The ASCII ones are isSpace's; U+00A0 is C2 A0, U+1680 E1 9A 80, U+2000-200A E2 80 80-8A,
 * U+2028/2029 E2 80 A8/A9, U+202F E2 80 AF, U+205F E2 81 9F, U+3000 E3 80 80, U+FEFF EF BB BF.
 */
function utf8SpaceLen(s: string, i: number, len: number, d: number): number {
  const c = s.charCodeAt(i);
  if (c < 0x80) return isSpace(c, d) ? 1 : 0;
  if (c === 0xc2) return i + 1 < len && s.charCodeAt(i + 1) === 0xa0 ? 2 : 0;
  if (i + 2 >= len) return 0;
  const c1 = s.charCodeAt(i + 1);
  const c2 = s.charCodeAt(i + 2);
  if (c === 0xe1) return c1 === 0x9a && c2 === 0x80 ? 3 : 0;
  if (c === 0xe2) {
    if (c1 === 0x80) return c2 <= 0x8a || c2 === 0xa8 || c2 === 0xa9 || c2 === 0xaf ? 3 : 0;
    return c1 === 0x81 && c2 === 0x9f ? 3 : 0;
  }
  if (c === 0xe3) return c1 === 0x80 && c2 === 0x80 ? 3 : 0;
  if (c === 0xef) return c1 === 0xbb && c2 === 0xbf ? 3 : 0;
  return 0;
}

/** U+FEFF, the byte order mark, as text and as UTF-8 bytes in a latin1 string. */
const BOM_TEXT = '\ufeff';
const BOM_BYTES = '\u00ef\u00bb\u00bf';

const WS_ONLY = /^\s*$/;

/** Makes V8 flatten a concatenated string once, so charCodeAt stays a plain load. */
function flat(s: string): string {
  (s as unknown as number) | 0;
  return s;
}

const INCOMPLETE = -1;

/** Position of `ch` in s at or after `from`, or `len` when there is none. */
function indexOr(s: string, ch: string, from: number, len: number): number {
  const i = s.indexOf(ch, from);
  return i === -1 ? len : i;
}
const BRIDGE = 64 * 1024;

/**
 * Incremental parser: feed() decoded text chunks, end() at the end of input. Each complete,
 * non-empty record goes to `onRecord` (which may return a promise to pause the reader).
 */
export class CsvScanner {
  private pending = '';
  private readonly d: number;
  readonly rec: CsvRecord;
  private readonly bom: string;
  private fresh = true;
  /** records emitted so far (0 = the header is next) */
  count = 0;

  // next delimiter / LF / CR / quote at or after the last position asked (reset by each run)
  private nd = -1;
  private nl = -1;
  private ncr = -1;
  private nq = -1;
  private readonly dc: string;

  /**
   * `bridge`: how much of a new chunk may complete a record cut by the chunk boundary;
   * `utf8Bytes`: the text fed is a valid UTF-8 file's bytes as latin1 (see the top).
   */
  constructor(
    delimiter: string,
    private readonly bridge = BRIDGE,
    utf8Bytes = false,
  ) {
    this.d = delimiter.charCodeAt(0);
    this.dc = delimiter[0];
    this.rec = new CsvRecord(utf8Bytes);
    this.bom = utf8Bytes ? BOM_BYTES : BOM_TEXT;
  }

  /** The delimiter this scanner splits on. */
  get delimiter(): string {
    return this.dc;
  }

  /** Length of the space fast-csv skips at i (0: none); i < len. */
  private space(s: string, i: number, len: number): number {
    return this.rec.utf8Bytes ? utf8SpaceLen(s, i, len, this.d) : isSpace(s.charCodeAt(i), this.d) ? 1 : 0;
  }

  /**
   * Parses every complete record of pending + text; calls `onRecord` for each and awaits any
   * promise it returns. The rest waits for the next chunk.
   */
  async feed(text: string, final: boolean, onRecord: (rec: CsvRecord) => void | Promise<unknown>): Promise<void> {
    let from = 0;
    if (this.pending.length && !final) {
      // The record cut by the chunk boundary: parse it from pending + the start of `text`, so
      // the whole chunk is never copied into one concatenated string.
      const head = this.pending.length;
      const window = flat(this.pending + text.slice(0, this.bridge));
      const at = await this.run(window, false, onRecord, head);
      if (at >= head) {
        from = at - head;
        this.pending = '';
      } else if (window.length - head === text.length) {
        this.pending = window.slice(at);
        return;
      }
      // else the record is longer than the window: concatenate below
    }
    let s = this.pending.length ? flat(this.pending + text) : text;
    // fast-csv drops a U+FEFF at the start of the text it holds (a BOM the decoder kept)
    if (this.fresh && s.startsWith(this.bom)) s = s.slice(this.bom.length);
    if (s.length) this.fresh = false;
    const end = await this.run(s, final, onRecord, s.length, from);
    this.pending = end >= s.length ? '' : s.slice(end);
  }

  /** Parses records of `s` from `pos` while they start before `until`; returns where it stopped. */
  private async run(
    s: string,
    final: boolean,
    onRecord: (rec: CsvRecord) => void | Promise<unknown>,
    until: number,
    pos = 0,
  ): Promise<number> {
    const len = s.length;
    const rec = this.rec;
    rec.s = s;
    rec.gen++;
    this.resetCache(); // positions only grow within one run
    while (pos < len && pos < until) {
      const next = this.record(s, pos, len, final);
      if (next === INCOMPLETE) break;
      pos = next;
      if (rec.n === 0 || this.blank()) continue;
      this.count++;
      const wait = onRecord(rec);
      if (wait) await wait;
    }
    return pos;
  }

  end(onRecord: (rec: CsvRecord) => void | Promise<unknown>): Promise<void> {
    return this.feed('', true, onRecord);
  }

  /** True when the text fed so far ended with a complete record (nothing waits for more). */
  get idle(): boolean {
    return this.pending.length === 0;
  }

  /** For a scanner that starts at a record boundary inside the file (a part of a parallel read): no BOM to drop. */
  midFile(): this {
    this.fresh = false;
    return this;
  }

  /**
   * The fields of `text` when it is exactly one record under the same rules as feed() (the cell
   * of a record an export wrapped whole in quotes, see repairs.ts), else null. Synchronous.
   */
  one(text: string): string[] | null {
    const rec = this.rec;
    rec.s = text;
    rec.gen++;
    this.resetCache();
    try {
      if (this.record(text, 0, text.length, true) !== text.length || rec.n === 0) return null;
    } catch (err) {
      if (err instanceof CsvSyntaxError) return null;
      throw err;
    }
    return rec.toArray();
  }

  private resetCache(): void {
    this.nd = this.nl = this.ncr = this.nq = -1;
  }

  /** fast-csv's ignoreEmpty: every field whitespace only. */
  private blank(): boolean {
    const r = this.rec;
    for (let i = 0; i < r.n; i++) {
      const c = r.first(i);
      if (c === -1) continue;
      if (c > 32 && c < 0xa0) return false;
      if (!WS_ONLY.test(r.field(i))) return false;
    }
    return true;
  }

  /** Parses one record at `pos` into this.rec; returns the position after it, or INCOMPLETE. */
  private record(s: string, pos: number, len: number, final: boolean): number {
    const d = this.d;
    const rec = this.rec;
    rec.n = 0;
    rec.strayQuote = false;
    let p = pos;
    let k = 0;
    while (p < len && (k = this.space(s, p, len)) > 0) p += k;
    if (p >= len) {
      // only whitespace left: fast-csv waits for more; at the end it is nothing
      if (!final) return INCOMPLETE;
      return len;
    }
    let c = s.charCodeAt(p);
    rec.rowStart = pos;
    // `cursor` is where a column starts (col = true) or at the token after a column
    let cursor: number;
    let col: boolean;
    if (c === d) {
      rec.push(p, p, 0); // a row starting with a delimiter: '' first (whitespace before it is lost)
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
        c = s.charCodeAt(cursor);
        if (c === LF) {
          rec.rowEnd = cursor;
          return cursor + 1;
        }
        if (c === CR) {
          if (cursor + 1 < len) {
            rec.rowEnd = cursor;
            return s.charCodeAt(cursor + 1) === LF ? cursor + 2 : cursor + 1;
          }
          if (!final) return INCOMPLETE; // maybe the CR of a CRLF split across chunks
          rec.rowEnd = cursor;
          return cursor + 1;
        }
        // c is the delimiter
        cursor++;
        if (cursor >= len) {
          if (!final) return INCOMPLETE;
          rec.push(cursor, cursor, 0);
          continue;
        }
        c = s.charCodeAt(cursor);
        if (c === d || c === LF || c === CR) {
          rec.push(cursor, cursor, 0);
          continue;
        }
      } else c = s.charCodeAt(cursor);
      col = false;
      // a column at cursor: quoted when its first non-space character is a quote
      let q = cursor;
      if (c !== QUOTE && (k = this.space(s, q, len)) > 0) {
        q += k;
        while (q < len && (k = this.space(s, q, len)) > 0) q += k;
        if (q < len) c = s.charCodeAt(q);
      }
      if (c === QUOTE && q < len) {
        let i = q + 1;
        let flags = QUOTED;
        let close = -1;
        for (;;) {
          const j = s.indexOf('"', i);
          if (j === -1) {
            if (!final) return INCOMPLETE;
            throw new CsvSyntaxError(`Parse Error: missing closing: '"' in line: at '${s.slice(q).replace(/[\r\n]/g, "\\n'")}'`);
          }
          if (j + 1 >= len) {
            if (!final) return INCOMPLETE;
            close = j;
            break;
          }
          if (s.charCodeAt(j + 1) === QUOTE) {
            flags |= ESCAPED;
            i = j + 2;
            continue;
          }
          close = j;
          break;
        }
        rec.push(q + 1, close, flags);
        let m = close + 1;
        while (m < len && (k = this.space(s, m, len)) > 0) m += k;
        if (m >= len) {
          if (!final) return INCOMPLETE;
          rec.rowEnd = len;
          return len;
        }
        c = s.charCodeAt(m);
        if (c !== d && c !== LF && c !== CR) {
          const delim = d === 124 ? '\\|' : String.fromCharCode(d);
          throw new CsvSyntaxError(`Parse Error: expected: '${delim}' OR new line got: '${s[m]}'. at '${s.slice(m, m + 10).replace(/[\r\n]/g, "\\n'")}'`);
        }
        cursor = m;
        continue;
      }
      // unquoted: up to the delimiter or a line end (a quote inside is an ordinary character).
      // The next delimiter, LF, CR and quote are found with indexOf and cached while ahead.
      if (this.nd < cursor) this.nd = indexOr(s, this.dc, cursor, len);
      if (this.nl < cursor) this.nl = indexOr(s, '\n', cursor, len);
      if (this.ncr < cursor) this.ncr = indexOr(s, '\r', cursor, len);
      let e = this.nd < this.nl ? this.nd : this.nl;
      if (this.ncr < e) e = this.ncr;
      if (this.nq < cursor) this.nq = indexOr(s, '"', cursor, len);
      if (this.nq < e) rec.strayQuote = true;
      if (e >= len && !final) return INCOMPLETE;
      rec.push(cursor, e, 0);
      cursor = e;
    }
  }
}
