// Group-bys over the columnar dataset without row objects: rows of a scope are bucketed by a
// dictionary code (counting sort, CSR layout), and each group is aggregated from the typed
// value arrays. Also the one ordering rule for rankings: value, then name by code point.
import type { Aggregation } from '../types.ts';
import { quantileSorted, quantilesUnsorted, sortFloat64, sortPrefix, type SortScratch } from './quantile.ts';

export interface Groups {
  groups: number;
  start: Uint32Array; // group k owns rows[start[k] .. start[k+1])
  rows: Uint32Array; // dataset row indices, ascending within a group
}

/** Buckets `rows` by `codes[row]` (0..groups-1; negative = no group, left out). */
export function groupRows(codes: ArrayLike<number>, rows: ArrayLike<number>, groups: number): Groups {
  const count = new Uint32Array(groups + 1);
  for (let i = 0; i < rows.length; i++) {
    const c = codes[rows[i]];
    if (c >= 0) count[c + 1]++;
  }
  for (let k = 0; k < groups; k++) count[k + 1] += count[k];
  const start = count.slice();
  const out = new Uint32Array(count[groups]);
  const fill = count; // reused as the write cursor
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const c = codes[r];
    if (c >= 0) out[fill[c]++] = r;
  }
  return { groups, start, rows: out };
}

/**
 * A scope's rows bucketed by code (0..groups-1; negative = no group) without a list of rows:
 * a counting pass gives each group's size and slice, then load() writes the non-missing values
 * of one column into those slices in row order. Both passes read the columns sequentially; a
 * list of rows per group would gather every value at random (a creator's or a week's rows are
 * spread over the file). One buffer, the scratch's, serves every ColumnGroups given the same
 * StatsScratch: the values of the last load(), of whichever instance, are valid until the next
 * one (a stale read throws).
 */
export class ColumnGroups {
  /** rows of group k, missing values included */
  readonly size: Uint32Array;
  /** group k's slice of the buffer starts here */
  readonly start: Uint32Array;
  /** after load(): group k's values are values[start[k] .. end[k]) */
  readonly end: Uint32Array;
  /** rows with a group */
  readonly total: number;

  constructor(
    private readonly codes: ArrayLike<number>,
    private readonly rows: ArrayLike<number>,
    readonly groups: number,
    private readonly scratch: StatsScratch,
  ) {
    const size = new Uint32Array(groups);
    for (let i = 0; i < rows.length; i++) {
      const c = codes[rows[i]];
      if (c >= 0) size[c]++;
    }
    const start = new Uint32Array(groups + 1);
    for (let k = 0; k < groups; k++) start[k + 1] = start[k] + size[k];
    this.size = size;
    this.start = start;
    this.end = new Uint32Array(groups);
    this.total = start[groups];
  }

  /** Writes the non-missing values of `column` into their groups' slices; returns the buffer. */
  load(column: ArrayLike<number>): Float64Array {
    const scratch = this.scratch;
    if (scratch.loaded.length < this.total) scratch.loaded = new Float64Array(Math.max(this.total, scratch.loaded.length * 2));
    const { codes, rows, end } = this;
    const values = scratch.loaded;
    end.set(this.start.subarray(0, this.groups));
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const c = codes[r];
      const v = column[r];
      if (c >= 0 && v === v) values[end[c]++] = v;
    }
    scratch.loadedBy = this;
    return values;
  }

  /** The buffer of this instance's last load(). */
  get values(): Float64Array {
    if (this.scratch.loadedBy !== this) throw new Error('ColumnGroups: the values were replaced by another load()');
    return this.scratch.loaded;
  }

  /**
   * median / mean / sum of group k's loaded values (as aggregate() over its rows: sum of nothing
   * 0, median and mean null). A median leaves the group's slice reordered.
   */
  aggregate(k: number, agg: Aggregation): number | null {
    const values = this.values;
    const from = this.start[k];
    const to = this.end[k];
    if (agg === 'median') return from === to ? null : quantilesUnsorted(values.subarray(from, to), [0.5], this.scratch)[0];
    let sum = 0;
    for (let i = from; i < to; i++) sum += values[i];
    if (agg === 'sum') return sum;
    return from === to ? null : sum / (to - from);
  }
}

/** Rows of group k. */
export function groupMembers(g: Groups, k: number): Uint32Array {
  return g.rows.subarray(g.start[k], g.start[k + 1]);
}

/** A value of a typed column as the model writes it: NaN (missing) becomes null. */
export const orNull = (v: number): number | null => (v === v ? v : null);

/** Non-missing values of `values` at `rows`, sorted ascending. */
export function sortedValues(values: ArrayLike<number>, rows: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length);
  let n = 0;
  for (let i = 0; i < rows.length; i++) {
    const v = values[rows[i]];
    if (v === v) out[n++] = v;
  }
  return sortFloat64(out.subarray(0, n));
}

/**
 * The non-missing values of many small groups, one group at a time, sorted in a buffer that
 * is reused (no array per group: a creator per video means 10^5+ groups of one or two rows).
 */
