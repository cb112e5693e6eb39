import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { makeClock, resolvePeriod, previousPeriod, labelRange, type DayRange } from '../src/periods.ts';
import { dayToIso, isoToDay } from '../src/data/calendar.ts';
import type { PeriodSpec } from '../src/types.ts';

const day = isoToDay;
const rel = (name: 'last-week' | 'last-7-days' | 'last-month' | 'month-to-date'): PeriodSpec => ({ kind: 'relative', name });
const iso = (r: DayRange | null) => (r ? { from: dayToIso(r.from), to: dayToIso(r.to), label: r.label } : null);
const epochOf = (isoInstant: string) => String(Date.parse(isoInstant) / 1000);

// ---
const clock = suite('makeClock');
clock('--as-of is the run date; generatedAt still comes from SOURCE_DATE_EPOCH', () => {
  const c = makeClock({ asOf: '2026-01-01', sourceDateEpoch: '1700000000', now: 0, timezone: 'UTC' });
  assert.is(dayToIso(c.runDay), '2026-01-01');
  assert.is(c.generatedAt, '2023-11-14T22:13:20Z');
});
clock('SOURCE_DATE_EPOCH is the run date in the configured time zone', () => {
  // 00:30 UTC on 2025-03-10 is still 2025-03-09 (17:30 PDT) in Los Angeles, and already 2025-03-10 in Tokyo
  const sde = epochOf('2025-03-10T00:30:00Z');
  assert.is(dayToIso(makeClock({ sourceDateEpoch: sde, now: 0, timezone: 'America/Los_Angeles' }).runDay), '2025-03-09');
  assert.is(dayToIso(makeClock({ sourceDateEpoch: sde, now: 0, timezone: 'UTC' }).runDay), '2025-03-10');
  assert.is(dayToIso(makeClock({ sourceDateEpoch: sde, now: 0, timezone: 'Asia/Tokyo' }).runDay), '2025-03-10');
  // 23:30 UTC on 2025-12-31 is 2026-01-01 in Tokyo: the year changes with the zone
  const nye = epochOf('2025-12-31T23:30:00Z');
  assert.is(dayToIso(makeClock({ sourceDateEpoch: nye, now: 0, timezone: 'Asia/Tokyo' }).runDay), '2026-01-01');
  assert.is(makeClock({ sourceDateEpoch: nye, now: 0, timezone: 'Asia/Tokyo' }).generatedAt, '2025-12-31T23:30:00Z');
});
clock('without either, the clock is now (an empty SOURCE_DATE_EPOCH is unset)', () => {
  const now = Date.parse('2025-06-15T12:00:00.250Z');
  const c = makeClock({ now, timezone: 'UTC', sourceDateEpoch: ' ' });
  assert.is(dayToIso(c.runDay), '2025-06-15');
  assert.is(c.generatedAt, '2025-06-15T12:00:00.250Z');
  assert.is(makeClock({ now: Date.parse('2025-06-15T12:00:00Z'), timezone: 'UTC' }).generatedAt, '2025-06-15T12:00:00Z');
});
clock('a malformed or impossible --as-of is a usage error', () => {
  for (const asOf of ['2025-02-30', '01/02/2025', 'monday']) {
    try {
      makeClock({ asOf, now: 0, timezone: 'UTC' });
      assert.unreachable(asOf);
    } catch (err) {
      assert.match((err as Error).message, /--as-of must be a date/);
      assert.is((err as { exitCode: number }).exitCode, 2);
    }
  }
});
clock.run();

