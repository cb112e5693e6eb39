// The email in the report's branding, sent through the real CLI to a real SMTP server on
// 127.0.0.1 and parsed with mailparser: the accent (made readable as the report makes it) on its
// headings and link, the footer line escaped at its foot, a PNG logo inline as a Content-ID
// attachment, an SVG logo left out with one warning, and the subject's period with its dates
// ({periodDates}, the default) while {period} stays the bare label.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { tempDir } from './helpers/tmp.ts';
import { runCli } from './helpers/cli.ts';
import { accentSet, contrastRatio } from '../src/output/branding.ts';
import { resolveBrowserExecutable } from '../src/output/browser.ts';
import { axeViolations, describe, launchBrowser } from './helpers/axe.ts';

// --as-of 2026-01-01: last-week is 2025-W52 (22-28 Dec 2025)
const VIDEOS = `title,creator,platform,publish_date,views,likes,comments,shares
A1,alice,TikTok,2025-12-22,400,40,4,4
B1,bob,YouTube,2025-12-23,1000,50,5,5
B0,bob,YouTube,2025-12-17,800,40,4,4
`;

/** CRC-32 of PNG chunks (ISO 3309), written out so the test needs nothing but zlib's deflate. */
function crc32(bytes: Buffer): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** A 2x2 orange PNG. */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.from([0, 0xf0, 0x8c, 0x00, 0xf0, 0x8c, 0x00]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat([row, row]))), chunk('IEND', Buffer.alloc(0))]);
}

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="#f08c00"/></svg>';
const ACCENT = '#f08c00'; // too light for text on white: the report moves it toward black
const FOOTER = 'Confidential – Acme & <Partners>';

const config = (port: number) => `title: Weekly
input: { path: videos.csv }
period: last-week
output: { dir: "out/{report}", formats: [json] }
reports:
  - { id: png, branding: { logo: logo.png, accent: "${ACCENT}", footer: "${FOOTER}" } }
  - { id: svg, branding: { logo: logo.svg, accent: "${ACCENT}", footer: "${FOOTER}" } }
  - { id: bare, delivery: { email: { subject: "{title} {period}" } } }
  - { id: de, locale: de-DE, branding: { logo: logo.png, accent: "${ACCENT}", footer: "${FOOTER}" } }
delivery:
  email:
    to: [growth@example.com]
    from: "Reports <reports@example.com>"
    attach: [json]
    smtp: { host: 127.0.0.1, port: ${port}, security: none }
`;

const received: Buffer[] = [];
const mails = new Map<string, ParsedMail>();
let stderr = '';
let server: SMTPServer;
let dir = '';

const t = suite('the email in the report\'s branding (real SMTP)');

t.before(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push(Buffer.concat(chunks));
        cb();
      });
    },
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const port = (server.server.address() as { port: number }).port;
  dir = await tempDir('svreport-words-email-');
  await writeFile(join(dir, 'videos.csv'), VIDEOS);
  await writeFile(join(dir, 'logo.png'), png());
  await writeFile(join(dir, 'logo.svg'), SVG);
  await writeFile(join(dir, 'report.config.yaml'), config(port));
  const run = await runCli(['build', '--send', '--as-of', '2026-01-01'], dir, { SOURCE_DATE_EPOCH: '1767225600' }, 120_000);
  assert.is(run.code, 0, run.stderr);
  stderr = run.stderr;
  for (const raw of received) {
    const mail = await simpleParser(raw, { keepCidLinks: true });
    mails.set(/svreport\.(\w+)\./.exec(String(mail.messageId))![1], mail);
  }
});

t.after(() => new Promise<void>((done) => server.close(() => done())));

t('four messages arrived; the bytes sent are those of message.eml', async () => {
  assert.equal([...mails.keys()].sort(), ['bare', 'de', 'png', 'svg']);
  const eml = await readFile(join(dir, 'out/png/message.eml'));
  assert.ok(received.some((r) => r.equals(eml)));
});

