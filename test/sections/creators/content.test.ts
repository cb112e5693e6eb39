import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { StatsScratch } from '../../../src/stats/group.ts';
import { computeContent, groupHashtags } from '../../../src/sections/creators/content.ts';
import { deriveMetrics } from '../../../src/data/derive.ts';
import { groupMembers } from '../../../src/stats/group.ts';
import type { Scope } from '../../../src/types.ts';
import type { SectionContext } from '../../../src/sections/context.ts';
import { makeDataset, type RowsSpec } from '../../helpers/dataset.ts';
import { testConfig, testReport, testSections } from '../../helpers/config.ts';

function ctxOf(spec: RowsSpec, opts: { rows?: number[]; top?: number } = {}): SectionContext {
  const ds = makeDataset(spec);
  const config = testConfig();
  const derived = deriveMetrics(ds, config.scoring); // only durationBucket is read here
  const rows = Uint32Array.from(opts.rows ?? Array.from({ length: ds.rows }, (_, i) => i));
  const scope: Scope = {
    rows, tier: new Int8Array(rows.length).fill(5), viralPotential: new Int8Array(rows.length).fill(3),
    tierCuts: { q50: null, q80: null, q95: null, q99: null }, scoreCuts: { medium: null, high: null },
  };
  const report = testReport({ sections: testSections({ content: { top: opts.top ?? 15 } }) });
  return { dataset: ds, derived, scope, report, config, scratch: new StatsScratch() };
}
const N = null;

