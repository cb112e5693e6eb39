// The input side of a run (SPEC 2 "Several inputs", "Concept id", "Export time"): expands the
// config's paths and glob patterns, reads each file with readDataset and its own detection, orders
// the files by export time then path, joins them by concept into one Dataset, and keeps one row
// per video id. One file without an id column is the reader's Dataset as it is (no copy).
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { DateTime } from 'luxon';
import { EXIT, ReportError, inputError } from '../errors.ts';
import { NUMERIC_CONCEPTS, type ColumnMap, type Config, type Dataset, type DatasetSource, type DetectedConcept, type ExportHistory, type InputEntry, type InputFile, type ListColumn, type SourceColumnInfo, type TextColumn } from '../types.ts';
import { readDataset, readOptionsFromConfig } from './read.ts';
import { DEFAULT_TUNING, type Tuning } from '../tuning.ts';
import { MERGED_REASON } from '../messages.ts';

// ---------------------------------------------------------------------------
// Words (the message catalogue of issue 24 moves them)

const WORDS = {
  noMatch: (pattern: string, dir: string) => `input.path pattern "${pattern}" matches no file (looked in ${dir}).`,
  namedTwice: (file: string, a: string, b: string) => `${file} is named twice in the input (by "${a}" and "${b}"); it is read once.`,
  sameBytes: (a: string, b: string) => `${b} has the same content (sha256) as ${a}: the same export given twice?`,
  mtime: (file: string, at: string) =>
    `${file}: no date in its name (e.g. 2025-06-08) and no export-time column, so its export time is the file's modification time (${at}); name the file with its export date to be sure of the order.`,
  repeatedTitles: (repeats: number, of: number | null) =>
    `${repeats.toLocaleString('en-US')} row(s)${of === null ? '' : ` of the first ${of.toLocaleString('en-US')}`} repeat the title, creator and publish date of an earlier row and no video id column was found (video_id, id, Video link, ...): the same video may be counted once per row; map its id or link with columns.id.`,
  splitBy: (by: string) => `splitBy: ${by} is set but the input has no ${by} column.`,
  tooManyFiles: (n: number) => `The input names ${n.toLocaleString('en-US')} files; svreport reads at most ${MAX_FILES.toLocaleString('en-US')} in one run: narrow the pattern.`,
  platformColumn: 'input.platform',
};

/** Files one run reads at most (a row's file index is a Uint16). */
export const MAX_FILES = 65535;

export interface InputsOptions {
  /** how messages name a file (relative to the working directory) */
  display: (abs: string) => string;
  tuning?: Tuning;
}

export interface InputsRead {
  dataset: Dataset;
  warnings: string[];
  /** metrics.json's input.path: the file (one file), else the entries as given, comma-joined */
  displayPath: string;
}

/** A file to read: its absolute path, how messages name it, and the entry that named it. */
interface Target {
  path: string;
  display: string;
  entry: InputEntry;
}

/** What one file gave: its dataset, its entry and its InputFile (export time, counts). */
interface Part {
  ds: Dataset;
  target: Target;
  file: InputFile;
  at: number; // exportedAt in ms
}

/** Per input file, in read order: what validate and metrics.json list beyond InputFile. */
export interface InputDetail {
  columns: Partial<Record<DetectedConcept, string>>;
  source: DatasetSource;
}

// ---------------------------------------------------------------------------
// 1. Paths and patterns -> files

/** The files the config's entries name, in config order (a pattern's files by path), each once. */
export async function expandInputs(config: Config, display: (abs: string) => string, warnings: string[]): Promise<Target[]> {
  const out: Target[] = [];
  const seen = new Map<string, InputEntry>();
  for (const entry of config.input.entries) {
    let paths = [entry.path];
    // a file that exists is itself, even when its name reads as a pattern ("Table data (1).csv")
    if (isPattern(entry) && !(await stat(entry.path).then((s) => s.isFile(), () => false))) {
      const { base, rest } = splitPattern(entry.path);
      paths = (await glob(rest, { cwd: base, absolute: true, onlyFiles: true, expandDirectories: false })).sort();
      if (paths.length === 0) throw inputError(WORDS.noMatch(entry.pattern, display(base)));
    }
    for (const path of paths) {
      const before = seen.get(path);
      if (before) {
        warnings.push(WORDS.namedTwice(display(path), before.pattern, entry.pattern));
        continue;
      }
      seen.set(path, entry);
      out.push({ path, display: display(path), entry });
    }
  }
  if (out.length > MAX_FILES) throw inputError(WORDS.tooManyFiles(out.length));
  return out;
}

