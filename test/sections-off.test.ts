// `sections: { <id>: false }` (SPEC 10): the config accepts true/false for every section id, a
// left-out section has no tab, panel or PDF page, the page gate counts only the shown sections,
// its findings leave the key findings, and metrics.json still carries its figures.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { normalizeConfig } from '../src/config/normalize.ts';
import { composeMessage } from '../src/delivery/compose.ts';
import { ReportError } from '../src/errors.ts';
import { resolveBrowserExecutable } from '../src/output/browser.ts';
import { pdfText } from '../src/output/fonts.ts';
import { checkPageCount } from '../src/output/print.ts';
import { SECTIONS, shownSections } from '../src/sections/registry.ts';
import { runCli } from './helpers/cli.ts';
import { tempDir } from './helpers/tmp.ts';
import { sampleModel } from './fixtures/model.ts';

const IDS = ['overview', 'growth', 'creators', 'virality', 'segments', 'momentum', 'explorer'];
const ctx = { configPath: null, configDir: '/tmp' };
const normalize = (sections: unknown, reports?: unknown) =>
  normalizeConfig({ input: { path: 'videos.csv' }, sections, ...(reports ? { reports } : {}) }, ctx);

function problemsOf(sections: unknown): string[] {
  try {
    normalize(sections);
  } catch (err) {
    assert.instance(err, ReportError);
    return (err as ReportError).problems;
  }
  return [];
}

// ---
const cfg = suite('sections: <id>: false | true');

cfg('the ids that can be left out are the registry sections', () => {
  assert.equal(SECTIONS.map((s) => s.id), IDS);
});

cfg('false leaves each id out, true shows it with its defaults', () => {
  const defaults = normalize(undefined).sections;
  assert.equal(defaults.off, []);
  for (const id of IDS) {
    const off = normalize({ [id]: false }).sections;
    assert.equal(off.off, [id], id);
    const on = normalize({ [id]: true }).sections;
    assert.equal(on, defaults, `${id}: true is the defaults`);
  }
  assert.equal(normalize({ explorer: false, segments: false }).sections.off, ['segments', 'explorer'], 'registry order');
});

cfg('a settings object keeps working (and shows the section)', () => {
  const s = normalize({ explorer: { previewRows: 7 }, creators: { top: 3 } }).sections;
  assert.is(s.explorer.previewRows, 7);
  assert.is(s.creators.top, 3);
  assert.equal(s.off, []);
});

cfg('other scalars are refused naming the key path', () => {
  for (const id of IDS) {
    for (const bad of [5, 'no', 'false']) {
      const list = problemsOf({ [id]: bad });
      assert.is(list.length, 1, `${id}: ${list.join(' / ')}`);
      assert.match(list[0], new RegExp(`^\`sections\\.${id}\` must be true(,| or) false`));
      assert.ok(list[0].includes(JSON.stringify(bad)) || list[0].includes(String(bad)), list[0]);
    }
  }
  // overview has no settings: a mapping is refused too
  assert.equal(problemsOf({ overview: { top: 1 } }), ['`sections.overview` must be true or false (got a mapping)']);
});

cfg('a reports[] entry turns a section off for itself, or back on', () => {
  const c = normalize({ growth: false }, [{ id: 'a' }, { id: 'b', sections: { explorer: false } }, { id: 'c', sections: { growth: true } }, { id: 'd', sections: { growth: { period: 'day' } } }]);
  const off = Object.fromEntries(c.reports.map((r) => [r.id, r.sections.off]));
  assert.equal(off, { a: ['growth'], b: ['growth', 'explorer'], c: [], d: [] });
  assert.is(c.reports[3].sections.growth.period, 'day');
});

cfg('the page gate counts only the sections shown', () => {
  const shown = shownSections(['segments', 'explorer']).length;
  assert.is(shown, 5);
  checkPageCount('r', 5, shown); // does not throw
  assert.throws(() => checkPageCount('r', 4, shown), /4 page\(s\), fewer than its 5 sections/);
});

cfg('the email points to no left-out section: the data-quality line names the explorer only when it is shown', async () => {
  const model = structuredClone(sampleModel());
  model.input.rowsRead += 2;
  model.input.rowsDropped = { ...model.input.rowsDropped, 'bad views': 2 };
  const email = normalizeConfig({ input: { path: 'videos.csv' }, delivery: { email: { to: 'a@example.com', from: 'r@example.com' } } }, ctx).delivery.email!;
  const text = async (off?: string[]) => {
    const msg = await composeMessage({ model, email, split: undefined, messageId: '<x@example.com>', runDate: '2025-06-09', publicUrl: null, files: [], notice: false, off });
    return String((await simpleParser(msg.eml)).text);
  };
  assert.match(await text(), /, 2 bad views\); see the report's data explorer\./);
  const off = await text(['explorer']);
  assert.match(off, /, 2 bad views\)\.\n/);
  assert.not.match(off, /data explorer/);
});

// ---
const e2e = suite('sections left out, end to end');

