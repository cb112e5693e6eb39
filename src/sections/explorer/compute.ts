// Data explorer (SPEC 4.6): size of the rows in scope, a preview table, a pandas-style
// describe() of the numeric concepts and derived scores, column info and data quality.
// Preview cells are plain values (numbers, ISO dates, null) for the templates to format.
import type { Concept, DescribeRow, Explorer, NumericConcept, UndrawableCells } from '../../types.ts';
import { CONCEPTS, DURATION_BUCKETS, NUMERIC_CONCEPTS, TIERS, VIRAL_POTENTIAL } from '../../types.ts';
import type { SectionContext } from '../context.ts';
import { scratchValues, type StatsScratch } from '../../stats/group.ts';
import { dayToIso } from '../../data/calendar.ts';
import { GlyphCoverage } from '../../output/fonts.ts';
import { truncateForDisplay, NAME_GRAPHEMES } from '../../format.ts';

export const DERIVED_PREVIEW_COLUMNS = ['engagement_rate', 'virality_score', 'duration_bucket', 'performance_tier', 'viral_potential'] as const;

const BYTES_PER_DERIVED_ROW = 2 * 8 + 3 * 1; // two Float64 metrics, three Int8 codes (see Derived)

/** count, mean, sample std (n-1), min, quartiles (type 7) and max of the non-missing values at `rows`. */
export function describe(values: ArrayLike<number>, rows: ArrayLike<number>, scratch: StatsScratch): DescribeRow {
  const column = scratchValues(scratch).load(values, rows); // one buffer for every column
  const { buf: v, n } = column;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += v[i];
  if (n === 0) return { count: 0, mean: null, std: null, min: null, p25: null, p50: null, p75: null, max: null };
  const mean = sum / n;
  let ss = 0; // two passes: the textbook one-pass formula loses digits on large view counts
  for (let i = 0; i < n; i++) ss += (v[i] - mean) * (v[i] - mean);
  // min, quartiles and max by selection, not a full sort
  const [min, p25, p50, p75, max] = column.quantiles([0, 0.25, 0.5, 0.75, 1]);
  return { count: n, mean, std: n < 2 ? null : Math.sqrt(ss / (n - 1)), min, p25, p50, p75, max };
}

/**
 * The UTF-16 length of every string of a dictionary, made once per dictionary: a batch's reports
 * then read a typed array in code order instead of reaching each string on the heap (a title
 * dictionary holds about a string per row, ~40 ms of cache misses per report at 1M rows).
 */
const lengthsOf = new WeakMap<string[], Uint32Array>();
function dictionaryLengths(values: string[]): Uint32Array {
  let lengths = lengthsOf.get(values);
  if (!lengths) {
    lengths = new Uint32Array(values.length);
    for (let c = 0; c < values.length; c++) lengths[c] = values[c].length;
    lengthsOf.set(values, lengths);
  }
  return lengths;
}

/** 2 bytes per UTF-16 code unit of a dictionary string, counted the first time a code is met. */
class StringBytes {
  private seen: Uint8Array;
  private lengths: Uint32Array;
  bytes = 0;
  constructor(values: string[]) {
    this.seen = new Uint8Array(values.length);
    this.lengths = dictionaryLengths(values);
  }
  add(code: number): void {
    if (code >= 0 && !this.seen[code]) {
      this.seen[code] = 1;
      this.bytes += 2 * this.lengths[code];
    }
  }
}

/**
 * Memory estimate of the rows in scope as this tool holds them: the bytes of every typed array
 * entry those rows own (record number, numeric and day/minute columns, text codes, hashtag
 * offsets and codes, derived metrics) plus 2 bytes per UTF-16 code unit of each distinct
 * dictionary string they reference. Not the CSV size, and not the dashboard's pandas figure.
 */
