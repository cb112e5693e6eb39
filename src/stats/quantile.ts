// Order statistics shared by every section: type-7 quantiles (numpy's default, linear
// interpolation between closest ranks) over sorted Float64Arrays, never over row objects.

/** Quantile p of an ascending-sorted array with no NaN (its first `n` items); null when empty. */
export function quantileSorted(sorted: ArrayLike<number>, p: number, n = sorted.length): number | null {
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

const RADIX_MIN = 1 << 15;

/**
 * The radix sort's second buffer, kept between sorts by its owner (a report's StatsScratch, see
 * group.ts): a fresh one per sort churns the allocator (measured: ~10% more time for a 1M-row
 * report's figures). A sort given none uses a buffer of its own, dropped when it returns.
 */
export interface SortScratch {
  spare: Uint32Array;
}

/**
 * Sorts NaN-free doubles ascending in place, exactly as Float64Array.prototype.sort does (-0
 * before +0): large arrays by an LSD radix sort on the IEEE bits (four 16-bit passes, a pass
 * skipped when every key shares its digit), several times faster than the comparison sort.
 */
export function sortFloat64(a: Float64Array, scratch: SortScratch = { spare: new Uint32Array(0) }): Float64Array {
  const n = a.length;
  if (n <= SMALL) return insertionSort(a);
  if (n < RADIX_MIN) return a.sort();
  const u = toKeys(a);
  let src: Uint32Array = u;
  if (scratch.spare.length < 2 * n) scratch.spare = new Uint32Array(2 * n);
  let dst: Uint32Array = scratch.spare.subarray(0, 2 * n);
  const count = new Uint32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass >> 1; // 0 = lo, 1 = hi
    const shift = (pass & 1) * 16;
    count.fill(0);
    for (let i = word; i < 2 * n; i += 2) count[(src[i] >>> shift) & 0xffff]++;
    if (count[(src[word] >>> shift) & 0xffff] === n) continue; // one digit for all
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = count[d];
      count[d] = sum;
      sum += c;
    }
    for (let i = 0; i < 2 * n; i += 2) {
      const lo = src[i];
      const hi = src[i + 1];
      const at = 2 * count[((word ? hi : lo) >>> shift) & 0xffff]++;
      dst[at] = lo;
      dst[at + 1] = hi;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== u) u.set(src);
  fromKeys(u);
  return a;
}

/**
 * The doubles' bits, in place, as unsigned [lo, hi] word pairs (little-endian) that order as the
 * values do: negatives flipped whole, positives with the sign bit set (so -0 sorts before +0).
 */
function toKeys(a: Float64Array): Uint32Array {
  const u = new Uint32Array(a.buffer, a.byteOffset, a.length * 2);
  for (let i = 1; i < u.length; i += 2) {
    const hi = u[i];
    if (hi & 0x80000000) {
      u[i] = ~hi;
      u[i - 1] = ~u[i - 1];
    } else u[i] = hi | 0x80000000;
  }
  return u;
}

/** The inverse of toKeys, in place. */
function fromKeys(u: Uint32Array): void {
  for (let i = 1; i < u.length; i += 2) {
    const hi = u[i];
    if (hi & 0x80000000) u[i] = hi & 0x7fffffff;
    else {
      u[i] = ~hi;
      u[i - 1] = ~u[i - 1];
    }
  }
}

/** From this length on, selection beats sorting (its fixed cost is two 64K-entry tables). */
const SELECT_MIN = 4096;
const selectCount = new Uint32Array(65537);
const selectSlot = new Int32Array(65536).fill(-1);

/**
 * Type-7 quantiles of NaN-free doubles without sorting them all: the values' IEEE bits are
 * bucketed by their top 16 bits in one counting pass, and only the buckets that hold the ranks
 * the quantiles need are gathered and sorted. Same answers as quantileSorted(sortFloat64(a), p);
 * `a` is used as scratch (its contents are left undefined).
 */
