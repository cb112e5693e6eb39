// Count axes (issue 24): an axis of videos or views never reads a fractional SI label such as
// "500m" (d3's "milli" for 0.5) or "µ": whole-number ticks only, plain numbers below 1.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { renderChartSvg } from '../src/charts/render.ts';
import { verticalBars } from '../src/charts/specs.ts';
import { LIGHT } from '../src/charts/theme.ts';
import { viralPotentialBars } from '../src/sections/overview/charts.ts';

/** the tick labels of the chart's axes, in drawing order */
function axisLabels(svg: string): string[] {
  const out: string[] = [];
  for (const g of svg.matchAll(/<g class="mark-text role-axis-label"[^>]*>([\s\S]*?)<\/g>/g)) {
    for (const t of g[1].matchAll(/<text[^>]*>([^<]*)<\/text>/g)) out.push(t[1]);
  }
  return out;
}

/** median views by hour, two bars, as the growth section draws them */
const hourBars = (a: number, b: number) =>
  verticalBars({
    t: LIGHT,
    title: 'Median views by hour',
    description: 'test',
    rows: [
      { label: '01', value: a, videos: 2 },
      { label: '02', value: b, videos: 4 },
    ],
    order: ['01', '02'],
    kind: 'count',
    valueTitle: 'Median views',
    categoryTitle: 'Hour',
  });

const t = suite('count axes');

t('videos per viral-potential class, 1 at most: ticks 0 and 1, never 200m, 500m', async () => {
  const c = viralPotentialBars(
    [
      { label: 'High', videos: 1, share: 0.5 },
      { label: 'Medium', videos: 0, share: 0 },
      { label: 'Low', videos: 1, share: 0.5 },
    ],
    LIGHT,
  );
  const labels = axisLabels(await renderChartSvg(c.spec, { idPrefix: c.id }));
  assert.equal(labels, ['High', 'Medium', 'Low', '0', '1']);
});

t('a median-views axis whose values all lie below 1: plain numbers (0.5), never 500m', async () => {
  const labels = axisLabels(await renderChartSvg(hourBars(0.5, 0.25), { idPrefix: 'hours' }));
  assert.equal(labels, ['01', '02', '0', '0.5']);
});

t('large counts keep their compact labels', async () => {
  const labels = axisLabels(await renderChartSvg(hourBars(1500, 2_000_000), { idPrefix: 'hours' }));
  assert.equal(labels.slice(2), ['0', '500K', '1M', '1.5M', '2M']);
});

t.run();
