// The input formats that are not CSV text: a .csv.gz, a .zip holding one CSV/XLSX (YouTube
// Studio's download), an .xlsx workbook. Each is turned into a CSV file in the run's temporary
// folder (see temp.ts), which the one CSV reader (read.ts) then reads unchanged; everything else
// is refused here in one sentence naming what the file is. Size caps stop compression bombs.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rm, statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { Readable, Transform, Writable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import yauzl from 'yauzl';
import { ReportError, inputError } from '../errors.ts';
import { xlsxToCsv } from './xlsx.ts';
import { notCsvFormat, notCsvSentence } from './decode.ts';
import { inputTempPath, removeOrphanInputs } from './temp.ts';

// ---- words (one place; the message catalogue, issue 24, moves them)
const SAY = {
  bomb: (file: string, limit: number, why: string) =>
    `${file} expands to more than ${mb(limit)} (${why}); svreport stops there as it looks like a compression bomb: extract it yourself and pass the CSV if it is real.`,
  lies: (where: string) => `${where} holds more data than the archive declares for it; svreport stops there (a damaged archive, or a compression bomb).`,
  damagedGzip: (file: string, why: string) => `${file} is a damaged gzip file (${why}); compress the CSV again or pass it uncompressed.`,
  damagedZip: (file: string, why: string) => `${file} is a damaged ZIP archive (${why}); download or zip it again.`,
  noUsable: (file: string, n: number, names: string) => `${file} holds ${n} file${n === 1 ? '' : 's'} but no CSV or XLSX: ${names}.`,
  emptyZip: (file: string) => `${file} is an empty ZIP archive; it holds no CSV or XLSX.`,
  several: (file: string, n: number, names: string) => `${file} holds ${n} CSV or XLSX files (${names}); svreport reads one: extract the one you mean and pass it.`,
  encrypted: (file: string, name: string) => `${file} holds ${name} encrypted (password-protected); extract it yourself and pass the CSV.`,
  nested: (file: string, name: string) => `${file} holds ${name}, an archive inside the archive; extract it and pass the CSV inside.`,
} as const;

/** What a ZIP whose entries name an Office kind really is (docx and pptx are ZIPs too). */
const OFFICE_KINDS: [entry: RegExp, what: string][] = [
  [/^xl\/workbook\.bin$/i, 'an Excel binary workbook (.xlsb)'],
  [/^word\//i, 'a Word document (.docx)'],
  [/^ppt\//i, 'a PowerPoint presentation (.pptx)'],
];

/** A file of one of these names inside a ZIP is read; `Table data.csv` wins among several (YouTube Studio). */
const USABLE = /\.(csv|tsv|txt|csv\.gz|tsv\.gz|xlsx)$/i;
const PREFERRED = /^table data\.csv$/i;

/** Uncompressed bytes allowed per compressed byte (a CSV compresses 5-20x; a bomb 1000x). */
export const MAX_RATIO = 100;
/** Below this an archive may expand freely (small files compress badly or very well, and cost nothing). */
const FLOOR_BYTES = 64 * 1024 * 1024;
/** Never more than this, whatever the ratio. */
const MAX_EXPANDED_BYTES = 16 * 1024 ** 3;
/** Archives inside archives: a zip holding a .csv.gz, no deeper. */
const MAX_DEPTH = 2;

export interface PrepareOptions {
  /** how messages name the file (the user's path) */
  file: string;
  /** the entry's `sheet:` (a name or a 1-based index) for an .xlsx */
  sheet?: string | number;
  maxRecordBytes: number;
  maxColumns: number;
  /** the uncompressed-size cap, for tests (default: see expandLimit) */
  maxExpandedBytes?: number;
}

/** A non-CSV input turned into a CSV file: where it is, and the original's hash and size. */
export interface PreparedInput {
  /** the CSV file to scan (in the run's temporary folder) */
  readPath: string;
  /** how messages name what is read (`yt.zip (Table data.csv)`) */
  file: string;
  sha256: string;
  bytes: number;
  /** set when svreport wrote the CSV itself (from an .xlsx): UTF-8 and commas, whatever input.encoding says */
  written?: { encoding: 'utf-8'; delimiter: ',' };
}

/**
 * For a CSV text file, null (read it as it is); for a .csv.gz, a .zip or an .xlsx, the CSV file
 * made from it; anything else is refused with a ReportError naming what it is (exit 3).
 */
export async function prepareInput(path: string, head: Uint8Array, bytes: number, o: PrepareOptions): Promise<PreparedInput | null> {
  const kind = sniffKind(head);
  if (kind === 'csv') return null;
  await removeOrphanInputs();
  const limit = await expandLimit(bytes, o.maxExpandedBytes);
  const out = await convert(path, kind, o.file, limit, o, 1);
  return { ...out, sha256: await sha256Of(path), bytes };
}

type Kind = 'csv' | 'gzip' | 'zip';
type Converted = Pick<PreparedInput, 'readPath' | 'file' | 'written'>;

function sniffKind(head: Uint8Array): Kind {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5 || head[2] === 7)) return 'zip';
  return 'csv';
}

