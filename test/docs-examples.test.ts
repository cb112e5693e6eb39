// The documented weekly set-up is a config that works: the README's weekly example, the example at
// the top of docs/config.md (the schema's description) and the weekly block of `svreport init`'s
// starter normalize to a folder of exports, last week, compared; and the README's example built
// on three weekly exports gives the gains worked out by hand in test/momentum-cli.test.ts.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfigYaml } from '../src/config/load.ts';
import { normalizeConfig } from '../src/config/normalize.ts';
import { STARTER_CONFIG } from '../src/config/starter.ts';
import type { Config } from '../src/types.ts';
import { cli } from './helpers/cli-run.ts';
import { weeklyExports } from './helpers/weekly.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The first ```yaml block after `marker` in `text`. */
function yamlAfter(text: string, marker: string): string {
  const at = text.indexOf(marker);
  assert.ok(at >= 0, `marker ${marker} not found`);
  const open = text.indexOf('```yaml\n', at);
  assert.ok(open >= 0, `no yaml block after ${marker}`);
  const start = open + '```yaml\n'.length;
  return text.slice(start, text.indexOf('```', start));
}

const normalize = (yaml: string, name: string): Config =>
  normalizeConfig(parseConfigYaml(yaml, name), { configPath: '/p/report.config.yaml', configDir: '/p', displayPath: name });

/** What every documented weekly example has in common. */
function assertWeekly(c: Config): void {
  assert.equal(c.input.entries.map((e) => e.pattern), ['exports/*.csv']);
  assert.is(c.input.entries[0].path, '/p/exports/*.csv');
  assert.is(c.input.dedupe, 'last');
  assert.equal(c.period, { kind: 'relative', name: 'last-week' });
  assert.is(c.compare, 'previous');
  assert.is(c.locale, 'de-DE');
  assert.is(c.reports[0].branding?.accent, '#1d4ed8');
  assert.equal(c.delivery.email?.to, ['growth@example.com']);
}

const docs = suite('documented weekly examples');

docs("README's weekly example normalizes to a folder of exports, last week, compared, German, branded, emailed", () => {
  assertWeekly(normalize(yamlAfter(README, '<!-- weekly-example'), 'README.md'));
});

docs("docs/config.md's example (the schema's description) is the same set-up", () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'config/report.schema.json'), 'utf8')) as { description: string };
  assertWeekly(normalize(yamlAfter(schema.description, 'weekly report from a folder of exports'), 'config.md'));
  assert.ok(readFileSync(join(ROOT, 'docs/config.md'), 'utf8').includes(schema.description));
});

docs("the starter's commented weekly block, uncommented, reads the folder (or the list) with platforms", () => {
  const lines = STARTER_CONFIG.split('\n');
  // the active sample input goes; the commented weekly input, locale, branding and delivery come in
  const from = lines.indexOf('input:');
  const to = lines.findIndex((l, i) => i > from && l === '');
  const weekly = lines.filter((_, i) => i < from || i >= to).join('\n');
  const block = (text: string, first: string) => {
    const all = text.split('\n');
    const at = all.indexOf(first);
    assert.ok(at >= 0, first);
    // the key's line, then its indented lines
    const out = [all[at].slice(2)];
    for (let i = at + 1; i < all.length && all[i].startsWith('#  '); i++) out.push(all[i].slice(2));
    return out.join('\n');
  };
  const uncomment = (input: string) =>
    [
      weekly.replace(/^period: all .*$/m, 'period: last-week').replace(/^compare: none .*$/m, 'compare: previous'),
      input,
      ...['# locale:', '# branding:', '# delivery:'].map((key) => block(STARTER_CONFIG, STARTER_CONFIG.split('\n').find((l) => l.startsWith(key))!)),
    ].join('\n');
  const folder = normalize(uncomment(block(STARTER_CONFIG, '# input:')), 'starter');
  assert.equal(folder.input.entries.map((e) => [e.pattern, e.platform]), [['exports/*.csv', null]]);
  assert.equal(folder.period, { kind: 'relative', name: 'last-week' });
  assert.is(folder.compare, 'previous');
  assert.is(folder.locale, 'en-US');
  assert.ok(/^locale: en-US/m.test(uncomment('')), 'the locale line is uncommented');
  assert.equal(folder.reports[0].branding, { logo: '/p/assets/logo.svg', accent: '#1f6feb', footer: 'Confidential - Acme' });
  assert.equal(folder.delivery.email?.to, ['growth@example.com']);
  const second = STARTER_CONFIG.split('\n').lastIndexOf('# input:');
  const list = normalize(uncomment(block(STARTER_CONFIG.split('\n').slice(second).join('\n'), '# input:')), 'starter');
  assert.equal(list.input.entries.map((e) => [e.pattern, e.platform]), [['exports/tiktok/*.csv', 'TikTok'], ['exports/youtube/*.csv', 'YouTube']]);
});

docs("every docs/images picture the README links to exists, Momentum's and the PDF's pages included", () => {
  const links = [...README.matchAll(/\(docs\/images\/([^)]+\.png)\)/g)].map((m) => m[1]);
  assert.ok(links.includes('html-momentum.png') && links.includes('pdf-page-14.png'), links.join(' '));
  for (const f of links) assert.ok(existsSync(join(ROOT, 'docs/images', f)), `docs/images/${f} is missing`);
});

docs.run();

// ---
const run = suite("README's weekly example, built");

// Figures from test/momentum-cli.test.ts, worked out by hand there from test/helpers/weekly.ts:
// W24 (9-15 Jun 2025) from the 06-08 and 06-15 exports: 107,680 views, 5,470 likes, 120 comments,
// 311 shares gained; W23 (the week before): 216,450 views; 19 rows, 8 videos, 11 merged.
run('on three weekly exports, Monday 16 Jun 2025: W24 with its gains and the week before, in German', async () => {
  const dir = await weeklyExports(yamlAfter(README, '<!-- weekly-example'));
  await mkdir(join(dir, 'assets'));
  // a PNG: the email carries it inline (an SVG logo stays on the report only, with a warning)
  await writeFile(join(dir, 'assets/logo.png'), Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1c1a6e90000000049454e44ae426082', 'hex'));
  const r = await cli(['build', '--as-of', '2025-06-16', '--format', 'json,html', '--json'], dir);
  assert.is(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).warnings, [], 'the documented example builds without a warning');
  const snap = join(dir, 'out/report/2025-W24');
  const m = JSON.parse(await readFile(join(snap, 'metrics.json'), 'utf8'));
  assert.equal([m.input.rowsRead, m.input.rowsUsable, m.input.mergedRows, m.input.files.length], [19, 8, 11, 3]);
  assert.equal([m.momentum.gained.views, m.momentum.gained.likes, m.momentum.gained.comments, m.momentum.gained.shares], [107_680, 5_470, 120, 311]);
  assert.is(m.momentum.previous.gained.views, 216_450);
  assert.ok(existsSync(join(snap, 'message.eml')), 'delivery configured: the message is written with the snapshot');
  const html = await readFile(join(snap, 'report.html'), 'utf8');
  assert.match(html, /<html lang="de-DE"/);
  assert.ok(html.includes("2025-W24 (9.–15. Juni 2025)"), "the period with its dates in German");
});

run.run();
