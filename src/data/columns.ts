// Column auto-detection (SPEC section 2): maps the header of a "one row per video" export to the
// concepts (views, likes, date, creator, ...) by exact then boundary-aligned substring match of the
// normalised header against candidate lists, with `columns:` overrides first, one concept per
// column, a qualifier rule (`creator_tier` is not the creator) and a value-fit check on a sample.

// Sources. Candidate lists are SPEC's, in SPEC's order, extended with the real headers of these exports
// (found in public code that reads them; excerpts looked up with the code search tools):
// - TikTok Studio (Analytics > Content export): "Video title", "Video link", "Post time" (some
//   versions "Video publish time"), "Total views", "Total likes", "Total comments",
//   "Total shares", "Average watch time"; per-video detail adds "Total play time",
//   "Watched full video", "New followers" (parsers and test fixtures of tokpipe-style importers
//   and TikTok Studio CSV importers on GitHub).
// - YouTube Studio, Advanced mode "Export current view" -> Table data.csv: "Content" (video id;
//   the first data row is "Total"), "Video title", "Video publish time" (e.g. "Sep 22, 2026"),
//   "Duration", "Views", "Engaged views", "Watch time (hours)", "Average view duration",
//   "Average percentage viewed (%)", "Subscribers", "Subscribers gained", "Subscribers lost",
//   "Impressions", "Impressions click-through rate (%)", "Likes", "Comments added", "Shares";
//   also Ken Jee's Kaggle "Aggregated_Metrics_By_Video.csv" (same Studio names).
// - Instagram / Meta Business Suite posts & reels export: "Post ID", "Account ID",
//   "Account username", "Account name", "Description", "Duration (sec)", "Publish time",
//   "Permalink", "Post type", "Data comment", "Date" (holds "Lifetime"), "Views", "Reach",
//   "Likes", "Shares", "Follows", "Comments", "Saves" (several importers quote this header
//   verbatim; the Facebook-page variant says "Page name" and "Reactions").
// - Kaggle "Trending YouTube Video Statistics" (2017-18): video_id, trending_date, title,
//   channel_title, category_id, publish_time, tags, views, likes, dislikes, comment_count,
//   thumbnail_link, comments_disabled, ratings_disabled, video_error_or_removed, description.
//   Its 2020+ successor (YouTube Trending Video Dataset, API field names): video_id, title,
//   publishedAt, channelId, channelTitle, categoryId, trending_date, tags, view_count, likes,
//   dislikes, comment_count, thumbnail_link, comments_disabled, ratings_disabled, description.
// - YouTube Data API v3 dumps: viewCount, likeCount, commentCount, favoriteCount, publishedAt,
//   channelTitle, duration (ISO 8601 "PT1M5S"), tags, categoryId.
// - TikTok scraper datasets (Apify TikTok Scraper CSV, TikTokApi dumps): id, text, createTime
//   (epoch s), createTimeISO, authorMeta.id, authorMeta.name, authorMeta.nickName,
//   musicMeta.musicName, webVideoUrl, videoMeta.duration, diggCount, shareCount, playCount,
//   collectCount, commentCount, hashtags; TikTok Research API: video_description, create_time,
//   region_code, view_count, like_count, comment_count, share_count, username,
//   hashtag_names, video_duration.
// - the seed dataset (/work/shared/reference/seed-dataset-columns.md, 58 columns).

import type { ColumnMap, ColumnMatch, DetectedConcept } from '../types.ts';
import { CONCEPTS, NUMERIC_CONCEPTS, ROW_CONCEPTS } from '../types.ts';
import { DATE_BAD, DATE_MISSING, DateReader, parseDurationSec, parseNumber } from './values.ts';

// ---------------------------------------------------------------------------
// Candidates