async function convert(path: string, kind: Kind, file: string, limit: number, o: PrepareOptions, depth: number): Promise<Converted> {
  if (kind === 'gzip') {
    const out = inputTempPath('data');
    await gunzipTo(path, out, file, limit);
    return inner(out, file, limit, o, depth);
  }
  return unzip(path, file, limit, o, depth);
}

/** The file extracted from an archive: CSV as it is, another archive within the depth limit. */
async function inner(path: string, file: string, limit: number, o: PrepareOptions, depth: number): Promise<Converted> {
  const head = await readStart(path, 64 * 1024);
  const kind = sniffKind(head);
  if (kind === 'csv') {
    const what = notCsvFormat(head);
    if (what) throw inputError(notCsvSentence(file, what));
    return { readPath: path, file };
  }
  if (depth >= MAX_DEPTH) throw inputError(SAY.nested(file, kind === 'zip' ? 'a ZIP archive' : 'a gzip file'));
  return convert(path, kind, file, limit, o, depth + 1);
}

// ---- gzip

async function gunzipTo(path: string, out: string, file: string, limit: number): Promise<void> {
  try {
    await pipeline(createReadStream(path), createGunzip(), new Capped(limit, () => inputError(SAY.bomb(file, limit, ratioWords(limit)))), createWriteStream(out, { mode: 0o600 }));
  } catch (err) {
    await rm(out, { force: true }); // a cut-short file does not wait for the end of the run
    if (err instanceof ReportError) throw err;
    throw inputError(SAY.damagedGzip(file, oneLine(err)), err);
  }
}

/** Passes bytes through and fails once more than `limit` went by (counted, whatever a header says). */
class Capped extends Transform {
  seen = 0;
  constructor(
    private readonly limit: number,
    private readonly error: () => Error,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit) return done(this.error());
    done(null, chunk);
  }
}

// ---- zip

interface ZipEntry {
  name: string;
  entry: yauzl.Entry;
}

async function unzip(path: string, file: string, limit: number, o: PrepareOptions, depth: number): Promise<Converted> {
  const zip = await openZip(path, file);
  try {
    const entries = await listEntries(zip, file);
    const names = entries.map((e) => e.name);
    if (names.some((n) => /^xl\/workbook\.xml$/i.test(n))) return await xlsxFromZip(zip, entries, file, limit, o);
    for (const [re, what] of OFFICE_KINDS) if (names.some((n) => re.test(n))) throw inputError(notCsvSentence(file, what));
    if (names.includes('mimetype') && names.includes('content.xml')) throw inputError(notCsvSentence(file, 'an OpenDocument file (.ods/.odt)'));
    // folders, macOS resource forks and hidden files are not what the user zipped
    const files = entries.filter((e) => !e.name.endsWith('/') && !/^__MACOSX\//.test(e.name) && !baseName(e.name).startsWith('.'));
    if (files.length === 0) throw inputError(SAY.emptyZip(file));
    const usable = files.filter((e) => USABLE.test(e.name));
    if (usable.length === 0) throw inputError(SAY.noUsable(file, files.length, listed(files.map((e) => e.name))));
    const pick = usable.length === 1 ? usable[0] : usable.find((e) => PREFERRED.test(baseName(e.name)));
    if (!pick) throw inputError(SAY.several(file, usable.length, listed(usable.map((e) => e.name))));
    const where = `${file} (${pick.name})`;
    checkEntry(pick, file, limit);
    // the entry's name is never used on disk (zip slip): the temp name is ours
    const out = inputTempPath(/\.xlsx$/i.test(pick.name) ? 'entry.xlsx' : 'entry');
    await pipeline(await entryStream(zip, pick, file, limit), createWriteStream(out, { mode: 0o600 })).catch(async (err: unknown) => {
      await rm(out, { force: true });
      throw err;
    });
    if (/\.xlsx$/i.test(pick.name)) {
      if (depth >= MAX_DEPTH) throw inputError(SAY.nested(file, pick.name));
      return unzip(out, where, limit, o, depth + 1);
    }
    return await inner(out, where, limit, o, depth);
  } finally {
    zip.close();
  }
}

function openZip(path: string, file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    // names are decoded here, not by yauzl: it refuses a whole archive for one `../x.csv`
    yauzl.open(path, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) reject(inputError(SAY.damagedZip(file, oneLine(err)), err));
      else resolve(zip);
    });
  });
}