const isPattern = (entry: InputEntry) => isDynamicPattern(entry.pattern.replaceAll('\\', '/'));

/** The folders the input is read from (a pattern's: the folder before its first wildcard), which no output may be. */
export function inputFolders(config: Config): string[] {
  return config.input.entries.map((e) => (isPattern(e) ? splitPattern(e.path).base : dirname(e.path)));
}

/** An absolute pattern as the folder before its first segment with a wildcard, and the rest. */
function splitPattern(abs: string): { base: string; rest: string } {
  const segments = abs.split('/');
  const i = segments.findIndex((s) => isDynamicPattern(s));
  return { base: segments.slice(0, i).join('/') || '/', rest: segments.slice(i).join('/') };
}

// ---------------------------------------------------------------------------
// 2. Export time of a file

/** A date in a file name: 2025-06-08, 2025_06_08 or 20250608, not inside a longer number. */
const NAME_DATE = /(?<!\d)(\d{4})([-_]?)(\d{2})\2(\d{2})(?!\d)/g;

/**
 * The last valid date in a file's name (a range 2025-06-01_2025-06-07 ends at its export), as the
 * instant its day starts in `zone` (the report's time zone: a Monday export in Berlin is the start
 * of that Monday there, the boundary Momentum compares it with); null when none.
 */
export function dateInName(path: string, zone = 'UTC'): number | null {
  let found: number | null = null;
  for (const m of basename(path).matchAll(NAME_DATE)) {
    const [y, mo, d] = [Number(m[1]), Number(m[3]), Number(m[4])];
    const at = Date.UTC(y, mo - 1, d);
    const back = new Date(at);
    if (y < 1990 || y > 2100 || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) continue;
    found = zone === 'UTC' ? at : DateTime.fromObject({ year: y, month: mo, day: d }, { zone }).toMillis();
  }
  return found;
}

async function exportTime(target: Target, ds: Dataset, zone: string): Promise<{ at: number; from: InputFile['exportedAtFrom'] }> {
  const named = dateInName(target.path, zone);
  if (named !== null) return { at: named, from: 'name' };
  if (ds.exportedAtMax !== undefined) return { at: ds.exportedAtMax, from: 'column' };
  const info = await stat(target.path);
  return { at: Math.floor(info.mtimeMs), from: 'mtime' };
}

// ---------------------------------------------------------------------------
// 3. Read, order, join, merge

/** Reads every input file of the config into one Dataset (stage 1 of a build, and validate). */
export async function readInputs(config: Config, opts: InputsOptions): Promise<InputsRead> {
  const warnings: string[] = [];
  const targets = await expandInputs(config, opts.display, warnings);
  const parts: Part[] = [];
  for (const target of targets) {
    const { entry } = target;
    const ds = await readDataset(
      {
        ...readOptionsFromConfig(config),
        path: target.path,
        displayPath: target.display,
        columns: { ...config.columns, ...entry.columns },
        ...(entry.sheet !== null ? { sheet: entry.sheet } : {}),
      },
      opts.tuning ?? DEFAULT_TUNING,
    );
    const when = await exportTime(target, ds, config.timezone);
    const file: InputFile = {
      path: target.display,
      sha256: ds.source.sha256,
      rowsRead: ds.source.rowsRead,
      rowsUsable: ds.rows,
      exportedAt: new Date(when.at).toISOString(),
      exportedAtFrom: when.from,
      platform: entry.platform,
    };
    parts.push({ ds, target, file, at: when.at });
  }
  // read order: export time, then path (code-point order, as every ranking)
  parts.sort((a, b) => a.at - b.at || (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0));

  const bySha = new Map<string, string>();
  for (const p of parts) {
    const before = bySha.get(p.file.sha256);
    if (before !== undefined) warnings.push(WORDS.sameBytes(before, p.file.path));
    else bySha.set(p.file.sha256, p.file.path);
  }
  const withId = parts.some((p) => p.ds.videoId);
  // the order matters with several files (and to what gained, with ids): say when it is a guess
  if (parts.length > 1 || withId) {
    for (const p of parts) if (p.file.exportedAtFrom === 'mtime') warnings.push(WORDS.mtime(p.file.path, p.file.exportedAt));
  }

  const plain = parts.length === 1 && parts[0].target.entry.platform === null;
  const dataset = plain ? parts[0].ds : joinParts(parts, config.timezone);
  dataset.inputs = parts.map((p) => p.file);
  dataset.inputDetails = parts.map((p) => ({ columns: mappedColumns(p.ds.columns), source: p.ds.source }));
  if (dataset.videoId) normalizeIds(dataset);
  if (dataset.videoId) mergeById(dataset, config.input.dedupe);
  else {
    const { repeats, rows } = repeatedTitles(dataset);
    if (repeats >= 10 && repeats > 0.05 * rows) warnings.push(WORDS.repeatedTitles(repeats, rows < dataset.rows ? rows : null));
  }
  const displayPath = parts.length === 1 ? parts[0].file.path : config.input.entries.map((e) => opts.display(e.path)).join(', ');
  return { dataset, warnings, displayPath };
}

