import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { StatsScratch } from '../../../src/stats/group.ts';
import { computeExplorer, describe, estimateMemoryBytes, previewTable } from '../../../src/sections/explorer/compute.ts';
import { deriveMetrics } from '../../../src/data/derive.ts';
import type { Dataset, Derived, Scope } from '../../../src/types.ts';
import type { SectionContext } from '../../../src/sections/context.ts';
import { makeDataset, type RowsSpec } from '../../helpers/dataset.ts';
import { testConfig, testReport, testSections } from '../../helpers/config.ts';

const close = (a: number | null | undefined, b: number) => assert.ok(a != null && Math.abs(a - b) < 1e-12, `${a} != ${b}`);

function ctxOf(
  spec: RowsSpec | Dataset,
  opts: { rows?: number[]; previewRows?: number; derived?: Partial<Derived>; tier?: number[]; vp?: number[] } = {},
): SectionContext {
  const ds = 'rows' in spec && typeof spec.rows === 'number' ? (spec as Dataset) : makeDataset(spec as RowsSpec);
  const config = testConfig();
  const derived = { ...deriveMetrics(ds, config.scoring), ...opts.derived };
  const rows = Uint32Array.from(opts.rows ?? Array.from({ length: ds.rows }, (_, i) => i));
  const scope: Scope = {
    rows,
    tier: opts.tier ? Int8Array.from(opts.tier) : new Int8Array(rows.length).fill(5),
    viralPotential: opts.vp ? Int8Array.from(opts.vp) : new Int8Array(rows.length).fill(3),
    tierCuts: { q50: null, q80: null, q95: null, q99: null }, scoreCuts: { medium: null, high: null },
  };
  const report = testReport({ sections: testSections({ explorer: { previewRows: opts.previewRows ?? 50 } }) });
  return { dataset: ds, derived, scope, report, config, scratch: new StatsScratch() };
}
const N = null;

// ---
const ds = suite('describe');
ds('pandas describe by hand: [2,4,4,4,5,5,7,9]', () => {
  // mean 40/8 = 5; squares 9+1+1+1+0+0+4+16 = 32; sample var 32/7; std 2.138089935299395
  // type 7: p25 h=1.75 -> 4; p50 h=3.5 -> 4.5; p75 h=5.25 -> 5 + 0.25*2 = 5.5
  const d = describe([2, 4, 4, 4, 5, 5, 7, 9], [0, 1, 2, 3, 4, 5, 6, 7], new StatsScratch());
  assert.equal({ ...d, std: null }, { count: 8, mean: 5, std: null, min: 2, p25: 4, p50: 4.5, p75: 5.5, max: 9 });
  close(d.std, 2.138089935299395);
});
ds('missing values skipped; one value has no std; none gives nulls', () => {
  assert.equal(describe([NaN, 3, NaN], [0, 1, 2], new StatsScratch()), { count: 1, mean: 3, std: null, min: 3, p25: 3, p50: 3, p75: 3, max: 3 });
  assert.equal(describe([NaN, 3], [0], new StatsScratch()), { count: 0, mean: null, std: null, min: null, p25: null, p50: null, p75: null, max: null });
});
ds.run();

