// Turns parsed records into the columnar Dataset: only mapped concepts are parsed, into growable
// typed arrays and dictionaries; a cell that cannot be read is missing (counted per column), a
// row is dropped only when it cannot be aligned with the header or is a summary row (counted by
// reason), and a record wrapped whole in quotes or a time of day in the hour column is repaired.
// Strings kept from the parser are copied once, so no cell pins a whole read chunk in memory.
import type { ColumnMap, Dataset, DatasetSource, ListColumn, NumericConcept, SourceColumnInfo, TextColumn } from '../types.ts';
import { CsvScanner, ESCAPED, type CellSpans, type Fields } from './scan.ts';
import { unwrapRecord } from './repairs.ts';
import { DATE_AMBIGUOUS, DATE_BAD, DATE_MISSING, DATE_OK, DateReader, hasDigit, isSummaryLabel, kaggleTrendingDay, parseDurationSec, parseHashtags, parseNumber } from './values.ts';

// (`unparseableNumber` and `unparseableDate` were reasons too, before such cells became missing)
export const DROP = {
  ragged: 'ragged',
  summary: 'summaryRow',
} as const;

const TYPE_SAMPLE = 1000;
const TAG_CELL_CACHE = 1 << 14;

/** A string[] as Fields (the reference reader's records, the sample): no spans to read in place. */
class ArrayFields implements Fields {
  a: string[] = [];
  n = 0;
  readonly spans = null;
  field(i: number): string {
    return this.a[i];
  }
  first(i: number): number {
    const s = this.a[i];
    return s.length ? s.charCodeAt(0) : -1;
  }
  length(i: number): number {
    return this.a[i].length;
  }
}
const EXAMPLES = 3;

/** Forces a flat copy so a kept string does not retain its parent chunk (V8 sliced strings). */
const own = (s: string): string => (s.length < 13 ? s : (' ' + s).slice(1));

type Column = Float64Array | Int32Array | Int16Array | Uint32Array;

/** A typed array of `n` elements over a SharedArrayBuffer (its pages are committed only when written). */
export function sharedArray<T extends Column>(Type: { new (b: SharedArrayBuffer): T; readonly BYTES_PER_ELEMENT: number }, n: number): T {
  return new Type(new SharedArrayBuffer(n * Type.BYTES_PER_ELEMENT));
}

class Growable<T extends Column> {
  data: T;
  length = 0;
  /** pushes stop here: the end of data, or (shared memory) where a worker's rows begin */
  private limit: number;
  /** where in data (shared memory) a worker writes its rows; -1 when none */
  shareAt = -1;
  constructor(
    private readonly make: (n: number) => T,
    init: number | T,
    shareAt = -1,
  ) {
    this.data = typeof init === 'number' ? make(init) : init;
    this.limit = this.data.length;
    if (shareAt >= 0) this.shareAt = this.limit = shareAt;
  }
  push(v: number): void {
    if (this.length === this.limit) this.grow(this.length + 1);
    this.data[this.length++] = v;
  }
  /** Moves the filled part to a new (private) array: past the end, or up to another thread's rows. */
  private grow(need: number): void {
    const next = this.make(Math.max(need, Math.ceil(this.length * 1.5) + 16));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
    this.limit = next.length;
    this.shareAt = -1;
  }
  /** The worker's region is no longer written: all of data is this array's again. */
  release(): void {
    this.limit = this.data.length;
    this.shareAt = -1;
  }
  /** Appends `xs` (with `add` added to each value when given). */
  append(xs: ArrayLike<number>, add = 0): void {
    const need = this.length + xs.length;
    if (need > this.limit) this.grow(need);
    if (add === 0) (this.data as Float64Array).set(xs as Float64Array, this.length);
    else {
      const d = this.data;
      for (let i = 0, j = this.length; i < xs.length; i++, j++) d[j] = xs[i] + add;
    }
    this.length = need;
  }
  /**
   * Appends a worker's rows (`add` added to each value, or codes mapped through `remap`, -1 staying
   * -1). When they already lie in this array's shared memory (the worker wrote them at shareAt),
   * they are moved down to close the gap, in place; else copied (the transfer path). Only once the
   * worker is done.
   */
  absorb(xs: T, add = 0, remap: Int32Array | null = null): boolean {
    const d = this.data;
    const size = d.BYTES_PER_ELEMENT;
    const from = xs.byteOffset / size;
    const inPlace =
      this.shareAt >= 0 && xs.buffer instanceof SharedArrayBuffer && d.buffer instanceof SharedArrayBuffer &&
      xs.buffer.byteLength === d.buffer.byteLength && d.byteOffset === 0 && from >= this.shareAt && from + xs.length <= d.length;
    this.release();
    if (!inPlace) {
      if (remap) mapCodes(xs as Int32Array, remap);
      this.append(xs, add);
      return false;
    }
    const at = this.length;
    const n = xs.length;
    if (remap) {
      // forward: each slot is read before a lower one is written (at <= from)
      for (let i = 0; i < n; i++) {
        const c = d[from + i];
        d[at + i] = c === -1 ? -1 : remap[c];
      }
    } else if (add !== 0) {
      for (let i = 0; i < n; i++) d[at + i] = d[from + i] + add;
    } else if (at !== from) d.copyWithin(at, from, from + n);
    this.length = at + n;
    return true;
  }
  /** The filled part as a view (no copy), e.g. to transfer it to another thread. */
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
  /**
   * The filled part: a view when the spare capacity is small (no copy at the peak) or in shared
   * memory (spare pages there were never written, so they cost no memory), else a copy.
   */
  done(): T {
    if (this.data.length === this.length) return this.data;
    if (this.data.buffer instanceof SharedArrayBuffer || this.data.length - this.length <= (this.length >> 4)) {
      return this.data.subarray(0, this.length) as T;
    }
    return this.data.slice(0, this.length) as T;
  }
}