export const CANDIDATES: Record<DetectedConcept, readonly string[]> = {
  views: [
    'views', 'view_count', 'views_count', 'total_views', 'play_count', 'plays', 'video_views',
    'viewcount', 'playcount', 'video_view_count', 'video_views_count', 'views_total', 'total_plays',
    'total_video_views',
  ],
  likes: [
    'likes', 'like_count', 'thumbs_up', 'digg_count', 'hearts',
    'likecount', 'diggcount', 'total_likes', 'likes_count', 'heart_count', 'reactions',
  ],
  comments: [
    'comments', 'comment_count', 'comment_total',
    'commentcount', 'total_comments', 'comments_count', 'comments_added',
  ],
  shares: [
    'shares', 'share_count', 'reposts',
    'sharecount', 'total_shares', 'shares_count', 'repost_count', 'reshares',
  ],
  saves: [
    'saves', 'save_count', 'bookmarks', 'favorites',
    'collectcount', 'collect_count', 'total_saves', 'saves_count', 'bookmark_count', 'favorites_count',
    'total_favorites',
  ],
  duration: [
    'duration_sec', 'duration', 'length_sec', 'video_length', 'video_length_sec',
    'duration_seconds', 'duration_secs', 'duration_s', 'video_duration', 'video_duration_sec',
    'videometa_duration', 'length_seconds', 'lengthseconds', 'video_length_seconds',
  ],
  date: [
    'publish_date', 'published_at', 'publish_time', 'publish_date_approx', 'date', 'created_at',
    'upload_date', 'create_time', 'timestamp',
    'post_time', 'posted_at', 'post_date', 'posted_on', 'publishedat', 'createtimeiso', 'createtime',
    'create_time_iso', 'video_publish_time', 'published', 'published_date', 'publish_datetime',
    'upload_time', 'uploaded_at', 'created_time', 'date_posted', 'taken_at',
  ],
  hour: ['upload_hour', 'publish_hour', 'hour', 'post_hour', 'posting_hour', 'hour_of_day'],
  platform: ['platform', 'source', 'app', 'social_network', 'network', 'social_platform'],
  creator: [
    'creator', 'channel', 'channel_title', 'channel_name', 'author', 'author_handle', 'uploader',
    'account', 'handle', 'username', 'page',
    'channeltitle', 'channelname', 'authormeta_name', 'author_name', 'author_uniqueid', 'account_username',
    'account_name', 'owner_username', 'ownerusername', 'user_name', 'creator_name', 'creator_handle',
    'page_name', 'profile_name', 'authormeta_nickname',
  ],
  title: [
    'title', 'video_title', 'name', 'description',
    'caption', 'text', 'video_description', 'video_desc', 'desc', 'post_text', 'message',
  ],
  category: ['category', 'topic', 'genre', 'tag', 'category_name', 'video_category', 'content_category', 'niche'],
  country: [
    'country', 'region', 'market', 'geo',
    'country_code', 'region_code', 'locationcreated', 'location_created', 'territory',
  ],
  hashtags: ['hashtags', 'hashtag', 'tags', 'hashtag_names', 'video_tags', 'challenges'],
  id: ['video_id', 'id', 'aweme_id', 'media_id', 'post_id', 'video_link', 'video_url', 'webvideourl', 'permalink', 'content', 'shortcode', 'item_id', 'videoid', 'post_url', 'share_url', 'url', 'link'],
  exportedAt: ['fetch_time', 'fetched_at', 'scrape_time', 'scraped_at', 'exported_at', 'export_date', 'export_time', 'crawl_time', 'crawled_at', 'collected_at', 'snapshot_date', 'extracted_at', 'trending_date'],
};

// ---------------------------------------------------------------------------
// Qualifiers: a header with one of these tokens around the candidate qualifies the concept and
// is not the concept (`creator_tier`, `views_per_hour`, `title_length`, `channel_id`).

