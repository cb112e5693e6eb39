// An .xlsx worksheet as CSV, cells as Excel stores them (numbers plainly, dates as ISO 8601, a
// formula's cached result), read part by part with exceljs' own streaming parsers: the workbook,
// its relations, styles (for dates), shared strings, then only the chosen sheet, in that order
// whatever the archive's. The caller (formats.ts) opens each part with its size cap.
import { open as openFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import WorksheetReader from 'exceljs/lib/stream/xlsx/worksheet-reader.js';
import StyleManager from 'exceljs/lib/xlsx/xform/style/styles-xform.js';
import WorkbookXform from 'exceljs/lib/xlsx/xform/book/workbook-xform.js';
import RelationshipsXform from 'exceljs/lib/xlsx/xform/core/relationships-xform.js';
import parseSax from 'exceljs/lib/utils/parse-sax.js';
import type { Row } from 'exceljs';
import { ReportError, inputError, usageError } from '../errors.ts';

// ---- words (one place; the message catalogue, issue 24, moves them)
const SAY = {
  noSheet: (file: string) => `${file} is an Excel workbook (.xlsx) with no worksheet.`,
  unknownSheet: (file: string, sheet: string, names: string[]) => `${file} has no sheet ${sheet}; its sheets are ${names.map((n) => JSON.stringify(n)).join(', ')}.`,
  tooWide: (file: string, sheet: string, row: number, cols: number, max: number) =>
    `${file}: sheet ${JSON.stringify(sheet)} row ${row} has ${cols.toLocaleString('en-US')} columns; svreport reads at most ${max.toLocaleString('en-US')} (a spreadsheet's limit): keep the columns the report needs.`,
  beyondColumns: (file: string, sheet: string, max: number) =>
    `${file}: sheet ${JSON.stringify(sheet)} has a cell beyond column XFD; svreport reads at most ${max.toLocaleString('en-US')} columns (a spreadsheet's limit): keep the columns the report needs.`,
  rowTooLong: (file: string, sheet: string, row: number) =>
    `${file}: sheet ${JSON.stringify(sheet)} row ${row} is longer than input.maxRecordBytes allows; raise it or remove the long cells.`,
  damaged: (file: string, why: string) => `${file} could not be read as an Excel workbook (${why}); open it in Excel and save it again as .xlsx or CSV.`,
} as const;

/** Workbook parts read into memory whole (workbook.xml, its relations, styles). */
const MAX_PART_BYTES = 64 * 1024 * 1024;
/** The shared strings are held in memory (every cell refers to them): their XML is capped lower. */
const MAX_SHARED_STRINGS_BYTES = 256 * 1024 * 1024;

/** Opens a part of the workbook (null when it has none), failing once it gives more than `max` bytes. */
export type OpenPart = (name: string, max: number) => Promise<Readable | null>;

export interface XlsxOptions {
  file: string;
  /** the most bytes the sheet's XML may unpack to */
  limit: number;
  /** a name or a 1-based index; default the first sheet */
  sheet?: string | number;
  maxRecordBytes: number;
  maxColumns: number;
}

interface SheetEntry {
  id: number;
  name: string;
  rId: string;
  state?: string;
}
type SheetReader = AsyncIterable<Row>;

/** Writes the chosen sheet of the workbook whose parts `open` gives as CSV at `out`. */
export async function xlsxToCsv(open: OpenPart, out: string, o: XlsxOptions): Promise<void> {
  const { file } = o;
  const whole = async (name: string): Promise<Buffer | null> => {
    const s = await open(name, MAX_PART_BYTES);
    if (!s) return null;
    const chunks: Buffer[] = [];
    for await (const c of s) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  };
  try {
    const workbookXml = await whole('xl/workbook.xml');
    if (!workbookXml) throw inputError(SAY.noSheet(file));
    const workbook = new WorkbookXform();
    await workbook.parseStream(text(Readable.from([workbookXml])));
    const rels = await whole('xl/_rels/workbook.xml.rels');
    const relations: { Id: string; Target: string }[] = rels ? await new RelationshipsXform().parseStream(text(Readable.from([rels]))) : [];
    const styles = new StyleManager();
    const stylesXml = await whole('xl/styles.xml');
    if (stylesXml) await styles.parseStream(text(Readable.from([stylesXml])));
    else styles.init();
    const shared = await open('xl/sharedStrings.xml', Math.min(o.limit, MAX_SHARED_STRINGS_BYTES));
    const sharedStrings = shared ? await readSharedStrings(shared) : undefined;
    // 1904 date system (old Mac workbooks): exceljs reads only date1904="1", Excel may write "true"
    const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*["'](?:1|true)["']/i.test(workbookXml.toString('utf8'));

    const sheets: SheetEntry[] = workbook.model?.sheets ?? [];
    if (sheets.length === 0) throw inputError(SAY.noSheet(file));
    const chosen = pickSheet(sheets, o.sheet, file);
    const rel = relations.find((r) => r.Id === chosen.rId);
    const target = rel ? rel.Target.replace(/^\/?(xl\/)?/, 'xl/') : '';
    const stream = target ? await open(target, o.limit) : null;
    if (!stream) throw inputError(SAY.damaged(file, `sheet ${JSON.stringify(chosen.name)} is missing`));
    const sheet = new WorksheetReader({
      workbook: { sharedStrings, styles, properties: { model: { date1904 } } },
      id: chosen.id,
      iterator: text(stream),
      options: { worksheets: 'emit', hyperlinks: 'ignore' },
    }) as SheetReader;
    await writeSheetCsv(sheet, out, { file, sheet: chosen.name, date1904, maxRecordBytes: o.maxRecordBytes, maxColumns: o.maxColumns });
  } catch (err) {
    if (err instanceof ReportError) throw err;
    throw inputError(SAY.damaged(file, oneLine(err)), err);
  }
}

/**
 * The part as text: exceljs' XML reader decodes each chunk on its own, which breaks a character
 * cut by a chunk's end (an emoji in a title); a stream with an encoding keeps it whole.
 */
function text(stream: Readable): Readable {
  return stream.setEncoding('utf8');
}

/**
 * The shared strings table: each `<si>`'s text (its runs `<r><t>` joined, phonetic guides
 * `<rPh>` left out), as the cells that refer to it show it.
 */
async function readSharedStrings(stream: Readable): Promise<string[]> {
  const out: string[] = [];
  let parts: string[] = [];
  let inT = false;
  let phonetic = 0;
  for await (const events of parseSax(text(stream))) {
    for (const { eventType, value } of events) {
      if (eventType === 'opentag') {
        const name = localName(value.name);
        if (name === 'si') parts = [];
        else if (name === 't') inT = true;
        else if (name === 'rPh') phonetic++;
      } else if (eventType === 'text') {
        if (inT && phonetic === 0) parts.push(value);
      } else {
        const name = localName(value.name);
        if (name === 't') inT = false;
        else if (name === 'rPh') phonetic--;
        else if (name === 'si') out.push(parts.join(''));
      }
    }
  }
  return out;
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** The sheet asked for: a name (exact, then ignoring case), a 1-based index, or the first. Unknown: exit 2. */
function pickSheet<S extends { name: string }>(sheets: S[], want: string | number | undefined, file: string): S {
  const names = sheets.map((s) => s.name);
  if (want === undefined || want === '') return sheets[0];
  if (typeof want === 'number' || /^\d+$/.test(want)) {
    const i = Number(want);
    const byName = typeof want === 'string' ? sheets.find((s) => s.name === want) : undefined;
    if (byName) return byName;
    if (Number.isInteger(i) && i >= 1 && i <= sheets.length) return sheets[i - 1];
    throw usageError(SAY.unknownSheet(file, String(want), names));
  }
  const found = sheets.find((s) => s.name === want) ?? sheets.find((s) => s.name.toLowerCase() === want.toLowerCase());
  if (!found) throw usageError(SAY.unknownSheet(file, JSON.stringify(want), names));
  return found;
}

interface SheetCsvOptions {
  file: string;
  sheet: string;
  date1904: boolean;
  maxRecordBytes: number;
  maxColumns: number;
}

/** Writes a worksheet's rows as CSV (UTF-8, comma, CRLF-free), cells as Excel stores them. */
async function writeSheetCsv(sheet: SheetReader, out: string, o: SheetCsvOptions): Promise<void> {
  const fh = await openFile(out, 'w', 0o600);
  let buf: string[] = [];
  let size = 0;
  const flush = async () => {
    if (buf.length) await fh.write(buf.join(''));
    buf = [];
    size = 0;
  };
  let header = 0; // the first row's width: Excel stores no empty cell, so shorter rows are padded to it
  try {
    for await (const row of sheet) {
      // (a cell past Excel's last column, XFD, stops exceljs itself: see beyondColumns below)
      const width = row.cellCount;
      if (width > o.maxColumns) throw inputError(SAY.tooWide(o.file, o.sheet, row.number, width, o.maxColumns));
      const values = row.values as unknown[];
      const cells: string[] = [];
      let last = 0; // cells up to the last one that holds text
      for (let c = 1; c <= width; c++) {
        const v = values[c];
        // the number format matters only to numbers and dates (strings are most cells: skip the lookup)
        const text = typeof v === 'string' ? v : cellText(v, v === undefined || v === null ? undefined : row.getCell(c).numFmt, o.date1904);
        if (text !== '') last = c;
        cells.push(csvField(text));
      }
      if (last === 0) continue; // an empty row (formatting only)
      header ||= last;
      // empty cells that carry only formatting past the header are no columns
      cells.length = Math.max(header, last);
      const line = cells.join(',') + '\n'; // (holes from the padding join as empty fields)
      if (line.length > o.maxRecordBytes) throw inputError(SAY.rowTooLong(o.file, o.sheet, row.number));
      buf.push(line);
      size += line.length;
      if (size >= 1 << 20) await flush();
    }
    await flush();
  } catch (err) {
    if (/Invalid column letter|Out of bounds/i.test(oneLine(err))) throw inputError(SAY.beyondColumns(o.file, o.sheet, o.maxColumns), err);
    throw err;
  } finally {
    await fh.close();
  }
}

/**
 * A cell's value as Excel stores it: numbers plainly (never the shown `1.2K`), dates and times
 * from their serial value as ISO 8601, rich text as its text, a formula as its cached result,
 * an error as empty.
 */
export function cellText(v: unknown, numFmt: string | undefined, date1904: boolean): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return isDateFormat(numFmt) ? serialText(v, numFmt!, date1904) : plainNumber(v);
  if (v instanceof Date) return dateText(v, numFmt);
  if (typeof v === 'object') {
    const o = v as { richText?: { text?: string }[]; text?: unknown; result?: unknown; formula?: string; sharedFormula?: string; error?: string; hyperlink?: string };
    if (o.error !== undefined) return '';
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text ?? '').join('');
    if ('formula' in o || 'sharedFormula' in o || 'result' in o) return cellText(o.result, numFmt, date1904);
    if (o.text !== undefined) return cellText(o.text, numFmt, date1904);
    if (typeof o.hyperlink === 'string') return o.hyperlink;
    return ''; // a shared string without its table, or a kind exceljs adds later: no text
  }
  return String(v);
}

const isDateFormat = (fmt: string | undefined): boolean => !!fmt && /[ymdhs]/i.test(fmt.replace(/\[[^\]]*]|"[^"]*"|\\./g, ''));
/** A number format that shows a time of day or a duration but no date (`h:mm:ss`, `[mm]:ss`). */
const timeOnly = (fmt: string): boolean => {
  const f = fmt.replace(/"[^"]*"|\\./g, '');
  return !/[yd]/i.test(f.replace(/\[[^\]]*]/g, '')) && !/(^|[^h:])m{3,}/i.test(f);
};
const hasTime = (fmt: string | undefined): boolean => !!fmt && /[hs]/i.test(fmt.replace(/"[^"]*"|\\./g, ''));

/** Numbers as JavaScript writes them, without exponents for the sizes a CSV holds. */
function plainNumber(v: number): string {
  if (!Number.isFinite(v)) return '';
  const s = String(v);
  return Math.abs(v) >= 1e21 ? BigInt(Math.round(v)).toString() : s; // (from 1e21 JavaScript writes an exponent)
}

const DAY_MS = 86_400_000;

/** A serial date value (days since 1899-12-30, or 1904-01-01) as ISO 8601; a time-only format as h:mm:ss. */
function serialText(v: number, fmt: string, date1904: boolean): string {
  if (timeOnly(fmt)) {
    const secs = Math.round(v * 86_400);
    const h = Math.floor(secs / 3600);
    return `${h}:${pad((secs % 3600) / 60 | 0)}:${pad(secs % 60)}`;
  }
  const ms = Math.round((v - 25569 + (date1904 ? 1462 : 0)) * DAY_MS);
  return dateText(new Date(ms), fmt);
}

/** exceljs gives a date cell as a Date at the stored wall-clock time in UTC: written without a zone. */
function dateText(d: Date, fmt: string | undefined): string {
  if (Number.isNaN(d.getTime())) return '';
  const t = new Date(Math.round(d.getTime() / 1000) * 1000);
  const day = t.toISOString().slice(0, 10);
  if (t.getTime() % DAY_MS === 0 && !hasTime(fmt)) return day;
  return `${day}T${t.toISOString().slice(11, 19)}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}


const oneLine = (err: unknown) => String(err instanceof Error ? err.message : err).split('\n')[0].slice(0, 160);
