import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { StatsScratch } from '../../../src/stats/group.ts';
import { computeCreators, creatorTable, leaderboard } from '../../../src/sections/creators/compute.ts';
import { RANK_BYS } from '../../../src/vocabulary.ts';
import { deriveMetrics } from '../../../src/data/derive.ts';
import type { CreatorRow, Derived, RankBy, Scope } from '../../../src/types.ts';
import type { SectionContext } from '../../../src/sections/context.ts';
import { makeDataset, type RowsSpec } from '../../helpers/dataset.ts';
import { testConfig, testReport, testSections } from '../../helpers/config.ts';

const close = (a: number | null | undefined, b: number) => assert.ok(a != null && Math.abs(a - b) < 1e-12, `${a} != ${b}`);

/** Context over `spec`: derived from deriveMetrics, then any array given by hand replaces it. */
function ctxOf(spec: RowsSpec, opts: { rows?: number[]; rankBy?: RankBy; top?: number; derived?: Partial<Derived> } = {}): SectionContext {
  const ds = makeDataset(spec);
  const config = testConfig();
  const derived = { ...deriveMetrics(ds, config.scoring), ...opts.derived };
  const rows = Uint32Array.from(opts.rows ?? Array.from({ length: ds.rows }, (_, i) => i));
  const scope: Scope = {
    rows, tier: new Int8Array(rows.length).fill(5), viralPotential: new Int8Array(rows.length).fill(3),
    tierCuts: { q50: null, q80: null, q95: null, q99: null }, scoreCuts: { medium: null, high: null },
  };
  const report = testReport({ sections: testSections({ creators: { rankBy: opts.rankBy ?? 'views', top: opts.top ?? 15 } }) });
  return { dataset: ds, derived, scope, report, config, scratch: new StatsScratch() };
}
const names = (rows: CreatorRow[]) => rows.map((r) => r.creator);
const board = (c: ReturnType<typeof computeCreators>, by: RankBy) => c.leaderboards.find((l) => l.rankBy === by)!.top;

// Rows 0-4 alice, 5-9 bob, 10 Bob, 11-12 carol, 13 dave, 14 eve, 15 no creator. No comments column.
const N = null;
const FIXTURE: RowsSpec = {
  creator: ['alice', 'alice', 'alice', 'alice', 'alice', 'bob', 'bob', 'bob', 'bob', 'bob', 'Bob', 'carol', 'carol', 'dave', 'eve', N],
  views: [10, 20, 30, 40, 100, 30, 40, 40, 40, 50, 200, 1000, N, 100, 50, 400],
  shares: [1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 10, N, 3, 0, 10, 100],
};
const FIXTURE_DERIVED: Partial<Derived> = {
  engagementRate: Float64Array.from([0.1, 0.2, 0.3, 0.4, 0.5, 0.05, 0.05, 0.05, 0.05, 0.05, 0.3, NaN, NaN, 0.9, 0.01, 0.2]),
  viralityScore: Float64Array.from([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 5, 1, 9]),
};

