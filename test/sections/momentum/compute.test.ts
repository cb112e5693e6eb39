// Momentum by hand (SPEC 6b): three weekly exports of a few videos, the gains of week 2025-W23
// worked out by hand from the counts below; baselines, videos without one, missing counts,
// filters, ties, `all`, the previous period, the time zone, and the one line without exports.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { StatsScratch } from '../../../src/stats/group.ts';
import { computeMomentum, previousMomentum, MOMENTUM_TEXT } from '../../../src/sections/momentum/compute.ts';
import { deriveMetrics } from '../../../src/data/derive.ts';
import { buildScope } from '../../../src/data/scope.ts';
import { isoToDay } from '../../../src/data/calendar.ts';
import type { DayRange } from '../../../src/periods.ts';
import type { Dataset, Filters } from '../../../src/types.ts';
import type { SectionContext } from '../../../src/sections/context.ts';
import { makeDataset, withHistory, type ExportSpec } from '../../helpers/dataset.ts';
import { e1, e2, e3, merged, weeklyDataset } from './fixture.ts';
import { testConfig, testReport } from '../../helpers/config.ts';

const week = (from: string, to: string, label: string): DayRange => ({ from: isoToDay(from), to: isoToDay(to), label });
const W23 = week('2025-06-02', '2025-06-08', '2025-W23');

function contextOf(ds: Dataset, range: DayRange | null, filters: Partial<Filters> = {}): SectionContext {
  const config = testConfig();
  const derived = deriveMetrics(ds, config.scoring);
  const report = testReport({ filters: { ...testReport().filters, ...filters } });
  const all = Uint32Array.from({ length: ds.rows }, (_, i) => i);
  const info = { from: null, to: null, label: range?.label ?? 'all dates' };
  return { dataset: ds, derived, scope: buildScope(ds, derived, all, config.scoring), report, config, scratch: new StatsScratch(), period: { range, info } };
}

const ds = weeklyDataset();

const m = suite('computeMomentum');

m('week 2025-W23: each gain is end minus baseline, worked out by hand', () => {
  const r = computeMomentum(contextOf(ds, W23));
  assert.ok(r.momentum);
  const mo = r.momentum!;
  // v1: e2 -> e3: 4000-1500=2500 views, 300-150=150 likes, 11-12=-1 comment (deleted: kept), 10-6=4 shares
  // v2: not in e2, baseline e1 -> e3: 700, 30, 3, 1
  // v3: published 2025-06-04, in the week: baseline 0 -> 3000, 600, 30, 20
  // v4: published 2025-05-30, before the week, in no export by its start: no gain
  // v5: e2 -> e3: 500 views, likes missing in e2 (left out of the likes), 0, 0
  // v6: in no export after the start: not seen in the week
  assert.equal(mo.gained, { views: 6700, likes: 780, comments: 32, shares: 25, engagementRate: 837 / 6700 });
  assert.equal(mo.gainedByNew, { views: 3000, likes: 600, comments: 30, shares: 20, engagementRate: 650 / 3000 });
  assert.equal(mo.videos, { withGain: 4, new: 1, withoutBaseline: 1, missing: { views: 0, likes: 1, comments: 0, shares: 0 } });
  assert.equal([mo.from, mo.to, mo.label], ['2025-06-02', '2025-06-08', '2025-W23']);
  assert.equal(mo.exports, [
    { file: 'tiktok-2025-05-26.csv', exportedAt: '2025-05-26T00:00:00.000Z', role: 'start' },
    { file: 'tiktok-2025-06-02.csv', exportedAt: '2025-06-02T00:00:00.000Z', role: 'start' },
    { file: 'tiktok-2025-06-09.csv', exportedAt: '2025-06-09T00:00:00.000Z', role: 'end' },
  ]);
  assert.equal(mo.top, [
    { id: 'v3', title: 'Gamma', creator: 'ana', platform: 'TikTok', viewsGained: 3000, new: true },
    { id: 'v1', title: 'Alpha', creator: 'ana', platform: 'TikTok', viewsGained: 2500, new: false },
    { id: 'v2', title: 'Beta', creator: 'bo', platform: 'YouTube', viewsGained: 700, new: false },
    { id: 'v5', title: 'Epsilon', creator: 'bo', platform: 'YouTube', viewsGained: 500, new: false },
  ]);
  assert.equal(mo.creators, [{ creator: 'ana', videos: 2, viewsGained: 5500 }, { creator: 'bo', videos: 2, viewsGained: 1200 }]);
  assert.equal(mo.byPlatform, [{ platform: 'TikTok', videos: 2, viewsGained: 5500 }, { platform: 'YouTube', videos: 2, viewsGained: 1200 }]);
  assert.is(mo.previous, null);
});

