// What every section's insights (src/sections/<id>/insights.ts) are made with: the evidence
// rules an insight must meet, sentences whose data values stay marked (so the report can isolate
// them) while metrics.json keeps the plain text, and best/worst picks against the overall median.
import type { Insight } from './types.ts';
import { formatCompact, formatInt, formatPct } from './format.ts';
import { t, tp } from './i18n/index.ts';

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
export const LIFT_EPSILON = 1e-9;

/** The top-views tiers are described only when the tier (group) holds at least this many videos. */
export const MIN_TIER_VIDEOS = 5;

/** Creator concentration (the top TOP_SHARE_CREATORS creators' share) is reported only when at least this many creators are in scope (top 5 is then at most half of them). */
export const MIN_CREATORS_FOR_SHARE = 10;

/** A headline KPI is a mover only when it changed by at least 5% against the previous period. */
export const MIN_KPI_CHANGE = 0.05;
/** At most this many KPI movers are reported, biggest absolute relative change first. */
export const MAX_KPI_MOVERS = 3;
/** Leaderboard movement names at most this many creators per list, then "and N more". */
export const MAX_NAMES = 5;

// ---------------------------------------------------------------------------
// Sentences with their data values marked

/** A piece of a sentence: our own words and figures, or a value from the data. */
export type SentencePart = string | { value: string };
export type Parts = SentencePart[];

/** Each insight's sentence in parts, kept beside the model (metrics.json has the plain text only). */
const partsOf = new WeakMap<Insight, Parts>();

/** The sentence of an insight in parts; an insight made elsewhere is one plain part. */
export function insightParts(insight: Insight): readonly SentencePart[] {
  return partsOf.get(insight) ?? [insight.text];
}

/** Show `insight` with these parts (its sentence in the report's language); its `text` is left as it is. */
export function setInsightParts(insight: Insight, parts: readonly SentencePart[]): void {
  partsOf.set(insight, [...parts]);
}

/** A data value for the sentence template `sentence` below. */
export const v = (value: string): { value: string } => ({ value });

/** Template tag: strings and figures stay words, `v(...)` values stay marked, nested parts are spread. */
export function sentence(strings: TemplateStringsArray, ...values: (string | number | { value: string } | Parts)[]): Parts {
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

export function insight(section: string, kind: string, parts: Parts, figures: Insight['figures']): Insight {
  const made: Insight = { section, kind, text: plain(parts), figures };
  partsOf.set(made, parts);
  return made;
}

/** "a, b and c" style lists of data values: "a, b, c" with each name marked. */
export function joinValues(names: string[]): Parts {
  return names.flatMap((n, i) => (i === 0 ? [v(n)] : [', ', v(n)]));
}

// ---------------------------------------------------------------------------
// Helpers

export const isNum = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
export const pct1 = (fraction: number): string => formatPct(fraction, 1);
export const pad2 = (n: number): string => String(n).padStart(2, '0');

export interface GroupIn {
  label: string;
  videos: number;
  median: number | null;
}

export interface Pick {
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
export function extremes(groups: GroupIn[], overall: number): { best: Pick | null; worst: Pick | null } {
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
export function liftText(subject: Parts, p: Pick, overall: number): Parts {
  return tp(p.lift > 0 ? 'insight.lift.above' : 'insight.lift.below', {
    subject, videos: formatInt(p.group.videos), median: formatCompact(p.group.median), lift: pct1(Math.abs(p.lift)), overall: formatCompact(overall),
  });
}

export function liftFigures(labelKey: string, p: Pick, overall: number): Insight['figures'] {
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

/** " among hashtags with at least 20 videos" when a smaller group was left out of the pick, else nothing. */
export const among = (p: Pick, what: 'durations' | 'hashtags' | 'categories' | 'hours' | 'days'): string =>
  (p.qualified ? t(`insight.among.${what}`, { n: formatInt(MIN_GROUP_VIDEOS) }) : '');
