// Issue #19, items 8-11 and 13 (the render side), function by function: display truncation by
// grapheme, placeholders for undrawable characters and the script gate, split-report ids that
// depend only on the exact value, isolated data values in sentences, and filters that stay
// linear in the number of split values. The CLI end of the same items: integrity-render-cli.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { truncateForDisplay, isolate, ELLIPSIS } from '../src/format.ts';
import { GlyphCoverage, PLACEHOLDER, WIDE_SCRIPT_SHARE, mergeCharsets } from '../src/output/fonts.ts';
import { Display } from '../src/output/display.ts';
import { safeSegment, splitName, shortHash, MAX_SEGMENT_BYTES } from '../src/output/names.ts';
import { expandReports } from '../src/reports.ts';
import { selectRows, unmatchedFilterValues } from '../src/data/scope.ts';
import { computeInsights, insightParts } from '../src/insights.ts';
import { buildReportModel } from '../src/model.ts';
import { deriveMetrics } from '../src/data/derive.ts';
import { undrawableCells } from '../src/sections/explorer/compute.ts';
import { distinctLabels } from '../src/charts/specs.ts';
import { ReportError } from '../src/errors.ts';
import { makeDataset } from './helpers/dataset.ts';
import { normalizeConfig } from '../src/config/normalize.ts';
import { composeMessage } from '../src/delivery/compose.ts';
import { simpleParser } from 'mailparser';
import { testConfig, testReport } from './helpers/config.ts';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const graphemes = (s: string) => [...new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(s)].map((g) => g.segment);

// ---
const cut = suite('truncateForDisplay');
cut('short text is kept as it is; long text is cut to whole graphemes with an ellipsis', () => {
  assert.is(truncateForDisplay('hello', 5), 'hello');
  assert.is(truncateForDisplay('hello!', 5), `hello${ELLIPSIS}`);
  assert.is(truncateForDisplay('', 3), '');
});
cut('never splits a surrogate pair, a combining sequence or an emoji sequence', () => {
  // three graphemes kept of each; the fourth would be the first one cut
  assert.is(truncateForDisplay('😀😀😀😀😀', 3), `😀😀😀${ELLIPSIS}`);
  assert.is(truncateForDisplay('e\u0301e\u0301e\u0301e\u0301', 3), `e\u0301e\u0301e\u0301${ELLIPSIS}`);
  const family = '👨\u200d👩\u200d👧'; // one grapheme of 8 UTF-16 units
  assert.is(truncateForDisplay(family.repeat(4), 2), family.repeat(2) + ELLIPSIS);
  assert.is(truncateForDisplay('राहुल शर्मा', 3), `राहुल${ELLIPSIS}`); // रा + हु + ल: vowel signs stay on their letters
  assert.is(truncateForDisplay('राहुल शर्मा', 2), `राहु${ELLIPSIS}`);
  for (const s of ['x😀'.repeat(50), 'e\u0301'.repeat(60), '🇫🇷'.repeat(40)]) {
    for (const g of graphemes(truncateForDisplay(s, 7).slice(0, -1))) assert.ok(s.includes(g), `grapheme ${JSON.stringify(g)} is whole`);
  }
});
cut('a letter under thousands of combining marks (one grapheme) keeps its first marks only', () => {
  const zalgo = 'a' + '\u0301'.repeat(100_000) + 'b';
  assert.is(truncateForDisplay(zalgo, 3), 'a' + '\u0301'.repeat(31) + ELLIPSIS, '32 units of the first grapheme, and the rest left out');
});
cut('the result is bounded whatever the input: a 1 MB emoji title', () => {
  const title = '🫩😀'.repeat(125_000); // 1 MB of UTF-8
  const out = truncateForDisplay(title, 200);
  assert.is(graphemes(out).length, 201); // 200 emoji and the ellipsis
  assert.ok(out.length <= 200 * 32 + 1);
});
cut.run();

