// Column detection by words (SPEC 2): localised headers, count prefixes, plurals, music and
// qualifier words, fill rates, YouTube category ids, and the one-line explanations validate prints.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { detectColumns, fold } from '../src/data/columns.ts';
import { nameYouTubeCategories, youTubeCategoryName } from '../src/data/youtube-categories.ts';
import { readDataset } from '../src/data/read.ts';
import type { Concept, DetectedConcept } from '../src/types.ts';
import { cli } from './helpers/cli-run.ts';
import { readOptions } from './helpers/read.ts';
import { tempDir } from './helpers/tmp.ts';

const NUMBERS = [['120'], ['4,300'], ['1.2K']];
const TEXTS = [['Harbour Life'], ['Cape Crew'], ['Mid']];
const DATES = [['2025-02-13'], ['2025-03-01T10:00:00Z'], ['2025-04-20']];
const SAMPLE: Record<Concept, string[][]> = {
  views: NUMBERS, likes: NUMBERS, comments: NUMBERS, shares: NUMBERS, saves: NUMBERS, duration: NUMBERS, hour: [['9'], ['18'], ['23']],
  date: DATES, time: [['08:59:25'], ['8:05'], ['21:30']], platform: TEXTS, creator: TEXTS, title: TEXTS, category: TEXTS, country: TEXTS, hashtags: TEXTS,
};

/** The concept one header alone maps to, with a sample fitting the expected concept. */
const conceptOf = (header: string, sampleOf: Concept): DetectedConcept | undefined => {
  const r = detectColumns([header], SAMPLE[sampleOf], {});
  const found = Object.values(r.map);
  return found[0]?.concept;
};

// ---
const fl = suite('fold');

fl('accents and Vietnamese letters fold for matching', () => {
  assert.is(fold('Durée'), 'duree');
  assert.is(fold('Ngày đăng'), 'ngay dang');
  assert.is(fold('Veröffentlichungszeit'), 'veroffentlichungszeit');
  assert.is(fold('Visualizações'), 'visualizacoes');
  assert.is(fold('Straße'), 'strasse');
});

fl.run();

// ---
const words = suite('detectColumns: words');

const LOCALISED: [string, Concept][] = [
  ['vues', 'views'], ['reproducciones', 'views'], ['visualizações', 'views'], ['Aufrufe', 'views'],
  ['visualizzazioni', 'views'], ['tayangan', 'views'], ['lượt xem', 'views'],
  ["j'aime", 'likes'], ['J’aime', 'likes'], ['me gusta', 'likes'], ['curtidas', 'likes'], ['Mag ich', 'likes'], ['Lượt thích', 'likes'],
  ['Kommentare', 'comments'], ['komentar', 'comments'], ['bình luận', 'comments'], ['commentaires', 'comments'],
  ['partages', 'shares'], ['compartidos', 'shares'], ['Compartilhamentos', 'shares'], ['condivisioni', 'shares'],
  ['enregistrements', 'saves'], ['Salvataggi', 'saves'],
  ['date de publication', 'date'], ['fecha de publicación', 'date'], ['Veröffentlichungszeit', 'date'], ['tanggal', 'date'],
  ['ngày đăng', 'date'], ['Data de publicação', 'date'],
  ['titre', 'title'], ['título', 'title'], ['Tiêu đề', 'title'], ['Judul', 'title'],
  ['créateur', 'creator'], ['canal', 'creator'], ['Kanal', 'creator'], ['kênh', 'creator'],
  ['durée', 'duration'], ['Duración', 'duration'], ['catégorie', 'category'], ['país', 'country'],
];

words('localised headers of the main export languages', () => {
  for (const [h, c] of LOCALISED) assert.is(conceptOf(h, c), c, h);
});

