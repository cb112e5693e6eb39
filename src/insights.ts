// Plain-language insights: short, deterministic sentences built from the ReportModel's own figures
// (no language model, no figure that is not in the model). Each insight carries in `figures` the
// exact numbers and labels its sentence shows, and is emitted only when its evidence rule holds.
// keyFindings() ranks them for the cover; comparisonInsights() covers `compare: previous`.
// Values from the data in a sentence (a creator, a hashtag, a segment) are marked in its parts
// (insightParts) so the report can isolate them; `text` itself, in metrics.json, stays plain.
import { dropReasonText, rowsText } from './messages.ts';
import type { Aggregation, Insight, Metric, RankBy, ReportModel, SegmentBy, SegmentResult } from './types.ts';
import { formatCompact, formatDuration, formatInt, formatNumber, formatPct } from './format.ts';
import { compareCodePoints } from './stats/group.ts';
import { SEGMENT_TOP } from './sections/segments/compute.ts';

// ---------------------------------------------------------------------------
// Evidence rules

/**
 * A group (publish hour, weekday, segment, duration bucket, hashtag, category, creator) counts
 * only with at least this many videos; smaller groups are left out of best/worst/strongest picks.
 */
export const MIN_GROUP_VIDEOS = 20;

/**
 * Group insights (hour, weekday, segment, duration, hashtag, category) and previous-period
 * comparisons need at least this many videos in scope (in both periods for comparisons).
 */
export const MIN_SCOPE_VIDEOS = 100;

/** A best/worst pick needs at least this many qualifying groups, so "best" compares something. */
export const MIN_COMPARED_GROUPS = 2;

/**
 * A best group is reported only when its median views are at least 10% above the overall median
 * (lift >= +0.10), a worst group only when at least 10% below (lift <= -0.10); a segment spread
 * only when the strongest segment is at least 10% above the weakest. Lift = group / reference - 1.
 * Comparisons allow LIFT_EPSILON of floating-point slack, so an exact 10% counts.
 */
export const MIN_LIFT = 0.1;
const LIFT_EPSILON = 1e-9;

/** The top-views tiers are described only when the tier (group) holds at least this many videos. */
export const MIN_TIER_VIDEOS = 5;

/** Creator concentration names the share of the top 5 creators (as computed in sections/creators.ts). */
export const TOP_SHARE_CREATORS = 5;
/** ...and is reported only when at least this many creators are in scope (top 5 is then at most half of them). */
export const MIN_CREATORS_FOR_SHARE = 10;

/** A headline KPI is a mover only when it changed by at least 5% against the previous period. */
export const MIN_KPI_CHANGE = 0.05;
/** At most this many KPI movers are reported, biggest absolute relative change first. */
export const MAX_KPI_MOVERS = 3;
/** Leaderboard movement names at most this many creators per list, then "and N more". */
export const MAX_NAMES = 5;

/**
 * Figures that identify what an insight is about (a segment comparison's dimension, metric and
 * aggregation, a KPI key, a leaderboard's rank figure) and are not printed in its text; every
 * other figure is shown in the text, and every number in the text is one of the figures.
 */
export const ID_FIGURES: readonly string[] = ['by', 'metric', 'aggregation', 'kpi', 'rankBy'];

// ---------------------------------------------------------------------------
// Order and ranking

/** Section order of the report; `insights` is sorted by it, then by KIND_ORDER. */
export const SECTION_ORDER = ['overview', 'growth', 'creators', 'virality', 'segments', 'explorer'] as const;

/** Order of kinds within a section (unknown kinds last, by name). */
export const KIND_ORDER = [
  'tier-thresholds', 'kpi-mover', 'viral-potential',
  'best-hour', 'worst-hour', 'best-weekday', 'worst-weekday',
  'creator-concentration', 'consistent-creator', 'leaderboard-movement', 'best-duration', 'best-hashtag', 'best-category',
  'segment-spread', 'rows-dropped',
] as const;

/** Kinds that describe the change against the previous period (shown in the cover's own compare block). */
export const COMPARISON_KINDS: readonly string[] = ['kpi-mover', 'leaderboard-movement'];

