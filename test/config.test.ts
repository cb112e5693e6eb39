// Configuration: YAML loading safety, --set/--input overrides, normalization with every problem
// reported at once with its key path, the JSON Schema kept in step with the normalizer, and the
// starter config of `svreport init`.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applySet, loadConfig, parseConfigYaml } from '../src/config/load.ts';
import { didYouMean, KEYS, normalizeConfig } from '../src/config/normalize.ts';
import { STARTER_CONFIG } from '../src/config/starter.ts';
import { EXIT, ReportError } from '../src/errors.ts';
import type { Config } from '../src/types.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const FIXTURES = join(ROOT, 'test/fixtures/config');
const CTX = { configPath: '/cfg/report.config.yaml', configDir: '/cfg', displayPath: 'report.config.yaml' };

const normalize = (raw: unknown): Config => normalizeConfig(raw, CTX);
const withInput = (raw: Record<string, unknown> = {}) => ({ input: { path: 'data.csv' }, ...raw });

/** The ReportError a call throws (fails the test when it throws nothing or something else). */
function errorOf(fn: () => unknown): ReportError {
  try {
    fn();
  } catch (err) {
    assert.instance(err, ReportError);
    return err as ReportError;
  }
  throw new assert.Assertion({ message: 'expected a ReportError', generated: false, operator: 'throws', expects: 'error', actual: 'none' });
}

async function asyncErrorOf(p: Promise<unknown>): Promise<ReportError> {
  try {
    await p;
  } catch (err) {
    assert.instance(err, ReportError);
    return err as ReportError;
  }
  throw new assert.Assertion({ message: 'expected a ReportError', generated: false, operator: 'throws', expects: 'error', actual: 'none' });
}

const problems = (raw: unknown) => errorOf(() => normalize(raw)).problems;

/** Exactly one problem, and it is this one. */
function oneProblem(raw: unknown, expected: string | RegExp) {
  const list = problems(raw);
  assert.is(list.length, 1, list.join('\n'));
  if (typeof expected === 'string') assert.is(list[0], expected);
  else assert.match(list[0], expected);
}

// ---
const n = suite('normalizeConfig');

n('defaults: only input.path given', () => {
  const c = normalize({ input: { path: 'data/sample.csv' } });
  assert.is(c.configPath, '/cfg/report.config.yaml');
  assert.is(c.configDir, '/cfg');
  assert.is(c.title, 'Short-video report');
  assert.equal(c.input, {
    path: '/cfg/data/sample.csv', encoding: 'auto', delimiter: 'auto', maxRecordBytes: 1024 * 1024,
    entries: [{ pattern: 'data/sample.csv', path: '/cfg/data/sample.csv', platform: null, sheet: null, columns: {} }], dedupe: 'last',
  });
  assert.equal(c.columns, {});
  assert.is(c.dateFormat, 'auto');
  assert.is(c.timezone, 'UTC');
  assert.equal(c.period, { kind: 'all' });
  assert.is(c.compare, 'none');
  assert.equal(c.filters, { platform: [], country: [], category: [], creator: [], minViews: 0 });
  assert.equal(c.scoring, {
    weights: { views: 0.3, shares: 0.4, engagement: 0.3 },
    caps: { engagementRate: 10, componentRate: 1 },
    viralPotential: { medium: 0.75, high: 0.9 },
    tierQuantiles: [0.5, 0.8, 0.95, 0.99],
  });
  assert.equal(c.virality, { threshold: { kind: 'auto' } });
  assert.equal(c.sections.growth, { metrics: ['views', 'engagement_rate'], period: 'week', aggregation: {} });
  assert.equal(c.sections.creators, { rankBy: 'views', top: 15 });
  assert.equal(c.sections.content, { top: 15 });
  assert.equal(c.sections.virality, { top: 100, bins: 30 });
  assert.equal(c.sections.explorer, { previewRows: 50 });
  assert.equal(
    c.sections.segments.map((s) => `${s.by}/${s.metric}/${s.aggregation}`),
    ['platform/engagement_rate/median', 'country/views/median', 'category/virality_score/median', 'duration_bucket/views/median', 'performance_tier/engagement_rate/median'],
  );
  assert.is(c.reports.length, 1);
  assert.is(c.reports[0].id, 'report');
  assert.is(c.reports[0].title, 'Short-video report');
  assert.equal(c.reports[0].sections, c.sections);
  assert.is(c.splitBy, 'none');
  assert.is(c.maxReports, 50);
  assert.equal(c.output, { dir: 'out/{report}', formats: ['html', 'pdf', 'json', 'csv'], keep: null, publicUrl: null });
  assert.is(c.theme, 'light');
  assert.equal(c.pdf, { format: 'A4', landscape: false, timeoutMs: 60000, executablePath: null });
});

n('null values take the default', () => {
  const c = normalize(withInput({ filters: null, title: null, period: null, sections: { growth: null } }));
  assert.is(c.title, 'Short-video report');
  assert.equal(c.period, { kind: 'all' });
  assert.equal(c.sections.growth.metrics, ['views', 'engagement_rate']);
});