words('count prefixes, singular counts and prefixed names', () => {
  const cases: [string, Concept][] = [
    ['vid_nview', 'views'], ['n_views', 'views'], ['num_likes', 'likes'], ['nb_com', 'comments'], ['nb_comments', 'comments'],
    ['vid_nlike', 'likes'], ['vid_ncomment', 'comments'], ['vid_nshare', 'shares'], ['vid_nsave', 'saves'], ['num_share', 'shares'],
    ['postPlayCount', 'views'], ['post_view_count', 'views'],
    ['postTime', 'date'], ['posted_at', 'date'], ['vid_postTime', 'date'],
  ];
  for (const [h, c] of cases) assert.is(conceptOf(h, c), c, h);
});

words('a singular count word alone, or an abbreviation without a count word, is no count', () => {
  for (const h of ['Data comment', 'com', 'like', 'view']) {
    for (const sample of [NUMBERS, TEXTS]) {
      const r = detectColumns([h], sample, {});
      for (const c of ['views', 'likes', 'comments'] as Concept[]) assert.is(r.map[c], undefined, `${h} -> ${c}`);
    }
  }
});

words('music, sound and song columns are never the title or the creator', () => {
  for (const h of ['music_title', 'musicMeta.musicName', 'music_authorName', 'musicMeta.musicAuthor', 'sound_title', 'Audio title',
    'song_author', 'Titre de la musique', 'Nama lagu']) {
    for (const sample of [TEXTS, []]) {
      const r = detectColumns([h], sample, {});
      assert.is(r.map.title, undefined, `${h} -> title`);
      assert.is(r.map.creator, undefined, `${h} -> creator`);
    }
  }
  const r = detectColumns(['music_title', 'music_authorName', 'vid_caption', 'vid_author'], [['Song', 'Artist', 'My clip', 'me']], {});
  assert.is(r.map.title!.column, 'vid_caption');
  assert.is(r.map.creator!.column, 'vid_author');
  const lines = r.reasons.map((x) => x.text);
  assert.ok(lines.includes('`music_title` skipped: a music column is not the title'), lines.join('\n'));
  assert.ok(lines.includes('`music_authorName` skipped: a music column is not the creator'), lines.join('\n'));
});

words('qualified names are not the concept, in any language', () => {
  const cases: [string, Concept[]][] = [
    ['creator_tier', ['creator']], ['avg_views', ['views']], ['view_rate', ['views']], ['channel_id', ['creator']],
    ['moyenne des vues', ['views']], ['taux de partages', ['shares']], ['Durée moyenne de visionnage', ['duration']],
    ['Tiempo de visualización (horas)', ['hour', 'views']], ['Wiedergabezeit (Stunden)', ['hour']], ['Temps de visionnage (heures)', ['hour']],
    ['user_total_likes', ['likes']], ['user_nfollower', ['views', 'likes']], ['ID post', ['title']], ['title_length', ['duration']],
    ['hours_since_post', ['hour']], ['Kanal-ID', ['creator']], ['Durchschnittliche Wiedergabedauer', ['duration']],
  ];
  for (const [h, concepts] of cases) {
    for (const sample of [NUMBERS, TEXTS, DATES, []]) {
      const r = detectColumns([h], sample, {});
      for (const c of concepts) assert.is(r.map[c], undefined, `${h} must not be ${c} (got ${r.map[c]?.candidate})`);
    }
  }
});

words('the explanation: one line per chosen column, in words', () => {
  const header = ['vues', 'Total views', 'Veröffentlichungszeit', 'vid_nlike', 'postTime', 'Kanal', 'nb_com'];
  const r = detectColumns(header, [['1', '2', '2025-01-02', '3', '2025-01-02', 'x', '4']], {});
  // exact names first (Total views), then the words in concept order; `vues` stays unused since
  // views is taken, and `postTime` wins the date by the earlier (English) phrase
  assert.equal(r.reasons.map((x) => x.text), [
    '`Total views`: exact name "total_views"',
    '`vid_nlike`: the word "likes" names likes',
    '`nb_com`: "com" with a count word names comments',
    '`postTime`: the words "post time" name the date',
    '`Kanal`: German for the creator ("kanal")',
  ]);
  assert.is(r.map.date!.column, 'postTime');
  assert.is(r.map.views!.column, 'Total views');
  assert.equal(r.warnings, []);
});

