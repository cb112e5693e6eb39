// Calendar arithmetic on local day numbers (days since 1970-01-01, a Thursday): ISO dates,
// ISO-8601 weeks, months and the growth periods. Pure integer arithmetic (Hinnant's civil
// calendar algorithms), so grouping a million rows never builds a Date or a luxon object.
import type { GrowthPeriod } from '../types.ts';

const DAYS_PER_ERA = 146097; // 400 Gregorian years
const EPOCH_SHIFT = 719468; // days from 0000-03-01 to 1970-01-01

/** Day number of a proleptic Gregorian date (month 1..12). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * DAYS_PER_ERA + doe - EPOCH_SHIFT;
}

/** Year and month as one integer, year * 12 + (month - 1): no allocation, so it can run per row. */
export function yearMonthOf(day: number): number {
  const z = Math.floor(day) + EPOCH_SHIFT;
  const era = Math.floor(z / DAYS_PER_ERA);
  const doe = z - era * DAYS_PER_ERA;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153); // 0 = March
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return y * 12 + (m - 1);
}

/** [year, month 1..12, day 1..31] of a day number. */
export function civilFromDays(day: number): [number, number, number] {
  const ym = yearMonthOf(day);
  const y = Math.floor(ym / 12);
  const m = ym - y * 12 + 1;
  return [y, m, Math.floor(day) - daysFromCivil(y, m, 1) + 1];
}

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;
const pad4 = (n: number) => (n < 0 ? '-' + String(-n).padStart(4, '0') : String(n).padStart(4, '0'));

/** 2025-02-14 */
export function dayToIso(day: number): string {
  const [y, m, d] = civilFromDays(day);
  return `${pad4(y)}-${pad2(m)}-${pad2(d)}`;
}

/** Day number of a `YYYY-MM-DD` string; NaN when it is not one or names no real date (2025-02-30). */
export function isoToDay(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return NaN;
  const y = +m[1], mo = +m[2], d = +m[3];
  if (mo < 1 || mo > 12 || d < 1) return NaN;
  const day = daysFromCivil(y, mo, d);
  return yearMonthOf(day) === y * 12 + mo - 1 ? day : NaN; // d beyond the month's end rolls over
}

/** 0 = Monday .. 6 = Sunday. */
export function weekdayOf(day: number): number {
  return (((Math.floor(day) + 3) % 7) + 7) % 7;
}

/** ISO-8601 week: the week (Monday..Sunday) belongs to the year of its Thursday. */
export function isoWeek(day: number): { year: number; week: number } {
  const thursday = Math.floor(day) - weekdayOf(day) + 3;
  const year = Math.floor(yearMonthOf(thursday) / 12);
  return { year, week: Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1 };
}

/** 2025-W07 */
export function isoWeekLabel(day: number): string {
  const { year, week } = isoWeek(day);
  return `${pad4(year)}-W${pad2(week)}`;
}

/** 2025-02 */
export function monthLabel(day: number): string {
  const ym = yearMonthOf(day);
  const y = Math.floor(ym / 12);
  return `${pad4(y)}-${pad2(ym - y * 12 + 1)}`;
}

/** The period a day falls in, as a sortable day number: the day, the Monday of its ISO week, or the 1st of its month. */
export function periodKey(day: number, period: GrowthPeriod): number {
  const d = Math.floor(day);
  if (period === 'day') return d;
  if (period === 'week') return d - weekdayOf(d);
  const ym = yearMonthOf(d);
  const y = Math.floor(ym / 12);
  return daysFromCivil(y, ym - y * 12 + 1, 1);
}

/** Label of a period key (any day of the period works): 2025-02-14, 2025-W07 or 2025-02. */
export function periodLabel(key: number, period: GrowthPeriod): string {
  if (period === 'day') return dayToIso(key);
  if (period === 'week') return isoWeekLabel(key);
  return monthLabel(key);
}

/**
 * Dense ordinal of the period a day falls in: consecutive periods have consecutive ordinals
 * (days since epoch, Monday-weeks since 1969-12-29, months since 1970-01). Counting sorts over
 * periods index by ordinal - min, which for months avoids the 28-31 day gaps of the key.
 */
export function periodOrdinal(day: number, period: GrowthPeriod): number {
  const d = Math.floor(day);
  if (period === 'day') return d;
  if (period === 'week') return Math.floor((d + 3) / 7);
  return yearMonthOf(d) - 1970 * 12;
}

/** The period key (see periodKey) of an ordinal (see periodOrdinal). */
export function ordinalKey(ordinal: number, period: GrowthPeriod): number {
  if (period === 'day') return ordinal;
  if (period === 'week') return ordinal * 7 - 3;
  const ym = ordinal + 1970 * 12;
  const y = Math.floor(ym / 12);
  return daysFromCivil(y, ym - y * 12 + 1, 1);
}

/** Key of the period after `key`: walks a continuous calendar. */
export function nextPeriod(key: number, period: GrowthPeriod): number {
  return ordinalKey(periodOrdinal(key, period) + 1, period);
}
