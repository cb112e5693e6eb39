// The repairs of issue 22 end to end: the real CLI builds a broken export (a title line, a
// record wrapped whole in quotes, a views word, an unreadable likes cell, a time column beside
// date-only dates) into metrics.json, filtered.csv and report.html, and validate says the same.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from './helpers/cli.ts';
import { tempDir } from './helpers/tmp.ts';

const cli = suite('repairs: CLI build and validate');

const DATA = [
  '"Videos, November 2024"',
  'title,creator,views,likes,publish_date,time',
  'a,ann,1000,100,2025-01-06,09:30', // 1 joined: hour 9
  '"b,bob,""2,000"",200,2025-01-07,21:15"', // 2 wrapped whole: views "2,000"; joined: hour 21
  'c,cid,unknown,30,2025-01-08,10:00', // 3 views a word: tier Unknown; joined: hour 10
  'd,dan,4000,12a4,2025-01-09T08:00:00Z,23:00', // 4 likes unreadable; its own time: hour 8
  'e,eve,5000,500,2025-01-10,noon', // 5 time a word: no hour
].join('\n');

const CONFIG = 'input:\n  path: data.csv\noutput:\n  dir: "out/{report}"\n  formats: [html, json, csv]\n';

for (const parser of ['fast', 'reference']) {
  cli(`build (${parser} parser): the repairs and missing cells in metrics.json, the rows in filtered.csv and the report`, async () => {
    const dir = await tempDir('svreport-repairs-cli-');
    await writeFile(join(dir, 'data.csv'), DATA + '\n');
    await writeFile(join(dir, 'c.yaml'), CONFIG);
    const b = await runCli(['build', '--config', 'c.yaml', '--quiet'], dir, { SOURCE_DATE_EPOCH: '1767225600', SVREPORT_PARSER: parser });
    assert.is(b.code, 0, b.stderr);
    const m = JSON.parse(await readFile(join(dir, 'out/report/metrics.json'), 'utf8'));
    assert.is(m.input.rowsRead, 5);
    assert.is(m.input.rowsUsable, 5);
    assert.equal(m.input.rowsDropped, {});
    assert.equal(m.input.missing, { views: 1, time: 1 });
    assert.equal(m.input.unreadable, { likes: { cells: 1, examples: ['data row 4: "12a4"'] } });
    assert.equal(m.input.repairs, { unwrappedRecords: 1, skippedTitleLines: 1, hourFromTimeOfDay: 0, timeJoined: 3 });
    assert.is(m.columns.time, 'time');
    assert.is(m.overview.videos, 5);
    assert.is(m.overview.totalViews, 1000 + 2000 + 4000 + 5000);
    const unknown = m.overview.tiers.find((t: { tier: string }) => t.tier === 'Unknown');
    assert.is(unknown.videos, 1, 'the video with views `unknown` is kept, tier Unknown');
    // hours from the joined times (a, b, c) and d's own time; e has none
    const hours = m.growth.byHour.filter((h: { videos: number }) => h.videos > 0).map((h: { hour: number }) => h.hour);
    assert.equal(hours, [8, 9, 10, 21]);

    const csv = (await readFile(join(dir, 'out/report/filtered.csv'), 'utf8')).trimEnd().split('\n');
    assert.equal(csv, [
      'title,creator,views,likes,publish_date,time',
      'a,ann,1000,100,2025-01-06,09:30',
      'b,bob,"2,000",200,2025-01-07,21:15',
      'c,cid,unknown,30,2025-01-08,10:00',
      'd,dan,4000,12a4,2025-01-09T08:00:00Z,23:00',
      'e,eve,5000,500,2025-01-10,noon',
    ]);

    const html = await readFile(join(dir, 'out/report/report.html'), 'utf8');
    assert.match(html, 'Cells read as missing (their rows are kept)');
    assert.match(html, 'data row 4: &quot;12a4&quot;');
    assert.match(html, 'Repaired: 1 title line above the header skipped; 1 record wrapped whole in quotes unwrapped; 3 dates without a time joined with the time column.');
  });
}

cli('a German report says the repairs and missing cells in German', async () => {
  const dir = await tempDir('svreport-repairs-cli-');
  await writeFile(join(dir, 'data.csv'), DATA + '\n');
  await writeFile(join(dir, 'c.yaml'), CONFIG + 'locale: de-DE\n');
  const b = await runCli(['build', '--config', 'c.yaml', '--quiet'], dir, { SOURCE_DATE_EPOCH: '1767225600' });
  assert.is(b.code, 0, b.stderr);
  const html = await readFile(join(dir, 'out/report/report.html'), 'utf8');
  assert.match(html, 'Als fehlend gelesene Zellen (ihre Zeilen bleiben erhalten)');
  assert.match(html, 'Repariert: 1 Titelzeile über der Kopfzeile übersprungen; 1 ganz in Anführungszeichen gesetzter Datensatz entpackt; 3 Daten ohne Uhrzeit mit der Uhrzeitspalte verbunden.');
  assert.not.match(html, 'Repaired:');
  assert.not.match(html, 'Cells read as missing');
});

cli('validate: the same counts as text and as JSON', async () => {
  const dir = await tempDir('svreport-repairs-cli-');
  await writeFile(join(dir, 'data.csv'), DATA + '\n');
  await writeFile(join(dir, 'c.yaml'), CONFIG);
  const t = await runCli(['validate', '--config', 'c.yaml'], dir);
  assert.is(t.code, 0, t.stderr);
  assert.match(t.stdout, 'Rows     5 read, 5 usable, 0 dropped');
  assert.match(t.stdout, '  "views": 1 word instead of a value, read as missing');
  assert.match(t.stdout, '  "likes": 1 unreadable (data row 4: "12a4"), read as missing');
  assert.match(t.stdout, 'Repairs  Repaired: 1 title line above the header skipped; 1 record wrapped whole in quotes unwrapped; 3 dates without a time joined with the time column.');
  const j = await runCli(['validate', '--config', 'c.yaml', '--json', '--quiet'], dir);
  assert.is(j.code, 0, j.stderr);
  const v = JSON.parse(j.stdout);
  assert.equal(v.input.repairs, { unwrappedRecords: 1, skippedTitleLines: 1, hourFromTimeOfDay: 0, timeJoined: 3 });
  assert.equal(v.input.missing, { views: 1, time: 1 });
  assert.equal(v.input.unreadable.likes.cells, 1);
});

cli.run();
