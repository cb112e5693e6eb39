// Three weekly exports of six videos (v1..v6, and a row with no id), the merged rows as the last
// export has them: the gains of week 2025-W23 are worked out by hand in compute.test.ts.
import type { Dataset } from '../../../src/types.ts';
import { makeDataset, withHistory, type ExportSpec } from '../../helpers/dataset.ts';

// The merged rows (one per video, as the last export has it); v7 has no id in any export.
//                 v1            v2            v3            v4            v5            v6
export const merged = {
  id: ['v1', 'v2', 'v3', 'v4', 'v5', 'v6'],
  title: ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon', 'Zeta'],
  creator: ['ana', 'bo', 'ana', 'cy', 'bo', 'dee'],
  platform: ['TikTok', 'YouTube', 'TikTok', 'TikTok', 'YouTube', 'TikTok'],
  date: ['2025-05-01', '2025-05-20', '2025-06-04', '2025-05-30', '2025-05-10', '2025-05-01'],
  views: [4000, 900, 3000, 800, 600, 80],
};

const row = (id: string | null, views: number | null, likes: number | null, comments: number | null, shares: number | null) => ({ id, views, likes, comments, shares });

export const e1: ExportSpec = {
  path: 'tiktok-2025-05-26.csv',
  exportedAt: '2025-05-26T00:00:00.000Z', // before the week
  rows: [row('v1', 1000, 100, 10, 5), row('v2', 200, 20, 2, 0), row('v6', 50, 5, 0, 0)],
};
export const e2: ExportSpec = {
  path: 'tiktok-2025-06-02.csv',
  exportedAt: '2025-06-02T00:00:00.000Z', // exactly the start of the week: its baseline
  rows: [row('v1', 1500, 150, 12, 6), row('v5', 100, null, 0, 0), row('v6', 80, 5, 0, 0)],
};
export const e3: ExportSpec = {
  path: 'tiktok-2025-06-09.csv',
  exportedAt: '2025-06-09T00:00:00.000Z', // exactly the end of the week
  rows: [
    row('v1', 3900, 290, 11, 9), // an earlier row of the same video in the same export: the later one counts
    row('v2', 900, 50, 5, 1),
    row('v3', 3000, 600, 30, 20),
    row('v4', 800, 80, 8, 8),
    row('v1', 4000, 300, 11, 10),
    row('v5', 600, 40, 0, 0),
    row(null, 99999, 0, 0, 0), // no id: cannot be followed, left out
  ],
};
export const weeklyDataset = (timezone = 'UTC'): Dataset => withHistory(makeDataset(merged, timezone), [e1, e2, e3]);