const COMMON_QUALIFIERS = [
  'id', 'ids', 'tier', 'avg', 'average', 'mean', 'median', 'rate', 'ratio', 'pct', 'percent',
  'percentage', 'per', 'velocity', 'url', 'link', 'links', 'uri', 'type', 'hint', 'length', 'len',
  'followers', 'follower', 'fans', 'subscribers', 'verified', 'rank', 'ranking', 'score', 'growth',
  'delta', 'change', 'diff', 'log', 'zscore', 'norm', 'normalized', 'normalised', 'predicted',
  'expected', 'forecast', 'target', 'goal', 'std', 'vs', 'disabled', 'enabled', 'sample', 'avatar',
  'thumbnail', 'image', 'img', 'icon', 'bio', 'signature', 'version', 'prev', 'previous',
];
const NUMBER_QUALIFIERS = [
  'time', 'date', 'timestamp', 'at', 'duration', 'text', 'engaged', 'premium', 'unique', 'red',
  'profile', 'channel', 'creator', 'account', 'author', 'user', 'users', 'page', 'min', 'max',
  'country',
];
const TEXT_QUALIFIERS = [
  'count', 'counts', 'num', 'number', 'total', 'time', 'date', 'at', 'duration', 'views', 'likes',
  'comments', 'shares', 'saves', 'country', 'age', 'gender', 'status', 'created', 'since', 'language',
  'lang',
];

const EXTRA_QUALIFIERS: Record<DetectedConcept, readonly string[]> = {
  views: [],
  likes: [],
  comments: [],
  shares: [],
  saves: [],
  duration: ['trend', 'days', 'day', 'hours', 'hrs', 'minutes', 'mins', 'ms', 'millis', 'watch',
    'watched', 'view', 'viewed', 'played', 'play'],
  date: ['trending', 'trend', 'update', 'updated', 'modified', 'scraped', 'scrape', 'crawled', 'fetched',
    'collected', 'extracted', 'snapshot', 'birth', 'joined', 'join', 'account', 'end', 'expiry',
    'expires', 'dayofweek', 'weekday', 'period', 'count', 'year', 'month', 'week'],
  hour: ['views', 'watch', 'watched', 'count', 'total'],
  platform: ['traffic', 'referrer', 'referral', 'file', 'path'],
  creator: [],
  title: ['words', 'word', 'chars', 'characters', 'char', 'sentiment', 'emoji', 'has', 'is'],
  category: [],
  country: [],
  hashtags: [],
  // a row key, or the id of something else than the video (`row_id`, `channel_id`, `music_url`)
  id: ['row', 'record', 'index', 'channel', 'author', 'authormeta', 'creator', 'user', 'account', 'owner', 'profile', 'page',
    'music', 'musicmeta', 'sound', 'audio', 'song', 'category', 'playlist', 'region', 'comment', 'parent', 'campaign', 'ad',
    'cover', 'format', 'rating', 'warning', 'source'],
  exportedAt: ['count', 'views', 'likes'],
};

/** Title's candidate `name` is a common word: only these may stand beside it (`video_name`, not `account_name`). */
const NAME_OK_TOKENS = new Set(['video', 'post', 'clip', 'content', 'reel', 'short', 'item', 'media']);

const NUMBER_CONCEPTS: ReadonlySet<DetectedConcept> = new Set<DetectedConcept>(NUMERIC_CONCEPTS);
/** Report concepts first, then the row concepts (id, export time), on the columns left */
const DETECTED: readonly DetectedConcept[] = [...CONCEPTS, ...ROW_CONCEPTS];

const QUALIFIERS: ReadonlyMap<DetectedConcept, ReadonlySet<string>> = new Map(
  DETECTED.map((c): [DetectedConcept, ReadonlySet<string>] => {
    const set = new Set<string>([...COMMON_QUALIFIERS, ...EXTRA_QUALIFIERS[c]]);
    // a video id is written as an id, a url or a link
    if (c === 'id') for (const q of ['id', 'ids', 'url', 'uri', 'link', 'links']) set.delete(q);
    if (c !== 'date' && c !== 'exportedAt') for (const q of NUMBER_CONCEPTS.has(c) ? NUMBER_QUALIFIERS : TEXT_QUALIFIERS) set.add(q);
    if (c === 'duration') set.delete('duration');
    if (c === 'country') set.delete('country');
    // an hour may be written `publish_time_hour` or `Hour (local time)`
    if (c === 'hour') for (const q of ['time', 'date', 'timestamp', 'at']) set.delete(q);
    // the date keeps time/at/date words (`publish_time`, `created_at`) but is never a count
    if (c === 'date') for (const q of ['count', 'views', 'likes']) set.add(q);
    return [c, set];
  }),
);

