import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseString } from 'fast-csv';
import { DateTime } from 'luxon';
import { SEED_COLUMNS, generateRows, writeSampleCsv } from '../src/sample/generate.ts';

// The schema's order, copied from shared/reference/seed-dataset-columns.md.
const SCHEMA = `platform country region language category hashtag title_keywords author_handle sound_type
  music_track week_of_year duration_sec views likes comments shares saves engagement_rate trend_label
  source_hint notes device_type upload_hour genre trend_duration_days trend_type engagement_velocity
  dislikes comment_ratio share_rate save_rate like_dislike_ratio publish_dayofweek publish_period
  event_season tags sample_comments creator_avg_views creator_tier season publish_date_approx year_month
  title title_length has_emoji avg_watch_time_sec completion_rate device_brand traffic_source is_weekend
  row_id engagement_total like_rate dislike_rate engagement_per_1k engagement_like_rate
  engagement_comment_rate engagement_share_rate`.split(/\s+/);

const at = (name: string) => {
  const i = SEED_COLUMNS.indexOf(name);
  if (i < 0) throw new Error(`no column ${name}`);
  return i;
};
const C = Object.fromEntries(SCHEMA.map((name) => [name, at(name)])) as Record<string, number>;
const num = (row: string[], name: string) => (row[C[name]] === '' ? 0 : Number(row[C[name]]));
const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) / 2;
  return (s[Math.floor(h)] + s[Math.ceil(h)]) / 2;
};

function parseCsv(text: string): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const rows: string[][] = [];
    parseString<string[], string[]>(text, { headers: false })
      .on('error', reject)
      .on('data', (row: string[]) => rows.push(row))
      .on('end', () => resolve(rows));
  });
}

async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'svreport-gen-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// ---
const columns = suite('SEED_COLUMNS');
columns('is exactly the 58 schema columns, in order', () => {
  assert.is(SEED_COLUMNS.length, 58);
  assert.equal([...SEED_COLUMNS], SCHEMA);
});
columns('is frozen', () => assert.ok(Object.isFrozen(SEED_COLUMNS)));
columns.run();

// ---
const rows = suite('generateRows');
const sample = [...generateRows(2000)];
const big = [...generateRows(20_000, 7)];

