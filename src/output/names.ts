// Folder names made from untrusted values (a creator, a platform, a period label): a readable
// part of safe characters and, whenever that part is not the exact value (sanitised, normalised
// or cut), a short hash of the exact value, so two distinct values can never share or swap a
// name whatever the week's data. Every name fits a path segment with room for a staging suffix.
import { createHash } from 'node:crypto';

/** UTF-8 bytes of a token's value in a path (a segment is 255 bytes: two tokens and a staging suffix fit). */
export const MAX_SEGMENT_BYTES = 100;
/** UTF-8 bytes of the readable part of a split value's name, before its hash. */
const MAX_READABLE_BYTES = 64;
const HASH_CHARS = 12; // hex: 48 bits, so 100k values collide with a chance of about 2e-5
/** Between the readable part and the hash; a readable part never holds two hyphens in a row. */
const HASH_MARK = '--';

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });
const utf8 = new TextEncoder();

/**
 * NFC, then runs of anything but letters (with their marks: Hindi vowel signs), digits, '.', '_'
 * and '-' become one '-', and '.' and '-' go from the ends. For a split value, runs of hyphens
 * become one too, so that only a hashed name holds HASH_MARK.
 */
function sanitise(value: string, oneHyphen: boolean): string {
  const s = value.normalize('NFC').replace(/[^\p{L}\p{M}\p{N}._-]+/gu, '-');
  return (oneHyphen ? s.replace(/-{2,}/g, '-') : s).replace(/^[.-]+|[.-]+$/g, '');
}

/** The longest prefix of whole graphemes within `maxBytes` of UTF-8, without a trailing '.' or '-'. */
function cutBytes(s: string, maxBytes: number): string {
  if (utf8.encode(s).length <= maxBytes) return s;
  let out = '';
  let bytes = 0;
  for (const { segment } of graphemes.segment(s)) {
    const n = utf8.encode(segment).length;
    if (bytes + n > maxBytes) break;
    out += segment;
    bytes += n;
  }
  return out.replace(/[.-]+$/, '');
}

/** The first HASH_CHARS hex digits of the sha256 of the exact value (its UTF-8 bytes). */
export function shortHash(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex').slice(0, HASH_CHARS);
}

/**
 * The name part of one value of a split column: the value itself when it is already a safe,
 * short, NFC segment with no '--' in it, else its readable part, '--' and the hash of the exact
 * value. `Zoë` stays `Zoë`; `Zoe` + U+0308 (not NFC), `a b`, `a/b`, an 80-character name and
 * `..` all get a hash. `forceHash` gives the hashed form to a value that would stay as it is (a
 * case-only twin of another value: they must differ on case-insensitive disks too).
 */
export function splitName(value: string, forceHash = false): string {
  const readable = sanitise(value, true);
  if (!forceHash && readable === value && readable !== '' && utf8.encode(readable).length <= MAX_READABLE_BYTES) return readable;
  return `${cutBytes(readable, MAX_READABLE_BYTES) || 'value'}${HASH_MARK}${shortHash(value)}`;
}

/**
 * A path segment for a token of output.dir (`{report}`, `{period}`, `{date}`): safe characters
 * only, at most MAX_SEGMENT_BYTES of UTF-8 (a longer value is cut and gets the hash of the whole
 * value, so two long values that share a beginning still differ).
 */
export function safeSegment(value: string): string {
  const s = sanitise(value, false);
  if (utf8.encode(s).length <= MAX_SEGMENT_BYTES) return s || 'untitled';
  return `${cutBytes(s, MAX_SEGMENT_BYTES - HASH_MARK.length - HASH_CHARS)}${HASH_MARK}${shortHash(value)}`;
}