// ---
const glyph = suite('GlyphCoverage');
// fonts that cover ASCII, Latin-1 and Arabic, nothing else
const latinArabic = new GlyphCoverage(mergeCharsets('20-7e a0-ff\n600-6ff\n'));
glyph('private use, unassigned and noncharacters are never drawable; whitespace, controls and bidi marks are ignored', () => {
  const none = new GlyphCoverage(null); // no fontconfig: the Unicode rules alone
  for (const cp of [0xe000, 0x0378, 0xfffe, 0xffff, 0xf0000]) assert.ok(none.undrawable(cp), cp.toString(16));
  for (const cp of [0x41, 0x20, 0x0a, 0x202e, 0x200d, 0xfe0f, 0x1f600]) assert.not.ok(none.undrawable(cp), cp.toString(16));
  assert.not.ok(none.fontsChecked);
  assert.ok(latinArabic.fontsChecked);
  assert.ok(latinArabic.undrawable(0x1fae9), 'an emoji no installed font covers');
  assert.ok(latinArabic.undrawable(0x0915), 'Devanagari, with no font for it here');
  assert.not.ok(latinArabic.undrawable(0x0627));
});
glyph('replace() shows each undrawable code point as the placeholder, count() counts them', () => {
  assert.is(PLACEHOLDER, '\u25a1');
  assert.is(latinArabic.replace('a\ue000b\u{1fae9}c\u0378'), `a${PLACEHOLDER}b${PLACEHOLDER}c${PLACEHOLDER}`);
  assert.is(latinArabic.count('a\ue000b\u{1fae9}c\u0378 \u202e'), 3);
  const plain = 'plain text';
  assert.is(latinArabic.replace(plain), plain);
});
glyph(`the gate: a script with no font at all, at least ${WIDE_SCRIPT_SHARE * 100}% of the text shown`, () => {
  // 20 visible characters: 1 Devanagari of 20 is exactly 5% (fails), of 21 under it (passes)
  const latin19 = 'abcdefghijklmnopqrs';
  const wide = latinArabic.scriptsWithoutFont([latin19 + 'क']);
  assert.is(wide.length, 1);
  assert.equal(wide[0], { script: 'Devanagari', share: 1 / 20, example: 'क' });
  assert.equal(latinArabic.scriptsWithoutFont([latin19 + 't' + 'क']), [], '1 of 21: under 5%, a placeholder');
  // whitespace is not text shown
  assert.is(latinArabic.scriptsWithoutFont([latin19 + '      \n\t' + 'क']).length, 1);
  // a script with a font, even where one character is missing, never fails; nor do emoji or private use
  const someDevanagari = new GlyphCoverage(mergeCharsets('20-7e\n915\n'));
  assert.equal(someDevanagari.scriptsWithoutFont(['कखगघ']), [], 'U+0915 is covered: a font exists for the script');
  assert.equal(latinArabic.scriptsWithoutFont(['\u{1fae9}\u{1fae9}\ue000']), [], 'emoji and private use are placeholders, never a missing script');
  assert.equal(new GlyphCoverage(null).scriptsWithoutFont(['कखगघ']), [], 'no fontconfig: nothing to say');
});
glyph('Display: names and texts cut, then drawn; sentences isolate each value', () => {
  const d = new Display(latinArabic);
  assert.is(d.name('x'.repeat(100)), 'x'.repeat(80) + ELLIPSIS);
  assert.is(d.text('y'.repeat(250)), 'y'.repeat(200) + ELLIPSIS);
  assert.is(d.name('new \u{1fae9}'), `new ${PLACEHOLDER}`);
  const parts = ['The best category is ', { value: 'طبخ\u202e' }, ': 25.8K views.'];
  assert.is(d.sentenceHtml(parts).toHTML(), 'The best category is <bdi>طبخ\u202e</bdi>: 25.8K views.');
  assert.is(d.sentenceText(parts), `The best category is ${isolate('طبخ\u202e')}: 25.8K views.`);
  assert.is(d.sentenceHtml([{ value: '<b>x</b>' }, ' & y']).toHTML(), '<bdi>&lt;b&gt;x&lt;/b&gt;</bdi> &amp; y');
});
glyph.run();