// ---
const ce = suite('computeExplorer');
ce('describe keyed by concept, over scope rows, plus engagement_rate and virality_score', () => {
  const ctx = ctxOf(
    { views: [2, 4, 4, 4, 5, 5, 7, 9, 1000], duration: [10, N, 20, N, N, N, N, N, 99], comments: [0, 0, 0, 0, 0, 0, 0, 0, 0] },
    { rows: [0, 1, 2, 3, 4, 5, 6, 7] }, // row 8 (1000 views) out of scope
  );
  const e = computeExplorer(ctx);
  assert.equal(Object.keys(e.describe), ['views', 'comments', 'duration', 'engagement_rate', 'virality_score']);
  close(e.describe.views.std, 2.138089935299395);
  assert.is(e.describe.views.max, 9);
  // duration in scope: [10, 20] -> mean 15, std sqrt(50) (squares 25+25, n-1 = 1)
  assert.is(e.describe.duration.count, 2);
  close(e.describe.duration.std, Math.sqrt(50));
  assert.is(e.describe.engagement_rate.max, 0); // no likes/shares, comments 0
  assert.is(e.describe.virality_score.count, 8);
  assert.is(e.rows, 8);
  assert.is(e.columns, 3);
});
ce('data quality: mapping in CONCEPTS order, unmapped, row counts, encoding', () => {
  const d = makeDataset({ creator: ['a', 'b'], views: [1, 2], date: ['2025-01-01', '2025-01-02'] });
  d.columns.views = { concept: 'views', column: 'Total views', index: 1, how: 'override', candidate: 'Total views' };
  d.source.rowsRead = 5;
  d.source.rowsDropped = { 'unparseable views': 2, 'summary row': 1 };
  d.source.encoding = 'windows-1252';
  d.source.delimiter = ';';
  const e = computeExplorer(ctxOf(d));
  assert.equal(e.dataQuality.mapping, [
    { concept: 'views', column: 'Total views', how: 'override', candidate: 'Total views' },
    { concept: 'date', column: 'date', how: 'exact', candidate: 'date' },
    { concept: 'creator', column: 'creator', how: 'exact', candidate: 'creator' },
  ]);
  assert.equal(e.dataQuality.unmapped, ['likes', 'comments', 'shares', 'saves', 'duration', 'hour', 'platform', 'title', 'category', 'country', 'hashtags']);
  assert.equal([e.dataQuality.rowsRead, e.dataQuality.rowsUsable, e.dataQuality.encoding, e.dataQuality.delimiter], [5, 2, 'windows-1252', ';']);
  assert.equal(e.dataQuality.rowsDropped, { 'unparseable views': 2, 'summary row': 1 });
  assert.is(e.columnInfo, d.source.columnInfo);
});
ce('memory estimate by hand', () => {
  // views (8) + platform code (4) + recordNo (4) + derived 2*8 + 3 = 35 bytes per row; 2 scope rows -> 70
  // strings referenced by the scope: 'TikTok' once (6 code units * 2 = 12); 'YouTube' only out of scope
  const e = computeExplorer(ctxOf({ views: [1, 2, 3], platform: ['TikTok', 'YouTube', 'TikTok'] }, { rows: [0, 2] }));
  assert.is(e.memoryBytes, 70 + 12);
});
ce('memory estimate with hashtags and dates', () => {
  // per row: recordNo 4 + derived 19 + views 8 + day 8 + minute 2 + hashtag offset 4 = 45; 2 rows -> 90
  // hashtag codes in scope: 3 (#ab #ab #c) -> 12; distinct strings '#ab' and '#c' -> (3 + 2) * 2 = 10
  const e = computeExplorer(ctxOf({ views: [1, 2], date: ['2025-01-01', N], hashtags: [['#ab', '#ab'], ['#c']] }));
  assert.is(e.memoryBytes, 90 + 12 + 10);
  assert.is(computeExplorer(ctxOf({ views: [1] }, { rows: [] })).memoryBytes, 0);
});
ce('a single row and an empty scope', () => {
  const one = computeExplorer(ctxOf({ views: [7] }));
  assert.equal(one.describe.views, { count: 1, mean: 7, std: null, min: 7, p25: 7, p50: 7, p75: 7, max: 7 });
  assert.is(one.preview.rows.length, 1);
  const none = computeExplorer(ctxOf({ views: [7] }, { rows: [] }));
  assert.equal([none.rows, none.preview.rows, none.describe.views.count], [0, [], 0]);
});
ce.run();

// ---
const pt = suite('previewTable');
pt('source names in CONCEPTS order, then derived columns; ISO dates, joined hashtags, nulls', () => {
  const d = makeDataset({
    title: ['first', 'second', 'third'],
    hashtags: [['#a', '#b'], [], ['#c']],
    date: ['2025-02-14T09:05', '2025-02-15', N],
    views: [100, N, 0],
    duration: [30, 200, N],
  });
  d.columns.views!.column = 'Total views';
  const ctx = ctxOf(d, { previewRows: 2, tier: [1, 5, 0], vp: [0, 3, 2], derived: { viralityScore: Float64Array.from([1.5, 0, 0]) } });
  const p = previewTable(ctx);
  assert.equal(p.columns, ['Total views', 'duration', 'date', 'title', 'hashtags', 'engagement_rate', 'virality_score', 'duration_bucket', 'performance_tier', 'viral_potential']);
  // no likes, comments or shares column: no engagement rate at all (null, SPEC 10), not 0
  assert.equal(p.rows, [
    [100, 30, '2025-02-14 09:05', 'first', '#a #b', null, 1.5, '18–36s', 'Strong', 'High'],
    [null, 200, '2025-02-15', 'second', null, null, 0, '2min+', 'Unknown', 'Unknown'],
  ]);
  assert.is(previewTable(ctxOf(d, { previewRows: 10 })).rows.length, 3);
});
pt('preview follows the scope: tier labels are per scope position', () => {
  const ctx = ctxOf({ views: [1, 2, 3], creator: ['a', 'b', 'c'] }, { rows: [1, 2], tier: [4, 3], vp: [1, 2] });
  assert.equal(previewTable(ctx).rows.map((r) => [r[0], r[1], r[5], r[6]]), [[2, 'b', 'Top 1%', 'Medium'], [3, 'c', 'Top 5%', 'Low']]);
});
pt.run();

// ---
const em = suite('estimateMemoryBytes');
em('grows with the scope, not with the dataset', () => {
  const a = estimateMemoryBytes(ctxOf({ views: [1, 2, 3, 4] }, { rows: [0] }));
  const b = estimateMemoryBytes(ctxOf({ views: [1, 2, 3, 4] }, { rows: [0, 1] }));
  assert.is(a, 4 + 19 + 8);
  assert.is(b, 2 * a);
});
em.run();
