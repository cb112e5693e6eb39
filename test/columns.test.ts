import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import Papa from 'papaparse';
import { CANDIDATES, detectColumns, normalizeHeader } from '../src/data/columns.ts';
import { CONCEPTS, type Concept } from '../src/types.ts';

const fixture = (name: string): { header: string[]; rows: string[][] } => {
  const text = readFileSync(new URL(`./fixtures/headers/${name}`, import.meta.url), 'utf8');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  assert.is(parsed.errors.length, 0, `${name}: ${JSON.stringify(parsed.errors)}`);
  const [header, ...rows] = parsed.data;
  for (const r of rows) assert.is(r.length, header.length, `${name}: ragged fixture row ${r[0]}`);
  return { header, rows };
};

/** concept -> source column of a detection, for compact assertions */
const columnsOf = (map: ReturnType<typeof detectColumns>['map']) => {
  const out: Partial<Record<Concept, string>> = {};
  for (const c of CONCEPTS) if (map[c]) out[c] = map[c]!.column;
  return out;
};

const NUMBERS = [['120'], ['4,300'], ['1.2K']];
const TEXTS = [['Harbour Life'], ['Cape Crew'], ['Mid']];
const DATES = [['2025-02-13'], ['2025-03-01T10:00:00Z'], ['2025-04-20']];

// ---
const cand = suite('CANDIDATES');

const SPEC: Record<Concept, string[]> = {
  views: ['views', 'view_count', 'views_count', 'total_views', 'play_count', 'plays', 'video_views'],
  likes: ['likes', 'like_count', 'thumbs_up', 'digg_count', 'hearts'],
  comments: ['comments', 'comment_count', 'comment_total'],
  shares: ['shares', 'share_count', 'reposts'],
  saves: ['saves', 'save_count', 'bookmarks', 'favorites'],
  duration: ['duration_sec', 'duration', 'length_sec', 'video_length', 'video_length_sec'],
  date: ['publish_date', 'published_at', 'publish_time', 'publish_date_approx', 'date', 'created_at',
    'upload_date', 'create_time', 'timestamp'],
  hour: ['upload_hour', 'publish_hour', 'hour'],
  time: [], // not a SPEC list: the time of day that joins a date-only column (issue 22)
  platform: ['platform', 'source', 'app'],
  creator: ['creator', 'channel', 'channel_title', 'channel_name', 'author', 'author_handle', 'uploader',
    'account', 'handle', 'username', 'page'],
  title: ['title', 'video_title', 'name', 'description'],
  category: ['category', 'topic', 'genre', 'tag'],
  country: ['country', 'region', 'market', 'geo'],
  hashtags: ['hashtags', 'hashtag', 'tags'],
};

cand('every concept starts with the SPEC list, in SPEC order (extended, never shrunk)', () => {
  for (const c of CONCEPTS) assert.equal(CANDIDATES[c].slice(0, SPEC[c].length), SPEC[c], c);
});
cand('real export names are candidates (camelCase ones in normalised form)', () => {
  const has = (c: Concept, ...names: string[]) => names.forEach((n) => assert.ok(CANDIDATES[c].includes(n), `${c}: ${n}`));
  has('views', 'total_views', 'video_views', 'viewcount', 'playcount');
  has('likes', 'likecount', 'diggcount', 'total_likes');
  has('comments', 'commentcount', 'total_comments');
  has('shares', 'sharecount', 'total_shares');
  has('saves', 'collectcount');
  has('date', 'post_time', 'createtime', 'publishedat');
  has('creator', 'channeltitle', 'authormeta_name', 'account_username');
  has('title', 'video_title');
});
cand('candidates are already normalised and each serves one concept', () => {
  const owner = new Map<string, Concept>();
  for (const c of CONCEPTS) {
    for (const n of CANDIDATES[c]) {
      assert.is(normalizeHeader(n), n, `${c}: ${n} is not normalised`);
      assert.not.ok(owner.has(n), `${n} is a candidate of ${owner.get(n)} and ${c}`);
      owner.set(n, c);
    }
  }
});
cand.run();

