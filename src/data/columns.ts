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

import type { ColumnMap, ColumnMatch, DetectedConcept, DetectionReason, ReasonDetail } from '../types.ts';
import { CONCEPTS, NUMERIC_CONCEPTS, ROW_CONCEPTS } from '../types.ts';
import { DATE_BAD, DATE_MISSING, DateReader, kaggleTrendingDay, parseDurationSec, parseNumber } from './values.ts';
import {
  ABBREVIATIONS, COUNT_WORDS, HEADER_WORDS, LANGUAGE_NAMES, LOCAL_QUALIFIERS, MUSIC_WORDS, WATCH_WORDS, WHOLE_NAME_ONLY, type Lang,
} from './header-words.ts';
import { isYouTubeCategoryId } from './youtube-categories.ts';

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
  time: ['time', 'time_of_day', 'post_time_of_day', 'publish_time_of_day', 'upload_time_of_day', 'posting_time'],
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
  id: ['video_id', 'id', 'aweme_id', 'media_id', 'post_id', 'id_post', 'video_link', 'video_url', 'webvideourl', 'permalink', 'content', 'shortcode', 'item_id', 'videoid', 'post_url', 'share_url', 'url', 'link'],
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
  time: ['watch', 'watched', 'play', 'played', 'view', 'viewed', 'all', 'total', 'load', 'response'],
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

/** Music, sound and song words (folded): such a column names the track, not the video's title or creator. */
const MUSIC = new Set(MUSIC_WORDS.map(fold));
const MUSIC_BLIND: ReadonlySet<DetectedConcept> = new Set<DetectedConcept>(['title', 'creator']);

/** Result of matching one name: it serves the concept, it does not, or only a music word stops it. */
type Match = 'yes' | 'no' | 'music';

/**
 * Whether candidate occurs in the header on token boundaries with no qualifier token around it:
 * `dislikes` does not contain `likes`, `hours_watched` not `hour`, `creator_tier` is no creator.
 */
function patternMatch(h: HeaderInfo, concept: DetectedConcept, cand: string): Match {
  const quals = QUALIFIERS.get(concept)!;
  let from = 0;
  let music = false;
  for (;;) {
    const at = h.norm.indexOf(cand, from);
    if (at < 0) return music ? 'music' : 'no';
    from = at + 1;
    const end = at + cand.length;
    if (!h.starts.has(at) || !h.ends.has(end)) continue;
    // "all time" states the period, not a time of day: `Views (all time)` is still the views
    const others = h.tokens
      .filter((t, k) => (t.end <= at || t.start >= end) && !(t.text === 'time' && h.tokens[k - 1]?.text === 'all'))
      .map((t) => t.text);
    if (others.some((t) => quals.has(t))) return music ? 'music' : 'no';
    if (cand === 'name' && !others.every((t) => NAME_OK_TOKENS.has(t))) return music ? 'music' : 'no';
    // `Content` is the video id only as the whole header (`Branded content` is no id)
    if (WHOLE.has(cand) && others.length > 0) return music ? 'music' : 'no';
    if (MUSIC_BLIND.has(concept) && others.some((t) => MUSIC.has(fold(t)))) {
      music = true;
      continue;
    }
    return 'yes';
  }
}

// ---------------------------------------------------------------------------
// Words (SPEC 2: header names read as words, in the export languages of the main markets)

/** For matching only: lower case with accents folded (`Durée` -> `duree`, `đăng` -> `dang`). */
export function fold(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/ß/g, 'ss')
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe');
}

const wordsOf = (s: string): string[] => fold(s).split(/[^\p{L}\p{N}]+/u).filter((t) => t !== '');

interface Phrase {
  concept: DetectedConcept;
  lang: Lang;
  text: string; // as written in header-words.ts
  tokens: string[]; // folded words
  abbreviation: boolean; // read only beside a count word
  whole: boolean; // names the concept only as the whole header (`Content`)
}

const COUNTED: ReadonlySet<DetectedConcept> = new Set<DetectedConcept>(['views', 'likes', 'comments', 'shares', 'saves']);
/** Concepts whose words may be plural or singular freely (`Titles`, `Categorias`); counts need a count word. */
const PLURAL_FREE: ReadonlySet<DetectedConcept> = new Set<DetectedConcept>(['platform', 'creator', 'title', 'category', 'country', 'hashtags']);
const COUNT = new Set(COUNT_WORDS.map(fold));

