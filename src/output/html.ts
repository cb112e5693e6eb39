// ReportModel -> one self-contained report.html: charts rendered to inline SVG, Handlebars
// templates from templates/ (own instance, partials read once), CSS inlined, no script and no
// URL but the fixed relative link to filtered.csv. Every figure is formatted here or by the
// format.ts helpers; every data string is shown through display.ts (cut, drawable, isolated in
// sentences) and escaped by Handlebars ({{ }}), raw only for our SVG and our escaped sentences.
import { dropReasonText } from '../messages.ts';
import { readFileSync, readdirSync } from 'node:fs';
import { join, basename } from 'node:path';
import Handlebars from 'handlebars';
import { insightParts, keyFindings } from '../insights.ts';
import type { Insight, KpiChange, ReportModel, SegmentResult } from '../types.ts';
import * as fmt from '../format.ts';
import { isolateIfNeeded } from '../format.ts';
import { buildChartSpecs, hasDataValues, METRIC_LABEL, segmentTitle, type ChartSpec, type SectionId } from '../charts/specs.ts';
import { renderCharts } from '../charts/render.ts';
import { themeFor } from '../charts/theme.ts';
import { BUNDLED, PACKAGE_ROOT } from '../paths.ts';
import { SECTIONS } from '../sections/registry.ts';
import { Display, displayModel, type SafeHtml } from './display.ts';
import { installedGlyphsAsync, PLACEHOLDER, type GlyphCoverage } from './fonts.ts';

export interface HtmlOptions {
  theme: 'light' | 'dark';
  /** relative name of the filtered rows file written beside the report, or null for no link */
  csvHref?: string | null;
  /** what can be drawn; by default the installed fonts (fontconfig) */
  glyphs?: GlyphCoverage;
}

export interface HtmlResult {
  html: string;
  charts: { id: string; title: string; hasMarks: boolean; hasData: boolean }[];
}

const TEMPLATES = join(PACKAGE_ROOT, 'templates');

// ---------------------------------------------------------------------------
// Templates: one Handlebars instance, compiled once per process

type Render = (ctx: unknown) => string;
/** A precompiled template (Handlebars.precompile's output, evaluated) */
type TemplateSpecification = Parameters<typeof Handlebars.template>[0];
let compiled: Promise<Render> | null = null;

/** The compile options of every template; bin/bundle.mjs precompiles the templates with the same. */
const TEMPLATE_OPTIONS = { strict: false, noEscape: false, preventIndent: true } as const;

declare const __svreportTemplates: Record<string, TemplateSpecification> | null | undefined;

/**
 * The templates precompiled when the bundle was made (keyed by path under templates/, at the top
 * of the CLI's bundle: compiling them here took ~40 ms of every run), or null from the sources
 * (or a bundle without them: the templates are then compiled here, as from the sources).
 */
async function precompiledTemplates(): Promise<Record<string, TemplateSpecification> | null> {
  return BUNDLED && typeof __svreportTemplates === 'object' ? __svreportTemplates : null;
}

