// PDF printer tests: browser resolution, glyph coverage, printing (scripts and page count),
// request blocking (SSRF / local files), and crash and timeout handling. The printing suites need
// a Chromium; they are skipped (with a note) only when resolveBrowserExecutable finds none.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { EXIT, ReportError } from '../src/errors.ts';
import { INSTALL_HINT, resolveBrowserExecutable, systemBrowserCandidates } from '../src/output/browser.ts';
import { mergeCharsets, missingGlyphs, pageTreeCount, pdfPages, pdfText } from '../src/output/fonts.ts';
import { PdfPrinter, type PrintOptions, withContentSecurityPolicy } from '../src/output/pdf.ts';
import { rejection } from './helpers/reject.ts';
import { mulberry32 } from './helpers/random.ts';

const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures', 'pdf');

let executablePath: string | null = null;
try {
  executablePath = resolveBrowserExecutable({}).path;
} catch {
  console.log('skipped: no chromium');
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** pdftotext wraps right-to-left runs in bidi embedding marks */
const plain = (text: string) => text.replace(/[\u202a-\u202e\u200e\u200f]/g, '');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** the --user-data-dir a running browser was given (Linux /proc), or null elsewhere */
function userDataDirOf(pid: number): string | null {
  try {
    const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return args.find((a) => a.startsWith('--user-data-dir='))?.slice('--user-data-dir='.length) ?? null;
  } catch {
    return null;
  }
}

const A4: PrintOptions = { format: 'A4', landscape: false, headerTitle: 'Test report', periodLabel: 'Q1 2024' };

// ---
const resolve = suite('resolveBrowserExecutable');
let tmp = '';
const fake = (name: string) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, '#!/bin/sh\n');
  return file;
};
resolve.before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'svreport-resolve-'));
});
resolve.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

resolve('PUPPETEER_EXECUTABLE_PATH wins over config, puppeteer and system', () => {
  const [env, config, pptr, system] = ['env', 'config', 'pptr', 'system'].map(fake);
  const found = resolveBrowserExecutable({
    env: { PUPPETEER_EXECUTABLE_PATH: env },
    configured: config,
    puppeteerPaths: () => [pptr],
    candidates: [system],
  });
  assert.equal(found, { path: env, source: 'env' });
});
resolve('then the config path', () => {
  const [config, pptr, system] = ['config', 'pptr', 'system'].map(fake);
  const found = resolveBrowserExecutable({ env: {}, configured: config, puppeteerPaths: () => [pptr], candidates: [system] });
  assert.equal(found, { path: config, source: 'config' });
});
resolve("then puppeteer's download, only if it is on disk", () => {
  const [pptr, system] = ['pptr', 'system'].map(fake);
  const opts = { env: {}, configured: null, candidates: [system] };
  assert.equal(resolveBrowserExecutable({ ...opts, puppeteerPaths: () => [pptr] }), { path: pptr, source: 'puppeteer' });
  const missing = path.join(tmp, 'not-downloaded', 'chrome');
  assert.equal(resolveBrowserExecutable({ ...opts, puppeteerPaths: () => [missing] }), { path: system, source: 'system' });
});
resolve('system candidates in order, skipping missing ones and directories', () => {
  const second = fake('second');
  const found = resolveBrowserExecutable({
    env: { PUPPETEER_EXECUTABLE_PATH: '' },
    puppeteerPaths: () => [],
    candidates: [path.join(tmp, 'nope'), tmp, second, fake('third')],
  });
  assert.equal(found, { path: second, source: 'system' });
});
resolve('an env or config path that does not exist is an error naming it', () => {
  const missing = path.join(tmp, 'no-such-chrome');
  for (const opts of [{ env: { PUPPETEER_EXECUTABLE_PATH: missing } }, { env: {}, configured: missing }]) {
    try {
      resolveBrowserExecutable({ ...opts, puppeteerPaths: () => [fake('pptr')], candidates: [fake('system')] });
      assert.unreachable('should have thrown');
    } catch (error) {
      assert.instance(error, ReportError);
      assert.is((error as ReportError).exitCode, EXIT.render);
      assert.match((error as Error).message, missing);
      assert.match((error as Error).message, opts.env.PUPPETEER_EXECUTABLE_PATH ? 'PUPPETEER_EXECUTABLE_PATH' : 'pdf.executablePath');
    }
  }
});
resolve('nothing found: exit 4 and one sentence on what to install', () => {
  try {
    resolveBrowserExecutable({ env: {}, configured: null, puppeteerPaths: () => [], candidates: [path.join(tmp, 'nope')] });
    assert.unreachable('should have thrown');
  } catch (error) {
    assert.instance(error, ReportError);
    assert.is((error as ReportError).exitCode, EXIT.render);
    assert.is((error as Error).message, INSTALL_HINT);
    assert.match(INSTALL_HINT, 'apt-get install chromium-headless-shell fonts-noto-core fonts-noto-color-emoji fonts-noto-cjk');
    assert.match(INSTALL_HINT, 'npx puppeteer browsers install chrome-headless-shell');
    assert.match(INSTALL_HINT, 'PUPPETEER_EXECUTABLE_PATH');
    assert.is(INSTALL_HINT.split('. ').length, 1, 'one sentence');
  }
});
resolve.run();

