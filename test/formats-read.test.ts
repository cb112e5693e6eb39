// Issue 23 item 2 at the reader: what an .xlsx cell becomes (dates and numbers as Excel stores
// them), the sheet chosen, YouTube Studio's zip, .csv.gz, compression bombs refused fast with no
// file left, zip slip read safely, and every other format named in one sentence (exit 3).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { deflateRawSync, gzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { MAX_COLUMNS, readDataset } from '../src/data/read.ts';
import { cellText } from '../src/data/xlsx.ts';
import { inputTempFolder } from '../src/data/temp.ts';
import { ReportError } from '../src/errors.ts';
import { readOptions } from './helpers/read.ts';
import { tempDir } from './helpers/tmp.ts';
import { zipOf } from './helpers/zip.ts';
import { rejection } from './helpers/reject.ts';

let dir = '';
const file = async (bytes: Buffer | string, name: string) => {
  dir ||= await tempDir('svreport-formats-');
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
};
async function errorOf(p: Promise<unknown>): Promise<ReportError> {
  const err = await rejection(p);
  assert.instance(err, ReportError);
  return err as ReportError;
}
const scanned = async (path: string, over = {}) => {
  const ds = await readDataset(readOptions(path, over));
  return { ds, text: await readFile(ds.source.readPath!, 'utf8') };
};
/** Files in the run's temporary folder besides its marker. */
const tempFiles = async () => {
  const folder = inputTempFolder();
  return folder ? (await readdir(folder)).filter((n) => !n.startsWith('.')) : [];
};

const xlsx = suite('.xlsx: cells as Excel stores them, the sheet chosen');

async function workbook(name: string): Promise<string> {
  dir ||= await tempDir('svreport-formats-');
  const path = join(dir, name);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('Videos');
  ws.addRow(['Video title', 'Views', 'Likes', 'Publish time', 'Duration', 'Video link']).commit();
  // a hyperlink cell: exceljs' reader gives its shown text (here the URL itself), not the link target
  const r1 = ws.addRow(['Hello, "world"', 1234567, 30, new Date(Date.UTC(2025, 5, 8, 14, 30)), 15, { text: 'https://www.tiktok.com/@a/video/1', hyperlink: 'https://www.tiktok.com/@a/video/1' }]);
  r1.getCell(2).numFmt = '0.0,,"M"'; // shown 1.2M, stored 1234567
  r1.getCell(4).numFmt = 'm/d/yy h:mm'; // shown 6/8/25 14:30
  r1.commit();
  const r2 = ws.addRow([{ richText: [{ text: 'Rich ' }, { font: { bold: true }, text: 'text' }] }, { formula: 'B2*2', result: 2469134 }, { error: '#N/A' }, new Date(Date.UTC(2025, 5, 9)), 0.25, { text: 'watch', hyperlink: 'https://www.tiktok.com/@a/video/2' }]);
  r2.getCell(4).numFmt = 'm/d/yy';
  r2.commit();
  ws.commit();
  const second = wb.addWorksheet('Weekly');
  second.addRow(['title', 'views']).commit();
  second.addRow(['only here', 42]).commit();
  second.commit();
  await wb.commit();
  return path;
}

xlsx('first sheet: numbers, dates, rich text, formulas and errors as stored, never as shown', async () => {
  const path = await workbook('export.xlsx');
  const { ds, text } = await scanned(path);
  assert.is(
    text,
    'Video title,Views,Likes,Publish time,Duration,Video link\n' +
      '"Hello, ""world""",1234567,30,2025-06-08T14:30:00,15,https://www.tiktok.com/@a/video/1\n' +
      'Rich text,2469134,,2025-06-09,0.25,watch\n',
  );
  assert.is(ds.rows, 2);
  assert.equal([...ds.num.views!], [1234567, 2469134]);
  assert.is(ds.source.path, path);
  const bytes = await readFile(path);
  assert.is(ds.source.sha256, createHash('sha256').update(bytes).digest('hex'), 'the hash is the workbook\'s');
  assert.is(ds.source.bytes, bytes.length);
  assert.ok(ds.source.readPath!.startsWith(inputTempFolder()!), 'the CSV lies in the run\'s temporary folder');
});