/** The central directory's entries (never more than 65,535 kept: an Office file has a few dozen). */
function listEntries(zip: yauzl.ZipFile, file: string): Promise<ZipEntry[]> {
  return new Promise((resolve, reject) => {
    const out: ZipEntry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      if (out.length >= 65535) return reject(inputError(SAY.damagedZip(file, 'more than 65,535 entries')));
      out.push({ name: entryName(entry), entry });
      zip.readEntry();
    });
    zip.once('end', () => resolve(out));
    zip.once('error', (err: unknown) => reject(inputError(SAY.damagedZip(file, oneLine(err)), err)));
    zip.readEntry();
  });
}

/** An entry's name for messages and matching: UTF-8 when flagged (or valid), else Latin-1; `\` read as `/`. */
function entryName(entry: yauzl.Entry): string {
  const raw = (entry as unknown as { fileNameRaw?: Buffer }).fileNameRaw ?? (entry.fileName as unknown as Buffer);
  const buf = Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw));
  const utf8 = buf.toString('utf8');
  const name = (entry.generalPurposeBitFlag & 0x800) !== 0 || !utf8.includes('\uFFFD') ? utf8 : buf.toString('latin1');
  return name.replace(/\\/g, '/');
}

function checkEntry(e: ZipEntry, file: string, limit: number): void {
  if ((e.entry.generalPurposeBitFlag & 1) !== 0) throw inputError(SAY.encrypted(file, e.name));
  if (e.entry.uncompressedSize > limit) throw inputError(SAY.bomb(`${file} (${e.name})`, limit, ratioWords(limit)));
}

/** An entry's bytes, counted against `limit` while inflating (the directory's sizes can lie; yauzl checks them too). */
async function entryStream(zip: yauzl.ZipFile, e: ZipEntry, file: string, limit: number): Promise<Readable> {
  const where = `${file} (${e.name})`;
  const raw = await new Promise<Readable>((resolve, reject) => {
    zip.openReadStream(e.entry, (err, s) => (err || !s ? reject(inputError(SAY.damagedZip(file, oneLine(err)), err)) : resolve(s)));
  });
  const capped = new Capped(Math.min(limit, e.entry.uncompressedSize), () => inputError(SAY.lies(where)));
  raw.on('error', (err: unknown) => {
    const msg = oneLine(err);
    capped.destroy(/too many bytes/i.test(msg) ? inputError(SAY.lies(where), err) : inputError(SAY.damagedZip(file, msg), err));
  });
  return raw.pipe(capped);
}

// ---- xlsx

/** The workbook's parts from the archive, each counted against the cap; its first sheet (or `sheet:`) as CSV. */
async function xlsxFromZip(zip: yauzl.ZipFile, entries: ZipEntry[], file: string, limit: number, o: PrepareOptions): Promise<Converted> {
  const byName = new Map(entries.map((e) => [e.name.toLowerCase(), e]));
  const open = async (name: string, max: number): Promise<Readable | null> => {
    const e = byName.get(name.toLowerCase());
    if (!e) return null;
    checkEntry(e, file, max);
    return entryStream(zip, e, file, max);
  };
  const out = inputTempPath('sheet.csv');
  await xlsxToCsv(open, out, { file, limit, sheet: o.sheet, maxRecordBytes: o.maxRecordBytes, maxColumns: o.maxColumns }).catch(async (err: unknown) => {
    await rm(out, { force: true }); // a cut-short file does not wait for the end of the run
    throw err;
  });
  return { readPath: out, file, written: { encoding: 'utf-8', delimiter: ',' } };
}

// ---- helpers

/** The uncompressed-size cap: MAX_RATIO x the file (at least FLOOR_BYTES), at most 16 GiB and the free space of the temporary folder. */
async function expandLimit(bytes: number, fixed?: number): Promise<number> {
  if (fixed !== undefined) return fixed;
  let limit = Math.min(MAX_EXPANDED_BYTES, Math.max(FLOOR_BYTES, bytes * MAX_RATIO));
  const fs = await statfs(tmpdir()).catch(() => null);
  if (fs) limit = Math.min(limit, Math.max(1 << 20, fs.bavail * fs.bsize - 64 * 1024 * 1024));
  return limit;
}

const ratioWords = (limit: number) => (limit >= MAX_EXPANDED_BYTES ? 'the most svreport unpacks' : `over ${MAX_RATIO} times its size, or the free space for unpacking`);

const mb = (n: number) => (n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GB` : `${Math.round(n / 1024 ** 2).toLocaleString('en-US')} MB`);

function listed(names: string[]): string {
  const shown = names.slice(0, 5).join(', ');
  return names.length > 5 ? `${shown}, ...` : shown;
}

const baseName = (name: string) => name.slice(name.lastIndexOf('/') + 1);

/** The first `n` bytes of a file (fewer when it is shorter). */
export async function readStart(path: string, n: number): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** The original file's sha256 (the manifest names what the user gave, not the CSV made from it). */
async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), new Writable({ write: (c: Buffer, _e, done) => (hash.update(c), done()) }));
  return hash.digest('hex');
}

const oneLine = (err: unknown) => String(err instanceof Error ? err.message : err).split('\n')[0].slice(0, 160);

