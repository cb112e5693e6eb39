// ReportModel -> one self-contained report.html: charts rendered to inline SVG, Handlebars
// templates from templates/ (own instance, partials read once), CSS inlined, no script and no
// URL but the fixed relative link to filtered.csv. Every figure is formatted here or by the
// format.ts helpers; every data string is shown through display.ts (cut, drawable, isolated in
// sentences) and escaped by Handlebars ({{ }}), raw only for our SVG and our escaped sentences.
import { readFileSync, readdirSync } from 'node:fs';
import { join, basename } from 'node:path';
import Handlebars from 'handlebars';
import { insightParts, keyFindings } from '../insights.ts';
import type { Concept, Insight, ReportModel } from '../types.ts';
import * as fmt from '../format.ts';
import { isolateIfNeeded } from '../format.ts';
import { hasDataValues, type ChartSpec } from '../charts/specs.ts';
import { renderCharts } from '../charts/render.ts';
import { themeFor } from '../charts/theme.ts';
import { BUNDLED, PACKAGE_ROOT } from '../paths.ts';
import { SECTIONS, shownSections } from '../sections/registry.ts';
import { buildChartSpecs, sectionChartTrees } from '../sections/charts.ts';
import { chartsOf, mapCharts, resultOf, type FigureView } from '../sections/section.ts';
import { changeView, valuesHtml, type Kind, type KpiView } from './view.ts';
import { Display, displayModel, type SafeHtml } from './display.ts';
import { installedGlyphsAsync, type GlyphCoverage } from './fonts.ts';
import { emptyScopeReason } from '../sections/empty.ts';
import { brandingCss, brandChartTheme, type Branding } from './branding.ts';
import { availabilityText } from '../vocabulary.ts';
import { currentLocale, DEFAULT_LOCALE, t, tOr, withLocale, type MessageKey } from '../i18n/index.ts';

/** A cover KPI is a figure of some kind, or a list shown by its length. */
const formatKind = (v: number | null | undefined, kind: Kind): string => fmt.formatKind(v, kind === 'list' ? 'int' : kind);

export interface HtmlOptions {
  theme: 'light' | 'dark';
  /** relative name of the filtered rows file written beside the report, or null for no link */
  csvHref?: string | null;
  /** what can be drawn; by default the installed fonts (fontconfig) */
  glyphs?: GlyphCoverage;
  /** ids of the sections left out (`sections: { <id>: false }`): no tab, panel or link */
  off?: readonly string[];
  /** logo, accent and footer (`branding:`), or none: the theme's own look */
  branding?: Branding | null;
  /** the report's locale (BCP 47, canonical): its numbers, dates and words; en-US by default */
  locale?: string;
}

export interface HtmlResult {
  html: string;
  charts: { id: string; title: string; hasMarks: boolean; hasData: boolean }[];
}

const TEMPLATES = join(PACKAGE_ROOT, 'templates');

/**
 * A report of at most this many videos prints its sections one after another instead of each
 * from a new page: a page per section left most pages of a 16-video report half empty.
 */
export const FLOW_MAX_VIDEOS = 100;
export const printsAsOneFlow = (model: Pick<ReportModel, 'scope'>): boolean => model.scope.rows <= FLOW_MAX_VIDEOS;

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
    // the report's words: {{t "key" name=value}}, in the locale the report renders in (i18n/)
    hb.registerHelper('t', (key: unknown, options: { hash?: Record<string, string | number> }) => t(key as MessageKey, options?.hash ?? {}));
    return template('layout.hbs');
  });
  return compiled;
}

// ---------------------------------------------------------------------------
// View model helpers

/** A list KPI counts the values of a column: with no such column in the export it is n/a, not 0. */
const LIST_CONCEPT: Partial<Record<keyof ReportModel['overview'], Concept>> = { platforms: 'platform' };

