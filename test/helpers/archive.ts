// Fixtures of the archive tests: six weeks of made-up videos whose headline KPIs are worked out
// by hand, the real CLI run once per week with --as-of, and manifests to plant under out/.
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATOR_NAME } from '../../src/output/owned.ts';

const BIN = resolve(fileURLToPath(import.meta.url), '../../../bin/svreport.js');

/**
 * ISO weeks 2025-W49 (Mon 1 Dec 2025) to 2026-W02 (Mon 5 Jan 2026). Week k (1..6) has k videos,
 * all published on its Wednesday, each with 100·k views and 10·k likes (engagement 0.1); video j
 * is on TikTok when j is odd. So report "all" has k videos and 100·k² views in week k, report
 * "tiktok" ceil(k/2) videos and 100·k·ceil(k/2) views.
 */
export const WEEKS = ['2025-W49', '2025-W50', '2025-W51', '2025-W52', '2026-W01', '2026-W02'];
/** The run date that makes each week `last-week`: the Monday after it. */
export const AS_OF = ['2025-12-08', '2025-12-15', '2025-12-22', '2025-12-29', '2026-01-05', '2026-01-12'];

export function weeklyCsv(): string {
  const lines = ['title,platform,publish_date,views,likes,comments,shares'];
  for (let k = 1; k <= 6; k++) {
    const wednesday = new Date(Date.UTC(2025, 11, 3 + 7 * (k - 1))).toISOString().slice(0, 10);
    for (let j = 1; j <= k; j++) lines.push(`Week ${k} video ${j},${j % 2 ? 'TikTok' : 'YouTube'},${wednesday},${100 * k},${10 * k},0,0`);
  }
  return lines.join('\n') + '\n';
}

/** A config of two reports, one with a hostile title, into out/{report}/{period}. */
export function weeklyConfig(extraOutput = ''): string {
  return `title: Archive fixture
input: { path: videos.csv }
period: last-week
reports:
  - { id: all, title: All platforms }
  - { id: tiktok, title: "TikTok <b>\\"weekly\\"</b> & 'co' \\u202Eevil" , filters: { platform: [TikTok] } }
output: { dir: "out/{report}/{period}", formats: [html, json]${extraOutput} }
`;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The real CLI in `cwd` (synchronously: these runs follow each other anyway). */
export function svreport(cwd: string, args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, SOURCE_DATE_EPOCH: '1767225600', ...env }, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A manifest.json as svreport writes it (the fields the archive reads), with `over` on top. */
export function manifestText(over: Record<string, unknown> = {}): string {
  return JSON.stringify({
    schemaVersion: '1.0.0',
    generator: { name: GENERATOR_NAME, version: '0.1.0' },
    generatedAt: '2026-01-01T00:00:00.000Z',
    report: { id: 'planted', title: 'Planted' },
    period: { from: '2025-12-01', to: '2025-12-07', label: '2025-W49' },
    input: { path: 'videos.csv', sha256: '0'.repeat(64), bytes: 1 },
    configHash: '0'.repeat(64),
    kpis: { videos: 1, totalViews: 100, medianViews: 100, medianEngagementRate: 0.1, highViralPotentialShare: 0 },
    files: [{ name: 'report.html', bytes: 1, sha256: '0'.repeat(64) }],
    ...over,
  });
}

/** A folder holding `files` (name -> content), made with its parents. */
export async function folder(dir: string, files: Record<string, string | Buffer>): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}