/**
 * Key-findings priority (lower first). Rule of keyFindings():
 *  1. comparison kinds are left out (the cover lists comparison.insights in its own block);
 *  2. rank by this priority (unknown kinds after the listed ones), then by strength = |figures.lift|
 *     (or |figures.change|, else 0) descending, then kind name, then text, both by code point;
 *  3. take the best-ranked insight of each kind in rank order, at most n; if fewer than n, fill with
 *     the next-ranked remaining insights; return the selection in rank order.
 */
export const KEY_FINDING_PRIORITY: readonly string[] = [
  'tier-thresholds', 'creator-concentration', 'best-hour', 'best-weekday', 'viral-potential', 'segment-spread',
  'best-duration', 'best-hashtag', 'best-category', 'worst-hour', 'worst-weekday', 'consistent-creator', 'rows-dropped',
];

const indexOr = (list: readonly string[], key: string): number => {
  const i = list.indexOf(key);
  return i < 0 ? list.length : i;
};

function strength(i: Insight): number {
  const v = typeof i.figures.lift === 'number' ? i.figures.lift : typeof i.figures.change === 'number' ? i.figures.change : 0;
  return Number.isFinite(v) ? Math.abs(v) : 0;
}

function byKeyRank(a: Insight, b: Insight): number {
  const p = indexOr(KEY_FINDING_PRIORITY, a.kind) - indexOr(KEY_FINDING_PRIORITY, b.kind);
  if (p !== 0) return p;
  const s = strength(b) - strength(a);
  if (s !== 0) return s;
  return compareCodePoints(a.kind, b.kind) || compareCodePoints(a.text, b.text);
}

/** The n strongest insights for the cover, by the rule documented on KEY_FINDING_PRIORITY. */
export function keyFindings(insights: Insight[], n = 5): Insight[] {
  const ranked = insights.filter((i) => !COMPARISON_KINDS.includes(i.kind)).sort(byKeyRank);
  const chosen = new Set<Insight>();
  const kinds = new Set<string>();
  for (const i of ranked) {
    if (chosen.size >= n) break;
    if (kinds.has(i.kind)) continue;
    kinds.add(i.kind);
    chosen.add(i);
  }
  for (const i of ranked) {
    if (chosen.size >= n) break;
    chosen.add(i);
  }
  return ranked.filter((i) => chosen.has(i));
}

/** Position of `key` in `list`, unknown keys after the known ones and among themselves by name. */
function orderOf(list: readonly string[], a: string, b: string): number {
  return indexOr(list, a) - indexOr(list, b) || (list.includes(a) || list.includes(b) ? 0 : compareCodePoints(a, b));
}

/** Stable order: section (SECTION_ORDER), kind (KIND_ORDER), unknown ones last by name, then as generated. */
export function sortInsights(insights: Insight[]): Insight[] {
  return insights
    .map((insight, at) => ({ insight, at }))
    .sort((a, b) =>
      orderOf(SECTION_ORDER, a.insight.section, b.insight.section) ||
      orderOf(KIND_ORDER, a.insight.kind, b.insight.kind) ||
      a.at - b.at)
    .map((x) => x.insight);
}

// ---------------------------------------------------------------------------
// Sentences with their data values marked

/** A piece of a sentence: our own words and figures, or a value from the data. */
export type SentencePart = string | { value: string };
type Parts = SentencePart[];

/** Each insight's sentence in parts, kept beside the model (metrics.json has the plain text only). */
const partsOf = new WeakMap<Insight, Parts>();

/** The sentence of an insight in parts; an insight made elsewhere is one plain part. */
export function insightParts(insight: Insight): readonly SentencePart[] {
  return partsOf.get(insight) ?? [insight.text];
}

/** A data value for the sentence template `sentence` below. */
const v = (value: string): { value: string } => ({ value });

/** Template tag: strings and figures stay words, `v(...)` values stay marked, nested parts are spread. */
function sentence(strings: TemplateStringsArray, ...values: (string | number | { value: string } | Parts)[]): Parts {
  const out: Parts = [];
  const words = (w: string) => {
    if (w === '') return;
    if (typeof out[out.length - 1] === 'string') out[out.length - 1] += w;
    else out.push(w);
  };
  strings.forEach((str, i) => {
    words(str);
    if (i >= values.length) return;
    const x = values[i];
    if (Array.isArray(x)) for (const part of x) typeof part === 'string' ? words(part) : out.push(part);
    else if (typeof x === 'object') out.push(x);
    else words(String(x));
  });
  return out;
}

