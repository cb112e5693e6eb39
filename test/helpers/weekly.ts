// Three weekly TikTok Studio-like exports of one small campaign (issue 23): the same videos
// growing, links written differently week to week, new videos appearing and one gone. The tests
// that use them (inputs-cli, momentum-cli) work their figures out by hand from these tables.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from './tmp.ts';

export const HEADER = 'Video title,Video link,Post time,Total views,Total likes,Total comments,Total shares';
export const link = (n: number) => `https://www.tiktok.com/@brand/video/73000000000000000${n}`;

/**
 * Week 1 (06-01): A-E. Week 2 (06-08): A-E grown (A's link with a query string, B's with a
 * trailing slash: the same videos), F and G new. Week 3 (06-15): A-F grown, H new, G gone.
 * Last row of each video: A 12.5K, B 3.4K, C 980, D 1.2M, E 45,000, F 2.1K (week 3), G 700
 * (week 2), H 150 -> 8 videos, 1,264,830 views; 5 + 7 + 7 = 19 rows, 19 - 8 = 11 merged.
 */
export const WEEKS: Record<string, string[]> = {
  'tiktok-2025-06-01.csv': [
    `Morning routine,${link(1)},2025-05-20 10:00,8.1K,500,20,10`,
    `Desk tour,${link(2)},2025-05-22 18:30,2.0K,120,8,3`,
    `Quick recipe,${link(3)},2025-05-25 12:00,600,40,2,1`,
    `Big launch,${link(4)},2025-05-28 09:00,900K,50K,"1,200","3,000"`,
    `Behind the scenes,${link(5)},2025-05-30 20:00,"30,000",2K,90,40`,
  ],
  'tiktok-2025-06-08.csv': [
    `Morning routine,${link(1)}?is_from_webapp=1&sender_device=pc,2025-05-20 10:00,10.2K,600,25,12`,
    `Desk tour,${link(2)}/,2025-05-22 18:30,2.9K,150,9,4`,
    `Quick recipe,${link(3)},2025-05-25 12:00,850,50,3,1`,
    `Big launch,${link(4)},2025-05-28 09:00,1.1M,60K,"1,400","3,500"`,
    `Behind the scenes,${link(5)},2025-05-30 20:00,"41,000",2.5K,100,45`,
    `Q&A,${link(6)},2025-06-03 17:00,1.5K,90,12,2`,
    `Outtakes,${link(7)},2025-06-05 11:00,700,30,1,0`,
  ],
  'tiktok-2025-06-15.csv': [
    `Morning routine,${link(1)},2025-05-20 10:00,12.5K,700,30,15`,
    `Desk tour,${link(2)},2025-05-22 18:30,3.4K,170,10,5`,
    `Quick recipe,${link(3)},2025-05-25 12:00,980,60,3,2`,
    `Big launch,${link(4)},2025-05-28 09:00,1.2M,65K,"1,500","3,800"`,
    `Behind the scenes,${link(5)},2025-05-30 20:00,"45,000",2.8K,110,50`,
    `Q&A,${link(6)},2025-06-03 17:00,2.1K,120,15,3`,
    `New drop,${link(8)},2025-06-12 08:00,150,10,1,0`,
  ],
};
/** A temp folder with exports/<the three files> and report.config.yaml holding config. */
export async function weeklyExports(config: string): Promise<string> {
  const dir = await tempDir('svr-inputs-');
  await mkdir(join(dir, 'exports'));
  for (const [name, rows] of Object.entries(WEEKS)) await writeFile(join(dir, 'exports', name), [HEADER, ...rows].join('\n') + '\n');
  await writeFile(join(dir, 'report.config.yaml'), config);
  return dir;
}