const WHOLE = new Set(WHOLE_NAME_ONLY.map(fold));
const PHRASES: ReadonlyMap<DetectedConcept, readonly Phrase[]> = new Map(
  DETECTED.map((c): [DetectedConcept, Phrase[]] => {
    const list: Phrase[] = [];
    const byLang = HEADER_WORDS[c] ?? {};
    for (const lang of Object.keys(LANGUAGE_NAMES) as Lang[]) {
      for (const text of byLang[lang] ?? []) list.push({ concept: c, lang, text, tokens: wordsOf(text), abbreviation: false, whole: WHOLE.has(fold(text)) });
    }
    for (const text of ABBREVIATIONS[c] ?? []) list.push({ concept: c, lang: 'en', text, tokens: wordsOf(text), abbreviation: true, whole: false });
    return [c, list.filter((p) => p.tokens.length > 0)];
  }),
);

/** Single words of the count concepts, so a glued prefix splits: `nview` -> `n` `view`, `ncomment`. */
const COUNT_STEMS: ReadonlySet<string> = new Set(
  [...PHRASES.values()].flat().filter((p) => COUNTED.has(p.concept) && p.tokens.length === 1).flatMap((p) => [p.tokens[0], singular(p.tokens[0])]),
);

const LOCAL_ID_WORDS = new Set(['identifiant', 'identificador', 'kennung', 'identificativo', 'mã']);

/** Words-stage qualifiers per concept: the English ones, the other languages', watch time for the hour. */
const WORD_QUALIFIERS: ReadonlyMap<DetectedConcept, ReadonlySet<string>> = new Map(
  DETECTED.map((c): [DetectedConcept, ReadonlySet<string>] => {
    const set = new Set<string>([...QUALIFIERS.get(c)!].map(fold));
    // the other languages' words for "id" qualify every concept but the video id itself
    for (const q of LOCAL_QUALIFIERS) if (c !== 'id' || !LOCAL_ID_WORDS.has(q)) set.add(fold(q));
    if (c === 'hour' || c === 'duration') for (const q of WATCH_WORDS) set.add(fold(q));
    return [c, set];
  }),
);

function singular(t: string): string {
  return t.length > 3 && t.endsWith('s') ? t.slice(0, -1) : t;
}

/** The header's words, folded, a glued count prefix split off (`vid_nview` -> vid, n, view). */
function headerWords(h: HeaderInfo): string[] {
  const out: string[] = [];
  for (const t of h.tokens) {
    const w = fold(t.text);
    if (w.length >= 4 && w[0] === 'n' && COUNT_STEMS.has(w.slice(1))) out.push('n', w.slice(1));
    else out.push(w);
  }
  return out;
}

function sameWord(header: string, word: string, concept: DetectedConcept, counted: boolean): boolean {
  if (header === word) return true;
  if (PLURAL_FREE.has(concept)) return header === word + 's' || word === header + 's';
  // `num_like`, `vid_nview`: a count's singular stands only beside a count word
  return counted && COUNTED.has(concept) && singular(header) === singular(word);
}

/** Whether the phrase's words stand together in the header with no qualifier beside them. */
function wordsMatch(words: string[], p: Phrase): Match {
  const n = p.tokens.length;
  const quals = WORD_QUALIFIERS.get(p.concept)!;
  let music = false;
  for (let at = 0; at + n <= words.length; at++) {
    const others = [...words.slice(0, at), ...words.slice(at + n)];
    const counted = others.some((t) => COUNT.has(t));
    if (p.abbreviation && !counted) continue;
    if (p.whole && others.length > 0) continue;
    let k = 0;
    while (k < n && sameWord(words[at + k], p.tokens[k], p.concept, counted)) k++;
    if (k < n) continue;
    if (others.some((t) => quals.has(t))) continue;
    if (MUSIC_BLIND.has(p.concept) && others.some((t) => MUSIC.has(t))) {
      music = true;
      continue;
    }
    return 'yes';
  }
  return music ? 'music' : 'no';
}