// ---
const norm = suite('normalizeHeader');
norm('lower case, runs of non-alphanumerics as one _, trimmed', () => {
  assert.is(normalizeHeader('Video publish time'), 'video_publish_time');
  assert.is(normalizeHeader('Impressions click-through rate (%)'), 'impressions_click_through_rate');
  assert.is(normalizeHeader('Duration (sec)'), 'duration_sec');
  assert.is(normalizeHeader('  __Views__  '), 'views');
  assert.is(normalizeHeader('Watch time (hours)'), 'watch_time_hours');
});
norm('camelCase and dotted scraper names', () => {
  assert.is(normalizeHeader('viewCount'), 'viewcount');
  assert.is(normalizeHeader('authorMeta.name'), 'authormeta_name');
  assert.is(normalizeHeader('createTimeISO'), 'createtimeiso');
});
norm('unicode letters and digits are kept', () => {
  assert.is(normalizeHeader('Durée (s)'), 'durée_s');
  assert.is(normalizeHeader('Просмотры'), 'просмотры');
  assert.is(normalizeHeader('engagement_per_1k'), 'engagement_per_1k');
});
norm('empty and symbol-only names normalise to the empty string', () => {
  assert.is(normalizeHeader(''), '');
  assert.is(normalizeHeader(' (%) '), '');
});
norm.run();

// ---
const det = suite('detectColumns');

const EXPORTS: [string, Partial<Record<Concept, string>>][] = [
  ['tiktok-studio.csv', {
    views: 'Total views', likes: 'Total likes', comments: 'Total comments', shares: 'Total shares',
    date: 'Post time', title: 'Video title',
  }],
  ['tiktok-studio-publish-time.csv', {
    views: 'Total views', likes: 'Total likes', comments: 'Total comments', shares: 'Total shares',
    date: 'Video publish time', title: 'Video title',
  }],
  ['youtube-studio-table-data.csv', {
    views: 'Views', likes: 'Likes', comments: 'Comments added', shares: 'Shares', duration: 'Duration',
    date: 'Video publish time', title: 'Video title',
  }],
  ['instagram-meta-posts.csv', {
    views: 'Views', likes: 'Likes', comments: 'Comments', shares: 'Shares', saves: 'Saves',
    duration: 'Duration (sec)', date: 'Publish time', creator: 'Account username', title: 'Description',
  }],
  ['kaggle-youtube-trending-2017.csv', {
    views: 'views', likes: 'likes', comments: 'comment_count', date: 'publish_time', creator: 'channel_title',
    title: 'title', hashtags: 'tags', category: 'category_id',
  }],
  ['kaggle-youtube-trending-2020.csv', {
    views: 'view_count', likes: 'likes', comments: 'comment_count', date: 'publishedAt', creator: 'channelTitle',
    title: 'title', hashtags: 'tags', category: 'categoryId',
  }],
  ['youtube-data-api.csv', {
    views: 'viewCount', likes: 'likeCount', comments: 'commentCount', duration: 'duration', date: 'publishedAt',
    creator: 'channelTitle', title: 'title', hashtags: 'tags', category: 'categoryId',
  }],
  ['tiktok-scraper-apify.csv', {
    views: 'playCount', likes: 'diggCount', comments: 'commentCount', shares: 'shareCount', saves: 'collectCount',
    duration: 'videoMeta.duration', date: 'createTimeISO', creator: 'authorMeta.name', title: 'text',
    country: 'locationCreated', hashtags: 'hashtags',
  }],
  ['tiktok-research-api.csv', {
    views: 'view_count', likes: 'like_count', comments: 'comment_count', shares: 'share_count',
    saves: 'favorites_count', duration: 'video_duration', date: 'create_time', creator: 'username',
    title: 'video_description', country: 'region_code', hashtags: 'hashtag_names',
  }],
];

for (const [file, expected] of EXPORTS) {
  det(`${file} maps without a columns: block`, () => {
    const { header, rows } = fixture(file);
    const r = detectColumns(header, rows, {});
    assert.equal(r.problems, []);
    assert.equal(columnsOf(r.map), expected);
  });
}

/** The seed dataset's concepts: all but the time of day (its dates and hours are separate columns, no time column). */
const SEED_CONCEPTS = CONCEPTS.filter((c) => c !== 'time');

