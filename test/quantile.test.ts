import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { quantile, quantileSorted, quantilesUnsorted, sortedFinite, median } from '../src/stats/quantile.ts';
import { mulberry32 } from './helpers/random.ts';

const close = (a: number | null, b: number) => assert.ok(a !== null && Math.abs(a - b) < 1e-12, `${a} != ${b}`);

// ---
const q = suite('quantile');
q('type 7 on [1,2,3,4] at 0.9 is 3.7 (numpy.quantile)', () => close(quantile([1, 2, 3, 4], 0.9), 3.7));
q('several quantiles, worked by hand: h=(n-1)p', () => {
  // sorted [1,2,3,5,7,9]: 0.5 -> h=2.5 -> 3+0.5*2=4; 0.8 -> h=4 -> 7; 0.95 -> h=4.75 -> 7+0.75*2=8.5; 0.99 -> h=4.95 -> 8.9
  const r = quantile([5, 1, 9, 3, 7, 2], [0.5, 0.8, 0.95, 0.99]);
  [4, 7, 8.5, 8.9].forEach((v, i) => close(r[i], v));
});
q('NaN values are ignored; empty gives null', () => {
  close(quantile([NaN, 2, NaN, 4], 0.5), 3);
  assert.is(quantile([NaN], 0.5), null);
  assert.is(quantile([], 0.5), null);
});
q('single value and bounds', () => {
  close(quantile([7], 0.99), 7);
  close(quantile([3, 1, 2], 0), 1);
  close(quantile([3, 1, 2], 1), 3);
});
q.run();

// ---
const s = suite('sortedFinite');
s('sorts numerically (not as strings) and honours an index', () => {
  assert.equal(Array.from(sortedFinite([10, 9, 100, NaN, 1])), [1, 9, 10, 100]);
  assert.equal(Array.from(sortedFinite([10, 9, 100, NaN, 1], [0, 3, 4])), [1, 10]);
});
s.run();

// ---
const m = suite('median');
m('even count interpolates', () => close(median([4, 1, 3, 2]), 2.5));
m('quantileSorted matches', () => close(quantileSorted([1, 2, 3, 4], 0.25), 1.75));
m.run();

const sel = suite('quantilesUnsorted');
sel('quantilesUnsorted equals sorting then quantileSorted, small and large, with ties, negatives and signed zeros', () => {
  const rand = mulberry32(7);
  const ps = [0, 0.01, 0.25, 0.5, 0.75, 0.9, 0.99, 1];
  const cases: Float64Array[] = [
    new Float64Array(0),
    Float64Array.from([3]),
    Float64Array.from({ length: 40_000 }, () => 5), // one bucket holds everything
    Float64Array.from({ length: 70_000 }, (_, i) => (i % 3 === 0 ? -0 : i % 3 === 1 ? 0 : -1e-300)),
    Float64Array.from({ length: 100_000 }, () => Math.floor(Math.exp(rand() * 16))), // view-like counts
    Float64Array.from({ length: 50_001 }, () => (rand() - 0.5) * 1e6),
    Float64Array.from({ length: 33_000 }, () => rand()),
    Float64Array.from({ length: 4095 }, () => Math.floor(rand() * 100)), // just below selection
    Float64Array.from({ length: 4096 }, () => Math.floor(rand() * 100)), // the smallest selection
    Float64Array.from({ length: 5000 }, () => (rand() < 0.5 ? -0 : 0)),
    // crowded: rates share their top 16 bits by the thousand, so buckets are split by the next digits
    Float64Array.from({ length: 200_000 }, () => 0.01 + rand() * 0.19),
    Float64Array.from({ length: 60_000 }, () => 0.0625 + Math.floor(rand() * 3000) * 2 ** -40), // one top bucket, split on hi's low bits
    Float64Array.from({ length: 60_000 }, () => 1 + Math.floor(rand() * 60_000) * 2 ** -52), // split only on lo's low bits
    Float64Array.from({ length: 30_000 }, (_, i) => (i % 2 ? 1 + 2 ** -52 : 1)), // two values one ulp apart
  ];
  for (const a of cases) {
    const expected = ps.map((p) => quantileSorted(Float64Array.from(a).sort(), p));
    const got = quantilesUnsorted(Float64Array.from(a), ps);
    assert.equal(got.map((v) => (v === null ? null : Object.is(v, -0) ? '-0' : v)), expected.map((v) => (v === null ? null : Object.is(v, -0) ? '-0' : v)), `n=${a.length}`);
  }
});
sel.run();