function templates(): Promise<Render> {
  compiled ??= precompiledTemplates().then((pre) => {
    const hb = Handlebars.create();
    const read = (p: string) => readFileSync(join(TEMPLATES, p), 'utf8');
    const template = (p: string) => (pre?.[p] ? hb.template(pre[p]) : hb.compile(read(p), TEMPLATE_OPTIONS));
    hb.registerPartial('styles', template('styles.css'));
    for (const dir of ['sections', 'partials']) {
      for (const f of readdirSync(join(TEMPLATES, dir)).sort()) {
        if (f.endsWith('.hbs')) hb.registerPartial(`${dir === 'sections' ? 'section-' : ''}${basename(f, '.hbs')}`, template(`${dir}/${f}`));
      }
    }
    // helpers: formatting only, all through format.ts
    hb.registerHelper('int', (n: unknown) => fmt.formatInt(n as number));
    hb.registerHelper('compact', (n: unknown) => fmt.formatCompact(n as number));
    hb.registerHelper('pct', (n: unknown, digits: unknown) => fmt.formatPct(n as number, typeof digits === 'number' ? digits : 2));
    hb.registerHelper('signedPct', (n: unknown) => fmt.formatSignedPct(n as number));
    hb.registerHelper('num', (n: unknown, digits: unknown) => fmt.formatNumber(n as number, typeof digits === 'number' ? digits : 2));
    hb.registerHelper('duration', (n: unknown) => fmt.formatDuration(n as number));
    hb.registerHelper('bytes', (n: unknown) => fmt.formatBytes(n as number));
    hb.registerHelper('date', (s: unknown, zone: unknown) => fmt.formatDate(s as string, typeof zone === 'string' ? zone : 'UTC'));
    hb.registerHelper('datetime', (s: unknown, zone: unknown) => fmt.formatDateTime(s as string, typeof zone === 'string' ? zone : 'UTC'));
    hb.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).map(String).join(''));
    return template('layout.hbs');
  });
  return compiled;
}

// ---------------------------------------------------------------------------
// View model helpers

type Kind = 'count' | 'int' | 'rate' | 'score' | 'seconds' | 'list';

function formatKind(v: number | null | undefined, kind: Kind): string {
  switch (kind) {
    case 'rate':
      return fmt.formatPct(v);
    case 'score':
      return fmt.formatNumber(v, 2);
    case 'seconds':
      return fmt.formatDuration(v);
    case 'int':
    case 'list':
      return fmt.formatInt(v);
    default:
      return fmt.formatCompact(v);
  }
}

/** Absolute change in the KPI's own unit: rates in percentage points. */
function formatAbsoluteChange(v: number | null, kind: Kind): string {
  if (v === null || !Number.isFinite(v)) return fmt.MISSING;
  const sign = v > 0 ? '+' : v < 0 ? '−' : '±';
  const a = Math.abs(v);
  switch (kind) {
    case 'rate':
      return `${sign}${fmt.formatNumber(a * 100, 2)} pp`;
    case 'score':
      return `${sign}${fmt.formatNumber(a, 2)}`;
    case 'seconds':
      return `${sign}${fmt.formatNumber(a, a % 1 === 0 ? 0 : 1)} s`;
    case 'int':
    case 'list':
      return `${sign}${fmt.formatInt(a)}`;
    default:
      return `${sign}${fmt.formatCompact(a)}`;
  }
}

interface KpiView {
  label: string;
  value: string;
  title?: string; // the exact figure, when the value is compact
  sub?: string | SafeHtml;
  change?: { direction: 'up' | 'down' | 'flat'; arrow: string; absolute: string; percent: string; label: string };
}

function change(c: KpiChange | undefined, kind: Kind, previous: string): KpiView['change'] {
  if (!c) return undefined;
  const basis = c.absolute ?? c.percent;
  const direction = basis === null || basis === 0 ? 'flat' : basis > 0 ? 'up' : 'down';
  return {
    direction,
    arrow: direction === 'up' ? '▲' : direction === 'down' ? '▼' : '■',
    absolute: formatAbsoluteChange(c.absolute, kind),
    percent: fmt.formatSignedPct(c.percent, 1),
    label: `vs ${previous}`,
  };
}

function kpi(model: ReportModel, key: keyof ReportModel['overview'], label: string, kind: Kind, sub?: string | SafeHtml): KpiView {
  const raw = model.overview[key];
  const v = kind === 'list' ? (raw as string[]).length : (raw as number | null);
  const comparison = model.comparison;
  const prevRaw = comparison?.overview[key];
  const prev = kind === 'list' ? (prevRaw as string[] | undefined)?.length : (prevRaw as number | null | undefined);
  return {
    label,
    value: formatKind(v, kind),
    title: kind === 'count' ? fmt.formatInt(v) : undefined,
    sub,
    change: comparison ? change(comparison.changes[key], kind, formatKind(prev ?? null, kind)) : undefined,
  };
}