det('seed dataset: all 58 columns, every concept mapped exactly', () => {
  const { header, rows } = fixture('seed-dataset.csv');
  assert.is(header.length, 58);
  const r = detectColumns(header, rows, {});
  assert.equal(columnsOf(r.map), {
    views: 'views', likes: 'likes', comments: 'comments', shares: 'shares', saves: 'saves',
    duration: 'duration_sec', date: 'publish_date_approx', hour: 'upload_hour', platform: 'platform',
    creator: 'author_handle', title: 'title', category: 'category', country: 'country',
    // SPEC candidate order puts hashtag before tags: `hashtag` holds the primary #hashtag, `tags`
    // are YouTube-style keyword tags without '#'
    hashtags: 'hashtag',
  });
  for (const c of SEED_CONCEPTS) assert.is(r.map[c]!.how, 'exact', c);
  assert.equal(r.notes, []);
});

det('seed dataset with one mapped column removed: a sensible fallback or none', () => {
  const { header, rows } = fixture('seed-dataset.csv');
  const fallback: Record<Concept, string | undefined> = {
    views: undefined, // not creator_avg_views / engagement_velocity
    likes: undefined, // not dislikes / like_rate / like_dislike_ratio
    comments: undefined, // not sample_comments / comment_ratio
    shares: undefined, saves: undefined,
    duration: undefined, // not trend_duration_days / avg_watch_time_sec
    date: undefined, // not publish_dayofweek / year_month
    hour: undefined,
    time: undefined,
    platform: undefined, // not source_hint / traffic_source
    creator: undefined, // not creator_tier / creator_avg_views
    title: 'title_keywords', category: 'genre', country: 'region', hashtags: 'tags',
  };
  const full = detectColumns(header, rows, {}).map;
  for (const c of SEED_CONCEPTS) {
    const drop = full[c]!.index;
    const h = header.filter((_, i) => i !== drop);
    const r = detectColumns(h, rows.map((row) => row.filter((_, i) => i !== drop)), {});
    assert.is(r.map[c]?.column, fallback[c], c);
    // the other concepts keep their columns
    for (const o of SEED_CONCEPTS) if (o !== c) assert.is(r.map[o]?.column, full[o]!.column, `${c} dropped: ${o}`);
  }
});

det('variants of export names seen in the wild map by pattern', () => {
  const header = ['Video Views (all time)', 'Likes received', 'Comments (total)', 'Shares (all)', 'Publish Date (UTC)',
    'Video duration (s)', 'Creator / channel', 'Post caption', 'Hashtags used', 'Country of upload'];
  const row = ['1,200', '30', '4', '2', '2025-03-01', '0:31', 'Harbour Life', 'Knots!', '#knots #sea', 'US'];
  const r = detectColumns(header, [row, row], {});
  assert.equal(columnsOf(r.map), {
    views: 'Video Views (all time)', likes: 'Likes received', comments: 'Comments (total)', shares: 'Shares (all)',
    duration: 'Video duration (s)', date: 'Publish Date (UTC)', creator: 'Creator / channel', title: 'Post caption',
    country: 'Country of upload', hashtags: 'Hashtags used',
  });
  for (const c of CONCEPTS) if (r.map[c]) assert.is(r.map[c]!.how, 'pattern', c);
});

det('ColumnMatch carries index, how and the candidate', () => {
  const r = detectColumns(['Content', 'Video publish time', 'Views', 'Creator name (display)'], [], {});
  assert.equal(r.map.views, { concept: 'views', column: 'Views', index: 2, how: 'exact', candidate: 'views' });
  assert.equal(r.map.date, { concept: 'date', column: 'Video publish time', index: 1, how: 'exact', candidate: 'video_publish_time' });
  assert.equal(r.map.creator, { concept: 'creator', column: 'Creator name (display)', index: 3, how: 'pattern', candidate: 'creator' });
});