// ---
const cc = suite('computeCreators');
cc('per-creator figures worked by hand', () => {
  const c = computeCreators(ctxOf(FIXTURE, { derived: FIXTURE_DERIVED }));
  assert.is(c.available, true);
  assert.is(c.reason, null);
  assert.is(c.creatorsInScope, 6);
  const alice = board(c, 'views').find((r) => r.creator === 'alice')!;
  // views [10,20,30,40,100]: sum 200, median 30, q1 (h=1) 20, q3 (h=3) 40 -> IQR 20
  assert.equal(
    { ...alice },
    // no comments column: comments null (unknown), not 0 (SPEC 10)
    { creator: 'alice', videos: 5, views: 200, medianViews: 30, viewsIqr: 20, medianEngagementRate: 0.3, shares: 5, comments: null, medianViralityScore: 1, value: 200 },
  );
  // carol: views [1000, missing] -> sum 1000, median 1000, IQR 0; shares [missing, 3] -> 3; rates all missing -> null
  const carol = board(c, 'views').find((r) => r.creator === 'carol')!;
  assert.equal([carol.videos, carol.views, carol.medianViews, carol.viewsIqr, carol.shares, carol.medianEngagementRate], [2, 1000, 1000, 0, 3, null]);
});
cc('leaderboards for every rank figure; ties by name in code-point order (B < a < b)', () => {
  const c = computeCreators(ctxOf(FIXTURE, { derived: FIXTURE_DERIVED }));
  assert.equal(c.leaderboards.map((l) => l.rankBy), ['views', 'engagement_rate', 'shares', 'comments', 'virality_score']);
  // total views: carol 1000; Bob, alice, bob 200 each; dave 100; eve 50
  assert.equal(names(board(c, 'views')), ['carol', 'Bob', 'alice', 'bob', 'dave', 'eve']);
  assert.equal(board(c, 'views').map((r) => r.value), [1000, 200, 200, 200, 100, 50]);
  // median rate: dave 0.9; Bob 0.3 = alice median(0.1..0.5) 0.3; bob 0.05; eve 0.01; carol none -> left out
  assert.equal(names(board(c, 'engagement_rate')), ['dave', 'Bob', 'alice', 'bob', 'eve']);
  // total shares: Bob 10, bob 5*2 = 10, eve 10; alice 5; carol 3; dave 0
  assert.equal(names(board(c, 'shares')), ['Bob', 'bob', 'eve', 'alice', 'carol', 'dave']);
  assert.equal(board(c, 'shares').map((r) => r.value), [10, 10, 10, 5, 3, 0]);
  // no comments column: no list of zeros
  assert.equal(board(c, 'comments'), []);
  // median score: dave 5, everyone else 1
  assert.equal(names(board(c, 'virality_score')), ['dave', 'Bob', 'alice', 'bob', 'carol', 'eve']);
  // top = the configured leaderboard
  assert.equal(c.rankBy, 'views');
  assert.equal(c.top, board(c, 'views'));
});
cc('top N cuts every leaderboard; rankBy picks `top`', () => {
  const c = computeCreators(ctxOf(FIXTURE, { derived: FIXTURE_DERIVED, rankBy: 'shares', top: 2 }));
  assert.is(c.rankBy, 'shares');
  assert.equal(names(c.top), ['Bob', 'bob']);
  assert.equal(c.top.map((r) => r.value), [10, 10]);
  assert.ok(c.leaderboards.every((l) => l.top.length <= 2));
});
cc('top-5 share of views counts every view in scope, rows without a creator too', () => {
  const c = computeCreators(ctxOf(FIXTURE, { derived: FIXTURE_DERIVED, top: 3 }));
  // top 5 by views: carol 1000 + Bob 200 + alice 200 + bob 200 + dave 100 = 1700 (independent of top: 3)
  // total: 200 + 200 + 200 + 1000 + 100 + 50 + 400 (no creator) = 2150
  close(c.topShareOfViews, 1700 / 2150);
});
cc('most consistent: smallest CV among creators with >= 5 videos', () => {
  const c = computeCreators(ctxOf(FIXTURE, { derived: FIXTURE_DERIVED }));
  // alice: mean 40, squares 900+400+100+0+3600 = 5000, var 5000/4 = 1250, cv = sqrt(1250)/40 = 0.88388...
  // bob:   [30,40,40,40,50] mean 40, squares 100+0+0+0+100 = 200, var 50, cv = sqrt(50)/40 = 0.17677...
  // Bob, carol, dave, eve have < 5 videos
  assert.is(c.mostConsistent!.creator, 'bob');
  assert.is(c.mostConsistent!.videos, 5);
  assert.is(c.mostConsistent!.medianViews, 40);
  close(c.mostConsistent!.cv, Math.sqrt(50) / 40);
  close(c.mostConsistent!.cv, 0.1767766952966369);
  assert.is(c.movement, null);
});
cc('most consistent ties by name; a 4-video creator with cv 0 does not qualify', () => {
  const same = [10, 20, 30, 40, 50];
  const c = computeCreators(ctxOf({
    creator: [...same.map(() => 'zed'), ...same.map(() => 'amy'), 'kim', 'kim', 'kim', 'kim'],
    views: [...same, ...same, 7, 7, 7, 7],
  }));
  // zed and amy: mean 30, squares 400+100+0+100+400 = 1000, var 250, cv = sqrt(250)/30
  assert.is(c.mostConsistent!.creator, 'amy');
  close(c.mostConsistent!.cv, Math.sqrt(250) / 30);
});
cc('all views 0: share and consistency undefined, medians 0', () => {
  const c = computeCreators(ctxOf({ creator: ['a', 'a', 'a', 'a', 'a', 'b'], views: [0, 0, 0, 0, 0, 0] }));
  assert.is(c.topShareOfViews, null);
  assert.is(c.mostConsistent, null); // mean 0: no coefficient of variation
  assert.equal(board(c, 'views').map((r) => [r.creator, r.views, r.medianViews, r.viewsIqr]), [['a', 0, 0, 0], ['b', 0, 0, 0]]);
  assert.equal(board(c, 'engagement_rate'), []); // views 0: no rate anywhere
});
cc('a single row', () => {
  const c = computeCreators(ctxOf({ creator: ['solo'], views: [42], shares: [3], comments: [4] }));
  assert.is(c.creatorsInScope, 1);
  assert.equal(c.top.map((r) => [r.creator, r.videos, r.views, r.medianViews, r.viewsIqr, r.shares, r.comments, r.value]), [['solo', 1, 42, 42, 0, 3, 4, 42]]);
  close(c.top[0].medianEngagementRate, 7 / 42); // (0 likes + 4 + 3) / 42
  assert.equal(board(c, 'comments').map((r) => r.value), [4]);
  assert.is(c.topShareOfViews, 1);
  assert.is(c.mostConsistent, null);
});
cc('only scope rows count', () => {
  const c = computeCreators(ctxOf({ creator: ['a', 'b', 'a'], views: [1, 100, 3] }, { rows: [0, 2] }));
  assert.is(c.creatorsInScope, 1);
  assert.equal(c.top.map((r) => [r.creator, r.videos, r.views]), [['a', 2, 4]]);
});
cc('no creator column: unavailable with a reason, arrays empty', () => {
  const c = computeCreators(ctxOf({ views: [1, 2] }));
  assert.is(c.available, false);
  assert.ok(c.reason && !c.reason.includes('\n'));
  assert.equal([c.top, c.creatorsInScope, c.topShareOfViews, c.mostConsistent, c.movement], [[], 0, null, null, null]);
  assert.equal(c.leaderboards.map((l) => [l.rankBy, l.top]), RANK_BYS.map((by) => [by, []]));
});
cc('creator column but no named creator in scope: unavailable', () => {
  const c = computeCreators(ctxOf({ creator: [null, 'x'], views: [1, 2] }, { rows: [0] }));
  assert.is(c.available, false);
  assert.ok(c.reason);
});
cc.run();

// ---
const lb = suite('leaderboard');
lb('orders by value desc then code point; a creator without the figure is left out', () => {
  // U+FF21 < U+1F600 by code point (UTF-16 units would say otherwise)
  const ctx = ctxOf({ creator: ['b', '\u{1F600}', '\uFF21', 'a'], views: [5, 9, 9, 5] }, { derived: { engagementRate: Float64Array.from([NaN, NaN, NaN, NaN]) } });
  const t = creatorTable(ctx);
  assert.is(t.n, 4);
  assert.equal(names(leaderboard(ctx, t, 'views', 10)), ['\uFF21', '\u{1F600}', 'a', 'b']);
  assert.equal(leaderboard(ctx, t, 'views', 10).map((r) => r.value), [9, 9, 5, 5]);
  assert.equal(names(leaderboard(ctx, t, 'views', 1)), ['\uFF21']);
  assert.equal(leaderboard(ctx, t, 'engagement_rate', 10), []); // no figure, no rank
  assert.equal(leaderboard(ctx, t, 'shares', 10), []); // no shares column
});
lb.run();