// ---
const quality = suite('undrawableCells');
quality('cells in scope with undrawable characters, characters counted as they occur, examples with their code points', () => {
  const ds = makeDataset({
    title: ['ok', 'new \u{1fae9}\u{1fae9}', 'pua \ue000', 'fine', 'x\u0378'],
    creator: ['a', 'b', 'c\ufffe', 'd', 'e'],
    hashtags: [['#ok'], ['#\ue000'], [], ['#a', '#\u{1fae9}'], []],
    views: [1, 2, 3, 4, 5],
  });
  const scope = { rows: Uint32Array.from([0, 1, 2, 3]) } as Parameters<typeof undrawableCells>[0]['scope'];
  const u = undrawableCells({ dataset: ds, scope } as Parameters<typeof undrawableCells>[0], latinArabic);
  // rows 0-3 in scope: titles 1 (2 chars) and 2 (1); creator 2 (1); hashtags rows 1 (1) and 3 (1); row 4 is out of scope
  assert.is(u.cells, 5);
  assert.is(u.characters, 6);
  assert.ok(u.fontsChecked);
  assert.equal(u.examples.map((x) => [x.column, x.row, x.codePoints]), [
    ['title', 2, ['U+1FAE9']],
    ['title', 3, ['U+E000']],
    ['creator', 3, ['U+FFFE']],
    ['hashtags', 2, ['U+E000']],
    ['hashtags', 4, ['U+1FAE9']],
  ]);
});
quality.run();

// ---
const names = suite('splitName and safeSegment');
names('a safe NFC value is its own name; anything sanitised, normalised or cut gets the hash of the exact value', () => {
  assert.is(splitName('TikTok'), 'TikTok');
  assert.is(splitName('Zoë'), 'Zoë');
  assert.is(splitName('Zoe\u0308'), `Zoë--${shortHash('Zoe\u0308')}`, 'the look-alike (NFD) never takes the NFC name');
  assert.is(splitName('a b'), `a-b--${shortHash('a b')}`);
  assert.is(splitName('a-b'), 'a-b');
  assert.is(splitName('a--b'), `a-b--${shortHash('a--b')}`, 'only a hashed name holds "--"');
  assert.is(splitName('..'), `value--${shortHash('..')}`);
  assert.is(splitName('राहुल'), 'राहुल', 'Devanagari vowel signs (\\p{M}) are kept');
  assert.is(splitName('राहुल शर्मा'), `राहुल-शर्मा--${shortHash('राहुल शर्मा')}`);
  assert.match(shortHash('x'), /^[0-9a-f]{12}$/);
});
names('two names sharing their first 80 characters, and a long CJK name, get distinct names within the byte bound', () => {
  const a = 'a'.repeat(100) + '1';
  const b = 'a'.repeat(100) + '2';
  assert.is.not(splitName(a), splitName(b));
  for (const v of [a, b, '長'.repeat(200), '😀'.repeat(200)]) assert.ok(bytes(splitName(v)) <= 64 + 2 + 12, v.slice(0, 10));
  const cjk = '長い名前のクリエイター'.repeat(30);
  const seg = safeSegment(`all-${cjk}`);
  assert.ok(bytes(seg) <= MAX_SEGMENT_BYTES, String(bytes(seg)));
  assert.is.not(safeSegment(`all-${cjk}x`), seg, 'the cut keeps a hash of the whole value');
  assert.ok(bytes(safeSegment(`${seg}-2025-01-01-2025-08-31`)) + '.partial-0123456789abcdef'.length + 1 <= 255);
});
names('the old token behaviour stays: safe characters, no hash for what fits', () => {
  assert.is(safeSegment('Café Ölçü'), 'Café-Ölçü');
  assert.is(safeSegment('..'), 'untitled');
  assert.is(safeSegment('2025-01-01 – 2025-02-01'), '2025-01-01-2025-02-01');
  assert.is(safeSegment('all-Zoë--0123456789ab'), 'all-Zoë--0123456789ab', 'an id made by splitName passes unchanged');
});
names.run();

