import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  dayToIso, isoToDay, isoWeek, isoWeekLabel, monthLabel, nextPeriod, periodKey, periodLabel, weekdayOf,
} from '../src/data/calendar.ts';

const utcDay = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86400000;

// ---
const toIso = suite('dayToIso');
toIso('epoch, leap day, year ends', () => {
  assert.is(dayToIso(0), '1970-01-01');
  assert.is(dayToIso(-1), '1969-12-31');
  assert.is(dayToIso(utcDay(2025, 2, 14)), '2025-02-14');
  assert.is(dayToIso(utcDay(2024, 2, 29)), '2024-02-29');
  assert.is(dayToIso(utcDay(2000, 12, 31)), '2000-12-31');
});
toIso('agrees with Date for every 97th day from 1900 to 2100', () => {
  for (let day = utcDay(1900, 1, 1); day <= utcDay(2100, 12, 31); day += 97) {
    assert.is(dayToIso(day), new Date(day * 86400000).toISOString().slice(0, 10));
  }
});
toIso.run();

// ---
const fromIso = suite('isoToDay');
fromIso('valid dates round-trip', () => {
  assert.is(isoToDay('1970-01-01'), 0);
  assert.is(isoToDay('2025-02-14'), utcDay(2025, 2, 14));
  assert.is(isoToDay('2024-02-29'), utcDay(2024, 2, 29));
  for (let day = utcDay(1999, 1, 1); day <= utcDay(2031, 1, 1); day += 13) assert.is(isoToDay(dayToIso(day)), day);
});
fromIso('invalid strings and impossible dates are NaN', () => {
  for (const s of ['', 'abc', '2025-2-14', '2025-02-14T10:00', '2025-13-01', '2025-00-10', '2025-02-00', '2025-02-29', '2023-04-31', '1900-02-29']) {
    assert.ok(Number.isNaN(isoToDay(s)), s);
  }
});
fromIso.run();

// ---
const wd = suite('weekdayOf');
wd('0 = Monday: 1970-01-01 was a Thursday', () => {
  assert.is(weekdayOf(0), 3);
  assert.is(weekdayOf(-1), 2); // 1969-12-31 Wednesday, negative days too
  assert.is(weekdayOf(-3), 0); // 1969-12-29 Monday
  assert.is(weekdayOf(utcDay(2025, 1, 6)), 0); // Monday
  assert.is(weekdayOf(utcDay(2025, 1, 5)), 6); // Sunday
  assert.is(weekdayOf(utcDay(2025, 2, 14)), 4); // Friday
});
wd('agrees with Date#getUTCDay', () => {
  for (let day = -400; day < 400; day++) assert.is(weekdayOf(day), (new Date(day * 86400000).getUTCDay() + 6) % 7);
});
wd.run();

// ---
const iw = suite('isoWeek');
iw('weeks across year boundaries (the year of the Thursday)', () => {
  assert.equal(isoWeek(utcDay(2024, 12, 30)), { year: 2025, week: 1 }); // Monday; Thursday is 2025-01-02
  assert.equal(isoWeek(utcDay(2024, 12, 29)), { year: 2024, week: 52 }); // Sunday before
  assert.equal(isoWeek(utcDay(2021, 1, 3)), { year: 2020, week: 53 }); // Sunday; Thursday 2020-12-31
  assert.equal(isoWeek(utcDay(2021, 1, 4)), { year: 2021, week: 1 });
  assert.equal(isoWeek(utcDay(2026, 1, 1)), { year: 2026, week: 1 }); // a Thursday itself
  assert.equal(isoWeek(utcDay(2027, 1, 1)), { year: 2026, week: 53 }); // Friday: 2026 starts on Thursday, 53 weeks
  assert.equal(isoWeek(utcDay(2025, 2, 14)), { year: 2025, week: 7 });
});
iw('week 1 always holds January 4th, and weeks step by one each Monday', () => {
  for (let y = 1995; y <= 2035; y++) assert.equal(isoWeek(utcDay(y, 1, 4)), { year: y, week: 1 });
  let prev = isoWeek(utcDay(1999, 12, 27));
  for (let day = utcDay(1999, 12, 28); day < utcDay(2031, 1, 1); day++) {
    const w = isoWeek(day);
    if (weekdayOf(day) !== 0) assert.equal(w, prev);
    else assert.ok(w.week === prev.week + 1 || (w.week === 1 && w.year === prev.year + 1 && prev.week >= 52));
    prev = w;
  }
});
iw.run();

