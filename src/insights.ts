// Plain-language insights: short, deterministic sentences built from the ReportModel's own figures
// (no language model, no figure that is not in the model). Each insight carries in `figures` the
// exact numbers and labels its sentence shows, and is emitted only when its evidence rule holds
// (src/findings.ts). Each section makes its own (src/sections/<id>/insights.ts); this module
// gathers them in the registry's order, ranks them for the cover (keyFindings()) and covers
// `compare: previous` (comparisonInsights()). Values from the data in a sentence are marked in its
// parts (insightParts) so the report can isolate them; `text` itself, in metrics.json, stays plain.
import type { Insight, ReportModel } from './types.ts';
import { insightParts } from './findings.ts';
import { compareCodePoints } from './stats/group.ts';
import { SECTIONS } from './sections/registry.ts';
import { MIN_SCOPE_VIDEOS, setInsightParts } from './findings.ts';
import { localeOf, withLocale } from './i18n/locale.ts';

export {
  MIN_GROUP_VIDEOS, MIN_SCOPE_VIDEOS, MIN_COMPARED_GROUPS, MIN_LIFT, MIN_TIER_VIDEOS, MIN_CREATORS_FOR_SHARE, MIN_KPI_CHANGE,
  MAX_KPI_MOVERS, MAX_NAMES, insightParts, type SentencePart,
} from './findings.ts';

/**
 * Figures that identify what an insight is about (a segment comparison's dimension, metric and
 * aggregation, a KPI key, a leaderboard's rank figure) and are not printed in its text; every
 * other figure is shown in the text, and every number in the text is one of the figures.
 */
export const ID_FIGURES: readonly string[] = ['by', 'metric', 'aggregation', 'kpi', 'rankBy'];

// ---------------------------------------------------------------------------
// Order and ranking

/** Section order of the report (the registry's); `insights` is sorted by it, then by KIND_ORDER. */
export const SECTION_ORDER: readonly string[] = SECTIONS.map((s) => s.id);

/** Order of kinds within a section (unknown kinds last, by name). */
export const KIND_ORDER = [
  'tier-thresholds', 'kpi-mover', 'viral-potential',
  'best-hour', 'worst-hour', 'best-weekday', 'worst-weekday',
  'creator-concentration', 'consistent-creator', 'leaderboard-movement', 'best-duration', 'best-hashtag', 'best-category',
  'segment-spread', 'rows-dropped',
] as const;

/** Kinds that describe the change against the previous period (shown in the cover's own compare block). */
export const COMPARISON_KINDS: readonly string[] = ['kpi-mover', 'leaderboard-movement'];

/**
 * Key-findings priority (lower first). Rule of keyFindings():
 *  1. comparison kinds are left out (the cover lists comparison.insights in its own block);
 *  2. rank by this priority (unknown kinds after the listed ones), then by strength = |figures.lift|
 *     (or |figures.change|, else 0) descending, then kind name, then text, both by code point;
 *  3. take the best-ranked insight of each kind in rank order, at most n; if fewer than n, fill with
 *     the next-ranked remaining insights; return the selection in rank order.
 */
export const KEY_FINDING_PRIORITY: readonly string[] = [
  'tier-thresholds', 'creator-concentration', 'best-hour', 'best-weekday', 'viral-potential', 'segment-spread',
  'best-duration', 'best-hashtag', 'best-category', 'worst-hour', 'worst-weekday', 'consistent-creator', 'rows-dropped',
];

const indexOr = (list: readonly string[], key: string): number => {
  const i = list.indexOf(key);
  return i < 0 ? list.length : i;
};

function strength(i: Insight): number {
  const v = typeof i.figures.lift === 'number' ? i.figures.lift : typeof i.figures.change === 'number' ? i.figures.change : 0;
  return Number.isFinite(v) ? Math.abs(v) : 0;
}