const plain = (parts: Parts): string => parts.map((p) => (typeof p === 'string' ? p : p.value)).join('');

function insight(section: string, kind: string, parts: Parts, figures: Insight['figures']): Insight {
  const made: Insight = { section, kind, text: plain(parts), figures };
  partsOf.set(made, parts);
  return made;
}

/** "a, b and c" style lists of data values: "a, b, c" with each name marked. */
function joinValues(names: string[]): Parts {
  return names.flatMap((n, i) => (i === 0 ? [v(n)] : [', ', v(n)]));
}

// ---------------------------------------------------------------------------
// Helpers

const isNum = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
const pct1 = (fraction: number): string => formatPct(fraction, 1);
const pad2 = (n: number): string => String(n).padStart(2, '0');

interface GroupIn {
  label: string;
  videos: number;
  median: number | null;
}

interface Pick {
  group: GroupIn & { median: number };
  lift: number;
  /** some group left out for having too few videos would otherwise have been picked */
  qualified: boolean;
}

/**
 * Best and worst group by median views against the overall median, under the evidence rules:
 * groups with >= MIN_GROUP_VIDEOS videos and a median, at least MIN_COMPARED_GROUPS of them,
 * |lift| >= MIN_LIFT. Ties: more videos first, then list order.
 */
function extremes(groups: GroupIn[], overall: number): { best: Pick | null; worst: Pick | null } {
  const none = { best: null, worst: null };
  const withMedian = groups.filter((g): g is GroupIn & { median: number } => g.videos > 0 && isNum(g.median));
  const eligible = withMedian.filter((g) => g.videos >= MIN_GROUP_VIDEOS);
  if (eligible.length < MIN_COMPARED_GROUPS || !(overall > 0)) return none;
  const small = withMedian.filter((g) => g.videos < MIN_GROUP_VIDEOS);
  let best = eligible[0];
  let worst = eligible[0];
  for (const g of eligible) {
    if (g.median > best.median || (g.median === best.median && g.videos > best.videos)) best = g;
    if (g.median < worst.median || (g.median === worst.median && g.videos > worst.videos)) worst = g;
  }
  const bestLift = best.median / overall - 1;
  const worstLift = worst.median / overall - 1;
  return {
    best: bestLift >= MIN_LIFT - LIFT_EPSILON
      ? { group: best, lift: bestLift, qualified: small.some((g) => g.median > best.median) }
      : null,
    worst: worstLift <= -MIN_LIFT + LIFT_EPSILON
      ? { group: worst, lift: worstLift, qualified: small.some((g) => g.median < worst.median) }
      : null,
  };
}

/** "<subject>: its 212 videos have a median of 84.6K views, 44.2% above the overall median of 58.7K." */
function liftText(subject: Parts, p: Pick, overall: number): Parts {
  const dir = p.lift > 0 ? 'above' : 'below';
  return sentence`${subject}: its ${formatInt(p.group.videos)} videos have a median of ${formatCompact(p.group.median)} views, ${
    pct1(Math.abs(p.lift))} ${dir} the overall median of ${formatCompact(overall)}.`;
}

function liftFigures(labelKey: string, p: Pick, overall: number): Insight['figures'] {
  const f: Insight['figures'] = {
    [labelKey]: p.group.label,
    videos: p.group.videos,
    medianViews: p.group.median,
    overallMedianViews: overall,
    lift: p.lift,
  };
  if (p.qualified) f.minGroupVideos = MIN_GROUP_VIDEOS;
  return f;
}

const among = (p: Pick, what: string): string => (p.qualified ? ` among ${what} with at least ${formatInt(MIN_GROUP_VIDEOS)} videos` : '');

// ---------------------------------------------------------------------------
// Insight builders, one per kind (each returns [] when its data or evidence is missing)

