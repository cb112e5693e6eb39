// What templates/sections/explorer.hbs renders: the preview and summaries of the rows in scope,
// the data quality (mapping, rows left out, replaced and undrawable cells) and the glossary with
// this report's real weights, cuts and threshold.
import { CONCEPTS, type Concept, type ReasonDetail, type ReportModel } from '../../types.ts';
import * as fmt from '../../format.ts';
import { t, tOr, type MessageKey } from '../../i18n/index.ts';
import { thresholdRuleText, tierName } from '../../vocabulary.ts';
import { dropReasonText, repairsText } from '../../messages.ts';
import { PLACEHOLDER } from '../../output/fonts.ts';
import { num, text, type KpiView, type TableView } from '../../output/view.ts';
import type { ViewOptions } from '../section.ts';

const DELIMITER: Record<string, MessageKey> = { '\t': 'explorer.delimiter.tab', ',': 'explorer.delimiter.comma', ';': 'explorer.delimiter.semicolon', '|': 'explorer.delimiter.pipe' };
const formatDelimiter = (d: string): string => (Object.hasOwn(DELIMITER, d) ? t(DELIMITER[d]) : d);

const HOW: Record<string, MessageKey> = { override: 'explorer.how.override', exact: 'explorer.how.exact', pattern: 'explorer.how.pattern' };

/**
 * Detection's reason for a column found by its words, as validate gives it, in the report's
 * language: "French for views (“vues”)". The phrase is the header vocabulary's, as written.
 */
function whyText(concept: string, why: ReasonDetail): string {
  if (why.kind === 'categoryIds') return t('explorer.why.categoryIds');
  if (why.kind === 'count') return t('explorer.why.count', { phrase: why.phrase, concept });
  if (why.kind === 'words') return t(/\s/.test(why.phrase) ? 'explorer.why.words' : 'explorer.why.word', { phrase: why.phrase, concept });
  return t('explorer.why.language', { language: tOr(`explorer.lang.${why.lang}`, why.lang), concept, phrase: why.phrase });
}