// Eight videos on two platforms and three creators, all in one period ("all")
const VIDEOS = `title,creator,platform,country,category,publish_date,views,likes,comments,shares,duration_sec
Alpha,alice,TikTok,US,Music,2025-12-01,4000,400,20,10,30
Bravo,bob,YouTube,GB,Gaming,2025-12-02,3000,300,15,5,45
Charlie,carol,TikTok,US,Music,2025-12-03,2000,200,10,4,20
Delta,alice,YouTube,US,Comedy,2025-12-04,1000,100,5,2,15
Echo,bob,TikTok,GB,Music,2025-12-05,900,45,3,1,30
Foxtrot,carol,YouTube,US,Music,2025-12-06,800,40,2,1,60
Golf,alice,TikTok,US,Gaming,2025-12-07,700,70,1,0,30
Hotel,bob,YouTube,GB,Comedy,2025-12-08,600,60,1,0,30
`;

const hasBrowser = (() => {
  try {
    resolveBrowserExecutable({});
    return true;
  } catch {
    return false;
  }
})();

async function build(config: string, formats: string): Promise<string> {
  const dir = await tempDir('svreport-sections-off-');
  await writeFile(join(dir, 'videos.csv'), VIDEOS);
  await writeFile(join(dir, 'report.config.yaml'), config);
  const r = await runCli(['build', '--config', 'report.config.yaml', '--out', 'out', '--format', formats], dir, { SOURCE_DATE_EPOCH: '1767225600' }, 120_000);
  assert.is(r.code, 0, r.stderr);
  return join(dir, 'out');
}

const tabs = (html: string) => [...html.matchAll(/<label for="tab-([a-z]+)"/g)].map((m) => m[1]);
const panels = (html: string) => [...html.matchAll(/<section class="panel(?: panel-brief)?" id="([a-z]+)"/g)].map((m) => m[1]);

e2e('explorer and segments off: no tab, panel or PDF page; the gate passes; metrics.json keeps them', async () => {
  const formats = hasBrowser ? 'html,pdf,json' : 'html,json';
  const out = join(await build('title: Off\ninput: { path: videos.csv }\nsections: { explorer: false, segments: false }\n', formats), 'report');
  const html = await readFile(join(out, 'report.html'), 'utf8');
  assert.equal(tabs(html), ['overview', 'growth', 'creators', 'virality', 'momentum']);
  assert.equal(panels(html), ['overview', 'growth', 'creators', 'virality', 'momentum']);
  // (the stylesheet names every section's tab; the markup names only the shown ones)
  assert.not.match(html, /(for|id)="tab-(explorer|segments)"|id="(h-)?(explorer|segments)"|Data explorer|Segment comparison/);

  const metrics = JSON.parse(await readFile(join(out, 'metrics.json'), 'utf8'));
  assert.ok(metrics.explorer && Array.isArray(metrics.explorer.preview.rows), 'explorer still computed');
  assert.equal(metrics.explorer.preview.rows.length, 8);
  assert.ok(Array.isArray(metrics.segments) || typeof metrics.segments === 'object', 'segments still computed');
  assert.ok(metrics.segments !== null);
  for (const i of metrics.insights) assert.not.ok(['explorer', 'segments'].includes(i.section), `finding of a left-out section: ${i.text}`);

  if (!hasBrowser) return console.log('skipped the PDF half: no chromium');
  const pdf = await readFile(join(out, 'report.pdf'));
  const text = await pdfText(pdf);
  if (text === null) return console.log('skipped pdftotext: poppler-utils not installed');
  assert.ok(text.pages >= 4, `${text.pages} pages`);
  for (const heading of ['Overview', 'Growth & timing', 'Creators & content', 'Virality lab']) assert.ok(text.text.includes(heading), heading);
  for (const heading of ['Data explorer', 'Segment comparison']) assert.not.ok(text.text.includes(heading), `PDF shows ${heading}`);
});

e2e('a reports[] entry turns one section off for its report only', async () => {
  const config = `title: Two
input: { path: videos.csv }
reports:
  - { id: full }
  - { id: lean, sections: { virality: false } }
delivery: { email: { to: [a@example.com], from: r@example.com } }
`;
  const out = await build(config, 'html,json');
  const full = await readFile(join(out, 'full/report.html'), 'utf8');
  const lean = await readFile(join(out, 'lean/report.html'), 'utf8');
  assert.equal(tabs(full), IDS);
  assert.equal(tabs(lean), ['overview', 'growth', 'creators', 'segments', 'momentum', 'explorer']);
  assert.equal(panels(lean), ['overview', 'growth', 'creators', 'segments', 'momentum', 'explorer']);
  const leanMetrics = JSON.parse(await readFile(join(out, 'lean/metrics.json'), 'utf8'));
  const fullMetrics = JSON.parse(await readFile(join(out, 'full/metrics.json'), 'utf8'));
  assert.equal(leanMetrics.virality, fullMetrics.virality, 'the left-out section is still computed, the same figures');
  assert.ok(fullMetrics.insights.some((i: { section: string }) => i.section === 'virality'), 'the full report has a virality finding');
  for (const i of leanMetrics.insights) assert.is.not(i.section, 'virality');
  // the email (message.eml, written by the build) lists the same findings
  const mail = async (id: string) => String((await simpleParser(await readFile(join(out, id, 'message.eml')))).text);
  assert.match(await mail('full'), /Key findings[\s\S]*score at or above the virality threshold/);
  assert.not.match(await mail('lean'), /Key findings|virality threshold/);
});

cfg.run();
e2e.run();