/** A YouTube category id column: `category_id`, `categoryId`, `snippet.categoryId`. */
function isCategoryIdName(words: string[]): boolean {
  const cat = words.some((w) => w === 'category' || w === 'categorie' || w === 'categoria' || w === 'kategorie' || w === 'kategori');
  return cat && words.includes('id') && words.every((w) => /^(?:category|categorie|categoria|kategorie|kategori|id|video|snippet|youtube|yt)$/.test(w));
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

type FitKind = 'number' | 'hour' | 'duration' | 'date' | 'trending' | 'time' | 'text' | 'any';

function fitKind(concept: DetectedConcept): FitKind {
  if (concept === 'date' || concept === 'exportedAt') return 'date';
  if (concept === 'id') return 'any'; // ids, numbers and links all serve
  if (concept === 'time') return 'time';
  if (concept === 'hour') return 'hour';
  if (concept === 'duration') return 'duration';
  return NUMBER_CONCEPTS.has(concept) ? 'number' : 'text';
}

interface Fit {
  /** why the sampled values do not fit, or null when they do (or there is nothing to judge) */
  why: string | null;
  /** sampled cells holding a value (not blank, not a missing word such as `N/A`) */
  present: number;
}

/** How the sampled values of a column fit a kind of concept. */
function misfit(sample: string[][], index: number, kind: FitKind): Fit {
  let present = 0;
  let bad = 0;
  let numOrId = 0;
  const reader = kind === 'date' || kind === 'trending' || kind === 'time' || kind === 'hour' ? new DateReader('UTC', 'auto') : null;
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
    } else if (kind === 'hour') {
      // an hour as a number, or a time of day (`8:05 PM`, `20:05`) whose hour the reader takes
      const v = parseNumber(t);
      if (v !== undefined && Number.isNaN(v)) continue;
      present++;
      if (v === undefined && reader!.timeOfDay(t) < 0) bad++;
    } else if (kind === 'date' || kind === 'trending') {
      const s = reader!.read(t);
      if (s === DATE_MISSING) continue;
      present++;
      if (s === DATE_BAD && !(kind === 'trending' && Number.isFinite(kaggleTrendingDay(t)))) bad++;
    } else if (kind === 'any') {
      present++;
    } else if (kind === 'time') {
      // a time of day alone (08:59:25, 8:05 PM): a column of full dates is the date's, not this
      if (reader!.read(t) === DATE_MISSING) continue;
      present++;
      if (reader!.timeOfDay(t) < 0) bad++;
    } else {
      const v = parseNumber(t);
      if (v !== undefined && Number.isNaN(v)) continue;
      present++;
      if (v !== undefined || isId(t)) numOrId++;
    }
  }
  if (present === 0) return { why: null, present };
  if (kind === 'text') return { why: numOrId === present ? 'all numbers or ids' : null, present };
  const what = kind === 'date' || kind === 'trending' ? 'dates' : kind === 'time' ? 'times of day' : kind === 'hour' ? 'hours or times of day' : 'numbers';
  if (bad * 2 > present) return { why: `${bad} of ${present} sampled values are not ${what}`, present };
  return { why: null, present };
}

/** Whether the sample holds a YouTube category id column: whole numbers, mostly known ids. */
function categoryIdFit(sample: string[][], index: number): boolean {
  let present = 0;
  let known = 0;
  for (const row of sample) {
    const t = row[index]?.trim();
    if (t === undefined || t === '') continue;
    if (!/^\d{1,3}$/.test(t)) return false;
    present++;
    if (isYouTubeCategoryId(Number(t))) known++;
  }
  return present > 0 && known * 2 > present;
}

// ---------------------------------------------------------------------------
// Detection

export interface DetectResult {
  map: ColumnMap;
  problems: string[];
  notes: string[];
  /** why each concept got its column, and why look-alike columns were skipped: one line each, for validate */
  reasons: DetectionReason[];
  /** chosen columns under half filled in the sample: for the log and validate */
  warnings: string[];
  /** the category is a YouTube category id column: its values are shown by name after the read */
  categoryIds: boolean;
}

/** A column's name in explanations: `vues`. */
const tick = (s: string) => `\`${s}\``;
const count = (n: number) => n.toLocaleString('en-US');
/** The concept as a reader says it: "the title", "views". */
const ROW_TEXT: Partial<Record<DetectedConcept, string>> = { id: 'the video id', exportedAt: 'the export time', time: 'the time of day' };
const conceptText = (c: DetectedConcept) => ROW_TEXT[c] ?? (PLURAL_FREE.has(c) || c === 'date' || c === 'hour' || c === 'duration' ? `the ${c}` : c);

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
 * then pattern matches (candidate order, token-aligned, no qualifier), then the header's words
 * (header-words.ts, every language), each skipping columns already claimed and columns whose
 * sampled values do not fit; a column under half filled gives way to a well-filled one found
 * later. Last, a YouTube category id column serves the category when no text one exists.
 */
