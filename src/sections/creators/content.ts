// Content mix (SPEC 4.3): median views by duration bucket, top categories and top hashtags by
// median views. Each part is available on its own; grouping is a counting sort over codes
// (hashtags: a CSR pass that counts a video once per distinct tag).
import type { Availability, Content, GroupFigure } from '../../types.ts';
import { DURATION_BUCKETS } from '../../types.ts';
import type { SectionContext } from '../context.ts';
import { aggregate, byValueThenName, ColumnGroups, groupMembers, type Groups } from '../../stats/group.ts';

/** A tag or category needs this many videos in scope to be ranked; evidence rules come later, in insights. */
export const MIN_GROUP_VIDEOS = 1;

const yes: Availability = { available: true, reason: null };
const no = (reason: string): Availability => ({ available: false, reason });

type Named = { name: string } & GroupFigure;

/**
 * Every group with >= MIN_GROUP_VIDEOS videos and a median, ranked by median views, top n
 * (group k has videos(k) videos and median views medianViews(k)).
 */
function rankGroups(groups: number, names: string[], videos: (k: number) => number, medianViews: (k: number) => number | null, n: number): Named[] {
  const out: Named[] = [];
  for (let k = 0; k < groups; k++) {
    const count = videos(k);
    if (count === 0 || count < MIN_GROUP_VIDEOS) continue;
    const median = medianViews(k);
    if (median !== null) out.push({ name: names[k], videos: count, medianViews: median });
  }
  return out.sort(byValueThenName<Named>((x) => x.medianViews, (x) => x.name)).slice(0, Math.max(0, n));
}

/** Scope rows grouped by hashtag, CSR like groupRows; a row repeating a tag is a member once. */
export function groupHashtags(ctx: SectionContext): Groups {
  const h = ctx.dataset.hashtags!;
  const rows = ctx.scope.rows;
  const tags = h.values.length;
  const seen = new Int32Array(tags).fill(-1); // last scope position that counted this tag
  const count = new Uint32Array(tags + 1);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    for (let j = h.offsets[r]; j < h.offsets[r + 1]; j++) {
      const c = h.codes[j];
      if (c >= 0 && seen[c] !== i) {
        seen[c] = i;
        count[c + 1]++;
      }
    }
  }
  for (let k = 0; k < tags; k++) count[k + 1] += count[k];
  const start = count.slice();
  const members = new Uint32Array(count[tags]);
  seen.fill(-1);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    for (let j = h.offsets[r]; j < h.offsets[r + 1]; j++) {
      const c = h.codes[j];
      if (c >= 0 && seen[c] !== i) {
        seen[c] = i;
        members[count[c]++] = r;
      }
    }
  }
  return { groups: tags, start, rows: members };
}

/**
 * Choices where SPEC is silent: all six duration buckets are listed in bucket order (an empty
 * one has videos 0 and medianViews null) so the chart axis is stable; categories and hashtags
 * with no views at all are left out of the ranking; a part is unavailable both when its column
 * is missing and when no row in scope has a value for it, so the report says why it is empty.
 */
export function computeContent(ctx: SectionContext): Content {
  const { dataset: ds, derived, scope, report } = ctx;
  const rows = scope.rows;
  const n = report.sections.content.top;
  const views = ds.num.views ?? new Float64Array(ds.rows).fill(NaN);

  let durationBuckets: Content['durationBuckets'] = [];
  let durationAvailable = yes;
  if (!ds.num.duration) durationAvailable = no('No duration column was found in the input.');
  else {
    const g = new ColumnGroups(derived.durationBucket, rows, DURATION_BUCKETS.length, ctx.scratch);
    if (g.total === 0) durationAvailable = no('No video in scope has a duration.');
    else {
      g.load(views);
      durationBuckets = DURATION_BUCKETS.map((bucket, k) => ({ bucket, videos: g.size[k], medianViews: g.aggregate(k, 'median') }));
    }
  }

  let categories: Content['categories'] = [];
  let categoriesAvailable = yes;
  const cat = ds.text.category;
  if (!cat) categoriesAvailable = no('No category column was found in the input.');
  else {
    const g = new ColumnGroups(cat.codes, rows, cat.values.length, ctx.scratch);
    if (g.total === 0) categoriesAvailable = no('No video in scope has a category.');
    else {
      g.load(views);
      categories = rankGroups(g.groups, cat.values, (k) => g.size[k], (k) => g.aggregate(k, 'median'), n).map(({ name, ...f }) => ({ category: name, ...f }));
    }
  }

  let hashtags: Content['hashtags'] = [];
  let hashtagsAvailable = yes;
  if (!ds.hashtags) hashtagsAvailable = no('No hashtags column was found in the input.');
  else {
    const g = groupHashtags(ctx);
    if (g.rows.length === 0) hashtagsAvailable = no('No video in scope has a hashtag.');
    else {
      const videos = (k: number) => g.start[k + 1] - g.start[k];
      const medianViews = (k: number) => aggregate(views, groupMembers(g, k), 'median', ctx.scratch);
      hashtags = rankGroups(g.groups, ds.hashtags.values, videos, medianViews, n).map(({ name, ...f }) => ({ hashtag: name, ...f }));
    }
  }

  return { durationBuckets, categories, hashtags, durationAvailable, categoriesAvailable, hashtagsAvailable };
}
