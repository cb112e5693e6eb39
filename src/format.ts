// Number and date formatting shared by the templates, the chart axes, the email and insight
// sentences: the one place that formats. It follows the report's locale (src/i18n/locale.ts;
// en-US outside a report) through Intl, never the machine's; English keeps its own compact and
// date forms ("1.2M", "14 Feb 2025"). One placeholder (an em dash) for every missing figure.
import { DateTime } from 'luxon';
import { currentLocale } from './i18n/locale.ts';
import { t } from './i18n/index.ts';

export const MISSING = '—';
/** A headline figure (KPI card, email) that cannot be stated: its concept is absent from the export,
 *  or nothing in scope has it (SPEC 10: "n/a", never 0). Tables keep MISSING for an empty cell. */
export const NOT_AVAILABLE = 'n/a';

/** A KPI's value as a card shows it: `n/a` where the figure is null. */
export const kpiFigure = (v: Num, format: (v: number) => string): string => (isFiniteNumber(v) ? format(v) : NOT_AVAILABLE);
const MINUS = '−'; // U+2212, the typographic minus used in signed figures

type Num = number | null | undefined;

const isFiniteNumber = (n: Num): n is number => typeof n === 'number' && Number.isFinite(n);

/** Number-format cache: Intl.NumberFormat objects are costly to build and formatting is hot. */
const formatters = new Map<string, Intl.NumberFormat>();
function cached(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = make()));
  return f;
}
function nf(min: number, max: number): Intl.NumberFormat {
  const tag = currentLocale().tag;
  return cached(`${tag}:${min}:${max}`, () => new Intl.NumberFormat(tag, { minimumFractionDigits: min, maximumFractionDigits: max, useGrouping: true }));
}
/** English formats (the tag's own language, not the catalogue's: pt-BR has English words but its own numbers and dates). */
const english = (): boolean => currentLocale().englishFormats;

/** Replace the ASCII hyphen-minus of a negative number with a real minus sign; `-0` prints as 0. */
function withMinus(s: string): string {
  if (s.startsWith('-')) {
    const rest = s.slice(1);
    return /[1-9]/.test(rest) ? MINUS + rest : rest;
  }
  return s;
}

/** 1234567 -> "1,234,567" (rounded to the nearest integer). */
export function formatInt(n: Num): string {
  if (!isFiniteNumber(n)) return MISSING;
  return withMinus(nf(0, 0).format(Math.round(n)));
}

/** A number with exactly `digits` decimals and thousands grouping: 1234.5, 2 -> "1,234.50". */
export function formatNumber(n: Num, digits = 2): string {
  if (!isFiniteNumber(n)) return MISSING;
  return withMinus(nf(digits, digits).format(n));
}

/** A number as written in a setting, up to six decimals, none added: 2.5 -> "2.5" ("2,5" in German). */
export function formatPlain(n: Num): string {
  if (!isFiniteNumber(n)) return MISSING;
  const tag = currentLocale().tag;
  return withMinus(cached(`${tag}:plain`, () => new Intl.NumberFormat(tag, { maximumFractionDigits: 6 })).format(n));
}

/**
 * Short human figure: 950 -> "950", 412_300 -> "412K", 1_234_567 -> "1.2M", 12_500 -> "12.5K".
 * Three significant figures at most, trailing ".0" dropped; values that round up to the next
 * unit move to it (999_950 -> "1M", not "1000K").
 */
export function formatCompact(n: Num): string {
  if (!isFiniteNumber(n)) return MISSING;
  if (!english()) return withMinus(intlCompact(n));
  const sign = n < 0 ? MINUS : '';
  const a = Math.abs(n);
  if (Math.round(a) < 1000) return sign + String(a < 10 && a % 1 !== 0 ? Math.round(a * 10) / 10 : Math.round(a));
  const units: [number, string][] = [[1e3, 'K'], [1e6, 'M'], [1e9, 'B'], [1e12, 'T']];
  for (let i = 0; i < units.length; i++) {
    const [size, suffix] = units[i];
    const v = a / size;
    const rounded = Number(v.toFixed(v >= 100 ? 0 : 1));
    if (rounded < 1000 || i === units.length - 1) return sign + String(rounded) + suffix;
  }
  return sign + String(a); // unreachable: the last unit always returns
}

/**
 * Another language's compact figure as Intl writes it ("1,2 Mio.", "12,5 k", "412.300" where
 * German has no word for thousands), with the English rule's precision: one decimal at most,
 * none from 100 of a unit up.
 */