// ---
const expand = suite('expandReports');
const splitConfig = (over: Parameters<typeof testConfig>[0] = {}) => testConfig({ splitBy: 'creator', maxReports: 50, ...over });
const idsFor = (creators: string[], over: Parameters<typeof testConfig>[0] = {}) =>
  new Map(expandReports(splitConfig(over), makeDataset({ creator: creators, views: creators.map(() => 1) })).map((s) => [s.split!.value, s.id]));

expand('ids depend only on the exact value, whatever the week holds and counts', () => {
  const nfc = 'Zoë';
  const nfd = 'Zoe\u0308';
  const week1 = idsFor([nfc, nfc, nfc, nfd]); // Zoë has more videos
  const week2 = idsFor([nfd, nfd, nfd, nfc]); // the look-alike has more
  const week3 = idsFor([nfd]); // the look-alike alone
  assert.is(week1.get(nfc), 'report-Zoë');
  assert.is(week2.get(nfc), 'report-Zoë');
  assert.is(week1.get(nfd), week2.get(nfd));
  assert.is(week3.get(nfd), week2.get(nfd));
  assert.is.not(week2.get(nfd), 'report-Zoë');
  // names that collide after sanitising never swap: each keeps its own id in every order
  const one = idsFor(['a/b', 'a b', 'a b', 'a-b']);
  const two = idsFor(['a-b', 'a-b', 'a-b', 'a/b', 'a b']);
  for (const v of ['a/b', 'a b', 'a-b']) assert.is(one.get(v), two.get(v), v);
  assert.is(new Set(one.values()).size, 3);
});
expand('case-only twins both take the hashed form (case-insensitive disks), checked as config ids are', () => {
  const ids = idsFor(['Alice', 'alice', 'Bob']);
  assert.is(ids.get('Alice'), `report-Alice--${shortHash('Alice')}`);
  assert.is(ids.get('alice'), `report-alice--${shortHash('alice')}`);
  assert.is(ids.get('Bob'), 'report-Bob');
});
expand('two names sharing their first 100 characters are two reports, not an error', () => {
  const a = 'n'.repeat(100) + 'A';
  const b = 'n'.repeat(100) + 'B';
  const ids = idsFor([a, b]);
  assert.is(ids.size, 2);
  assert.is.not(ids.get(a), ids.get(b));
});
expand('an entry whose filter keeps no split value warns with its id; a run with no report at all is an input error (exit 3)', () => {
  const ds = makeDataset({ creator: ['ana', 'bo'], views: [1, 2] });
  const warnings: string[] = [];
  const specs = expandReports(
    splitConfig({ reports: [testReport({ id: 'all' }), testReport({ id: 'ghost', filters: { ...testReport().filters, creator: ['nobody'] } })] }),
    ds,
    warnings,
  );
  assert.equal(specs.map((s) => s.id), ['all-ana', 'all-bo']);
  assert.equal(warnings, ['report "ghost": splitBy creator gives no report: no creator of the input is one of filters.creator ("nobody")']);
  try {
    expandReports(splitConfig({ reports: [testReport({ id: 'ghost', filters: { ...testReport().filters, creator: ['nobody'] } })] }), ds, []);
    assert.unreachable('no report at all');
  } catch (err) {
    assert.instance(err, ReportError);
    assert.is((err as ReportError).exitCode, 3);
    assert.is((err as ReportError).message, 'splitBy: creator gives no report at all: no value of the creator column passes the filters of "ghost".');
  }
});
expand('two configured ids that overlap through a split value stop with both names', () => {
  const ds = makeDataset({ creator: ['x', 'TikTok-x'], views: [1, 2] });
  try {
    expandReports(splitConfig({ reports: [testReport({ id: 'all' }), testReport({ id: 'all-TikTok' })] }), ds);
    assert.unreachable();
  } catch (err) {
    assert.instance(err, ReportError);
    assert.match((err as ReportError).message, /^reports "all" and "all-TikTok" both give the id "all-TikTok-x"/);
  }
});
expand.run();

