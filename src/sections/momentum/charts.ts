// Momentum chart: views gained in the period by platform (a bar per platform, highest first).
import type { Momentum } from '../../types.ts';
import { formatKind, isolate } from '../../format.ts';
import { horizontalBars, type ChartSpec } from '../../charts/specs.ts';
import type { ChartTheme } from '../../charts/theme.ts';

export function momentumPlatformBars(m: Momentum, t: ChartTheme): ChartSpec {
  const rows = m.byPlatform.slice(0, 20).map((r) => ({ label: r.platform, value: r.viewsGained, videos: r.videos }));
  const title = 'Views gained by platform';
  const description = rows.length
    ? `Horizontal bars of views gained in ${m.label} by platform: ` + rows.slice(0, 5).map((r) => `${isolate(r.label)} ${formatKind(r.value, 'count')}`).join(', ') + (rows.length > 5 ? ', …' : '.')
    : `${title}: no video in scope names its platform.`;
  const spec = horizontalBars({ t, title, description, rows, kind: 'count', valueTitle: 'Views gained (count)', categoryTitle: 'Platform', size: 'half' });
  return { id: 'momentum-platforms', caption: 'Gained between the exports around the period: the last one by its end minus the last one by its start.', title, description, size: 'half', spec };
}

/** The section's charts: the platform bars, or none without momentum or without a platform column. */
export function momentumCharts(m: Momentum | null, t: ChartTheme): { platforms: ChartSpec | null } {
  return { platforms: m && m.byPlatform.length ? momentumPlatformBars(m, t) : null };
}