// ---------------------------------------------------------------------------
// Header normalisation

/** Lower case, every run of non-letters/digits as `_`, no leading/trailing `_`. */
export function normalizeHeader(h: string): string {
  return h.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '_').replace(/^_+|_+$/g, '');
}

interface HeaderInfo {
  name: string;
  index: number;
  norm: string;
  /** token boundaries in norm: `_` separators plus camelCase humps of the original (viewCount) */
  starts: Set<number>;
  ends: Set<number>;
  /** tokens with their [start, end) in norm */
  tokens: { text: string; start: number; end: number }[];
  eligible: boolean; // false for a later duplicate or an empty name
}

const isAlnum = (ch: string) => /[\p{L}\p{N}]/u.test(ch);
const isLower = (ch: string) => ch !== ch.toUpperCase() && ch === ch.toLowerCase();
const isUpper = (ch: string) => ch !== ch.toLowerCase() && ch === ch.toUpperCase();

function analyse(name: string, index: number): HeaderInfo {
  const norm = normalizeHeader(name);
  // Walk the original to find camelCase humps; keep them only when the walk reproduces norm.
  let out = '';
  const camel: number[] = [];
  let sep = false;
  let prev = '';
  for (const ch of name) {
    if (!isAlnum(ch)) {
      sep = true;
      prev = '';
      continue;
    }
    if (sep && out.length > 0) out += '_';
    else if (prev !== '' && isUpper(ch) && (isLower(prev) || /\p{N}/u.test(prev))) camel.push(out.length);
    sep = false;
    out += ch.toLowerCase();
    prev = ch;
  }
  const starts = new Set<number>([0]);
  const ends = new Set<number>([norm.length]);
  for (let i = 0; i < norm.length; i++) {
    if (norm[i] === '_') {
      ends.add(i);
      starts.add(i + 1);
    }
  }
  if (out === norm) for (const p of camel) { starts.add(p); ends.add(p); }
  const cuts = [...new Set([...starts, ...ends])].sort((a, b) => a - b);
  const tokens: HeaderInfo['tokens'] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const a = cuts[k];
    const b = cuts[k + 1];
    const text = norm.slice(a, b);
    if (text !== '' && text !== '_') tokens.push({ text, start: a, end: b });
  }
  return { name, index, norm, starts, ends, tokens, eligible: norm !== '' };
}

/**
 * Whether candidate occurs in the header on token boundaries with no qualifier token around it:
 * `dislikes` does not contain `likes`, `hours_watched` not `hour`, `creator_tier` is no creator.
 */
function patternMatch(h: HeaderInfo, concept: DetectedConcept, cand: string): boolean {
  const quals = QUALIFIERS.get(concept)!;
  let from = 0;
  for (;;) {
    const at = h.norm.indexOf(cand, from);
    if (at < 0) return false;
    from = at + 1;
    const end = at + cand.length;
    if (!h.starts.has(at) || !h.ends.has(end)) continue;
    // "all time" states the period, not a time of day: `Views (all time)` is still the views
    const others = h.tokens
      .filter((t, k) => (t.end <= at || t.start >= end) && !(t.text === 'time' && h.tokens[k - 1]?.text === 'all'))
      .map((t) => t.text);
    if (others.some((t) => quals.has(t))) return false;
    if (cand === 'name' && !others.every((t) => NAME_OK_TOKENS.has(t))) return false;
    return true;
  }
}

// ---------------------------------------------------------------------------
// Value fit

// ids: UUIDs, long hex, long digit strings (TikTok ids), YouTube video and channel ids
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX = /^(?:0x)?[0-9a-f]{16,}$/i;
const DIGITS = /^\d{10,}$/;
const YT_VIDEO = /^[A-Za-z0-9_-]{11}$/;
const YT_CHANNEL = /^UC[A-Za-z0-9_-]{22}$/;