// ---
const linear = suite('split filters: linear in the split values');
linear('1,000 split reports over 100k creators: each value is trimmed about once, not once per report', () => {
  const n = 100_000;
  const creators = Array.from({ length: n }, (_, i) => `creator ${i}`);
  const ds = makeDataset({ creator: creators, views: creators.map((_, i) => n - i) });
  const specs = expandReports(splitConfig({ maxReports: 1000 }), ds);
  assert.is(specs.length, 1000);
  // count the work: the code before trimmed every dictionary value for every report (2 x 1000 x 100k)
  const trim = String.prototype.trim;
  let trims = 0;
  String.prototype.trim = function (this: string) {
    trims++;
    return trim.call(this);
  };
  let rows = 0;
  try {
    for (const s of specs) {
      assert.equal(unmatchedFilterValues(ds, s.filters), []);
      rows += selectRows(ds, s.filters, null).length;
    }
  } finally {
    String.prototype.trim = trim;
  }
  assert.is(rows, 1000, 'one video per creator');
  assert.ok(trims <= n + 4 * 1000, `${trims} trims`); // the index once, then a few per report
});
linear('a scope far smaller than the creator dictionary gives the same creators and candidates as a small dictionary', () => {
  // 12 videos of 4 creators; the padded copy has 1,000 more creator values no row uses, so its
  // sections group the scope's 4 creators only (src/sections/compact.ts)
  const creators = ['dee', 'ann', 'cy', 'bo', 'ann', 'dee', 'ann', 'bo', 'dee', 'ann', 'cy', 'ann'];
  const views = [900, 500, 700, 300, 450, 910, 520, 320, 880, 495, 710, 505];
  const ds = makeDataset({ creator: creators, views, shares: views.map((v) => v / 10), likes: views.map((v) => v / 5), date: creators.map(() => '2025-01-06') });
  const padded = makeDataset({ creator: creators, views, shares: views.map((v) => v / 10), likes: views.map((v) => v / 5), date: creators.map(() => '2025-01-06') });
  const col = padded.text.creator!;
  const extra = Array.from({ length: 1000 }, (_, i) => `unused ${i}`);
  col.values = [...extra.slice(0, 500), ...col.values, ...extra.slice(500)];
  col.codes = col.codes.map((c) => (c >= 0 ? c + 500 : c));
  const config = testConfig({ reports: [testReport({ virality: { threshold: { kind: 'value', value: 0 } } })] });
  const model = (d: typeof ds) => buildReportModel({
    dataset: d, derived: deriveMetrics(d, config.scoring), config, report: config.reports[0],
    clock: { generatedAt: '2025-02-01T00:00:00Z', runDay: Date.UTC(2025, 1, 1) / 864e5 }, tool: { name: 't', version: '0' }, inputPath: 'x.csv', glyphs: latinArabic,
  }).model;
  const a = model(ds);
  const b = model(padded);
  assert.is(a.creators.top.length, 4);
  assert.equal(b.creators, a.creators);
  assert.equal(b.virality.top, a.virality.top);
  assert.ok(a.virality.top.some((c) => c.outlierMultiple !== null), 'ann has 5 videos: an outlier multiple is computed');
});
linear.run();