t('the accent on the headings and the link, readable as the report checks it', () => {
  const ink = accentSet(ACCENT, 'light').set.ink;
  assert.is.not(ink, ACCENT, 'the light accent was moved');
  assert.ok(contrastRatio(ink, '#ffffff') >= 4.5);
  const html = String(mails.get('png')!.html);
  assert.match(html, new RegExp(`<h1 style="[^"]*color:${ink}`));
  assert.match(html, new RegExp(`<h2 style="[^"]*color:${ink}`));
  assert.not.ok(html.includes(ACCENT), 'the unreadable colour is not used');
  // without branding: the old colours
  const bare = String(mails.get('bare')!.html);
  assert.match(bare, /<h1 style="[^"]*color:#1f2328/);
  assert.not.ok(bare.includes(ink));
});

t('the footer line at the foot, escaped, in HTML and text', () => {
  const html = String(mails.get('png')!.html);
  const at = html.indexOf('Confidential – Acme &#38; &#60;Partners&#62;');
  assert.ok(at > 0, 'escaped footer');
  assert.not.ok(html.includes('<Partners>'));
  assert.ok(at > html.indexOf('Key findings') && at > html.indexOf('Headline figures'), 'after the body');
  assert.ok(html.indexOf('Generated by short-video-report') > at, 'just above the generator line');
  const text = String(mails.get('png')!.text);
  assert.match(text, /\n-- \r?\nConfidential – Acme & <Partners>\r?\nGenerated by/);
  assert.not.ok(String(mails.get('bare')!.html).includes('Confidential'));
});

t('a PNG logo travels inline (cid), an SVG one stays out with one warning', async () => {
  const mail = mails.get('png')!;
  const logo = mail.attachments.find((a) => a.cid === 'logo@svreport');
  assert.ok(logo, 'inline logo attachment');
  assert.is(logo!.contentType, 'image/png');
  assert.ok(logo!.content.equals(await readFile(join(dir, 'logo.png'))));
  assert.match(String(mail.html), /<img src="cid:logo@svreport" alt=""/);
  assert.ok(mail.attachments.some((a) => a.filename === 'metrics.json'), 'the files are still attached');
  const svg = mails.get('svg')!;
  assert.not.ok(svg.attachments.some((a) => a.cid || a.contentType.startsWith('image/')));
  assert.not.match(String(svg.html), /<img|cid:|<svg/);
  const lines = stderr.split('\n').filter((l) => l.includes('branding.logo is an SVG'));
  assert.is(lines.length, 1, stderr);
  assert.match(lines[0], /report "svg"/);
});

t('the subject: the period with its dates by default, in the report\'s language; {period} is the bare label', () => {
  assert.is(mails.get('png')!.subject, 'Weekly: 2025-W52 (22-28 Dec 2025)');
  assert.is(mails.get('de')!.subject, 'Weekly: 2025-W52 (22.–28. Dez. 2025)');
  assert.is(mails.get('bare')!.subject, 'Weekly 2025-W52');
  assert.match(String(mails.get('png')!.text), /Period: \u20682025-W52\u2069 \(22-28 Dec 2025\)/);
});

t('the branded email passes axe-core\'s WCAG 2.1 AA rules (contrast of the accent included)', async () => {
  let chromium: string;
  try {
    chromium = resolveBrowserExecutable({}).path;
  } catch {
    console.log('skipped: no chromium');
    return;
  }
  const browser = await launchBrowser(chromium);
  try {
    // the logo as a client shows it (mailparser turns the cid into a data URL)
    const html = String((await simpleParser(await readFile(join(dir, 'out/png/message.eml')))).html);
    assert.match(html, /<img src="data:image\/png;base64,/);
    const found = await axeViolations(browser, html);
    assert.is(found.length, 0, describe(found));
  } finally {
    await browser.close();
  }
});

t.run();