xlsx('the CSV made from a workbook is read as UTF-8 with commas, whatever input.encoding and input.delimiter say', async () => {
  dir ||= await tempDir('svreport-formats-');
  const path = join(dir, 'utf8.xlsx');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
  const ws = wb.addWorksheet('S');
  ws.addRow(['title', 'views']).commit();
  ws.addRow(['Café ✨; done', 7]).commit();
  ws.commit();
  await wb.commit();
  const ds = await readDataset(readOptions(path, { encoding: 'windows-1252', delimiter: ';' }));
  assert.is(ds.source.encoding, 'utf-8');
  assert.is(ds.source.delimiter, ',');
  assert.equal(ds.source.header, ['title', 'views']);
  assert.equal([...ds.num.views!], [7]);
});

xlsx('characters cut by the end of an unpacked chunk stay whole (5,000 emoji titles, shared and inline)', async () => {
  dir ||= await tempDir('svreport-formats-');
  for (const useSharedStrings of [true, false]) {
    const path = join(dir, `emoji-${useSharedStrings}.xlsx`);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings });
    const ws = wb.addWorksheet('S');
    ws.addRow(['title', 'views']).commit();
    const titles = Array.from({ length: 5000 }, (_, i) => `✨ vidéo ${i} 🎬 ${'é'.repeat(i % 7)}`);
    titles.forEach((t, i) => ws.addRow([t, i + 1]).commit());
    ws.commit();
    await wb.commit();
    const { text } = await scanned(path);
    assert.is(text, ['title,views', ...titles.map((t, i) => `${t},${i + 1}`)].join('\n') + '\n', `shared strings: ${useSharedStrings}`);
  }
});

xlsx('the second sheet by name and by index; an unknown one: exit 2 naming the sheets', async () => {
  const path = await workbook('two.xlsx');
  for (const sheet of ['Weekly', 'weekly', 2, '2']) {
    const { ds, text } = await scanned(path, { sheet });
    assert.is(text, 'title,views\nonly here,42\n', String(sheet));
    assert.equal([...ds.num.views!], [42]);
  }
  const err = await errorOf(readDataset(readOptions(path, { sheet: 'Daily' })));
  assert.is(err.exitCode, 2);
  assert.is(err.message, `${path} has no sheet "Daily"; its sheets are "Videos", "Weekly".`);
  assert.is((await errorOf(readDataset(readOptions(path, { sheet: 3 })))).exitCode, 2);
});

