// Branding, the pure parts (SPEC 10): a logo told apart by its magic bytes, an SVG rebuilt from
// the allow-list (every hostile vector gone, the drawing kept), the exit-2 refusals naming
// `branding.logo`, the accent's contrast against the page, and the config keys.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sniffLogo, sanitizeSvg, readLogo, contrastRatio, accentSet, readableOn, SvgError, LOGO_MAX_BYTES } from '../src/output/branding.ts';
import { footerTemplate as footerTemplateFor } from '../src/output/pdf.ts';
import { normalizeConfig } from '../src/config/normalize.ts';
import { ReportError, EXIT } from '../src/errors.ts';
import { tempDir } from './helpers/tmp.ts';
import { hostileSvg, assertNoHostile } from './helpers/hostile-svg.ts';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1c1a6e90000000049454e44ae426082', 'hex');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);

const HOSTILE_SVG = hostileSvg('http://127.0.0.1:9');

// ---
const sn = suite('sniffLogo');

sn('PNG and JPEG by their magic bytes, whatever the file is called', () => {
  assert.equal(sniffLogo(PNG), { kind: 'png' });
  assert.equal(sniffLogo(JPEG), { kind: 'jpeg' });
});

sn('an SVG by its first element, after a declaration, comment or DOCTYPE', () => {
  assert.equal(sniffLogo(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')), { kind: 'svg' });
  assert.equal(sniffLogo(Buffer.from(HOSTILE_SVG)), { kind: 'svg' });
  assert.equal(sniffLogo(Buffer.from('\uFEFF<!-- made by hand -->\n<svg>')), { kind: 'svg' });
});

sn('anything else says what it is', () => {
  assert.equal(sniffLogo(Buffer.from('GIF89a....')), { other: 'a GIF image' });
  assert.equal(sniffLogo(Buffer.from('%PDF-1.7')), { other: 'a PDF document' });
  assert.equal(sniffLogo(Buffer.from('<html><svg></svg></html>')), { other: 'a text file without an <svg> element first' });
  assert.equal(sniffLogo(Buffer.from([0x00, 0xff, 0xfe, 0x80])), { other: 'a binary file' });
});

sn.run();

// ---
const sv = suite('sanitizeSvg');

sv('every hostile vector is gone', () => {
  assertNoHostile(sanitizeSvg(HOSTILE_SVG), 'the sanitised SVG');
});

sv('the drawing stays: geometry, presentation, a safe <style>, a local <use>, text', () => {
  const out = sanitizeSvg(HOSTILE_SVG);
  assert.ok(out.startsWith('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 40">'), out.slice(0, 140));
  assert.ok(out.includes('<style>.ok { fill: #1f6feb }</style>'));
  assert.ok(out.includes('<rect id="box" width="10" height="10"/>'));
  assert.ok(out.includes('<rect class="ok" width="100" height="40"/>'), 'the rect keeps its geometry, loses handlers and the remote fill');
  assert.ok(out.includes('<use href="#box"/>'));
  assert.ok(out.includes('<circle cx="5" cy="5" r="3"/>'));
  // the <a> is no drawing element: it goes with its text (and the entities never expanded)
  assert.not.ok(out.includes('Acme'));
});

sv('text is re-escaped; a namespace-prefixed SVG reads as SVG; the namespace is added when missing', () => {
  assert.is(sanitizeSvg('<svg><text>a &lt;b&gt; &amp; &#x41;</text></svg>'), '<svg xmlns="http://www.w3.org/2000/svg"><text>a &lt;b&gt; &amp; A</text></svg>');
  assert.is(sanitizeSvg('<svg:svg xmlns:svg="http://www.w3.org/2000/svg"><svg:rect width="1"/></svg:svg>'), '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1"/></svg>');
});

sv('CSS escapes and data: in a style are refused (they could spell a remote url)', () => {
  assert.is(sanitizeSvg('<svg><rect style="fill: u\\72l(http://x/)"/><rect style="fill:#fff"/></svg>'), '<svg xmlns="http://www.w3.org/2000/svg"><rect/><rect style="fill:#fff"/></svg>');
  assert.is(sanitizeSvg('<svg><rect style="fill: url(#g)"/></svg>'), '<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill: url(#g)"/></svg>');
});

sv('malformed XML and a root other than <svg> are refused', () => {
  for (const bad of ['<svg><rect></svg>', '<svg width=1/>', '<html/>', '<svg/><svg/>', '<svg><rect a="<"/></svg>']) {
    assert.throws(() => sanitizeSvg(bad), (e: unknown) => e instanceof SvgError, bad);
  }
});

sv.run();

// ---
const rl = suite('readLogo');

rl('PNG, JPEG and SVG become data URLs; the SVG is the sanitised one', async () => {
  const dir = await tempDir('svr-logo-');
  await writeFile(join(dir, 'logo.svg.png'), PNG); // the extension is not what decides
  await writeFile(join(dir, 'logo.jpg'), JPEG);
  await writeFile(join(dir, 'logo.png'), HOSTILE_SVG);
  assert.is((await readLogo(join(dir, 'logo.svg.png'))).dataUrl, `data:image/png;base64,${PNG.toString('base64')}`);
  assert.is((await readLogo(join(dir, 'logo.jpg'))).dataUrl, `data:image/jpeg;base64,${JPEG.toString('base64')}`);
  const svg = await readLogo(join(dir, 'logo.png'));
  assert.is(svg.mime, 'image/svg+xml');
  assert.is(Buffer.from(svg.dataUrl.replace('data:image/svg+xml;base64,', ''), 'base64').toString('utf8'), sanitizeSvg(HOSTILE_SVG));
});

rl('a missing, oversized, other or broken file is exit 2 naming branding.logo and the file', async () => {
  const dir = await tempDir('svr-logo-');
  await writeFile(join(dir, 'big.png'), Buffer.concat([PNG, Buffer.alloc(LOGO_MAX_BYTES)]));
  await writeFile(join(dir, 'anim.gif'), 'GIF89a');
  await writeFile(join(dir, 'broken.svg'), '<svg><g></svg>');
  await mkdir(join(dir, 'folder.png'));
  const cases: [string, RegExp][] = [
    ['nope.png', /cannot be read \(.*(no such|not found|does not exist)/i],
    ['folder.png', /cannot be read/],
    ['big.png', /at most 1048576 bytes/],
    ['anim.gif', /is a GIF image, not a PNG, JPEG or SVG image/],
    ['broken.svg', /an SVG that cannot be read safely \(a closing tag that does not match <g>/],
  ];
  for (const [name, why] of cases) {
    try {
      await readLogo(join(dir, name));
      assert.unreachable(name);
    } catch (err) {
      assert.instance(err, ReportError);
      assert.is((err as ReportError).exitCode, EXIT.usage);
      assert.ok((err as Error).message.startsWith('`branding.logo` names ' + join(dir, name)), (err as Error).message);
      assert.match((err as Error).message, why);
      assert.not.match((err as Error).message, /\n/);
    }
  }
});

rl.run();

// ---
const ac = suite('accent contrast');

ac('the WCAG ratio of known pairs', () => {
  assert.is(Math.round(contrastRatio('#000000', '#ffffff') * 100) / 100, 21);
  assert.is(Math.round(contrastRatio('#777777', '#ffffff') * 100) / 100, 4.48); // the classic just-too-light grey
  assert.is(contrastRatio('#1f6feb', '#1f6feb'), 1);
});

ac('a readable accent is kept as it is, without a warning', () => {
  const { set, warning } = accentSet('#1f4fbf', 'light');
  assert.is(set.ink, '#1f4fbf');
  assert.is(set.accent, '#1f4fbf');
  assert.is(warning, null);
});

ac('a light accent is darkened to 4.5:1 for text (3:1 for marks) on every light background, with a warning', () => {
  const { set, warning } = accentSet('#ffd43b', 'light');
  for (const bg of ['#ffffff', '#f6f7f9', '#f9fafb', set.soft]) assert.ok(contrastRatio(set.ink, bg) >= 4.5, `${set.ink} on ${bg}`);
  for (const bg of ['#ffffff', '#f6f7f9']) assert.ok(contrastRatio(set.accent, bg) >= 3, `${set.accent} on ${bg}`);
  assert.ok(contrastRatio(set.accent, '#ffffff') < 4.5 || set.accent === set.ink, 'marks are moved no further than they need');
  assert.match(warning!, /^branding\.accent #ffd43b has a contrast of 1\.\d\d:1 against the light page \(text needs 4\.5:1\): headings and links use #[0-9a-f]{6} instead\.$/);
});

ac('a dark accent on the dark theme is lightened instead', () => {
  const { set, warning } = accentSet('#1a237e', 'dark');
  assert.ok(contrastRatio(set.ink, '#1b202b') >= 4.5);
  assert.ok(contrastRatio(set.ink, '#ffffff') < contrastRatio('#1a237e', '#ffffff'), 'lighter than the colour given');
  assert.ok(warning);
  // white on white ends as the lightest grey that reads: 4.5:1, and not much more
  const grey = readableOn('#ffffff', ['#ffffff'], 4.5, false);
  assert.ok(contrastRatio(grey, '#ffffff') >= 4.5 && contrastRatio(grey, '#ffffff') < 4.8, grey);
});

ac.run();

// ---
const cf = suite('branding config');
const ctx = { configPath: '/cfg/report.config.yaml', configDir: '/cfg' };
const base = { input: { path: 'v.csv' } };

cf('logo resolved against the config folder, #rgb widened, footer trimmed; reports[] override key by key', () => {
  const c = normalizeConfig({ ...base, branding: { logo: 'assets/logo.svg', accent: '#F60', footer: ' Confidential - Acme ' }, reports: [{ id: 'a' }, { id: 'b', branding: { footer: 'For B only' } }] }, ctx);
  assert.equal(c.reports[0].branding, { logo: '/cfg/assets/logo.svg', accent: '#ff6600', footer: 'Confidential - Acme' });
  assert.equal(c.reports[1].branding, { logo: '/cfg/assets/logo.svg', accent: '#ff6600', footer: 'For B only' });
});

cf('no branding: no key at all (the config hash of an unbranded report is unchanged)', () => {
  const c = normalizeConfig(base, ctx);
  assert.not.ok('branding' in c.reports[0]);
});

cf('a wrong accent, a footer of two lines or too long, an unknown key: exit 2 with the key paths', () => {
  try {
    normalizeConfig({ ...base, branding: { accent: 'blue', footer: 'a\nb', colour: 1 }, reports: [{ id: 'a', branding: { footer: 'x'.repeat(201) } }] }, ctx);
    assert.unreachable();
  } catch (err) {
    assert.instance(err, ReportError);
    assert.is((err as ReportError).exitCode, EXIT.usage);
    const lines = (err as ReportError).problems.join('\n');
    assert.match(lines, /unknown key `branding\.colour` \(valid under `branding`: logo, accent, footer\)/);
    assert.match(lines, /`branding\.accent` must be a colour written #rgb or #rrggbb, e\.g\. "#1f6feb" \(got "blue"\)/);
    assert.match(lines, /`branding\.footer` must be one line of text/);
    assert.match(lines, /`reports\[0\]\.branding\.footer` must be at most 200 characters \(got 201\)/);
  }
});

cf.run();

// ---
const ft = suite('footerTemplate');

ft('the footer line escaped, beside the page number; none: the page number alone, as before', () => {
  const t = footerTemplateFor('<b>Acme & "Co"</b>');
  assert.ok(t.includes('&#60;b&#62;Acme &#38; &#34;Co&#34;&#60;/b&#62;'));
  assert.not.ok(t.includes('<b>'));
  assert.ok(t.includes('page <span class="pageNumber"></span> of <span class="totalPages"></span>'));
  assert.not.ok(footerTemplateFor(null).includes('brand-footer'));
});

ft.run();
