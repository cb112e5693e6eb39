// <out>/index.html: the archive page. Per report, its headline KPIs with a small trend across its
// snapshots, then the snapshots newest first with links. It lists only svreport's own snapshots
// (scanArchive) and stays small whatever they hold: every text clipped, the rows capped.
// Self-contained like the reports: inline CSS and SVG, no script, every value escaped.
import { writeFile, rename, mkdir, lstat, open } from 'node:fs/promises';
import { join } from 'node:path';
import { formatCompact, formatDate, formatDateTime, formatInt, formatPct, MISSING, withDates } from '../format.ts';
import { currentLocale, DEFAULT_LOCALE, t, withLocale, type MessageKey } from '../i18n/index.ts';
import { compareCodePoints } from '../stats/group.ts';
import { byReport, scanArchive, KPI_KEYS, type ArchiveScan, type ArchivedSnapshot, type KpiKey } from './archive.ts';
import { trackTempFile } from './snapshot.ts';
import { GENERATOR_NAME, newToken } from './owned.ts';
import { ReportError, EXIT } from '../errors.ts';

/** The page lists this many snapshots at most (the newest); the rest are counted, not listed. */
export const PAGE_LIMITS = { snapshots: 500, hrefChars: 1000 };

const KPI_KEY_WORDS: Record<KpiKey, MessageKey> = {
  videos: 'kpi.videos',
  totalViews: 'kpi.totalViews',
  medianEngagementRate: 'archive.medianEngagement',
  medianViews: 'kpi.medianViews',
  highViralPotentialShare: 'kpi.highViralPotential',
};
/** A KPI's name on the page, in the archive's language. */
const kpiLabel = (k: KpiKey): string => t(KPI_KEY_WORDS[k]);
const KPI_FORMAT: Record<KpiKey, (v: number | null) => string> = {
  videos: formatInt,
  totalViews: formatCompact,
  medianEngagementRate: (v) => formatPct(v),
  medianViews: formatCompact,
  highViralPotentialShare: (v) => formatPct(v, 1),
};

/** Colours of each theme; text pairs meet WCAG AA (4.5:1), the trend line 3:1 (test/archive-index.test.ts). */
export const PALETTE = {
  light: { page: '#fafafa', card: '#ffffff', text: '#1f2328', muted: '#57606a', border: '#d0d7de', link: '#0969da', line: '#0969da' },
  dark: { page: '#0e1117', card: '#161b22', text: '#e6e6e6', muted: '#9aa4b2', border: '#30363d', link: '#58a6ff', line: '#58a6ff' },
} as const;