interface Cell {
  text: string;
  num?: boolean; // right-aligned, tabular figures
  dir?: boolean; // untrusted text: dir="auto" and bidi isolation
  title?: string;
  cls?: string;
}

interface TableView {
  caption: string;
  columns: { label: string; num?: boolean }[];
  rows: Cell[][];
  compact?: boolean;
  scroll?: boolean;
}

/** A run of this many UTF-16 units without a space cannot wrap: such a cell may break anywhere (a hostile or pasted cell). */
const LONG_WORD = /\S{48}/u;

const text = (s: string | null | undefined): Cell =>
  s === null || s === undefined || s === '' ? { text: fmt.MISSING, dir: true } : { text: s, dir: true, cls: LONG_WORD.test(s) ? 'cell-break' : undefined };
const num = (s: string, title?: string): Cell => ({ text: s, num: true, title });

// ---------------------------------------------------------------------------
// Sections

interface FigureView {
  id: string;
  title: string;
  caption: string;
  size: 'half' | 'full';
  svg: string;
  printSvg: string | null;
  empty: boolean;
}

const CAPTIONS: Record<string, string> = {
  'overview-tiers': 'Views per video on a log scale. Tiers cut the videos in scope at the q50, q80, q95 and q99 of views.',
  'overview-viral-potential': 'Viral potential labels each video by its virality score against the scores in scope.',
  'overview-tier-engagement': 'Median engagement rate of each performance tier, highest first.',
  'growth-hour': 'Median views per video by the hour it was published.',
  'growth-weekday': 'Median views per video by the weekday it was published.',
  'growth-heatmap': 'Darker cells: higher median views. Blank cells had no videos.',
  'creators-leaderboard': 'Creators in scope ranked by the configured metric; ties broken by name.',
  'content-duration': 'Duration buckets are right-closed: 9–18s holds videos longer than 9 s and up to 18 s.',
  'content-categories': 'Categories with the highest median views per video.',
  'content-hashtags': 'Hashtags with the highest median views per video; a video counts once for each of its hashtags.',
  'virality-histogram': 'Videos at or above the dashed threshold are viral candidates.',
  'virality-scatter': 'Views on a log scale against engagement rate.',
  'virality-platform': 'Median virality score of the candidates on each platform.',
};

function caption(c: ChartSpec, model: ReportModel): string {
  if (c.id.startsWith('growth-') && c.id.endsWith('-value')) return 'Value per period; dots mark each period with data.';
  if (c.id.startsWith('growth-') && c.id.endsWith('-rate')) return 'Change against the period before, as a fraction of it; green up, red down.';
  if (c.id.startsWith('segment-')) return 'Top 20 segments at most, highest first.';
  if (c.id === 'virality-scatter') {
    return model.virality.scatter.kind === 'points'
      ? 'Views (log scale) against engagement rate; one dot per video, viral candidates in orange.'
      : 'Views (log scale) against engagement rate, binned: darker cells hold more videos.';
  }
  return CAPTIONS[c.id] ?? '';
}

/** An insight as the templates show it: its sentence, data values isolated and cut. */
function insightView(i: Insight, d: Display): { text: SafeHtml } {
  return { text: d.sentenceHtml(insightParts(i)) };
}

function insightsFor(model: ReportModel, section: string, d: Display): { text: SafeHtml }[] {
  return model.insights.filter((i) => i.section === section).map((i) => insightView(i, d));
}

/** Values (already shown as names) inside one line of our words: each in its own <bdi>. */
function valuesHtml(values: string[], separator: string): SafeHtml {
  return new Handlebars.SafeString(values.map((v) => `<bdi>${Handlebars.escapeExpression(v)}</bdi>`).join(Handlebars.escapeExpression(separator)));
}

function rankLabel(rankBy: string): { label: string; kind: Kind } {
  switch (rankBy) {
    case 'engagement_rate':
      return { label: 'Median engagement rate', kind: 'rate' };
    case 'virality_score':
      return { label: 'Median virality score', kind: 'score' };
    case 'shares':
      return { label: 'Total shares', kind: 'count' };
    case 'comments':
      return { label: 'Total comments', kind: 'count' };
    default:
      return { label: 'Total views', kind: 'count' };
  }
}