rows('same rows and seed give the same rows; another seed differs', () => {
  assert.equal([...generateRows(2000, 20250101)], sample);
  assert.not.equal([...generateRows(50, 1)], [...generateRows(50, 2)]);
});
rows('yields the requested count of 58-cell rows; zero rows is empty', () => {
  assert.is(sample.length, 2000);
  assert.ok(sample.every((r) => r.length === 58 && r.every((cell) => typeof cell === 'string')));
  assert.equal([...generateRows(0)], []);
});
rows('engagement columns follow their definitions (a missing count counts as 0)', () => {
  for (const r of sample) {
    const views = num(r, 'views');
    const total = num(r, 'likes') + num(r, 'comments') + num(r, 'shares') + num(r, 'saves');
    assert.is(num(r, 'engagement_total'), total);
    if (views <= 0) {
      assert.is(r[C.engagement_rate], '');
      assert.is(r[C.engagement_like_rate], '');
      continue;
    }
    assert.ok(Math.abs(num(r, 'engagement_rate') - total / views) <= 5e-6, `${r[C.engagement_rate]} vs ${total}/${views}`);
    assert.ok(Math.abs(num(r, 'engagement_per_1k') - (1000 * total) / views) <= 5e-3);
    if (r[C.likes] !== '') assert.ok(Math.abs(num(r, 'like_rate') - num(r, 'likes') / views) <= 5e-6);
    else assert.is(r[C.like_rate], '');
    assert.is(r[C.engagement_like_rate], r[C.like_rate]);
    assert.is(r[C.engagement_share_rate], r[C.share_rate]);
    assert.is(r[C.engagement_comment_rate], r[C.comment_ratio]);
  }
});
rows('date parts agree with an independent calendar (luxon); weekend is Fri-Sun per the schema', () => {
  const names = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
  for (const r of sample) {
    const iso = r[C.publish_date_approx];
    assert.match(iso, /^2025-0[1-8]-\d\d$/);
    const d = DateTime.fromISO(iso, { zone: 'utc' });
    assert.ok(d.isValid, iso);
    assert.is(num(r, 'week_of_year'), d.weekNumber, iso);
    assert.is(r[C.publish_dayofweek], names[d.weekday - 1]);
    assert.is(r[C.is_weekend], d.weekday >= 5 ? '1' : '0');
    assert.is(r[C.year_month], iso.slice(0, 7));
    const hour = num(r, 'upload_hour');
    assert.ok(Number.isInteger(hour) && hour >= 0 && hour <= 23);
  }
});
rows('title, trend and id columns are consistent; row_id is a unique md5', () => {
  const ids = new Set<string>();
  for (const r of sample) {
    const title = r[C.title];
    assert.is(num(r, 'title_length'), [...title].length);
    assert.is(r[C.has_emoji], /\p{Extended_Pictographic}/u.test(title) ? '1' : '0');
    const days = num(r, 'trend_duration_days');
    assert.is(r[C.trend_type], days <= 7 ? 'Short' : days <= 21 ? 'Medium' : 'Evergreen');
    const key = ['platform', 'country', 'author_handle', 'title', 'publish_date_approx', 'duration_sec'].map((c) => r[C[c]]).join('|');
    assert.is(r[C.row_id], createHash('md5').update(key).digest('hex'));
    ids.add(r[C.row_id]);
  }
  assert.is(ids.size, sample.length);
});
rows('creator_avg_views and creator_tier are one value per creator', () => {
  const seen = new Map<string, string>();
  for (const r of sample) {
    const value = `${r[C.creator_avg_views]}|${r[C.creator_tier]}`;
    const before = seen.get(r[C.author_handle]);
    if (before !== undefined) assert.is(value, before, r[C.author_handle]);
    seen.set(r[C.author_handle], value);
  }
});
rows('views: median 40k-90k, never empty, a few zeros, rare millions; engagement near 6.6%', () => {
  const views = big.map((r) => r[C.views]);
  assert.ok(views.every((v) => /^\d+$/.test(v)), 'views always an integer');
  const v = views.map(Number);
  const mid = median(v);
  assert.ok(mid >= 40_000 && mid <= 90_000, `median views ${mid}`);
  const zeros = v.filter((x) => x === 0).length / v.length;
  assert.ok(zeros > 0 && zeros < 0.005, `zero views ${zeros}`);
  assert.ok(v.some((x) => x >= 1_000_000), 'a multi-million video');
  const er = big.filter((r) => num(r, 'views') > 0).map((r) => (num(r, 'likes') + num(r, 'comments') + num(r, 'shares')) / num(r, 'views'));
  const erMid = median(er);
  assert.ok(erMid > 0.055 && erMid < 0.075, `median (likes+comments+shares)/views ${erMid}`);
});
rows('missing values at their rates; shares sometimes 0', () => {
  const share = (name: string) => big.filter((r) => r[C[name]] === '').length / big.length;
  for (const [name, rate] of [['likes', 0.01], ['comments', 0.01], ['shares', 0.005], ['category', 0.01], ['duration_sec', 0.003]] as const) {
    assert.ok(share(name) > rate / 3 && share(name) < rate * 2, `${name} missing ${share(name)}`);
  }
  assert.ok(big.some((r) => r[C.shares] === '0'));
});
rows('every duration bucket appears; TikTok stays within 75 s', () => {
  const bucket = (s: number) => (s <= 9 ? '<9s' : s <= 18 ? '9–18s' : s <= 36 ? '18–36s' : s <= 60 ? '36–60s' : s <= 120 ? '1–2min' : '2min+');
  const present = new Set(big.filter((r) => r[C.duration_sec] !== '').map((r) => bucket(num(r, 'duration_sec'))));
  assert.equal([...present].sort(), ['1–2min', '18–36s', '2min+', '36–60s', '9–18s', '<9s'].sort());
  assert.ok(big.every((r) => r[C.platform] !== 'TikTok' || r[C.duration_sec] === '' || (num(r, 'duration_sec') >= 5 && num(r, 'duration_sec') <= 75)));
});
rows('titles span Latin, Arabic, Devanagari, Thai, CJK and Hangul scripts, with emoji', () => {
  const scripts: Record<string, RegExp> = {
    Latin: /\p{Script=Latin}/u, Arabic: /\p{Script=Arabic}/u, Devanagari: /\p{Script=Devanagari}/u,
    Thai: /\p{Script=Thai}/u, Han: /\p{Script=Han}/u, Hangul: /\p{Script=Hangul}/u, Emoji: /\p{Extended_Pictographic}/u,
  };
  for (const [name, re] of Object.entries(scripts)) assert.ok(big.some((r) => re.test(r[C.title])), name);
  assert.ok(big.some((r) => /[àáâãçéèêíóôõúüñöäß]/.test(r[C.title])), 'accented Latin');
});
rows('30 countries, both platforms, every month, an evening upload peak', () => {
  assert.is(new Set(big.map((r) => r[C.country])).size, 30);
  assert.equal([...new Set(big.map((r) => r[C.platform]))].sort(), ['TikTok', 'YouTube']);
  assert.is(new Set(big.map((r) => r[C.year_month])).size, 8);
  const perHour = new Array<number>(24).fill(0);
  for (const r of big) perHour[num(r, 'upload_hour')]++;
  const peak = perHour.indexOf(Math.max(...perHour));
  assert.ok(peak >= 17 && peak <= 22, `peak hour ${peak}`);
});
rows('creators are skewed: a few with hundreds of videos, a long tail with 1-3', () => {
  const perCreator = new Map<string, number>();
  for (const r of big) perCreator.set(r[C.author_handle], (perCreator.get(r[C.author_handle]) ?? 0) + 1);
  const counts = [...perCreator.values()].sort((a, b) => b - a);
  assert.ok(counts[2] >= 100, `top creators ${counts.slice(0, 3)}`);
  assert.ok(counts.filter((c) => c <= 3).length / counts.length > 0.5, 'long tail');
  assert.ok([...perCreator.keys()].some((h) => /[^\x00-\x7f]/.test(h)), 'some handles beyond ASCII');
});
rows.run();