// ---
const candidates = suite('systemBrowserCandidates');
candidates('Debian chromium-headless-shell first on Linux, then chromium', () => {
  const list = systemBrowserCandidates('linux', {});
  assert.equal(list.slice(0, 3), ['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium-headless-shell', '/usr/bin/chromium']);
  assert.ok(list.includes('/usr/bin/google-chrome-stable'));
});
candidates('Program Files on Windows, macOS app bundle', () => {
  const win = systemBrowserCandidates('win32', { PROGRAMFILES: 'D:\\Apps' });
  assert.is(win[0], 'D:\\Apps\\Google\\Chrome\\Application\\chrome.exe');
  assert.ok(win.includes('C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe'));
  assert.match(systemBrowserCandidates('darwin', {})[0], '/Applications/Google Chrome.app/');
});
candidates.run();

// ---
const glyphs = suite('missingGlyphs');
glyphs('finds a Private Use Area character, not Latin, Arabic, Devanagari, CJK or emoji', async () => {
  const missing = await missingGlyphs(['café \uE000 عربي हिन्दी 中文 😀', 'again \uE000 é']);
  if (missing === null) return console.log('skipped: no fc-list');
  assert.equal(missing, ['\uE000']);
});
glyphs('ignores whitespace, controls and emoji sequence glue', async () => {
  const missing = await missingGlyphs(['a\tb\n\u00a0\u0007', '👍🏽 👨\u200d👩\u200d👧 ❤\uFE0F ☺\uFE0E']);
  if (missing === null) return console.log('skipped: no fc-list');
  assert.equal(missing, []);
});
glyphs("fc-list's charsets merge to the ranges a split-and-regex reading gives (real output and generated tokens)", () => {
  // the reference: every whitespace-separated token through a regular expression, sorted and merged
  const reference = (text: string): [number, number][] => {
    const ranges: [number, number][] = [];
    for (const token of text.split(/\s+/)) {
      const m = /^([0-9a-f]+)(?:-([0-9a-f]+))?$/i.exec(token);
      if (!m) continue;
      const first = parseInt(m[1], 16);
      ranges.push([first, m[2] ? parseInt(m[2], 16) : first]);
    }
    ranges.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const [first, last] of ranges) {
      const top = merged[merged.length - 1];
      if (top && first <= top[1] + 1) top[1] = Math.max(top[1], last);
      else merged.push([first, last]);
    }
    return merged;
  };
  assert.equal(mergeCharsets('20-7e a0-17f 2013\n41-5a\t\t10ffff\n'), [[0x20, 0x7e], [0xa0, 0x17f], [0x2013, 0x2013], [0x10ffff, 0x10ffff]]);
  assert.equal(mergeCharsets('30-39 3a 3c-3d'), [[0x30, 0x3a], [0x3c, 0x3d]], 'adjacent ranges join');
  assert.equal(mergeCharsets('zz 20- -20 20-30-40 2g 41\n'), [[0x41, 0x41]], 'tokens of another shape are skipped');
  assert.equal(mergeCharsets(''), []);
  assert.equal(mergeCharsets('41-43\n20\n41-43\n 41-43 50\n'), [[0x20, 0x20], [0x41, 0x43], [0x50, 0x50]], 'a line seen before adds nothing; a different one does');
  const random = mulberry32(7);
  const hex = () => Math.floor(random() * 0x30000).toString(16);
  for (let round = 0; round < 20; round++) {
    const tokens: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const r = random();
      const a = hex();
      tokens.push(r < 0.5 ? a : r < 0.9 ? `${a}-${(parseInt(a, 16) + Math.floor(random() * 300)).toString(16)}` : ['x1', '1-', '-1', '1-2-3', 'AB-CD'][i % 5]);
      tokens.push(random() < 0.1 ? '\n' : ' ');
    }
    const text = tokens.join('');
    assert.equal(mergeCharsets(text), reference(text));
    // every line twice, in another order (as the fonts of a family print theirs)
    const lines = text.split('\n');
    const twice = [...lines, ...lines.reverse()].join('\n');
    assert.equal(mergeCharsets(twice), reference(text));
  }
  let real = '';
  try {
    real = execFileSync('fc-list', ['--format', '%{charset}\n'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch {
    return; // no fontconfig here
  }
  assert.equal(mergeCharsets(real), reference(real));
});
glyphs.run();

// ---
const pages = suite('pageTreeCount');

/** A PDF of `objects` (number -> dictionary) with a classic cross-reference table. */
function pdfOf(objects: Record<number, string>, root = 1): Buffer {
  let body = '%PDF-1.4\n';
  const offsets = new Map<number, number>();
  for (const [num, dict] of Object.entries(objects)) {
    offsets.set(Number(num), body.length);
    body += `${num} 0 obj\n${dict}\nendobj\n`;
  }
  const size = Math.max(...offsets.keys()) + 1;
  let xref = `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let n = 1; n < size; n++) xref += offsets.has(n) ? `${String(offsets.get(n)).padStart(10, '0')} 00000 n \n` : '0000000000 65535 f \n';
  return Buffer.from(`${body}${xref}trailer\n<</Size ${size} /Root ${root} 0 R>>\nstartxref\n${body.length}\n%%EOF\n`, 'latin1');
}
const page = '<</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>>';
const threePages = {
  1: '<</Type /Catalog /Pages 2 0 R /Lang (en)>>',
  2: '<</Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3>>',
  3: page,
  4: page,
  5: page,
};

pages("the root page tree's /Count, found through the trailer, the table and the catalog, as pdfinfo reads it", async () => {
  const pdf = pdfOf(threePages);
  assert.is(pageTreeCount(pdf), 3);
  assert.is(await pdfPages(pdf), 3);
  const poppler = await pdfText(pdf);
  if (poppler) assert.is(poppler.pages, 3, 'pdfinfo agrees');
  // nested trees: the root's count, not the first /Count met
  const nested = pdfOf({
    1: '<</Type /Catalog /Pages 6 0 R>>',
    2: '<</Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /Parent 6 0 R>>',
    3: page,
    4: page,
    5: '<</Type /Pages /Kids [7 0 R] /Count 1 /Parent 6 0 R>>',
    6: '<</Type /Pages /Kids [2 0 R 5 0 R] /Count 3>>',
    7: page.replace('2 0 R', '5 0 R'),
  });
  assert.is(pageTreeCount(nested), 3);
  if (poppler) assert.is((await pdfText(nested))!.pages, 3);
});

pages('any other layout is null (pdfinfo is asked): not a PDF, no startxref, an object not where the table says, no catalog', () => {
  assert.is(pageTreeCount(Buffer.from('hello')), null);
  const pdf = pdfOf(threePages);
  assert.is(pageTreeCount(pdf.subarray(0, pdf.length - 7)), null, 'truncated: no %%EOF');
  const moved = Buffer.from(pdf.toString('latin1').replace('%PDF-1.4\n', '%PDF-1.4\n%\n'), 'latin1');
  assert.is(pageTreeCount(moved), null, 'every object one byte later than the table says');
  assert.is(pageTreeCount(pdfOf(threePages, 2)), null, '/Root names the page tree, not a catalog');
  assert.is(pageTreeCount(pdfOf({ ...threePages, 2: '<</Type /Page>>' })), null, 'the catalog points to a page');
  const stream = Buffer.from(pdf.toString('latin1').replace(/startxref\n\d+/, 'startxref\n9'), 'latin1');
  assert.is(pageTreeCount(stream), null, 'startxref pointing to an object (a cross-reference stream)');
});

pages('an incremental update (/Prev) is left to pdfinfo, which reads the updated tree', async () => {
  const first = pdfOf(threePages).toString('latin1');
  const firstXref = Number(/startxref\n(\d+)/.exec(first)![1]);
  let update = first;
  const at6 = update.length;
  update += `6 0 obj\n${page}\nendobj\n`;
  const at2 = update.length;
  update += '2 0 obj\n<</Type /Pages /Kids [3 0 R 4 0 R 5 0 R 6 0 R] /Count 4>>\nendobj\n';
  const xref = update.length;
  const entry = (n: number) => `${String(n).padStart(10, '0')} 00000 n \n`;
  update += `xref\n2 1\n${entry(at2)}6 1\n${entry(at6)}trailer\n<</Size 7 /Root 1 0 R /Prev ${firstXref}>>\nstartxref\n${xref}\n%%EOF\n`;
  const pdf = Buffer.from(update, 'latin1');
  assert.is(pageTreeCount(pdf), null);
  const poppler = await pdfText(pdf);
  if (!poppler) return console.log('skipped: no poppler (pdfinfo)');
  assert.is(poppler.pages, 4);
  assert.is(await pdfPages(pdf), 4, 'the fallback');
});
pages.run();

// ---
const csp = suite('withContentSecurityPolicy');
csp('goes right after the doctype, so the page keeps standards mode', () => {
  const out = withContentSecurityPolicy('<!DOCTYPE html>\n<html><head></head></html>');
  assert.match(out, /^<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
});
csp('goes first when there is no doctype', () => {
  assert.match(withContentSecurityPolicy('<p>x</p>'), /^<meta http-equiv="Content-Security-Policy"[^>]*><p>x<\/p>$/);
});
csp.run();

if (executablePath) {
  const exe = executablePath;

  // ---
  const print = suite('PdfPrinter.print');
  let printer: PdfPrinter;
  print.before(async () => {
    printer = await PdfPrinter.launch({ executablePath: exe });
  });
  print.after(async () => printer.close());

  print('title in five scripts, escaped markup, header, footer and one page per section', async () => {
    const title = 'تقرير شهري हिन्दी 中文报告 😀🎬 <img src=x onerror=alert(1)>';
    const html = fs.readFileSync(path.join(FIXTURES, 'three-sections.html'), 'utf8').replaceAll('{{TITLE}}', escapeHtml(title));
    const pdf = await printer.print(html, { ...A4, headerTitle: title, periodLabel: '1 Jan – 31 Mar 2024' });
    assert.ok(pdf instanceof Uint8Array && pdf.length > 1000);
    assert.is(Buffer.from(pdf.subarray(0, 5)).toString('latin1'), '%PDF-');
    assert.is(pageTreeCount(pdf), 3, "Chromium's page tree, read without poppler");
    const result = await pdfText(pdf);
    if (!result) return console.log('skipped: no poppler (pdftotext)');
    const text = plain(result.text);
    assert.is(result.pages, 3);
    const pages = text.split('\f').filter((p) => p.trim());
    assert.is(pages.length, 3);
    const flat = (page: string) => page.replace(/\s+/g, ' '); // the body title wraps
    for (const word of ['تقرير', 'شهري', 'हिन्दी', '中文报告', '😀🎬', '<img src=x onerror=alert(1)>']) {
      assert.ok(flat(pages[0]).split(word).length >= 3, `"${word}" in the header and the body of page 1`);
    }
    pages.forEach((page, i) => {
      assert.match(page, `page ${i + 1} of 3`);
      assert.match(page, '1 Jan – 31 Mar 2024');
      assert.match(page.split('\n')[0], 'हिन्दी', 'header title on top of every page');
    });
    assert.match(pages[1], 'Section two');
    assert.match(pages[2], 'Section three');
    assert.not.match(text, 'SCRIPT-RAN', 'JavaScript is off');
    assert.not.match(text, 'ONERROR-RAN', 'event handlers do not run');
  });

  print('header and footer escape untrusted text', async () => {
    const pdf = await printer.print('<!doctype html><p>body</p>', {
      ...A4,
      format: 'Letter',
      landscape: true,
      headerTitle: '<b>bold</b> & <span class="pageNumber"></span>',
      periodLabel: '"q" <i>',
    });
    const result = await pdfText(pdf);
    if (!result) return console.log('skipped: no poppler (pdftotext)');
    assert.match(result.text, '<b>bold</b> & <span class="pageNumber"></span>');
    assert.match(result.text, '"q" <i>');
    assert.match(result.text, 'page 1 of 1');
  });

  print('the first print uses the blank page the browser opened at launch, locked down like any tab', async () => {
    const fresh = await PdfPrinter.launch({ executablePath: exe });
    try {
      const pdf = await fresh.print('<!doctype html><p>LAUNCH-PAGE</p><p id=x>NO-SCRIPT</p><script>document.getElementById("x").textContent = "SCRIPT-RAN"</script>', A4);
      assert.is(fresh.openedContexts, 0, 'no browser context (nor renderer) of its own');
      assert.is(fresh.idleTabs, 1, 'and kept for the next print');
      const result = await pdfText(pdf);
      if (result) {
        assert.match(result.text, 'LAUNCH-PAGE');
        assert.match(result.text, 'NO-SCRIPT');
        assert.not.match(result.text, 'SCRIPT-RAN');
      }
      // two at once: the second one opens a context of its own
      await Promise.all(['A', 'B'].map((w) => fresh.print(`<!doctype html><p>${w}</p>`, A4)));
      assert.is(fresh.openedContexts, 1);
      assert.is(fresh.idleTabs, 2);
    } finally {
      await fresh.close();
    }
  });

  print('one browser serves several prints', async () => {
    const pid = printer.pid;
    for (let i = 1; i <= 3; i++) {
      const result = await pdfText(await printer.print(`<!doctype html><p>print number ${i}</p>`, A4));
      if (result) assert.match(result.text, `print number ${i}`);
    }
    assert.is(printer.pid, pid);
  });

  print('a tab is kept between prints, shows only the new document, and a failed print closes it', async () => {
    await printer.print('<!doctype html><p>FIRST-DOCUMENT</p>', A4);
    assert.is(printer.idleTabs, 1);
    // a refresh scheduled by the previous document neither navigates the kept tab nor shows up later
    await printer.print('<!doctype html><head><meta http-equiv="refresh" content="1;url=data:text/html,REFRESHED"></head><p>SECOND-DOCUMENT</p>', A4);
    await sleep(1200);
    const third = await pdfText(await printer.print('<!doctype html><p>THIRD-DOCUMENT</p>', A4));
    assert.is(printer.idleTabs, 1, 'one print at a time needs one tab');
    if (third) {
      assert.match(third.text, 'THIRD-DOCUMENT');
      for (const old of ['FIRST-DOCUMENT', 'SECOND-DOCUMENT', 'REFRESHED']) assert.not.match(third.text, old);
    }
    // two at once: a second tab, both kept afterwards
    const both = await Promise.all(['LEFT', 'RIGHT'].map((w) => printer.print(`<!doctype html><p>${w}-DOCUMENT</p>`, A4)));
    assert.is(printer.idleTabs, 2);
    const texts = await Promise.all(both.map(pdfText));
    if (texts[0] && texts[1]) {
      assert.match(texts[0].text, 'LEFT-DOCUMENT');
      assert.not.match(texts[0].text, 'RIGHT-DOCUMENT');
      assert.match(texts[1].text, 'RIGHT-DOCUMENT');
    }
    // a print that fails (here: a paper format puppeteer refuses) closes its tab; the browser lives on
    const error = await rejection(printer.print('<p>x</p>', { ...A4, format: 'B99' as never }));
    assert.instance(error, ReportError);
    assert.match((error as Error).message, 'could not print');
    assert.is(printer.idleTabs, 1);
    const after = await pdfText(await printer.print('<!doctype html><p>AFTER-FAILURE</p>', A4));
    if (after) assert.match(after.text, 'AFTER-FAILURE');
  });
  print.run();

  // ---
  const ssrf = suite('PdfPrinter.print blocks every request');
  let server: http.Server;
  let port = 0;
  const hits: string[] = [];
  let connections = 0;
  let guarded: PdfPrinter;
  ssrf.before(async () => {
    server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('<p>SERVER-CONTENT</p>');
    });
    server.on('connection', () => connections++);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    port = (server.address() as AddressInfo).port;
    // control: the server is reachable, so zero hits below means the browser was stopped
    assert.is(await (await fetch(`http://127.0.0.1:${port}/control`)).text(), '<p>SERVER-CONTENT</p>');
    assert.equal(hits.splice(0), ['/control']);
    guarded = await PdfPrinter.launch({ executablePath: exe });
  });
  ssrf.after(async () => {
    await guarded.close();
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  });

  const hostile = (withCsp: boolean) => {
    const u = `http://127.0.0.1:${port}`;
    const policy = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:">`;
    return `<!doctype html><html><head>${withCsp ? policy : ''}
<meta http-equiv="refresh" content="0;url=${u}/refresh">
<title>hostile</title>
<link rel="prefetch" href="${u}/prefetch"><link rel="prefetch" href="http://localhost:${port}/prefetch-localhost">
<link rel="preload" as="image" href="${u}/preload"><link rel="preconnect" href="${u}"><link rel="dns-prefetch" href="//svreport-test.example">
<link rel="stylesheet" href="${u}/style.css"><link rel="icon" href="${u}/favicon.ico">
<style>@import url("${u}/import.css"); body { background: url("${u}/bg.png"); }
@font-face { font-family: evil; src: url("${u}/font.woff2"); } p { font-family: evil, sans-serif; }</style>
</head><body>
<p>SSRF-BODY-MARKER</p>
<img src="${u}/img.png"><img src="HTTP://127.0.0.1:${port}/upper-case"><img src="//127.0.0.1:${port}/scheme-relative">
<img srcset="${u}/srcset.png 2x"><picture><source srcset="${u}/source.png"><img alt=""></picture>
<input type="image" src="${u}/input.png"><video poster="${u}/poster.png" src="${u}/video.mp4"></video>
<iframe src="${u}/frame"></iframe><object data="${u}/object"></object><embed src="${u}/embed">
<svg width="20" height="20"><image href="${u}/svg.png" width="20" height="20"/></svg>
<iframe src="file:///etc/passwd"></iframe><object data="file:///etc/passwd"></object>
<iframe src="data:text/html,<img src=${u}/nested><link rel=prefetch href=${u}/nested-prefetch>"></iframe>
<a ping="${u}/ping" href="${u}/link">link</a>
</body></html>`;
  };

  for (const withCsp of [true, false]) {
    ssrf(`no request leaves the page ${withCsp ? 'with' : 'WITHOUT'} a CSP meta; meta refresh does not navigate`, async () => {
      hits.length = 0;
      connections = 0;
      // Decision: a meta refresh is cancelled (ERR_ABORTED, no error page) and the page prints
      // from about:blank as written; the printer only throws if the URL changed anyway.
      const pdf = await guarded.print(hostile(withCsp), A4);
      await sleep(500);
      assert.equal(hits, [], 'the server received no request');
      assert.is(connections, 0, 'nor a connection (preconnect)');
      const result = await pdfText(pdf);
      if (!result) return console.log('skipped: no poppler (pdftotext)');
      assert.match(result.text, 'SSRF-BODY-MARKER');
      assert.not.match(result.text, 'root:x:0');
      assert.not.match(result.text, 'SERVER-CONTENT');
    });
  }

  ssrf('a meta refresh to a file: URL keeps the page too', async () => {
    const pdf = await guarded.print(
      '<!doctype html><head><meta http-equiv="refresh" content="0;url=file:///etc/passwd"></head><p>STILL-HERE</p>',
      A4,
    );
    await sleep(300);
    const result = await pdfText(pdf);
    if (!result) return;
    assert.match(result.text, 'STILL-HERE');
    assert.not.match(result.text, 'root:x:0');
  });
  ssrf.run();

  // ---
  const crash = suite('PdfPrinter crash');
  crash('SIGKILL mid-print: exit 4 quickly, no process left, profile removed on close, later prints fail', async () => {
    const victim = await PdfPrinter.launch({ executablePath: exe });
    const pid = victim.pid!;
    const profile = userDataDirOf(pid);
    const rows = Array.from({ length: 40_000 }, (_, i) => `<tr><td>row ${i}</td><td>${'x'.repeat(40)}</td></tr>`).join('');
    const started = Date.now();
    const printing = rejection(victim.print(`<!doctype html><table>${rows}</table>`, { ...A4, headerTitle: 'Huge' }));
    await sleep(400);
    process.kill(pid, 'SIGKILL');
    const error = await printing;
    const elapsed = Date.now() - started;
    assert.instance(error, ReportError);
    assert.is((error as ReportError).exitCode, EXIT.render);
    assert.is((error as Error).message, 'The browser crashed while printing "Huge".');
    assert.ok(elapsed < 10_000, `rejected after ${elapsed} ms`);
    assert.not.ok(isAlive(pid), 'browser pid is gone');

    const again = await rejection(victim.print('<p>x</p>', A4));
    assert.instance(again, ReportError);
    assert.is((again as ReportError).exitCode, EXIT.render);
    assert.match((again as Error).message, 'no longer running (it crashed earlier)');

    await victim.close();
    await victim.close(); // idempotent
    if (profile) assert.not.ok(fs.existsSync(profile), 'user-data-dir removed');
    else console.log('note: no /proc, user-data-dir check skipped');
  });
  crash.run();

  // ---
  const timeout = suite('PdfPrinter timeout');
  timeout('a print over printTimeoutMs kills the browser: exit 4, nothing left behind', async () => {
    const slow = await PdfPrinter.launch({ executablePath: exe, printTimeoutMs: 50 });
    const pid = slow.pid!;
    const profile = userDataDirOf(pid);
    assert.ok(profile === null || fs.existsSync(profile));
    const error = await rejection(slow.print('<!doctype html><p>slow</p>', { ...A4, headerTitle: 'Slow \u001b[31mred' }));
    assert.instance(error, ReportError);
    assert.is((error as ReportError).exitCode, EXIT.render);
    assert.is((error as Error).message, 'The browser timed out after 0.05 s while printing "Slow  [31mred".');
    assert.not.ok(isAlive(pid), 'browser pid is gone');
    const again = await rejection(slow.print('<p>x</p>', A4));
    assert.match((again as Error).message, 'timed out earlier');
    await slow.close();
    if (profile) assert.not.ok(fs.existsSync(profile), 'user-data-dir removed');
  });
  timeout('a browser that cannot start is exit 4 and leaves no profile', async () => {
    const before = new Set(fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('svreport-chrome-')));
    const error = await rejection(PdfPrinter.launch({ executablePath: '/bin/false', launchTimeoutMs: 5_000 }));
    assert.instance(error, ReportError);
    assert.is((error as ReportError).exitCode, EXIT.render);
    assert.match((error as Error).message, 'The browser at "/bin/false" did not start');
    const after = fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('svreport-chrome-') && !before.has(n));
    assert.equal(after, []);
  });
  timeout.run();

  // ---
  const close = suite('PdfPrinter.close');
  close('closes the browser, removes the profile, is idempotent', async () => {
    const p = await PdfPrinter.launch({ executablePath: exe });
    const pid = p.pid!;
    const profile = userDataDirOf(pid);
    await p.print('<p>x</p>', A4);
    await Promise.all([p.close(), p.close()]);
    assert.not.ok(isAlive(pid));
    if (profile) assert.not.ok(fs.existsSync(profile));
    await rejection(p.print('<p>x</p>', A4));
  });
  close.run();
}