/** The concepts a map serves, concept -> source column header. */
export function mappedColumns(map: ColumnMap): Partial<Record<DetectedConcept, string>> {
  return Object.fromEntries(Object.values(map).map((m) => [m!.concept, m!.column]));
}

/** The build's refusal of a splitBy the input cannot split by (validate says the same). */
export function splitByProblem(config: Config, ds: Dataset): ReportError | null {
  if (config.splitBy === 'none' || ds.text[config.splitBy]) return null;
  return new ReportError(EXIT.usage, WORDS.splitBy(config.splitBy));
}

/**
 * The files' datasets as one, rows in read order: typed columns concatenated (missing where a
 * file lacks the concept), text dictionaries re-coded into one, an entry's platform filling its
 * rows that have none. `recordNo` stays each file's own; `fileIndex` says which file.
 */
function joinParts(parts: Part[], timezone: string): Dataset {
  const sizes = parts.map((p) => p.ds.rows);
  const rows = sizes.reduce((a, b) => a + b, 0);
  const starts = sizes.map((_, k) => sizes.slice(0, k).reduce((a, b) => a + b, 0));
  const several = parts.length > 1;
  const recordNo = new Uint32Array(rows);
  const fileIndex = new Uint16Array(rows);
  parts.forEach((p, k) => {
    recordNo.set(p.ds.recordNo.subarray(0, sizes[k]), starts[k]);
    fileIndex.fill(k, starts[k], starts[k] + sizes[k]);
  });
  const ds: Dataset = {
    rows,
    source: several ? joinSources(parts) : parts[0].ds.source,
    columns: joinColumns(parts),
    timezone,
    recordNo,
    num: {},
    text: {},
    ...(several ? { fileIndex } : {}),
  };
  for (const c of NUMERIC_CONCEPTS) {
    if (!parts.some((p) => p.ds.num[c])) continue;
    const out = new Float64Array(rows).fill(NaN);
    parts.forEach((p, k) => p.ds.num[c] && out.set(p.ds.num[c]!.subarray(0, sizes[k]), starts[k]));
    ds.num[c] = out;
  }
  for (const c of ['platform', 'creator', 'title', 'category', 'country'] as const) {
    const fills = parts.map((p) => (c === 'platform' ? p.target.entry.platform : null));
    if (!parts.some((p) => p.ds.text[c]) && !fills.some((f) => f !== null)) continue;
    ds.text[c] = joinText(parts.map((p) => p.ds.text[c]), sizes, fills);
  }
  if (parts.some((p) => p.ds.videoId)) ds.videoId = joinText(parts.map((p) => p.ds.videoId), sizes, sizes.map(() => null));
  if (parts.some((p) => p.ds.hashtags)) ds.hashtags = joinLists(parts.map((p) => p.ds.hashtags), sizes);
  if (parts.some((p) => p.ds.day)) {
    const day = new Float64Array(rows).fill(NaN);
    const minute = new Int16Array(rows).fill(-1);
    parts.forEach((p, k) => {
      if (p.ds.day) day.set(p.ds.day.subarray(0, sizes[k]), starts[k]);
      if (p.ds.minuteOfDay) minute.set(p.ds.minuteOfDay.subarray(0, sizes[k]), starts[k]);
    });
    ds.day = day;
    ds.minuteOfDay = minute;
  }
  const at = parts.map((p) => p.ds.exportedAtMax).filter((x): x is number => x !== undefined);
  if (at.length) ds.exportedAtMax = Math.max(...at);
  return ds;
}