// ---
const resolve = suite('resolvePeriod');
resolve('last-week: the last complete ISO week before the run date, across a year boundary', () => {
  // 2026-01-01 is a Thursday: the last complete week is Mon 2025-12-22 .. Sun 2025-12-28
  assert.equal(iso(resolvePeriod(rel('last-week'), day('2026-01-01'))), { from: '2025-12-22', to: '2025-12-28', label: '2025-W52' });
  // 2021-01-04 is a Monday: last week is 2020-W53, Mon 2020-12-28 .. Sun 2021-01-03
  assert.equal(iso(resolvePeriod(rel('last-week'), day('2021-01-04'))), { from: '2020-12-28', to: '2021-01-03', label: '2020-W53' });
  // a Sunday run does not count its own (incomplete) week
  assert.equal(iso(resolvePeriod(rel('last-week'), day('2021-01-03'))), { from: '2020-12-21', to: '2020-12-27', label: '2020-W52' });
  // 2024-12-30 is in ISO week 2025-W01; the week before is 2024-W52
  assert.equal(iso(resolvePeriod(rel('last-week'), day('2025-01-06'))), { from: '2024-12-30', to: '2025-01-05', label: '2025-W01' });
});
resolve('last-7-days: the seven whole days before the run date', () => {
  assert.equal(iso(resolvePeriod(rel('last-7-days'), day('2025-03-01'))), { from: '2025-02-22', to: '2025-02-28', label: '2025-02-22 – 2025-02-28' });
});
resolve('last-month: the previous calendar month, leap years included', () => {
  assert.equal(iso(resolvePeriod(rel('last-month'), day('2025-03-31'))), { from: '2025-02-01', to: '2025-02-28', label: '2025-02' });
  assert.equal(iso(resolvePeriod(rel('last-month'), day('2024-03-01'))), { from: '2024-02-01', to: '2024-02-29', label: '2024-02' });
  assert.equal(iso(resolvePeriod(rel('last-month'), day('2025-01-15'))), { from: '2024-12-01', to: '2024-12-31', label: '2024-12' });
});
resolve('month-to-date: the 1st of the month up to the run date', () => {
  assert.equal(iso(resolvePeriod(rel('month-to-date'), day('2025-03-15'))), { from: '2025-03-01', to: '2025-03-15', label: '2025-03 to 2025-03-15' });
});
resolve('absolute and all', () => {
  assert.is(resolvePeriod({ kind: 'all' }, day('2025-03-15')), null);
  assert.equal(iso(resolvePeriod({ kind: 'absolute', from: '2025-01-01', to: '2025-01-31' }, 0)), { from: '2025-01-01', to: '2025-01-31', label: '2025-01' });
  const open = resolvePeriod({ kind: 'absolute', from: '2025-01-01', to: null }, 0)!;
  assert.is(open.to, Infinity);
  assert.is(open.label, 'from 2025-01-01');
});
resolve.run();

// ---
const prev = suite('previousPeriod');
prev('the week, month or equal run of days before', () => {
  const week = resolvePeriod(rel('last-week'), day('2021-01-04'))!;
  assert.equal(iso(previousPeriod(rel('last-week'), week)), { from: '2020-12-21', to: '2020-12-27', label: '2020-W52' });
  const month = resolvePeriod(rel('last-month'), day('2025-03-31'))!;
  assert.equal(iso(previousPeriod(rel('last-month'), month)), { from: '2025-01-01', to: '2025-01-31', label: '2025-01' });
  const mtd = resolvePeriod(rel('month-to-date'), day('2025-03-31'))!;
  // March 1-31 compares with all of February (clamped at its end)
  assert.equal(iso(previousPeriod(rel('month-to-date'), mtd)), { from: '2025-02-01', to: '2025-02-28', label: '2025-02 to 2025-02-28' });
  const abs: PeriodSpec = { kind: 'absolute', from: '2025-01-11', to: '2025-01-20' };
  assert.equal(iso(previousPeriod(abs, resolvePeriod(abs, 0)!)), { from: '2025-01-01', to: '2025-01-10', label: '2025-01-01 – 2025-01-10' });
});
prev('an open-ended period has no predecessor', () => {
  const abs: PeriodSpec = { kind: 'absolute', from: '2025-01-01', to: null };
  assert.is(previousPeriod(abs, resolvePeriod(abs, 0)!), null);
});
prev.run();

// ---
const label = suite('labelRange');
label('ISO week, month, single day, range and open ends', () => {
  assert.is(labelRange(day('2025-12-22'), day('2025-12-28')), '2025-W52');
  assert.is(labelRange(day('2025-12-23'), day('2025-12-29')), '2025-12-23 – 2025-12-29'); // 7 days but not Monday-Sunday
  assert.is(labelRange(day('2024-02-01'), day('2024-02-29')), '2024-02');
  assert.is(labelRange(day('2024-02-01'), day('2024-02-28')), '2024-02-01 – 2024-02-28');
  assert.is(labelRange(day('2025-05-05'), day('2025-05-05')), '2025-05-05');
  assert.is(labelRange(-Infinity, day('2025-05-05')), 'until 2025-05-05');
  assert.is(labelRange(-Infinity, Infinity), 'all dates');
});
label.run();