det('pattern matches: token-aligned, camelCase humps count as boundaries', () => {
  const one = (h: string, sample = NUMBERS) => columnsOf(detectColumns([h], sample, {}).map);
  assert.equal(one('Views (lifetime)'), { views: 'Views (lifetime)' });
  assert.equal(one('statistics.viewCount'), { views: 'statistics.viewCount' });
  assert.equal(one('TotalViews'), { views: 'TotalViews' });
  assert.equal(one('Publish date (UTC)', DATES), { date: 'Publish date (UTC)' });
  assert.equal(one('upload hour (local)'), { hour: 'upload hour (local)' });
  assert.equal(one('publish_time_hour'), { hour: 'publish_time_hour' });
  assert.equal(one('uploader_country', [['US'], ['GB']]), { country: 'uploader_country' });
  assert.equal(one('video_tags', [['a|b'], ['c']]), { hashtags: 'video_tags' });
});

det('exact matches of all concepts are claimed before any pattern match', () => {
  let r = detectColumns(['Engaged views', 'YouTube Premium views', 'Views'], NUMBERS.map((x) => [x[0], x[0], x[0]]), {});
  assert.is(r.map.views!.column, 'Views');
  // `tags` is exact for hashtags; category's `tag` must not take it by pattern first
  r = detectColumns(['tags'], TEXTS, {});
  assert.equal(columnsOf(r.map), { hashtags: 'tags' });
  r = detectColumns(['views_total', 'Total views'], [['1', '2']], {});
  assert.is(r.map.views!.column, 'Total views');
  assert.is(r.map.views!.how, 'exact');
});

/** The header must not serve any of these concepts, whatever kind of values it holds. */
function notMapped(header: string, concepts: Concept[]): void {
  for (const sample of [NUMBERS, TEXTS, DATES, []]) {
    const r = detectColumns([header], sample, {});
    for (const c of concepts) assert.is(r.map[c], undefined, `${header} must not be ${c} (got ${r.map[c]?.candidate})`);
  }
}

det('a name that qualifies the creator is not the creator', () => {
  for (const h of ['creator_tier', 'creator_avg_views', 'uploader_country', 'channel_id', 'channelId',
    'authorMeta.id', 'authorMeta.verified', 'authorMeta.fans', 'Account ID', 'creator_followers', 'channel_url']) {
    notMapped(h, ['creator']);
  }
});

det('rates, ratios, velocities, lengths and averages are not the counts, title or duration', () => {
  const five: Concept[] = ['views', 'likes', 'comments', 'title', 'duration', 'shares', 'saves', 'hour'];
  for (const h of ['engagement_rate', 'like_rate', 'comment_ratio', 'engagement_velocity', 'title_length',
    'trend_duration_days', 'avg_watch_time_sec', 'views_per_hour', 'average_view_duration', 'like_dislike_ratio',
    'share_rate', 'save_rate', 'engagement_like_rate', 'engagement_comment_rate', 'engagement_share_rate',
    'engagement_per_1k', 'creator_avg_views', 'dislikes', 'dislike_rate', 'Likes (vs. dislikes) (%)',
    'Average view duration', 'Average percentage viewed (%)', 'Impressions click-through rate (%)']) {
    notMapped(h, five);
  }
});

det('other qualified or look-alike names', () => {
  notMapped('hours_watched', ['hour']);
  notMapped('watch_time_hours', ['hour']);
  notMapped('Watch time (hours)', ['hour']);
  notMapped('Engaged views', ['views']);
  notMapped('profile_views', ['views']);
  notMapped('reviews_count', ['views']);
  notMapped('comments_disabled', ['comments']);
  notMapped('sample_comments', ['comments']);
  notMapped('Data comment', ['comments']);
  notMapped('trending_date', ['date']);
  notMapped('account_created_at', ['date']);
  notMapped('source_hint', ['platform']);
  notMapped('traffic_source', ['platform']);
  notMapped('app_version', ['platform']);
  notMapped('category_id', ['category']);
  notMapped('categoryId', ['category']);
  notMapped('hashtag_count', ['hashtags']);
  notMapped('video_duration_minutes', ['duration']);
  notMapped('duration_ms', ['duration']);
  notMapped('Account name', ['title']);
  notMapped('musicMeta.musicName', ['title']);
  notMapped('textLanguage', ['title']);
  notMapped('stage', ['category']);
  notMapped('whatsapp_shares', ['platform']);
});