m('filters pick the videos by their merged row, whatever their publish date', () => {
  const mo = computeMomentum(contextOf(ds, W23, { platform: ['YouTube'] })).momentum!;
  assert.equal(mo.gained, { views: 1200, likes: 30, comments: 3, shares: 1, engagementRate: 34 / 1200 });
  assert.equal(mo.videos, { withGain: 2, new: 0, withoutBaseline: 0, missing: { views: 0, likes: 1, comments: 0, shares: 0 } });
  assert.equal(mo.gainedByNew, { views: 0, likes: 0, comments: 0, shares: 0, engagementRate: null });
  // only the exports that gave a YouTube video its baseline or end count are listed
  assert.equal(mo.exports.map((e) => e.file), ['tiktok-2025-05-26.csv', 'tiktok-2025-06-02.csv', 'tiktok-2025-06-09.csv']);
  const tiktok = computeMomentum(contextOf(ds, W23, { platform: ['TikTok'] })).momentum!;
  assert.is(tiktok.gained.views, 5500);
  assert.is(tiktok.videos.withoutBaseline, 1); // v4
});

m('the period before: baseline 2025-05-26, end 2025-06-02 (compare: previous)', () => {
  const prev = previousMomentum(contextOf(ds, W23), week('2025-05-26', '2025-06-01', '2025-W22'))!;
  // v1 1000 -> 1500; v6 50 -> 80; v5 (published 2025-05-10) first seen in e2: no baseline; v2 not in e2
  assert.equal(prev.gained, { views: 530, likes: 50, comments: 2, shares: 1, engagementRate: 53 / 530 });
  assert.equal(prev.videos, { withGain: 2, new: 0, withoutBaseline: 1, missing: { views: 0, likes: 0, comments: 0, shares: 0 } });
  assert.equal(prev.exports.map((e) => [e.file, e.role]), [['tiktok-2025-05-26.csv', 'start'], ['tiktok-2025-06-02.csv', 'end']]);
});

m('period all: from the first export to the last (the first is every baseline)', () => {
  const mo = computeMomentum(contextOf(ds, null)).momentum!;
  // baseline e1 only: v1 1000 -> 4000 = 3000; v2 200 -> 900 = 700; v6 50 -> 80 (e2) = 30;
  // v3 (06-04) and v4 (05-30) published on or after the first export's day: from 0 -> 3000, 800;
  // v5 (05-10) not in e1: no baseline
  assert.equal([mo.from, mo.to, mo.label], ['2025-05-26', '2025-06-09', '2025-05-26 – 2025-06-09']);
  assert.is(mo.gained.views, 7530);
  assert.equal(mo.videos, { withGain: 5, new: 2, withoutBaseline: 1, missing: { views: 0, likes: 0, comments: 0, shares: 0 } });
  assert.equal(mo.exports.map((e) => [e.file, e.role]), [['tiktok-2025-05-26.csv', 'start'], ['tiktok-2025-06-02.csv', 'end'], ['tiktok-2025-06-09.csv', 'end']]);
});

m('equal gains rank by title in code-point order; creators and platforms by name', () => {
  const d = withHistory(makeDataset({ id: ['a', 'b', 'c'], title: ['b-title', 'B-title', 'a-title'], creator: ['y', 'x', 'z'], platform: ['P', 'O', 'Q'], date: ['2025-01-01', '2025-01-01', '2025-01-01'] }), [
    { path: 'x-2025-06-01.csv', exportedAt: '2025-06-01T00:00:00.000Z', rows: [{ id: 'a', views: 0 }, { id: 'b', views: 0 }, { id: 'c', views: 0 }] },
    { path: 'x-2025-06-08.csv', exportedAt: '2025-06-08T00:00:00.000Z', rows: [{ id: 'a', views: 10 }, { id: 'b', views: 10 }, { id: 'c', views: 10 }] },
  ]);
  const mo = computeMomentum(contextOf(d, W23)).momentum!;
  assert.equal(mo.top.map((t) => t.title), ['B-title', 'a-title', 'b-title']);
  assert.equal(mo.creators.map((c) => c.creator), ['x', 'y', 'z']);
  assert.equal(mo.byPlatform.map((p) => p.platform), ['O', 'P', 'Q']);
  // no likes, comments or shares in any export: those gains are null, engagement counts them as 0
  assert.equal(mo.gained, { views: 30, likes: null, comments: null, shares: null, engagementRate: 0 });
});

