// Virality lab charts: the score histogram with its threshold, views against engagement rate
// (points or binned density) and the candidates' median score by platform.
import type { TopLevelSpec } from 'vega-lite';
import type { Virality } from '../../types.ts';
import { formatCompact, formatNumber, formatPct, isolate } from '../../format.ts';
import { base, decades, extent, finite, horizontalBars, compactLabel, countAxis, type ChartSpec, type Json, type Row } from '../../charts/specs.ts';
import { SIZE, type ChartTheme } from '../../charts/theme.ts';
import { t as tr } from '../../i18n/index.ts';
import { thresholdRuleText } from '../../vocabulary.ts';

// the scatter's two groups, named in its legend
const CANDIDATE = () => tr('virality.scatter.candidate');
const OTHER = () => tr('virality.scatter.other');
/** Histogram of virality scores from the model's bins, the threshold as a labelled rule. */
export function viralityHistogram(v: Virality, t: ChartTheme): ChartSpec {
  const bins: Row[] = v.histogram
    .filter((b) => finite(b.x0) && finite(b.x1))
    .map((b) => ({
      x0: b.x0,
      x1: b.x1,
      count: b.count,
      above: v.threshold !== null && b.x0 >= v.threshold,
      desc: tr('desc.bin', { from: formatNumber(b.x0, 1), to: formatNumber(b.x1, 1), videos: formatCompact(b.count) }),
    }));
  const hasThreshold = bins.length > 0 && finite(v.threshold);
  const description = bins.length
    ? tr('desc.histogram', { n: String(bins.length) }) +
      (hasThreshold
        ? tr('desc.histogram.threshold', { threshold: formatNumber(v.threshold, 2), rule: thresholdRuleText(v.thresholdRule), candidates: formatCompact(v.candidates), share: formatPct(v.candidateShare, 1) })
        : '.')
    : tr('desc.histogram.none');
  const layers: Json[] = [
    {
      data: { values: bins },
      mark: { type: 'bar', binSpacing: 1, cornerRadiusEnd: 0 },
      encoding: {
        x: { field: 'x0', type: 'quantitative', bin: { binned: true }, title: tr('virality.histogram.axis'), axis: { format: '.0f', tickCount: 8 } },
        x2: { field: 'x1' },
        y: { field: 'count', type: 'quantitative', title: tr('axis.videosCount'), axis: { ...countAxis(), tickCount: 5 } },
        color: {
          field: 'above',
          type: 'nominal',
          scale: { domain: [false, true], range: [t.accentSoft, t.accent] },
          legend: null,
        },
        description: { field: 'desc' },
      },
    },
  ];
  if (hasThreshold) {
    const label = `${tr('virality.histogram.threshold', { value: formatNumber(v.threshold, 2) })} · ${thresholdRuleText(v.thresholdRule)}`;
    layers.push(
      {
        data: { values: [{ threshold: v.threshold }] },
        mark: { type: 'rule', color: t.highlight, strokeWidth: 2, strokeDash: [5, 3] },
        encoding: { x: { field: 'threshold', type: 'quantitative' } },
      },
      {
        data: { values: [{ threshold: v.threshold, label }] },
        mark: { type: 'text', align: 'left', baseline: 'top', dx: 6, y: 4, color: t.highlight, fontWeight: 600, fontSize: SIZE.fontSize - 1 },
        encoding: { x: { field: 'threshold', type: 'quantitative' }, text: { field: 'label' } },
      },
    );
  }
  const spec = { ...base(t, 'half', tr('virality.histogram.title'), description, tr('virality.histogram.subtitle')), layer: layers };
  return { id: 'virality-histogram', caption: tr('virality.histogram.caption'), title: tr('virality.histogram.title'), description, size: 'half', spec: spec as unknown as TopLevelSpec };
}