n('the documented example of SPEC 5a is accepted', () => {
  const c = normalize({
    title: 'Weekly short-video report',
    input: { path: 'data/sample.csv', encoding: 'auto', delimiter: 'auto' },
    columns: { views: 'Total views', creator: 'Account username' },
    timezone: 'UTC',
    period: { from: '2025-01-01', to: '2025-08-31' },
    compare: 'previous',
    filters: { platform: ['TikTok'], country: ['US', 'GB'], category: [], creator: [], minViews: 0 },
    scoring: { weights: { views: 0.3, shares: 0.4, engagement: 0.3 }, viralPotential: { medium: 0.75, high: 0.9 } },
    virality: { threshold: 'auto' },
    sections: {
      growth: { metrics: ['views', 'engagement_rate'], period: 'week' },
      creators: { rankBy: 'views', top: 15 },
      segments: [{ by: 'platform', metric: 'engagement_rate', aggregation: 'median' }],
      explorer: { previewRows: 50 },
    },
    reports: [{ id: 'tiktok', title: 'TikTok weekly', filters: { platform: ['TikTok'] } }],
    splitBy: 'none',
    output: { dir: 'out/{report}', formats: ['html', 'pdf', 'json', 'csv'] },
  });
  assert.equal(c.columns, { views: 'Total views', creator: 'Account username' });
  assert.equal(c.period, { kind: 'absolute', from: '2025-01-01', to: '2025-08-31' });
  assert.is(c.compare, 'previous');
  assert.equal(c.reports.map((r) => [r.id, r.title, r.filters.platform, r.compare]), [['tiktok', 'TikTok weekly', ['TikTok'], 'previous']]);
});

n('accepted spellings: periods, thresholds, date formats, single strings, case', () => {
  assert.equal(normalize(withInput({ period: 'last-week' })).period, { kind: 'relative', name: 'last-week' });
  assert.equal(normalize(withInput({ period: 'Month-To-Date' })).period, { kind: 'relative', name: 'month-to-date' });
  assert.equal(normalize(withInput({ period: { from: '2025-03-01' } })).period, { kind: 'absolute', from: '2025-03-01', to: null });
  assert.equal(normalize(withInput({ virality: { threshold: 'top 5%' } })).virality.threshold, { kind: 'top', percent: 5 });
  assert.equal(normalize(withInput({ virality: { threshold: 'Top 0.5 %' } })).virality.threshold, { kind: 'top', percent: 0.5 });
  assert.equal(normalize(withInput({ virality: { threshold: 0.42 } })).virality.threshold, { kind: 'value', value: 0.42 });
  assert.is(normalize(withInput({ dateFormat: 'DD.MM.YYYY' })).dateFormat, 'DMY');
  assert.is(normalize(withInput({ dateFormat: 'DD/MM/YYYY' })).dateFormat, 'DMY');
  assert.is(normalize(withInput({ dateFormat: 'MM/DD/YYYY' })).dateFormat, 'MDY');
  assert.is(normalize(withInput({ dateFormat: 'mdy' })).dateFormat, 'MDY');
  const c = normalize(withInput({ filters: { platform: 'TikTok', creator: [123, 'a', 'a'] }, output: { formats: 'html' }, theme: 'Dark' }));
  assert.equal(c.filters.platform, ['TikTok']);
  assert.equal(c.filters.creator, ['123', 'a']);
  assert.equal(c.output.formats, ['html']);
  assert.is(c.theme, 'dark');
  assert.is(normalize(withInput({ input: { path: 'x.csv', delimiter: 'tab', encoding: 'latin1' } })).input.delimiter, '\t');
  assert.is(normalize(withInput({ timezone: 'America/New_York' })).timezone, 'America/New_York');
  assert.is(normalize(withInput({ pdf: { format: 'letter' } })).pdf.format, 'Letter');
});

n('growth aggregation, segments and output tokens', () => {
  const c = normalize(
    withInput({
      sections: {
        growth: { metrics: ['likes', 'virality_score'], aggregation: { likes: 'median' } },
        segments: [{ by: 'country', metric: 'shares' }],
      },
      output: { dir: 'archive/{report}/{period}-{date}' },
    }),
  );
  assert.equal(c.sections.growth, { metrics: ['likes', 'virality_score'], period: 'week', aggregation: { likes: 'median' } });
  assert.equal(c.sections.segments, [{ by: 'country', metric: 'shares', aggregation: 'median' }]);
  assert.equal(normalize(withInput({ sections: { segments: [] } })).sections.segments, []);
  assert.is(c.output.dir, 'archive/{report}/{period}-{date}');
});

n('pdf.executablePath: relative paths against the config folder, bare names kept', () => {
  assert.is(normalize(withInput({ pdf: { executablePath: 'bin/chrome' } })).pdf.executablePath, '/cfg/bin/chrome');
  assert.is(normalize(withInput({ pdf: { executablePath: 'chromium' } })).pdf.executablePath, 'chromium');
  assert.is(normalize(withInput({ pdf: { executablePath: '/usr/bin/chromium' } })).pdf.executablePath, '/usr/bin/chromium');
});

n('the error names the file and counts the problems; exit code 2', () => {
  const err = errorOf(() => normalize({ input: { path: 'x.csv' }, theme: 'blue' }));
  assert.is(err.exitCode, EXIT.usage);
  assert.is(err.message, 'report.config.yaml: 1 problem in the configuration');
  const many = errorOf(() => normalize({ theme: 'blue', splitBy: 'x' }));
  assert.is(many.message, 'report.config.yaml: 3 problems in the configuration');
  const noFile = errorOf(() => normalizeConfig({}, { configPath: null, configDir: '/tmp' }));
  assert.match(noFile.message, /^configuration: 1 problem/);
  const absolute = errorOf(() => normalizeConfig({}, { configPath: '/a/b.yaml', configDir: '/a' }));
  assert.match(absolute.message, /^\/a\/b\.yaml: /);
});

n('input.path is required', () => {
  oneProblem({}, '`input.path` is required: the CSV to report on (or pass --input CSV)');
  oneProblem({ input: { path: 7 } }, '`input.path` must be a non-empty string (got 7)');
});