export function detectColumns(
  header: string[],
  sample: string[][],
  overrides: Partial<Record<DetectedConcept, string>>,
): DetectResult {
  const map: ColumnMap = {};
  const problems: string[] = [];
  const notes: string[] = [];
  const reasons: DetectionReason[] = [];
  const warnings: string[] = [];
  const headers = header.map((h, i) => analyse(h ?? '', i));
  const reason = (concept: DetectedConcept, column: string, chosen: boolean, text: string, detail?: ReasonDetail) =>
    reasons.push({
      concept, column, chosen, why: text, text: `${tick(column)}${chosen ? ':' : ' skipped:'} ${text}`, ...(detail ? { detail } : {}),
    });

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
    reason(concept, h.name, true, `columns.${concept} in the config`);
  }

  // value fit, computed once per column and kind
  const fitCache = new Map<string, Fit>();
  const skipped = new Set<string>();
  const skipNotes: { column: string; text: string }[] = []; // said at the end, for columns left unused
  const fitOf = (concept: DetectedConcept, h: HeaderInfo): Fit => {
    // Kaggle's trending_date (`17.14.11`) is an export time in its own form
    const kind = concept === 'exportedAt' && h.norm === 'trending_date' ? 'trending' : fitKind(concept);
    const key = `${kind}:${h.index}`;
    let fit = fitCache.get(key);
    if (fit === undefined) {
      fit = misfit(sample, h.index, kind);
      fitCache.set(key, fit);
    }
    return fit;
  };
  const fits = (concept: DetectedConcept, h: HeaderInfo, candidate: string): boolean => {
    const { why } = fitOf(concept, h);
    if (why !== null && !skipped.has(`${concept}:${h.index}`)) {
      skipped.add(`${concept}:${h.index}`);
      skipNotes.push({ column: h.name, text: `Column ${quote(h.name)} looks like ${concept} by name (${candidate}) but is skipped: ${why}.` });
      reason(concept, h.name, false, `looks like ${conceptText(concept)} by name, but ${why}`);
    }
    return why === null;
  };
  const music = new Set<string>();
  const musicSkip = (concept: DetectedConcept, h: HeaderInfo) => {
    if (music.has(`${concept}:${h.index}`)) return;
    music.add(`${concept}:${h.index}`);
    reason(concept, h.name, false, `a music column is not ${conceptText(concept)}`);
  };

  const pending = DETECTED.filter((c) => !overridden.has(c));
  const wordsCache = new Map<number, string[]>();
  const wordsOfHeader = (h: HeaderInfo) => {
    let w = wordsCache.get(h.index);
    if (w === undefined) wordsCache.set(h.index, (w = headerWords(h)));
    return w;
  };
  // the headers holding a word (or its singular), in header order: the words stage looks up each
  // phrase's first word here instead of trying every header (a 16,384-column file stays fast)
  let index: Map<string, HeaderInfo[]> | null = null;
  const headersWith = (word: string): HeaderInfo[] => {
    if (index === null) {
      index = new Map();
      for (const h of headers) {
        if (!h.eligible) continue;
        for (const w of new Set(wordsOfHeader(h).flatMap((x) => [x, singular(x)]))) {
          const list = index.get(w);
          if (list === undefined) index.set(w, [h]);
          else if (list[list.length - 1] !== h) list.push(h);
        }
      }
    }
    const a = index.get(word) ?? [];
    const b = singular(word) === word ? [] : index.get(singular(word)) ?? [];
    if (b.length === 0) return a;
    if (a.length === 0) return b;
    return [...new Set([...a, ...b])].sort((x, y) => x.index - y.index);
  };
  /** exact names of every concept: a later stage's look-ahead never takes one from its concept */
  const exactNames = new Set(pending.flatMap((c) => CANDIDATES[c]));

  interface Hit {
    h: HeaderInfo;
    how: ColumnMatch['how'];
    candidate: string;
    why: string;
    detail?: ReasonDetail;
  }
  // The matches of one stage, in priority order: candidates (or phrases) first, then header order.
  function* stageHits(concept: DetectedConcept, stage: number): Generator<Hit> {
    if (stage === 0) {
      for (const cand of CANDIDATES[concept]) {
        for (const h of headers) {
          if (!h.eligible || claimed.has(h.index) || h.norm !== cand) continue;
          yield { h, how: 'exact', candidate: cand, why: `exact name ${quote(cand)}` };
        }
      }
    } else if (stage === 1) {
      for (const cand of CANDIDATES[concept]) {
        for (const h of headers) {
          if (!h.eligible || claimed.has(h.index) || h.norm === cand) continue;
          const m = patternMatch(h, concept, cand);
          if (m === 'music') musicSkip(concept, h);
          if (m !== 'yes') continue;
          yield { h, how: 'pattern', candidate: cand, why: `name contains ${quote(cand)}` };
        }
      }
    } else {
      for (const p of PHRASES.get(concept) ?? []) {
        for (const h of headersWith(p.tokens[0])) {
          if (!h.eligible || claimed.has(h.index)) continue;
          const m = wordsMatch(wordsOfHeader(h), p);
          if (m === 'music') musicSkip(concept, h);
          if (m !== 'yes') continue;
          // `Hora de publicación`, `Heure de publication` name the date, whatever order the
          // concepts are detected in: the hour takes such a column only when it holds no dates
          if (concept === 'hour') {
            const named = PHRASES.get('date')!.find((d) => d.tokens.length > 1 && wordsMatch(wordsOfHeader(h), d) === 'yes');
            if (named !== undefined && fitOf('date', h).why === null) {
              if (!skipped.has(`hour-date:${h.index}`)) reason('hour', h.name, false, `its words name the date (${quote(named.text)}) and it holds dates`);
              skipped.add(`hour-date:${h.index}`);
              continue;
            }
          }
          const why = p.abbreviation
            ? `${quote(p.text)} with a count word names ${conceptText(concept)}`
            : p.lang === 'en'
              ? p.tokens.length > 1 ? `the words ${quote(p.text)} name ${conceptText(concept)}` : `the word ${quote(p.text)} names ${conceptText(concept)}`
              : `${LANGUAGE_NAMES[p.lang]} for ${conceptText(concept)} (${quote(p.text)})`;
          const detail: ReasonDetail = p.abbreviation
            ? { kind: 'count', phrase: p.text }
            : p.lang === 'en' ? { kind: 'words', phrase: p.text } : { kind: 'language', lang: p.lang, phrase: p.text };
          yield { h, how: 'pattern', candidate: p.text, why, detail };
        }
      }
    }
  }
  const fitting = function* (concept: DetectedConcept, from: number, hits: Iterator<Hit> | null): Generator<Hit> {
    if (hits) for (let r = hits.next(); !r.done; r = hits.next()) if (fits(concept, r.value.h, r.value.candidate)) yield r.value;
    for (let s = from; s < 3; s++) for (const hit of stageHits(concept, s)) if (fits(concept, hit.h, hit.candidate)) yield hit;
  };

  // 2-4. exact names of every concept, then names containing a candidate, then words
  const n = sample.length;
  for (let stage = 0; stage < 3; stage++) {
    for (const concept of pending) {
      if (map[concept] !== undefined) continue;
      const hits = stageHits(concept, stage);
      const first = fitting(concept, 3, hits).next();
      if (first.done) continue;
      let chosen = first.value;
      let filled = fitOf(concept, chosen.h).present;
      if (n > 0 && filled * 2 < n) {
        // an almost empty column gives way to a well-filled one of this stage or a later one
        for (const alt of fitting(concept, stage + 1, hits)) {
          if (alt.how !== 'exact' && exactNames.has(alt.h.norm)) continue;
          const altFilled = fitOf(concept, alt.h).present;
          if (altFilled * 2 >= n && altFilled >= filled * 2) {
            reason(concept, chosen.h.name, false, `${count(filled)} of ${count(n)} sampled cells filled; ${tick(alt.h.name)} chosen`);
            chosen = alt;
            filled = altFilled;
            break;
          }
        }
      }
      claim(concept, chosen.h, chosen.how, chosen.candidate);
      reason(concept, chosen.h.name, true, chosen.why, chosen.detail);
      if (n > 0 && filled * 2 < n) {
        warnings.push(`Column ${quote(chosen.h.name)} (${concept}) is under half filled: ${count(filled)} of ${count(n)} sampled cells hold a value.`);
      }
    }
  }

  // 5. a YouTube category id column when no text category exists (shown by name after the read)
  let categoryIds = false;
  if (pending.includes('category') && map.category === undefined) {
    const h = headers.find((x) => x.eligible && !claimed.has(x.index) && isCategoryIdName(wordsOfHeader(x)) && categoryIdFit(sample, x.index));
    if (h !== undefined) {
      claim('category', h, h.norm === 'category_id' || h.norm === 'categoryid' ? 'exact' : 'pattern', 'category_id');
      reason('category', h.name, true, 'YouTube category ids, shown by name', { kind: 'categoryIds' });
      categoryIds = true;
    }
  }

  // a column skipped for one concept but serving another (`postTime`: not a time of day, the
  // date) needs no "skipped" line: only columns left unused are explained as skipped
  const used = new Set(Object.values(map).map((m) => m!.column));
  return {
    map,
    problems,
    notes: [...notes, ...skipNotes.filter((n) => !used.has(n.column)).map((n) => n.text)],
    reasons: reasons.filter((r) => r.chosen || !used.has(r.column)),
    warnings,
    categoryIds,
  };
}