/** tier-thresholds: the view cut-offs of the top tiers (views > q95: Top 5% + Top 1% tiers; views > q99: Top 1%). */
function tierThresholds(model: ReportModel): Insight[] {
  const ov = model.overview;
  const t5 = ov.tiers.find((t) => t.tier === 'Top 5%');
  const t1 = ov.tiers.find((t) => t.tier === 'Top 1%');
  if (!t5 || !t1 || !(ov.videos > 0)) return [];
  // the Top 5% tier sits strictly below the Top 1% tier, so the union's minimum is the Top 5% tier's (when it has videos)
  const topVideos = t5.videos + t1.videos;
  const topMin = t5.videos > 0 ? t5.minViews : t1.minViews;
  if (topVideos < MIN_TIER_VIDEOS || !isNum(topMin)) return [];
  const topShare = topVideos / ov.videos;
  const figures: Insight['figures'] = { topVideos, topShare, topMinViews: topMin };
  let text = `The top ${formatInt(topVideos)} videos (${pct1(topShare)} of the total) have at least ${formatInt(topMin)} views each`;
  if (t1.videos >= MIN_TIER_VIDEOS && isNum(t1.minViews) && t5.videos > 0) {
    const top1Share = t1.videos / ov.videos;
    Object.assign(figures, { top1Videos: t1.videos, top1Share, top1MinViews: t1.minViews });
    text += `; the top ${formatInt(t1.videos)} (${pct1(top1Share)}) have at least ${formatInt(t1.minViews)} views`;
  }
  return [{ section: 'overview', kind: 'tier-thresholds', text: text + '.', figures }];
}

/** viral-potential: videos with High viral potential and, when virality has a threshold, the candidates passing it. */
function viralPotential(model: ReportModel): Insight[] {
  const high = model.overview.viralPotential.find((v) => v.label === 'High');
  if (!high || !isNum(high.share) || !(model.overview.videos > 0)) return [];
  const figures: Insight['figures'] = { highVideos: high.videos, highShare: high.share };
  let text = `${formatInt(high.videos)} videos (${pct1(high.share)}) have High viral potential`;
  const v = model.virality;
  if (v.available && isNum(v.threshold) && isNum(v.candidateShare)) {
    Object.assign(figures, { candidates: v.candidates, candidateShare: v.candidateShare, threshold: v.threshold });
    text += `; ${formatInt(v.candidates)} (${pct1(v.candidateShare)}) score at or above the virality threshold of ${formatNumber(v.threshold, 2)}`;
  }
  return [{ section: 'virality', kind: 'viral-potential', text: text + '.', figures }];
}

/** best-hour, worst-hour, best-weekday, worst-weekday by median views. */
function timing(model: ReportModel): Insight[] {
  const overall = model.overview.medianViews;
  if (model.overview.videos < MIN_SCOPE_VIDEOS || !isNum(overall)) return [];
  const g = model.growth;
  const out: Insight[] = [];
  const zone = g.hourSource === 'timestamp' ? model.timezone : null;
  const hourLabel = (h: number) => `${pad2(h)}:00–${pad2(h)}:59`;
  const hours = extremes(g.byHour.map((h) => ({ label: hourLabel(h.hour), videos: h.videos, median: h.medianViews })), overall);
  for (const [kind, word, p] of [['best-hour', 'best', hours.best], ['worst-hour', 'weakest', hours.worst]] as const) {
    if (!p) continue;
    const hour = g.byHour.find((h) => hourLabel(h.hour) === p.group.label)!.hour;
    const figures: Insight['figures'] = { hour, ...liftFigures('hourLabel', p, overall) };
    if (zone) figures.timezone = zone;
    const subject = [`The ${word} publish hour${among(p, 'hours')} is ${p.group.label}${zone ? ` (${zone})` : ''}`];
    out.push(insight('growth', kind, liftText(subject, p, overall), figures));
  }
  const days = extremes(g.byWeekday.map((d) => ({ label: d.weekday, videos: d.videos, median: d.medianViews })), overall);
  for (const [kind, word, p] of [['best-weekday', 'best', days.best], ['worst-weekday', 'weakest', days.worst]] as const) {
    if (!p) continue;
    const subject = [`The ${word} publish day${among(p, 'days')} is ${p.group.label}`];
    out.push(insight('growth', kind, liftText(subject, p, overall), liftFigures('weekday', p, overall)));
  }
  return out;
}