function intlCompact(n: number): string {
  const tag = currentLocale().tag;
  const one = cached(`${tag}:compact1`, () => new Intl.NumberFormat(tag, { notation: 'compact', maximumFractionDigits: 1 }));
  const parts = one.formatToParts(n);
  const unit = parts.some((p) => p.type === 'compact');
  const digits = parts.filter((p) => p.type === 'integer').reduce((k, p) => k + p.value.length, 0);
  if (unit && digits >= 3) return cached(`${tag}:compact0`, () => new Intl.NumberFormat(tag, { notation: 'compact', maximumFractionDigits: 0 })).format(n);
  // no word for the unit (German thousands: "58.660"): a whole number, as English rounds below 1000
  if (!unit && Math.abs(n) >= 10) return nf(0, 0).format(Math.round(n));
  return parts.map((p) => p.value).join('');
}

/** A percentage body as the locale writes it: "6.59%" in English, "6,59 %" in German and French. */
function pct(abs: number, digits: number): string {
  if (english()) return formatNumber(abs, digits) + '%';
  const tag = currentLocale().tag;
  return cached(`${tag}:pct${digits}`, () => new Intl.NumberFormat(tag, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits })).format(abs / 100);
}

/** Fraction as a percentage: 0.06594 -> "6.59%". */
export function formatPct(fraction: Num, digits = 2): string {
  if (!isFiniteNumber(fraction)) return MISSING;
  return withMinus(pct(fraction * 100, digits));
}

/** Signed percentage of a change: 0.123 -> "+12.30%", -0.04 -> "−4.00%", 0 -> "0.00%". */
export function formatSignedPct(fraction: Num, digits = 2): string {
  if (!isFiniteNumber(fraction)) return MISSING;
  const body = pct(Math.abs(fraction) * 100, digits);
  // zero as written ("0.00%", "0,00 %"): no sign; digits of other scripts than Latin count too
  if (!/[1-9\u0661-\u0669\u06F1-\u06F9\u0967-\u096F]/.test(body)) return body;
  return (fraction > 0 ? '+' : MINUS) + body;
}

/** Signed absolute change in compact form: 1200 -> "+1.2K", -3 -> "−3". */
export function formatSignedCompact(n: Num): string {
  if (!isFiniteNumber(n)) return MISSING;
  const body = formatCompact(Math.abs(n));
  if (body === '0') return body;
  return (n > 0 ? '+' : MINUS) + body;
}