/** A workbook written part by part (the sheet before the styles, as Excel orders them), 1900 or 1904 dates. */
function handXlsx(sheetData: string, workbookPr = ''): Buffer {
  return zipOf([
    ['[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'],
    ['xl/workbook.xml', `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${workbookPr}<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'],
    ['xl/worksheets/sheet1.xml', `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetData}</sheetData></worksheet>`],
    ['xl/styles.xml', '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm"/></numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>'],
  ]);
}
const inline = (ref: string, s: string) => `<c r="${ref}" t="inlineStr"><is><t>${s}</t></is></c>`;

xlsx('dates in the 1900 and the 1904 system (date1904="1" or "true"), styles after the sheet', async () => {
  // 45816.6041666667 = 2025-06-08 14:30 in the 1900 system; 44354.6041666667 is the same day in 1904
  const rows = (serial: number) =>
    `<row r="1">${inline('A1', 'title')}${inline('B1', 'views')}${inline('C1', 'published')}</row>` +
    `<row r="2">${inline('A2', 'a')}<c r="B2"><v>10</v></c><c r="C2" s="1"><v>${serial}</v></c></row>` +
    `<row r="3">${inline('A3', 'b')}<c r="B3"><v>20</v></c><c r="C3" s="2"><v>${Math.floor(serial)}</v></c></row>`;
  const expect = 'title,views,published\na,10,2025-06-08T14:30:00\nb,20,2025-06-08\n';
  assert.is((await scanned(await file(handXlsx(rows(45816.6041666667)), 'd1900.xlsx'))).text, expect);
  assert.is((await scanned(await file(handXlsx(rows(44354.6041666667), '<workbookPr date1904="1"/>'), 'd1904.xlsx'))).text, expect);
  assert.is((await scanned(await file(handXlsx(rows(44354.6041666667), '<workbookPr date1904="true"/>'), 'd1904t.xlsx'))).text, expect);
});

xlsx('rows padded to the header (Excel stores no empty cell); formatting-only cells past it and empty rows left out', async () => {
  const rows =
    `<row r="1">${inline('A1', 'title')}${inline('B1', 'views')}${inline('C1', 'note')}</row>` +
    `<row r="2">${inline('A2', 'a')}<c r="B2"><v>10</v></c></row>` +
    `<row r="3"><c r="A3" s="1"/></row>` +
    `<row r="4">${inline('A4', 'b')}<c r="B4"><v>20</v></c><c r="D4" s="1"/><c r="E4" s="2"/></row>` +
    `<row r="5">${inline('A5', 'c')}<c r="B5"><v>30</v></c>${inline('C5', 'n')}${inline('D5', 'extra')}</row>`;
  const { ds, text } = await scanned(await file(handXlsx(rows), 'ragged.xlsx'));
  assert.is(text, 'title,views,note\na,10,\nb,20,\nc,30,n,extra\n');
  assert.equal([...ds.num.views!], [10, 20], 'the row with a value past the header is dropped as ragged, like a CSV\'s');
});

xlsx('a sheet wider than MAX_COLUMNS stops at its first row with one sentence; a row too long too', async () => {
  const before = await tempFiles();
  const wide = `<row r="1">${inline('A1', 'views')}${inline('XFE1', 'x')}</row>`; // column 16,385
  const path = await file(handXlsx(wide), 'wide.xlsx');
  const err = await errorOf(readDataset(readOptions(path)));
  assert.is(err.exitCode, 3);
  assert.is(err.message, `${path}: sheet "Data" has a cell beyond column XFD; svreport reads at most ${MAX_COLUMNS.toLocaleString('en-US')} columns (a spreadsheet's limit): keep the columns the report needs.`);
  const long = `<row r="1">${inline('A1', 'views')}${inline('B1', 'title')}</row><row r="2"><c r="A2"><v>1</v></c>${inline('B2', 'y'.repeat(5000))}</row>`;
  const p2 = await file(handXlsx(long), 'long.xlsx');
  const e2 = await errorOf(readDataset(readOptions(p2, { maxRecordBytes: 4096 })));
  assert.is(e2.message, `${p2}: sheet "Data" row 2 is longer than input.maxRecordBytes allows; raise it or remove the long cells.`);
  assert.equal(await tempFiles(), before, 'the cut-short CSVs are removed at once');
});

xlsx('cellText: what each kind of value becomes', () => {
  assert.is(cellText(1234567, '0.0,"K"', false), '1234567');
  assert.is(cellText(0.1, 'General', false), '0.1');
  assert.is(cellText(1e21, undefined, false), '1000000000000000000000');
  assert.is(cellText(true, undefined, false), 'TRUE');
  assert.is(cellText({ error: '#DIV/0!' }, undefined, false), '');
  assert.is(cellText({ formula: 'A1', result: 45816.5 }, 'yyyy-mm-dd hh:mm', false), '2025-06-08T12:00:00');
  assert.is(cellText({ formula: 'A1' }, undefined, false), '');
  assert.is(cellText(0.0104166666667, '[h]:mm:ss', false), '0:15:00', 'a duration format gives h:mm:ss');
  assert.is(cellText(new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 999)), 'yyyy-mm-dd hh:mm:ss', false), '2025-01-02T03:04:06');
});

xlsx.run();

// ---
const archives = suite('.zip and .csv.gz: one CSV inside, bombs and slips');

const TABLE = 'Content,Video title,Video publish time,Views,Likes\nTotal,,,1500,60\nabc123,First video,"Sep 22, 2025",1000,40\ndef456,Second video,"Sep 23, 2025",500,20\n';

archives('a YouTube Studio zip: Table data.csv is read, its Total row dropped; Chart data.csv and Totals.csv left', async () => {
  const path = await file(zipOf([
    { name: 'Chart data.csv', data: 'Date,Views\n2025-09-22,1000\n', deflate: true },
    { name: 'Table data.csv', data: TABLE, deflate: true },
    { name: 'Totals.csv', data: 'Date,Views\n2025-09-22,1500\n', deflate: true },
  ]), 'yt.zip');
  const { ds, text } = await scanned(path);
  assert.is(text, TABLE);
  assert.is(ds.rows, 2);
  assert.equal([...ds.num.views!], [1000, 500]);
  assert.is(ds.source.path, path);
  assert.is(ds.source.sha256, createHash('sha256').update(await readFile(path)).digest('hex'));
});

