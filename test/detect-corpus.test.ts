// The export corpus (test/fixtures/exports, sources in SOURCES.md): every file's header and a few
// rows through column detection, compared with the mapping a careful analyst makes
// (expected.json). Prints the score (concepts right / total) and fails on any miss. Grow it
// whenever a user-visible miss is found: add the file, its line in SOURCES.md and its mapping.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import Papa from 'papaparse';
import { detectColumns } from '../src/data/columns.ts';
import { readDataset } from '../src/data/read.ts';
import { CONCEPTS, ROW_CONCEPTS, type DetectedConcept } from '../src/types.ts';
import { readOptions } from './helpers/read.ts';

/** every concept detection knows: the report's and the rows' own (id, export time) */
const ALL: readonly DetectedConcept[] = [...CONCEPTS, ...ROW_CONCEPTS];

const DIR = new URL('./fixtures/exports/', import.meta.url);
const expected = JSON.parse(readFileSync(new URL('expected.json', DIR), 'utf8')) as Record<string, Record<string, string | null>>;

const read = (name: string): { header: string[]; rows: string[][] } => {
  const parsed = Papa.parse<string[]>(readFileSync(new URL(name, DIR), 'utf8'), { skipEmptyLines: true });
  assert.is(parsed.errors.length, 0, `${name}: ${JSON.stringify(parsed.errors)}`);
  const [header, ...rows] = parsed.data;
  for (const r of rows) assert.is(r.length, header.length, `${name}: ragged fixture row`);
  return { header, rows };
};

const corpus = suite('detect corpus');

corpus('every fixture has a mapping of every concept and every mapping a fixture; at least 15 files', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.csv')).sort();
  assert.equal(Object.keys(expected).sort(), files);
  assert.ok(files.length >= 15, `${files.length} fixtures`);
  // the analyst states every concept, null included: a concept added later must be decided per file
  for (const [f, map] of Object.entries(expected)) assert.equal(Object.keys(map).sort(), [...ALL].sort(), f);
  const sources = readFileSync(new URL('SOURCES.md', DIR), 'utf8');
  for (const f of files) assert.ok(sources.includes(`\`${f}\``), `SOURCES.md names ${f}`);
  for (const [f, map] of Object.entries(expected)) {
    const { header } = read(f);
    // a mapped column exists in its file, so a typo in expected.json cannot pass as "not mapped"
    for (const [c, col] of Object.entries(map)) if (col !== null) assert.ok(header.includes(col), `${f}: ${c} -> ${col} is not a column`);
  }
});

corpus('detection maps every concept of every fixture as an analyst would', () => {
  let right = 0;
  let total = 0;
  const misses: string[] = [];
  for (const [file, map] of Object.entries(expected)) {
    const { header, rows } = read(file);
    const got = detectColumns(header, rows, {}).map;
    for (const c of ALL) {
      const want = map[c];
      const have = got[c]?.column ?? null;
      total++;
      if (have === want) right++;
      else misses.push(`${file}: ${c} is ${JSON.stringify(have)}, expected ${JSON.stringify(want)}`);
    }
  }
  console.log(`  detect corpus: ${right} of ${total} concepts right over ${Object.keys(expected).length} files`);
  assert.equal(misses, []);
  assert.is(right, total);
});

corpus('the explanation names the languages, the music rule, fill rates and category ids', () => {
  const why = (file: string) => {
    const { header, rows } = read(file);
    const r = detectColumns(header, rows, {});
    return r.reasons.map((x) => x.text);
  };
  assert.ok(why('tiktok-studio-fr.csv').includes('`Nombre total de vues`: French for views ("vues")'));
  assert.ok(why('youtube-studio-es.csv').includes('`Me gusta`: Spanish for likes ("me gusta")'));
  assert.ok(why('tiktok-studio-vi.csv').includes('`Tổng lượt xem`: Vietnamese for views ("lượt xem")'));
  assert.ok(why('tiktok-scrape-2025-vn.csv').includes('`music_title` skipped: a music column is not the title'), why('tiktok-scrape-2025-vn.csv').join('\n'));
  assert.ok(why('tiktok-scrape-sparse-views.csv').includes('`views` skipped: 1 of 10 sampled cells filled; `plays` chosen'));
  assert.ok(why('youtube-trending-fr-2018.csv').includes('`category_id`: YouTube category ids, shown by name'));
});

corpus('the video id and the export time are explained in the file\'s language', () => {
  const why = (file: string) => {
    const { header, rows } = read(file);
    return detectColumns(header, rows, {}).reasons.map((x) => x.text);
  };
  assert.ok(why('tiktok-studio-fr.csv').includes('`Lien de la vidéo`: French for the video id ("lien de la vidéo")'));
  assert.ok(why('youtube-studio-de.csv').includes('`Inhalt`: German for the video id ("inhalt")'));
  assert.ok(why('tiktok-scrape-2025-vn.csv').includes('`vid_scrapeTime`: the words "scrape time" name the export time'));
  assert.ok(why('youtube-trending-fr-2018.csv').includes('`trending_date`: exact name "trending_date"'));
});

corpus('Kaggle 2017-18 trending_date (YY.DD.MM) is read as the export time', async () => {
  // 17.14.11 is 2017-11-14; the file's last trending day is its export time
  const ds = await readDataset(readOptions(fileURLToPath(new URL('youtube-trending-fr-2018.csv', DIR))));
  assert.is(ds.columns.exportedAt?.column, 'trending_date');
  assert.is(ds.exportedAtMax, Date.UTC(2017, 10, 14));
});

corpus('a content name is the video id only as the whole header', () => {
  const rows = [['Brand deal', '12', 'x1'], ['none', '40', 'x2']];
  const map = detectColumns(['Branded content', 'Views', 'Contenido de marca'], rows, {}).map;
  assert.is(map.id, undefined);
  assert.is(detectColumns(['Contenido', 'Vistas'], [['dQ8xT2mPq1L', '12']], {}).map.id?.column, 'Contenido');
});

corpus.run();
