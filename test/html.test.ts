import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFileSync } from 'node:fs';
import { HtmlValidate } from 'html-validate';
import { keyFindings } from '../src/insights.ts';
import { renderHtml } from '../src/output/html.ts';
import { SECTIONS } from '../src/sections/registry.ts';
import type { ReportModel } from '../src/types.ts';
import { sampleModel, XSS_CREATOR, XSS_TITLE } from './fixtures/model.ts';

type Rendered = Awaited<ReturnType<typeof renderHtml>>;
let light: Rendered;
let dark: Rendered;
// rendered once (no top-level await: uvu -r loads tests through require)
async function renderFixture() {
  if (light) return;
  light = await renderHtml(sampleModel(), { theme: 'light', csvHref: 'filtered.csv' });
  dark = await renderHtml(sampleModel(), { theme: 'dark', csvHref: 'filtered.csv' });
  // kept for looking at: screenshots and print previews are taken from this file
  writeFileSync('/tmp/svreport-fixture.html', light.html);
}

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // not relaxed, configured: the project writes the doctype in lowercase (`<!doctype html>`)
    'doctype-style': ['error', { style: 'lowercase' }],
  },
});

async function problems(html: string): Promise<string[]> {
  const report = await validator.validateString(html);
  return report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId} @${m.line}:${m.column} ${m.message}`));
}

// ---
const structure = suite('renderHtml: structure');
structure('doctype, lang, and the CSP meta as the first element of head', () => {
  const html = light.html;
  assert.ok(html.startsWith('<!doctype html>\n<html lang="en"'));
  const head = html.slice(html.indexOf('<head>') + '<head>'.length).trimStart();
  assert.ok(
    head.startsWith(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:">`),
  );
  const order = ['Content-Security-Policy', '<meta charset="utf-8">', '<meta name="viewport"', '<title>'].map((s) => html.indexOf(s));
  assert.equal([...order].sort((a, b) => a - b), order);
});
structure('every section is present, in SPEC order, with its title', () => {
  // (a section holding only its one line is a "panel panel-brief": it follows the one before it on paper)
  const at = SECTIONS.map((s) => light.html.search(new RegExp(`<section class="panel( panel-brief)?" id="${s.id}"`)));
  assert.ok(at.every((i) => i > 0), JSON.stringify(at));
  assert.equal([...at].sort((a, b) => a - b), at);
  for (const id of ['overview', 'growth', 'creators', 'virality', 'segments', 'explorer']) {
    assert.ok(light.html.includes(`id="tab-${id}"`) && light.html.includes(`for="tab-${id}"`), id);
  }
});
structure('cover: KPI cards with changes, key findings (top 5 insights in order), section insights', () => {
  const model = sampleModel();
  const html = light.html;
  for (const label of ['Videos', 'Total views', 'Median engagement rate', 'Platforms', 'Average views per video', 'Median duration', 'High viral potential']) {
    assert.ok(html.includes(`<p class="kpi-label">${label}</p>`), label);
  }
  assert.ok(html.includes('▲</span> +1,378 <span class="pct">(+12.4%)</span></span> <span class="vs">vs 11,102</span>'));
  assert.ok(html.includes('▼</span> −0.43 pp <span class="pct">(−6.1%)</span></span> <span class="vs">vs 7.02%</span>'));
  const findings = html.slice(html.indexOf('id="h-findings"'), html.indexOf('</ol>', html.indexOf('id="h-findings"')));
  const items = [...findings.matchAll(/<li dir="auto">([^<]*)<\/li>/g)].map((m) => m[1]);
  assert.is(items.length, 5);
  assert.equal(items, keyFindings(model.insights).map((i) => i.text));
  // the explorer's own insight shows under its title
  const explorer = html.slice(html.indexOf('id="explorer"'));
  assert.ok(explorer.includes('131 rows (1.04%) were dropped'));
});
structure('an unavailable section shows its one-line reason instead', async () => {
  const model: ReportModel = sampleModel();
  model.growth = { ...model.growth, available: false, reason: 'No publish date column was found, so there is no timeline.', series: [] };
  model.virality = { ...model.virality, available: false, reason: 'No views column: no virality score.' };
  const r = await renderHtml(model, { theme: 'light' });
  const growth = r.html.slice(r.html.indexOf('id="growth"'), r.html.indexOf('id="creators"'));
  assert.ok(growth.includes('No publish date column was found, so there is no timeline.'));
  assert.not.ok(growth.includes('<figure'));
  assert.not.ok(r.charts.some((c) => c.id.startsWith('growth-') || c.id.startsWith('virality-')));
  // without a csvHref there is no link at all
  assert.not.ok(r.html.includes('href='));
});
structure('chart list: every chart of the fixture has marks, and each is a figure with a caption', () => {
  assert.ok(light.charts.length >= 20, String(light.charts.length));
  for (const c of light.charts) {
    assert.ok(c.hasMarks, c.id);
    assert.ok(light.html.includes(`<figure class="chart chart-`) && light.html.includes(`id="fig-${c.id}"`), c.id);
  }
  assert.is((light.html.match(/<figcaption>/g) ?? []).length, light.charts.length);
});
structure.before(renderFixture);
structure.run();

