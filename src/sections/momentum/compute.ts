// Momentum (SPEC 6b, metrics.json `momentum`): what each video in scope gained in the report's
// period, from the exports around it. Exports hold lifetime counts as of their time, so a video's
// gain is its counts in the last export by the end of the period minus those in the last export
// by its start. Pure: reads the export history the reader kept (Dataset.history), no IO.
import { DateTime } from 'luxon';
import type { Dataset, ExportHistory, InputFile, Momentum, MomentumGains, MomentumPeriod } from '../../types.ts';
import type { SectionContext } from '../context.ts';
import type { DayRange } from '../../periods.ts';
import { selectRows } from '../../data/scope.ts';
import { dayToIso } from '../../data/calendar.ts';
import { byValueThenName, compareCodePoints } from '../../stats/group.ts';
import { labelRange } from '../../periods.ts';
import { formatDate, withDates } from '../../format.ts';
import { isEnglish, t } from '../../i18n/index.ts';

/** Top videos and creators kept (the tables); every platform is kept. */
export const MOMENTUM_TOP = 10;

export const COUNTS = ['views', 'likes', 'comments', 'shares'] as const;
type Count = (typeof COUNTS)[number];

/** The one line the report shows when there is no momentum, in the locale in force (the catalogue's `momentum.*`). */
export const MOMENTUM_TEXT = {
  noHistory: (files: number) => (files <= 1 ? t('momentum.noHistory.one') : t('momentum.noHistory.noId', { files })),
  notAround: (label: string, first: string, last: string, files: number) => t('momentum.notAround', { period: label, first, last, files }),
} as const;

/** Why there is no momentum, kept as figures so the report can say it in its own language. */
export type MomentumWhy = { kind: 'noHistory'; files: number } | { kind: 'notAround'; label: string; first: string; last: string; files: number };

/** The line of `why` in the locale in force: English keeps the ISO days it always printed. */
export function momentumReasonText(why: MomentumWhy): string {
  if (why.kind === 'noHistory') return MOMENTUM_TEXT.noHistory(why.files);
  const day = (iso: string) => (isEnglish() ? iso : formatDate(iso));
  return MOMENTUM_TEXT.notAround(withDates(why.label), day(why.first), day(why.last), why.files);
}

/** `reason` is the English line (compute runs outside any report's locale); `why` its figures. */
export type MomentumResult = { momentum: Momentum } | { momentum: null; reason: string; why: MomentumWhy };

/** The period's bounds as instants and as the local dates they report. */
interface Window {
  startMs: number; // an export at or before this instant is a `start` one
  endMs: number; // an export after startMs and at or before this one is an `end` one
  fromDay: number; // published in the period: fromDay <= day <= toDay
  toDay: number;
  label: string;
}

/** The first instant of a local day in `zone`. */
function startOfDay(day: number, zone: string): number {
  const d = new Date(day * 86400000);
  return DateTime.fromObject({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }, { zone }).toMillis();
}

/** The local day of an instant in `zone`. */
function dayOf(ms: number, zone: string): number {
  const local = DateTime.fromMillis(ms, { zone });
  return Date.UTC(local.year, local.month - 1, local.day) / 86400000;
}

/**
 * The period as instants. `all` (and an open end) runs from the first export to the last: the
 * first export is the baseline of every video in it, and a video published after it starts at 0.
 */
function windowOf(range: DayRange | null, times: number[], zone: string): Window {
  const first = Math.min(...times);
  const last = Math.max(...times);
  const from = range && Number.isFinite(range.from) ? range.from : null;
  const to = range && Number.isFinite(range.to) ? range.to : null;
  const fromDay = from ?? dayOf(first, zone);
  const toDay = to ?? dayOf(last, zone);
  return {
    startMs: from !== null ? startOfDay(from, zone) : first,
    endMs: to !== null ? startOfDay(to + 1, zone) : last,
    fromDay,
    toDay,
    label: range && from !== null && to !== null ? range.label : labelRange(fromDay, toDay),
  };
}

/** The exports in time order (then path): the contract's read order, made sure of. */
function exportOrder(files: InputFile[]): { rank: Int32Array; times: number[] } {
  const times = files.map((f) => Date.parse(f.exportedAt));
  const order = files.map((_, i) => i).sort((a, b) => times[a] - times[b] || compareCodePoints(files[a].path, files[b].path));
  const rank = new Int32Array(files.length);
  order.forEach((f, k) => (rank[f] = k));
  return { rank, times };
}