const esc = (s: string) => s.replace(/[&<>"'`=]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Encodes each path segment so a folder name can never break out of the href. */
const hrefOf = (path: string) => path.split('/').map(encodeURIComponent).join('/');

export interface IndexOptions {
  theme: 'light' | 'dark';
  generatedAt: string;
  /** the page's words, numbers and dates (the config's shared `locale`); en-US by default */
  locale?: string;
}

interface ReportGroup {
  key: string;
  /** newest first */
  snapshots: ArchivedSnapshot[];
}

/** The page for a scan of the archive (its snapshots newest first). Pure. */
export function renderIndex(scan: ArchiveScan, opts: IndexOptions): string {
  return withLocale(opts.locale ?? DEFAULT_LOCALE, () => renderPage(scan, opts));
}

/** The html lang of the page's words: "en" in English (as it always was), else the tag whose words it carries. */
function pageLang(): string {
  const { tag, language } = currentLocale();
  return language === 'en' || new Intl.Locale(tag).language !== language ? 'en' : tag;
}

function renderPage(scan: ArchiveScan, opts: IndexOptions): string {
  const listed = scan.snapshots.slice(0, PAGE_LIMITS.snapshots);
  const groups = groupByReport(listed);
  const notes: string[] = [];
  if (scan.snapshots.length > listed.length) {
    notes.push(t('archive.notListed', { older: formatInt(scan.snapshots.length - listed.length), listed: formatInt(listed.length) }));
  }
  if (scan.truncated) notes.push(t('archive.truncated'));
  const p = PALETTE[opts.theme];
  const sections = groups.map((g, i) => renderGroup(g, `r${i + 1}`)).join('\n');
  const toc = groups.length > 1
    ? `<nav aria-label="${esc(t('archive.reports'))}"><ul class="toc">${groups.map((g, i) => `<li><a href="#r${i + 1}"><bdi>${esc(g.snapshots[0].title || g.snapshots[0].id)}</bdi></a></li>`).join('')}</ul></nav>`
    : '';
  return `<!doctype html>
<html lang="${esc(pageLang())}">
<head>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${GENERATOR_NAME}">
<title>${esc(t('archive.title'))}</title>
<style>
body{margin:0;font:15px/1.5 "Noto Sans","DejaVu Sans",sans-serif;background:${p.page};color:${p.text}}
main{max-width:1100px;margin:0 auto;padding:40px 24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:0;overflow-wrap:anywhere}
.sub,.meta,.id,.dates,.note,.kpi .label,.since{color:${p.muted}}.sub{margin:0 0 16px}.note{margin:0 0 16px;font-size:14px}
.id{font-size:13px;font-weight:normal;margin-left:6px}
a{color:${p.link}}bdi{unicode-bidi:isolate}
.toc{list-style:none;margin:0 0 24px;padding:0;display:flex;flex-wrap:wrap;gap:4px 16px;overflow-wrap:anywhere}.toc li{min-width:0}
section.report{background:${p.card};border:1px solid ${p.border};border-radius:8px;padding:20px;margin:0 0 28px}
.meta{margin:2px 0 16px;font-size:14px;overflow-wrap:anywhere}
.kpis{list-style:none;margin:0 0 16px;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:12px}
.kpi{border:1px solid ${p.border};border-radius:6px;padding:10px 12px;display:flex;flex-direction:column;gap:2px}
.kpi .label{font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.kpi .value{font-size:22px;font-weight:600;font-variant-numeric:tabular-nums}
.kpi svg{display:block;width:100%;max-width:160px;height:32px;margin:2px 0}.since{font-size:12px}
.spark{fill:none;stroke:${p.line};stroke-width:2;stroke-linejoin:round;stroke-linecap:round}.dot{fill:${p.line}}
.wrap{overflow-x:auto}
table{width:100%;border-collapse:collapse}
th,td{padding:8px 10px;border-bottom:1px solid ${p.border};text-align:left;vertical-align:top}
thead th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:${p.muted};vertical-align:bottom}
tbody th{font-weight:600;overflow-wrap:anywhere}.dates{display:block;font-size:13px;font-weight:normal;white-space:nowrap}.since bdi{white-space:nowrap}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}td.n{white-space:nowrap}
td a{margin-right:8px}td.files,td.at{white-space:nowrap}
@media (max-width:640px){
main{padding:24px 12px}section.report{padding:14px}
.kpis{grid-template-columns:repeat(2,minmax(0,1fr));gap:8px}.kpi .value{font-size:18px}
table,thead,tbody,tr,th,td{display:block}
thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
tr{border-bottom:1px solid ${p.border};padding:8px 0;display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);column-gap:16px}
tbody th,td.at,td.files{grid-column:1/-1}
tbody th,td{border:0;padding:2px 0}
td{display:flex;justify-content:space-between;gap:8px;font-size:14px}
td::before{content:attr(data-label);color:${p.muted};white-space:normal;text-align:left}
}
</style>
</head>
<body>
<main>
<h1>${esc(t('archive.title'))}</h1>
<p class="sub">${esc(t('archive.sub', { reports: formatInt(groups.length), snapshots: formatInt(listed.length), date: formatDateTime(opts.generatedAt, 'UTC') }))}</p>
${notes.map((n) => `<p class="note">${esc(n)}</p>`).join('\n')}
${toc}
${sections || `<p>${esc(t('archive.none'))}</p>`}
</main>
</body>
</html>
`;
}

/** Snapshots grouped by report, each group newest first, the groups by report id. */
function groupByReport(snapshots: ArchivedSnapshot[]): ReportGroup[] {
  return [...byReport(snapshots)]
    .map(([key, list]) => ({ key, snapshots: list }))
    .sort((a, b) => compareCodePoints(a.snapshots[0].id, b.snapshots[0].id) || compareCodePoints(a.key, b.key));
}

function renderGroup(g: ReportGroup, anchor: string): string {
  const newest = g.snapshots[0];
  const oldest = g.snapshots[g.snapshots.length - 1];
  const span = g.snapshots.length === 1 ? periodText(newest) : t('archive.span', { from: periodText(oldest), to: periodText(newest) });
  const cards = KPI_KEYS.map((k) => {
    const v = newest.kpis[k];
    const first = [...g.snapshots].reverse().find((s) => s.kpis[k] !== null);
    const since = first && first !== newest
      ? `<span class="since">${esc(t('archive.since', { value: KPI_FORMAT[k](first.kpis[k]) }))} <bdi>${esc(periodText(first))}</bdi></span>`
      : '';
    return `<li class="kpi"><span class="label">${esc(kpiLabel(k))}</span><span class="value">${dataValue(v, KPI_FORMAT[k](v))}</span>${sparkline(g.snapshots, k)}${since}</li>`;
  }).join('');
  const rows = g.snapshots.map(renderRow).join('\n');
  return `<section class="report" id="${anchor}" aria-labelledby="${anchor}-h">
<h2 id="${anchor}-h"><bdi>${esc(newest.title || newest.id)}</bdi><span class="id"><bdi>${esc(newest.id)}</bdi></span></h2>
<p class="meta">${esc(t('archive.meta', { n: formatInt(g.snapshots.length), span }))}</p>
<ul class="kpis">${cards}</ul>
<div class="wrap"><table>
<thead><tr><th scope="col">${esc(t('cover.period'))}</th>${KPI_KEYS.map((k) => `<th scope="col" class="n">${esc(kpiLabel(k))}</th>`).join('')}<th scope="col">${esc(t('cover.generated'))}</th><th scope="col">${esc(t('archive.files'))}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>
</section>`;
}

function renderRow(s: ArchivedSnapshot): string {
  const dates = s.period.from && s.period.to ? `<span class="dates">${esc(dayRange(s.period.from, s.period.to))}</span>` : '';
  const kpis = KPI_KEYS.map((k) => `<td class="n" data-label="${esc(kpiLabel(k))}">${dataValue(s.kpis[k], KPI_FORMAT[k](s.kpis[k]))}</td>`).join('');
  const base = s.href ? `${hrefOf(s.href)}/` : '';
  const links = base.length > PAGE_LIMITS.hrefChars
    ? '' // a folder path this long is no one's archive layout; not worth a link of kilobytes
    : s.files.map((f) => `<a href="${esc(base + f)}">${esc(f.split('.').pop()!.toUpperCase())}</a>`).join(' ');
  const [period, generated, files] = [esc(t('cover.period')), esc(t('cover.generated')), esc(t('archive.files'))];
  return `<tr><th scope="row" data-label="${period}"><bdi>${esc(s.period.label || MISSING)}</bdi>${dates}</th>${kpis}<td class="at" data-label="${generated}">${esc(formatDateTime(s.generatedAt, 'UTC'))}</td><td class="files" data-label="${files}"><span>${links || esc(MISSING)}</span></td></tr>`;
}

/** Two ISO days as a short range: "12–18 Jan 2026", "28 Feb – 6 Mar 2026", "29 Dec 2025 – 4 Jan 2026". */
export function dayRange(from: string, to: string): string {
  if (from === to) return formatDate(to);
  if (!currentLocale().englishFormats) return withDates(`${from} – ${to}`); // Intl's own range in another language
  const [a, b] = [formatDate(from).split(' '), formatDate(to).split(' ')]; // [day, month, year]
  if (a[2] !== b[2]) return `${a.join(' ')} – ${b.join(' ')}`;
  return a[1] === b[1] ? `${a[0]}–${b.join(' ')}` : `${a[0]} ${a[1]} – ${b.join(' ')}`;
}

/** A figure as shown, with its exact value for machines (`<data value>`); a missing one as a dash. */
const dataValue = (v: number | null, shown: string) => (v === null ? esc(shown) : `<data value="${esc(String(v))}">${esc(shown)}</data>`);

const periodText = (s: ArchivedSnapshot) => s.period.label || formatDate(s.period.to);

const SPARK = { width: 160, height: 32, pad: 3 };

/**
 * One KPI across a report's snapshots, oldest on the left: an inline SVG line (gaps where a
 * snapshot has no value), the newest value dotted, and a text alternative with the first and last values.
 */
export function sparkline(newestFirst: readonly ArchivedSnapshot[], key: KpiKey): string {
  const series = [...newestFirst].reverse().map((s) => s.kpis[key]);
  const values = series.filter((v): v is number => v !== null);
  const [lo, hi] = [Math.min(...values), Math.max(...values)];
  const { width: w, height: h, pad } = SPARK;
  const x = (i: number) => (series.length === 1 ? w / 2 : pad + (i * (w - 2 * pad)) / (series.length - 1));
  const y = (v: number) => (hi === lo ? h / 2 : pad + ((hi - v) * (h - 2 * pad)) / (hi - lo));
  const r1 = (n: number) => Math.round(n * 10) / 10;
  let d = '';
  let dot = ''; // on the newest value
  for (let i = 0, penDown = false; i < series.length; i++) {
    const v = series[i];
    if (v === null) {
      penDown = false; // a gap: the line starts again at the next value
      continue;
    }
    d += `${penDown ? 'L' : 'M'}${r1(x(i))} ${r1(y(v))}`;
    dot = `<circle class="dot" cx="${r1(x(i))}" cy="${r1(y(v))}" r="2.5"/>`;
    penDown = true;
  }
  const label = esc(sparklineText([...newestFirst].reverse(), key));
  const line = d.includes('L') ? `<path class="spark" d="${d}"/>` : ''; // a lone value is its dot
  return `<svg viewBox="0 0 ${w} ${h}" role="img" aria-label="${label}"><title>${label}</title>${line}${dot}</svg>`;
}

/** "Total views across 6 snapshots: first 1.2K (2025-W01), last 3.4K (2025-W06)". */
export function sparklineText(oldestFirst: readonly ArchivedSnapshot[], key: KpiKey): string {
  const known = oldestFirst.filter((s) => s.kpis[key] !== null);
  const name = kpiLabel(key);
  const at = (s: ArchivedSnapshot) => `${KPI_FORMAT[key](s.kpis[key])} (${periodText(s)})`;
  const count = t('archive.snapshots', { count: oldestFirst.length, n: formatInt(oldestFirst.length) });
  if (known.length === 0) return t('archive.spark.none', { name, count });
  if (known.length === 1) return t('archive.spark.one', { name, count, value: at(known[0]) });
  return t('archive.spark.many', { name, count, first: at(known[0]), last: at(known[known.length - 1]) });
}

/** Writes `<root>/index.html` atomically and returns its path. */
export async function writeIndex(root: string, opts: IndexOptions): Promise<string> {
  await mkdir(root, { recursive: true });
  const path = join(root, 'index.html');
  if (!(await replaceableIndex(path))) {
    throw new ReportError(EXIT.usage, `${path} was not written by svreport, so the archive index was not written over it; move it away or choose another output folder.`);
  }
  const html = renderIndex(await scanArchive(root), opts);
  const tmp = `${path}.partial-${newToken()}`;
  const untrack = trackTempFile(tmp);
  try {
    await writeFile(tmp, html);
    await rename(tmp, path);
  } finally {
    untrack();
  }
  return path;
}

/**
 * True when `path` is absent or an index page svreport wrote: its generator meta tag, or the head
 * of the pages earlier versions wrote (no such tag, the same CSP and title) within its first bytes.
 */
async function replaceableIndex(path: string): Promise<boolean> {
  const st = await lstat(path).catch(() => null);
  if (st === null || st.isDirectory()) return true; // a folder there makes the rename fail: "a folder is in the way"
  if (!st.isFile()) return false;
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(1024);
    const head = buf.subarray(0, (await fh.read(buf, 0, buf.length, 0)).bytesRead).toString('utf8');
    return head.includes(`<meta name="generator" content="${GENERATOR_NAME}">`) ||
      (head.startsWith('<!doctype html>\n<html lang="en">\n<head>\n<meta http-equiv="Content-Security-Policy"') && head.includes('<title>Report archive</title>'));
  } finally {
    await fh.close();
  }
}
