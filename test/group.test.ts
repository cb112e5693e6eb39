import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { aggregate, byValueThenName, ColumnGroups, compareCodePoints, groupMembers, groupRows, GroupValues, medianAt, sortedValues, StatsScratch, topN } from '../src/stats/group.ts';

/** The buffers these figures are made in (a report's SectionContext holds one). */
const scratch = new StatsScratch();
import { quantileSorted } from '../src/stats/quantile.ts';
import { mulberry32 } from './helpers/random.ts';

// ---
const g = suite('groupRows');
g('buckets scope rows by code, drops -1, keeps ascending row order', () => {
  const codes = [1, 0, -1, 1, 0, 2];
  const groups = groupRows(codes, [0, 1, 2, 3, 5], 3); // row 4 not in scope
  assert.equal(Array.from(groupMembers(groups, 0)), [1]);
  assert.equal(Array.from(groupMembers(groups, 1)), [0, 3]);
  assert.equal(Array.from(groupMembers(groups, 2)), [5]);
});
g('empty group has no members', () => {
  assert.equal(Array.from(groupMembers(groupRows([0, 0], [0, 1], 2), 1)), []);
});
g.run();

// ---
const s = suite('sortedValues');
s('numeric sort, NaN skipped', () => assert.equal(Array.from(sortedValues([10, NaN, 2, 100], [0, 1, 2, 3])), [2, 10, 100]));
s.run();

// ---
const a = suite('aggregate');
a('median, mean, sum by hand', () => {
  const v = [1, 2, NaN, 10];
  assert.is(aggregate(v, [0, 1, 2, 3], 'median', scratch), 2); // [1,2,10] -> 2
  assert.is(aggregate(v, [0, 1, 2, 3], 'mean', scratch), 13 / 3);
  assert.is(aggregate(v, [0, 1, 2, 3], 'sum', scratch), 13);
  assert.is(aggregate(v, [2], 'mean', scratch), null);
  assert.is(aggregate(v, [2], 'sum', scratch), 0);
  assert.is(aggregate(v, [], 'median', scratch), null);
});
a.run();

// ---
const c = suite('compareCodePoints');
c('astral characters sort after BMP ones (code point, unlike UTF-16 units)', () => {
  // U+FF21 (Ａ) < U+1F600 (😀) by code point, but '\uFF21' > '\uD83D' by UTF-16 unit
  assert.ok(compareCodePoints('\uFF21', '😀') < 0);
  assert.ok('\uFF21' > '😀'); // the naive comparison gets it the other way round
  assert.ok(compareCodePoints('B', 'a') < 0);
  assert.ok(compareCodePoints('ab', 'a') > 0);
  assert.is(compareCodePoints('x', 'x'), 0);
});
c.run();

// ---
const r = suite('byValueThenName');
r('value desc, null last, ties by name', () => {
  const items = [{ n: 'b', v: 5 }, { n: 'a', v: 5 }, { n: 'c', v: null }, { n: 'd', v: 9 }];
  items.sort(byValueThenName((x) => x.v, (x) => x.n));
  assert.equal(items.map((x) => x.n), ['d', 'a', 'b', 'c']);
});
r.run();

// ---
const m = suite('medianAt');
m('equals the median of the sorted values for every group size, small (insertion sort) and large, NaN skipped', () => {
  const rand = mulberry32(11);
  for (const n of [0, 1, 2, 3, 5, 8, 23, 24, 25, 40, 100, 1000, 40_000]) {
    for (let t = 0; t < 20; t++) {
      const values = Float64Array.from({ length: n }, () => (rand() < 0.1 ? NaN : Math.floor(rand() * 50) - 10));
      const rows = Uint32Array.from({ length: n }, (_, i) => n - 1 - i); // any order
      const finite = Float64Array.from([...values].filter((v) => v === v)).sort();
      assert.is(medianAt(values, rows, scratch), quantileSorted(finite, 0.5), `n=${n} t=${t}`);
    }
  }
});
m.run();

// ---
const gv = suite('GroupValues');
gv('one reused buffer gives each group of a CSR layout its sorted values, quantiles and median', () => {
  const rand = mulberry32(29);
  const sizes = [1, 0, 2, 1, 24, 25, 3, 64, 65, 1, 300, 7, 5000, 1];
  const n = sizes.reduce((s, k) => s + k, 0);
  // integers (many ties), NaN, and signed zeros: the order must be Float64Array.prototype.sort's
  const values = Float64Array.from({ length: n }, () => {
    const r = rand();
    return r < 0.08 ? NaN : r < 0.12 ? -0 : r < 0.16 ? 0 : Math.floor(rand() * 40) - 15;
  });
  const rows = Uint32Array.from({ length: n }, (_, i) => (i * 7919) % n); // a permutation
  const v = new GroupValues();
  const med = new GroupValues();
  let from = 0;
  for (const size of sizes) {
    const to = from + size;
    const expected = Float64Array.from(Array.from(rows.subarray(from, to), (r) => values[r]).filter((x) => x === x)).sort();
    v.load(values, rows, from, to).sort();
    assert.is(v.n, expected.length, `size ${size}`);
    assert.equal(Array.from(v.buf.subarray(0, v.n), (x) => Object.is(x, -0) ? '-0' : x), Array.from(expected, (x) => Object.is(x, -0) ? '-0' : x));
    for (const p of [0, 0.25, 0.5, 0.75, 1]) assert.is(v.quantile(p), quantileSorted(expected, p), `size ${size} p ${p}`);
    assert.is(med.load(values, rows, from, to).median(), quantileSorted(expected, 0.5), `median, size ${size}`);
    const ps = [0, 0.25, 0.5, 0.9, 0.99, 1];
    assert.equal(med.load(values, rows, from, to).quantiles(ps), ps.map((p) => quantileSorted(expected, p)), `quantiles, size ${size}`);
    from = to;
  }
  assert.is(v.n >= 0 && v.buf.length >= 5000, true, 'the buffer grew to the largest group');
});
gv.run();