export class GroupValues {
  buf = new Float64Array(1024);
  n = 0;
  /** `scratch`: whose radix-sort buffer large groups are sorted with (default: one of its own) */
  constructor(private readonly scratch: SortScratch = { spare: new Uint32Array(0) }) {}
  /** Loads the non-missing values at rows[from .. to), unsorted. */
  load(values: ArrayLike<number>, rows: ArrayLike<number>, from = 0, to = rows.length): this {
    if (this.buf.length < to - from) this.buf = new Float64Array(Math.max(to - from, this.buf.length * 2));
    const buf = this.buf;
    let n = 0;
    for (let i = from; i < to; i++) {
      const v = values[rows[i]];
      if (v === v) buf[n++] = v;
    }
    this.n = n;
    return this;
  }
  /** Loads src[from .. to), which holds no missing value (values already grouped, e.g. by creator). */
  copy(src: Float64Array, from: number, to: number): this {
    const n = to - from;
    if (this.buf.length < n) this.buf = new Float64Array(Math.max(n, this.buf.length * 2));
    const buf = this.buf;
    for (let i = 0; i < n; i++) buf[i] = src[from + i];
    this.n = n;
    return this;
  }
  /** Sorts the loaded values ascending. */
  sort(): this {
    sortPrefix(this.buf, this.n, this.scratch);
    return this;
  }
  /** Quantile p of the loaded values, which must be sorted. */
  quantile(p: number): number | null {
    return quantileSorted(this.buf, p, this.n);
  }
  /** Quantiles of the loaded values by selection (the buffer is scratch, as for median()). */
  quantiles(ps: number[]): (number | null)[] {
    return quantilesUnsorted(this.buf.subarray(0, this.n), ps, this.scratch);
  }
  /**
   * Median of the loaded values (sorted or not): small groups sorted, large ones searched, which
   * uses the buffer as scratch: load again before asking anything else of these values.
   */
  median(): number | null {
    if (this.n <= 64) {
      sortPrefix(this.buf, this.n, this.scratch);
      return quantileSorted(this.buf, 0.5, this.n);
    }
    return this.quantiles([0.5])[0];
  }
}

/**
 * The buffers the figures of one report reuse (each grows to the largest scope met, 8 MB at a
 * million rows): ColumnGroups' values, medianAt's, the radix sort's. Owned by the caller (one per
 * report's computation, on its SectionContext): once the figures are made it is release()d, so
 * the buffers do not stay on through the HTML, PDF and filtered.csv. No module holds one.
 */
export class StatsScratch implements SortScratch {
  spare = new Uint32Array(0);
  loaded = new Float64Array(0);
  loadedBy: ColumnGroups | null = null;
  readonly values: GroupValues = new GroupValues(this);
  /** Lets go of every buffer (a ColumnGroups that loaded into them then throws when read). */
  release(): void {
    this.spare = new Uint32Array(0);
    this.loaded = new Float64Array(0);
    this.loadedBy = null;
    this.values.buf = new Float64Array(1024);
    this.values.n = 0;
  }
}

/**
 * The GroupValues that medianAt() loads into, for one-off figures over a whole scope (e.g. the
 * explorer's describe): valid until the next medianAt() or scratchValues() user of the same
 * scratch loads.
 */
export const scratchValues = (scratch: StatsScratch): GroupValues => scratch.values;

/** Median of the non-missing values at `rows` (null when none), found in the scratch's buffer. */
export function medianAt(values: ArrayLike<number>, rows: ArrayLike<number>, scratch: StatsScratch): number | null {
  return scratch.values.load(values, rows).median();
}

/**
 * The first `n` of `items` (indices into `key`) in `cmp` order, as items.sort(cmp).slice(0, n)
 * gives for a total order, without sorting all of them (a leaderboard of 15 out of 10^5
 * creators). `cmp` must rank a larger key first: an item whose key is below the n-th best so
 * far is passed over by one comparison of doubles, with no call to `cmp` (whose doubles, read
 * through closures, were boxed: ~0.4 GB of garbage per batch of ten 1M-row reports).
 */
export function topN(items: ArrayLike<number>, n: number, key: Float64Array, cmp: (a: number, b: number) => number): number[] {
  if (n <= 0) return [];
  if (n * 8 >= items.length) return Array.from(items).sort(cmp).slice(0, n);
  const best: number[] = [];
  let floor = -Infinity; // the key of best[n - 1] once there are n
  for (let k = 0; k < items.length; k++) {
    const it = items[k];
    if (best.length === n && (key[it] < floor || cmp(it, best[n - 1]) >= 0)) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(best[mid], it) <= 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, it);
    if (best.length > n) best.pop();
    if (best.length === n) floor = key[best[n - 1]];
  }
  return best;
}

/** median / mean / sum of the non-missing values at `rows`; sum of nothing is 0, median/mean null. */
export function aggregate(values: ArrayLike<number>, rows: ArrayLike<number>, agg: Aggregation, scratch: StatsScratch): number | null {
  if (agg === 'median') return medianAt(values, rows, scratch);
  let sum = 0;
  let n = 0;
  for (let i = 0; i < rows.length; i++) {
    const v = values[rows[i]];
    if (v === v) {
      sum += v;
      n++;
    }
  }
  if (agg === 'sum') return sum;
  return n === 0 ? null : sum / n;
}

/** Compares strings by Unicode code point (not UTF-16 unit, not locale). */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/** Ranking order: value descending (null last), ties by name ascending in code-point order. */
export function byValueThenName<T>(value: (t: T) => number | null, name: (t: T) => string) {
  return (a: T, b: T): number => {
    const va = value(a);
    const vb = value(b);
    if (va !== vb) {
      if (va === null) return 1;
      if (vb === null) return -1;
      if (vb !== va) return vb - va;
    }
    return compareCodePoints(name(a), name(b));
  };
}