function isId(v: string): boolean {
  if (UUID.test(v) || HEX.test(v) || DIGITS.test(v) || YT_CHANNEL.test(v)) return true;
  // an 11-character YouTube id mixes cases and digits; a word of 11 letters does not
  return YT_VIDEO.test(v) && /\d/.test(v) && /[a-z]/.test(v) && /[A-Z]/.test(v);
}

type FitKind = 'number' | 'duration' | 'date' | 'text' | 'any';

function fitKind(concept: DetectedConcept): FitKind {
  if (concept === 'date' || concept === 'exportedAt') return 'date';
  if (concept === 'id') return 'any'; // ids, numbers and links all serve
  if (concept === 'duration') return 'duration';
  return NUMBER_CONCEPTS.has(concept) ? 'number' : 'text';
}

/** Why the sampled values do not fit, or null when they do (or there is nothing to judge). */
function misfit(sample: string[][], index: number, kind: FitKind): string | null {
  if (kind === 'any') return null;
  let present = 0;
  let bad = 0;
  let numOrId = 0;
  const reader = kind === 'date' ? new DateReader('UTC', 'auto') : null;
  for (const row of sample) {
    const raw = row[index];
    if (raw === undefined) continue;
    const t = raw.trim();
    if (t === '') continue;
    if (kind === 'number' || kind === 'duration') {
      const v = kind === 'number' ? parseNumber(t) : (parseDurationSec(t) ?? parseNumber(t));
      if (v !== undefined && Number.isNaN(v)) continue;
      present++;
      if (v === undefined) bad++;
    } else if (kind === 'date') {
      const s = reader!.read(t);
      if (s === DATE_MISSING) continue;
      present++;
      if (s === DATE_BAD) bad++;
    } else {
      const v = parseNumber(t);
      if (v !== undefined && Number.isNaN(v)) continue;
      present++;
      if (v !== undefined || isId(t)) numOrId++;
    }
  }
  if (present === 0) return null;
  if (kind === 'text') return numOrId === present ? 'all numbers or ids' : null;
  if (bad * 2 > present) return `${bad} of ${present} sampled values are not ${kind === 'date' ? 'dates' : 'numbers'}`;
  return null;
}

// ---------------------------------------------------------------------------
// Detection

export interface DetectResult {
  map: ColumnMap;
  problems: string[];
  notes: string[];
}

const quote = (s: string) => JSON.stringify(s);

function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** Header names close to a missing override: small edit distance, containment or a shared word. */
function closeNames(wanted: string, headers: HeaderInfo[]): string[] {
  const w = normalizeHeader(wanted);
  const wTokens = new Set(w.split('_').filter((t) => t.length >= 3));
  const scored: { name: string; score: number; index: number }[] = [];
  for (const h of headers) {
    if (!h.eligible) continue;
    const d = editDistance(w, h.norm);
    let score = Infinity;
    if (d <= Math.max(2, Math.floor(Math.max(w.length, h.norm.length) / 3))) score = d;
    else if (w !== '' && (h.norm.includes(w) || w.includes(h.norm))) score = 100 + d;
    else if (h.norm.split('_').some((t) => wTokens.has(t))) score = 200 + d;
    if (score !== Infinity) scored.push({ name: h.name, score, index: h.index });
  }
  scored.sort((a, b) => a.score - b.score || a.index - b.index);
  return scored.slice(0, 3).map((s) => s.name);
}

function preview(headers: HeaderInfo[]): string {
  const names = headers.filter((h) => h.eligible).map((h) => quote(h.name));
  return names.length > 8 ? `${names.slice(0, 8).join(', ')}, ... (${names.length} columns)` : names.join(', ');
}

/**
 * Maps concepts to columns: overrides, then exact matches of every concept (candidate order),
 * then pattern matches (candidate order, token-aligned, no qualifier), each skipping columns
 * already claimed and columns whose sampled values do not fit the concept.
 */
