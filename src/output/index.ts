// <out>/index.html: the archive page listing every snapshot found under the output root
// (each folder with a manifest.json), newest first, with its period and headline KPIs.
// Self-contained like the reports: inline CSS, no script, every value escaped.
import { readdir, readFile, rename, writeFile, mkdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { formatCompact, formatInt, formatPct, formatDateTime } from '../format.ts';
import { compareCodePoints } from '../stats/group.ts';
import { trackTempFile } from './snapshot.ts';

export interface SnapshotEntry {
  href: string; // relative path of the report folder from the root, with /
  title: string;
  id: string;
  period: string;
  generatedAt: string;
  videos: number | null;
  totalViews: number | null;
  medianEngagementRate: number | null;
  files: string[];
}

const MAX_DEPTH = 4;

/** Every snapshot under `root` (folders holding a manifest.json), newest first, then by path. */
export async function findSnapshots(root: string): Promise<SnapshotEntry[]> {
  const out: SnapshotEntry[] = [];
  async function walk(dir: string, depth: number): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    if (entries.some((e) => e.isFile() && e.name === 'manifest.json')) {
      const entry = await readManifest(root, dir);
      if (entry) out.push(entry);
    }
    if (depth >= MAX_DEPTH) return;
    for (const e of entries) {
      if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') await walk(join(dir, e.name), depth + 1);
    }
  }
  await walk(root, 0);
  // by instant, not by text: "12:00:00.250Z" is later than "12:00:00Z"; unparseable ones last
  const at = (s: SnapshotEntry) => Date.parse(s.generatedAt) || -Infinity;
  return out.sort((a, b) => at(b) - at(a) || compareCodePoints(b.generatedAt, a.generatedAt) || compareCodePoints(a.href, b.href));
}

async function readManifest(root: string, dir: string): Promise<SnapshotEntry | null> {
  try {
    const m = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
    return {
      href: relative(root, dir).split(sep).join('/'),
      title: str(m?.report?.title),
      id: str(m?.report?.id),
      period: str(m?.period?.label),
      generatedAt: str(m?.generatedAt),
      videos: num(m?.kpis?.videos),
      totalViews: num(m?.kpis?.totalViews),
      medianEngagementRate: num(m?.kpis?.medianEngagementRate),
      files: Array.isArray(m?.files) ? m.files.map((f: { name?: unknown }) => str(f?.name)).filter(Boolean) : [],
    };
  } catch {
    return null; // a foreign or damaged manifest is not ours to list
  }
}

const esc = (s: string) =>
  s.replace(/[&<>"'`=]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Encodes each path segment so a folder name can never break out of the href. */
const hrefOf = (path: string) => path.split('/').map(encodeURIComponent).join('/');

export function renderIndex(snapshots: SnapshotEntry[], opts: { theme: 'light' | 'dark'; generatedAt: string }): string {
  const rows = snapshots
    .map((s) => {
      const links = ['report.html', 'report.pdf', 'metrics.json', 'filtered.csv']
        .filter((f) => s.files.includes(f))
        .map((f) => `<a href="${esc(hrefOf(s.href ? `${s.href}/${f}` : f))}">${esc(f.split('.').pop()!.toUpperCase())}</a>`)
        .join(' ');
      return `<tr><td dir="auto">${esc(s.title || s.id)}</td><td>${esc(s.period)}</td><td class="n">${esc(s.videos === null ? '—' : formatInt(s.videos))}</td><td class="n">${esc(s.totalViews === null ? '—' : formatCompact(s.totalViews))}</td><td class="n">${esc(formatPct(s.medianEngagementRate))}</td><td>${esc(formatDateTime(s.generatedAt, 'UTC'))}</td><td>${links}</td></tr>`;
    })
    .join('\n');
  const dark = opts.theme === 'dark';
  return `<!doctype html>
<html lang="en">
<head>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Report archive</title>
<style>
body{margin:0;font:15px/1.5 "Noto Sans","DejaVu Sans",sans-serif;background:${dark ? '#0e1117' : '#fafafa'};color:${dark ? '#e6e6e6' : '#1f2328'}}
main{max-width:1100px;margin:0 auto;padding:40px 24px}
h1{font-size:26px;margin:0 0 4px}p.sub{color:${dark ? '#9aa4b2' : '#57606a'};margin:0 0 24px}
table{width:100%;border-collapse:collapse;background:${dark ? '#161b22' : '#fff'};border-radius:8px;overflow:hidden}
th,td{padding:10px 12px;border-bottom:1px solid ${dark ? '#30363d' : '#e5e7eb'};text-align:left;vertical-align:top}
th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:${dark ? '#9aa4b2' : '#57606a'}}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
td[dir]{unicode-bidi:isolate}a{color:${dark ? '#58a6ff' : '#0969da'};margin-right:8px}
</style>
</head>
<body>
<main>
<h1>Report archive</h1>
<p class="sub">${esc(formatInt(snapshots.length))} snapshot(s), newest first. Updated ${esc(formatDateTime(opts.generatedAt, 'UTC'))}.</p>
<table>
<thead><tr><th>Report</th><th>Period</th><th class="n">Videos</th><th class="n">Views</th><th class="n">Median engagement</th><th>Generated</th><th>Files</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="7">No snapshots yet.</td></tr>'}
</tbody>
</table>
</main>
</body>
</html>
`;
}

/** Writes `<root>/index.html` atomically and returns its path. */
export async function writeIndex(root: string, opts: { theme: 'light' | 'dark'; generatedAt: string }): Promise<string> {
  await mkdir(root, { recursive: true });
  const html = renderIndex(await findSnapshots(root), opts);
  const path = join(root, 'index.html');
  const tmp = `${path}.partial-${process.pid}`;
  const untrack = trackTempFile(tmp);
  try {
    await writeFile(tmp, html);
    await rename(tmp, path);
  } finally {
    untrack();
  }
  return path;
}