/** Text columns of consecutive row ranges as one (a range without the column: its fill, or missing). */
function joinText(cols: (TextColumn | undefined)[], sizes: number[], fills: (string | null)[]): TextColumn {
  const values: string[] = [];
  const codeOf = new Map<string, number>();
  const code = (v: string) => {
    let c = codeOf.get(v);
    if (c === undefined) {
      c = values.length;
      values.push(v);
      codeOf.set(v, c);
    }
    return c;
  };
  const out = new Int32Array(sizes.reduce((a, b) => a + b, 0));
  let o = 0;
  cols.forEach((col, k) => {
    const n = sizes[k];
    const remap = col ? Int32Array.from(col.values, code) : null;
    const fill = fills[k] === null ? -1 : code(fills[k]!);
    if (!col) out.fill(fill, o, o + n);
    else for (let i = 0; i < n; i++) out[o + i] = col.codes[i] < 0 ? fill : remap![col.codes[i]];
    o += n;
  });
  return { codes: out, values };
}

/** Hashtag lists of consecutive row ranges as one (a range without them: empty lists). */
function joinLists(cols: (ListColumn | undefined)[], sizes: number[]): ListColumn {
  const rows = sizes.reduce((a, b) => a + b, 0);
  const total = cols.reduce((a, c, k) => a + (c ? c.offsets[sizes[k]] - c.offsets[0] : 0), 0);
  const values: string[] = [];
  const codeOf = new Map<string, number>();
  const offsets = new Uint32Array(rows + 1);
  const codes = new Int32Array(total);
  let r = 0;
  let o = 0;
  cols.forEach((col, k) => {
    const remap = col
      ? Int32Array.from(col.values, (v) => {
          let c = codeOf.get(v);
          if (c === undefined) codeOf.set(v, (c = values.push(v) - 1));
          return c;
        })
      : null;
    for (let i = 0; i < sizes[k]; i++) {
      if (col) for (let j = col.offsets[i]; j < col.offsets[i + 1]; j++) codes[o++] = remap![col.codes[j]];
      offsets[++r] = o;
    }
  });
  return { offsets, codes, values };
}

/** Each concept's column as the first file (in read order) that has it found it. */
function joinColumns(parts: Part[]): ColumnMap {
  const map: ColumnMap = {};
  for (const p of parts) for (const m of Object.values(p.ds.columns)) map[m!.concept] ??= m;
  if (!map.platform && parts.some((p) => p.target.entry.platform !== null)) {
    map.platform = { concept: 'platform', column: WORDS.platformColumn, index: -1, how: 'override', candidate: WORDS.platformColumn };
  }
  return map;
}

/**
 * The files' sources as one: `path` the first file's, sha256 that of the files' sha256 in read
 * order (one per line), counts summed, the header the union of the headers by name (first seen),
 * drop examples named with their file.
 */
function joinSources(parts: Part[]): DatasetSource {
  const srcs = parts.map((p) => p.ds.source);
  const header: string[] = [];
  const inHeader = new Set<string>();
  for (const s of srcs) for (const h of s.header) if (!inHeader.has(h)) inHeader.add(h), header.push(h);
  const rowsDropped: Record<string, number> = {};
  const dropExamples: Record<string, string[]> = {};
  srcs.forEach((s, k) => {
    for (const [reason, n] of Object.entries(s.rowsDropped)) rowsDropped[reason] = (rowsDropped[reason] ?? 0) + n;
    for (const [reason, list] of Object.entries(s.dropExamples)) {
      const into = (dropExamples[reason] ??= []);
      for (const e of list) if (into.length < 5) into.push(`${parts[k].file.path} ${e}`);
    }
  });
  const info = new Map<string, SourceColumnInfo>();
  for (const s of srcs) {
    for (const c of s.columnInfo) {
      const had = info.get(c.name);
      if (!had) info.set(c.name, { ...c });
      else {
        had.nonNull += c.nonNull;
        had.nulls += c.nulls;
        had.numeric += c.numeric;
        if (had.type === 'empty' || (c.type !== 'empty' && c.type !== had.type && !(had.type === 'float' && c.type === 'integer'))) had.type = c.type === 'integer' && had.type === 'float' ? 'float' : had.type === 'empty' ? c.type : 'text';
      }
    }
  }
  const bad = srcs.filter((s) => s.invalidUtf8);
  const joined: DatasetSource = {
    path: srcs[0].path,
    sha256: createHash('sha256').update(srcs.map((s) => s.sha256).join('\n')).digest('hex'),
    bytes: srcs.reduce((a, s) => a + s.bytes, 0),
    encoding: srcs[0].encoding,
    bom: srcs[0].bom,
    delimiter: srcs[0].delimiter,
    header,
    rowsRead: srcs.reduce((a, s) => a + s.rowsRead, 0),
    rowsDropped: Object.fromEntries(Object.entries(rowsDropped).sort((a, b) => (a[0] < b[0] ? -1 : 1))),
    dropExamples,
    dateOrder: srcs.find((s) => s.dateOrder)?.dateOrder ?? null,
    columnInfo: header.map((h) => info.get(h)!),
  };
  if (bad.length) {
    const cells: Record<string, number> = {};
    const rowsOf: Record<string, number[]> = {};
    for (const s of bad) {
      for (const [c, n] of Object.entries(s.invalidUtf8!.cells)) cells[c] = (cells[c] ?? 0) + n;
      for (const [c, r] of Object.entries(s.invalidUtf8!.rows)) rowsOf[c] ??= r;
    }
    joined.invalidUtf8 = { sequences: bad.reduce((a, s) => a + s.invalidUtf8!.sequences, 0), firstRow: bad[0].invalidUtf8!.firstRow, cells, rows: rowsOf };
  }
  return joined;
}

