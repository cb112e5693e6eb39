// The rows of one report (filters, minimum views, publish-day range) and the labels that are
// relative to them: performance tier from the views in scope, viral potential from the scores
// in scope, and the virality threshold. Every quantile here is type 7 over the scope only.
import type { Dataset, Derived, Filters, Scope, ScoringConfig, ThresholdSpec } from '../types.ts';
import { quantileSorted, sortFloat64, type SortScratch } from '../stats/quantile.ts';

const TEXT_FILTERS = ['platform', 'country', 'category', 'creator'] as const;
type TextFilter = (typeof TEXT_FILTERS)[number];

// TIERS / VIRAL_POTENTIAL indices, named for readability
const BASELINE = 0, STRONG = 1, HIGH_TIER = 2, TOP5 = 3, TOP1 = 4, UNKNOWN_TIER = 5;
const VP_HIGH = 0, VP_MEDIUM = 1, VP_LOW = 2, VP_UNKNOWN = 3;

function activeValues(filters: Filters, key: TextFilter): string[] {
  return (filters[key] ?? []).map((v) => String(v).trim());
}

/**
 * Problems the caller must report (as a configuration error): a text filter on a concept the
 * dataset has no column for. Such a filter selects nothing rather than being ignored, so a
 * mistyped report never silently covers every row.
 */
export function filterProblems(ds: Dataset, filters: Filters): string[] {
  const out: string[] = [];
  for (const key of TEXT_FILTERS) {
    if (activeValues(filters, key).length > 0 && !ds.text[key]) {
      out.push(`filters.${key} is set but the input has no ${key} column`);
    }
  }
  if (filters.minViews > 0 && !ds.num.views) out.push('filters.minViews is set but the input has no views column');
  return out;
}

/**
 * A dictionary's codes by trimmed value, made once per dictionary: a batch split into 1,000
 * reports over 100k creators then looks each report's filter up, where scanning the dictionary
 * for every report took ~40 s.
 */
const codesByValue = new WeakMap<string[], Map<string, number[]>>();
function codesOf(values: string[], value: string): number[] | undefined {
  let index = codesByValue.get(values);
  if (!index) {
    index = new Map();
    for (let c = 0; c < values.length; c++) {
      const key = values[c].trim();
      const codes = index.get(key);
      if (codes) codes.push(c);
      else index.set(key, [c]);
    }
    codesByValue.set(values, index);
  }
  return index.get(value);
}

/** Filter values that match no value of their column: worth a warning, not an error (a weekly file may lack a platform). */
export function unmatchedFilterValues(ds: Dataset, filters: Filters): { filter: TextFilter; value: string }[] {
  const out: { filter: TextFilter; value: string }[] = [];
  for (const key of TEXT_FILTERS) {
    const col = ds.text[key];
    const wanted = activeValues(filters, key);
    if (!col || wanted.length === 0) continue;
    for (const v of wanted) if (!codesOf(col.values, v)) out.push({ filter: key, value: v });
  }
  return out;
}

/**
 * Rows (ascending dataset indices) passing every filter. Text filters compare the trimmed
 * dictionary value to the trimmed filter string, case-sensitively; they are resolved to a
 * mask over dictionary codes once, so the row loop only tests codes.
 */
export function selectRows(ds: Dataset, filters: Filters, days: { from: number; to: number } | null): Uint32Array {
  const n = ds.rows;
  const masks: { codes: Int32Array; allowed: Uint8Array }[] = [];
  for (const key of TEXT_FILTERS) {
    const wanted = activeValues(filters, key);
    if (wanted.length === 0) continue;
    const col = ds.text[key];
    if (!col) return new Uint32Array(0); // see filterProblems
    const allowed = new Uint8Array(col.values.length);
    let any = false;
    for (const v of wanted) {
      for (const c of codesOf(col.values, v) ?? []) {
        allowed[c] = 1;
        any = true;
      }
    }
    if (!any) return new Uint32Array(0);
    masks.push({ codes: col.codes, allowed });
  }
  const minViews = filters.minViews > 0 ? filters.minViews : 0;
  const views = ds.num.views;
  if (minViews > 0 && !views) return new Uint32Array(0);
  const day = ds.day;
  if (days && !day) return new Uint32Array(0);

  const out = new Uint32Array(n);
  let k = 0;
  rows: for (let i = 0; i < n; i++) {
    for (let m = 0; m < masks.length; m++) {
      const c = masks[m].codes[i];
      if (c < 0 || masks[m].allowed[c] === 0) continue rows;
    }
    if (minViews > 0 && !(views![i] >= minViews)) continue; // NaN fails
    if (days) {
      const d = day![i];
      if (!(d >= days.from && d <= days.to)) continue; // NaN fails
    }
    out[k++] = i;
  }
  return out.slice(0, k);
}