function kpi(model: ReportModel, key: keyof ReportModel['overview'], label: MessageKey, kind: Kind, sub?: string | SafeHtml): KpiView {
  const raw = model.overview[key];
  const listed = (list: unknown) => (model.columns[LIST_CONCEPT[key]!] === undefined ? null : (list as string[] | undefined)?.length);
  const v = kind === 'list' ? listed(raw) : (raw as number | null);
  const comparison = model.comparison;
  const prevRaw = comparison?.overview[key];
  const prev = kind === 'list' ? listed(prevRaw) : (prevRaw as number | null | undefined);
  return {
    label: t(label),
    value: fmt.kpiFigure(v, (n) => formatKind(n, kind)),
    title: kind === 'count' ? fmt.formatInt(v) : undefined,
    sub,
    // a figure the export cannot give has no change either
    change: comparison && v !== null && v !== undefined ? changeView(comparison.changes[key], kind, formatKind(prev ?? null, kind)) : undefined,
  };
}

/** An insight as the templates show it: its sentence, data values isolated and cut. */
function insightView(i: Insight, d: Display): { text: SafeHtml } {
  return { text: d.sentenceHtml(insightParts(i)) };
}

function insightsFor(model: ReportModel, section: string, d: Display): { text: SafeHtml }[] {
  return model.insights.filter((i) => i.section === section).map((i) => insightView(i, d));
}

/** `model` is the displayModel: its data strings are already cut and drawable. */
function buildView(model: ReportModel, views: unknown[], opts: HtmlOptions, d: Display) {
  const zone = model.timezone;
  const cmp = model.comparison;
  const ov = model.overview;
  const emptyScope = emptyScopeReason(model);

  // --- hero
  const headline: KpiView[] = [
    kpi(model, 'videos', 'kpi.videos', 'int'),
    kpi(model, 'totalViews', 'kpi.totalViews', 'count'),
    kpi(model, 'medianEngagementRate', 'kpi.medianEngagementRate', 'rate'),
    kpi(model, 'platforms', 'kpi.platforms', 'list', ov.platforms.length ? valuesHtml(ov.platforms, ' · ') : undefined),
  ];
  const secondary: KpiView[] = [
    kpi(model, 'averageViews', 'kpi.averageViews', 'count'),
    kpi(model, 'medianDurationSec', 'kpi.medianDuration', 'seconds', t('kpi.medianDuration.sub')),
    kpi(model, 'highViralPotentialShare', 'kpi.highViralPotential', 'rate', t('kpi.highViralPotential.sub')),
  ];

  return {
    // the language of the report's words (its catalogue's): what a screen reader speaks them in
    lang: langAttribute(),
    theme: opts.theme,
    printFlow: printsAsOneFlow(model),
    // our own CSS from a checked #rrggbb, and a data URL we built: nothing of the data in either
    brandCss: safeCss(brandingCss(opts.branding)),
    logo: opts.branding?.logo?.dataUrl ?? null,
    title: model.report.title,
    // the title of the browser tab: plain text, so the title is isolated from the period after it
    documentTitle: `${isolateIfNeeded(model.report.title)} · ${fmt.withDates(model.period.label)}`,
    period: { ...model.period, label: fmt.withDates(model.period.label) },
    zone,
    generatedAt: fmt.formatDateTime(model.generatedAt, zone),
    generatedIso: model.generatedAt,
    scopeRows: fmt.formatInt(model.scope.rows),
    filters: describeFilters(model),
    comparison: cmp ? { label: fmt.withDates(cmp.period.label), insights: cmp.insights.map((i) => insightView(i, d)) } : null,
    headline,
    secondary,
    keyFindings: keyFindings(model.insights).map((i) => insightView(i, d)),
    sections: shownSections(opts.off).map((s, i) => ({
      id: s.id,
      title: tOr(`section.${s.id}.title`, s.title),
      lead: tOr(`section.${s.id}.lead`, s.lead),
      number: String(i + 1).padStart(2, '0'),
      insights: insightsFor(model, s.id, d),
      // no video in scope: the section says why in one line, unless it has more to show
      ...(emptyScope !== null && !s.showsEmptyScope ? { available: false, reason: emptyScope, empty: true } : availabilityText(s.availability(resultOf(s, model), model))),
      emptyScope,
    })),
    // each section's view under its id, where its partial reads it
    ...Object.fromEntries(SECTIONS.map((s, i) => [s.id, views[i]])),
    generator: model.generator,
    reportId: model.report.id,
  };
}