export function estimateMemoryBytes(ctx: SectionContext): number {
  const { dataset: ds, scope } = ctx;
  const rows = scope.rows;
  const n = rows.length;
  if (n === 0) return 0;
  let perRow = 4 + BYTES_PER_DERIVED_ROW; // recordNo + derived
  for (const c of NUMERIC_CONCEPTS) if (ds.num[c]) perRow += 8;
  if (ds.day) perRow += 8;
  if (ds.minuteOfDay) perRow += 2;
  let bytes = 0;
  for (const col of Object.values(ds.text)) {
    if (!col) continue;
    perRow += 4;
    const strings = new StringBytes(col.values);
    for (let i = 0; i < n; i++) strings.add(col.codes[rows[i]]);
    bytes += strings.bytes;
  }
  const h = ds.hashtags;
  if (h) {
    perRow += 4; // offsets
    const strings = new StringBytes(h.values);
    for (let i = 0; i < n; i++) {
      const r = rows[i];
      bytes += 4 * (h.offsets[r + 1] - h.offsets[r]);
      for (let j = h.offsets[r]; j < h.offsets[r + 1]; j++) strings.add(h.codes[j]);
    }
    bytes += strings.bytes;
  }
  return bytes + perRow * n;
}

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;
const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** The first `previewRows` rows in scope: mapped concepts under their source names, then derived columns. */
export function previewTable(ctx: SectionContext): Explorer['preview'] {
  const { dataset: ds, derived, scope, report } = ctx;
  const mapped = CONCEPTS.filter((c) => ds.columns[c]);
  const columns = [...mapped.map((c) => ds.columns[c]!.column), ...DERIVED_PREVIEW_COLUMNS];
  const count = Math.min(Math.max(0, report.sections.explorer.previewRows), scope.rows.length);
  const out: (string | number | null)[][] = [];
  for (let i = 0; i < count; i++) {
    const r = scope.rows[i];
    const cells: (string | number | null)[] = mapped.map((c) => cellOf(ctx, c, r));
    const bucket = derived.durationBucket[r];
    cells.push(
      num(derived.engagementRate[r]),
      num(derived.viralityScore[r]),
      bucket >= 0 ? DURATION_BUCKETS[bucket] : null,
      TIERS[scope.tier[i]] ?? null,
      VIRAL_POTENTIAL[scope.viralPotential[i]] ?? null,
    );
    out.push(cells);
  }
  return { columns, rows: out };
}

function cellOf(ctx: SectionContext, concept: Concept, r: number): string | number | null {
  const ds = ctx.dataset;
  if (concept === 'date') {
    const d = ds.day ? ds.day[r] : NaN;
    if (d !== d) return null;
    const m = ds.minuteOfDay ? ds.minuteOfDay[r] : -1;
    return m >= 0 ? `${dayToIso(d)} ${pad2(Math.floor(m / 60))}:${pad2(m % 60)}` : dayToIso(d);
  }
  if (concept === 'hashtags') {
    const h = ds.hashtags;
    if (!h || h.offsets[r] === h.offsets[r + 1]) return null;
    const tags: string[] = [];
    for (let j = h.offsets[r]; j < h.offsets[r + 1]; j++) if (h.codes[j] >= 0) tags.push(h.values[h.codes[j]]);
    return tags.length > 0 ? tags.join(' ') : null;
  }
  if ((NUMERIC_CONCEPTS as readonly string[]).includes(concept)) {
    const col = ds.num[concept as NumericConcept];
    return col ? num(col[r]) : null;
  }
  const col = ds.text[concept as keyof typeof ds.text];
  if (!col) return null;
  const c = col.codes[r];
  return c >= 0 ? col.values[c] : null;
}

const UNDRAWABLE_EXAMPLES = 5;
/** Text concepts whose cells the report shows. */
const SHOWN_TEXT = ['title', 'creator', 'platform', 'category', 'country'] as const;

/** Undrawable characters per dictionary string, made once per dictionary and coverage (a batch shares them). */
const undrawableOf = new WeakMap<GlyphCoverage, WeakMap<string[], Uint32Array | null>>();
/** The counts by dictionary code, or null when no string of the dictionary has any (the usual case). */
function dictionaryUndrawable(glyphs: GlyphCoverage, values: string[]): Uint32Array | null {
  let byDictionary = undrawableOf.get(glyphs);
  if (!byDictionary) undrawableOf.set(glyphs, (byDictionary = new WeakMap()));
  let counts = byDictionary.get(values);
  if (counts === undefined) {
    counts = new Uint32Array(values.length);
    let any = false;
    for (let c = 0; c < values.length; c++) if ((counts[c] = glyphs.count(values[c])) > 0) any = true;
    if (!any) counts = null;
    byDictionary.set(values, counts);
  }
  return counts;
}

/**
 * Text cells in scope with characters no installed font draws (the report shows each as a
 * placeholder), the characters, and the first examples in scope order. Each distinct string is
 * read once per run; a report then reads one count per row and column.
 */
