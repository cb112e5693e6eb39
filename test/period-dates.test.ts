// Period labels with their dates (SPEC 10, issue 24): a week or a month reads
// "2025-W35 (25-31 Aug 2025)" on the report's cover, in the browser tab's title and in the email;
// metrics.json's period.label stays the bare label (a contract other tools read).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { datesOfLabel, withDates } from '../src/format.ts';
import { runCli } from './helpers/cli.ts';
import { tempDir } from './helpers/tmp.ts';

const unit = suite('withDates');

unit('a week and a month name their days; a week across a year names both years', () => {
  assert.is(withDates('2025-W35'), '2025-W35 (25-31 Aug 2025)');
  assert.is(withDates('2025-08'), '2025-08 (1-31 Aug 2025)');
  assert.is(withDates('2024-02'), '2024-02 (1-29 Feb 2024)');
  assert.is(withDates('2025-W31'), '2025-W31 (28 Jul – 3 Aug 2025)');
  assert.is(withDates('2026-W01'), '2026-W01 (29 Dec 2025 – 4 Jan 2026)');
  assert.is(withDates('2020-W53'), '2020-W53 (28 Dec 2020 – 3 Jan 2021)');
});

unit('labels that already state their dates, or are no period, stay as they are', () => {
  for (const label of ['all dates', '2025-08-03', '2025-01-01 – 2025-08-31', 'from 2025-01-01', '2025-08 to 2025-08-14', '2025-W99', '2025-13']) {
    assert.is(withDates(label), label);
    assert.is(datesOfLabel(label), null);
  }
});

unit.run();

// ---

/** 30 videos over August and the first days of September 2025 */
function videos(): string {
  const rows = ['title,creator,platform,views,likes,comments,shares,publish_date,duration_sec'];
  for (let i = 0; i < 30; i++) rows.push(`V${i},c${i % 4},TikTok,${1000 + 100 * i},${10 + i},${i},${i % 3},2025-08-${String(1 + i).padStart(2, '0')},30`);
  rows.push('late,c1,TikTok,5000,50,5,5,2025-09-02,30');
  return rows.join('\n') + '\n';
}

const e2e = suite('period labels with dates, through the CLI');

for (const [period, label, shown, previous] of [
  ['last-week', '2025-W35', '2025-W35 (25-31 Aug 2025)', '2025-W34 (18-24 Aug 2025)'],
  ['last-month', '2025-08', '2025-08 (1-31 Aug 2025)', '2025-07 (1-31 Jul 2025)'],
] as const) {
  e2e(`period: ${period} → ${shown} on the cover, in the title and the email; metrics.json keeps ${label}`, async () => {
    const dir = await tempDir('svreport-period-dates-');
    await writeFile(join(dir, 'videos.csv'), videos());
    await writeFile(
      join(dir, 'c.yaml'),
      `input: { path: videos.csv }\nperiod: ${period}\ncompare: previous\noutput: { dir: "out/{report}", formats: [html, json] }\n` +
        'delivery: { email: { to: [growth@example.com], from: "R <r@example.com>", smtp: { host: 127.0.0.1, port: 2525 } } }\n',
    );
    const run = await runCli(['build', '--config', 'c.yaml', '--as-of', '2025-09-03'], dir, { SOURCE_DATE_EPOCH: '1756684800' });
    assert.is(run.code, 0, run.stderr);
    const html = await readFile(join(dir, 'out/report/report.html'), 'utf8');
    assert.ok(html.includes(`<dt>Period</dt><dd dir="auto">${shown}</dd>`), 'the cover');
    assert.ok(html.includes(`<dt>Compared with</dt><dd dir="auto">${previous}</dd>`), 'the period compared with');
    assert.match(html, new RegExp(`<title>[^<]* · ${shown.replace(/[()]/g, '\\$&')}</title>`));
    const metrics = JSON.parse(await readFile(join(dir, 'out/report/metrics.json'), 'utf8'));
    assert.is(metrics.period.label, label);
    const mail = await simpleParser(await readFile(join(dir, 'out/report/message.eml')));
    assert.match(String(mail.text), new RegExp(`Period: \u2068${label}\u2069 \\(${shown.slice(label.length + 2, -1)}\\)\r?\n`));
  });
}

e2e.run();