/** Per history id code, the dataset row (in scope: filters only, any publish date) of that video, or -1. */
function scopeRowOfId(ds: Dataset, h: ExportHistory, rows: Uint32Array): Int32Array {
  const byId = new Map<string, number>();
  const vid = ds.videoId!;
  for (const r of rows) {
    const c = vid.codes[r];
    if (c >= 0) byId.set(vid.values[c], r); // dedupe none: the last row of an id speaks for it
  }
  return Int32Array.from(h.id.values, (v) => byId.get(v) ?? -1);
}

interface Gain {
  row: number; // the video's dataset row (title, creator, platform, publish date)
  code: number; // its id code in the history
  isNew: boolean;
  d: Record<Count, number>; // NaN: missing in one of the two exports
}

/** Every video in scope with its gain in the window, and the counts of those without one. */
function gainsIn(ds: Dataset, h: ExportHistory, scopeRow: Int32Array, w: Window, order: ReturnType<typeof exportOrder>) {
  const ids = h.id.values.length;
  const startRow = new Int32Array(ids).fill(-1);
  const endRow = new Int32Array(ids).fill(-1);
  const { rank, times } = order;
  const isStart = times.map((t) => t <= w.startMs);
  const isEnd = times.map((t) => t > w.startMs && t <= w.endMs);
  for (let r = 0; r < h.rows; r++) {
    const c = h.id.codes[r];
    if (c < 0 || scopeRow[c] < 0) continue; // no id: cannot be followed from one export to the next
    const f = h.file[r];
    // the last row in export order (a later row of the same export wins, as in the merge)
    const into = isStart[f] ? startRow : isEnd[f] ? endRow : null;
    if (into && (into[c] < 0 || rank[h.file[into[c]]] <= rank[f])) into[c] = r;
  }
  const gains: Gain[] = [];
  const used = new Set<number>();
  let withoutBaseline = 0;
  const zero = (k: Count) => (h.num[k] ? 0 : NaN);
  for (let c = 0; c < ids; c++) {
    const e = endRow[c];
    if (e < 0) continue; // not seen in the period
    const row = scopeRow[c];
    const day = ds.day ? ds.day[row] : NaN;
    const isNew = day >= w.fromDay && day <= w.toDay;
    const s = startRow[c];
    if (s < 0 && !isNew) {
      withoutBaseline++;
      continue;
    }
    const d = {} as Record<Count, number>;
    for (const k of COUNTS) {
      const col = h.num[k];
      d[k] = col ? col[e] - (s < 0 ? zero(k) : col[s]) : NaN;
    }
    gains.push({ row, code: c, isNew, d });
    // the exports a gain came from (not those of videos left without one)
    used.add(h.file[e]);
    if (s >= 0) used.add(h.file[s]);
  }
  return { gains, withoutBaseline, used };
}

function sumGains(h: ExportHistory, gains: Gain[]): MomentumGains {
  const total = (k: Count) => {
    if (!h.num[k]) return null;
    let sum = 0;
    for (const g of gains) if (g.d[k] === g.d[k]) sum += g.d[k];
    return sum;
  };
  const views = total('views');
  const likes = total('likes');
  const comments = total('comments');
  const shares = total('shares');
  // as engagement_rate (SPEC 3): a missing component counts as 0
  const engaged = (likes ?? 0) + (comments ?? 0) + (shares ?? 0);
  return { views, likes, comments, shares, engagementRate: views !== null && views > 0 ? engaged / views : null };
}

type PeriodGains = { ok: true; period: MomentumPeriod; gains: Gain[]; h: ExportHistory } | { ok: false; why: MomentumWhy };

