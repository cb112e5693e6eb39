// Several inputs in several formats (issue 23 items 1 and 2 together): the three weekly exports of
// test/helpers/weekly.ts, the first gzipped, the second as a real workbook (counts as numbers, the
// post time as an Excel date), the third as a zip holding the CSV. Joined by concept they must
// give what the three CSVs give: 8 videos, 1,264,830 views (inputs-cli.test.ts), the W24 gains of
// momentum-cli.test.ts, and a filtered.csv with each kept row from its own file.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { cli } from './helpers/cli-run.ts';
import { HEADER, WEEKS, weeklyExports } from './helpers/weekly.ts';
import { zipOf } from './helpers/zip.ts';

const CONFIG = 'title: Weekly\ninput:\n  path: exports/tiktok-*\nperiod: { from: 2025-06-09, to: 2025-06-15 }\noutput:\n  dir: out/{report}\n  formats: [json, csv]\n';

/** `8.1K` -> 8100, `"30,000"` -> 30000: what a workbook stores for the figures CSV exports print. */
const human = (v: string) => {
  const m = /^([\d.]+)([KM])?$/.exec(v.replace(/,/g, ''));
  return m ? Math.round(Number(m[1]) * (m[2] === 'K' ? 1e3 : m[2] === 'M' ? 1e6 : 1)) : v;
};

async function mixedFormats(): Promise<string> {
  const dir = await weeklyExports(CONFIG);
  const ex = (n: string) => join(dir, 'exports', n);
  const csv = (name: string) => [HEADER, ...WEEKS[name]].join('\n') + '\n';
  // week 1: gzip
  await writeFile(ex('tiktok-2025-06-01.csv.gz'), gzipSync(csv('tiktok-2025-06-01.csv')));
  await rm(ex('tiktok-2025-06-01.csv'));
  // week 2: a workbook with numbers and dates as Excel stores them
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: ex('tiktok-2025-06-08.xlsx'), useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('Content');
  ws.addRow(HEADER.split(',')).commit();
  for (const line of WEEKS['tiktok-2025-06-08.csv']) {
    const cells = line.match(/("[^"]*"|[^,]+)/g)!.map((c) => c.replace(/^"|"$/g, ''));
    const row = ws.addRow([cells[0], cells[1], new Date(cells[2].replace(' ', 'T') + ':00Z'), ...cells.slice(3).map(human)]);
    row.getCell(3).numFmt = 'm/d/yy h:mm';
    row.getCell(4).numFmt = '0.0,"K"';
    row.commit();
  }
  ws.commit();
  await wb.commit();
  await rm(ex('tiktok-2025-06-08.csv'));
  // week 3: a zip holding the CSV
  await writeFile(ex('tiktok-2025-06-15.zip'), zipOf([['Table data.csv', csv('tiktok-2025-06-15.csv')]]));
  await rm(ex('tiktok-2025-06-15.csv'));
  return dir;
}

const t = suite('several inputs in several formats (CLI)');

t('a .csv.gz, an .xlsx and a .zip give the figures of the three CSVs, and filtered.csv rows from each', async () => {
  const dir = await mixedFormats();
  const run = await cli(['build'], dir);
  assert.is(run.code, 0, run.stderr);
  const m = JSON.parse(await readFile(join(dir, 'out', 'report', 'metrics.json'), 'utf8'));
  assert.equal(m.input.files.map((f: { path: string }) => f.path), ['exports/tiktok-2025-06-01.csv.gz', 'exports/tiktok-2025-06-08.xlsx', 'exports/tiktok-2025-06-15.zip']);
  assert.is(m.input.mergedRows, 11);
  // in W24: H (published 06-12, 150 views) is the only video published in the period
  assert.is(m.overview.videos, 1);
  assert.equal([m.momentum.gained.views, m.momentum.gained.likes, m.momentum.gained.comments, m.momentum.gained.shares], [107_680, 5_470, 120, 311]);
  const filtered = (await readFile(join(dir, 'out', 'report', 'filtered.csv'), 'utf8')).trim().split('\n');
  assert.is(filtered[0], `source_file,${HEADER}`);
  assert.is(filtered.length, 2);
  assert.ok(filtered[1].startsWith('exports/tiktok-2025-06-15.zip,New drop,'), filtered[1]);
  // all dates: the last row of every video, whatever file it came from
  const all = await cli(['build', '--set', 'period=all'], dir);
  assert.is(all.code, 0, all.stderr);
  const m2 = JSON.parse(await readFile(join(dir, 'out', 'report', 'metrics.json'), 'utf8'));
  assert.is(m2.overview.videos, 8);
  assert.is(m2.overview.totalViews, 1_264_830);
  const rows = (await readFile(join(dir, 'out', 'report', 'filtered.csv'), 'utf8')).trim().split('\n').slice(1);
  // G (Outtakes) was last seen in the workbook: its row comes from there, its date as Excel stored it
  const g = rows.find((r) => r.includes('Outtakes'));
  assert.ok(g?.startsWith('exports/tiktok-2025-06-08.xlsx,Outtakes,'), g);
  assert.is(rows.length, 8);
});

t.run();
