// Momentum chart: views gained in the period by platform (a bar per platform, highest first).
import type { Momentum } from '../../types.ts';
import { formatKind, isolate } from '../../format.ts';
import { horizontalBars, type ChartSpec } from '../../charts/specs.ts';
import type { ChartTheme } from '../../charts/theme.ts';
import { t } from '../../i18n/index.ts';

export function momentumPlatformBars(m: Momentum, theme: ChartTheme): ChartSpec {
  const rows = m.byPlatform.slice(0, 20).map((r) => ({ label: r.platform, value: r.viewsGained, videos: r.videos }));
  const title = t('momentum.chart.title');
  const description = rows.length
    ? t('momentum.chart.desc', { period: m.label }) + rows.slice(0, 5).map((r) => `${isolate(r.label)} ${formatKind(r.value, 'count')}`).join(', ') + (rows.length > 5 ? ', …' : '.')
    : t('momentum.chart.desc.none');
  const spec = horizontalBars({ t: theme, title, description, rows, kind: 'count', valueTitle: t('momentum.chart.axis'), categoryTitle: t('segmentBy.platform.title'), size: 'half' });
  return { id: 'momentum-platforms', caption: t('momentum.chart.caption'), title, description, size: 'half', spec };
}

/** The section's charts: the platform bars, or none without momentum or without a platform column. */
export function momentumCharts(m: Momentum | null, t: ChartTheme): { platforms: ChartSpec | null } {
  return { platforms: m && m.byPlatform.length ? momentumPlatformBars(m, t) : null };
}
