import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  comparisonInsights, computeInsights, ID_FIGURES, keyFindings, MIN_GROUP_VIDEOS, MIN_LIFT, MIN_SCOPE_VIDEOS, sortInsights,
} from '../src/insights.ts';
import { formatCompact, formatDuration, formatInt, formatNumber, formatPct, formatSignedPct } from '../src/format.ts';
import { WEEKDAYS } from '../src/types.ts';
import type { Insight, ReportModel } from '../src/types.ts';
import { sampleModel } from './fixtures/model.ts';

// Expected sentences and figures below are worked out by hand from the figures each test sets.

/** A deep copy of sampleModel() (its objects are shared between calls) with the parts under test replaced. */
function modelWith(edit: (m: ReportModel) => void): ReportModel {
  const m = structuredClone(sampleModel());
  edit(m);
  return m;
}

/** A flat day: every hour has `videos` videos at `median` views; `set` overrides hours. */
function hours(set: Record<number, [number, number | null]>, videos = 50, median = 40_000): ReportModel['growth']['byHour'] {
  return Array.from({ length: 24 }, (_, hour) => {
    const [v, m] = set[hour] ?? [videos, median];
    return { hour, videos: v, medianViews: m };
  });
}
function days(set: Record<string, [number, number | null]>, videos = 300, median = 40_000): ReportModel['growth']['byWeekday'] {
  return WEEKDAYS.map((weekday) => {
    const [v, m] = set[weekday] ?? [videos, median];
    return { weekday, videos: v, medianViews: m };
  });
}

/** Timing-only model: overall median 40,000, flat hours and days unless set. */
function timingModel(h: Record<number, [number, number | null]>, d: Record<string, [number, number | null]> = {}): ReportModel {
  return modelWith((m) => {
    m.overview.medianViews = 40_000;
    m.growth.byHour = hours(h);
    m.growth.byWeekday = days(d);
  });
}

const of = (list: Insight[], kind: string): Insight[] => list.filter((i) => i.kind === kind);
const one = (list: Insight[], kind: string): Insight => {
  const found = of(list, kind);
  assert.is(found.length, 1, `expected one ${kind}, got ${found.length}`);
  return found[0];
};
const close = (a: unknown, b: number) => assert.ok(typeof a === 'number' && Math.abs(a - b) < 1e-12, `${String(a)} != ${b}`);

/** Every way a number may be printed in a sentence (the format.ts helpers the module uses). */
function renderings(v: number): string[] {
  return [
    formatInt(v), formatCompact(v), formatPct(v, 1), formatPct(Math.abs(v), 1), formatPct(v, 2), formatNumber(v, 2),
    formatDuration(v), formatSignedPct(v, 1), String(v),
  ];
}

/**
 * The generic contract: each figure (other than ID_FIGURES) appears in the text in one of its
 * renderings, and every number in the text (after removing the string figures, which may hold
 * digits: "19:00–19:59", "18–36s") is a rendering of one of the figures.
 */
function checkFigures(list: Insight[]): Insight[] {
  for (const i of list) {
    let rest = i.text;
    const strings = Object.entries(i.figures).filter(([k, v]) => typeof v === 'string' && !ID_FIGURES.includes(k)) as [string, string][];
    for (const [k, v] of strings) assert.ok(i.text.includes(v), `${i.kind}: figure ${k}="${v}" not in "${i.text}"`);
    for (const [, v] of strings.sort((a, b) => b[1].length - a[1].length)) rest = rest.split(v).join(' ');
    const numbers = Object.entries(i.figures).filter((e): e is [string, number] => typeof e[1] === 'number');
    for (const [k, v] of numbers) {
      assert.ok(renderings(v).some((r) => i.text.includes(r)), `${i.kind}: figure ${k}=${v} not in "${i.text}"`);
    }
    const allowed = new Set(numbers.flatMap(([, v]) => renderings(v)));
    for (const token of rest.match(/[−+]?\d(?:[\d,.:]*\d)?[KMBT]?%?/g) ?? []) {
      assert.ok(allowed.has(token), `${i.kind}: "${token}" in "${i.text}" is not a figure`);
    }
  }
  return list;
}
const insightsOf = (m: ReportModel): Insight[] => checkFigures(computeInsights(m));