// ---
const safety = suite('renderHtml: safety');
safety('no script, no external URL in src, href or url()', () => {
  for (const { html } of [light, dark]) {
    assert.not.ok(/<script/i.test(html));
    const urls = [...html.matchAll(/\b(?:src|href|xlink:href)\s*=\s*"([^"]*)"/gi)].map((m) => m[1]);
    urls.push(...[...html.matchAll(/url\(\s*['"]?([^'")]*)/gi)].map((m) => m[1]));
    for (const u of urls) {
      assert.not.ok(/^(https?:|file:|\/\/|javascript:)/i.test(u.trim()), u);
    }
    assert.equal([...html.matchAll(/\bhref="([^"]*)"/g)].map((m) => m[1]), ['filtered.csv']);
    assert.not.ok(/@import|@font-face/i.test(html));
  }
});
safety('hostile title and creator appear escaped as text, never as tags', () => {
  const html = light.html;
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.not.ok(html.includes(XSS_TITLE));
  assert.not.ok(html.includes(XSS_CREATOR));
  assert.not.ok(/<img\b/i.test(html));
  assert.not.ok(/<svg\s+onload/i.test(html));
  // outside quoted attribute values and text, no event handler attribute exists
  const tags = html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/>[^<]*</g, '><').replace(/"[^"]*"/g, '""');
  assert.not.ok(/\son[a-z]+=/i.test(tags));
});
safety('text in RTL scripts sits in dir="auto" cells', () => {
  assert.match(light.html, /<td dir="auto"><bdi>أسرع طريقة لتحضير الكنافة في البيت<\/bdi><\/td>/);
});
safety.before(renderFixture);
safety.run();

// ---
const validity = suite('renderHtml: validity');
validity('html-validate (recommended) passes, light theme', async () => {
  assert.equal(await problems(light.html), []);
});
validity('html-validate (recommended) passes, dark theme', async () => {
  assert.equal(await problems(dark.html), []);
});
validity('size under 3 MB', () => {
  assert.ok(Buffer.byteLength(light.html) < 3 * 1024 * 1024, String(light.html.length));
  assert.ok(Buffer.byteLength(dark.html) < 3 * 1024 * 1024, String(dark.html.length));
});
validity('same model, same HTML (no clock, no random ids)', async () => {
  const again = await renderHtml(sampleModel(), { theme: 'light', csvHref: 'filtered.csv' });
  assert.is(again.html, light.html);
});
validity.before(renderFixture);
validity.run();

// ---
const themes = suite('renderHtml: themes');
themes('dark theme marks the root, carries light copies of the charts for print', () => {
  assert.ok(dark.html.includes('<html lang="en" class="theme-dark">'));
  assert.is((dark.html.match(/class="chart-svg chart-print"/g) ?? []).length, dark.charts.length);
  assert.not.ok(light.html.includes('class="chart-svg chart-print"'));
  assert.ok(dark.html.includes('fill="#161a23"'));
});
themes('print rules: panels shown, page breaks, table headers repeat, exact colours', () => {
  const css = light.html.slice(light.html.indexOf('@media print'));
  for (const rule of ['break-before: page', 'break-inside: avoid', 'thead { display: table-header-group; }', 'print-color-adjust: exact', '.tabs, .tab-input { display: none; }']) {
    assert.ok(css.includes(rule), rule);
  }
});
themes.before(renderFixture);
themes.run();