/** Maps codes in place through `remap` (-1 stays -1). */
function mapCodes(codes: Int32Array, remap: Int32Array): void {
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c !== -1) codes[i] = remap[c];
  }
}

/**
 * Distinct strings and their codes, in first-seen order. Lookups hash the characters themselves,
 * so a cell can be looked up where it lies in the reader's chunk (codeAt) without a string being
 * made for it; only a value seen for the first time is copied out.
 */
class Dictionary {
  readonly values: string[] = [];
  private hashes = new Int32Array(16);
  private slots = new Int32Array(64).fill(-1); // code per slot, -1 empty; at most half full
  code(s: string): number {
    return this.codeAt(s, 0, s.length);
  }
  /**
   * The code of s.slice(a, e), added when new (-1 when new and `add` is false); `copy` false keeps
   * a new value as it is (a string that pins no larger one, e.g. one cloned from another thread).
   */
  codeAt(s: string, a: number, e: number, add = true, copy = true): number {
    // FNV-1a style over two UTF-16 units at a time (equal strings, equal hashes; a collision
    // costs a comparison, never a wrong code)
    let h = Math.imul(0x811c9dc5 ^ (e - a), 0x01000193);
    let i = a;
    for (; i + 1 < e; i += 2) h = Math.imul(h ^ (s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16)), 0x01000193);
    if (i < e) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    h ^= h >>> 15;
    const mask = this.slots.length - 1;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const c = this.slots[at];
      if (c === -1) return add ? this.add(a === 0 && e === s.length ? s : s.slice(a, e), h, at, copy) : -1;
      if (this.hashes[c] === h && sameChars(this.values[c], s, a, e)) return c;
    }
  }
  private add(s: string, h: number, at: number, copy: boolean): number {
    const c = this.values.push(copy ? own(s) : s) - 1;
    if (c === this.hashes.length) {
      const next = new Int32Array(c * 2);
      next.set(this.hashes);
      this.hashes = next;
    }
    this.hashes[c] = h;
    this.slots[at] = c;
    if (2 * this.values.length > this.slots.length) this.grow();
    return c;
  }
  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let c = 0; c < this.values.length; c++) {
      let at = this.hashes[c] & mask;
      while (slots[at] !== -1) at = (at + 1) & mask;
      slots[at] = c;
    }
    this.slots = slots;
  }
  /** Codes of `values` (another dictionary's, in its order), adding the new ones in that order. */
  remap(values: readonly string[]): Int32Array {
    const out = new Int32Array(values.length);
    for (let i = 0; i < values.length; i++) out[i] = this.codeAt(values[i], 0, values[i].length, true, false);
    return out;
  }
}

function sameChars(v: string, s: string, a: number, e: number): boolean {
  if (v.length !== e - a) return false;
  for (let i = 0; i < v.length; i++) if (v.charCodeAt(i) !== s.charCodeAt(a + i)) return false;
  return true;
}