// ---
const compute = suite('computeInsights');

compute('the sample model yields every kind, in section order, and each text states its figures', () => {
  const list = insightsOf(sampleModel());
  assert.equal([...new Set(list.map((i) => i.kind))], [
    'tier-thresholds', 'kpi-mover', 'best-hour', 'worst-hour', 'best-weekday', 'worst-weekday',
    'creator-concentration', 'consistent-creator', 'leaderboard-movement', 'best-duration', 'best-hashtag', 'best-category',
    'viral-potential', 'segment-spread', 'rows-dropped',
  ]);
  const sections = list.map((i) => i.section);
  const order = ['overview', 'growth', 'creators', 'virality', 'segments', 'explorer'];
  assert.equal(sections, [...sections].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
  assert.ok(list.every((i) => order.includes(i.section)));
});

compute('tier thresholds: the top 5% group is the Top 5% and Top 1% tiers, its minimum the Top 5% tier minimum', () => {
  const m = modelWith((x) => {
    x.overview.videos = 1000;
    const t5 = x.overview.tiers.find((t) => t.tier === 'Top 5%')!;
    const t1 = x.overview.tiers.find((t) => t.tier === 'Top 1%')!;
    Object.assign(t5, { videos: 40, minViews: 250_000 });
    Object.assign(t1, { videos: 10, minViews: 1_000_000 });
  });
  const i = one(insightsOf(m), 'tier-thresholds');
  assert.is(i.section, 'overview');
  // 40 + 10 = 50 videos = 5.0% of 1,000; 10 = 1.0%
  assert.is(i.text, 'The top 50 videos (5.0% of the total) have at least 250,000 views each; the top 10 (1.0%) have at least 1,000,000 views.');
  assert.equal(i.figures, { topVideos: 50, topShare: 0.05, topMinViews: 250_000, top1Videos: 10, top1Share: 0.01, top1MinViews: 1_000_000 });
});

compute('tier thresholds: the top 1% clause needs 5 videos, the sentence needs 5 in the top group', () => {
  const set = (t5v: number, t1v: number) => modelWith((x) => {
    x.overview.videos = 400;
    Object.assign(x.overview.tiers.find((t) => t.tier === 'Top 5%')!, { videos: t5v, minViews: 90_000 });
    Object.assign(x.overview.tiers.find((t) => t.tier === 'Top 1%')!, { videos: t1v, minViews: 300_000 });
  });
  const i = one(insightsOf(set(16, 4)), 'tier-thresholds');
  assert.is(i.text, 'The top 20 videos (5.0% of the total) have at least 90,000 views each.');
  assert.equal(Object.keys(i.figures), ['topVideos', 'topShare', 'topMinViews']);
  assert.is(of(insightsOf(set(2, 2)), 'tier-thresholds').length, 0);
});

compute('viral potential: High share, and the candidates when virality has a threshold', () => {
  const i = one(insightsOf(sampleModel()), 'viral-potential');
  assert.is(i.section, 'virality');
  assert.is(i.text, '1,248 videos (10.0%) have High viral potential; 1,248 (10.0%) score at or above the virality threshold of 10.62.');
  assert.equal(i.figures, { highVideos: 1248, highShare: 0.1, candidates: 1248, candidateShare: 0.1, threshold: 10.62 });
  const m = modelWith((x) => {
    x.virality.available = false;
    x.virality.threshold = null;
  });
  assert.is(one(insightsOf(m), 'viral-potential').text, '1,248 videos (10.0%) have High viral potential.');
});

compute('best and worst hour: lift against the overall median, with the videos behind each', () => {
  // 18h: 57,600 / 40,000 - 1 = +0.44; 4h: 30,000 / 40,000 - 1 = -0.25
  const list = insightsOf(timingModel({ 18: [212, 57_600], 4: [30, 30_000] }));
  const best = one(list, 'best-hour');
  assert.is(best.section, 'growth');
  assert.is(best.text, 'The best publish hour is 18:00–18:59 (UTC): its 212 videos have a median of 57.6K views, 44.0% above the overall median of 40K.');
  assert.is(best.figures.hour, 18);
  assert.is(best.figures.videos, 212);
  assert.is(best.figures.medianViews, 57_600);
  assert.is(best.figures.overallMedianViews, 40_000);
  close(best.figures.lift, 0.44);
  const worst = one(list, 'worst-hour');
  assert.is(worst.text, 'The weakest publish hour is 04:00–04:59 (UTC): its 30 videos have a median of 30K views, 25.0% below the overall median of 40K.');
  close(worst.figures.lift, -0.25);
});

compute('best hour backed by 3 videos: no sentence', () => {
  const list = insightsOf(timingModel({ 18: [3, 90_000] }));
  assert.is(of(list, 'best-hour').length, 0);
  assert.is(of(list, 'worst-hour').length, 0);
});

compute('a higher hour with too few videos is named as excluded: "among hours with at least 20 videos"', () => {
  const list = insightsOf(timingModel({ 18: [212, 57_600], 3: [3, 200_000] }));
  const best = one(list, 'best-hour');
  assert.is(best.text, 'The best publish hour among hours with at least 20 videos is 18:00–18:59 (UTC): its 212 videos have a median of 57.6K views, 44.0% above the overall median of 40K.');
  assert.is(best.figures.minGroupVideos, MIN_GROUP_VIDEOS);
});

compute('lift of 5% is not a best hour; exactly 10% is', () => {
  assert.is(of(insightsOf(timingModel({ 18: [212, 42_000] })), 'best-hour').length, 0);
  assert.is(of(insightsOf(timingModel({ 18: [212, 38_000] })), 'worst-hour').length, 0);
  const i = one(insightsOf(timingModel({ 18: [212, 44_000] })), 'best-hour');
  assert.ok(i.text.includes('10.0% above'));
  assert.ok(MIN_LIFT === 0.1);
});

compute('hours from an hour column carry no time zone', () => {
  const m = timingModel({ 18: [212, 57_600] });
  m.growth.hourSource = 'hour-column';
  const i = one(insightsOf(m), 'best-hour');
  assert.is(i.text, 'The best publish hour is 18:00–18:59: its 212 videos have a median of 57.6K views, 44.0% above the overall median of 40K.');
  assert.is(i.figures.timezone, undefined);
});

compute('best and worst weekday', () => {
  // Friday 50,000 / 40,000 = +25%; Sunday 34,000 / 40,000 = -15%
  const list = insightsOf(timingModel({}, { Friday: [1_898, 50_000], Sunday: [1_212, 34_000] }));
  assert.is(one(list, 'best-weekday').text, 'The best publish day is Friday: its 1,898 videos have a median of 50K views, 25.0% above the overall median of 40K.');
  assert.is(one(list, 'worst-weekday').text, 'The weakest publish day is Sunday: its 1,212 videos have a median of 34K views, 15.0% below the overall median of 40K.');
  assert.equal(Object.keys(one(list, 'best-weekday').figures), ['weekday', 'videos', 'medianViews', 'overallMedianViews', 'lift']);
});

compute('a scope under 100 videos has no group insights (hour, weekday, content, segments)', () => {
  const m = timingModel({ 18: [212, 57_600] }, { Friday: [1_898, 50_000] });
  m.overview.videos = MIN_SCOPE_VIDEOS - 1;
  const kinds = insightsOf(m).map((i) => i.kind);
  for (const k of ['best-hour', 'worst-hour', 'best-weekday', 'worst-weekday', 'best-duration', 'best-hashtag', 'best-category', 'segment-spread']) {
    assert.not.ok(kinds.includes(k), k);
  }
});

compute('creator concentration and the most consistent creator', () => {
  const m = modelWith((x) => {
    x.creators.topShareOfViews = 0.25;
    x.creators.creatorsInScope = 40;
    x.creators.mostConsistent = { creator: 'ana', videos: 25, medianViews: 12_000, cv: 0.4 };
  });
  const list = insightsOf(m);
  const c = one(list, 'creator-concentration');
  assert.is(c.section, 'creators');
  assert.is(c.text, 'The top 5 creators hold 25.0% of all views, out of 40 creators in scope.');
  assert.equal(c.figures, { topCreators: 5, topShareOfViews: 0.25, creatorsInScope: 40 });
  const k = one(list, 'consistent-creator');
  assert.is(k.text, 'ana has the most consistent views: a coefficient of variation of 0.40 across 25 videos, with a median of 12K views.');
  assert.equal(k.figures, { creator: 'ana', cv: 0.4, videos: 25, medianViews: 12_000 });
});

compute('creator rules: 10+ creators for concentration, 20+ videos for consistency', () => {
  const m = modelWith((x) => {
    x.creators.creatorsInScope = 9;
    x.creators.mostConsistent = { creator: 'ana', videos: 19, medianViews: 12_000, cv: 0.4 };
  });
  const list = insightsOf(m);
  assert.is(of(list, 'creator-concentration').length, 0);
  assert.is(of(list, 'consistent-creator').length, 0);
  const off = modelWith((x) => {
    x.creators.available = false;
  });
  assert.is(insightsOf(off).filter((i) => i.section === 'creators' && i.kind.includes('creator')).length, 0);
});

compute('best duration bucket and hashtag by median views', () => {
  // sample: 18–36s 44,900 / 38,250 - 1 = 6,650 / 38,250 = 0.17386 -> 17.4%; 38,250 -> 38.3K
  const list = insightsOf(sampleModel());
  const d = one(list, 'best-duration');
  assert.is(d.section, 'creators');
  assert.is(d.text, 'The best duration is 18–36s: its 4,210 videos have a median of 44.9K views, 17.4% above the overall median of 38.3K.');
  close(d.figures.lift, 6_650 / 38_250);
  const m = modelWith((x) => {
    x.overview.medianViews = 40_000;
    x.content.hashtags = [
      { hashtag: '#a', videos: 10, medianViews: 90_000 },
      { hashtag: '#b', videos: 25, medianViews: 50_000 },
      { hashtag: '#c', videos: 40, medianViews: 45_000 },
    ];
  });
  const h = one(insightsOf(m), 'best-hashtag');
  assert.is(h.text, 'The best-performing hashtag among hashtags with at least 20 videos is #b: its 25 videos have a median of 50K views, 25.0% above the overall median of 40K.');
  assert.equal(h.figures, { hashtag: '#b', videos: 25, medianViews: 50_000, overallMedianViews: 40_000, lift: 0.25, minGroupVideos: 20 });
});

compute('content rules: one qualifying hashtag is not a "best"; unavailable parts are skipped', () => {
  const m = modelWith((x) => {
    x.content.hashtags = [{ hashtag: '#b', videos: 25, medianViews: 90_000 }, { hashtag: '#c', videos: 4, medianViews: 10_000 }];
    x.content.durationAvailable = { available: false, reason: 'No duration column was found in the input.' };
  });
  const list = insightsOf(m);
  assert.is(of(list, 'best-hashtag').length, 0);
  assert.is(of(list, 'best-duration').length, 0);
});

compute('segment spread: strongest vs weakest segment with 20+ videos', () => {
  const m = modelWith((x) => {
    x.segments = [{
      by: 'platform', metric: 'views', aggregation: 'median', available: true, reason: null,
      rows: [
        { segment: 'C', videos: 5, value: 90_000 },
        { segment: 'A', videos: 100, value: 60_000 },
        { segment: 'B', videos: 50, value: 50_000 },
        { segment: 'D', videos: 30, value: 40_000 },
      ],
    }, {
      by: 'category', metric: 'engagement_rate', aggregation: 'mean', available: true, reason: null,
      rows: [{ segment: 'Food', videos: 300, value: 0.08 }, { segment: 'News', videos: 200, value: 0.05 }],
    }];
  });
  const [a, b] = of(insightsOf(m), 'segment-spread');
  assert.is(a.section, 'segments');
  // 60,000 / 40,000 - 1 = 0.5; C (5 videos) is above A, so the rule is named
  assert.is(a.text, 'By platform (segments with at least 20 videos), A has the highest median views (60K), 50.0% above D, the lowest (40K).');
  assert.equal(a.figures, {
    by: 'platform', metric: 'views', aggregation: 'median', strongest: 'A', strongestValue: 60_000, weakest: 'D', weakestValue: 40_000, lift: 0.5, minGroupVideos: 20,
  });
  // 0.08 / 0.05 - 1 = 0.6
  assert.is(b.text, 'By category, Food has the highest average engagement rate (8.00%), 60.0% above News, the lowest (5.00%).');
  close(b.figures.lift, 0.6);
});

compute('segment rules: spread under 10%, views by performance tier, unavailable, too few segments', () => {
  const seg = (by: 'platform' | 'performance_tier', rows: { segment: string; videos: number; value: number | null }[], available = true) =>
    ({ by, metric: 'views' as const, aggregation: 'median' as const, available, reason: available ? null : 'x', rows });
  const m = modelWith((x) => {
    x.segments = [
      seg('platform', [{ segment: 'A', videos: 100, value: 43_600 }, { segment: 'B', videos: 100, value: 40_000 }]), // +9%
      seg('performance_tier', [{ segment: 'Top 1%', videos: 100, value: 2e6 }, { segment: 'Baseline', videos: 900, value: 1e4 }]),
      seg('platform', [], false),
      seg('platform', [{ segment: 'A', videos: 100, value: 90_000 }, { segment: 'B', videos: 19, value: 10_000 }]),
    ];
  });
  assert.is(of(insightsOf(m), 'segment-spread').length, 0);
});

compute('segment lists cut at 20 rows name the weakest as "the lowest of the 20 shown"', () => {
  const rows = Array.from({ length: 20 }, (_, k) => ({ segment: `S${String.fromCharCode(65 + k)}`, videos: 50, value: 100_000 - k * 2_000 }));
  const m = modelWith((x) => {
    x.segments = [{ by: 'country', metric: 'views', aggregation: 'median', available: true, reason: null, rows }];
  });
  // SA 100,000, ST 62,000: 100,000 / 62,000 - 1 = 0.6129 -> 61.3%
  const i = one(insightsOf(m), 'segment-spread');
  assert.is(i.text, 'By country, SA has the highest median views (100K), 61.3% above ST, the lowest of the 20 shown (62K).');
  assert.is(i.figures.shown, 20);
});

compute('rows dropped: share of input rows and the most common reason (ties by name)', () => {
  const i = one(insightsOf(sampleModel()), 'rows-dropped');
  assert.is(i.section, 'explorer');
  // 74 + 1 + 56 = 131; 131 / 12,611 = 1.04%
  assert.is(i.text, '131 of 12,611 input rows (1.0%) cannot be used; the most common reason is unparseable views (74 rows).');
  const m = modelWith((x) => {
    x.input.rowsRead = 1_000;
    x.input.rowsDropped = { 'ragged row': 5, 'empty views': 5 };
  });
  assert.is(one(insightsOf(m), 'rows-dropped').text, '10 of 1,000 input rows (1.0%) cannot be used; the most common reason is empty views (5 rows).');
  assert.is(of(insightsOf(modelWith((x) => { x.input.rowsDropped = {}; })), 'rows-dropped').length, 0);
});

compute('no data, no sentence: an empty model section yields nothing for it', () => {
  const m = modelWith((x) => {
    x.growth.byHour = [];
    x.growth.byWeekday = [];
    x.overview.medianViews = null;
    x.segments = [];
    x.comparison = null;
    x.creators.movement = null;
  });
  const kinds = insightsOf(m).map((i) => i.kind);
  for (const k of ['best-hour', 'best-weekday', 'best-duration', 'segment-spread', 'kpi-mover', 'leaderboard-movement']) assert.not.ok(kinds.includes(k), k);
});

compute('deterministic and pure: same output twice, model untouched', () => {
  const m = sampleModel();
  const before = JSON.stringify(m);
  const a = computeInsights(m);
  const b = computeInsights(m);
  assert.equal(a, b);
  assert.is(JSON.stringify(m), before);
  assert.equal(computeInsights(sampleModel()), a);
});

compute('the figure check itself rejects a number missing from figures and a figure missing from the text', () => {
  // uvu's assert.throws re-throws assertion errors, so catch them here
  const rejects = (text: string, figures: Insight['figures']): boolean => {
    try {
      checkFigures([{ section: 'growth', kind: 'x', text, figures }]);
      return false;
    } catch {
      return true;
    }
  };
  assert.ok(rejects('Median views rose 12.4%, from 36.9K to 38.3K.', { change: 0.124, previous: 36_900 }));
  assert.ok(rejects('Median views rose 12.4%.', { change: 0.124, previous: 36_900 }));
  checkFigures([{ section: 'growth', kind: 'x', text: 'Median views rose 12.4%, from 36.9K to 38.3K.', figures: { change: 0.124, previous: 36_900, current: 38_250 } }]);
});

compute('sentences are plain: no hype words, one sentence ending in a full stop', () => {
  for (const i of insightsOf(sampleModel())) {
    assert.ok(i.text.endsWith('.'), i.text);
    assert.not.ok(/!|amazing|huge|massive|incredible|skyrocket|explod/i.test(i.text), i.text);
  }
});

compute.run();

// ---
const compare = suite('comparisonInsights');

compare('the sample: the three biggest KPI movers and the leaderboard movement', () => {
  const list = checkFigures(comparisonInsights(sampleModel()));
  // videos 1,378 / 11,102 = 12.41%; total views 202,176,410 / 1,641,050,000 = 12.32%;
  // median duration 2 / 29 = 6.90%; engagement rate -6.13% is fourth and left out
  assert.equal(list.map((i) => i.text), [
    'The number of videos rose 12.4%, from 11,102 to 12,480.',
    'Total views rose 12.3%, from 1.6B to 1.8B.',
    'Median duration rose 6.9%, from 0:29 to 0:31.',
    '2 creators entered the top 15 by views (mika.diy, astro.facts) and 1 left (old.channel).',
  ]);
  assert.equal(list.map((i) => i.section), ['overview', 'overview', 'overview', 'creators']);
  assert.equal(list[0].figures, { kpi: 'videos', label: 'The number of videos', change: 1_378 / 11_102, previous: 11_102, current: 12_480 });
  assert.equal(list[3].figures, { top: 15, rankBy: 'views', entered: 2, left: 1, enteredNames: 'mika.diy, astro.facts', leftNames: 'old.channel' });
});

compare('movers need a 5% change; a fall reads "fell"', () => {
  const m = modelWith((x) => {
    const c = x.comparison!;
    for (const k of Object.keys(c.changes)) c.changes[k] = { absolute: 0, percent: 0.049 };
    c.overview.medianEngagementRate = 0.08;
    x.overview.medianEngagementRate = 0.06;
    c.changes.medianEngagementRate = { absolute: -0.02, percent: -0.25 };
    x.creators.movement = null;
  });
  const list = checkFigures(comparisonInsights(m));
  assert.equal(list.map((i) => i.text), ['Median engagement rate fell 25.0%, from 8.00% to 6.00%.']);
});

compare('leaderboard movement: entered only, left only, more than five names', () => {
  const base = (entered: string[], left: string[]) => modelWith((x) => {
    for (const k of Object.keys(x.comparison!.changes)) x.comparison!.changes[k] = { absolute: 0, percent: 0 };
    x.creators.movement = { entered, left };
  });
  assert.equal(checkFigures(comparisonInsights(base(['a'], []))).map((i) => i.text), ['1 creator entered the top 15 by views: a.']);
  assert.equal(checkFigures(comparisonInsights(base([], ['x', 'y']))).map((i) => i.text), ['2 creators left the top 15 by views: x, y.']);
  const many = checkFigures(comparisonInsights(base(['a', 'b', 'c', 'd', 'e', 'f', 'g'], [])));
  assert.equal(many.map((i) => i.text), ['7 creators entered the top 15 by views: a, b, c, d, e and 2 more.']);
  assert.equal(many[0].figures, { top: 15, rankBy: 'views', entered: 7, enteredNames: 'a, b, c, d, e', enteredMore: 2 });
  assert.equal(comparisonInsights(base([], [])), []);
});

compare('no comparison, or a period under 100 videos: nothing', () => {
  assert.equal(comparisonInsights(modelWith((x) => { x.comparison = null; })), []);
  assert.equal(comparisonInsights(modelWith((x) => { x.comparison!.overview.videos = 99; })), []);
  assert.equal(comparisonInsights(modelWith((x) => { x.overview.videos = 99; })), []);
});

compare('computeInsights carries the comparison insights', () => {
  const m = sampleModel();
  const all = computeInsights(m);
  for (const i of comparisonInsights(m)) assert.ok(all.some((a) => a.text === i.text), i.text);
});

compare.run();

// ---
const key = suite('keyFindings');

const ins = (kind: string, lift: number | null, section = 'growth'): Insight =>
  ({ section, kind, text: `${kind} ${lift}`, figures: lift === null ? {} : { lift } });

key('the sample: five different kinds by the fixed priority', () => {
  assert.equal(keyFindings(computeInsights(sampleModel())).map((i) => i.kind), [
    'tier-thresholds', 'creator-concentration', 'best-hour', 'best-weekday', 'viral-potential',
  ]);
});

key('priority first, then |lift| within a kind; one per kind before a second of any kind', () => {
  const list = [ins('segment-spread', 0.5), ins('segment-spread', 2), ins('segment-spread', 1), ins('best-hour', 0.2), ins('tier-thresholds', null)];
  assert.equal(keyFindings(list).map((i) => i.text), ['tier-thresholds null', 'best-hour 0.2', 'segment-spread 2', 'segment-spread 1', 'segment-spread 0.5']);
  assert.equal(keyFindings(list, 3).map((i) => i.text), ['tier-thresholds null', 'best-hour 0.2', 'segment-spread 2']);
  const spread = [ins('segment-spread', 3), ins('segment-spread', 2), ins('best-duration', 0.1)];
  assert.equal(keyFindings(spread, 2).map((i) => i.text), ['segment-spread 3', 'best-duration 0.1']);
});

key('negative lifts rank by size; comparison kinds are left out; unknown kinds rank last', () => {
  const list = [ins('worst-hour', -0.1), ins('worst-hour', -0.4), ins('kpi-mover', 0.9), ins('leaderboard-movement', null), ins('zz-custom', 5)];
  assert.equal(keyFindings(list).map((i) => i.text), ['worst-hour -0.4', 'worst-hour -0.1', 'zz-custom 5']);
});

key('deterministic whatever the input order', () => {
  const list = computeInsights(sampleModel());
  assert.equal(keyFindings([...list].reverse()), keyFindings(list));
  assert.equal(keyFindings([]), []);
});

key.run();

// ---
const sorter = suite('sortInsights');

sorter('section order, then kind order, unknown ones last by name, stable within a kind', () => {
  const list = [
    ins('rows-dropped', null, 'explorer'), ins('best-hour', 1, 'growth'), ins('zeta', null, 'mystery'), ins('alpha', null, 'mystery'),
    ins('segment-spread', 2, 'segments'), ins('segment-spread', 1, 'segments'), ins('kpi-mover', null, 'overview'),
    ins('tier-thresholds', null, 'overview'), ins('custom', null, 'growth'), ins('worst-hour', 1, 'growth'), ins('x', null, 'another'),
  ];
  assert.equal(sortInsights(list).map((i) => `${i.section}/${i.text}`), [
    'overview/tier-thresholds null', 'overview/kpi-mover null',
    'growth/best-hour 1', 'growth/worst-hour 1', 'growth/custom null',
    'segments/segment-spread 2', 'segments/segment-spread 1',
    'explorer/rows-dropped null',
    'another/x null', 'mystery/alpha null', 'mystery/zeta null',
  ]);
});

sorter.run();