/** best-duration, best-hashtag, best-category by median views (section 'creators': "Creators & content"). */
function content(model: ReportModel): Insight[] {
  const overall = model.overview.medianViews;
  if (model.overview.videos < MIN_SCOPE_VIDEOS || !isNum(overall)) return [];
  const c = model.content;
  const out: Insight[] = [];
  const parts = [
    { kind: 'best-duration', key: 'bucket', what: 'durations', noun: 'best duration', ok: c.durationAvailable.available,
      groups: c.durationBuckets.map((b) => ({ label: b.bucket, videos: b.videos, median: b.medianViews })) },
    { kind: 'best-hashtag', key: 'hashtag', what: 'hashtags', noun: 'best-performing hashtag', ok: c.hashtagsAvailable.available,
      groups: c.hashtags.map((h) => ({ label: h.hashtag, videos: h.videos, median: h.medianViews })) },
    { kind: 'best-category', key: 'category', what: 'categories', noun: 'best-performing category', ok: c.categoriesAvailable.available,
      groups: c.categories.map((h) => ({ label: h.category, videos: h.videos, median: h.medianViews })) },
  ];
  for (const part of parts) {
    if (!part.ok) continue;
    const p = extremes(part.groups, overall).best;
    if (!p) continue;
    const subject = sentence`The ${part.noun}${among(p, part.what)} is ${v(p.group.label)}`;
    out.push(insight('creators', part.kind, liftText(subject, p, overall), liftFigures(part.key, p, overall)));
  }
  return out;
}

/** creator-concentration (top 5 creators' share of all views) and consistent-creator (lowest CV of views). */
function creatorInsights(model: ReportModel): Insight[] {
  const c = model.creators;
  if (!c.available) return [];
  const out: Insight[] = [];
  if (isNum(c.topShareOfViews) && c.creatorsInScope >= MIN_CREATORS_FOR_SHARE) {
    out.push({
      section: 'creators',
      kind: 'creator-concentration',
      text: `The top ${formatInt(TOP_SHARE_CREATORS)} creators hold ${pct1(c.topShareOfViews)} of all views, out of ${formatInt(c.creatorsInScope)} creators in scope.`,
      figures: { topCreators: TOP_SHARE_CREATORS, topShareOfViews: c.topShareOfViews, creatorsInScope: c.creatorsInScope },
    });
  }
  const m = c.mostConsistent;
  if (m && isNum(m.cv) && isNum(m.medianViews) && m.videos >= MIN_GROUP_VIDEOS) {
    out.push(insight(
      'creators',
      'consistent-creator',
      sentence`${v(m.creator)} has the most consistent views: a coefficient of variation of ${formatNumber(m.cv, 2)} across ${formatInt(m.videos)} videos, with a median of ${formatCompact(m.medianViews)} views.`,
      { creator: m.creator, cv: m.cv, videos: m.videos, medianViews: m.medianViews },
    ));
  }
  return out;
}

const DIMENSION_LABEL: Record<SegmentBy, string> = {
  platform: 'platform', country: 'country', category: 'category', duration_bucket: 'duration', performance_tier: 'performance tier',
};
const METRIC_LABEL: Record<Metric, string> = {
  views: 'views', likes: 'likes', comments: 'comments', shares: 'shares', engagement_rate: 'engagement rate', virality_score: 'virality score',
};
const AGGREGATION_LABEL: Record<Aggregation, string> = { median: 'median', mean: 'average', sum: 'total' };

/** How a segment value is shown: counts compact, rates as a percentage, scores with two decimals. */
function formatSegmentValue(metric: Metric, v: number): string {
  if (metric === 'engagement_rate') return formatPct(v, 2);
  if (metric === 'virality_score') return formatNumber(v, 2);
  return formatCompact(v);
}

/**
 * segment-spread: per available comparison, the strongest and weakest segment with >= MIN_GROUP_VIDEOS
 * videos, lift = strongest / weakest - 1, reported when >= MIN_LIFT (weakest value must be > 0).
 * Views by performance tier is skipped: tiers are cut by views, so its spread is true by construction.
 * When the list is cut at SEGMENT_TOP rows the weakest is "the lowest of the N shown".
 */