// ---------------------------------------------------------------------------
// 4. One row per video

/** Query keys that name the content itself (watch?v=, ?id=): kept when a link is reduced to its video. */
const ID_PARAMS = ['v', 'id', 'video_id', 'story_fbid', 'fbid'];

/**
 * A video id as written, or a link reduced to its video: the YouTube, TikTok and Instagram ids
 * in their links (so a link matches the id column of another export), else host and path without
 * `www.`, query string (but its id keys), fragment or trailing slash.
 */
export function normalizeVideoId(raw: string): string {
  const t = raw.trim();
  const scheme = /^https?:\/\//i.test(t);
  if (!scheme && !/^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\//i.test(t)) return t;
  let u: URL;
  try {
    u = new URL(scheme ? t : `https://${t}`);
  } catch {
    return t;
  }
  const host = u.hostname.toLowerCase().replace(/^(?:www|m|mobile)\./, '');
  const path = u.pathname.replace(/\/+$/, '');
  let m: RegExpMatchArray | null;
  if (host === 'youtu.be' && path.length > 1) return path.slice(1).split('/')[0];
  if (host === 'youtube.com' || host.endsWith('.youtube.com')) {
    const v = u.searchParams.get('v');
    if (v) return v;
    if ((m = path.match(/^\/(?:shorts|embed|live|v)\/([^/]+)/))) return m[1];
  }
  if ((host === 'tiktok.com' || host.endsWith('.tiktok.com')) && (m = path.match(/\/(?:video|photo)\/(\d+)/))) return m[1];
  if ((host === 'instagram.com' || host.endsWith('.instagram.com')) && (m = path.match(/\/(?:p|reels?|tv)\/([^/]+)/))) return m[1];
  const keep = ID_PARAMS.filter((k) => u.searchParams.has(k)).map((k) => `${k}=${u.searchParams.get(k)}`);
  return host + path + (keep.length ? `?${keep.join('&')}` : '');
}

/** Re-codes the id column by normalised value (once per distinct value): a link and its variants are one id. */
function normalizeIds(ds: Dataset): void {
  const col = ds.videoId!;
  // ids written as ids (no link, no space, not empty) are already what they are: no re-coding
  if (col.values.every((v) => v !== '' && normalizeVideoId(v) === v)) return;
  const values: string[] = [];
  const codeOf = new Map<string, number>();
  const remap = Int32Array.from(col.values, (v) => {
    const id = normalizeVideoId(v);
    if (id === '') return -1;
    let c = codeOf.get(id);
    if (c === undefined) codeOf.set(id, (c = values.push(id) - 1));
    return c;
  });
  const codes = new Int32Array(ds.rows);
  for (let i = 0; i < ds.rows; i++) codes[i] = col.codes[i] < 0 ? -1 : remap[col.codes[i]];
  ds.videoId = { codes, values };
}

/**
 * Rows with the same id are one video: the last in read order is kept (input.dedupe: last), the
 * others counted in rowsDropped as merged. The rows before merging become Dataset.history (file,
 * id and the four counts only).
 */
function mergeById(ds: Dataset, dedupe: Config['input']['dedupe']): void {
  const id = ds.videoId!;
  const rows = ds.rows;
  const history: ExportHistory = {
    files: ds.inputs!,
    rows,
    file: ds.fileIndex ?? new Uint16Array(rows),
    id,
    num: {},
  };
  for (const c of ['views', 'likes', 'comments', 'shares'] as const) if (ds.num[c]) history.num[c] = ds.num[c];
  ds.history = history;
  ds.mergedRows = 0;
  if (dedupe === 'none') return;
  const seen = new Uint8Array(id.values.length);
  const keep = new Uint8Array(rows);
  let kept = 0;
  for (let r = rows - 1; r >= 0; r--) {
    const c = id.codes[r];
    if (c >= 0 && seen[c]) continue;
    if (c >= 0) seen[c] = 1;
    keep[r] = 1;
    kept++;
  }
  if (kept === rows) return;
  const examples: string[] = [];
  for (let r = 0; r < rows && examples.length < 3; r++) {
    if (keep[r]) continue;
    const file = ds.inputs![history.file[r]]?.path ?? '';
    examples.push(`${ds.inputs!.length > 1 ? `${file} ` : ''}data row ${ds.recordNo[r]}: id ${JSON.stringify(id.values[id.codes[r]])} again in a later row`);
  }
  ds.mergedRows = rows - kept;
  keepRows(ds, keep, kept);
  ds.source = {
    ...ds.source,
    rowsDropped: { ...ds.source.rowsDropped, [MERGED_REASON]: ds.mergedRows },
    dropExamples: { ...ds.source.dropExamples, [MERGED_REASON]: examples },
  };
}

/** The dataset reduced to the rows with keep[r] set (every per-row column; dictionaries unchanged). */
function keepRows(ds: Dataset, keep: Uint8Array, kept: number): void {
  const idx = new Uint32Array(kept);
  for (let r = 0, k = 0; r < keep.length; r++) if (keep[r]) idx[k++] = r;
  const pick = <T extends Float64Array | Int32Array | Uint32Array | Uint16Array | Int16Array>(xs: T): T => {
    const out = new (xs.constructor as { new (n: number): T })(kept);
    for (let k = 0; k < kept; k++) out[k] = xs[idx[k]];
    return out;
  };
  ds.recordNo = pick(ds.recordNo);
  if (ds.fileIndex) ds.fileIndex = pick(ds.fileIndex);
  for (const c of NUMERIC_CONCEPTS) if (ds.num[c]) ds.num[c] = pick(ds.num[c]!);
  for (const c of Object.keys(ds.text) as (keyof Dataset['text'])[]) ds.text[c] = { codes: pick(ds.text[c]!.codes), values: ds.text[c]!.values };
  ds.videoId = { codes: pick(ds.videoId!.codes), values: ds.videoId!.values };
  if (ds.day) ds.day = pick(ds.day);
  if (ds.minuteOfDay) ds.minuteOfDay = pick(ds.minuteOfDay);
  if (ds.hashtags) {
    const h = ds.hashtags;
    const offsets = new Uint32Array(kept + 1);
    let n = 0;
    for (let k = 0; k < kept; k++) n += h.offsets[idx[k] + 1] - h.offsets[idx[k]];
    const codes = new Int32Array(n);
    let o = 0;
    for (let k = 0; k < kept; k++) {
      for (let j = h.offsets[idx[k]]; j < h.offsets[idx[k] + 1]; j++) codes[o++] = h.codes[j];
      offsets[k + 1] = o;
    }
    ds.hashtags = { offsets, codes, values: h.values };
  }
  ds.rows = kept;
}

/** Rows the repeated-title check looks at: the first ones, enough to see a pattern, at a bounded cost. */
const REPEAT_SAMPLE = 100_000;

/**
 * Among the first REPEAT_SAMPLE rows, those whose title, creator and publish day (when there is a
 * date column) an earlier row has too: the same video seen again. The day keeps a creator's series
 * of same-titled videos apart. Returns the repeats and the rows looked at.
 */
function repeatedTitles(ds: Dataset): { repeats: number; rows: number } {
  const t = ds.text.title;
  const c = ds.text.creator;
  const rows = Math.min(ds.rows, REPEAT_SAMPLE);
  if (!t || !c) return { repeats: 0, rows };
  const width = c.values.length + 1;
  const seen = new Set<string | number>();
  let repeats = 0;
  for (let r = 0; r < rows; r++) {
    if (t.codes[r] < 0 || c.codes[r] < 0) continue;
    const pair = t.codes[r] * width + c.codes[r];
    const key = ds.day ? `${pair}:${ds.day[r]}` : pair;
    if (seen.has(key)) repeats++;
    else seen.add(key);
  }
  return { repeats, rows };
}