n('every key: wrong type or value names the path and the value', () => {
  const cases: [unknown, string][] = [
    [withInput({ title: '' }), '`title` must be a non-empty string (got "")'],
    [withInput({ title: ['a'] }), '`title` must be a non-empty string (got a list)'],
    [{ input: 5 }, '`input` must be a mapping of keys (got 5)'], // (a string is the path alone: inputs-read.test.ts)
    [{ input: { path: 'x', encoding: 'latin9' } }, '`input.encoding` must be auto, utf-8, utf-16le, utf-16be or windows-1252 (got "latin9")'],
    [{ input: { path: 'x', delimiter: 'space' } }, '`input.delimiter` must be auto, ,, ;, \t or | (got "space")'],
    [{ input: { path: 'x', maxRecordBytes: 10 } }, '`input.maxRecordBytes` must be a whole number from 1024 to 1073741824 (got 10)'],
    [withInput({ columns: { views: '' } }), "`columns.views` must be the source column's header text (got \"\")"],
    [withInput({ columns: ['views'] }), '`columns` must be a mapping of concept to source column header (got a list)'],
    [withInput({ dateFormat: 'YMD' }), '`dateFormat` must be auto, DMY or MDY (got "YMD")'],
    [withInput({ timezone: 'Mars/Olympus' }), '`timezone` must be an IANA time zone such as UTC or Europe/Berlin (got "Mars/Olympus")'],
    [withInput({ timezone: 2 }), '`timezone` must be an IANA time zone such as UTC or Europe/Berlin (got 2)'],
    [withInput({ period: 'yesterday' }), '`period` must be all, last-week, last-7-days, last-month or month-to-date, or { from, to } dates (got "yesterday")'],
    [withInput({ period: { from: '2025-02-30' } }), '`period.from` must be a date written YYYY-MM-DD (got "2025-02-30")'],
    [withInput({ period: { from: '2025-03-01', to: '2025-02-01' } }), '`period` must have `from` on or before `to` (got 2025-03-01 after 2025-02-01)'],
    [withInput({ period: {} }), '`period` needs `from`, `to` or both (YYYY-MM-DD), or a name such as last-week'],
    [withInput({ compare: 'yes' }), '`compare` must be none or previous (got "yes")'],
    [withInput({ filters: { minViews: 'abc' } }), '`filters.minViews` must be a number ≥ 0 (got "abc")'],
    [withInput({ filters: { minViews: -1 } }), '`filters.minViews` must be a number ≥ 0 (got -1)'],
    [withInput({ filters: { platform: ['TikTok', { name: 'YouTube' }] } }), '`filters.platform[1]` must be a string (got a mapping)'],
    [withInput({ filters: { country: true } }), '`filters.country` must be a string (got true)'],
    [withInput({ scoring: { weights: { shares: '0.4' } } }), '`scoring.weights.shares` must be a number ≥ 0 (got "0.4")'],
    [withInput({ scoring: { weights: { views: 0, shares: 0, engagement: 0 } } }), '`scoring.weights` must not all be 0'],
    [withInput({ scoring: { caps: { engagementRate: 0 } } }), '`scoring.caps.engagementRate` must be a number > 0 (got 0)'],
    [withInput({ scoring: { caps: { componentRate: -1 } } }), '`scoring.caps.componentRate` must be a number > 0 (got -1)'],
    [withInput({ scoring: { viralPotential: { high: 1 } } }), '`scoring.viralPotential.high` must be a number > 0 and < 1 (got 1)'],
    [withInput({ scoring: { viralPotential: { medium: 0.95 } } }), '`scoring.viralPotential` must have `medium` below `high` (got 0.95 and 0.9)'],
    [withInput({ scoring: { tierQuantiles: [0.5, 0.9, 0.8, 0.99] } }), '`scoring.tierQuantiles` must be four strictly increasing numbers between 0 and 1, e.g. [0.5, 0.8, 0.95, 0.99] (got [0.5, 0.9, 0.8, 0.99])'],
    [withInput({ scoring: { tierQuantiles: [0.5, 0.8, 0.95] } }), /^`scoring\.tierQuantiles` must be four .* \(got \[0\.5, 0\.8, 0\.95\]\)$/ as never],
    [withInput({ virality: { threshold: 'top 0%' } }), '`virality.threshold` must be auto, a score ≥ 0, or "top N%" with 0 < N ≤ 100 (got "top 0%")'],
    [withInput({ virality: { threshold: 'top 150%' } }), '`virality.threshold` must be auto, a score ≥ 0, or "top N%" with 0 < N ≤ 100 (got "top 150%")'],
    [withInput({ virality: { threshold: -1 } }), '`virality.threshold` must be auto, a score ≥ 0, or "top N%" with 0 < N ≤ 100 (got -1)'],
    [withInput({ sections: { growth: { metrics: ['views', 'plays'] } } }), '`sections.growth.metrics[1]` must be views, likes, comments, shares, engagement_rate or virality_score (got "plays")'],
    [withInput({ sections: { growth: { metrics: [] } } }), '`sections.growth.metrics` must list at least one of views, likes, comments, shares, engagement_rate or virality_score'],
    [withInput({ sections: { growth: { period: 'year' } } }), '`sections.growth.period` must be day, week or month (got "year")'],
    [withInput({ sections: { growth: { aggregation: { views: 'max' } } } }), '`sections.growth.aggregation.views` must be median, mean or sum (got "max")'],
    [withInput({ sections: { creators: { rankBy: 'likes' } } }), '`sections.creators.rankBy` must be views, engagement_rate, shares, comments or virality_score (got "likes")'],
    [withInput({ sections: { creators: { top: 0 } } }), '`sections.creators.top` must be a whole number from 1 to 500 (got 0)'],
    [withInput({ sections: { creators: { top: 2.5 } } }), '`sections.creators.top` must be a whole number from 1 to 500 (got 2.5)'],
    [withInput({ sections: { content: { top: 501 } } }), '`sections.content.top` must be a whole number from 1 to 500 (got 501)'],
    [withInput({ sections: { virality: { top: 0 } } }), '`sections.virality.top` must be a whole number from 1 to 1000 (got 0)'],
    [withInput({ sections: { virality: { bins: 'many' } } }), '`sections.virality.bins` must be a whole number from 1 to 200 (got "many")'],
    [withInput({ sections: { segments: { by: 'platform' } } }), '`sections.segments` must be true, false or a list of { by, metric, aggregation } (got a mapping)'],
    [withInput({ sections: { segments: [{ by: 'region', metric: 'views' }] } }), '`sections.segments[0].by` must be platform, country, category, duration_bucket or performance_tier (got "region")'],
    [withInput({ sections: { segments: [{ by: 'country' }] } }), '`sections.segments[0].metric` is required'],
    [withInput({ sections: { explorer: { previewRows: 5000 } } }), '`sections.explorer.previewRows` must be a whole number from 0 to 1000 (got 5000)'],
    [withInput({ reports: { id: 'a' } }), '`reports` must be a list of reports, each { id, title, filters, sections, period, compare, virality } (got a mapping)'],
    [withInput({ reports: [] }), '`reports` must list at least one report (or leave `reports` out for one report of the shared settings)'],
    [withInput({ reports: [{ title: 'No id' }] }), '`reports[0].id` is required (letters, digits, ".", "_" or "-")'],
    [withInput({ reports: [{ id: '../etc' }] }), '`reports[0].id` must start with a letter or digit and use only letters, digits, ".", "_" and "-" (got "../etc")'],
    [withInput({ reports: [{ id: 'a' }, { id: 'A' }] }), '`reports[1].id` repeats the id of `reports[0]` ("A"); report ids name output folders and must differ'],
    [withInput({ reports: ['tiktok'] }), '`reports[0]` must be a mapping { id, title, filters, ... } (got "tiktok")'],
    [withInput({ splitBy: 'hashtag' }), '`splitBy` must be none, creator, platform, country or category (got "hashtag")'],
    [withInput({ maxReports: 0 }), '`maxReports` must be a whole number from 1 to 10000 (got 0)'],
    [withInput({ output: { dir: 'out/{name}' } }), '`output.dir` has an unknown token {name}; the tokens are {report}, {period}, {date}'],
    [withInput({ output: { dir: 'out/{report' } }), '`output.dir` has an unmatched "{" or "}" (got "out/{report")'],
    [withInput({ output: { formats: ['html', 'docx'] } }), '`output.formats[1]` must be html, pdf, json or csv (got "docx")'],
    [withInput({ output: { formats: [] } }), '`output.formats` must list at least one of html, pdf, json or csv'],
    [withInput({ theme: 'blue' }), '`theme` must be light or dark (got "blue")'],
    [withInput({ pdf: { format: 'A3' } }), '`pdf.format` must be A4 or Letter (got "A3")'],
    [withInput({ pdf: { landscape: 'yes' } }), '`pdf.landscape` must be true or false (got "yes")'],
    [withInput({ pdf: { timeoutMs: 10 } }), '`pdf.timeoutMs` must be a whole number from 1000 to 3600000 (got 10)'],
    [withInput({ pdf: { executablePath: 5 } }), '`pdf.executablePath` must be a non-empty string (got 5)'],
  ];
  for (const [raw, expected] of cases) oneProblem(raw, expected);
});