/** Seconds as m:ss (h:mm:ss from an hour): 31 -> "0:31", 65 -> "1:05", 3725 -> "1:02:05". */
export function formatDuration(sec: Num): string {
  if (!isFiniteNumber(sec) || sec < 0) return MISSING;
  const total = Math.round(sec);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Byte units by language: French counts octets. */
const BYTE_UNITS: Readonly<Record<string, readonly string[]>> = { en: ['B', 'KB', 'MB', 'GB', 'TB'], fr: ['o', 'Ko', 'Mo', 'Go', 'To'] };

/** Bytes in binary units: 1_572_864 -> "1.5 MB". */
export function formatBytes(bytes: Num): string {
  if (!isFiniteNumber(bytes) || bytes < 0) return MISSING;
  const units = BYTE_UNITS[currentLocale().language] ?? BYTE_UNITS.en;
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${Math.round(v)} ${units[0]}` : `${formatNumber(v, v >= 100 ? 0 : 1)} ${units[u]}`;
}

/** What a figure is, which decides how it is shown (vocabulary.ts gives each metric its kind). */
export type ValueKind = 'count' | 'int' | 'rate' | 'score' | 'seconds';

/** A figure as its kind is shown: counts compact, integers in full, rates as a percentage, scores with two decimals, seconds as m:ss. */
export function formatKind(v: Num, kind: ValueKind): string {
  switch (kind) {
    case 'rate':
      return formatPct(v);
    case 'score':
      return formatNumber(v, 2);
    case 'seconds':
      return formatDuration(v);
    case 'int':
      return formatInt(v);
    default:
      return formatCompact(v);
  }
}

function parseIso(iso: string | null | undefined, zone: string): DateTime | null {
  if (typeof iso !== 'string' || iso === '') return null;
  // a plain date ("2025-02-14") names a calendar day: keep it, do not shift it across zones;
  // a timestamp without an offset is read as UTC, then shown in `zone`
  const dt = /^\d{4}-\d{2}-\d{2}$/.test(iso)
    ? DateTime.fromISO(iso, { zone })
    : DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone);
  return dt.isValid ? dt : null;
}

const DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };

/** A day as the locale writes it with a short month: "14 Feb 2025", "14. Feb. 2025", "14 févr. 2025". */
function dayText(dt: DateTime): string {
  return english() ? dt.setLocale('en-GB').toFormat('d LLL yyyy') : dt.setLocale(currentLocale().tag).toLocaleString(DAY);
}

/** ISO date or timestamp as a day in `zone`: "14 Feb 2025". */
export function formatDate(iso: string | null | undefined, zone = 'UTC'): string {
  const dt = parseIso(iso, zone);
  return dt ? dayText(dt) : MISSING;
}

/** A weekday's full name in the locale, Monday = 0: "Monday", "Mittwoch" (2 = Wednesday), "mercredi". */
export function weekdayName(index: number, width: 'long' | 'short' = 'long'): string {
  const tag = english() ? 'en-US' : currentLocale().tag;
  // 2024-01-01 was a Monday
  return new Intl.DateTimeFormat(tag, { weekday: width, timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1 + index));
}

/** A month's name in the locale, January = 1 (long: "März", short: "mars"). */
export function monthName(month: number, width: 'long' | 'short' = 'long'): string {
  const tag = english() ? 'en-GB' : currentLocale().tag;
  return new Intl.DateTimeFormat(tag, { month: width, timeZone: 'UTC' }).format(Date.UTC(2024, month - 1, 1));
}

/**
 * A period label as a reader sees it, its dates after a week or a month (SPEC 10):
 * "2025-W35 (25-31 Aug 2025)", "2025-08 (1-31 Aug 2025)", "2026-W01 (29 Dec 2025 – 4 Jan 2026)".
 * Any other label (a date, a range of dates, "all dates") already states its dates and is kept.
 * metrics.json keeps the bare label: it is a contract.
 */
export function withDates(label: string): string {
  const dates = datesOfLabel(label);
  return dates ? `${label} (${dates})` : periodText(label);
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A label of periods.ts that is not a week or a month, as the locale says it: "all dates",
 * "until 2025-08-31", "2025-08 to 2025-08-15", "2025-01-01 – 2025-08-31" in the report's words
 * and dates ("bis 31. Aug. 2025", "1. Jan. – 31. Aug. 2025"); English keeps the label as it is.
 */
export function periodText(label: string): string {
  if (english()) return label;
  const day = (iso: string) => formatDate(iso);
  let m: RegExpExecArray | null;
  if (label === 'all dates') return t('period.all');
  if (ISO_DAY.test(label)) return day(label);
  if ((m = /^until (\d{4}-\d{2}-\d{2})$/.exec(label))) return t('period.until', { date: day(m[1]) });
  if ((m = /^from (\d{4}-\d{2}-\d{2})$/.exec(label))) return t('period.from', { date: day(m[1]) });
  if ((m = /^(\d{4}-\d{2}) to (\d{4}-\d{2}-\d{2})$/.exec(label))) return t('period.monthTo', { month: m[1], date: day(m[2]) });
  if ((m = /^(\d{4}-\d{2}-\d{2}) – (\d{4}-\d{2}-\d{2})$/.exec(label))) {
    const [a, b] = [parseIso(m[1], 'UTC'), parseIso(m[2], 'UTC')];
    if (a && b && a <= b) return new Intl.DateTimeFormat(currentLocale().tag, { ...DAY, timeZone: 'UTC' }).formatRange(a.toJSDate(), b.toJSDate());
  }
  return label;
}

/** The days a week or month label covers ("25-31 Aug 2025"); null for any other label. */
export function datesOfLabel(label: string): string | null {
  let from: DateTime | null = null;
  let to: DateTime | null = null;
  const week = /^(\d{4})-W(\d{2})$/.exec(label);
  const month = /^(\d{4})-(\d{2})$/.exec(label);
  if (week) {
    from = DateTime.fromObject({ weekYear: Number(week[1]), weekNumber: Number(week[2]), weekday: 1 }, { zone: 'utc' });
    to = from.plus({ days: 6 });
  } else if (month) {
    from = DateTime.fromObject({ year: Number(month[1]), month: Number(month[2]), day: 1 }, { zone: 'utc' });
    to = from.endOf('month');
  }
  if (!from?.isValid || !to?.isValid) return null;
  if (!english()) {
    // Intl's own range: "25.–31. Aug. 2025", "25–31 août 2025", "29 dic 2025 – 4 ene 2026"
    const tag = currentLocale().tag;
    return new Intl.DateTimeFormat(tag, { ...DAY, timeZone: 'UTC' }).formatRange(from.toJSDate(), to.toJSDate());
  }
  const [a, b] = [from.setLocale('en-GB'), to.setLocale('en-GB')];
  // within a month as SPEC writes it (25-31 Aug 2025); across months spaced, as other ranges are
  if (a.year === b.year && a.month === b.month) return `${a.toFormat('d')}-${b.toFormat('d LLL yyyy')}`;
  return `${a.toFormat(a.year === b.year ? 'd LLL' : 'd LLL yyyy')} – ${b.toFormat('d LLL yyyy')}`;
}

/** ISO timestamp in `zone` with the zone's name: "14 Feb 2025, 10:30 UTC". */
export function formatDateTime(iso: string | null | undefined, zone = 'UTC'): string {
  const dt = parseIso(iso, zone);
  if (!dt) return MISSING;
  const name = dt.zone.isUniversal && dt.offset === 0 ? 'UTC' : dt.zoneName ?? dt.toFormat('ZZ');
  if (!english()) return `${dt.setLocale(currentLocale().tag).toLocaleString({ ...DAY, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })} ${name}`;
  return `${dt.setLocale('en-GB').toFormat('d LLL yyyy, HH:mm')} ${name}`;
}

// ---------------------------------------------------------------------------
// Data strings as the reader sees them

/** Graphemes shown of a name (creator, hashtag, category, segment, chart label, a value in a sentence). */
export const NAME_GRAPHEMES = 80;
/** Graphemes shown of a longer text (a title, a table cell, the report title). */
export const TEXT_GRAPHEMES = 200;
/**
 * UTF-16 units kept of one grapheme: the longest emoji sequences take ~20; a letter under
 * thousands of stacked combining marks (one grapheme) is cut to its first marks.
 */
const GRAPHEME_UNITS = 32;
export const ELLIPSIS = '…';

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/**
 * `s` cut to at most `max` graphemes, with an ellipsis when anything was left out: never inside
 * a surrogate pair or a base letter's combining sequence (a grapheme over GRAPHEME_UNITS units
 * keeps its first whole code points). Work is bounded by `max`, not by the length of `s`: a
 * 1 MB title costs what a short one does. Full text stays in metrics.json and filtered.csv.
 */
export function truncateForDisplay(s: string, max: number): string {
  const { text, cut } = cutForDisplay(s, max);
  return cut ? text + ELLIPSIS : text;
}

/** truncateForDisplay() without the ellipsis: the kept text and whether anything was left out. */
export function cutForDisplay(s: string, max: number): { text: string; cut: boolean } {
  if (s.length <= max) return { text: s, cut: false }; // fewer units than max: fewer graphemes too
  // enough units for `max` graphemes of the largest kept size, plus one grapheme to know there is more
  const window = s.length > (max + 1) * GRAPHEME_UNITS ? s.slice(0, (max + 1) * GRAPHEME_UNITS) : s;
  let out = '';
  let count = 0;
  let cut = false;
  for (const { segment, index } of graphemes.segment(window)) {
    const unfinished = index + segment.length === window.length && window.length < s.length;
    if (count === max || (unfinished && segment.length <= GRAPHEME_UNITS)) {
      cut = true; // more graphemes follow, or the window may have ended inside this one
      break;
    }
    if (segment.length > GRAPHEME_UNITS) {
      out += cutUnits(segment, GRAPHEME_UNITS);
      cut = true;
    } else out += segment;
    count++;
  }
  return { text: out, cut: cut || window.length < s.length };
}

/** The first whole code points of `s` within `units` UTF-16 units. */
function cutUnits(s: string, units: number): string {
  let end = 0;
  for (const cp of s) {
    if (end + cp.length > units) break;
    end += cp.length;
  }
  return s.slice(0, end);
}

const FSI = '\u2068'; // FIRST STRONG ISOLATE
const PDI = '\u2069'; // POP DIRECTIONAL ISOLATE

/**
 * A data value inside a plain-text sentence (an aria label, the document title, the PDF
 * header): isolated, so its own direction (or an unclosed U+202E in it) cannot reorder the
 * words and figures around it. HTML uses <bdi> instead.
 */
export function isolate(s: string): string {
  return FSI + s + PDI;
}

/** Characters that can reorder the text after them: bidi controls and letters of right-to-left scripts. */
const REORDERS =
  /[\p{Bidi_Control}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}\p{Script=Samaritan}\p{Script=Mandaic}]/u;

/**
 * isolate(s) when `s` could reorder what follows it, else `s`: for a short plain-text line where
 * two invisible characters count (a document title is best kept within 70 characters).
 */
export function isolateIfNeeded(s: string): string {
  return REORDERS.test(s) ? isolate(s) : s;
}
