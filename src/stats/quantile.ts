// Order statistics shared by every section: type-7 quantiles (numpy's default, linear
// interpolation between closest ranks) over sorted Float64Arrays, never over row objects.

/** Quantile p of an ascending-sorted array with no NaN; null when empty. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  if (p <= 0) return sorted[0];
  if (p >= 1) return sorted[n - 1];
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const frac = h - lo;
  const a = sorted[lo];
  if (frac === 0 || lo + 1 >= n) return a;
  return a + frac * (sorted[lo + 1] - a);
}

/** The non-NaN values of `values` (optionally only at `index`), sorted ascending. */
export function sortedFinite(values: ArrayLike<number>, index?: ArrayLike<number>): Float64Array {
  const n = index ? index.length : values.length;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const v = values[index ? index[i] : i];
    if (v === v) out[k++] = v; // skips NaN
  }
  return out.subarray(0, k).sort();
}

/** Quantile(s) of the non-missing values, type 7. */
export function quantile(values: ArrayLike<number>, p: number): number | null;
export function quantile(values: ArrayLike<number>, p: number[]): (number | null)[];
export function quantile(values: ArrayLike<number>, p: number | number[]): number | null | (number | null)[] {
  const sorted = sortedFinite(values);
  return Array.isArray(p) ? p.map((q) => quantileSorted(sorted, q)) : quantileSorted(sorted, p);
}

export function median(values: ArrayLike<number>): number | null {
  return quantile(values, 0.5);
}
