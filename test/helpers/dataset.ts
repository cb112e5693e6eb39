// Builds small in-memory Datasets for section tests from plain per-row arrays, so a test
// states its rows in a readable table instead of typed-array plumbing.
import type { ColumnMap, Concept, Dataset, ExportHistory, InputFile, ListColumn, TextColumn } from '../../src/types.ts';

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
  /** the video id of each (merged) row: Dataset.videoId, not a column of the mapping */
  id?: Text[];
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
  const concepts = Object.keys(spec).filter((k) => k !== 'id') as Concept[];
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
  if (spec.id) ds.videoId = textColumn(spec.id);
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

/** One export of a hand-made history: its file, its time and its rows (one per video, counts as exported). */
export interface ExportSpec {
  path: string;
  exportedAt: string; // ISO instant
  rows: { id: string | null; views?: number | null; likes?: number | null; comments?: number | null; shares?: number | null }[];
}

/**
 * The dataset with `inputs` and `history` made from the exports, in the order given (the reader's
 * order: export time, then path). Counts given as null are missing; a count no row gives is absent.
 */
export function withHistory(ds: Dataset, exports: ExportSpec[]): Dataset {
  const files: InputFile[] = exports.map((e) => ({
    path: e.path, sha256: '0'.repeat(64), rowsRead: e.rows.length, rowsUsable: e.rows.length,
    exportedAt: e.exportedAt, exportedAtFrom: 'name', platform: null,
  }));
  const rows = exports.flatMap((e, f) => e.rows.map((r) => ({ ...r, f })));
  const history: ExportHistory = {
    files,
    rows: rows.length,
    file: Uint16Array.from(rows, (r) => r.f),
    id: textColumn(rows.map((r) => r.id)),
    num: {},
  };
  for (const k of ['views', 'likes', 'comments', 'shares'] as const) {
    if (rows.some((r) => r[k] !== undefined)) history.num[k] = num(rows.map((r) => r[k]));
  }
  return { ...ds, inputs: files, history };
}