archives('a zip of several CSVs without Table data.csv, and one with nothing usable: named in one sentence', async () => {
  const several = await file(zipOf([['a.csv', TABLE], ['b.csv', TABLE]]), 'two.zip');
  assert.is((await errorOf(readDataset(readOptions(several)))).message, `${several} holds 2 CSV or XLSX files (a.csv, b.csv); svreport reads one: extract the one you mean and pass it.`);
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
  const images = await file(zipOf([['a.png', png], ['b.pdf', '%PDF-1.4\n'], ['__MACOSX/._a.png', 'x'], ['c.jpg', 'x']]), 'report.zip');
  const err = await errorOf(readDataset(readOptions(images)));
  assert.is(err.exitCode, 3);
  assert.is(err.message, `${images} holds 3 files but no CSV or XLSX: a.png, b.pdf, c.jpg.`);
  const enc = await file(zipOf([{ name: 'Table data.csv', data: TABLE, deflate: true, flags: 1 }]), 'locked.zip');
  assert.is((await errorOf(readDataset(readOptions(enc)))).message, `${enc} holds Table data.csv encrypted (password-protected); extract it yourself and pass the CSV.`);
});

archives('an .xlsx and a .csv.gz inside a zip are read', async () => {
  const book = await readFile(await workbook('inner.xlsx'));
  const a = await scanned(await file(zipOf([{ name: 'export/Videos.xlsx', data: book }]), 'book.zip'));
  assert.is(a.ds.rows, 2);
  const b = await scanned(await file(zipOf([{ name: 'data.csv.gz', data: gzipSync(TABLE) }]), 'gz.zip'));
  assert.is(b.text, TABLE);
});

archives('zip slip: an entry named ../../x.csv is read from a temporary name of ours', async () => {
  const path = await file(zipOf([{ name: '../../x.csv', data: TABLE, deflate: true }, { name: '/etc/y.txt.png', data: 'x' }]), 'slip.zip');
  const { ds, text } = await scanned(path);
  assert.is(text, TABLE);
  assert.is(dirname(ds.source.readPath!), inputTempFolder());
  assert.not.ok(existsSync(join(dir, '..', '..', 'x.csv')));
  assert.not.ok(existsSync(join(dirname(inputTempFolder()!), '..', 'x.csv')));
});

archives('.csv.gz (several gzip members too): read, the hash and size of the .gz', async () => {
  const gz = Buffer.concat([gzipSync(TABLE.slice(0, 60)), gzipSync(TABLE.slice(60))]);
  const path = await file(gz, 'export.csv.gz');
  const { ds, text } = await scanned(path);
  assert.is(text, TABLE);
  assert.is(ds.rows, 2);
  assert.is(ds.source.sha256, createHash('sha256').update(gz).digest('hex'));
  assert.is(ds.source.bytes, gz.length);
});

archives('a gzip bomb (2 GiB of zeros in 2 MB) stops at the cap, fast, and leaves no file', async () => {
  const member = gzipSync(Buffer.alloc(16 << 20), { level: 9 }); // 16 MiB of zeros
  const bomb = Buffer.concat(Array.from({ length: 128 }, () => member)); // 2 GiB unpacked
  assert.ok(bomb.length < 4 << 20);
  const path = await file(bomb, 'bomb.csv.gz');
  const before = await tempFiles();
  const err = await errorOf(readDataset(readOptions(path)));
  assert.is(err.exitCode, 3);
  // the cap: 100 x the 2 MB file, about 200 MB (not 2 GiB) were unpacked
  const cap = Math.round((bomb.length * 100) / 2 ** 20);
  assert.is(err.message, `${path} expands to more than ${cap} MB (over 100 times its size, or the free space for unpacking); svreport stops there as it looks like a compression bomb: extract it yourself and pass the CSV if it is real.`);
  assert.equal(await tempFiles(), before, 'the cut-short file is removed at once');
});