// ---
const bidi = suite('insights: data values marked for isolation');
bidi('a creator name ending in U+202E stays inside its own isolate; the figures after it are our words', () => {
  const rle = 'كريم\u202e';
  // 25 videos each: the RLO creator has the steadiest views, so it is the consistent creator
  const creators = [...Array(25).fill(rle), ...Array(25).fill('bo'), ...Array(25).fill('cy'), ...Array(25).fill('di'), ...Array(25).fill('ed'), ...Array(25).fill('fa'), ...Array(25).fill('gu'), ...Array(25).fill('ha'), ...Array(25).fill('io'), ...Array(25).fill('ju')];
  const views = creators.map((c, i) => (c === rle ? 25_800 : 1_000 + (i % 25) * 3_000));
  const ds = makeDataset({ creator: creators, views, likes: views.map(() => 10), date: creators.map(() => '2025-01-06') });
  const config = testConfig();
  const { model } = buildReportModel({
    dataset: ds, derived: deriveMetrics(ds, config.scoring), config, report: config.reports[0],
    clock: { generatedAt: '2025-02-01T00:00:00Z', runDay: Date.UTC(2025, 1, 1) / 864e5 }, tool: { name: 't', version: '0' }, inputPath: 'x.csv',
    glyphs: latinArabic,
  });
  const consistent = computeInsights(model).find((i) => i.kind === 'consistent-creator')!;
  assert.ok(consistent, 'the RLO creator is the most consistent');
  assert.is(consistent.text, `${rle} has the most consistent views: a coefficient of variation of 0.00 across 25 videos, with a median of 25.8K views.`, 'metrics.json keeps plain text');
  const parts = insightParts(model.insights.find((i) => i.kind === 'consistent-creator')!);
  assert.equal(parts[0], { value: rle });
  assert.is(new Display(latinArabic).sentenceHtml(parts).toHTML(), `<bdi>${rle}</bdi> has the most consistent views: a coefficient of variation of 0.00 across 25 videos, with a median of 25.8K views.`);
});
bidi('the email reuses the marked sentence: the value isolated (FSI/PDI, <bdi>) and cut as in the report', async () => {
  const name = 'كريم' + 'x'.repeat(500_000) + '\u202e';
  const creators = [...Array(25).fill(name), ...Array.from({ length: 100 }, (_, i) => `c${i % 10}`)];
  const views = creators.map((c, i) => (c === name ? 25_800 : 1_000 + (i % 25) * 3_000));
  const ds = makeDataset({ creator: creators, views, likes: views.map(() => 10), date: creators.map(() => '2025-01-06') });
  const config = normalizeConfig({ input: { path: 'v.csv' }, delivery: { email: { to: 'a@example.com', from: 'R <r@example.com>' } } }, { configPath: null, configDir: '/tmp' });
  const { model } = buildReportModel({
    dataset: ds, derived: deriveMetrics(ds, config.scoring), config, report: config.reports[0],
    clock: { generatedAt: '2025-02-01T00:00:00Z', runDay: Date.UTC(2025, 1, 1) / 864e5 }, tool: { name: 't', version: '0' }, inputPath: 'x.csv', glyphs: latinArabic,
  });
  assert.ok(model.insights.some((i) => i.kind === 'consistent-creator' && i.text.startsWith(name)), 'metrics.json: the whole name');
  const msg = await composeMessage({ model, email: config.delivery.email!, split: undefined, messageId: '<x@example.com>', runDate: '2025-02-01', publicUrl: null, files: [], notice: false });
  const shown = truncateForDisplay(name, 80); // كريم and 76 x, then the ellipsis
  const eml = msg.eml.toString('utf8');
  assert.ok(msg.eml.length < 100_000, `${msg.eml.length} bytes`);
  const mail = await simpleParser(msg.eml);
  assert.ok(String(mail.text).includes(`\u2068${shown}\u2069 has the most consistent views`), 'plain text');
  assert.ok(String(mail.html).includes(`<bdi>${shown}</bdi> has the most consistent views`), 'HTML');
  assert.not.ok(eml.includes('x'.repeat(100)));
});
bidi('chart labels cut to the same text stay one band each', () => {
  assert.equal(distinctLabels(['a…', 'a…', 'b', 'a…']), ['a…', 'a… (2)', 'b', 'a… (3)']);
});
bidi.run();
