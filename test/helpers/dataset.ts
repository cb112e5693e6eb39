// Builds small in-memory Datasets for section tests from plain per-row arrays, so a test
// states its rows in a readable table instead of typed-array plumbing.
import type { ColumnMap, Concept, Dataset, ListColumn, TextColumn } from '../../src/types.ts';

type Cell = number | null | undefined;
type Text = string | null | undefined;

export interface RowsSpec {
  views?: Cell[];
  likes?: Cell[];
  comments?: Cell[];
  shares?: Cell[];
  saves?: Cell[];
  duration?: Cell[];
  hour?: Cell[];
  platform?: Text[];
  creator?: Text[];
  title?: Text[];
  category?: Text[];
  country?: Text[];
  hashtags?: string[][];
  /** local dates 'YYYY-MM-DD' or local date-times 'YYYY-MM-DDTHH:MM' (already in the report's zone) */
  date?: Text[];
}

export function textColumn(values: Text[]): TextColumn {
  const dict = new Map<string, number>();
  const out: string[] = [];
  const codes = new Int32Array(values.length);
  values.forEach((v, i) => {
    if (v === null || v === undefined || v === '') return void (codes[i] = -1);
    let c = dict.get(v);
    if (c === undefined) dict.set(v, (c = out.push(v) - 1));
    codes[i] = c;
  });
  return { codes, values: out };
}

export function listColumn(lists: string[][]): ListColumn {
  const dict = new Map<string, number>();
  const values: string[] = [];
  const offsets = new Uint32Array(lists.length + 1);
  const codes: number[] = [];
  lists.forEach((list, i) => {
    for (const v of list) {
      let c = dict.get(v);
      if (c === undefined) dict.set(v, (c = values.push(v) - 1));
      codes.push(c);
    }
    offsets[i + 1] = codes.length;
  });
  return { offsets, codes: Int32Array.from(codes), values };
}

const num = (xs: Cell[]) => Float64Array.from(xs, (x) => (x === null || x === undefined ? NaN : x));

/** A Dataset whose columns are exactly the concepts given; every concept maps to a column of its own name. */
export function makeDataset(spec: RowsSpec, timezone = 'UTC'): Dataset {
  const lengths = Object.values(spec).map((a) => (a as unknown[]).length);
  const rows = lengths[0] ?? 0;
  if (lengths.some((n) => n !== rows)) throw new Error('makeDataset: columns of different lengths');
  const columns: ColumnMap = {};
  const concepts = Object.keys(spec) as Concept[];
  concepts.forEach((concept, index) => {
    columns[concept] = { concept, column: concept, index, how: 'exact', candidate: concept };
  });
  const ds: Dataset = {
    rows,
    source: {
      path: 'test.csv', sha256: '0'.repeat(64), bytes: 0, encoding: 'utf-8', bom: false, delimiter: ',',
      header: concepts.slice(), rowsRead: rows, rowsDropped: {}, dropExamples: {}, dateOrder: null,
      columnInfo: concepts.map((name) => ({ name, nonNull: rows, nulls: 0, numeric: 0, type: 'text' as const })),
    },
    columns,
    timezone,
    recordNo: Uint32Array.from({ length: rows }, (_, i) => i + 1),
    num: {},
    text: {},
  };
  for (const k of ['views', 'likes', 'comments', 'shares', 'saves', 'duration', 'hour'] as const) {
    if (spec[k]) ds.num[k] = num(spec[k]!);
  }
  for (const k of ['platform', 'creator', 'title', 'category', 'country'] as const) {
    if (spec[k]) ds.text[k] = textColumn(spec[k]!);
  }
  if (spec.hashtags) ds.hashtags = listColumn(spec.hashtags);
  if (spec.date) {
    ds.day = new Float64Array(rows);
    ds.minuteOfDay = new Int16Array(rows);
    spec.date.forEach((d, i) => {
      if (!d) {
        ds.day![i] = NaN;
        ds.minuteOfDay![i] = -1;
        return;
      }
      const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(d);
      if (!m) throw new Error(`makeDataset: bad date ${d}`);
      ds.day![i] = Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86400000;
      ds.minuteOfDay![i] = m[4] === undefined ? -1 : +m[4] * 60 + +m[5];
    });
  }
  return ds;
}