// ---
const cg = suite('ColumnGroups');
cg('sizes count rows with a group (missing values included); load() fills slices in row order; aggregates by hand', () => {
  const codes = [1, 0, -1, 1, 0, 2, 1];
  const values = [5, 2, 9, NaN, 4, 7, 1];
  const g = new ColumnGroups(codes, [0, 1, 2, 3, 5, 6], 3, scratch); // row 4 not in scope, row 2 has no group
  assert.equal(Array.from(g.size), [1, 3, 1]);
  assert.is(g.total, 5);
  const buf = g.load(values);
  assert.equal(Array.from(buf.subarray(g.start[1], g.end[1])), [5, 1]); // rows 0 and 6; row 3 missing
  assert.is(g.aggregate(0, 'median'), 2);
  assert.is(g.aggregate(1, 'sum'), 6);
  assert.is(g.aggregate(1, 'mean'), 3);
  assert.is(g.aggregate(1, 'median'), 3); // [5, 1] -> (1 + 5) / 2
  assert.is(g.aggregate(2, 'median'), 7);
});
cg('a group without values: median and mean null, sum 0', () => {
  const g = new ColumnGroups([0, 1], [0, 1], 3, scratch);
  g.load([NaN, 4]);
  assert.is(g.size[0], 1);
  assert.is(g.aggregate(0, 'median'), null);
  assert.is(g.aggregate(0, 'mean'), null);
  assert.is(g.aggregate(0, 'sum'), 0);
  assert.is(g.aggregate(2, 'median'), null); // no rows at all
});
cg('equals aggregate() over groupRows members on random data, every aggregation, many groups', () => {
  const rand = mulberry32(41);
  const n = 20_000;
  const codes = Int32Array.from({ length: n }, () => (rand() < 0.05 ? -1 : Math.floor(rand() * 300)));
  const values = Float64Array.from({ length: n }, () => (rand() < 0.1 ? NaN : Math.floor(Math.exp(rand() * 12))));
  const rows = Uint32Array.from({ length: n }, (_, i) => i).filter(() => rand() < 0.7);
  const byRows = groupRows(codes, rows, 300);
  for (const agg of ['median', 'mean', 'sum'] as const) {
    const g = new ColumnGroups(codes, rows, 300, scratch);
    g.load(values);
    for (let k = 0; k < 300; k++) {
      assert.is(g.size[k], groupMembers(byRows, k).length);
      assert.is(g.aggregate(k, agg), aggregate(values, groupMembers(byRows, k), agg, scratch), `${agg} group ${k}`);
    }
  }
});
cg('the shared buffer belongs to the last load(): reading another instance after it throws', () => {
  const a = new ColumnGroups([0, 0], [0, 1], 1, scratch);
  const b = new ColumnGroups([0, 0], [0, 1], 1, scratch);
  a.load([1, 2]);
  b.load([3, 4]);
  assert.is(b.aggregate(0, 'sum'), 7);
  assert.throws(() => a.aggregate(0, 'sum'), /another load/);
});
cg.run();

// ---
const tn = suite('topN');
tn('the first n of a full sort, for few and many items, ties on the key broken by cmp', () => {
  const random = mulberry32(11);
  for (const count of [0, 1, 7, 40, 1000, 5000]) {
    // few distinct keys: many ties, which only cmp (names) can order
    const key = Float64Array.from({ length: count }, () => Math.floor(random() * 20) * 1.5);
    const names = Array.from({ length: count }, (_, i) => `n${(i * 7919) % 1009}`);
    const cmp = byValueThenName<number>((i) => key[i], (i) => names[i]);
    const items = Uint32Array.from({ length: count }, (_, i) => i);
    const sorted = Array.from(items).sort(cmp);
    for (const n of [0, 1, 5, 15, 100, count + 3]) {
      const top = topN(items, n, key, cmp);
      assert.ok(Array.isArray(top), 'an array, not a typed array');
      assert.equal(top, sorted.slice(0, Math.max(0, n)), `${n} of ${count}`);
    }
  }
});
tn.run();
