// Per-row derived metrics of SPEC section 3 (rates, virality score, duration bucket, hour,
// weekday), computed in one pass over the typed columns into typed arrays: no per-row objects.
// Missing inputs follow the pandas reference (shared/bench/pandas_peer.py) so figures agree.
import type { Dataset, Derived, ScoringConfig } from '../types.ts';

/** Upper edges (inclusive) of DURATION_BUCKETS 0..4; anything above the last is bucket 5. */
const BUCKET_EDGES = [9, 18, 36, 60, 120] as const;

/** DURATION_BUCKETS index of a duration in seconds; -1 for missing or negative (pd.cut gives NaN). */
export function durationBucketOf(sec: number): number {
  if (!(sec >= 0)) return -1; // NaN and negatives
  for (let k = 0; k < BUCKET_EDGES.length; k++) if (sec <= BUCKET_EDGES[k]) return k;
  return BUCKET_EDGES.length;
}

/** 0 = Monday .. 6 = Sunday for a local calendar day number (day 0 = 1970-01-01, a Thursday). */
export function weekdayOfDay(day: number): number {
  if (!Number.isFinite(day)) return -1;
  return (((Math.floor(day) + 3) % 7) + 7) % 7;
}

/** ln(1+x), or null when undefined (x <= -1) or missing, so the caller drops the term. */
function log1pTerm(x: number): number | null {
  if (!(x > -1)) return null; // NaN, -1 (would be -Infinity) and below
  const v = Math.log1p(x);
  return Number.isFinite(v) ? v : null; // +Infinity input
}

/**
 * Derives every per-row metric. Choices where SPEC is silent:
 * - viralityScore is never NaN: a missing term counts 0, exactly as the pandas peer scores
 *   every row, so every row in scope has a viral potential (Unknown stays for robustness).
 * - an engagement component that is absent as a column counts 0 in engagementRate (pandas
 *   sums the components it has), but its own component rate is NaN: a like rate of 0 for a
 *   file without a likes column would state something the data does not say.
 * - with none of likes, comments and shares in the export there is no engagement at all: the
 *   rate is missing (SPEC 10: n/a, never 0; null in metrics.json), not the 0 that counting every
 *   absent component as 0 would give. One component is enough for a rate.
 */
export function deriveMetrics(ds: Dataset, scoring: ScoringConfig): Derived {
  const n = ds.rows;
  const views = ds.num.views;
  const likes = ds.num.likes;
  const comments = ds.num.comments;
  const shares = ds.num.shares;
  const duration = ds.num.duration;
  const hourCol = ds.num.hour;
  const day = ds.day;
  const minute = ds.minuteOfDay;
  const { weights: w, caps } = scoring;
  const engagementKnown = Boolean(likes || comments || shares);

  const engagementRate = new Float64Array(n);
  const viralityScore = new Float64Array(n);
  const durationBucket = new Int8Array(n);
  const hour = new Int8Array(n);
  const weekday = new Int8Array(n);

  for (let i = 0; i < n; i++) {
    const v = views ? views[i] : NaN;
    const l = likes ? likes[i] : NaN;
    const c = comments ? comments[i] : NaN;
    const s = shares ? shares[i] : NaN;
    const l0 = l === l ? l : 0;
    const c0 = c === c ? c : 0;
    const s0 = s === s ? s : 0;

    let er = NaN;
    if (v > 0 && engagementKnown) {
      // views_safe present
      er = Math.min((l0 + c0 + s0) / v, caps.engagementRate);
    }
    engagementRate[i] = er;

    let score = 0;
    const lv = log1pTerm(v);
    if (lv !== null) score += w.views * lv;
    const ls = log1pTerm(s);
    if (ls !== null) score += w.shares * ls;
    if (er === er) score += w.engagement * (er * 100);
    viralityScore[i] = score;

    durationBucket[i] = duration ? durationBucketOf(duration[i]) : -1;

    let h = -1;
    const m = minute ? minute[i] : -1;
    if (m >= 0) h = Math.floor(m / 60);
    else if (hourCol) {
      const x = hourCol[i];
      if (Number.isInteger(x) && x >= 0 && x <= 23) h = x;
    }
    hour[i] = h;

    weekday[i] = day ? weekdayOfDay(day[i]) : -1;
  }

  return { engagementRate, viralityScore, durationBucket, hour, weekday };
}

/**
 * like_rate, comment_rate and share_rate of SPEC section 3: component / views_safe, capped,
 * a missing cell counting 0 and an absent column giving NaN. No section shows them, so they
 * are made on demand, not with every run's derived metrics (24 MB at a million rows).
 */
export function componentRates(ds: Dataset, scoring: ScoringConfig): { likeRate: Float64Array; commentRate: Float64Array; shareRate: Float64Array } {
  const views = ds.num.views;
  const cap = scoring.caps.componentRate;
  const rate = (component: Float64Array | undefined): Float64Array => {
    const out = new Float64Array(ds.rows).fill(NaN);
    if (!component || !views) return out;
    for (let i = 0; i < ds.rows; i++) {
      const v = views[i];
      if (v > 0) {
        const c = component[i];
        out[i] = Math.min((c === c ? c : 0) / v, cap);
      }
    }
    return out;
  };
  return { likeRate: rate(ds.num.likes), commentRate: rate(ds.num.comments), shareRate: rate(ds.num.shares) };
}

/** Where the publish hour comes from: a time of day on any row wins over an hour column. */
export function hourSource(ds: Dataset): 'timestamp' | 'hour-column' | null {
  const minute = ds.minuteOfDay;
  if (minute) for (let i = 0; i < minute.length; i++) if (minute[i] >= 0) return 'timestamp';
  const hourCol = ds.num.hour;
  if (hourCol) {
    for (let i = 0; i < hourCol.length; i++) {
      const x = hourCol[i];
      if (Number.isInteger(x) && x >= 0 && x <= 23) return 'hour-column';
    }
  }
  return null;
}