// ---
const iwl = suite('isoWeekLabel');
iwl('zero-padded week', () => {
  assert.is(isoWeekLabel(utcDay(2025, 2, 14)), '2025-W07');
  assert.is(isoWeekLabel(utcDay(2024, 12, 30)), '2025-W01');
  assert.is(isoWeekLabel(utcDay(2021, 1, 3)), '2020-W53');
});
iwl.run();

// ---
const ml = suite('monthLabel');
ml('first, last and leap days', () => {
  assert.is(monthLabel(utcDay(2025, 2, 1)), '2025-02');
  assert.is(monthLabel(utcDay(2024, 2, 29)), '2024-02');
  assert.is(monthLabel(utcDay(2024, 12, 31)), '2024-12');
  assert.is(monthLabel(-1), '1969-12');
});
ml.run();

// ---
const pk = suite('periodKey');
pk('day, Monday of the ISO week, first of the month', () => {
  const d = utcDay(2025, 1, 1); // a Wednesday
  assert.is(periodKey(d, 'day'), d);
  assert.is(periodKey(d, 'week'), utcDay(2024, 12, 30));
  assert.is(periodKey(utcDay(2024, 12, 30), 'week'), utcDay(2024, 12, 30)); // a Monday is its own key
  assert.is(periodKey(utcDay(2025, 1, 5), 'week'), utcDay(2024, 12, 30)); // Sunday of the same week
  assert.is(periodKey(utcDay(2024, 2, 29), 'month'), utcDay(2024, 2, 1));
});
pk('keys sort like the periods', () => {
  assert.ok(periodKey(utcDay(2024, 12, 31), 'month') < periodKey(utcDay(2025, 1, 1), 'month'));
  assert.ok(periodKey(utcDay(2025, 1, 5), 'week') < periodKey(utcDay(2025, 1, 6), 'week'));
});
pk.run();

// ---
const pl = suite('periodLabel');
pl('labels of keys', () => {
  assert.is(periodLabel(utcDay(2025, 2, 14), 'day'), '2025-02-14');
  assert.is(periodLabel(periodKey(utcDay(2025, 1, 1), 'week'), 'week'), '2025-W01');
  assert.is(periodLabel(periodKey(utcDay(2025, 2, 14), 'month'), 'month'), '2025-02');
});
pl.run();

// ---
const np = suite('nextPeriod');
np('steps a day, a week, a month (across year ends and February)', () => {
  assert.is(nextPeriod(utcDay(2024, 12, 31), 'day'), utcDay(2025, 1, 1));
  assert.is(nextPeriod(utcDay(2024, 12, 30), 'week'), utcDay(2025, 1, 6));
  assert.is(nextPeriod(utcDay(2024, 12, 1), 'month'), utcDay(2025, 1, 1));
  assert.is(nextPeriod(utcDay(2024, 1, 1), 'month'), utcDay(2024, 2, 1));
  assert.is(nextPeriod(utcDay(2024, 2, 1), 'month'), utcDay(2024, 3, 1));
});
np('a week walk labels 2020-W53 then 2021-W01', () => {
  const k = periodKey(utcDay(2020, 12, 31), 'week');
  assert.is(periodLabel(k, 'week'), '2020-W53');
  assert.is(periodLabel(nextPeriod(k, 'week'), 'week'), '2021-W01');
});
np.run();