/** Characters String.prototype.trim() removes (so a cell that neither starts nor ends with one is already trimmed). */
function trimmable(c: number): boolean {
  if (c <= 32) return true;
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * Whether cell 0 can be a summary label (Total, Grand total, Sum, Summe, Gesamt, Insgesamt, ...): a cheap
 * look at its first two characters, so that most rows skip the full test.
 */
function maySummarize(f0: number, fields: Fields): boolean {
  if (f0 <= 32 || f0 === 0xa0) return true; // leading space: let the full test trim it
  const lower = f0 | 0x20;
  if (lower !== 116 && lower !== 103 && lower !== 115 && lower !== 105) return false; // t g s i
  if (fields.length(0) > 40) return false;
  const c1 = fields.field(0).charCodeAt(1) | 0x20;
  // o (total) r (grand) u (sum) e (gesamt) n (insgesamt)
  return c1 === 111 || c1 === 114 || c1 === 117 || c1 === 101 || c1 === 110;
}

/** An unsigned integer of 1-15 digits at s[a, e) (what both number parsers read as itself), else -1. */
function plainIntAt(s: string, a: number, e: number): number {
  if (a === e || e - a > 15) return -1;
  let v = 0;
  for (let i = a; i < e; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

interface NumField {
  concept: NumericConcept;
  index: number;
  parse: (raw: string) => number | undefined;
  /** the hour column: a time of day there (`08:59:25`) gives its hour, not a duration */
  hourOfTime: boolean;
  out: Growable<Float64Array>;
}

interface TextField {
  concept: 'platform' | 'creator' | 'title' | 'category' | 'country' | 'id';
  index: number;
  dict: Dictionary;
  out: Growable<Int32Array>;
}

export interface BuilderOptions {
  timezone: string;
  /** the file's delimiter, to split a record wrapped whole in quotes; default ',' */
  delimiter?: string;
  dateFormat: 'auto' | 'DMY' | 'MDY';
  expectedRows: number;
  /**
   * For a builder of a later part of the file (a worker of the parallel read): keep, for each of
   * its first rows, which cells the type sample would have counted, in case the first part
   * holds fewer than the sample's rows.
   */
  sampleBits?: boolean;
  /**
   * For the builder of the first part of a parallel read: allocate the row columns (and hashtag
   * codes) in shared memory, `rows` (`tags`) long, where a worker writes its part from row
   * `rowAt` (tag code `tagAt`) on (see sharedColumns and absorb).
   */
  share?: ShareLayout;
  /** For the builder of a later part: write the row columns there (from the first part's builder). */
  into?: SharedColumns;
}

export interface ShareLayout {
  rowAt: number;
  rows: number;
  tagAt: number;
  tags: number;
}

/**
 * The first part's columns in shared memory, for a worker to write its rows into from `rowAt`
 * (hashtag codes from `tagAt`): its arrays are views of the same memory in both threads.
 */
export interface SharedColumns {
  rowAt: number;
  tagAt: number;
  recordNo: Uint32Array;
  nums: Float64Array[];
  texts: Int32Array[];
  hashtags: { offsets: Uint32Array; codes: Int32Array } | null;
  day: Float64Array | null;
  minute: Int16Array | null;
}

/** A drop example before it is formatted: its data record number (part-relative in a part). */
interface DropExample {
  record: number;
  detail: string;
}

/**
 * What a builder of a later part of the file hands to the builder of the part before it
 * (src/data/read-worker.ts): typed arrays (transferable), dictionaries in their first-seen
 * order, and the counts. Row and record numbers are part-relative.
 */
export interface BuilderPart {
  rows: number;
  recordNo: Uint32Array;
  nums: Float64Array[]; // in the builder's numeric order (same map, same order)
  texts: { codes: Int32Array; values: string[] }[];
  hashtags: { offsets: Uint32Array; codes: Int32Array; values: string[] } | null;
  day: Float64Array | null;
  minute: Int16Array | null;
  ambiguousRows: Uint32Array;
  ambiguousYmd: Int32Array;
  /** dmyEvidence, mdyEvidence, dotForms, slashForms of the date reader */
  dateEvidence: [number, number, number, number];
  /** the part's latest export instant (see DatasetBuilder.exportedAt); -Infinity when none */
  exportedMax: number;
  nulls: Uint32Array;
  numericCount: Uint32Array;
  /** per row of the first TYPE_SAMPLE rows, per column: 1 non-null, 2 numeric, 4 not an integer */
  sampleBits: Uint8Array | null;
  dropped: [string, number][];
  examples: [string, DropExample[]][];
  replaced: ReplacedCells;
  cells: MissingCells;
  repairs: BuilderRepairs;
}

/**
 * Cells of mapped number and date columns read as missing, per column: `words` held no digit
 * (`unknown`, `hidden`, `#VALUE!`), `unreadable` had digits but no reading (`12a4`), with the
 * first few of each column (record part-relative in a part). Cells that are empty or a usual
 * missing-value mark (`N/A`, `-`, `null`) are plain missing values and not counted here.
 */
export interface MissingCells {
  words: Uint32Array;
  unreadable: Uint32Array;
  examples: DropExample[][];
}

/** Records and cells a builder repaired (see DatasetSource.repairs). */
export interface BuilderRepairs {
  unwrappedRecords: number;
  hourFromTimeOfDay: number;
  timeJoined: number;
}

/**
 * Cells holding U+FFFD, the character the decoder put where bytes were not valid UTF-8: per
 * column, and the first data records (part-relative in a part) of each column and of any.
 */
export interface ReplacedCells {
  cells: Uint32Array;
  rows: number[][];
  first: number; // -1: none
}

/** The ArrayBuffers of a part, for a transfer list (each once; shared memory is shared, not moved). */
export function partBuffers(p: BuilderPart): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [p.recordNo, ...p.nums, p.ambiguousRows, p.ambiguousYmd, p.nulls, p.numericCount, p.cells.words, p.cells.unreadable];
  for (const t of p.texts) arrays.push(t.codes);
  if (p.hashtags) arrays.push(p.hashtags.offsets, p.hashtags.codes);
  if (p.day) arrays.push(p.day);
  if (p.minute) arrays.push(p.minute);
  if (p.sampleBits) arrays.push(p.sampleBits);
  return [...new Set(arrays.map((a) => a.buffer))].filter((b): b is ArrayBuffer => !(b instanceof SharedArrayBuffer));
}

export class DatasetBuilder {
  private readonly width: number;
  private readonly nums: NumField[] = [];
  private readonly texts: TextField[] = [];
  private readonly scratch: Float64Array;
  private readonly hashtags: { index: number; dict: Dictionary; offsets: Growable<Uint32Array>; codes: Growable<Int32Array> } | null;
  private readonly date: { index: number; reader: DateReader; day: Growable<Float64Array>; minute: Growable<Int16Array> } | null;
  private readonly ambiguous: { row: Growable<Uint32Array>; ymd: Growable<Int32Array> } = {
    row: new Growable((n) => new Uint32Array(n), 64),
    ymd: new Growable((n) => new Int32Array(n), 64),
  };
  private readonly recordNo: Growable<Uint32Array>;
  /** the export-time column (concept exportedAt): only its latest instant is kept, in ms UTC */
  private readonly exported: { index: number; reader: DateReader; max: number; kaggle: boolean } | null;
  private readonly nulls: Uint32Array;
  private readonly sampleNumeric: Uint32Array; // over the first TYPE_SAMPLE usable rows
  private readonly sampleFloat: Uint8Array;
  private readonly sampleNonNull: Uint32Array;
  private readonly numericCount: Uint32Array;
  private readonly dropped = new Map<string, number>();
  private readonly examples = new Map<string, DropExample[]>();
  private readonly replaced: ReplacedCells;
  private readonly cells: MissingCells;
  private readonly repairs: BuilderRepairs = { unwrappedRecords: 0, hourFromTimeOfDay: 0, timeJoined: 0 };
  /** the time-of-day column that joins a date-only date column; -1 when none */
  private readonly timeIndex: number;
  private readonly delimiter: string;
  /** splits a record wrapped whole in quotes; made at the first one */
  private splitter: CsvScanner | null = null;
  private readonly unwrapped = new ArrayFields();
  /** reads times of day (the hour and time columns); made at the first one */
  private clock: DateReader | null = null;
  // the next U+FFFD in the fast reader's current text (rec.gen): -1 none, -2 not looked up
  private fffdGen = -1;
  private fffdAt = -2;
  /** the decoder's count of U+FFFD so far (see watchDecoder); null: look in every record */
  private decoded: { fffd: number } | null = null;
  private rows = 0;
  private readonly timezone: string;
  private readonly sampleBits: Uint8Array | null;
  private readonly share: ShareLayout | null;

  constructor(
    private readonly header: string[],
    private readonly map: ColumnMap,
    opts: BuilderOptions,
  ) {
    this.width = header.length;
    this.timezone = opts.timezone;
    this.delimiter = opts.delimiter ?? ',';
    this.share = opts.share ?? null;
    const cap = opts.expectedRows;
    const share = opts.share;
    const into = opts.into;
    // A row column (or the hashtag codes: `tag`): private, or in shared memory with a worker's rows
    // from rowAt (share), or a worker's, written into the first part's shared memory (into).
    type Make<T> = { new (n: number): T; new (b: SharedArrayBuffer): T; readonly BYTES_PER_ELEMENT: number };
    const column = <T extends Column>(Type: Make<T>, of: T | null | undefined, extra = 0, tag = false): Growable<T> => {
      const make = (n: number) => new Type(n);
      if (share) return new Growable(make, sharedArray(Type, (tag ? share.tags : share.rows) + extra), tag ? share.tagAt : share.rowAt);
      if (into && of) return new Growable(make, of.subarray(tag ? into.tagAt : into.rowAt) as T);
      return new Growable(make, cap + extra);
    };
    for (const concept of ['views', 'likes', 'comments', 'shares', 'saves', 'duration', 'hour'] as const) {
      const m = map[concept];
      if (!m) continue;
      this.nums.push({
        concept,
        index: m.index,
        parse: concept === 'duration' ? parseDurationSec : parseNumber,
        hourOfTime: concept === 'hour',
        out: column(Float64Array, into?.nums[this.nums.length]),
      });
    }
    this.scratch = new Float64Array(this.nums.length);
    // the video id is text like the others; finish() hands it over as Dataset.videoId
    for (const concept of ['platform', 'creator', 'title', 'category', 'country', 'id'] as const) {
      const m = map[concept];
      if (m) this.texts.push({ concept, index: m.index, dict: new Dictionary(), out: column(Int32Array, into?.texts[this.texts.length]) });
    }
    this.hashtags = map.hashtags
      ? {
          index: map.hashtags.index,
          dict: new Dictionary(),
          offsets: column(Uint32Array, into?.hashtags?.offsets, 1),
          codes: column(Int32Array, into?.hashtags?.codes, 0, true),
        }
      : null;
    this.hashtags?.offsets.push(0);
    this.date = map.date
      ? {
          index: map.date.index,
          reader: new DateReader(opts.timezone, opts.dateFormat),
          day: column(Float64Array, into?.day),
          minute: column(Int16Array, into?.minute),
        }
      : null;
    this.timeIndex = map.date && map.time ? map.time.index : -1;
    this.recordNo = column(Uint32Array, into?.recordNo);
    this.exported = map.exportedAt
      ? { index: map.exportedAt.index, reader: new DateReader('UTC', opts.dateFormat), max: -Infinity, kaggle: map.exportedAt.column.trim().toLowerCase() === 'trending_date' }
      : null;
    this.nulls = new Uint32Array(this.width);
    this.sampleNumeric = new Uint32Array(this.width);
    this.sampleFloat = new Uint8Array(this.width);
    this.sampleNonNull = new Uint32Array(this.width);
    this.numericCount = new Uint32Array(this.width);
    this.sampleBits = opts.sampleBits ? new Uint8Array(TYPE_SAMPLE * this.width) : null;
    this.replaced = { cells: new Uint32Array(this.width), rows: [], first: -1 };
    this.cells = { words: new Uint32Array(this.width), unreadable: new Uint32Array(this.width), examples: [] };
  }

  private readonly arrayFields = new ArrayFields();
  /** distinct hashtag cells (up to TAG_CELL_CACHE) and the tag codes of each */
  private readonly tagCells = new Dictionary();
  private readonly tagCodes: number[][] = [];

  /**
   * Cells holding U+FFFD are looked for only once the decoder of the records met one (its count
   * grows before the records of that text reach this builder), sparing a scan of every text.
   */
  watchDecoder(tally: { fffd: number }): this {
    this.decoded = tally;
    return this;
  }

  /** One parsed record; `record` is its 1-based data record number, for messages. */
  push(fields: string[], record: number): void {
    const a = this.arrayFields;
    a.a = fields;
    a.n = fields.length;
    this.pushRecord(a, record);
    a.a = [];
  }

  /** The same from any Fields view (the fast reader passes its reused CsvRecord). */
  pushRecord(fields: Fields, record: number): void {
    const n = fields.n;
    // the fast reader's record: cells are read where they lie in its chunk, without a string each
    const rec = fields.spans;
    if (this.decoded !== null && this.decoded.fffd === 0) {
      // no U+FFFD decoded yet: none in this record
    } else if (rec !== null) {
      // one comparison per record while the text holds no U+FFFD (the usual case)
      if (rec.gen !== this.fffdGen) {
        this.fffdGen = rec.gen;
        this.fffdAt = -2;
      }
      if (this.fffdAt === -2 || (this.fffdAt !== -1 && this.fffdAt < rec.rowStart)) this.fffdAt = rec.s.indexOf(FFFD, rec.rowStart);
      if (this.fffdAt !== -1 && this.fffdAt < rec.rowEnd) this.replacedInRecord(rec, record);
    } else {
      for (let i = 0; i < n && i < this.width; i++) if (fields.field(i).includes(FFFD)) this.markReplaced(i, record);
    }
    if (n !== this.width && !(n === this.width + 1 && fields.length(n - 1) === 0)) {
      // one field holding the whole record: an export wrapped it in quotes (rare path)
      const cells = n === 1 ? unwrapRecord(fields.field(0), (this.splitter ??= new CsvScanner(this.delimiter)), this.width) : null;
      if (cells === null) return this.drop(DROP.ragged, record, `${n} fields, expected ${this.width}`);
      this.repairs.unwrappedRecords++;
      const u = this.unwrapped;
      u.a = cells;
      u.n = cells.length;
      this.take(u, null, record);
      u.a = [];
      return;
    }
    this.take(fields, rec, record);
  }

  /** A record aligned with the header (`rec`: its spans in the reader's text, when it has them). */
  private take(fields: Fields, rec: CellSpans | null, record: number): void {
    const f0 = fields.first(0);
    // a summary label has 3-16 letters (a quick test on the first character spares most rows)
    if (f0 !== -1 && maySummarize(f0, fields) && isSummaryLabel(fields.field(0)) && (!this.date || fields.field(this.date.index).trim() === '')) {
      return this.drop(DROP.summary, record, JSON.stringify(fields.field(0).trim()));
    }
    // Parse every mapped cell before committing anything, so a dropped row leaves no trace.
    for (let k = 0; k < this.nums.length; k++) {
      const f = this.nums[k];
      const plain = rec && !(rec.flags[f.index] & ESCAPED) ? plainIntAt(rec.s, rec.start[f.index], rec.end[f.index]) : -1;
      if (plain >= 0) {
        this.scratch[k] = plain;
        continue;
      }
      const raw = fields.field(f.index);
      if (f.hourOfTime) {
        const minute = (this.clock ??= new DateReader(this.timezone, 'auto')).timeOfDay(raw);
        if (minute >= 0) {
          this.repairs.hourFromTimeOfDay++;
          this.scratch[k] = Math.floor(minute / 60);
          continue;
        }
      }
      const v = f.parse(raw);
      this.scratch[k] = v === undefined ? this.unread(f.index, record, raw) : v;
    }
    let dateStatus = DATE_MISSING;
    if (this.date) {
      const raw = fields.field(this.date.index);
      dateStatus = this.date.reader.read(raw);
      if (dateStatus === DATE_BAD) {
        this.unread(this.date.index, record, raw);
        dateStatus = DATE_MISSING;
      }
      // a date without its time of day takes the time column's (wall clock, like the date)
      if (this.timeIndex >= 0 && dateStatus !== DATE_MISSING && this.date.reader.minute === -1) this.joinTime(fields.field(this.timeIndex), record);
    }

    const row = this.rows++;
    this.recordNo.push(record);
    if (this.exported) this.exportedAt(fields.field(this.exported.index));
    for (let k = 0; k < this.nums.length; k++) this.nums[k].out.push(this.scratch[k]);
    for (const t of this.texts) {
      if (rec && !(rec.flags[t.index] & ESCAPED)) {
        const a = rec.start[t.index];
        const e = rec.end[t.index];
        if (a === e) {
          t.out.push(-1);
          continue;
        }
        if (!trimmable(rec.s.charCodeAt(a)) && !trimmable(rec.s.charCodeAt(e - 1))) {
          t.out.push(t.dict.codeAt(rec.s, a, e));
          continue;
        }
      }
      const raw = fields.field(t.index).trim();
      t.out.push(raw === '' ? -1 : t.dict.code(raw));
    }
    if (this.hashtags) {
      const h = this.hashtags;
      // the same cells repeat (a tag or a few per video): parse each distinct cell once
      const room = this.tagCells.values.length < TAG_CELL_CACHE;
      let cell: number;
      if (rec && !(rec.flags[h.index] & ESCAPED)) cell = this.tagCells.codeAt(rec.s, rec.start[h.index], rec.end[h.index], room);
      else {
        const text = fields.field(h.index);
        cell = this.tagCells.codeAt(text, 0, text.length, room);
      }
      let codes = cell >= 0 ? this.tagCodes[cell] : undefined;
      if (codes === undefined) {
        codes = parseHashtags(cell >= 0 ? this.tagCells.values[cell] : fields.field(h.index)).map((tag) => h.dict.code(tag));
        if (cell >= 0) this.tagCodes[cell] = codes;
      }
      for (let i = 0; i < codes.length; i++) h.codes.push(codes[i]);
      h.offsets.push(h.codes.length);
    }
    if (this.date) {
      const d = this.date;
      if (dateStatus === DATE_MISSING) {
        d.day.push(NaN);
        d.minute.push(-1);
      } else if (dateStatus === DATE_AMBIGUOUS) {
        d.day.push(NaN); // resolved in finish(), once the whole column decided DD/MM vs MM/DD
        d.minute.push(d.reader.minute);
        this.ambiguous.row.push(row);
        this.ambiguous.ymd.push(d.reader.y * 10000 + d.reader.a * 100 + d.reader.b);
      } else {
        d.day.push(d.reader.day);
        d.minute.push(d.reader.minute);
      }
    }
    this.countCells(fields, row);
  }

  /** Nulls and numeric-looking cells of every column, from first characters (no string per cell). */
  private countCells(fields: Fields, row: number): void {
    const sampling = row < TYPE_SAMPLE;
    const bits = sampling ? this.sampleBits : null;
    for (let i = 0; i < this.width; i++) {
      const c = fields.first(i);
      if (c === -1 || (c <= 32 && fields.field(i).trim() === '')) {
        this.nulls[i]++;
        continue;
      }
      if (sampling) {
        this.sampleNonNull[i]++;
        let b = 1;
        const v = parseNumber(fields.field(i));
        if (v !== undefined && v === v) {
          this.sampleNumeric[i]++;
          b |= 2;
          if (!Number.isInteger(v)) {
            this.sampleFloat[i] = 1;
            b |= 4;
          }
        }
        if (bits) bits[row * this.width + i] = b;
      }
      if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46) this.numericCount[i]++;
    }
  }

  /** The cells of the fast reader's record that hold a U+FFFD (this.fffdAt is the first one). */
  private replacedInRecord(rec: CellSpans, record: number): void {
    const s = rec.s;
    const n = Math.min(rec.n, this.width);
    let p = this.fffdAt;
    let i = 0;
    // the U+FFFD positions and the fields both ascend: one walk over each
    while (p !== -1 && p < rec.rowEnd) {
      while (i < n && rec.end[i] <= p) i++;
      if (i >= n) break;
      if (p >= rec.start[i]) {
        this.markReplaced(i, record);
        p = s.indexOf(FFFD, rec.end[i]);
        i++;
      } else p = s.indexOf(FFFD, rec.start[i]);
    }
    this.fffdAt = p !== -1 && p < rec.rowEnd ? s.indexOf(FFFD, rec.rowEnd) : p;
  }

  private markReplaced(column: number, record: number): void {
    const r = this.replaced;
    if (r.first === -1) r.first = record;
    r.cells[column]++;
    const rows = (r.rows[column] ??= []);
    if (rows.length < EXAMPLES) rows.push(record);
  }

  /** Sets the date reader's minute of day from a time column's cell; a cell that is no time of day is counted. */
  private joinTime(raw: string, record: number): void {
    const clock = (this.clock ??= new DateReader(this.timezone, 'auto'));
    const minute = clock.timeOfDay(raw);
    if (minute >= 0) {
      this.date!.reader.minute = minute;
      this.repairs.timeJoined++;
    } else if (clock.read(raw) !== DATE_MISSING) this.unread(this.timeIndex, record, raw);
  }

  /** A cell of a mapped number or date column that cannot be read: missing (NaN), counted. */
  private unread(column: number, record: number, raw: string): number {
    const c = this.cells;
    if (!hasDigit(raw)) c.words[column]++;
    else {
      c.unreadable[column]++;
      const list = (c.examples[column] ??= []);
      if (list.length < EXAMPLES) list.push({ record, detail: JSON.stringify(clip(raw.trim())) });
    }
    return NaN;
  }

  private drop(reason: string, record: number, detail: string): void {
    this.dropped.set(reason, (this.dropped.get(reason) ?? 0) + 1);
    let list = this.examples.get(reason);
    if (!list) this.examples.set(reason, (list = []));
    if (list.length < EXAMPLES) list.push({ record, detail });
  }

  private rowColumns(): Growable<Column>[] {
    const cols: Growable<Column>[] = [this.recordNo, ...this.nums.map((f) => f.out), ...this.texts.map((t) => t.out)];
    if (this.hashtags) cols.push(this.hashtags.offsets, this.hashtags.codes);
    if (this.date) cols.push(this.date.day, this.date.minute);
    return cols;
  }

  /**
   * The shared memory a worker writes its part into (a builder made with `share`), or null when
   * this builder's rows already outgrew it (then nothing is shared any more).
   */
  sharedColumns(): SharedColumns | null {
    const share = this.share;
    if (!share || this.rowColumns().some((g) => g.shareAt < 0)) {
      this.releaseShared();
      return null;
    }
    const d = this.date;
    return {
      rowAt: share.rowAt,
      tagAt: share.tagAt,
      recordNo: this.recordNo.data,
      nums: this.nums.map((f) => f.out.data),
      texts: this.texts.map((t) => t.out.data),
      hashtags: this.hashtags ? { offsets: this.hashtags.offsets.data, codes: this.hashtags.codes.data } : null,
      day: d ? d.day.data : null,
      minute: d ? d.minute.data : null,
    };
  }

  /** No worker writes into this builder's shared memory (any more): its rows may fill all of it. */
  releaseShared(): void {
    for (const g of this.rowColumns()) g.release();
  }

  /** How many columns the last absorb() found in place in shared memory (for tests and benchmarks). */
  absorbedInPlace = 0;

  /** Keeps the latest export instant (a date without a time of day counts from its midnight, UTC). */
  private exportedAt(raw: string): void {
    const e = this.exported!;
    if (e.reader.read(raw) !== DATE_OK || !Number.isFinite(e.reader.day)) {
      // Kaggle's 2017-18 trending files: `17.14.11` (see kaggleTrendingDay)
      const day = e.kaggle ? kaggleTrendingDay(raw) : NaN;
      if (day * 86_400_000 > e.max) e.max = day * 86_400_000;
      return;
    }
    const at = e.reader.day * 86_400_000 + Math.max(0, e.reader.minute) * 60_000;
    if (at > e.max) e.max = at;
  }

  /** This builder's rows as a part for the builder of the part before it (see absorb). */
  exportPart(): BuilderPart {
    const d = this.date;
    const r = d?.reader;
    return {
      rows: this.rows,
      recordNo: this.recordNo.view(),
      nums: this.nums.map((f) => f.out.view()),
      texts: this.texts.map((t) => ({ codes: t.out.view(), values: t.dict.values })),
      hashtags: this.hashtags ? { offsets: this.hashtags.offsets.view(), codes: this.hashtags.codes.view(), values: this.hashtags.dict.values } : null,
      day: d ? d.day.view() : null,
      minute: d ? d.minute.view() : null,
      ambiguousRows: this.ambiguous.row.view(),
      ambiguousYmd: this.ambiguous.ymd.view(),
      dateEvidence: r ? [r.dmyEvidence, r.mdyEvidence, r.dotForms, r.slashForms] : [0, 0, 0, 0],
      exportedMax: this.exported?.max ?? -Infinity,
      nulls: this.nulls,
      numericCount: this.numericCount,
      sampleBits: this.sampleBits ? this.sampleBits.subarray(0, Math.min(this.rows, TYPE_SAMPLE) * this.width) : null,
      dropped: [...this.dropped],
      examples: [...this.examples],
      replaced: this.replaced,
      cells: this.cells,
      repairs: this.repairs,
    };
  }

  /**
   * Appends the rows of the part that follows this builder's records in the file, as if they had
   * been pushed here: `recordOffset` = the data records before the part. Codes of the part's
   * dictionaries are remapped so every dictionary keeps its first-seen order over the file.
   */
  absorb(p: BuilderPart, recordOffset: number): void {
    const rowOffset = this.rows;
    let inPlace = 0;
    const take = <T extends Column>(g: Growable<T>, xs: T, add = 0, remap: Int32Array | null = null) => {
      if (g.absorb(xs, add, remap)) inPlace++;
    };
    take(this.recordNo, p.recordNo, recordOffset);
    if (this.exported) this.exported.max = Math.max(this.exported.max, p.exportedMax);
    for (let k = 0; k < this.nums.length; k++) take(this.nums[k].out, p.nums[k]);
    for (let k = 0; k < this.texts.length; k++) {
      const t = this.texts[k];
      take(t.out, p.texts[k].codes, 0, t.dict.remap(p.texts[k].values));
    }
    if (this.hashtags && p.hashtags) {
      const h = this.hashtags;
      const base = h.codes.length;
      take(h.codes, p.hashtags.codes, 0, h.dict.remap(p.hashtags.values));
      take(h.offsets, p.hashtags.offsets.subarray(1), base);
    }
    if (this.date && p.day && p.minute) {
      const d = this.date;
      take(d.day, p.day);
      take(d.minute, p.minute);
      const r = d.reader;
      r.dmyEvidence += p.dateEvidence[0];
      r.mdyEvidence += p.dateEvidence[1];
      r.dotForms += p.dateEvidence[2];
      r.slashForms += p.dateEvidence[3];
      this.ambiguous.row.append(p.ambiguousRows, rowOffset);
      this.ambiguous.ymd.append(p.ambiguousYmd);
    }
    for (let i = 0; i < this.width; i++) {
      this.nulls[i] += p.nulls[i];
      this.numericCount[i] += p.numericCount[i];
    }
    if (p.sampleBits && rowOffset < TYPE_SAMPLE) {
      const w = this.width;
      const n = Math.min(TYPE_SAMPLE - rowOffset, p.sampleBits.length / w);
      for (let r = 0; r < n; r++) {
        for (let i = 0; i < w; i++) {
          const b = p.sampleBits[r * w + i];
          if (b & 1) this.sampleNonNull[i]++;
          if (b & 2) this.sampleNumeric[i]++;
          if (b & 4) this.sampleFloat[i] = 1;
        }
      }
    }
    for (const [reason, n] of p.dropped) this.dropped.set(reason, (this.dropped.get(reason) ?? 0) + n);
    for (const [reason, list] of p.examples) {
      let mine = this.examples.get(reason);
      if (!mine) this.examples.set(reason, (mine = []));
      for (const e of list) if (mine.length < EXAMPLES) mine.push({ record: e.record + recordOffset, detail: e.detail });
    }
    const r = this.replaced;
    if (r.first === -1 && p.replaced.first !== -1) r.first = p.replaced.first + recordOffset;
    for (let i = 0; i < this.width; i++) {
      r.cells[i] += p.replaced.cells[i];
      for (const row of p.replaced.rows[i] ?? []) {
        const rows = (r.rows[i] ??= []);
        if (rows.length < EXAMPLES) rows.push(row + recordOffset);
      }
    }
    const c = this.cells;
    for (let i = 0; i < this.width; i++) {
      c.words[i] += p.cells.words[i];
      c.unreadable[i] += p.cells.unreadable[i];
      for (const e of p.cells.examples[i] ?? []) {
        const list = (c.examples[i] ??= []);
        if (list.length < EXAMPLES) list.push({ record: e.record + recordOffset, detail: e.detail });
      }
    }
    this.repairs.unwrappedRecords += p.repairs.unwrappedRecords;
    this.repairs.hourFromTimeOfDay += p.repairs.hourFromTimeOfDay;
    this.repairs.timeJoined += p.repairs.timeJoined;
    this.rows += p.rows;
    this.releaseShared();
    this.absorbedInPlace = inPlace;
  }

  finish(src: Pick<DatasetSource, 'path' | 'sha256' | 'bytes' | 'encoding' | 'bom' | 'delimiter' | 'rowsRead'>): Dataset {
    const rows = this.rows;
    const ds: Dataset = {
      rows,
      source: {
        ...src,
        header: this.header,
        rowsDropped: Object.fromEntries([...this.dropped].sort((a, b) => (a[0] < b[0] ? -1 : 1))),
        dropExamples: Object.fromEntries(
          [...this.examples].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, list]) => [k, list.map((e) => `data row ${e.record}: ${e.detail}`)]),
        ),
        dateOrder: null,
        columnInfo: this.columnInfo(rows),
        ...this.replacedSource(),
        ...this.missingSource(),
      },
      columns: this.map,
      timezone: this.timezone,
      recordNo: this.recordNo.done(),
      num: {},
      text: {},
    };
    for (const f of this.nums) ds.num[f.concept] = f.out.done();
    for (const t of this.texts) {
      const col = { codes: t.out.done(), values: t.dict.values } satisfies TextColumn;
      if (t.concept === 'id') ds.videoId = col;
      else ds.text[t.concept] = col;
    }
    if (this.exported && Number.isFinite(this.exported.max)) ds.exportedAtMax = this.exported.max;
    if (this.hashtags) {
      const h = this.hashtags;
      ds.hashtags = { offsets: h.offsets.done(), codes: h.codes.done(), values: h.dict.values } satisfies ListColumn;
    }
    if (this.date) {
      const d = this.date;
      const day = d.day.done();
      const reader = d.reader;
      if (reader.slashForms + reader.dotForms > 0) {
        const order = reader.decideOrder();
        ds.source.dateOrder = order;
        const amRows = this.ambiguous.row.done();
        const amYmd = this.ambiguous.ymd.done();
        for (let i = 0; i < amRows.length; i++) {
          const p = amYmd[i];
          day[amRows[i]] = reader.resolve(Math.floor(p / 100) % 100, p % 100, Math.floor(p / 10000), order);
        }
      }
      ds.day = day;
      ds.minuteOfDay = d.minute.done();
    }
    return ds;
  }

  /**
   * DatasetSource.missing, .unreadable and .repairs (the reader adds skippedTitleLines), each
   * absent when there is nothing to count: a file read right before reads the same.
   */
  private missingSource(): Pick<DatasetSource, 'missing' | 'unreadable' | 'repairs'> {
    const c = this.cells;
    const out: Pick<DatasetSource, 'missing' | 'unreadable' | 'repairs'> = {};
    for (let i = 0; i < this.width; i++) {
      const name = columnLabel(this.header, i);
      if (c.words[i] > 0) (out.missing ??= {})[name] = c.words[i];
      if (c.unreadable[i] > 0) {
        (out.unreadable ??= {})[name] = { cells: c.unreadable[i], examples: (c.examples[i] ?? []).map((e) => `data row ${e.record}: ${e.detail}`) };
      }
    }
    const r = this.repairs;
    if (r.unwrappedRecords + r.hourFromTimeOfDay + r.timeJoined > 0) out.repairs = { ...NO_REPAIRS, ...r };
    return out;
  }

  /** DatasetSource.invalidUtf8 (its `sequences` filled in by the reader), absent when no cell holds U+FFFD. */
  private replacedSource(): Pick<DatasetSource, 'invalidUtf8'> {
    const r = this.replaced;
    if (r.first === -1) return {};
    const cells: Record<string, number> = {};
    const rows: Record<string, number[]> = {};
    for (let i = 0; i < this.width; i++) {
      if (r.cells[i] === 0) continue;
      const name = columnLabel(this.header, i);
      cells[name] = r.cells[i];
      rows[name] = r.rows[i] ?? [];
    }
    return { invalidUtf8: { sequences: 0, firstRow: r.first, cells, rows } };
  }

  private columnInfo(rows: number): SourceColumnInfo[] {
    return this.header.map((name, i) => {
      const nulls = this.nulls[i];
      const nonNull = rows - nulls;
      let type: SourceColumnInfo['type'] = 'text';
      if (nonNull === 0) type = 'empty';
      else if (this.date && i === this.date.index) type = 'date';
      else if (this.sampleNonNull[i] > 0 && this.sampleNumeric[i] === this.sampleNonNull[i]) {
        type = this.sampleFloat[i] ? 'float' : 'integer';
      }
      const numeric = type === 'integer' || type === 'float' ? Math.min(this.numericCount[i], nonNull) : this.sampleNumeric[i];
      return { name, nonNull, nulls, numeric, type };
    });
  }
}

/** A column's name for messages and counts: its header, or its position when the header is blank or repeated. */
function columnLabel(header: string[], i: number): string {
  const h = header[i];
  return h === '' || header.indexOf(h) !== i ? `column ${i + 1}${h ? ` (${h})` : ''}` : h;
}

const FFFD = '\uFFFD';

/** DatasetSource.repairs with nothing repaired. */
export const NO_REPAIRS: NonNullable<DatasetSource['repairs']> = { unwrappedRecords: 0, skippedTitleLines: 0, hourFromTimeOfDay: 0, timeJoined: 0 };

const clip = (s: string) => (s.length > 40 ? s.slice(0, 40) + '…' : s);