/** The non-missing values at `rows` that pass `keep`, sorted ascending. */
function sortedAt(values: Float64Array, rows: Uint32Array, keep: (v: number) => boolean, scratch?: SortScratch): Float64Array {
  const out = new Float64Array(rows.length);
  let k = 0;
  for (let i = 0; i < rows.length; i++) {
    const v = values[rows[i]];
    if (v === v && keep(v)) out[k++] = v;
  }
  return sortFloat64(out.subarray(0, k), scratch);
}

/** Labels of the rows in scope: performance tier (from views > 0) and viral potential (from scores). */
export function buildScope(ds: Dataset, derived: Derived, rows: Uint32Array, scoring: ScoringConfig, scratch?: SortScratch): Scope {
  const n = rows.length;
  const tier = new Int8Array(n).fill(UNKNOWN_TIER);
  const viralPotential = new Int8Array(n).fill(VP_UNKNOWN);

  const views = ds.num.views;
  const [p50, p80, p95, p99] = scoring.tierQuantiles;
  let tierCuts: Scope['tierCuts'] = { q50: null, q80: null, q95: null, q99: null };
  let positive: Float64Array | null = null;
  if (views) {
    positive = sortedAt(views, rows, (v) => v > 0, scratch);
    if (positive.length > 0) {
      const q50 = quantileSorted(positive, p50)!;
      const q80 = quantileSorted(positive, p80)!;
      const q95 = quantileSorted(positive, p95)!;
      const q99 = quantileSorted(positive, p99)!;
      tierCuts = { q50, q80, q95, q99 };
      for (let i = 0; i < n; i++) {
        const v = views[rows[i]];
        if (!(v > 0)) continue; // missing or <= 0 stays Unknown
        tier[i] = v <= q50 ? BASELINE : v <= q80 ? STRONG : v <= q95 ? HIGH_TIER : v <= q99 ? TOP5 : TOP1;
      }
    }
  }

  const scores = sortedAt(derived.viralityScore, rows, () => true, scratch);
  const medium = quantileSorted(scores, scoring.viralPotential.medium);
  const high = quantileSorted(scores, scoring.viralPotential.high);
  if (medium !== null && high !== null) {
    for (let i = 0; i < n; i++) {
      const s = derived.viralityScore[rows[i]];
      if (s !== s) continue;
      viralPotential[i] = s >= high ? VP_HIGH : s >= medium ? VP_MEDIUM : VP_LOW;
    }
  }
  return { rows, tier, viralPotential, tierCuts, scoreCuts: { medium, high }, sorted: { positiveViews: positive, scores } };
}

/** The non-missing virality scores in scope, ascending. */
export function scopeSortedScores(scope: Scope, scores: Float64Array): Float64Array {
  return scope.sorted?.scores ?? sortedAt(scores, scope.rows, () => true);
}

/**
 * The non-missing views in scope, ascending: buildScope's sorted positive views, with the rare
 * views <= 0 sorted in front of them (no second sort of every row).
 */
export function scopeSortedViews(scope: Scope, views: Float64Array): Float64Array {
  const positive = scope.sorted?.positiveViews;
  if (!positive) return sortedAt(views, scope.rows, () => true);
  const rest = sortedAt(views, scope.rows, (v) => !(v > 0));
  if (rest.length === 0) return positive;
  const out = new Float64Array(rest.length + positive.length);
  out.set(rest);
  out.set(positive, rest.length);
  return out;
}

/**
 * The virality threshold over the scores in scope (ascending, no NaN): `auto` is q90, a
 * value is taken as is, `top N%` is the (1 - N/100) quantile so about N% of rows reach it.
 * With no scores, a quantile rule has no value (null) and nothing is a candidate.
 */
export function resolveThreshold(spec: ThresholdSpec, sortedScores: ArrayLike<number>): { value: number | null; rule: string } {
  switch (spec.kind) {
    case 'value':
      return { value: Number.isFinite(spec.value) ? spec.value : null, rule: 'value' };
    case 'top': {
      if (!Number.isFinite(spec.percent)) return { value: null, rule: `top ${spec.percent}%` };
      const pct = Math.min(100, Math.max(0, spec.percent));
      return { value: quantileSorted(sortedScores, (100 - pct) / 100), rule: `top ${spec.percent}%` };
    }
    default:
      return { value: quantileSorted(sortedScores, 0.9), rule: 'auto (q90)' };
  }
}

/**
 * A per-scope-row label array (scope.tier, scope.viralPotential) spread to dataset rows, -1
 * outside the scope, so the group-bys of src/stats/group.ts can key on it.
 */
export function labelsByRow(datasetRows: number, scope: Scope, labels: Int8Array): Int8Array {
  const out = new Int8Array(datasetRows).fill(-1);
  for (let i = 0; i < scope.rows.length; i++) out[scope.rows[i]] = labels[i];
  return out;
}
