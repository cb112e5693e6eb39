// YouTube's video category ids and their names (SPEC 2: "a numeric category id column serves when
// no text category exists, YouTube ids shown with their names"). The category column of a trending
// export holds these ids; the reader shows them by name once per distinct value after the read.

import type { TextColumn } from '../types.ts';

// The ids of the YouTube Data API's videoCategories (region US), as published in the API's
// category list; 18 and 21 and 30-44 are the older or non-assignable ones, still seen in exports.
const NAMES: ReadonlyMap<number, string> = new Map([
  [1, 'Film & Animation'], [2, 'Autos & Vehicles'], [10, 'Music'], [15, 'Pets & Animals'], [17, 'Sports'],
  [18, 'Short Movies'], [19, 'Travel & Events'], [20, 'Gaming'], [21, 'Videoblogging'], [22, 'People & Blogs'],
  [23, 'Comedy'], [24, 'Entertainment'], [25, 'News & Politics'], [26, 'Howto & Style'], [27, 'Education'],
  [28, 'Science & Technology'], [29, 'Nonprofits & Activism'], [30, 'Movies'], [31, 'Anime/Animation'],
  [32, 'Action/Adventure'], [33, 'Classics'], [34, 'Comedy'], [35, 'Documentary'], [36, 'Drama'], [37, 'Family'],
  [38, 'Foreign'], [39, 'Horror'], [40, 'Sci-Fi/Fantasy'], [41, 'Thriller'], [42, 'Shorts'], [43, 'Shows'],
  [44, 'Trailers'],
]);

export function isYouTubeCategoryId(id: number): boolean {
  return NAMES.has(id);
}

/** The name of a category id cell (`22` -> People & Blogs); an unknown id or other text stays as it is. */
export function youTubeCategoryName(cell: string): string {
  const t = cell.trim();
  return /^\d{1,3}$/.test(t) ? NAMES.get(Number(t)) ?? t : cell;
}

/**
 * Shows a category id column by name, in place: each distinct value once. Ids that give the same
 * name (23 and 34 are both Comedy) become one value, their rows' codes joined.
 */
export function nameYouTubeCategories(col: TextColumn): void {
  const names = col.values.map(youTubeCategoryName);
  const first = new Map<string, number>();
  const remap = new Int32Array(names.length);
  const values: string[] = [];
  let merged = false;
  for (let i = 0; i < names.length; i++) {
    const at = first.get(names[i]);
    if (at === undefined) {
      first.set(names[i], values.length);
      remap[i] = values.length;
      values.push(names[i]);
    } else {
      remap[i] = at;
      merged = true;
    }
    if (remap[i] !== i) merged = true;
  }
  if (merged) for (let r = 0; r < col.codes.length; r++) if (col.codes[r] >= 0) col.codes[r] = remap[col.codes[r]];
  col.values = values;
}