function byKeyRank(a: Insight, b: Insight): number {
  const p = indexOr(KEY_FINDING_PRIORITY, a.kind) - indexOr(KEY_FINDING_PRIORITY, b.kind);
  if (p !== 0) return p;
  const s = strength(b) - strength(a);
  if (s !== 0) return s;
  return compareCodePoints(a.kind, b.kind) || compareCodePoints(a.text, b.text);
}

/** The n strongest insights for the cover, by the rule documented on KEY_FINDING_PRIORITY. */
export function keyFindings(insights: Insight[], n = 5): Insight[] {
  const ranked = insights.filter((i) => !COMPARISON_KINDS.includes(i.kind)).sort(byKeyRank);
  const chosen = new Set<Insight>();
  const kinds = new Set<string>();
  for (const i of ranked) {
    if (chosen.size >= n) break;
    if (kinds.has(i.kind)) continue;
    kinds.add(i.kind);
    chosen.add(i);
  }
  for (const i of ranked) {
    if (chosen.size >= n) break;
    chosen.add(i);
  }
  return ranked.filter((i) => chosen.has(i));
}

/** Position of `key` in `list`, unknown keys after the known ones and among themselves by name. */
function orderOf(list: readonly string[], a: string, b: string): number {
  return indexOr(list, a) - indexOr(list, b) || (list.includes(a) || list.includes(b) ? 0 : compareCodePoints(a, b));
}

/** Stable order: section (SECTION_ORDER), kind (KIND_ORDER), unknown ones last by name, then as generated. */
export function sortInsights(insights: Insight[]): Insight[] {
  return insights
    .map((insight, at) => ({ insight, at }))
    .sort((a, b) =>
      orderOf(SECTION_ORDER, a.insight.section, b.insight.section) ||
      orderOf(KIND_ORDER, a.insight.kind, b.insight.kind) ||
      a.at - b.at)
    .map((x) => x.insight);
}

// ---------------------------------------------------------------------------
// Previous period

/**
 * With `compare: previous` (model.comparison set, both periods >= MIN_SCOPE_VIDEOS videos): each
 * section's comparison findings, in registry order (kpi-mover for the overview, leaderboard-movement
 * for creators).
 */
export function comparisonInsights(model: ReportModel): Insight[] {
  const cmp = model.comparison;
  if (!cmp || model.overview.videos < MIN_SCOPE_VIDEOS || cmp.overview.videos < MIN_SCOPE_VIDEOS) return [];
  return SECTIONS.flatMap((s) => s.comparisonInsights?.(model, cmp) ?? []);
}

// ---------------------------------------------------------------------------
// Entry point

/** Every insight the model supports, comparison ones included, in SECTION_ORDER / KIND_ORDER order. Pure. */
export function computeInsights(model: ReportModel): Insight[] {
  return sortInsights([...SECTIONS.flatMap((s) => s.insights?.(model) ?? []), ...comparisonInsights(model)]);
}

/**
 * The report's own sentences in its locale: each insight made again in `locale` (same figures,
 * same rules, so the same list in the same order) lends its parts to the English one, which the
 * HTML, PDF and email show; `text` stays English for metrics.json. English needs nothing (a
 * language without words, pt-BR, still gets its own figures and weekday names).
 */
export function localizeInsights(model: ReportModel, locale: string, shown: (i: Insight) => boolean): void {
  if (localeOf(locale).englishFormats) return; // English words and forms: the sentences as made

  const lend = (english: Insight[], local: Insight[]) => {
    const kept = local.filter(shown);
    if (kept.length !== english.length) return; // cannot happen (same rules on the same figures); English stays
    english.forEach((e, i) => kept[i].kind === e.kind && setInsightParts(e, insightParts(kept[i])));
  };
  withLocale(locale, () => {
    lend(model.insights, computeInsights(model));
    if (model.comparison) lend(model.comparison.insights, comparisonInsights(model));
  });
}