n('a root that is not a mapping', () => {
  oneProblem(['a'], 'the configuration must be a mapping of keys such as title, input, filters (got a list)');
  oneProblem('title', 'the configuration must be a mapping of keys such as title, input, filters (got "title")');
});

n('several problems are reported at once, in the documented key order', () => {
  const list = problems({
    title: '',
    input: { path: 'x.csv', encoding: 'latin9' },
    timezone: 'Mars/Olympus',
    filters: { minViews: 'abc' },
    sections: { grwoth: {}, creators: { top: 0 } },
    theme: 'blue',
  });
  assert.is(list.length, 7, list.join('\n'));
  for (const path of ['title', 'input.encoding', 'timezone', 'filters.minViews', 'sections.creators.top', 'theme']) {
    assert.ok(list.some((l) => l.startsWith(`\`${path}\``)), `no problem for ${path}:\n${list.join('\n')}`);
  }
  assert.ok(list.includes('unknown key `sections.grwoth` — did you mean `growth`?'));
  assert.equal(list.map((l) => l.split('`')[1].split('.')[0]), ['title', 'input', 'timezone', 'filters', 'sections', 'sections', 'theme']);
});

n('unknown keys: did you mean, at every level', () => {
  oneProblem(withInput({ sections: { grwoth: {} } }), 'unknown key `sections.grwoth` — did you mean `growth`?');
  oneProblem(withInput({ titel: 'x' }), 'unknown key `titel` — did you mean `title`?');
  oneProblem(withInput({ filter: {} }), 'unknown key `filter` — did you mean `filters`?');
  oneProblem(withInput({ filters: { min_views: 3 } }), 'unknown key `filters.min_views` — did you mean `minViews`?');
  oneProblem(withInput({ columns: { veiws: 'Views' } }), 'unknown key `columns.veiws` — did you mean `views`?');
  oneProblem(withInput({ sections: { creators: { rank: 'views' } } }), 'unknown key `sections.creators.rank` — did you mean `rankBy`?');
  oneProblem(withInput({ reports: [{ id: 'a', filtres: {} }] }), 'unknown key `reports[0].filtres` — did you mean `filters`?');
  oneProblem(withInput({ sections: { segments: [{ by: 'country', metric: 'views', agg: 'sum' }] } }), 'unknown key `sections.segments[0].agg` — did you mean `aggregation`?');
  oneProblem(withInput({ scoring: { weights: { view: 1 } } }), 'unknown key `scoring.weights.view` — did you mean `views`?');
  oneProblem(withInput({ pdf: { zzz: 1 } }), 'unknown key `pdf.zzz` (valid under `pdf`: format, landscape, timeoutMs, executablePath)');
  oneProblem(withInput({ 'my key': 1 }), /^unknown key `"my key"` \(valid: title, input,/);
});

n('wrong values suggest the closest option', () => {
  oneProblem(withInput({ period: 'last-wek' }), /\(got "last-wek"\) — did you mean `last-week`\?$/);
  oneProblem(withInput({ splitBy: 'platfrom' }), /— did you mean `platform`\?$/);
  oneProblem(withInput({ output: { dir: 'out/{reprot}' } }), /unknown token \{reprot\}.* — did you mean `report`\?$/);
});

n('__proto__ and constructor keys are unknown keys and pollute nothing', () => {
  const raw = JSON.parse('{"input": {"path": "x.csv"}, "__proto__": {"polluted": true}, "filters": {"constructor": {"prototype": {"polluted": true}}}}');
  const list = problems(raw);
  assert.equal(list, ['unknown key `__proto__` (valid: title, input, columns, dateFormat, timezone, period, compare, filters, scoring, virality, sections, reports, splitBy, maxReports, output, locale, theme, branding, pdf, delivery)', 'unknown key `filters.constructor` (valid under `filters`: platform, country, category, creator, minViews)']);
  assert.is(({} as Record<string, unknown>).polluted, undefined);
  // an inherited name is never read as a setting
  assert.is(normalize(withInput({})).filters.minViews, 0);
  oneProblem(withInput({ columns: { toString: 'x' } }), /^unknown key `columns.toString`/);
});

n('reports: each a partial override deep-merged over the shared settings', () => {
  const c = normalize(
    withInput({
      title: 'Shared',
      filters: { platform: ['TikTok', 'YouTube'], minViews: 1000 },
      sections: { creators: { rankBy: 'shares', top: 20 }, growth: { aggregation: { views: 'median' } } },
      period: 'last-week',
      compare: 'previous',
      virality: { threshold: 'top 10%' },
      reports: [
        { id: 'tiktok', title: 'TikTok', filters: { platform: ['TikTok'] }, sections: { creators: { top: 5 }, growth: { aggregation: { likes: 'mean' } } } },
        { id: 'all', period: { from: '2025-01-01', to: '2025-01-31' }, compare: 'none', virality: { threshold: 0.5 } },
      ],
    }),
  );
  const [tiktok, all] = c.reports;
  assert.equal(tiktok.filters, { platform: ['TikTok'], country: [], category: [], creator: [], minViews: 1000 });
  assert.equal(tiktok.sections.creators, { rankBy: 'shares', top: 5 });
  assert.equal(tiktok.sections.growth.aggregation, { views: 'median', likes: 'mean' });
  assert.equal(tiktok.period, { kind: 'relative', name: 'last-week' });
  assert.is(tiktok.compare, 'previous');
  assert.equal(tiktok.virality.threshold, { kind: 'top', percent: 10 });
  assert.is(all.title, 'Shared');
  assert.equal(all.filters.platform, ['TikTok', 'YouTube']);
  assert.equal(all.period, { kind: 'absolute', from: '2025-01-01', to: '2025-01-31' });
  assert.is(all.compare, 'none');
  assert.equal(all.virality.threshold, { kind: 'value', value: 0.5 });
  // the shared settings stay as they were, and no two reports share a mutable list
  assert.equal(c.filters.platform, ['TikTok', 'YouTube']);
  assert.equal(c.sections.creators.top, 20);
  all.filters.platform.push('X');
  assert.equal(c.filters.platform, ['TikTok', 'YouTube']);
});

n('reports: a problem in a report names the report path', () => {
  oneProblem(withInput({ reports: [{ id: 'a', filters: { minViews: -5 } }] }), '`reports[0].filters.minViews` must be a number ≥ 0 (got -5)');
  oneProblem(withInput({ reports: [{ id: 'a', sections: { creators: { top: 0 } } }] }), '`reports[0].sections.creators.top` must be a whole number from 1 to 500 (got 0)');
  oneProblem(withInput({ reports: [{ id: 'a', period: 'soon' }] }), /^`reports\[0\]\.period` must be all,/);
  // a shared problem is reported once, not once per report
  const list = problems(withInput({ filters: { minViews: -1 }, reports: [{ id: 'a' }, { id: 'b' }] }));
  assert.equal(list, ['`filters.minViews` must be a number ≥ 0 (got -1)']);
});

n('is pure: the input data is not changed', () => {
  const raw = withInput({ filters: { platform: 'TikTok' }, reports: [{ id: 'a' }] });
  const before = JSON.stringify(raw);
  normalize(raw);
  assert.is(JSON.stringify(raw), before);
});

n.run();

// ---
const dm = suite('didYouMean');

dm('typos, transpositions and prefixes; nothing for unrelated words', () => {
  assert.is(didYouMean('grwoth', KEYS.sections), 'growth');
  assert.is(didYouMean('explorr', KEYS.sections), 'explorer');
  assert.is(didYouMean('seg', KEYS.sections), 'segments');
  assert.is(didYouMean('Title', KEYS.top), 'title');
  assert.is(didYouMean('banana', KEYS.sections), null);
  assert.is(didYouMean('x', ['to', 'id']), null);
  assert.is(didYouMean('YMD', ['auto', 'DMY', 'MDY']), null);
});

dm.run();

// ---
const p = suite('parseConfigYaml');

p('plain YAML: core schema, dates stay strings, anchors and aliases within bounds', () => {
  const data = parseConfigYaml('a: &x [1, 2]\nb: *x\nd: 2025-01-01\ne: yes\nf: 0x10\n', 'f.yaml');
  assert.equal(data, { a: [1, 2], b: [1, 2], d: '2025-01-01', e: 'yes', f: 16 });
  assert.equal(parseConfigYaml('a: !!str 10\nb: !!int "3"\n', 'f.yaml'), { a: '10', b: 3 });
  assert.is(parseConfigYaml('# only a comment\n', 'f.yaml'), null);
});

p('syntax errors give file:line:col and the problem', () => {
  const err = errorOf(() => parseConfigYaml('title: x\nfilters: { platform: [TikTok, YouTube }\n', 'report.config.yaml'));
  assert.is(err.exitCode, EXIT.usage);
  assert.match(err.message, /^report\.config\.yaml:2:\d+: \S/);
  const indent = errorOf(() => parseConfigYaml('a: [1, 2\nb: 3\n', 'c.yaml'));
  assert.match(indent.message, /^c\.yaml:2:1: Flow sequence in block collection must be sufficiently indented/);
  assert.match(errorOf(() => parseConfigYaml('a: 1\n---\nb: 2\n', 'c.yaml')).message, /^c\.yaml:2:1: Source contains multiple documents/);
});

p('duplicate keys are refused', () => {
  const err = errorOf(() => parseConfigYaml('title: a\ninput: {}\ntitle: b\n', 'c.yaml'));
  assert.match(err.message, /^c\.yaml:3:1: Map keys must be unique/);
});

p('tags outside plain YAML are refused with line and column', () => {
  assert.match(errorOf(() => parseConfigYaml('a: 1\nb: !!js/function "function () {}"\n', 'c.yaml')).message, /^c\.yaml:2:\d+: /);
  assert.match(errorOf(() => parseConfigYaml('b: !!js/regexp /x/\n', 'c.yaml')).message, /^c\.yaml:1:\d+: /);
  assert.match(errorOf(() => parseConfigYaml('a:\n  b: !foo 1\n', 'c.yaml')).message, /^c\.yaml:2:\d+: .*!foo/);
  const binary = errorOf(() => parseConfigYaml('a: !!binary aGVsbG8=\n', 'c.yaml'));
  assert.is(binary.message, 'c.yaml:1:13: the tag !!binary is not allowed; a config holds only plain YAML (text, numbers, true/false, null, lists and mappings)');
  assert.match(errorOf(() => parseConfigYaml('a: !!timestamp 2025-01-01\n', 'c.yaml')).message, /the tag !!timestamp is not allowed/);
  assert.match(errorOf(() => parseConfigYaml('a: !!set { x }\n', 'c.yaml')).message, /the tag !!set is not allowed/);
});

p('collections as keys and aliases before their anchor are refused', () => {
  assert.match(errorOf(() => parseConfigYaml('? [a]\n: 1\n', 'c.yaml')).message, /^c\.yaml:1:3: a key must be plain text/);
  assert.match(errorOf(() => parseConfigYaml('a: *nope\n', 'c.yaml')).message, /^c\.yaml:1:4: alias \*nope has no anchor/);
});

p('merge keys are plain keys (YAML 1.2): no prototype tricks', () => {
  const data = parseConfigYaml('base: &b { x: 1 }\n<<: *b\n', 'c.yaml') as Record<string, unknown>;
  assert.ok(Object.hasOwn(data, '<<'));
  assert.is(data.x, undefined);
});

p('billion laughs (9 levels of 9 aliases) is refused', () => {
  const text = readFileSync(join(FIXTURES, 'billion-laughs.yaml'), 'utf8');
  const err = errorOf(() => parseConfigYaml(text, 'billion-laughs.yaml'));
  assert.is(err.exitCode, EXIT.usage);
  assert.match(err.message, /^billion-laughs\.yaml: refused: its aliases expand to too much data/);
});

p('__proto__ keys become own data, never the prototype', () => {
  const data = parseConfigYaml('__proto__: { polluted: true }\n', 'c.yaml') as Record<string, unknown>;
  assert.ok(Object.hasOwn(data, '__proto__'));
  assert.is(Object.getPrototypeOf(data), Object.prototype);
  assert.is(({} as Record<string, unknown>).polluted, undefined);
});

p.run();

// ---
const s = suite('applySet');

s('dot paths, YAML scalars, comma lists and "top N%"', () => {
  const raw = applySet({ input: { path: 'x.csv' }, sections: { creators: { rankBy: 'shares' } } }, [
    'virality.threshold=top 5%',
    'filters.platform=TikTok,YouTube',
    'filters.minViews=1000',
    'sections.creators.top=10',
    'title=Weekly: TikTok & YouTube',
    'pdf.landscape=true',
    'output.formats=[html, json]',
    'compare=',
    'filters.country="US,GB"',
  ]);
  assert.equal(raw, {
    input: { path: 'x.csv' },
    sections: { creators: { rankBy: 'shares', top: 10 } },
    virality: { threshold: 'top 5%' },
    filters: { platform: ['TikTok', 'YouTube'], minViews: 1000, country: 'US,GB' },
    title: 'Weekly: TikTok & YouTube',
    pdf: { landscape: true },
    output: { formats: ['html', 'json'] },
    compare: null,
  });
  const c = normalize(raw);
  assert.equal(c.virality.threshold, { kind: 'top', percent: 5 });
  assert.equal(c.filters.platform, ['TikTok', 'YouTube']);
  assert.is(c.sections.creators.top, 10);
  assert.is(c.sections.creators.rankBy, 'shares');
});

s('list items by index, and a scalar gives way to a mapping', () => {
  const raw = applySet({ period: 'all', reports: [{ id: 'a' }, { id: 'b' }] }, ['reports.1.title=B report', 'period.from=2025-01-01', 'scoring.tierQuantiles=0.4,0.7,0.9,0.98']);
  assert.equal(raw, {
    period: { from: '2025-01-01' },
    reports: [{ id: 'a' }, { id: 'b', title: 'B report' }],
    scoring: { tierQuantiles: [0.4, 0.7, 0.9, 0.98] },
  });
});

s('bad assignments are usage errors', () => {
  assert.match(errorOf(() => applySet({}, ['title'])).message, /^--set "title" must be key=value/);
  assert.match(errorOf(() => applySet({}, ['a..b=1'])).message, /must be key=value/);
  assert.match(errorOf(() => applySet({ reports: [{ id: 'a' }] }, ['reports.3.title=x'])).message, /^--set reports\.3\.title: `reports` is a list of 1/);
  assert.is(errorOf(() => applySet({}, ['filters.platform=[a, b'])).exitCode, EXIT.usage);
});

s('__proto__ in a --set path becomes an own key (then an unknown-key error), never the prototype', () => {
  const raw = applySet({ input: { path: 'x.csv' } }, ['__proto__.polluted=true', 'filters.__proto__.polluted=true']);
  assert.is(({} as Record<string, unknown>).polluted, undefined);
  const list = problems(raw);
  assert.is(list.length, 2);
  assert.match(list[0], /^unknown key `__proto__`/);
  assert.match(list[1], /^unknown key `filters.__proto__`/);
});

s.run();

// ---
const l = suite('loadConfig');

l('reads a complete file; input.path relative to the config file', async () => {
  const c = await loadConfig({ configPath: 'valid.yaml', cwd: FIXTURES });
  assert.is(c.configPath, join(FIXTURES, 'valid.yaml'));
  assert.is(c.configDir, FIXTURES);
  assert.is(c.input.path, join(FIXTURES, 'data/videos.csv'));
  assert.is(c.input.delimiter, ';');
  assert.is(c.timezone, 'Europe/Berlin');
  assert.equal(c.virality.threshold, { kind: 'top', percent: 10 });
  assert.equal(c.reports.map((r) => [r.id, r.filters.platform, r.filters.minViews]), [
    ['all', [], 100],
    ['tiktok', ['TikTok', 'TikTok Shorts'], 100],
  ]);
  assert.is(c.output.dir, 'out/{report}/{period}');
});

l('a config in another folder: paths resolve against that folder, not the working directory', async () => {
  const c = await loadConfig({ configPath: join(FIXTURES, 'nested/relative.yaml'), cwd: '/' });
  assert.is(c.input.path, join(FIXTURES, 'data/videos.csv'));
  assert.is(c.configDir, join(FIXTURES, 'nested'));
});

l('--input replaces input.path, relative to the working directory', async () => {
  const c = await loadConfig({ configPath: 'nested/relative.yaml', cwd: FIXTURES, input: 'other/file.csv' });
  assert.is(c.input.path, join(FIXTURES, 'other/file.csv'));
});

l('no config file: fine with --input, else an error naming the file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'svreport-config-'));
  try {
    const c = await loadConfig({ cwd: dir, input: 'videos.csv', set: ['theme=dark'] });
    assert.is(c.configPath, null);
    assert.is(c.configDir, dir);
    assert.is(c.input.path, join(dir, 'videos.csv'));
    assert.is(c.theme, 'dark');
    const missing = await asyncErrorOf(loadConfig({ cwd: dir }));
    assert.is(missing.exitCode, EXIT.usage);
    assert.match(missing.message, /^report\.config\.yaml: config file not found/);
    const named = await asyncErrorOf(loadConfig({ configPath: 'custom.yaml', cwd: dir, input: 'videos.csv' }));
    assert.is(named.message, 'custom.yaml: config file not found');
    const flags = await asyncErrorOf(loadConfig({ cwd: dir, input: 'v.csv', set: ['theme=blue'] }));
    assert.is(flags.message, 'command-line options: 1 problem in the configuration');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

l('--set is applied before validation', async () => {
  const c = await loadConfig({
    configPath: 'minimal.yaml',
    cwd: FIXTURES,
    set: ['virality.threshold=top 5%', 'filters.platform=TikTok,YouTube', 'sections.creators.top=10', 'input.path=data/other.csv'],
  });
  assert.equal(c.virality.threshold, { kind: 'top', percent: 5 });
  assert.equal(c.reports[0].filters.platform, ['TikTok', 'YouTube']);
  assert.is(c.reports[0].sections.creators.top, 10);
  assert.is(c.input.path, join(FIXTURES, 'data/other.csv'));
  const err = await asyncErrorOf(loadConfig({ configPath: 'minimal.yaml', cwd: FIXTURES, set: ['sections.creators.top=0'] }));
  assert.equal(err.problems, ['`sections.creators.top` must be a whole number from 1 to 500 (got 0)']);
});

l('file problems: syntax, duplicates, tags, alias bomb, __proto__, many at once', async () => {
  const load = (file: string) => asyncErrorOf(loadConfig({ configPath: file, cwd: FIXTURES }));
  assert.match((await load('syntax-error.yaml')).message, /^syntax-error\.yaml:4:\d+: /);
  assert.match((await load('duplicate-key.yaml')).message, /^duplicate-key\.yaml:3:1: Map keys must be unique/);
  assert.is((await load('js-function.yaml')).message, 'js-function.yaml:2:8: the tag !!js/function is not allowed; a config holds only plain YAML (text, numbers, true/false, null, lists and mappings)');
  assert.match((await load('custom-tag.yaml')).message, /^custom-tag\.yaml:3:13: the tag !env is not allowed/);
  assert.match((await load('binary.yaml')).message, /^binary\.yaml:2:\d+: the tag !!binary is not allowed/);
  assert.match((await load('billion-laughs.yaml')).message, /refused: its aliases expand to too much data/);
  const proto = await load('proto.yaml');
  assert.equal(proto.problems.map((d) => d.split(' (')[0]), ['unknown key `__proto__`', 'unknown key `filters.constructor`', 'unknown key `filters.__proto__`']);
  assert.is(({} as Record<string, unknown>).polluted, undefined);
  const many = await load('many-problems.yaml');
  assert.is(many.message, 'many-problems.yaml: 8 problems in the configuration');
  for (const d of many.problems) assert.match(d, /^(`[^`]+` |unknown key `)/);
});

l('size cap: a config over 1 MiB is refused before parsing', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'svreport-config-'));
  try {
    await writeFile(join(dir, 'report.config.yaml'), `# ${'x'.repeat(1024 * 1024)}\ninput: { path: a.csv }\n`);
    const err = await asyncErrorOf(loadConfig({ cwd: dir }));
    assert.match(err.message, /^report\.config\.yaml: the config file is 1,048,6\d\d bytes; the limit is 1,048,576 \(1 MiB\)$/);
    await writeFile(join(dir, 'latin1.yaml'), Buffer.from('title: Caf\xe9\ninput: { path: a.csv }\n', 'latin1'));
    assert.is((await asyncErrorOf(loadConfig({ configPath: 'latin1.yaml', cwd: dir }))).message, 'latin1.yaml: the config file is not UTF-8 text');
    await writeFile(join(dir, 'bom.yaml'), '\ufefftitle: BOM\ninput: { path: a.csv }\n');
    assert.is((await loadConfig({ configPath: 'bom.yaml', cwd: dir })).title, 'BOM');
    assert.match((await asyncErrorOf(loadConfig({ configPath: '.', cwd: dir }))).message, /must be a file/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

l('the repository report.config.yaml loads', async () => {
  const c = await loadConfig({ cwd: ROOT });
  assert.is(c.input.path, join(ROOT, 'data/sample.csv'));
});

l.run();

// ---
const st = suite('STARTER_CONFIG');

st('first line points editors at the schema; it normalizes without problems', () => {
  assert.ok(STARTER_CONFIG.startsWith('# yaml-language-server: $schema='));
  const raw = parseConfigYaml(STARTER_CONFIG, 'report.config.yaml') as Record<string, unknown>;
  assert.equal(raw.input, { path: 'data/sample.csv' });
  const c = normalizeConfig(raw, { configPath: '/project/report.config.yaml', configDir: '/project' });
  assert.is(c.input.path, '/project/data/sample.csv');
  assert.equal(c.sections, normalize(withInput()).sections);
});

st('its commented-out examples are valid too once uncommented', () => {
  const uncommented = STARTER_CONFIG.split('\n')
    .map((line) => line.replace(/^# (\s*)(columns:|  views:|  creator:|dateFormat:|period: \{|scoring:|  weights:|  viralPotential:|  tierQuantiles:|reports:|  - \{|splitBy:|maxReports:|pdf:)/, '$1$2'))
    .filter((line) => !/^period: all/.test(line))
    .join('\n');
  const c = normalizeConfig(parseConfigYaml(uncommented, 'starter'), { configPath: null, configDir: '/p' });
  assert.equal(c.columns, { views: 'Total views', creator: 'Account username' });
  assert.equal(c.reports.map((r) => r.id), ['all', 'tiktok']);
  assert.equal(c.period, { kind: 'absolute', from: '2025-01-01', to: '2025-08-31' });
});

st.run();

// ---
const sc = suite('report.schema.json');

type SchemaNode = { properties?: Record<string, SchemaNode>; items?: SchemaNode; $ref?: string; description?: string; [k: string]: unknown };
const schema = JSON.parse(readFileSync(join(ROOT, 'config/report.schema.json'), 'utf8')) as SchemaNode & { $defs: Record<string, SchemaNode> };
/** Follows $ref, and picks the mapping form of a oneOf (period: a name or { from, to }). */
function deref(node: SchemaNode): SchemaNode {
  if (node.$ref) return deref(schema.$defs[node.$ref.replace('#/$defs/', '')]);
  const variants = node.oneOf as SchemaNode[] | undefined;
  const mapping = variants?.find((v) => v.properties);
  return mapping ? { ...mapping, description: node.description } : node;
}

/** The schema node at a KEYS path such as `sections.segments[]`. */
function schemaAt(path: string): SchemaNode {
  if (path === 'top') return schema;
  let node: SchemaNode = schema;
  for (const part of path.split('.')) {
    const name = part.replace(/\[\]$/, '');
    node = deref(node.properties![name]);
    if (part.endsWith('[]')) node = deref(node.items!);
  }
  return node;
}

sc('is a draft 2020-12 schema that allows no unknown key', () => {
  assert.is(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  assert.is(schema.additionalProperties, false);
});

sc("the normalizer's top-level keys equal the schema's properties", () => {
  assert.equal([...KEYS.top].sort(), Object.keys(schema.properties!).sort());
});

sc('every nested key list equals the schema at that path', () => {
  for (const [path, keys] of Object.entries(KEYS)) {
    assert.equal([...keys].sort(), Object.keys(schemaAt(path).properties ?? {}).sort(), `keys at ${path}`);
  }
  assert.equal(Object.keys(schemaAt('columns').properties!).sort(), ['views', 'likes', 'comments', 'shares', 'saves', 'duration', 'date', 'hour', 'time', 'platform', 'creator', 'title', 'category', 'country', 'hashtags', 'id', 'exportedAt'].sort());
});

sc('every key has a description', () => {
  const missing: string[] = [];
  const walk = (node: SchemaNode, path: string) => {
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      if (!child.description && !deref(child).description) missing.push(`${path}${key}`);
      walk(deref(child), `${path}${key}.`);
      if (child.items) walk(deref(child.items), `${path}${key}[].`);
    }
  };
  walk(schema, '');
  assert.equal(missing, []);
});

sc.run();