const safeCss = (css: string | null) => (css === null ? null : new Handlebars.SafeString(css));

/** The html lang: the tag when its language has words here ("de-DE"), else English ("en", as en-US always was). */
function langAttribute(): string {
  const { tag, language } = currentLocale();
  if (tag === DEFAULT_LOCALE) return 'en';
  return new Intl.Locale(tag).language === language ? tag : 'en';
}

function describeFilters(model: ReportModel): (string | SafeHtml)[] {
  const f = model.scope.filters;
  const out: (string | SafeHtml)[] = [];
  const list = (name: string, values: string[]) => {
    if (values.length) out.push(new Handlebars.SafeString(`${Handlebars.escapeExpression(name)}: ${valuesHtml(values, ', ').toHTML()}`));
  };
  list(t('filter.platform'), f.platform);
  list(t('filter.country'), f.country);
  list(t('filter.category'), f.category);
  list(t('filter.creator'), f.creator);
  if (f.minViews > 0) out.push(t('filter.minViews', { n: fmt.formatInt(f.minViews) }));
  return out;
}

// ---------------------------------------------------------------------------

/** Render the report's HTML and say, per chart, whether it drew any data mark. */
export function renderHtml(full: ReportModel, opts: HtmlOptions): Promise<HtmlResult> {
  // every figure, word, chart and insight below is written in the report's locale
  return withLocale(opts.locale ?? DEFAULT_LOCALE, () => renderHtmlInLocale(full, opts));
}

async function renderHtmlInLocale(full: ReportModel, opts: HtmlOptions): Promise<HtmlResult> {
  const display = new Display(opts.glyphs ?? (await installedGlyphsAsync()));
  const model = displayModel(full, display);
  const accent = opts.branding?.accent ?? null;
  const chartTheme = (name: 'light' | 'dark') => (accent ? brandChartTheme(themeFor(name), accent) : themeFor(name));
  const theme = chartTheme(opts.theme);
  // each section's charts as it arranges them, drawn in that order, then handed back to its view
  const trees = sectionChartTrees(model, theme, opts.off);
  const specs = trees.flatMap((tree) => chartsOf(tree));
  const rendered = await renderCharts(specs.map((s) => ({ id: s.id, spec: s.spec, description: s.description })));
  // print is always light: a dark report carries a light copy of each chart for paper
  const printCopies =
    opts.theme === 'dark'
      ? await renderCharts(buildChartSpecs(model, chartTheme('light'), opts.off).map((s) => ({ id: `${s.id}-print`, spec: s.spec, description: s.description })))
      : null;

  const figures = new Map<ChartSpec, FigureView>();
  specs.forEach((s, i) => {
    const r = rendered[i];
    figures.set(s, {
      id: s.id,
      title: s.title,
      caption: s.caption,
      size: s.size,
      svg: r.hasMarks ? r.svg : '',
      printSvg: r.hasMarks && printCopies ? printCopies[i].svg : null,
      empty: !r.hasMarks,
    });
  });
  const viewOptions = { csvHref: opts.csvHref ?? null };
  // (the registry forgets each section's own types: the tree came from its own charts())
  const views = SECTIONS.map((s, i) => s.view(resultOf(s, model), mapCharts(trees[i], (c) => figures.get(c)!) as never, model, viewOptions));

  // template indentation leaves blank and space-only lines; HTML collapses them anyway (no
  // <pre> in the report), so drop them for a tidy, smaller file
  // Handlebars also escapes "=" (as &#x3D;), which only matters in unquoted attributes; every
  // attribute here is quoted (html-validate's attr-quotes checks it), so "=" is put back for
  // readable text. A literal "&#x3D;" in data was escaped to "&amp;#x3D;" and stays as it is.
  const html = (await templates())(buildView(model, views, opts, display))
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{2,}/g, '\n')
    .replace(/&#x3D;/g, '=');
  return {
    html,
    charts: specs.map((s, i) => ({ id: s.id, title: s.title, hasMarks: rendered[i].hasMarks, hasData: hasDataValues(s.spec) })),
  };
}
