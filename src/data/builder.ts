// Turns parsed records into the columnar Dataset: only mapped concepts are parsed, into growable
// typed arrays and dictionaries; a row with a bad cell is dropped whole and counted by reason.
// Strings kept from the parser are copied once, so no cell pins a whole read chunk in memory.
import type { ColumnMap, Dataset, DatasetSource, ListColumn, NumericConcept, SourceColumnInfo, TextColumn } from '../types.ts';
import { DATE_AMBIGUOUS, DATE_BAD, DATE_MISSING, DateReader, isSummaryLabel, parseDurationSec, parseHashtags, parseNumber } from './values.ts';

export const DROP = {
  ragged: 'ragged',
  number: 'unparseableNumber',
  date: 'unparseableDate',
  summary: 'summaryRow',
} as const;

const TYPE_SAMPLE = 1000;
const TAG_CELL_CACHE = 1 << 14;

/** A record's fields as the builder reads them: a string[] or the fast reader's CsvRecord. */
export interface Fields {
  readonly n: number;
  field(i: number): string;
  /** char code of the first character, -1 when empty */
  first(i: number): number;
  length(i: number): number;
}

class ArrayFields implements Fields {
  a: string[] = [];
  n = 0;
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

class Growable<T extends Float64Array | Int32Array | Int16Array | Uint32Array> {
  data: T;
  length = 0;
  constructor(private readonly make: (n: number) => T, capacity: number) {
    this.data = make(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(Math.ceil(this.data.length * 1.5) + 16);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  /** The filled part: a view when the spare capacity is small (no copy at the peak), else a copy. */
  done(): T {
    if (this.data.length === this.length) return this.data;
    if (this.data.length - this.length <= (this.length >> 4)) return this.data.subarray(0, this.length) as T;
    return this.data.slice(0, this.length) as T;
  }
}

class Dictionary {
  private readonly index = new Map<string, number>();
  readonly values: string[] = [];
  code(s: string): number {
    let c = this.index.get(s);
    if (c === undefined) {
      c = this.values.push(own(s)) - 1;
      this.index.set(this.values[c], c);
    }
    return c;
  }
}

interface NumField {
  concept: NumericConcept;
  index: number;
  parse: (raw: string) => number | undefined;
  out: Growable<Float64Array>;
}

interface TextField {
  concept: 'platform' | 'creator' | 'title' | 'category' | 'country';
  index: number;
  dict: Dictionary;
  out: Growable<Int32Array>;
}

export interface BuilderOptions {
  timezone: string;
  dateFormat: 'auto' | 'DMY' | 'MDY';
  expectedRows: number;
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
  private readonly nulls: Uint32Array;
  private readonly sampleNumeric: Uint32Array; // over the first TYPE_SAMPLE usable rows
  private readonly sampleFloat: Uint8Array;
  private readonly sampleNonNull: Uint32Array;
  private readonly numericCount: Uint32Array;
  private readonly dropped = new Map<string, number>();
  private readonly examples = new Map<string, string[]>();
  private rows = 0;
  private readonly timezone: string;

  constructor(
    private readonly header: string[],
    private readonly map: ColumnMap,
    opts: BuilderOptions,
  ) {
    this.width = header.length;
    this.timezone = opts.timezone;
    const cap = opts.expectedRows;
    for (const concept of ['views', 'likes', 'comments', 'shares', 'saves', 'duration', 'hour'] as const) {
      const m = map[concept];
      if (!m) continue;
      this.nums.push({
        concept,
        index: m.index,
        parse: concept === 'duration' ? parseDurationSec : parseNumber,
        out: new Growable((n) => new Float64Array(n), cap),
      });
    }
    this.scratch = new Float64Array(this.nums.length);
    for (const concept of ['platform', 'creator', 'title', 'category', 'country'] as const) {
      const m = map[concept];
      if (m) this.texts.push({ concept, index: m.index, dict: new Dictionary(), out: new Growable((n) => new Int32Array(n), cap) });
    }
    this.hashtags = map.hashtags
      ? {
          index: map.hashtags.index,
          dict: new Dictionary(),
          offsets: new Growable((n) => new Uint32Array(n), cap + 1),
          codes: new Growable((n) => new Int32Array(n), cap),
        }
      : null;
    this.hashtags?.offsets.push(0);
    this.date = map.date
      ? {
          index: map.date.index,
          reader: new DateReader(opts.timezone, opts.dateFormat),
          day: new Growable((n) => new Float64Array(n), cap),
          minute: new Growable((n) => new Int16Array(n), cap),
        }
      : null;
    this.recordNo = new Growable((n) => new Uint32Array(n), cap);
    this.nulls = new Uint32Array(this.width);
    this.sampleNumeric = new Uint32Array(this.width);
    this.sampleFloat = new Uint8Array(this.width);
    this.sampleNonNull = new Uint32Array(this.width);
    this.numericCount = new Uint32Array(this.width);
  }

  private readonly arrayFields = new ArrayFields();
  private readonly tagCells = new Map<string, number[]>();

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
    if (n !== this.width && !(n === this.width + 1 && fields.length(n - 1) === 0)) {
      return this.drop(DROP.ragged, `data row ${record}: ${n} fields, expected ${this.width}`);
    }
    const f0 = fields.first(0);
    // a summary label has 3-16 letters (a quick test on the first character spares most rows)
    if (f0 !== -1 && !(f0 >= 48 && f0 <= 57) && isSummaryLabel(fields.field(0)) && (!this.date || fields.field(this.date.index).trim() === '')) {
      return this.drop(DROP.summary, `data row ${record}: ${JSON.stringify(fields.field(0).trim())}`);
    }
    // Parse every mapped cell before committing anything, so a dropped row leaves no trace.
    for (let k = 0; k < this.nums.length; k++) {
      const f = this.nums[k];
      const raw = fields.field(f.index);
      const v = f.parse(raw);
      if (v === undefined) {
        return this.drop(DROP.number, `data row ${record}: ${f.concept} ${JSON.stringify(clip(raw))}`);
      }
      this.scratch[k] = v;
    }
    let dateStatus = DATE_MISSING;
    if (this.date) {
      const raw = fields.field(this.date.index);
      dateStatus = this.date.reader.read(raw);
      if (dateStatus === DATE_BAD) {
        return this.drop(DROP.date, `data row ${record}: ${JSON.stringify(clip(raw))}`);
      }
    }

    const row = this.rows++;
    this.recordNo.push(record);
    for (let k = 0; k < this.nums.length; k++) this.nums[k].out.push(this.scratch[k]);
    for (const t of this.texts) {
      const raw = fields.field(t.index).trim();
      t.out.push(raw === '' ? -1 : t.dict.code(raw));
    }
    if (this.hashtags) {
      const h = this.hashtags;
      const cell = fields.field(h.index);
      // the same cells repeat (a tag or a few per video): parse each distinct cell once
      let codes = this.tagCells.get(cell);
      if (codes === undefined) {
        codes = parseHashtags(cell).map((tag) => h.dict.code(tag));
        if (this.tagCells.size < TAG_CELL_CACHE) this.tagCells.set(own(cell), codes);
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
    for (let i = 0; i < this.width; i++) {
      const c = fields.first(i);
      if (c === -1 || (c <= 32 && fields.field(i).trim() === '')) {
        this.nulls[i]++;
        continue;
      }
      if (sampling) {
        this.sampleNonNull[i]++;
        const v = parseNumber(fields.field(i));
        if (v !== undefined && v === v) {
          this.sampleNumeric[i]++;
          if (!Number.isInteger(v)) this.sampleFloat[i] = 1;
        }
      }
      if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46) this.numericCount[i]++;
    }
  }

  private drop(reason: string, example: string): void {
    this.dropped.set(reason, (this.dropped.get(reason) ?? 0) + 1);
    let list = this.examples.get(reason);
    if (!list) this.examples.set(reason, (list = []));
    if (list.length < EXAMPLES) list.push(example);
  }

  finish(src: Pick<DatasetSource, 'path' | 'sha256' | 'bytes' | 'encoding' | 'bom' | 'delimiter' | 'rowsRead'>): Dataset {
    const rows = this.rows;
    const ds: Dataset = {
      rows,
      source: {
        ...src,
        header: this.header,
        rowsDropped: Object.fromEntries([...this.dropped].sort((a, b) => (a[0] < b[0] ? -1 : 1))),
        dropExamples: Object.fromEntries([...this.examples].sort((a, b) => (a[0] < b[0] ? -1 : 1))),
        dateOrder: null,
        columnInfo: this.columnInfo(rows),
      },
      columns: this.map,
      timezone: this.timezone,
      recordNo: this.recordNo.done(),
      num: {},
      text: {},
    };
    for (const f of this.nums) ds.num[f.concept] = f.out.done();
    for (const t of this.texts) ds.text[t.concept] = { codes: t.out.done(), values: t.dict.values } satisfies TextColumn;
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

const clip = (s: string) => (s.length > 40 ? s.slice(0, 40) + '…' : s);
