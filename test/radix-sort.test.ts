// sortFloat64 (the radix sort behind every median and quantile) orders exactly as
// Float64Array.prototype.sort: negatives, -0 before +0, infinities, duplicates, tiny values.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { sortFloat64 } from '../src/stats/quantile.ts';

test('same order as Float64Array.prototype.sort on large mixed arrays', () => {
  let seed = 7;
  const r = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  for (const n of [1 << 15, 40000, 70001]) {
    const a = new Float64Array(n).map(() => {
      const x = r();
      if (x < 0.05) return -0;
      if (x < 0.1) return 0;
      if (x < 0.12) return -Infinity;
      if (x < 0.14) return Infinity;
      if (x < 0.5) return Math.floor(r() * 1e6);
      if (x < 0.7) return -r() * 1e-300;
      return (r() - 0.5) * 1e9;
    });
    const want = a.slice().sort();
    const got = sortFloat64(a.slice());
    for (let i = 0; i < n; i++) if (!Object.is(want[i], got[i])) assert.unreachable(`n=${n} at ${i}: ${want[i]} vs ${got[i]}`);
  }
});

test('a subarray is sorted in place and small arrays still sort', () => {
  const base = new Float64Array(80000).map((_, i) => (i * 7919) % 80000);
  const sub = base.subarray(8, 79992);
  assert.is(sortFloat64(sub), sub);
  for (let i = 1; i < sub.length; i++) assert.ok(sub[i - 1] <= sub[i]);
  assert.equal(Array.from(sortFloat64(new Float64Array([3, -1, 2]))), [-1, 2, 3]);
});

test('short arrays (the insertion sort) order as Float64Array.prototype.sort too, -0 before +0', () => {
  let seed = 3;
  const r = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const pool = [-0, 0, 1, -1, 2.5, -Infinity, Infinity, 1e-300, -1e-300, 7];
  for (let n = 0; n <= 30; n++) {
    for (let t = 0; t < 50; t++) {
      const a = Float64Array.from({ length: n }, () => pool[Math.floor(r() * pool.length)]);
      const want = a.slice().sort();
      const got = sortFloat64(a.slice());
      for (let i = 0; i < n; i++) if (!Object.is(want[i], got[i])) assert.unreachable(`n=${n} at ${i}: ${want[i]} vs ${got[i]}`);
    }
  }
});

test.run();