/** `model` is the displayModel: its data strings are already cut and drawable. */
export function explorerView(model: ReportModel, opts: ViewOptions) {
  const ov = model.overview;
  const v = model.virality;
  const e = model.explorer;
  const dq = e.dataQuality;
  const preview: TableView = {
    caption: t('explorer.preview.caption', { count: e.preview.rows.length }),
    columns: e.preview.columns.map((label, k) => ({ label, num: e.preview.rows.every((r) => r[k] === null || typeof r[k] === 'number') })),
    rows: e.preview.rows.map((r) => r.map((cell) => (typeof cell === 'number' ? num(fmt.formatNumber(cell, Number.isInteger(cell) ? 0 : 2)) : text(cell)))),
    scroll: true,
    compact: true,
  };
  const printPreview = printPreviewTable(model);
  const describeCols = (['count', 'mean', 'std', 'min', 'p25', 'p50', 'p75', 'max'] as const).map((c) => t(`explorer.describe.${c}`));
  const describe: TableView = {
    caption: t('explorer.describe.caption'),
    columns: [{ label: t('col.column') }, ...describeCols.map((label) => ({ label, num: true }))],
    rows: Object.entries(e.describe).map(([col, d]) => [
      text(col),
      num(fmt.formatInt(d.count)),
      ...[d.mean, d.std, d.min, d.p25, d.p50, d.p75, d.max].map((x) => num(fmt.formatNumber(x, x === null || Number.isInteger(x) || Math.abs(x) >= 1000 ? 0 : 2))),
    ]),
    scroll: true,
    compact: true,
  };
  const columnInfo: TableView = {
    caption: t('explorer.columns.caption'),
    columns: [{ label: t('col.column') }, { label: t('col.type') }, { label: t('col.nonNull'), num: true }, { label: t('col.null'), num: true }],
    rows: e.columnInfo.map((ci) => [text(ci.name), { text: tOr(`explorer.type.${ci.type}`, ci.type) }, num(fmt.formatInt(ci.nonNull)), num(fmt.formatInt(ci.nulls))]),
    compact: true,
  };
  const mapping: TableView = {
    caption: t('explorer.mapping.caption'),
    columns: [{ label: t('col.concept') }, { label: t('col.sourceColumn') }, { label: t('col.how') }],
    rows: dq.mapping.map((m) => [
      { text: m.concept },
      text(m.column),
      { text: m.why ? whyText(m.concept, m.why) : m.how === 'pattern' ? `${t(HOW[m.how])} (“${m.candidate}”)` : Object.hasOwn(HOW, m.how) ? t(HOW[m.how]) : m.how },
    ]),
    compact: true,
  };
  const droppedEntries = Object.entries(dq.rowsDropped).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const droppedTotal = droppedEntries.reduce((a, [, n]) => a + n, 0);
  const dropped: TableView = {
    caption: t('explorer.dropped.caption'),
    columns: [{ label: t('col.reason') }, { label: t('col.rows'), num: true }, { label: t('col.shareOfRowsRead'), num: true }],
    rows: droppedEntries.map(([reason, n]) => [text(dropReasonText(reason)), num(fmt.formatInt(n)), num(fmt.formatPct(dq.rowsRead ? n / dq.rowsRead : null))]),
    compact: true,
  };

  const bad = model.input.invalidUtf8;
  const replaced: TableView | null = bad
    ? {
        caption: t('explorer.replaced.caption', { n: fmt.formatInt(bad.sequences) }),
        columns: [{ label: t('col.column') }, { label: t('col.cells'), num: true }, { label: t('col.firstDataRows') }],
        rows: Object.entries(bad.cells).map(([column, n]) => [text(column), num(fmt.formatInt(n)), text((bad.rows[column] ?? []).map((r) => fmt.formatInt(r)).join(', '))]),
        compact: true,
      }
    : null;
  const words = model.input.missing ?? {};
  const unreadable = model.input.unreadable ?? {};
  const missingColumns = [...new Set([...Object.keys(words), ...Object.keys(unreadable)])];
  const missingCells: TableView | null = missingColumns.length
    ? {
        caption: t('explorer.missing.caption'),
        columns: [{ label: t('col.column') }, { label: t('explorer.missing.words'), num: true }, { label: t('explorer.missing.unreadable'), num: true }, { label: t('explorer.missing.examples') }],
        rows: missingColumns.map((column) => [
          text(column),
          num(fmt.formatInt(words[column] ?? 0)),
          num(fmt.formatInt(unreadable[column]?.cells ?? 0)),
          text((unreadable[column]?.examples ?? []).join('; ')),
        ]),
        compact: true,
      }
    : null;
  const u = dq.undrawable;
  const undrawable = u.cells === 0 ? null : {
    summary:
      t('explorer.undrawable.cells', { count: u.cells }) + ' ' + t('explorer.undrawable.characters', { count: u.characters, placeholder: PLACEHOLDER }) +
      (u.fontsChecked ? '.' : ' ' + t('explorer.undrawable.unchecked')),
    table: {
      caption: t('explorer.undrawable.caption', { placeholder: PLACEHOLDER, n: u.examples.length }),
      columns: [{ label: t('col.column') }, { label: t('col.row'), num: true }, { label: t('col.characters') }, { label: t('col.cell') }],
      rows: u.examples.map((x) => [text(x.column), num(fmt.formatInt(x.row)), { text: x.codePoints.join(' ') }, text(x.text)]),
      compact: true,
    } satisfies TableView,
  };

  const tiersTable: TableView = {
    caption: t('explorer.tiers.caption'),
    columns: [{ label: t('col.tier') }, { label: t('col.holds') }, { label: t('col.videos'), num: true }, { label: t('col.viewsFrom'), num: true }, { label: t('col.viewsTo'), num: true }],
    rows: ov.tiers.map((tier) => [
      { text: tierName(tier.tier) },
      { text: Object.hasOwn(TIER_RULE, tier.tier) ? t(TIER_RULE[tier.tier]) : '' },
      num(fmt.formatInt(tier.videos)),
      num(fmt.formatCompact(tier.minViews), fmt.formatInt(tier.minViews)),
      num(fmt.formatCompact(tier.maxViews), fmt.formatInt(tier.maxViews)),
    ]),
    compact: true,
  };

  return {
    kpis: [
      { label: t('explorer.rowsInScope'), value: fmt.formatInt(e.rows) },
      { label: t('explorer.columns'), value: fmt.formatInt(e.columns) },
    ] as KpiView[],
    // a figure about the tool, not the videos: with the data quality notes, not on the section's front
    memory: fmt.formatBytes(e.memoryBytes),
    csvHref: opts.csvHref,
    preview,
    printPreview,
    describe,
    columnInfo,
    mapping,
    unmapped: dq.unmapped.join(', '),

    dropped,
    replaced,
    missingCells,
    repairs: repairsText(model.input),
    droppedTotal: fmt.formatInt(droppedTotal),
    undrawable,
    quality: [
      { label: t('explorer.rowsRead'), value: fmt.formatInt(dq.rowsRead) },
      { label: t('explorer.rowsUsable'), value: fmt.formatInt(dq.rowsUsable) },
      { label: t('explorer.rowsLeftOut'), value: fmt.formatInt(droppedTotal) },
    ] as KpiView[],
    encoding: dq.encoding,
    delimiter: formatDelimiter(dq.delimiter),
    input: model.input,
    tiersTable,
    threshold: v.threshold === null ? null : { value: fmt.formatNumber(v.threshold, 2), rule: thresholdRuleText(v.thresholdRule) },
    method: methodView(model),
  };
}