words.run();

// ---
const fill = suite('detectColumns: fill rates');

/** n sampled rows: `views` holds a value in the first `filled` of them, `plays` in the first `plays`. */
const viewsAndPlays = (n: number, filled: number, plays = n) =>
  Array.from({ length: n }, (_, i) => [i < filled ? String(100 + i) : i % 2 ? '' : 'N/A', i < plays ? String(1000 + i) : '']);

fill('an almost empty column gives way to a well-filled one: 3 of 20 views lose to 20 of 20 plays', () => {
  const r = detectColumns(['views', 'plays'], viewsAndPlays(20, 3), {});
  assert.is(r.map.views!.column, 'plays');
  assert.ok(r.reasons.some((x) => x.text === '`views` skipped: 3 of 20 sampled cells filled; `plays` chosen'), r.reasons.map((x) => x.text).join('\n'));
  assert.equal(r.warnings, []);
});

fill('missing words (N/A) are not filled cells: 9 of 20 under half, plays 20 of 20 chosen', () => {
  const r = detectColumns(['views', 'plays'], viewsAndPlays(20, 9), {});
  assert.is(r.map.views!.column, 'plays');
  assert.ok(r.reasons.some((x) => x.text === '`views` skipped: 9 of 20 sampled cells filled; `plays` chosen'));
});

fill('half filled or more keeps candidate order: 10 of 20 views stay the views', () => {
  const r = detectColumns(['views', 'plays'], viewsAndPlays(20, 10), {});
  assert.is(r.map.views!.column, 'views');
  assert.equal(r.warnings, []);
  assert.not.ok(r.reasons.some((x) => !x.chosen));
});

fill('no well-filled alternative: the sparse column serves and is warned about', () => {
  // views 9 of 20, plays 15 of 20: 15 is not twice 9, so the first candidate stays
  let r = detectColumns(['views', 'plays'], viewsAndPlays(20, 9, 15), {});
  assert.is(r.map.views!.column, 'views');
  assert.equal(r.warnings, ['Column "views" (views) is under half filled: 9 of 20 sampled cells hold a value.']);
  r = detectColumns(['views'], viewsAndPlays(20, 3).map((row) => [row[0]]), {});
  assert.is(r.map.views!.column, 'views');
  assert.equal(r.warnings, ['Column "views" (views) is under half filled: 3 of 20 sampled cells hold a value.']);
});

fill('the alternative may come from a later stage: an exact but empty Views loses to "Video views (lifetime)"', () => {
  const rows = Array.from({ length: 10 }, (_, i) => [i === 0 ? '5' : '', String(i * 10)]);
  const r = detectColumns(['Views', 'Video views (lifetime)'], rows, {});
  assert.is(r.map.views!.column, 'Video views (lifetime)');
  assert.is(r.map.views!.how, 'pattern');
});

fill.run();

// ---
const cat = suite('detectColumns: YouTube category ids');

cat('a category id column serves the category when no text one exists', () => {
  const r = detectColumns(['category_id', 'views'], [['22', '1'], ['10', '2'], ['999', '3']], {});
  assert.equal(r.map.category, { concept: 'category', column: 'category_id', index: 0, how: 'exact', candidate: 'category_id' });
  assert.ok(r.categoryIds);
  assert.ok(r.reasons.some((x) => x.text === '`category_id`: YouTube category ids, shown by name'));
  const s = detectColumns(['snippet.categoryId'], [['24'], ['24']], {});
  assert.is(s.map.category!.how, 'pattern');
});

cat('a text category wins; ids that are not YouTube ids, or no sample, give no category', () => {
  let r = detectColumns(['category_id', 'category'], [['22', 'Music'], ['10', 'Gaming']], {});
  assert.is(r.map.category!.column, 'category');
  assert.not.ok(r.categoryIds);
  r = detectColumns(['category_id'], [['120'], ['4,300'], ['1.2K']], {});
  assert.is(r.map.category, undefined);
  r = detectColumns(['category_id'], [['3'], ['4'], ['22']], {}); // 1 of 3 known
  assert.is(r.map.category, undefined);
  r = detectColumns(['category_id'], [], {});
  assert.is(r.map.category, undefined);
});

