// The one chart theme of the report, in a light and a dark variant: palette, font stack, sizes,
// and the Vega-Lite `config` built from them. The HTML styles use the same colours (see
// templates/styles.css), so charts and page read as one piece on screen and in print.
import type { Config as VlConfig } from 'vega-lite';

export type ThemeName = 'light' | 'dark';

export const FONT_STACK = '"Noto Sans", "DejaVu Sans", "Noto Sans CJK SC", "Noto Sans Arabic", "Noto Color Emoji", sans-serif';

export interface ChartTheme {
  name: ThemeName;
  background: string;
  text: string; // titles, axis titles
  muted: string; // axis labels, captions
  grid: string;
  domain: string;
  accent: string; // the one accent: every single-series mark
  accentSoft: string; // area fills, secondary bars
  highlight: string; // threshold rules, candidates, "above" markers
  positive: string;
  negative: string;
  neutral: string; // "Low" / "Unknown" and other de-emphasised marks
  categorical: string[];
  sequential: [string, string, string]; // low -> high (heatmap, density)
}

export const LIGHT: ChartTheme = {
  name: 'light',
  background: '#ffffff',
  text: '#1f2430',
  muted: '#5b6472',
  grid: '#eceef2',
  domain: '#c5cad3',
  accent: '#3b5bdb',
  accentSoft: '#c9d3f6',
  highlight: '#d9480f',
  positive: '#2b8a3e',
  negative: '#c92a2a',
  neutral: '#adb5bd',
  categorical: ['#3b5bdb', '#7b93e8', '#b4c2f1', '#ced4da'],
  sequential: ['#eef2fc', '#8ea2ec', '#1c3a9e'],
};

export const DARK: ChartTheme = {
  name: 'dark',
  background: '#161a23', // the card surface the chart sits on, not the page
  text: '#e6e8ec',
  muted: '#9aa3b2',
  grid: '#232733',
  domain: '#3a4050',
  accent: '#7b93f0',
  accentSoft: '#2c3a6b',
  highlight: '#ff922b',
  positive: '#51cf66',
  negative: '#ff6b6b',
  neutral: '#5c6370',
  categorical: ['#7b93f0', '#5369c4', '#364a93', '#4a505c'],
  sequential: ['#161b2e', '#3f5bc8', '#b9c7ff'],
};

export const themeFor = (name: ThemeName): ChartTheme => (name === 'dark' ? DARK : LIGHT);

/**
 * Chart sizes in CSS pixels (vega `autosize: fit`: the whole SVG, axes and titles included).
 * Half and full charts scale alike on the page: about 1.2x on a 1180px screen, 0.77x on A4
 * portrait, where 12px labels still print at about 7pt.
 */
export const SIZE = {
  half: { width: 420, height: 230 }, // two per row on screen and in print
  full: { width: 880, height: 250 }, // one per row
  fontSize: 12,
  titleSize: 15,
  labelLimit: 170,
} as const;

/** Vega-Lite config for a theme: quiet axes, horizontal grid only, left-aligned titles. */
export function vegaLiteConfig(t: ChartTheme): VlConfig {
  return {
    // No ARIA attributes on marks and guides: the SVG root is role="img" with the chart's
    // description as its label (render.ts), which makes everything inside it presentational.
    // Per-mark labels were 18 % of the report's HTML (the density chart's cells alone ~170 bytes
    // each) and repeated every data value, untrusted text included, in attributes.
    aria: false,
    background: t.background,
    padding: { top: 6, right: 10, bottom: 6, left: 6 },
    font: FONT_STACK,
    autosize: { type: 'fit', contains: 'padding' },
    view: { stroke: null },
    title: {
      anchor: 'start',
      color: t.text,
      fontSize: SIZE.titleSize,
      fontWeight: 600,
      subtitleColor: t.muted,
      subtitleFontSize: SIZE.fontSize - 0.5,
      offset: 12,
    },
    axis: {
      labelColor: t.muted,
      titleColor: t.muted,
      labelFontSize: SIZE.fontSize - 0.5,
      titleFontSize: SIZE.fontSize - 0.5,
      titleFontWeight: 500,
      gridColor: t.grid,
      domainColor: t.domain,
      tickColor: t.domain,
      labelLimit: SIZE.labelLimit,
      titlePadding: 8,
      labelPadding: 4,
    },
    axisX: { grid: false, tickSize: 4 },
    // y titles sit horizontally above the plot (as in Observable Plot): they never collide
    // with a short chart's height and read without turning the page
    axisY: { grid: true, domain: false, ticks: false, titleAngle: 0, titleAlign: 'left', titleX: 0, titleY: -10, titleBaseline: 'bottom' },
    axisBand: { grid: false },
    legend: {
      labelColor: t.muted,
      titleColor: t.muted,
      labelFontSize: SIZE.fontSize - 1,
      titleFontSize: SIZE.fontSize - 1,
      titleFontWeight: 500,
      orient: 'top',
      direction: 'horizontal',
      symbolType: 'square',
    },
    range: { category: t.categorical },
    bar: { color: t.accent, cornerRadiusEnd: 2 },
    rect: { color: t.accent },
    line: { color: t.accent, strokeWidth: 2 },
    area: { color: t.accent },
    point: { color: t.accent, filled: true },
    tick: { color: t.accent },
    rule: { color: t.muted },
    text: { color: t.text, fontSize: SIZE.fontSize - 1 },
    // no data field may ever become a link or an image source
    mark: { tooltip: false },
  };
}