export function detectColumns(
  header: string[],
  sample: string[][],
  overrides: Partial<Record<DetectedConcept, string>>,
): DetectResult {
  const map: ColumnMap = {};
  const problems: string[] = [];
  const notes: string[] = [];
  const headers = header.map((h, i) => analyse(h ?? '', i));

  // duplicates: the first occurrence serves, later ones are ignored
  const firstByName = new Map<string, number>();
  const dupes = new Map<string, number[]>();
  for (const h of headers) {
    if (!h.eligible) continue;
    const first = firstByName.get(h.name);
    if (first === undefined) firstByName.set(h.name, h.index);
    else {
      h.eligible = false;
      const list = dupes.get(h.name) ?? [first];
      list.push(h.index);
      dupes.set(h.name, list);
    }
  }
  for (const [name, at] of dupes) {
    notes.push(
      `Column ${quote(name)} appears ${at.length} times (columns ${at.map((i) => i + 1).join(', ')}); the first one is used.`,
    );
  }

  const claimed = new Set<number>();
  const claim = (concept: DetectedConcept, h: HeaderInfo, how: ColumnMatch['how'], candidate: string) => {
    map[concept] = { concept, column: h.name, index: h.index, how, candidate };
    claimed.add(h.index);
  };

  // 1. overrides
  const overridden = new Set<DetectedConcept>();
  for (const concept of DETECTED) {
    if (!Object.hasOwn(overrides, concept)) continue;
    const wanted = overrides[concept];
    if (typeof wanted !== 'string' || wanted.trim() === '') continue;
    overridden.add(concept);
    const w = wanted.trim();
    const wn = normalizeHeader(w);
    const h =
      headers.find((x) => x.eligible && x.name === w) ??
      headers.find((x) => x.eligible && x.name.trim() === w) ??
      (wn === '' ? undefined : headers.find((x) => x.eligible && x.norm === wn));
    if (h === undefined) {
      const close = closeNames(w, headers);
      problems.push(
        close.length > 0
          ? `columns.${concept} names the column ${quote(w)}, which the file does not have; close matches: ${close.map(quote).join(', ')}.`
          : `columns.${concept} names the column ${quote(w)}, which the file does not have; its columns are: ${preview(headers) || 'none'}.`,
      );
      continue;
    }
    if (claimed.has(h.index)) {
      const other = DETECTED.find((c) => map[c]?.index === h.index);
      notes.push(`Column ${quote(h.name)} is mapped by columns.${concept} and columns.${other} both.`);
    }
    claim(concept, h, 'override', wanted);
  }

  // value fit, computed once per column and kind
  const fitCache = new Map<string, string | null>();
  const skipped = new Set<string>();
  const fits = (concept: DetectedConcept, h: HeaderInfo, candidate: string): boolean => {
    const kind = fitKind(concept);
    const key = `${kind}:${h.index}`;
    let why = fitCache.get(key);
    if (why === undefined) {
      why = misfit(sample, h.index, kind);
      fitCache.set(key, why);
    }
    if (why !== null && !skipped.has(`${concept}:${h.index}`)) {
      skipped.add(`${concept}:${h.index}`);
      notes.push(`Column ${quote(h.name)} looks like ${concept} by name (${candidate}) but is skipped: ${why}.`);
    }
    return why === null;
  };

  const pending = DETECTED.filter((c) => !overridden.has(c));

  // 2. exact matches of every concept, before any pattern match
  for (const concept of pending) {
    found: for (const cand of CANDIDATES[concept]) {
      for (const h of headers) {
        if (!h.eligible || claimed.has(h.index) || h.norm !== cand) continue;
        if (!fits(concept, h, cand)) continue;
        claim(concept, h, 'exact', cand);
        break found;
      }
    }
  }

  // 3. pattern matches, in candidate order
  for (const concept of pending) {
    if (map[concept] !== undefined) continue;
    found: for (const cand of CANDIDATES[concept]) {
      for (const h of headers) {
        if (!h.eligible || claimed.has(h.index) || h.norm === cand) continue;
        if (!patternMatch(h, concept, cand)) continue;
        if (!fits(concept, h, cand)) continue;
        claim(concept, h, 'pattern', cand);
        break found;
      }
    }
  }

  return { map, problems, notes };
}