export function undrawableCells(ctx: SectionContext, glyphs: GlyphCoverage): UndrawableCells {
  const { dataset: ds, scope } = ctx;
  const out: UndrawableCells = { cells: 0, characters: 0, fontsChecked: glyphs.fontsChecked, examples: [] };
  const note = (column: string, r: number, text: string) => {
    if (out.examples.length >= UNDRAWABLE_EXAMPLES) return;
    const codePoints: string[] = [];
    for (let i = 0; i < text.length && codePoints.length < UNDRAWABLE_EXAMPLES; i++) {
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) i++;
      if (!glyphs.undrawable(cp)) continue;
      const name = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
      if (!codePoints.includes(name)) codePoints.push(name);
    }
    out.examples.push({ column, row: ds.recordNo[r], codePoints, text: truncateForDisplay(text, NAME_GRAPHEMES) });
  };
  const rows = scope.rows;
  for (const concept of SHOWN_TEXT) {
    const col = ds.text[concept];
    if (!col) continue;
    const counts = dictionaryUndrawable(glyphs, col.values);
    if (!counts) continue;
    const codes = col.codes;
    for (let i = 0; i < rows.length; i++) {
      const c = codes[rows[i]];
      if (c < 0 || counts[c] === 0) continue;
      out.cells++;
      out.characters += counts[c];
      note(ds.columns[concept]?.column ?? concept, rows[i], col.values[c]);
    }
  }
  const h = ds.hashtags;
  const tagCounts = h ? dictionaryUndrawable(glyphs, h.values) : null;
  if (h && tagCounts) {
    const counts = tagCounts;
    const column = ds.columns.hashtags?.column ?? 'hashtags';
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      let n = 0;
      for (let j = h.offsets[r]; j < h.offsets[r + 1]; j++) if (h.codes[j] >= 0) n += counts[h.codes[j]];
      if (n === 0) continue;
      out.cells++;
      out.characters += n;
      const tags: string[] = [];
      for (let j = h.offsets[r]; j < h.offsets[r + 1]; j++) if (h.codes[j] >= 0) tags.push(h.values[h.codes[j]]);
      note(column, r, tags.join(' '));
    }
  }
  return out;
}

/**
 * Choices where SPEC is silent: describe is keyed by concept name (views, duration, ...) and
 * engagement_rate / virality_score, not by source header, so metrics.json keys are the same for
 * every input (the source names are in `columns` and the mapping); the hour row describes the
 * hour column as read, and is absent when the input has none.
 */
export function computeExplorer(ctx: SectionContext): Explorer {
  const { dataset: ds, derived, scope } = ctx;
  const rows = scope.rows;
  const describeOut: Record<string, DescribeRow> = {};
  for (const c of NUMERIC_CONCEPTS) {
    const col = ds.num[c];
    if (col) describeOut[c] = describe(col, rows, ctx.scratch);
  }
  describeOut.engagement_rate = describe(derived.engagementRate, rows, ctx.scratch);
  describeOut.virality_score = describe(derived.viralityScore, rows, ctx.scratch);

  const mapping: Explorer['dataQuality']['mapping'] = [];
  const unmapped: Concept[] = [];
  for (const c of CONCEPTS) {
    const m = ds.columns[c];
    // the words behind a words match, for the report to say in its language (as validate does)
    const why = m && ds.source.detection?.reasons.find((r) => r.chosen && r.concept === c && r.column === m.column)?.detail;
    if (m) mapping.push({ concept: c, column: m.column, how: m.how, candidate: m.candidate, ...(why ? { why } : {}) });
    // a time-of-day column only completes a date without time: not having one is no gap
    else if (c !== 'time') unmapped.push(c);
  }

  return {
    rows: rows.length,
    columns: ds.source.header.length,
    memoryBytes: estimateMemoryBytes(ctx),
    preview: previewTable(ctx),
    describe: describeOut,
    columnInfo: ds.source.columnInfo,
    dataQuality: {
      mapping,
      unmapped,
      rowsRead: ds.source.rowsRead,
      rowsUsable: ds.rows,
      rowsDropped: { ...ds.source.rowsDropped },
      encoding: ds.source.encoding,
      delimiter: ds.source.delimiter,
      undrawable: undrawableCells(ctx, ctx.glyphs ?? new GlyphCoverage(null)),
    },
  };
}