/** Views (log) against engagement rate: points for small inputs, binned density otherwise. */
export function viralityScatter(v: Virality, t: ChartTheme): ChartSpec {
  const title = tr('virality.scatter.title');
  let spec: Json;
  let description: string;
  const x = (field: string, ext: [number, number] | null) => ({
    field,
    type: 'quantitative',
    title: tr('axis.viewsPerVideoLog'),
    scale: { type: 'log', domain: ext ?? undefined, nice: false },
    axis: { labelExpr: compactLabel(), values: ext ? decades(ext[0], ext[1]) : undefined, grid: true },
  });
  const y = (field: string) => ({ field, type: 'quantitative', title: tr('axis.erPct'), axis: { format: '.0~%', tickCount: 5 } });
  if (v.scatter.kind === 'points') {
    const values: Row[] = v.scatter.points
      .filter((p) => finite(p.views) && p.views > 0 && finite(p.engagementRate))
      .map((p) => ({ views: p.views, rate: p.engagementRate, group: p.candidate ? CANDIDATE() : OTHER() }));
    const candidates = values.filter((p) => p.group === CANDIDATE()).length;
    const ext = extent(values.map((p) => p.views as number));
    const dom: [number, number] | null = ext ? [10 ** Math.floor(Math.log10(ext[0])), 10 ** Math.ceil(Math.log10(ext[1]))] : null;
    description = values.length
      ? tr('desc.scatter', { n: String(values.length), candidates: String(candidates) })
      : tr('desc.scatter.none');
    spec = {
      ...base(t, 'half', title, description, tr('virality.scatter.subtitle')),
      data: { values },
      mark: { type: 'circle', size: 18, opacity: 0.65 },
      encoding: {
        x: x('views', dom),
        y: y('rate'),
        color: { field: 'group', type: 'nominal', scale: { domain: [OTHER(), CANDIDATE()], range: [t.accent, t.highlight] }, legend: { title: null, orient: 'bottom-right', direction: 'horizontal', fillColor: t.background, padding: 4 } },
        order: { field: 'group', sort: 'descending' },
      },
    };
  } else {
    const values: Row[] = v.scatter.bins
      .filter((b) => b.count > 0 && [b.logViews0, b.logViews1, b.rate0, b.rate1].every(finite))
      .map((b) => ({ v0: 10 ** b.logViews0, v1: 10 ** b.logViews1, r0: b.rate0, r1: b.rate1, count: b.count }));
    const ext = extent(values.flatMap((b) => [b.v0 as number, b.v1 as number]));
    const total = values.reduce((a, b) => a + (b.count as number), 0);
    description = values.length
      ? tr('desc.density', { videos: formatCompact(total), n: String(values.length) })
      : tr('desc.density.none');
    spec = {
      ...base(t, 'half', title, description, tr('virality.density.subtitle')),
      data: { values },
      mark: { type: 'rect' },
      encoding: {
        x: x('v0', ext),
        x2: { field: 'v1' },
        y: y('r0'),
        y2: { field: 'r1' },
        color: { field: 'count', type: 'quantitative', title: tr('col.videos'), scale: { type: 'log', range: t.sequential }, legend: { orient: 'right', direction: 'vertical', gradientLength: 120, labelExpr: compactLabel() } },
      },
    };
  }
  const caption = v.scatter.kind === 'points'
    ? tr('virality.scatter.caption')
    : tr('virality.density.caption');
  return { id: 'virality-scatter', caption, title, description, size: 'half', spec: spec as unknown as TopLevelSpec };
}

export function platformScoreBars(v: Virality, t: ChartTheme): ChartSpec {
  const rows = v.byPlatform.filter((p) => finite(p.medianScore)).map((p) => ({ label: p.platform, value: p.medianScore as number, videos: p.candidates }));
  const description = rows.length
    ? tr('desc.platform', { list: rows.map((r) => tr('desc.platform.item', { platform: isolate(r.label), score: formatNumber(r.value, 2), candidates: formatCompact(r.videos) })).join(', ') })
    : tr('desc.platform.none');
  const spec = horizontalBars({ t, title: tr('virality.platform.title'), description, rows, kind: 'score', valueTitle: tr('virality.platform.axis'), categoryTitle: tr('col.platform'), size: 'full' });
  (spec as unknown as Json).height = 70 + Math.max(1, rows.length) * 30;
  return { id: 'virality-platform', caption: tr('virality.platform.caption'), title: tr('virality.platform.title'), description, size: 'full', spec };
}

/** The section's charts when it is available (the platform chart when a platform has candidates). */
export function viralityCharts(v: Virality, t: ChartTheme) {
  if (!v.available) return { histogram: null, scatter: null, platform: null };
  return {
    histogram: viralityHistogram(v, t),
    scatter: viralityScatter(v, t),
    platform: v.byPlatform.length ? platformScoreBars(v, t) : null,
  };
}