det('value fit: a views column full of text is skipped (and noted)', () => {
  const r = detectColumns(['views', 'Total views'], [['lots', '100'], ['many', '200'], ['', '300']], {});
  assert.is(r.map.views!.column, 'Total views');
  assert.ok(r.notes.some((n) => n.includes('"views"') && n.includes('not numbers')), r.notes.join('\n'));
});

det('value fit: a title column of ids is skipped, a text one is used', () => {
  const rows = [
    ['dQw4w9WgXcQ', 'Never gonna give you up'],
    ['7301234567890123456', 'Morning routine'],
    ['3f2504e0-4f89-11d3-9a0c-0305e82c3301', 'Bowline in 10 seconds'],
  ];
  const r = detectColumns(['title', 'description'], rows, {});
  assert.is(r.map.title!.column, 'description');
  const nums = detectColumns(['platform'], NUMBERS, {});
  assert.is(nums.map.platform, undefined);
});

det('value fit: a date column that is mostly not dates is skipped', () => {
  const r = detectColumns(['Date', 'posted'], [['Lifetime', '2025-01-02'], ['Lifetime', '2025-01-03']], {});
  assert.is(r.map.date, undefined); // `posted` is not a candidate
  const s = detectColumns(['date', 'post_time'], [['Lifetime', '2025-01-02 10:00'], ['Lifetime', '2025-01-03 11:00']], {});
  assert.is(s.map.date!.column, 'post_time');
});

det('value fit: durations may be ISO 8601 or m:ss; most values decide', () => {
  const r = detectColumns(['duration'], [['PT41S'], ['0:45'], ['n/a'], ['']], {});
  assert.is(r.map.duration!.column, 'duration');
  const s = detectColumns(['views'], [['1'], ['2'], ['oops']], {});
  assert.is(s.map.views!.column, 'views'); // 1 of 3 bad is not "mostly"
});

det('no sample (header only) or ragged rows: names decide', () => {
  assert.is(detectColumns(['Views', 'Title'], [], {}).map.title!.column, 'Title');
  const r = detectColumns(['title', 'views'], [['a'], [], ['b', '3']], {});
  assert.equal(columnsOf(r.map), { title: 'title', views: 'views' });
});

det('overrides: exact header, then normalised name; the column is then taken', () => {
  const header = ['Views', 'Total views', 'Account username', 'Description'];
  const r = detectColumns(header, [], { views: 'Total views', creator: 'account USERNAME', title: 'Views' });
  assert.equal(r.map.views, { concept: 'views', column: 'Total views', index: 1, how: 'override', candidate: 'Total views' });
  assert.is(r.map.creator!.column, 'Account username');
  assert.is(r.map.creator!.how, 'override');
  assert.is(r.map.title!.column, 'Views'); // the user's word wins, no value check
  assert.equal(r.problems, []);
});

det('overrides: a missing column is a problem naming the key and close headers', () => {
  const header = ['Video title', 'Total views', 'Views', 'Post time'];
  const r = detectColumns(header, [], { views: 'Totl views', date: 'published' });
  assert.is(r.problems.length, 2);
  assert.match(r.problems[0], /^columns\.views /);
  assert.match(r.problems[0], /"Totl views"/);
  assert.match(r.problems[0], /"Total views"/);
  assert.match(r.problems[1], /^columns\.date /);
  assert.match(r.problems[1], /"Video title", "Total views", "Views", "Post time"/); // nothing close: all columns
  assert.is(r.map.views, undefined);
});

det('duplicate header names: the first is used and noted', () => {
  const r = detectColumns(['Views', 'Likes', 'Views'], [['1', '2', 'x']], {});
  assert.is(r.map.views!.index, 0);
  assert.ok(r.notes.some((n) => n.includes('"Views" appears 2 times')), r.notes.join('\n'));
});

det('__proto__, constructor and friends are harmless as headers and override keys', () => {
  const header = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'views'];
  const r = detectColumns(header, [['a', 'b', 'c', 'd', '1']], JSON.parse('{"__proto__": "views", "constructor": "x"}'));
  assert.equal(columnsOf(r.map), { views: 'views' });
  assert.equal(r.problems, []);
  assert.is(Object.getPrototypeOf(r.map), Object.prototype);
  const o = detectColumns(header, [], { title: '__proto__' });
  assert.is(o.map.title!.column, '__proto__');
});

det.run();