// ---
const cc = suite('computeContent');
cc('duration buckets: all six in order, right-closed edges, empty bucket null', () => {
  // 5 and 9 -> <9s (views 10, 20: median 15); 10 -> 9–18s (30); none in 18–36s; 60 -> 36–60s (40);
  // 61 -> 1–2min (50); 200 -> 2min+ (60); missing duration (70) left out
  const c = computeContent(ctxOf({ duration: [5, 9, 10, 60, 61, 200, N], views: [10, 20, 30, 40, 50, 60, 70] }));
  assert.equal(c.durationAvailable, { available: true, reason: null });
  assert.equal(c.durationBuckets, [
    { bucket: '<9s', videos: 2, medianViews: 15 },
    { bucket: '9–18s', videos: 1, medianViews: 30 },
    { bucket: '18–36s', videos: 0, medianViews: null },
    { bucket: '36–60s', videos: 1, medianViews: 40 },
    { bucket: '1–2min', videos: 1, medianViews: 50 },
    { bucket: '2min+', videos: 1, medianViews: 60 },
  ]);
});
cc('categories by median views, ties by code point (B before a), top N', () => {
  // a: [150] -> 150; B: [100, 200] -> 150; C: [10, 20, 30] -> 20; row without category left out
  const spec = { category: ['B', 'a', 'C', 'B', 'C', 'C', N], views: [100, 150, 10, 200, 20, 30, 999] };
  const c = computeContent(ctxOf(spec));
  assert.equal(c.categories, [
    { category: 'B', videos: 2, medianViews: 150 },
    { category: 'a', videos: 1, medianViews: 150 },
    { category: 'C', videos: 3, medianViews: 20 },
  ]);
  assert.equal(computeContent(ctxOf(spec, { top: 2 })).categories.map((x) => x.category), ['B', 'a']);
});
cc('hashtags: a video counts once per distinct tag; missing views counted as a video, not in the median', () => {
  // row0 #x #x #y (100); row1 #x (300); row2 none (50); row3 #y #z (missing); row4 #z (10)
  // #x: rows 0,1 -> 2 videos, median(100,300) = 200; #y: rows 0,3 -> 2 videos, median(100) = 100; #z: rows 3,4 -> 2, median(10) = 10
  const c = computeContent(ctxOf({ hashtags: [['#x', '#x', '#y'], ['#x'], [], ['#y', '#z'], ['#z']], views: [100, 300, 50, N, 10] }));
  assert.equal(c.hashtagsAvailable, { available: true, reason: null });
  assert.equal(c.hashtags, [
    { hashtag: '#x', videos: 2, medianViews: 200 },
    { hashtag: '#y', videos: 2, medianViews: 100 },
    { hashtag: '#z', videos: 2, medianViews: 10 },
  ]);
});
cc('a group whose videos all lack views is not ranked', () => {
  const c = computeContent(ctxOf({ category: ['a', 'b'], views: [N, 5] }));
  assert.equal(c.categories, [{ category: 'b', videos: 1, medianViews: 5 }]);
});
cc('only scope rows count', () => {
  const c = computeContent(ctxOf({ category: ['a', 'a', 'b'], hashtags: [['#t'], ['#t'], ['#u']], duration: [5, 5, 5], views: [1, 1000, 2] }, { rows: [0, 2] }));
  assert.equal(c.categories, [{ category: 'b', videos: 1, medianViews: 2 }, { category: 'a', videos: 1, medianViews: 1 }]);
  assert.equal(c.hashtags, [{ hashtag: '#u', videos: 1, medianViews: 2 }, { hashtag: '#t', videos: 1, medianViews: 1 }]);
  assert.equal(c.durationBuckets[0], { bucket: '<9s', videos: 2, medianViews: 1.5 });
});
cc('all views 0 and a single row', () => {
  const z = computeContent(ctxOf({ category: ['a', 'b'], views: [0, 0] }));
  assert.equal(z.categories, [{ category: 'a', videos: 1, medianViews: 0 }, { category: 'b', videos: 1, medianViews: 0 }]);
  const one = computeContent(ctxOf({ duration: [30], category: ['x'], hashtags: [['#h']], views: [9] }));
  assert.equal(one.durationBuckets.filter((b) => b.videos > 0), [{ bucket: '18–36s', videos: 1, medianViews: 9 }]);
  assert.equal(one.categories, [{ category: 'x', videos: 1, medianViews: 9 }]);
  assert.equal(one.hashtags, [{ hashtag: '#h', videos: 1, medianViews: 9 }]);
});
cc('missing columns: each part unavailable on its own, with a reason', () => {
  const c = computeContent(ctxOf({ views: [1, 2], category: ['a', 'a'] }));
  assert.is(c.durationAvailable.available, false);
  assert.ok(c.durationAvailable.reason && !c.durationAvailable.reason.includes('\n'));
  assert.is(c.hashtagsAvailable.available, false);
  assert.ok(c.hashtagsAvailable.reason);
  assert.equal(c.categoriesAvailable, { available: true, reason: null });
  assert.equal([c.durationBuckets, c.hashtags], [[], []]);
  assert.equal(c.categories, [{ category: 'a', videos: 2, medianViews: 1.5 }]);
});
cc('columns present but empty in scope: unavailable, saying so', () => {
  const c = computeContent(ctxOf({ duration: [N, 5], category: [N, 'a'], hashtags: [[], ['#a']], views: [1, 2] }, { rows: [0] }));
  assert.equal([c.durationAvailable.available, c.categoriesAvailable.available, c.hashtagsAvailable.available], [false, false, false]);
  assert.ok(c.durationAvailable.reason && c.categoriesAvailable.reason && c.hashtagsAvailable.reason);
  assert.equal([c.durationBuckets, c.categories, c.hashtags], [[], [], []]);
});
cc.run();

// ---
const gh = suite('groupHashtags');
gh('CSR groups by tag code, rows ascending, a repeated tag once', () => {
  const g = groupHashtags(ctxOf({ hashtags: [['a', 'b', 'a'], ['b'], ['a', 'a', 'a']], views: [1, 2, 3] }));
  assert.is(g.groups, 2);
  assert.equal(Array.from(groupMembers(g, 0)), [0, 2]); // a
  assert.equal(Array.from(groupMembers(g, 1)), [0, 1]); // b
});
gh.run();