m('the period starts in the report time zone: 23:30 UTC on 1 June is 2 June in Tokyo', () => {
  const exports = (t: string): ExportSpec[] => [
    { path: 'a.csv', exportedAt: '2025-05-30T00:00:00.000Z', rows: [{ id: 'v', views: 10 }] },
    { path: 'b.csv', exportedAt: t, rows: [{ id: 'v', views: 50 }] },
    { path: 'c.csv', exportedAt: '2025-06-05T00:00:00.000Z', rows: [{ id: 'v', views: 80 }] },
  ];
  const base = { id: ['v'], date: ['2025-01-01'] };
  const utc = computeMomentum(contextOf(withHistory(makeDataset(base, 'UTC'), exports('2025-06-01T23:30:00.000Z')), W23)).momentum!;
  assert.is(utc.gained.views, 30); // b.csv is before the start (UTC): 50 -> 80
  const tokyo = computeMomentum(contextOf(withHistory(makeDataset(base, 'Asia/Tokyo'), exports('2025-06-01T23:30:00.000Z')), W23)).momentum!;
  assert.is(tokyo.gained.views, 70); // b.csv is 2 June 08:30 in Tokyo, inside the week: 10 -> 80
});

m('without two exports of the same videos: null, and the one line says what it needs', () => {
  const one = computeMomentum(contextOf(makeDataset(merged), W23));
  assert.is(one.momentum, null);
  assert.is((one as { reason: string }).reason, 'Momentum needs two or more exports of the same videos with a video id column; this input has one export.');
  const noId: Dataset = { ...makeDataset({ views: [1, 2] }), inputs: [...withHistory(ds, [e1, e2, e3]).inputs!] };
  const r = computeMomentum(contextOf(noId, W23));
  assert.is((r as { reason: string }).reason, MOMENTUM_TEXT.noHistory(3));
  assert.match(MOMENTUM_TEXT.noHistory(3), /this input has 3 exports but no video id column\.$/);
});

m('exports that do not surround the period: null, with the exports dates', () => {
  const later = computeMomentum(contextOf(ds, week('2025-06-16', '2025-06-22', '2025-W25')));
  assert.is(later.momentum, null);
  assert.is((later as { reason: string }).reason, 'Momentum needs an export made by the start of 2025-W25 (16-22 Jun 2025) and a later one by its end; the 3 exports were made from 2025-05-26 to 2025-06-09.');
  const earlier = computeMomentum(contextOf(ds, week('2025-05-12', '2025-05-18', '2025-W20')));
  assert.is(earlier.momentum, null);
});

m.run();

const used = suite('exports used');

used('an export listed is one a gain came from: not one that only a video without a gain is in', () => {
  const d = withHistory(makeDataset({ id: ['a', 'b'], date: ['2025-01-01', '2025-01-01'] }), [
    { path: 'only-b-2025-05-01.csv', exportedAt: '2025-05-01T00:00:00.000Z', rows: [{ id: 'b', views: 1 }] }, // b: no end row
    { path: 'a-2025-06-01.csv', exportedAt: '2025-06-01T00:00:00.000Z', rows: [{ id: 'a', views: 10 }] },
    { path: 'a-2025-06-08.csv', exportedAt: '2025-06-08T00:00:00.000Z', rows: [{ id: 'a', views: 25 }] },
  ]);
  const mo = computeMomentum(contextOf(d, W23)).momentum!;
  assert.is(mo.gained.views, 15);
  assert.equal(mo.exports.map((e) => e.file), ['a-2025-06-01.csv', 'a-2025-06-08.csv']);
});

used.run();