/** The preview on paper: the columns a reader scans, in the report's words (the screen keeps every column by its source name). */
const PRINT_COLUMNS: { concept: Concept | 'engagement_rate' | 'performance_tier'; label: MessageKey }[] = [
  { concept: 'title', label: 'col.title' },
  { concept: 'creator', label: 'col.creator' },
  { concept: 'platform', label: 'col.platform' },
  { concept: 'date', label: 'col.published' },
  { concept: 'views', label: 'col.views' },
  { concept: 'engagement_rate', label: 'col.engagementRate' },
  { concept: 'performance_tier', label: 'col.tier' },
];
/** Graphemes of a title and a name on paper: one or two lines in the print preview's column. */
const PRINT_TITLE_GRAPHEMES = 60;
const PRINT_NAME_GRAPHEMES = 24;

/**
 * The print preview of the same rows (metrics.json's explorer.preview): titles and names cut
 * with an ellipsis, the whole text in the cell's title (the screen table holds it too), dates
 * without their time, figures formatted.
 */
function printPreviewTable(model: ReportModel): TableView {
  const e = model.explorer;
  // the preview's columns: the mapped concepts in CONCEPTS order, then the derived ones (explorer/compute.ts)
  const mapped = CONCEPTS.filter((c) => model.columns[c] !== undefined);
  const derived = { engagement_rate: mapped.length, performance_tier: mapped.length + 3 };
  const shown = PRINT_COLUMNS.map((col) => ({ ...col, k: col.concept in derived ? derived[col.concept as keyof typeof derived] : mapped.indexOf(col.concept as Concept) })).filter((c) => c.k >= 0);
  const cut = (s: string, max: number) => {
    const short = fmt.truncateForDisplay(s, max);
    return { ...text(short), title: short === s ? undefined : s };
  };
  return {
    caption: t('explorer.preview.caption', { count: e.preview.rows.length }),
    columns: shown.map((c) => ({ label: t(c.label), num: c.concept === 'views' || c.concept === 'engagement_rate' })),
    rows: e.preview.rows.map((r) =>
      shown.map((c) => {
        const v = r[c.k];
        if (c.concept === 'views') return num(typeof v === 'number' ? fmt.formatInt(v) : fmt.MISSING);
        if (c.concept === 'engagement_rate') return num(typeof v === 'number' ? fmt.formatPct(v, 1) : fmt.MISSING);
        if (typeof v !== 'string') return text(null);
        // a date or a name on one line (a hyphen or an emoji is a break opportunity): the title takes what is left
        if (c.concept === 'date') return { text: v.slice(0, 10), cls: 'nowrap' };
        if (c.concept === 'title') return cut(v, PRINT_TITLE_GRAPHEMES);
        return { ...cut(v, PRINT_NAME_GRAPHEMES), cls: 'nowrap' };
      }),
    ),
    compact: true,
  };
}

const TIER_RULE: Record<string, MessageKey> = {
  Baseline: 'tier.rule.baseline',
  Strong: 'tier.rule.strong',
  High: 'tier.rule.high',
  'Top 5%': 'tier.rule.top5',
  'Top 1%': 'tier.rule.top1',
  Unknown: 'tier.rule.unknown',
};

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
