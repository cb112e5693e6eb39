// The pieces every section's view (src/sections/<id>/view.ts) and the cover are made of: KPI
// cards, table cells and tables as the partials under templates/partials/ render them. Data
// strings arrive cut and drawable (display.ts); Handlebars escapes them.
import Handlebars from 'handlebars';
import * as fmt from '../format.ts';
import type { SafeHtml } from './display.ts';
import type { KpiChange } from '../types.ts';
import { t } from '../i18n/index.ts';

/** What a KPI figure is: a value kind, or a list (counted) */
export type Kind = fmt.ValueKind | 'list';

export interface KpiView {
  label: string;
  value: string;
  title?: string; // the exact figure, when the value is compact
  sub?: string | SafeHtml;
  change?: { direction: 'up' | 'down' | 'flat'; arrow: string; absolute: string; percent: string; label: string };
}

export interface Cell {
  text: string;
  num?: boolean; // right-aligned, tabular figures
  dir?: boolean; // untrusted text: dir="auto" and bidi isolation
  title?: string;
  cls?: string;
}

export interface TableView {
  caption: string;
  columns: { label: string; num?: boolean }[];
  rows: Cell[][];
  compact?: boolean;
  scroll?: boolean;
}

/** A run of this many UTF-16 units without a space cannot wrap: such a cell may break anywhere (a hostile or pasted cell). */
const LONG_WORD = /\S{48}/u;

export const text = (s: string | null | undefined): Cell =>
  s === null || s === undefined || s === '' ? { text: fmt.MISSING, dir: true } : { text: s, dir: true, cls: LONG_WORD.test(s) ? 'cell-break' : undefined };
export const num = (s: string, title?: string): Cell => ({ text: s, num: true, title });
/**
 * A cell of a column whose concept the export does not have: "n/a" (SPEC 10, as the KPI cards
 * say it), never 0 and never the dash that means one value is missing in a column that exists.
 */
export const absent = (numeric = false): Cell => ({ text: fmt.NOT_AVAILABLE, num: numeric || undefined });

/** Values (already shown as names) inside one line of our words: each in its own <bdi>. */
export function valuesHtml(values: string[], separator: string): SafeHtml {
  return new Handlebars.SafeString(values.map((v) => `<bdi>${Handlebars.escapeExpression(v)}</bdi>`).join(Handlebars.escapeExpression(separator)));
}

/** Absolute change in the KPI's own unit: rates in percentage points. */
function formatAbsoluteChange(v: number | null, kind: Kind): string {
  if (v === null || !Number.isFinite(v)) return fmt.MISSING;
  const sign = v > 0 ? '+' : v < 0 ? '−' : '±';
  const a = Math.abs(v);
  switch (kind) {
    case 'rate':
      return `${sign}${t('unit.pp', { n: fmt.formatNumber(a * 100, 2) })}`;
    case 'score':
      return `${sign}${fmt.formatNumber(a, 2)}`;
    case 'seconds':
      return `${sign}${t('unit.seconds', { n: fmt.formatNumber(a, a % 1 === 0 ? 0 : 1) })}`;
    case 'int':
    case 'list':
      return `${sign}${fmt.formatInt(a)}`;
    default:
      return `${sign}${fmt.formatCompact(a)}`;
  }
}

/** A KPI's change against the previous period as its card shows it (arrow, absolute, percent, "vs" the previous figure). */
export function changeView(c: KpiChange | undefined, kind: Kind, previous: string): KpiView['change'] {
  if (!c) return undefined;
  const basis = c.absolute ?? c.percent;
  const direction = basis === null || basis === 0 ? 'flat' : basis > 0 ? 'up' : 'down';
  return {
    direction,
    arrow: direction === 'up' ? '▲' : direction === 'down' ? '▼' : '■',
    absolute: formatAbsoluteChange(c.absolute, kind),
    percent: fmt.formatSignedPct(c.percent, 1),
    label: t('kpi.vs', { previous }),
  };
}
