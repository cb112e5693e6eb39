// The report's locale as Vega formats numbers and dates on axes and legends (its d3-format and
// d3-time-format locale, built from Intl so any BCP 47 tag works), and the compact label
// expression of count axes with the language's own unit words ("1,5 Mio.", "12 k").
import { currentLocale } from '../i18n/locale.ts';
import { t } from '../i18n/index.ts';

/** Vega's `config.locale` for the locale in force; null in English, whose charts keep Vega's default (en-US). */
export function vegaLocale(): Record<string, unknown> | null {
  const { tag, englishFormats } = currentLocale();
  if (englishFormats) return null;
  const part = (parts: Intl.NumberFormatPart[], type: string, dflt: string) => parts.find((p) => p.type === type)?.value ?? dflt;
  const decimalParts = new Intl.NumberFormat(tag).formatToParts(1234567.5);
  const percentParts = new Intl.NumberFormat(tag, { style: 'percent' }).formatToParts(0.5);
  const afterNumber = percentParts.slice(percentParts.findIndex((p) => p.type === 'integer') + 1).map((p) => p.value).join('');
  const date = (opts: Intl.DateTimeFormatOptions, i: number) => new Intl.DateTimeFormat(tag, { ...opts, timeZone: 'UTC' }).format(Date.UTC(2024, 0, i));
  const month = (opts: Intl.DateTimeFormatOptions, m: number) => new Intl.DateTimeFormat(tag, { ...opts, timeZone: 'UTC' }).format(Date.UTC(2024, m, 1));
  return {
    number: {
      decimal: part(decimalParts, 'decimal', '.'),
      thousands: part(decimalParts, 'group', ''),
      grouping: [3],
      currency: ['', ''],
      percent: afterNumber || '%',
      minus: '\u2212',
    },
    time: {
      dateTime: '%x, %X',
      date: '%d.%m.%Y',
      time: '%H:%M:%S',
      periods: ['AM', 'PM'],
      // 2024-01-07 was a Sunday: d3 lists the days from Sunday
      days: Array.from({ length: 7 }, (_, i) => date({ weekday: 'long' }, 7 + i)),
      shortDays: Array.from({ length: 7 }, (_, i) => date({ weekday: 'short' }, 7 + i)),
      months: Array.from({ length: 12 }, (_, m) => month({ month: 'long' }, m)),
      shortMonths: Array.from({ length: 12 }, (_, m) => month({ month: 'short' }, m)),
    },
  };
}

/** Vega expression quoting for our own constant words (never data). */
const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * A count axis's label expression: d3's SI prefixes ("k", "M", "G") as the language writes its
 * units; below 1 a plain number (SI would write 0.5 as "500m", read as 500 million).
 * English keeps the expression the report always had ("K" and "B", as format.ts writes them).
 */
export function compactLabelExpr(): string {
  if (currentLocale().englishFormats) {
    return "abs(datum.value) < 1 ? format(datum.value, '~g') : replace(replace(format(datum.value, '~s'), 'k', 'K'), 'G', 'B')";
  }
  const units = [['k', t('chart.unit.thousand')], ['M', t('chart.unit.million')], ['G', t('chart.unit.billion')]];
  const expr = units.reduce((e, [prefix, word]) => `replace(${e}, '${prefix}', ${quote(word)})`, "format(datum.value, '~s')");
  return `abs(datum.value) < 1 ? format(datum.value, '~g') : ${expr}`;
}
