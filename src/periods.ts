// Reporting periods as ranges of local calendar days: the run date (from --as-of,
// SOURCE_DATE_EPOCH or the clock, read only at the CLI edge), relative periods such as
// last-week, their labels, and the period before each one for `compare: previous`.
import { DateTime } from 'luxon';
import type { PeriodSpec } from './types.ts';
import { usageError } from './errors.ts';
import { dayToIso, isoToDay, isoWeekLabel, monthLabel, weekdayOf } from './data/calendar.ts';

export interface DayRange {
  from: number; // local day, inclusive
  to: number; // inclusive
  label: string;
}

export interface Clock {
  /** the instant the report says it was generated (ISO 8601, UTC) */
  generatedAt: string;
  /** the run date as a local calendar day in the configured time zone */
  runDay: number;
}

/** The last second of 9999-12-31 UTC: later instants have no four-digit year to print. */
const MAX_SOURCE_DATE_EPOCH = 253402300799;

/**
 * SOURCE_DATE_EPOCH as milliseconds, null when unset or empty. The reproducible-builds convention
 * is a whole number of seconds since 1970 (UTC); anything else is refused in one sentence rather
 * than ignored, since a build that silently used the clock would not be reproducible.
 */
export function parseSourceDateEpoch(raw: string | null | undefined): number | null {
  if (raw == null || raw.trim() === '') return null;
  const s = raw.trim();
  if (!/^\d{1,15}$/.test(s) || Number(s) > MAX_SOURCE_DATE_EPOCH) {
    const shown = JSON.stringify(s.length > 40 ? s.slice(0, 40) + '…' : s);
    throw usageError(`SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, at most ${MAX_SOURCE_DATE_EPOCH} (9999-12-31), or unset (got ${shown}).`);
  }
  return Number(s) * 1000;
}

/** Run date and generated-at from --as-of, SOURCE_DATE_EPOCH or now, in `timezone`. */
export function makeClock(opts: { asOf?: string | null; sourceDateEpoch?: string | null; now: number; timezone: string }): Clock {
  const epoch = parseSourceDateEpoch(opts.sourceDateEpoch);
  const instant = epoch ?? opts.now;
  const generatedAt = new Date(instant).toISOString().replace('.000Z', 'Z');
  if (opts.asOf) {
    const day = isoToDay(opts.asOf);
    if (Number.isNaN(day)) throw usageError(`--as-of must be a date like 2025-09-01 (got ${JSON.stringify(opts.asOf)}).`);
    return { generatedAt, runDay: day };
  }
  const local = DateTime.fromMillis(instant, { zone: opts.timezone });
  return { generatedAt, runDay: Date.UTC(local.year, local.month - 1, local.day) / 86400000 };
}

/** The days a period selects, or null for `all` (every date, and rows without one). */
export function resolvePeriod(spec: PeriodSpec, runDay: number): DayRange | null {
  if (spec.kind === 'all') return null;
  if (spec.kind === 'absolute') {
    const from = spec.from ? isoToDay(spec.from) : -Infinity;
    const to = spec.to ? isoToDay(spec.to) : Infinity;
    return { from, to, label: labelRange(from, to) };
  }
  switch (spec.name) {
    case 'last-week': {
      const monday = runDay - weekdayOf(runDay) - 7;
      return { from: monday, to: monday + 6, label: isoWeekLabel(monday) };
    }
    case 'last-7-days':
      return { from: runDay - 7, to: runDay - 1, label: labelRange(runDay - 7, runDay - 1) };
    case 'last-month': {
      const first = firstOfMonth(firstOfMonth(runDay) - 1);
      const last = firstOfMonth(runDay) - 1;
      return { from: first, to: last, label: monthLabel(first) };
    }
    case 'month-to-date': {
      const first = firstOfMonth(runDay);
      return { from: first, to: runDay, label: `${monthLabel(first)} to ${dayToIso(runDay)}` };
    }
  }
}

/** The period just before `range`, of the same kind: the previous week, month, or same number of days. */
export function previousPeriod(spec: PeriodSpec, range: DayRange): DayRange | null {
  if (!Number.isFinite(range.from) || !Number.isFinite(range.to)) return null;
  if (spec.kind === 'relative' && spec.name === 'last-month') {
    const first = firstOfMonth(range.from - 1);
    return { from: first, to: range.from - 1, label: monthLabel(first) };
  }
  if (spec.kind === 'relative' && spec.name === 'month-to-date') {
    const first = firstOfMonth(range.from - 1);
    const to = Math.min(first + (range.to - range.from), range.from - 1);
    return { from: first, to, label: `${monthLabel(first)} to ${dayToIso(to)}` };
  }
  const length = range.to - range.from + 1;
  const from = range.from - length;
  const to = range.from - 1;
  return { from, to, label: labelRange(from, to) };
}

/** 2025-W07 for an exact ISO week, 2025-02 for an exact month, else "from – to". */
export function labelRange(from: number, to: number): string {
  if (!Number.isFinite(from) && !Number.isFinite(to)) return 'all dates';
  if (!Number.isFinite(from)) return `until ${dayToIso(to)}`;
  if (!Number.isFinite(to)) return `from ${dayToIso(from)}`;
  if (to - from === 6 && weekdayOf(from) === 0) return isoWeekLabel(from);
  if (from === firstOfMonth(from) && to === firstOfMonth(to + 1) - 1 && firstOfMonth(to) === from) return monthLabel(from);
  if (from === to) return dayToIso(from);
  return `${dayToIso(from)} – ${dayToIso(to)}`;
}

function firstOfMonth(day: number): number {
  const d = new Date(day * 86400000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 86400000;
}
