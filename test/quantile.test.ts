import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { quantile, quantileSorted, sortedFinite, median } from '../src/stats/quantile.ts';

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