function segmentInsights(model: ReportModel): Insight[] {
  if (model.overview.videos < MIN_SCOPE_VIDEOS) return [];
  const out: Insight[] = [];
  for (const s of model.segments) out.push(...segmentSpread(s));
  return out;
}

function segmentSpread(s: SegmentResult): Insight[] {
  if (!s.available || (s.by === 'performance_tier' && s.metric === 'views')) return [];
  const valued = s.rows.filter((r): r is { segment: string; videos: number; value: number } => r.videos > 0 && isNum(r.value));
  const eligible = valued.filter((r) => r.videos >= MIN_GROUP_VIDEOS);
  if (eligible.length < MIN_COMPARED_GROUPS) return [];
  let strong = eligible[0];
  let weak = eligible[0];
  for (const r of eligible) {
    if (r.value > strong.value) strong = r;
    if (r.value < weak.value) weak = r;
  }
  if (!(weak.value > 0)) return [];
  const lift = strong.value / weak.value - 1;
  if (lift < MIN_LIFT - LIFT_EPSILON) return [];
  const small = valued.filter((r) => r.videos < MIN_GROUP_VIDEOS);
  const qualified = small.some((r) => r.value > strong.value || r.value < weak.value);
  const truncated = s.rows.length >= SEGMENT_TOP;
  const fmt = (v: number) => formatSegmentValue(s.metric, v);
  const metric = `${AGGREGATION_LABEL[s.aggregation] ?? s.aggregation} ${METRIC_LABEL[s.metric] ?? s.metric}`;
  const figures: Insight['figures'] = {
    by: s.by, metric: s.metric, aggregation: s.aggregation,
    strongest: strong.segment, strongestValue: strong.value, weakest: weak.segment, weakestValue: weak.value, lift,
  };
  if (qualified) figures.minGroupVideos = MIN_GROUP_VIDEOS;
  if (truncated) figures.shown = s.rows.length;
  const among = qualified ? ` (segments with at least ${formatInt(MIN_GROUP_VIDEOS)} videos)` : '';
  const shown = truncated ? ` of the ${formatInt(s.rows.length)} shown` : '';
  const text = sentence`By ${DIMENSION_LABEL[s.by] ?? s.by}${among}, ${v(strong.segment)} has the highest ${metric} (${fmt(strong.value)}), ${
    pct1(lift)} above ${v(weak.segment)}, the lowest${shown} (${fmt(weak.value)}).`;
  return [insight('segments', 'segment-spread', text, figures)];
}

/** rows-dropped: input rows that could not be used, and the most common reason (ties by name). */
function rowsDropped(model: ReportModel): Insight[] {
  const reasons = Object.entries(model.input.rowsDropped).filter(([, n]) => isNum(n) && n > 0);
  const dropped = reasons.reduce((s, [, n]) => s + n, 0);
  const read = model.input.rowsRead;
  if (dropped <= 0 || !(read > 0)) return [];
  reasons.sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0]));
  const [reason, count] = reasons[0];
  const share = dropped / read;
  return [{
    section: 'explorer',
    kind: 'rows-dropped',
    text: `${formatInt(dropped)} of ${formatInt(read)} input rows (${pct1(share)}) cannot be used; the most common reason is ${dropReasonText(reason)} (${rowsText(count, formatInt(count))}).`,
    figures: { droppedRows: dropped, rowsRead: read, droppedShare: share, reason, reasonRows: count },
  }];
}

// ---------------------------------------------------------------------------
// Previous period

/**
 * Headline KPIs considered as movers, with their sentence label and formatter. highViralPotentialShare
 * is left out: it is cut at a quantile of each period's own scores, so it stays near 10% by design.
 */
export const KPI_MOVERS: readonly { key: string; label: string; format: (v: number) => string }[] = [
  { key: 'videos', label: 'The number of videos', format: formatInt },
  { key: 'totalViews', label: 'Total views', format: formatCompact },
  { key: 'averageViews', label: 'Average views', format: formatCompact },
  { key: 'medianViews', label: 'Median views', format: formatCompact },
  { key: 'p90Views', label: 'P90 views', format: formatCompact },
  { key: 'medianEngagementRate', label: 'Median engagement rate', format: (v) => formatPct(v, 2) },
  { key: 'p90EngagementRate', label: 'P90 engagement rate', format: (v) => formatPct(v, 2) },
  { key: 'medianDurationSec', label: 'Median duration', format: formatDuration },
];

