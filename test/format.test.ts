import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  formatCompact, formatDate, formatDateTime, formatDuration, formatInt, formatNumber, formatPct, formatSignedPct, MISSING,
} from '../src/format.ts';

// ---
const int = suite('formatInt');
int('groups thousands with commas, rounds to an integer', () => {
  assert.is(formatInt(1234567), '1,234,567');
  assert.is(formatInt(999.5), '1,000');
  assert.is(formatInt(0), '0');
  assert.is(formatInt(-4321), '−4,321');
});
int('missing figures print as an em dash', () => {
  for (const v of [null, undefined, NaN, Infinity]) assert.is(formatInt(v as number), MISSING);
});
int.run();

// ---
const compact = suite('formatCompact');
compact('K / M / B with at most one decimal', () => {
  assert.is(formatCompact(1_234_567), '1.2M');
  assert.is(formatCompact(412_300), '412K');
  assert.is(formatCompact(950), '950');
  assert.is(formatCompact(12_500), '12.5K');
  assert.is(formatCompact(1_843_226_410), '1.8B');
});
compact('a value that rounds up moves to the next unit', () => {
  assert.is(formatCompact(999_950), '1M'); // not "1000K"
  assert.is(formatCompact(999.6), '1K');
});
compact('negatives use a real minus; missing is a dash', () => {
  assert.is(formatCompact(-1500), '−1.5K');
  assert.is(formatCompact(NaN), MISSING);
});
compact.run();

// ---
const pct = suite('formatPct');
pct('fraction to percent with 2 decimals by default', () => {
  assert.is(formatPct(0.0659), '6.59%');
  assert.is(formatPct(0.06594), '6.59%');
  assert.is(formatPct(1), '100.00%');
  assert.is(formatPct(0.1, 1), '10.0%');
  assert.is(formatPct(null), MISSING);
});
pct.run();

// ---
const signed = suite('formatSignedPct');
signed('plus sign, typographic minus, unsigned zero', () => {
  assert.is(formatSignedPct(0.123), '+12.30%');
  assert.is(formatSignedPct(-0.04), '−4.00%');
  assert.is(formatSignedPct(0), '0.00%');
  assert.is(formatSignedPct(-0.00001), '0.00%'); // rounds to zero: no sign
  assert.is(formatSignedPct(NaN), MISSING);
});
signed.run();

// ---
const number = suite('formatNumber');
number('fixed decimals with grouping', () => {
  assert.is(formatNumber(1234.5, 2), '1,234.50');
  assert.is(formatNumber(10.625, 1), '10.6');
  assert.is(formatNumber(3, 0), '3');
  assert.is(formatNumber(-0.001, 2), '0.00'); // no "−0.00"
  assert.is(formatNumber(undefined, 2), MISSING);
});
number.run();

// ---
const duration = suite('formatDuration');
duration('m:ss, and h:mm:ss from an hour', () => {
  assert.is(formatDuration(31), '0:31');
  assert.is(formatDuration(65), '1:05');
  assert.is(formatDuration(59.6), '1:00');
  assert.is(formatDuration(3725), '1:02:05');
  assert.is(formatDuration(-1), MISSING);
  assert.is(formatDuration(null), MISSING);
});
duration.run();

// ---
const date = suite('formatDate');
date('a calendar day stays that day in any zone', () => {
  assert.is(formatDate('2025-02-14', 'UTC'), '14 Feb 2025');
  assert.is(formatDate('2025-02-14', 'America/Los_Angeles'), '14 Feb 2025');
});
date('a timestamp is shown as the day in the zone', () => {
  assert.is(formatDate('2025-02-14T23:30:00Z', 'Asia/Tokyo'), '15 Feb 2025');
  assert.is(formatDate('not a date', 'UTC'), MISSING);
  assert.is(formatDate(null, 'UTC'), MISSING);
});
date.run();

// ---
const dateTime = suite('formatDateTime');
dateTime('24-hour time with the zone name', () => {
  assert.is(formatDateTime('2025-02-14T10:30:00Z', 'UTC'), '14 Feb 2025, 10:30 UTC');
  assert.is(formatDateTime('2025-02-14T10:30:00Z', 'Europe/Berlin'), '14 Feb 2025, 11:30 Europe/Berlin');
  assert.is(formatDateTime('2025-07-01T00:00:00+02:00', 'UTC'), '30 Jun 2025, 22:00 UTC');
  assert.is(formatDateTime('', 'UTC'), MISSING);
});
dateTime.run();
