// The explorer's "Column mapping used" table gives detection's reason for a column found by its
// words, as validate does, in the report's language: the language name and the connecting words
// from the catalogue, the phrase and the header as written. Names found exactly keep their words.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from './helpers/cli.ts';
import { tempDir } from './helpers/tmp.ts';
import { en } from '../src/i18n/en.ts';
import { fr } from '../src/i18n/fr.ts';
import { de } from '../src/i18n/de.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/exports/tiktok-studio-fr.csv', import.meta.url));
const YT = fileURLToPath(new URL('./fixtures/exports/youtube-trending-fr-2018.csv', import.meta.url));

const config = (path: string) => `title: Mapping
input: { path: ${JSON.stringify(path)} }
timezone: UTC
period: all
reports:
  - { id: en, locale: en-US }
  - { id: fr, locale: fr-FR }
  - { id: de, locale: de-DE }
output: { dir: "out/{report}", formats: [html] }
`;

const CAPTION: Record<string, unknown> = { en: en['explorer.mapping.caption'], fr: fr['explorer.mapping.caption'], de: de['explorer.mapping.caption'] };

/** The mapping table's rows as [concept, column, how], tags dropped and the escaped apostrophe undone. */
function mappingRows(html: string, id: string): string[][] {
  const at = html.indexOf(`<caption>${CAPTION[id]}</caption>`);
  assert.ok(at >= 0, `the mapping table (${id})`);
  const body = html.slice(html.indexOf('<tbody>', at), html.indexOf('</tbody>', at));
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((tr) =>
    [...tr[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((td) => td[1].replace(/<[^>]+>/g, '').replace(/&#x27;/g, "'").trim()),
  );
}

async function build(input: string): Promise<Record<string, string[][]>> {
  const dir = await tempDir('svr-mapping-');
  await writeFile(join(dir, 'report.config.yaml'), config(input));
  const run = await runCli(['build', '--config', 'report.config.yaml'], dir, { SOURCE_DATE_EPOCH: '1767225600' }, 180_000);
  assert.is(run.code, 0, run.stderr);
  const out: Record<string, string[][]> = {};
  for (const id of ['en', 'fr', 'de']) out[id] = mappingRows(await readFile(join(dir, 'out', id, 'report.html'), 'utf8'), id);
  return out;
}

const report = suite('explorer mapping: the reason');

report('a French TikTok Studio export: the language, the concept and the phrase, in en, fr and de', async () => {
  const rows = await build(FIXTURE);
  assert.equal(rows.en, [
    ['views', 'Nombre total de vues', 'French for views (“vues”)'],
    ['likes', "Nombre total de J'aime", 'French for likes (“j\'aime”)'],
    ['comments', 'Nombre total de commentaires', 'French for comments (“commentaires”)'],
    ['shares', 'Nombre total de partages', 'French for shares (“partages”)'],
    ['date', 'Heure de publication', 'French for date (“heure de publication”)'],
    ['title', 'Titre de la vidéo', 'French for title (“titre”)'],
  ]);
  assert.equal(rows.fr[0], ['views', 'Nombre total de vues', 'views en français (« vues »)']);
  assert.equal(rows.de[0], ['views', 'Nombre total de vues', 'Französisch für views („vues“)']);
  for (const id of ['en', 'fr', 'de']) assert.not.ok(rows[id].some((r) => /candidate|candidat|Kandidaten/.test(r[2])), id);
});

report('exact names keep their words; a category id column says so', async () => {
  const rows = await build(YT);
  const how = Object.fromEntries(rows.en.map((r) => [r[0], r[2]]));
  assert.is(how.views, 'exact header match');
  assert.is(how.category, 'YouTube category ids, shown by name');
  assert.is(Object.fromEntries(rows.fr.map((r) => [r[0], r[2]])).category, 'identifiants de catégorie YouTube, affichés par leur nom');
});

report.run();