/** The gains of one period, or why there are none. */
function periodGains(ctx: SectionContext, range: DayRange | null): PeriodGains {
  const ds = ctx.dataset;
  const h = ds.history;
  const files = ds.inputs ?? h?.files ?? [];
  if (!h || !ds.videoId || files.length < 2) return { ok: false, why: { kind: 'noHistory', files: Math.max(files.length, 1) } };
  const order = exportOrder(h.files);
  const w = windowOf(range, order.times, ds.timezone);
  const hasStart = order.times.some((t) => t <= w.startMs);
  const hasEnd = order.times.some((t) => t > w.startMs && t <= w.endMs);
  if (!hasStart || !hasEnd) {
    const iso = (t: number) => dayToIso(dayOf(t, ds.timezone));
    return { ok: false, why: { kind: 'notAround', label: w.label, first: iso(Math.min(...order.times)), last: iso(Math.max(...order.times)), files: h.files.length } };
  }
  // scope = the report's filters on the merged rows; not its publish dates (a video gains whenever it was published)
  const rows = selectRows(ds, ctx.report.filters, null);
  const { gains, withoutBaseline, used } = gainsIn(ds, h, scopeRowOfId(ds, h, rows), w, order);
  const missing = { views: 0, likes: 0, comments: 0, shares: 0 };
  for (const g of gains) for (const k of COUNTS) if (h.num[k] && g.d[k] !== g.d[k]) missing[k]++;
  const exports = [...used]
    .sort((a, b) => order.rank[a] - order.rank[b])
    .map((f) => ({ file: h.files[f].path, exportedAt: h.files[f].exportedAt, role: order.times[f] <= w.startMs ? ('start' as const) : ('end' as const) }));
  const period: MomentumPeriod = {
    from: dayToIso(w.fromDay),
    to: dayToIso(w.toDay),
    label: w.label,
    exports,
    gained: sumGains(h, gains),
    gainedByNew: sumGains(h, gains.filter((g) => g.isNew)),
    videos: { withGain: gains.length, new: gains.filter((g) => g.isNew).length, withoutBaseline, missing },
  };
  return { ok: true, period, gains, h };
}

const textOf = (ds: Dataset, key: 'title' | 'creator' | 'platform', row: number): string | null => {
  const col = ds.text[key];
  const c = col ? col.codes[row] : -1;
  return c >= 0 ? col!.values[c] : null;
};

/** Views gained per group (creator or platform) of the videos with a views gain, highest first. */
function viewsBy(ds: Dataset, gains: Gain[], key: 'creator' | 'platform'): { name: string; videos: number; viewsGained: number }[] {
  const groups = new Map<string, { name: string; videos: number; viewsGained: number }>();
  for (const g of gains) {
    const name = textOf(ds, key, g.row);
    if (name === null || g.d.views !== g.d.views) continue;
    const e = groups.get(name) ?? { name, videos: 0, viewsGained: 0 };
    e.videos++;
    e.viewsGained += g.d.views;
    groups.set(name, e);
  }
  return [...groups.values()].sort(byValueThenName((e) => e.viewsGained, (e) => e.name));
}

/** The report's momentum, or the one line that says why it has none. */
export function computeMomentum(ctx: SectionContext): MomentumResult {
  const p = periodGains(ctx, ctx.period?.range ?? null);
  if (!p.ok) return { momentum: null, reason: momentumReasonText(p.why), why: p.why };
  const ds = ctx.dataset;
  const { gains, h } = p;
  const withViews = gains.filter((g) => g.d.views === g.d.views);
  const idOf = (g: Gain) => h.id.values[g.code];
  const top = withViews
    .sort((a, b) => b.d.views - a.d.views || compareCodePoints(textOf(ds, 'title', a.row) ?? '', textOf(ds, 'title', b.row) ?? '') || compareCodePoints(idOf(a), idOf(b)))
    .slice(0, MOMENTUM_TOP)
    .map((g) => ({ id: idOf(g), title: textOf(ds, 'title', g.row), creator: textOf(ds, 'creator', g.row), platform: textOf(ds, 'platform', g.row), viewsGained: g.d.views, new: g.isNew }));
  return {
    momentum: {
      ...p.period,
      top,
      creators: viewsBy(ds, gains, 'creator').slice(0, MOMENTUM_TOP).map((e) => ({ creator: e.name, videos: e.videos, viewsGained: e.viewsGained })),
      byPlatform: viewsBy(ds, gains, 'platform').map((e) => ({ platform: e.name, videos: e.videos, viewsGained: e.viewsGained })),
      previous: null,
    },
  };
}

/** The gains of the period before (compare: previous), null when its exports do not surround it. */
export function previousMomentum(ctx: SectionContext, range: DayRange): MomentumPeriod | null {
  const p = periodGains(ctx, range);
  return p.ok ? p.period : null;
}