function segmentKind(s: SegmentResult): Kind {
  return s.metric === 'engagement_rate' ? 'rate' : s.metric === 'virality_score' ? 'score' : 'count';
}

function formatDelimiter(d: string): string {
  return d === '\t' ? 'tab' : d === ',' ? 'comma (,)' : d === ';' ? 'semicolon (;)' : d === '|' ? 'pipe (|)' : d;
}

const HOW: Record<string, string> = {
  override: 'set in config (columns:)',
  exact: 'exact header match',
  pattern: 'header contains a candidate',
};

/** `model` is the displayModel: its data strings are already cut and drawable. */
function buildView(model: ReportModel, figures: Map<string, FigureView>, opts: HtmlOptions, d: Display) {
  const zone = model.timezone;
  const fig = (id: string) => figures.get(id) ?? null;
  const figsWhere = (pred: (id: string) => boolean) => [...figures.values()].filter((f) => pred(f.id));
  const cmp = model.comparison;
  const ov = model.overview;

  // --- hero
  const headline: KpiView[] = [
    kpi(model, 'videos', 'Videos', 'int'),
    kpi(model, 'totalViews', 'Total views', 'count'),
    kpi(model, 'medianEngagementRate', 'Median engagement rate', 'rate'),
    kpi(model, 'platforms', 'Platforms', 'list', ov.platforms.length ? valuesHtml(ov.platforms, ' · ') : undefined),
  ];
  const secondary: KpiView[] = [
    kpi(model, 'averageViews', 'Average views per video', 'count'),
    kpi(model, 'medianDurationSec', 'Median duration', 'seconds', 'm:ss'),
    kpi(model, 'highViralPotentialShare', 'High viral potential', 'rate', 'share of videos'),
  ];

  // --- growth
  const g = model.growth;
  const series = g.series.map((s) => {
    const kind: Kind = s.metric === 'engagement_rate' ? 'rate' : s.metric === 'virality_score' ? 'score' : 'count';
    return {
      name: METRIC_LABEL[s.metric],
      aggregation: s.aggregation,
      period: s.period,
      kpis: [
        { label: 'Peak period', value: s.peak ? s.peak.period : fmt.MISSING, sub: s.peak ? `${formatKind(s.peak.value, kind)}${kind === 'count' ? ` ${METRIC_LABEL[s.metric].toLowerCase()}` : ''}` : undefined },
        { label: 'Average growth', value: fmt.formatSignedPct(s.averageGrowthPct, 1), sub: `per ${s.period}` },
        { label: 'Periods analysed', value: fmt.formatInt(s.periodsAnalysed), sub: `${s.period}s` },
      ] as KpiView[],
      value: fig(`growth-${s.metric}-value`),
      rate: fig(`growth-${s.metric}-rate`),
    };
  });

  // --- creators
  const c = model.creators;
  const rank = rankLabel(c.rankBy);
  const top5 = c.top.slice(0, 5).map((r, i) => ({
    rank: i + 1,
    name: r.creator,
    videos: fmt.formatInt(r.videos),
    value: formatKind(r.value, rank.kind),
  }));
  const creatorKpis: KpiView[] = [
    { label: 'Creators in scope', value: fmt.formatInt(c.creatorsInScope) },
    { label: 'Top 5 share of views', value: fmt.formatPct(c.topShareOfViews, 1) },
  ];
  if (c.mostConsistent) {
    creatorKpis.push({
      label: 'Most consistent creator',
      value: c.mostConsistent.creator,
      sub: `${fmt.formatInt(c.mostConsistent.videos)} videos · median ${fmt.formatCompact(c.mostConsistent.medianViews)} views · CV ${fmt.formatNumber(c.mostConsistent.cv, 2)}`,
    });
  }

  // --- virality
  const v = model.virality;
  const viralityKpis: KpiView[] = [
    { label: 'Threshold', value: fmt.formatNumber(v.threshold, 2), sub: v.thresholdRule },
    { label: 'Viral candidates', value: fmt.formatInt(v.candidates), sub: 'videos at or above the threshold' },
    { label: 'Candidate share', value: fmt.formatPct(v.candidateShare, 1), sub: 'of videos in scope' },
  ];
  const candidates: TableView = {
    caption: `Top ${v.top.length} viral candidates by virality score`,
    columns: [
      { label: '#', num: true },
      { label: 'Title' },
      { label: 'Creator' },
      { label: 'Platform' },
      { label: 'Views', num: true },
      { label: 'Engagement rate', num: true },
      { label: 'Score', num: true },
      { label: 'Duration', num: true },
      { label: 'Outlier ×', num: true },
    ],
    rows: v.top.map((r, i) => [
      num(String(i + 1)),
      ((cell) => ({ ...cell, cls: cell.cls ? `cell-title ${cell.cls}` : 'cell-title' }))(text(r.title)),
      text(r.creator),
      text(r.platform),
      num(fmt.formatCompact(r.views), fmt.formatInt(r.views)),
      num(fmt.formatPct(r.engagementRate)),
      num(fmt.formatNumber(r.viralityScore, 2)),
      num(fmt.formatDuration(r.durationSec)),
      num(r.outlierMultiple === null ? fmt.MISSING : `${fmt.formatNumber(r.outlierMultiple, 1)}×`),
    ]),
  };

  // --- segments
  const segments = model.segments.map((s, i) => {
    const kind = segmentKind(s);
    return {
      title: segmentTitle(s),
      available: s.available,
      reason: s.reason,
      figure: fig(`segment-${i + 1}`),
      top5: s.rows.slice(0, 5).map((r, k) => ({ rank: k + 1, name: r.segment, videos: fmt.formatInt(r.videos), value: formatKind(r.value, kind) })),
      count: s.rows.length,
    };
  });

  // --- explorer
  const e = model.explorer;
  const dq = e.dataQuality;
  const preview: TableView = {
    caption: `First ${e.preview.rows.length} rows in scope`,
    columns: e.preview.columns.map((label, k) => ({ label, num: e.preview.rows.every((r) => r[k] === null || typeof r[k] === 'number') })),
    rows: e.preview.rows.map((r) => r.map((cell) => (typeof cell === 'number' ? num(fmt.formatNumber(cell, Number.isInteger(cell) ? 0 : 2)) : text(cell)))),
    scroll: true,
    compact: true,
  };
  const describeCols = ['count', 'mean', 'std', 'min', '25%', '50%', '75%', 'max'];
  const describe: TableView = {
    caption: 'Numeric summary (std with n − 1)',
    columns: [{ label: 'Column' }, ...describeCols.map((label) => ({ label, num: true }))],
    rows: Object.entries(e.describe).map(([col, d]) => [
      text(col),
      num(fmt.formatInt(d.count)),
      ...[d.mean, d.std, d.min, d.p25, d.p50, d.p75, d.max].map((x) => num(fmt.formatNumber(x, x === null || Number.isInteger(x) || Math.abs(x) >= 1000 ? 0 : 2))),
    ]),
    scroll: true,
    compact: true,
  };
  const columnInfo: TableView = {
    caption: 'Columns of the source file',
    columns: [{ label: 'Column' }, { label: 'Type' }, { label: 'Non-null', num: true }, { label: 'Null', num: true }],
    rows: e.columnInfo.map((ci) => [text(ci.name), { text: ci.type }, num(fmt.formatInt(ci.nonNull)), num(fmt.formatInt(ci.nulls))]),
    compact: true,
  };
  const mapping: TableView = {
    caption: 'Column mapping used',
    columns: [{ label: 'Concept' }, { label: 'Source column' }, { label: 'How it was found' }],
    rows: dq.mapping.map((m) => [
      { text: m.concept },
      text(m.column),
      { text: m.how === 'pattern' ? `${HOW[m.how]} (“${m.candidate}”)` : HOW[m.how] ?? m.how },
    ]),
    compact: true,
  };
  const droppedEntries = Object.entries(dq.rowsDropped).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const droppedTotal = droppedEntries.reduce((a, [, n]) => a + n, 0);
  const dropped: TableView = {
    caption: 'Rows left out, by reason',
    columns: [{ label: 'Reason' }, { label: 'Rows', num: true }, { label: 'Share of rows read', num: true }],
    rows: droppedEntries.map(([reason, n]) => [text(dropReasonText(reason)), num(fmt.formatInt(n)), num(fmt.formatPct(dq.rowsRead ? n / dq.rowsRead : null))]),
    compact: true,
  };

  const bad = model.input.invalidUtf8;
  const replaced: TableView | null = bad
    ? {
        caption: `Cells with bytes that were not valid UTF-8, shown as \uFFFD (${fmt.formatInt(bad.sequences)} in all)`,
        columns: [{ label: 'Column' }, { label: 'Cells', num: true }, { label: 'First data rows' }],
        rows: Object.entries(bad.cells).map(([column, n]) => [text(column), num(fmt.formatInt(n)), text((bad.rows[column] ?? []).map((r) => fmt.formatInt(r)).join(', '))]),
        compact: true,
      }
    : null;
  const u = dq.undrawable;
  const undrawable = u.cells === 0 ? null : {
    summary:
      `${fmt.formatInt(u.cells)} ${u.cells === 1 ? 'cell holds' : 'cells hold'} ${fmt.formatInt(u.characters)} ${u.characters === 1 ? 'character' : 'characters'} ` +
      `that no installed font can draw, shown as ${PLACEHOLDER}` +
      (u.fontsChecked ? '.' : ' (the fonts could not be listed: only private-use, unassigned and noncharacter code points were looked for).'),
    table: {
      caption: `Cells shown with ${PLACEHOLDER}, first ${fmt.formatInt(u.examples.length)}`,
      columns: [{ label: 'Column' }, { label: 'Row', num: true }, { label: 'Characters' }, { label: 'Cell' }],
      rows: u.examples.map((x) => [text(x.column), num(fmt.formatInt(x.row)), { text: x.codePoints.join(' ') }, text(x.text)]),
      compact: true,
    } satisfies TableView,
  };

  const tiersTable: TableView = {
    caption: 'Performance tiers in this report',
    columns: [{ label: 'Tier' }, { label: 'Holds' }, { label: 'Videos', num: true }, { label: 'Views from', num: true }, { label: 'to', num: true }],
    rows: ov.tiers.map((t) => [
      { text: t.tier },
      { text: TIER_RULE[t.tier] ?? '' },
      num(fmt.formatInt(t.videos)),
      num(fmt.formatCompact(t.minViews), fmt.formatInt(t.minViews)),
      num(fmt.formatCompact(t.maxViews), fmt.formatInt(t.maxViews)),
    ]),
    compact: true,
  };

  const sectionAvailability: Record<SectionId, { available: boolean; reason: string | null }> = {
    overview: { available: ov.videos > 0, reason: ov.videos > 0 ? null : 'No videos are in scope for this report.' },
    growth: { available: g.available, reason: g.reason },
    creators: { available: true, reason: null },
    virality: { available: v.available, reason: v.reason },
    segments: {
      available: model.segments.some((s) => s.available),
      reason: model.segments.length === 0 ? 'No segment comparisons are configured.' : model.segments.map((s) => s.reason).filter(Boolean).join(' ') || 'No segment has data.',
    },
    explorer: { available: true, reason: null },
  };

  return {
    lang: 'en',
    theme: opts.theme,
    title: model.report.title,
    // the title of the browser tab: plain text, so the title is isolated from the period after it
    documentTitle: `${isolateIfNeeded(model.report.title)} · ${model.period.label}`,
    period: model.period,
    zone,
    generatedAt: fmt.formatDateTime(model.generatedAt, zone),
    generatedIso: model.generatedAt,
    scopeRows: fmt.formatInt(model.scope.rows),
    filters: describeFilters(model),
    comparison: cmp ? { label: cmp.period.label, insights: cmp.insights.map((i) => insightView(i, d)) } : null,
    headline,
    secondary,
    keyFindings: keyFindings(model.insights).map((i) => insightView(i, d)),
    sections: SECTIONS.map((s, i) => ({
      id: s.id,
      title: s.title,
      lead: s.lead,
      number: String(i + 1).padStart(2, '0'),
      insights: insightsFor(model, s.id, d),
      available: sectionAvailability[s.id as SectionId].available,
      reason: sectionAvailability[s.id as SectionId].reason,
    })),
    overview: {
      snapshot: [
        { label: 'Median views', value: fmt.formatCompact(ov.medianViews), title: fmt.formatInt(ov.medianViews) },
        { label: 'p90 views', value: fmt.formatCompact(ov.p90Views), title: fmt.formatInt(ov.p90Views) },
        { label: 'Median engagement rate', value: fmt.formatPct(ov.medianEngagementRate) },
        { label: 'p90 engagement rate', value: fmt.formatPct(ov.p90EngagementRate) },
      ],
      figures: figsWhere((id) => id.startsWith('overview-')),
    },
    growth: {
      series,
      timing: [fig('growth-hour'), fig('growth-weekday')].filter(Boolean),
      heatmap: fig('growth-heatmap'),
      hourNote: g.hourSource === 'hour-column' ? 'Publish hours come from the hour column (the dates carry no time of day).' : null,
    },
    creators: {
      available: c.available,
      reason: c.reason,
      rankLabel: rank.label,
      leaderboard: fig('creators-leaderboard'),
      top5,
      kpis: creatorKpis,
      movement: c.movement && (c.movement.entered.length || c.movement.left.length) ? c.movement : null,
      content: [
        { available: model.content.durationAvailable, figure: fig('content-duration'), title: 'Median views by duration' },
        { available: model.content.categoriesAvailable, figure: fig('content-categories'), title: 'Top categories' },
        { available: model.content.hashtagsAvailable, figure: fig('content-hashtags'), title: 'Top hashtags' },
      ],
    },
    virality: {
      kpis: viralityKpis,
      figures: [fig('virality-histogram'), fig('virality-scatter')].filter(Boolean),
      platform: fig('virality-platform'),
      candidates,
    },
    segments,
    explorer: {
      kpis: [
        { label: 'Rows in scope', value: fmt.formatInt(e.rows) },
        { label: 'Columns', value: fmt.formatInt(e.columns) },
        { label: 'Memory estimate', value: fmt.formatBytes(e.memoryBytes) },
      ] as KpiView[],
      csvHref: opts.csvHref ?? null,
      preview,
      describe,
      columnInfo,
      mapping,
      unmapped: dq.unmapped.join(', '),
      dropped,
      replaced,
      droppedTotal: fmt.formatInt(droppedTotal),
      undrawable,
      quality: [
        { label: 'Rows read', value: fmt.formatInt(dq.rowsRead) },
        { label: 'Rows usable', value: fmt.formatInt(dq.rowsUsable) },
        { label: 'Rows left out', value: fmt.formatInt(droppedTotal) },
      ] as KpiView[],
      encoding: dq.encoding,
      delimiter: formatDelimiter(dq.delimiter),
      input: model.input,
      tiersTable,
      threshold: v.threshold === null ? null : { value: fmt.formatNumber(v.threshold, 2), rule: v.thresholdRule },
      method: methodView(model),
    },
    generator: model.generator,
    reportId: model.report.id,
  };
}