export function quantilesUnsorted(a: Float64Array, ps: number[], scratch?: SortScratch): (number | null)[] {
  const n = a.length;
  if (n === 0) return ps.map(() => null);
  if (n < SELECT_MIN) {
    const sorted = sortFloat64(a, scratch);
    return ps.map((p) => quantileSorted(sorted, p));
  }
  const u = toKeys(a);
  const count = selectCount.fill(0);
  for (let i = 1; i < 2 * n; i += 2) count[(u[i] >>> 16) + 1]++;
  for (let d = 1; d <= 65536; d++) count[d] += count[d - 1]; // count[d] = first rank in bucket d
  // the ranks each p needs (type 7: floor(h) and the next one), and the bucket of each
  const ranks = new Set<number>();
  for (const p of ps) {
    if (p <= 0) ranks.add(0);
    else if (p >= 1) ranks.add(n - 1);
    else {
      const h = (n - 1) * p;
      ranks.add(Math.floor(h));
      if (h > Math.floor(h) && Math.floor(h) + 1 < n) ranks.add(Math.floor(h) + 1);
    }
  }
  const bucketOf = (r: number): number => {
    let lo = 0;
    let hi = 65535; // largest d with count[d] <= r
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (count[mid] <= r) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  // the buckets holding those ranks get a slot each; one pass gathers their keys
  const slotOf = selectSlot; // all -1 between calls
  const keys: Uint32Array[] = [];
  const fill: number[] = [];
  for (const r of ranks) {
    const b = bucketOf(r);
    if (slotOf[b] !== -1) continue;
    slotOf[b] = keys.length;
    keys.push(new Uint32Array(2 * (count[b + 1] - count[b])));
    fill.push(0);
  }
  for (let i = 1; i < 2 * n; i += 2) {
    const slot = slotOf[u[i] >>> 16];
    if (slot === -1) continue;
    const into = keys[slot];
    const at = fill[slot];
    into[at] = u[i - 1];
    into[at + 1] = u[i];
    fill[slot] = at + 2;
  }
  const at = (r: number): number => {
    const b = bucketOf(r);
    return keyAtRank(keys[slotOf[b]], r - count[b], 1);
  };
  const answers = ps.map((p) => {
    if (p <= 0) return at(0);
    if (p >= 1) return at(n - 1);
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const frac = h - lo;
    const v = at(lo);
    if (frac === 0 || lo + 1 >= n) return v;
    return v + frac * (at(lo + 1) - v);
  });
  for (const r of ranks) slotOf[bucketOf(r)] = -1;
  return answers;
}

/** A bucket of at most this many values is sorted; a larger one is split by its next digit. */
const BUCKET_SORT_MAX = 2048;
const digitCount = new Uint32Array(65536);

/**
 * The value of rank `r` (0-based, ascending) among keys (toKeys pairs) that share their digits
 * above `level` (16-bit digits from the top: 0 = hi >>> 16 .. 3 = lo & 0xffff): a small set is
 * sorted, a large one is counted by digit `level` and only the digit holding rank r is kept.
 * Values crowded in a narrow range (rates between 0.01 and 0.2 share their top 16 bits by the
 * ten thousand) then cost a few counting passes instead of a sort.
 */
function keyAtRank(keys: Uint32Array, r: number, level: number): number {
  const m = keys.length >> 1;
  if (m <= BUCKET_SORT_MAX || level > 3) {
    // level > 3: every digit is shared, so every key is the same value
    const copy = keys.slice();
    fromKeys(copy);
    return sortFloat64(new Float64Array(copy.buffer))[r];
  }
  const word = level < 2 ? 1 : 0;
  const shift = level & 1 ? 0 : 16;
  const count = digitCount.fill(0);
  for (let i = word; i < 2 * m; i += 2) count[(keys[i] >>> shift) & 0xffff]++;
  let d = 0;
  let below = 0;
  while (below + count[d] <= r) below += count[d++];
  if (count[d] === m) return keyAtRank(keys, r, level + 1);
  const into = new Uint32Array(2 * count[d]);
  let at = 0;
  for (let i = 0; i < 2 * m; i += 2) {
    if (((keys[i + word] >>> shift) & 0xffff) !== d) continue;
    into[at++] = keys[i];
    into[at++] = keys[i + 1];
  }
  return keyAtRank(into, r - below, level + 1);
}

/** Below this length an insertion sort beats the typed-array sort's call (a creator's few videos). */
const SMALL = 24;

/** Float64Array.prototype.sort's order for a few values: ascending, -0 before +0. */
function insertionSort(a: Float64Array, n = a.length): Float64Array {
  for (let i = 1; i < n; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= 0 && (a[j] > v || (a[j] === 0 && v === 0 && 1 / a[j] > 1 / v))) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
  return a;
}

/**
 * Sorts the first `n` items of `a` in place (as sortFloat64 does): a small prefix without
 * making a view of it, for many tiny groups sorted in one reused buffer.
 */
export function sortPrefix(a: Float64Array, n: number, scratch?: SortScratch): void {
  if (n <= SMALL) insertionSort(a, n);
  else sortFloat64(a.subarray(0, n), scratch);
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
  return sortFloat64(out.subarray(0, k));
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