archives('zip bombs: a size declared too large is refused before unpacking; a size that lies stops while inflating', async () => {
  const before = await tempFiles();
  const declared = await file(zipOf([{ name: 'a.csv', data: TABLE, deflate: true, declaredSize: 2 ** 31 }]), 'big.zip');
  assert.match((await errorOf(readDataset(readOptions(declared)))).message, /big\.zip \(a\.csv\) expands to more than 64 MB/);
  const lie = Buffer.from(deflateRawSync(Buffer.alloc(64 << 20))).length; // sanity: a 64 MiB entry compresses to ~64 KB
  assert.ok(lie < 1 << 20);
  const lying = await file(zipOf([{ name: 'a.csv', data: Buffer.alloc(64 << 20), deflate: true, declaredSize: 1000 }]), 'lies.zip');
  const err = await errorOf(readDataset(readOptions(lying)));
  assert.is(err.exitCode, 3);
  assert.is(err.message, `${lying} (a.csv) holds more data than the archive declares for it; svreport stops there (a damaged archive, or a compression bomb).`);
  assert.equal(await tempFiles(), before, 'no file left');
});

archives.run();

// ---
const refused = suite('everything else: one sentence naming what it is, exit 3');

refused('docx, pptx, xlsb, ods, PDF, xls, parquet, sqlite, tar, 7z, JSON', async () => {
  const tar = Buffer.alloc(1024);
  tar.write('data.csv', 0);
  tar.write('ustar', 257);
  const cases: [string, Buffer | string, string][] = [
    ['a.docx', zipOf([['[Content_Types].xml', '<Types/>'], ['word/document.xml', '<w/>']]), 'is a Word document (.docx), not a CSV file; export or extract the data as CSV (or TSV) and pass that file.'],
    ['a.pptx', zipOf([['ppt/presentation.xml', '<p/>']]), 'is a PowerPoint presentation (.pptx), not a CSV file; export or extract the data as CSV (or TSV) and pass that file.'],
    ['a.xlsb', zipOf([['xl/workbook.bin', 'x']]), 'is an Excel binary workbook (.xlsb), not a CSV file; save it as .xlsx or CSV.'],
    ['a.ods', zipOf([['mimetype', 'application/vnd.oasis.opendocument.spreadsheet'], ['content.xml', '<x/>']]), 'is an OpenDocument file (.ods/.odt), not a CSV file; save it as .xlsx or CSV.'],
    ['a.pdf', '%PDF-1.7\ntitle,views\n', 'is a PDF document, not a CSV file; export or extract the data as CSV (or TSV) and pass that file.'],
    ['a.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]), 'is an Excel 97-2003 .xls workbook (or a password-protected Office file), not a CSV file; save it as .xlsx or CSV.'],
    ['a.parquet', Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(64), Buffer.from('PAR1')]), 'is a Parquet file, not a CSV file; export or extract the data as CSV (or TSV) and pass that file.'],
    ['a.db', Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(84)]), 'is an SQLite database, not a CSV file; export or extract the data as CSV (or TSV) and pass that file.'],
    ['a.tar', tar, 'is a tar archive, not a CSV file; export or extract the data as CSV (or TSV) and pass that file.'],
    ['a.7z', Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]), 'is a 7-Zip archive, not a CSV file; export or extract the data as CSV (or TSV) and pass that file.'],
    ['a.json', '[\n  {\n    "views": 1\n  }\n]\n', 'is a JSON document, not a CSV file; export or extract the data as CSV (or TSV) and pass that file.'],
    ['b.json', '{\n  "videos": []\n}\n', 'is a JSON document, not a CSV file; export or extract the data as CSV (or TSV) and pass that file.'],
  ];
  for (const [name, bytes, sentence] of cases) {
    const path = await file(bytes, name);
    const err = await errorOf(readDataset(readOptions(path)));
    assert.is(err.exitCode, 3, name);
    assert.is(err.message, `${path} ${sentence}`, name);
  }
});

refused('a CSV whose first line starts with { or [ but holds a delimiter is still CSV', async () => {
  const ds = await readDataset(readOptions(await file('[id],views\na,1\n', 'bracket.csv')));
  assert.is(ds.rows, 1);
});

refused.run();