const TIER_RULE: Record<string, string> = {
  Baseline: 'views ≤ q50 (bottom half)',
  Strong: 'q50 < views ≤ q80',
  High: 'q80 < views ≤ q95',
  'Top 5%': 'q95 < views ≤ q99',
  'Top 1%': 'views > q99',
  Unknown: 'views missing or 0',
};

function describeFilters(model: ReportModel): (string | SafeHtml)[] {
  const f = model.scope.filters;
  const out: (string | SafeHtml)[] = [];
  const list = (name: string, values: string[]) => {
    if (values.length) out.push(new Handlebars.SafeString(`${Handlebars.escapeExpression(name)}: ${valuesHtml(values, ', ').toHTML()}`));
  };
  list('Platform', f.platform);
  list('Country', f.country);
  list('Category', f.category);
  list('Creator', f.creator);
  if (f.minViews > 0) out.push(`Minimum views: ${fmt.formatInt(f.minViews)}`);
  return out;
}

// ---------------------------------------------------------------------------

/** Render the report's HTML and say, per chart, whether it drew any data mark. */
export async function renderHtml(full: ReportModel, opts: HtmlOptions): Promise<HtmlResult> {
  const display = new Display(opts.glyphs ?? (await installedGlyphsAsync()));
  const model = displayModel(full, display);
  const theme = themeFor(opts.theme);
  const specs = buildChartSpecs(model, theme);
  const rendered = await renderCharts(specs.map((s) => ({ id: s.id, spec: s.spec, description: s.description })));
  // print is always light: a dark report carries a light copy of each chart for paper
  const printCopies =
    opts.theme === 'dark'
      ? await renderCharts(buildChartSpecs(model, themeFor('light')).map((s) => ({ id: `${s.id}-print`, spec: s.spec, description: s.description })))
      : null;

  const figures = new Map<string, FigureView>();
  specs.forEach((s, i) => {
    const r = rendered[i];
    figures.set(s.id, {
      id: s.id,
      title: s.title,
      caption: caption(s, model),
      size: s.size,
      svg: r.hasMarks ? r.svg : '',
      printSvg: r.hasMarks && printCopies ? printCopies[i].svg : null,
      empty: !r.hasMarks,
    });
  });

  // template indentation leaves blank and space-only lines; HTML collapses them anyway (no
  // <pre> in the report), so drop them for a tidy, smaller file
  // Handlebars also escapes "=" (as &#x3D;), which only matters in unquoted attributes; every
  // attribute here is quoted (html-validate's attr-quotes checks it), so "=" is put back for
  // readable text. A literal "&#x3D;" in data was escaped to "&amp;#x3D;" and stays as it is.
  const html = (await templates())(buildView(model, figures, opts, display))
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{2,}/g, '\n')
    .replace(/&#x3D;/g, '=');
  return {
    html,
    charts: specs.map((s, i) => ({ id: s.id, title: s.title, hasMarks: rendered[i].hasMarks, hasData: hasDataValues(s.spec) })),
  };
}

/** The real weights, caps and cuts of this report, for the glossary (quantiles as q50, q80, ...). */
function methodView(model: ReportModel) {
  const m = model.method;
  const q = (p: number) => `q${Math.round(p * 100)}`;
  const [t1, t2, t3, t4] = m.tierQuantiles;
  return {
    weights: { views: fmt.formatNumber(m.weights.views, 2), shares: fmt.formatNumber(m.weights.shares, 2), engagement: fmt.formatNumber(m.weights.engagement, 2) },
    erCap: fmt.formatNumber(m.caps.engagementRate, 0),
    rateCap: fmt.formatNumber(m.caps.componentRate, 0),
    tierQ: [q(t1), q(t2), q(t3), q(t4)],
    tierCuts: [m.tierCuts.q50, m.tierCuts.q80, m.tierCuts.q95, m.tierCuts.q99].map((c) => fmt.formatInt(c)),
    vpMedium: q(m.viralPotentialQuantiles.medium),
    vpHigh: q(m.viralPotentialQuantiles.high),
    scoreMedium: fmt.formatNumber(m.scoreCuts.medium, 2),
    scoreHigh: fmt.formatNumber(m.scoreCuts.high, 2),
  };
}
