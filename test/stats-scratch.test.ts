// StatsScratch: the buffers a report's figures reuse, owned by the caller that passes it (not
// module state): its release() lets go of them; two scratches never share a buffer.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ColumnGroups, GroupValues, medianAt, scratchValues, StatsScratch } from '../src/stats/group.ts';
import { sortFloat64 } from '../src/stats/quantile.ts';

const s = suite('StatsScratch');
s('after its buffers are let go, medians and group figures are made as before (new buffers)', () => {
  const values = Float64Array.from({ length: 50_000 }, (_, i) => (i * 7919) % 1000);
  const rows = Uint32Array.from({ length: 50_000 }, (_, i) => i);
  const scratch = new StatsScratch();
  const before = medianAt(values, rows, scratch);
  assert.is(before, 499.5); // each of 0..999 fifty times: the 25,000th and 25,001st values are 499 and 500
  const g = new ColumnGroups(new Int32Array(50_000), rows, 1, scratch);
  g.load(values);
  scratch.release();
  assert.throws(() => g.aggregate(0, 'median'), /another load/, 'a released buffer is not read');
  assert.is(medianAt(values, rows, scratch), before);
  g.load(values);
  assert.is(g.aggregate(0, 'median'), before);
});
s('ColumnGroups sharing a scratch see the last load only; another scratch is independent', () => {
  const rows = Uint32Array.of(0, 1, 2);
  const one = new StatsScratch();
  const a = new ColumnGroups(Int32Array.of(0, 0, 0), rows, 1, one);
  const b = new ColumnGroups(Int32Array.of(0, 0, 0), rows, 1, one);
  const c = new ColumnGroups(Int32Array.of(0, 0, 0), rows, 1, new StatsScratch());
  a.load(Float64Array.of(1, 2, 3));
  c.load(Float64Array.of(7, 8, 9));
  assert.is(a.aggregate(0, 'sum'), 6);
  b.load(Float64Array.of(4, 5, 6));
  assert.throws(() => a.aggregate(0, 'sum'), /another load/);
  assert.is(b.aggregate(0, 'sum'), 15);
  assert.is(c.aggregate(0, 'sum'), 24, 'a load into one scratch leaves the other alone');
  assert.is(scratchValues(one), one.values);
  assert.is.not(scratchValues(one), scratchValues(new StatsScratch()));
});
s('a radix sort keeps its second buffer in the scratch given, and sorts as Float64Array#sort', () => {
  const n = 40_000; // above the radix sort's threshold (32,768)
  const a = Float64Array.from({ length: n }, (_, i) => ((i * 7919) % n) - n / 2);
  const scratch = new StatsScratch();
  const want = Float64Array.from(a).sort();
  assert.equal(Array.from(sortFloat64(a, scratch)), Array.from(want));
  assert.is(scratch.spare.length, 2 * n);
  scratch.release();
  assert.is(scratch.spare.length, 0);
  const g = new GroupValues(scratch).load(want, Uint32Array.from({ length: n }, (_, i) => n - 1 - i));
  assert.is(g.sort().quantile(0.5), (want[n / 2 - 1] + want[n / 2]) / 2);
});
s.run();