const RANK_LABEL: Record<RankBy, string> = {
  views: 'views', engagement_rate: 'median engagement rate', shares: 'shares', comments: 'comments', virality_score: 'median virality score',
};

/**
 * With `compare: previous` (model.comparison set, both periods >= MIN_SCOPE_VIDEOS videos):
 * kpi-mover (section 'overview'): up to MAX_KPI_MOVERS headline KPIs whose relative change is at
 * least MIN_KPI_CHANGE, biggest |change| first (ties in KPI_MOVERS order);
 * leaderboard-movement (section 'creators'): creators entering or leaving the top N leaderboard.
 */
export function comparisonInsights(model: ReportModel): Insight[] {
  const cmp = model.comparison;
  if (!cmp || model.overview.videos < MIN_SCOPE_VIDEOS || cmp.overview.videos < MIN_SCOPE_VIDEOS) return [];
  const out: Insight[] = [];
  const movers: { at: number; insight: Insight; change: number }[] = [];
  KPI_MOVERS.forEach((k, at) => {
    const change = cmp.changes[k.key]?.percent;
    const current = (model.overview as unknown as Record<string, number | null>)[k.key];
    const previous = (cmp.overview as unknown as Record<string, number | null>)[k.key];
    if (!isNum(change) || !isNum(current) || !isNum(previous)) return;
    if (Math.abs(change) < MIN_KPI_CHANGE - LIFT_EPSILON) return;
    const text = `${k.label} ${change > 0 ? 'rose' : 'fell'} ${pct1(Math.abs(change))}, from ${k.format(previous)} to ${k.format(current)}.`;
    movers.push({ at, change, insight: { section: 'overview', kind: 'kpi-mover', text, figures: { kpi: k.key, label: k.label, change, previous, current } } });
  });
  movers.sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.at - b.at);
  out.push(...movers.slice(0, MAX_KPI_MOVERS).map((m) => m.insight));

  const c = model.creators;
  const mv = c.movement;
  const topN = c.top.length;
  if (c.available && mv && topN > 0 && (mv.entered.length > 0 || mv.left.length > 0)) {
    const figures: Insight['figures'] = { top: topN, rankBy: c.rankBy };
    const names = (list: string[], key: string): Parts => {
      const shown = list.slice(0, MAX_NAMES);
      figures[`${key}Names`] = shown.join(', ');
      const more = list.length - shown.length;
      if (more > 0) figures[`${key}More`] = more;
      return sentence`${joinValues(shown)}${more > 0 ? ` and ${formatInt(more)} more` : ''}`;
    };
    const board = `the top ${formatInt(topN)} by ${RANK_LABEL[c.rankBy] ?? c.rankBy}`;
    const plural = (n: number) => `${formatInt(n)} creator${n === 1 ? '' : 's'}`;
    let text: Parts;
    if (mv.entered.length > 0 && mv.left.length > 0) {
      figures.entered = mv.entered.length;
      figures.left = mv.left.length;
      text = sentence`${plural(mv.entered.length)} entered ${board} (${names(mv.entered, 'entered')}) and ${formatInt(mv.left.length)} left (${names(mv.left, 'left')}).`;
    } else if (mv.entered.length > 0) {
      figures.entered = mv.entered.length;
      text = sentence`${plural(mv.entered.length)} entered ${board}: ${names(mv.entered, 'entered')}.`;
    } else {
      figures.left = mv.left.length;
      text = sentence`${plural(mv.left.length)} left ${board}: ${names(mv.left, 'left')}.`;
    }
    out.push(insight('creators', 'leaderboard-movement', text, figures));
  }
  return out;
}

// ---------------------------------------------------------------------------
// Entry point

/** Every insight the model supports, comparison ones included, in SECTION_ORDER / KIND_ORDER order. Pure. */
export function computeInsights(model: ReportModel): Insight[] {
  return sortInsights([
    ...tierThresholds(model),
    ...viralPotential(model),
    ...timing(model),
    ...creatorInsights(model),
    ...content(model),
    ...segmentInsights(model),
    ...rowsDropped(model),
    ...comparisonInsights(model),
  ]);
}