// ---
const write = suite('writeSampleCsv');
write('header first, \\n line endings, UTF-8 without BOM, rows round-trip through fast-csv', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'sample.csv');
    const n = 2500; // > 1 MiB, so more than one chunk is written
    await writeSampleCsv(path, n);
    const bytes = await readFile(path);
    assert.ok(bytes.length > 1 << 20);
    assert.is(bytes.subarray(0, 9).toString('latin1'), 'platform,', 'no BOM');
    const text = bytes.toString('utf8');
    assert.not.ok(text.includes('\r'));
    assert.ok(text.endsWith('\n'));
    assert.is(text.slice(0, text.indexOf('\n')), SEED_COLUMNS.join(','));
    assert.ok(text.includes('""'), 'some cells carry escaped double quotes');
    const parsed = await parseCsv(text);
    assert.is(parsed.length, n + 1);
    assert.ok(parsed.every((r) => r.length === 58));
    assert.equal(parsed.slice(1), [...generateRows(n)]);
  });
});
write('is byte-identical for the same rows and seed; the default seed is 20250101', async () => {
  await withTempDir(async (dir) => {
    await writeSampleCsv(join(dir, 'a.csv'), 300);
    await writeSampleCsv(join(dir, 'b.csv'), 300, 20250101);
    await writeSampleCsv(join(dir, 'c.csv'), 300, 5);
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((f) => readFile(join(dir, `${f}.csv`))));
    assert.ok(a.equals(b));
    assert.not.ok(a.equals(c));
  });
});
write('zero rows writes the header alone', async () => {
  await withTempDir(async (dir) => {
    await writeSampleCsv(join(dir, 'empty.csv'), 0);
    assert.is(await readFile(join(dir, 'empty.csv'), 'utf8'), SEED_COLUMNS.join(',') + '\n');
  });
});
write('rejects when the file cannot be written', async () => {
  await withTempDir(async (dir) => {
    try {
      await writeSampleCsv(join(dir, 'missing', 'x.csv'), 10);
      assert.unreachable('should have thrown');
    } catch (err) {
      assert.is((err as NodeJS.ErrnoException).code, 'ENOENT');
    }
  });
});
write.run();