cat('names: each distinct value once, unknown ids kept, ids sharing a name joined', () => {
  assert.is(youTubeCategoryName('22'), 'People & Blogs');
  assert.is(youTubeCategoryName(' 28 '), 'Science & Technology');
  assert.is(youTubeCategoryName('99'), '99');
  assert.is(youTubeCategoryName('Music'), 'Music');
  const col = { codes: Int32Array.from([0, 1, 2, 3, 2, -1, 0]), values: ['22', '23', '34', '99'] };
  nameYouTubeCategories(col);
  // 23 and 34 are both Comedy: one value, their rows share its code
  assert.equal(col.values, ['People & Blogs', 'Comedy', '99']);
  assert.equal([...col.codes], [0, 1, 1, 2, 1, -1, 0]);
});

cat('the reader shows a category id column by name and keeps the explanation', async () => {
  const dir = await tempDir('svr-words-');
  const path = join(dir, 'trending.csv');
  await writeFile(path, 'video_id,title,channel_title,category_id,publish_time,views\n' +
    'a1,One,Chan,22,2025-01-02T10:00:00Z,100\n' +
    'a2,Two,Chan,10,2025-01-03T10:00:00Z,200\n' +
    'a3,Three,Chan,22,2025-01-04T10:00:00Z,300\n' +
    'a4,Four,Chan,77,2025-01-05T10:00:00Z,400\n');
  const ds = await readDataset(readOptions(path));
  const cats = [...ds.text.category!.codes].map((c) => ds.text.category!.values[c]);
  assert.equal(cats, ['People & Blogs', 'Music', 'People & Blogs', '77']);
  assert.ok(ds.source.detection!.reasons.some((x) => x.text === '`category_id`: YouTube category ids, shown by name'));
});

cat.run();

// ---
const val = suite('validate explains the mapping');

val('one line per choice, skipped look-alikes and the under-half warning, in text and JSON', async () => {
  const dir = await tempDir('svr-words-');
  const rows = Array.from({ length: 10 }, (_, i) => `Clip ${i},2025-06-0${(i % 9) + 1} 10:00:00,${i === 0 ? '5' : ''},${1000 + i},${i < 4 ? 7 : ''},Son ${i},Moi`);
  await writeFile(join(dir, 'export.csv'), ['Titre de la vidéo,Date de publication,views,plays,Partages,music_title,créateur', ...rows].join('\n') + '\n');
  const r = await cli(['validate', '--input', 'export.csv'], dir);
  assert.is(r.code, 0, r.stderr);
  const out = r.stdout;
  assert.match(out, /title\s+Titre de la vidéo\s+French for the title \("titre"\)/);
  assert.match(out, /date\s+Date de publication\s+name contains "date"/); // the English candidate comes first
  assert.match(out, /views\s+plays\s+exact name "plays"/);
  assert.match(out, /creator\s+créateur\s+French for the creator \("créateur"\)/);
  assert.ok(out.includes('Note     `views` skipped: 1 of 10 sampled cells filled; `plays` chosen'), out);
  assert.ok(out.includes('Note     `music_title` skipped: a music column is not the title'), out);
  assert.ok(out.includes('Warning  Column "Partages" (shares) is under half filled: 4 of 10 sampled cells hold a value.'), out);
  const j = await cli(['validate', '--input', 'export.csv', '--json'], dir);
  const json = JSON.parse(j.stdout);
  assert.ok(json.mappingReasons.includes('`Partages`: French for shares ("partages")'), j.stdout);
  assert.equal(json.mappingWarnings, ['Column "Partages" (shares) is under half filled: 4 of 10 sampled cells hold a value.']);
});

val.run();
