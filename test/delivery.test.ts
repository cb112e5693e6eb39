// Email delivery end to end: the real CLI sends to a real SMTP server on 127.0.0.1 (smtp-server,
// AUTH required, STARTTLS on a self-signed certificate made here and trusted through
// delivery.email.smtp.ca), and what arrived is parsed with mailparser. One PDF build serves the
// checks of recipients, attachments, KPIs and headers; the other runs write JSON and CSV only.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, readdir, writeFile, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail, type AddressObject } from 'mailparser';
import { tempDir } from './helpers/tmp.ts';
import { runCli } from './helpers/cli.ts';
import { shortHash } from '../src/output/names.ts';

const SDE = '1767225600'; // 2026-01-01T00:00:00Z
const PASSWORD = 'pw-Zq81-secret'; // must never appear in a file or a stream

// mallory's report id: the safe part of the name and the hash of the exact value (src/output/names.ts)
const MALLORY = `mallory-Bcc-evil-x.example--${shortHash('mallory\r\nBcc: evil@x.example')}`;

// --as-of 2026-01-01 makes last-week 2025-W52 (22-28 Dec 2025); W51 is the period before.
// mallory's name carries a header injection attempt (quoted CR LF inside the cell).
const VIDEOS = `title,creator,platform,publish_date,views,likes,comments,shares,duration_sec
A1,alice,TikTok,2025-12-22,400,40,4,4,30
A2,alice,TikTok,2025-12-24,300,30,3,3,20
A0,alice,TikTok,2025-12-16,100,10,1,1,20
B1,bob,YouTube,2025-12-23,1000,50,5,5,45
B0,bob,YouTube,2025-12-17,800,40,4,4,45
B2,bob,YouTube,2025-12-30,900,40,4,4,45
M1,"mallory\r\nBcc: evil@x.example",TikTok,2025-12-26,200,20,2,2,15
`;

interface Received {
  from: string;
  to: string[];
  raw: Buffer;
}

const received: Received[] = [];

async function startServer(dir: string): Promise<{ port: number; ca: string; close: () => Promise<void> }> {
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-subj', '/CN=localhost', '-days', '1',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
  const server = new SMTPServer({
    key: readFileSync(key),
    cert: readFileSync(cert),
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === 'bot' && auth.password === PASSWORD) cb(null, { user: 'bot' });
      else cb(new Error('Invalid username or password'));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        });
        cb();
      });
    },
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const port = (server.server.address() as { port: number }).port;
  return { port, ca: cert, close: () => new Promise((done) => server.close(() => done())) };
}

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((done) => s.listen(0, '127.0.0.1', () => done()));
  const port = (s.address() as { port: number }).port;
  await new Promise((done) => s.close(done));
  return port;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function svreport(cwd: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return runCli(args, cwd, { SOURCE_DATE_EPOCH: SDE, SMTP_PASSWORD: PASSWORD, SVREPORT_SMTP_RETRIES: '2', SVREPORT_SMTP_RETRY_DELAY_MS: '20', ...env });
}

function config(port: number, extra = ''): string {
  return `title: "Weekly\\r\\nBcc: evil@x.example"
input: { path: videos.csv }
period: last-week
compare: previous
splitBy: creator
reports:
  - { id: all }
  - { id: team, delivery: { email: { to: [team@example.com] } } }
output: { dir: "out/{report}/{period}", formats: [pdf, json, csv] }
delivery:
  email:
    to: [growth@example.com]
    cc: ["Lead <lead@example.com>"]
    bcc: [boss@example.com]
    from: "Reports <reports@example.com>"
    attach: [pdf]
    toBySplit: { alice: [alice-team@example.com] }
    smtp: { host: 127.0.0.1, port: ${port}, security: starttls, user: bot, passwordEnv: SMTP_PASSWORD, ca: cert.pem }
${extra}`;
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(p)));
    else out.push(p);
  }
  return out;
}

const addrs = (a: AddressObject | AddressObject[] | undefined) => (a ? [a].flat().flatMap((x) => x.value.map((v) => v.address ?? '')) : []);
const json = async (path: string) => JSON.parse(await readFile(path, 'utf8'));

let dir = '';
let server: Awaited<ReturnType<typeof startServer>>;
let first: Run;

const t = suite('delivery');

t.before(async () => {
  dir = await tempDir('svreport-mail-');
  server = await startServer(dir);
  await writeFile(join(dir, 'videos.csv'), VIDEOS);
  await writeFile(join(dir, 'report.config.yaml'), config(server.port));
  first = await svreport(dir, ['build', '--send', '--as-of', '2026-01-01', '--json']);
});

t.after(async () => {
  await server.close();
});

t('build --send: each report to its own readers, once, after a clean build', async () => {
  assert.is(first.code, 0, first.stderr);
  // 3 creators x 2 reports
  assert.is(received.length, 6, first.stderr);
  const byReport = new Map<string, Received>();
  for (const r of received) {
    const mail = await simpleParser(r.raw);
    byReport.set(String(mail.messageId), r);
  }
  const summary = JSON.parse(first.stdout);
  const deliveries = new Map<string, { status: string; recipients: string[] }>(summary.reports.map((r: { id: string; delivery: { status: string; recipients: string[] } }) => [r.id, r.delivery]));
  assert.equal([...deliveries.keys()].sort(), ['all-alice', 'all-bob', `all-${MALLORY}`, 'team-alice', 'team-bob', `team-${MALLORY}`]);
  for (const d of deliveries.values()) assert.is(d.status, 'delivered');
  // toBySplit wins for alice; the reports[] override gives team its own To; cc and bcc ride along
  assert.equal(deliveries.get('all-alice')!.recipients, ['alice-team@example.com', 'lead@example.com', 'boss@example.com']);
  assert.equal(deliveries.get('all-bob')!.recipients, ['growth@example.com', 'lead@example.com', 'boss@example.com']);
  assert.equal(deliveries.get('team-bob')!.recipients, ['team@example.com', 'lead@example.com', 'boss@example.com']);
  assert.equal(deliveries.get('team-alice')!.recipients, ['alice-team@example.com', 'lead@example.com', 'boss@example.com']);
  const envelopes = received.map((r) => r.to.join(',')).sort();
  assert.ok(envelopes.includes('alice-team@example.com,lead@example.com,boss@example.com'));
  assert.ok(envelopes.includes('team@example.com,lead@example.com,boss@example.com'));
  for (const r of received) {
    assert.is(r.from, 'reports@example.com');
    assert.not.ok(r.to.some((a) => a.includes('evil')), 'no injected recipient');
  }
});

t('the message: PDF byte-identical to report.pdf, HTML KPIs equal metrics.json, no injected header', async () => {
  const snap = join(dir, 'out/all-bob/2025-W52');
  const eml = await readFile(join(snap, 'message.eml'));
  const sent = received.find((r) => r.raw.includes(eml.subarray(0, 200)));
  assert.ok(sent, 'the bytes sent are those of message.eml');
  assert.ok(sent!.raw.equals(eml));
  const mail: ParsedMail = await simpleParser(eml);
  assert.equal(addrs(mail.to), ['growth@example.com']);
  assert.equal(addrs(mail.cc), ['lead@example.com']);
  assert.is(mail.bcc, undefined, 'Bcc never written into the message');
  assert.is(mail.headers.get('bcc'), undefined);
  const pdf = mail.attachments.find((a) => a.filename === 'report.pdf');
  assert.ok(pdf);
  assert.ok(pdf!.content.equals(await readFile(join(snap, 'report.pdf'))));
  const metrics = await json(join(snap, 'metrics.json'));
  const html = String(mail.html);
  const kpis = Object.fromEntries([...html.matchAll(/data-kpi="(\w+)" data-value="([^"]*)"/g)].map((m) => [m[1], m[2] === '' ? null : Number(m[2])]));
  assert.equal(kpis, {
    videos: metrics.overview.videos, totalViews: metrics.overview.totalViews, medianViews: metrics.overview.medianViews,
    medianEngagementRate: metrics.overview.medianEngagementRate, highViralPotentialShare: metrics.overview.highViralPotentialShare,
  });
  assert.is(metrics.overview.totalViews, 1000);
  assert.match(String(mail.text), /Period: \u20682025-W52\u2069 \(22-28 Dec 2025\)\r?\n/);
  assert.match(String(mail.text), /report\.pdf \(/);
  assert.match(html, /Change vs <bdi style="white-space:nowrap">2025-W51<\/bdi>/);
  assert.not.match(html, /<script|<img|https?:\/\/(?!reports\.example)/i);
  assert.ok(Buffer.byteLength(html) < 100 * 1024);

  // the creator's CR LF and the title's stay inside one Subject line
  const evil = join(dir, `out/all-${MALLORY}/2025-W52/message.eml`);
  const head = (await readFile(evil, 'latin1')).split('\r\n\r\n')[0];
  const names = head.split('\r\n').filter((l) => !/^[ \t]/.test(l)).map((l) => l.slice(0, l.indexOf(':')).toLowerCase());
  assert.equal(names.sort(), ['cc', 'content-type', 'date', 'from', 'message-id', 'mime-version', 'subject', 'to']);
  const parsed = await simpleParser(await readFile(evil));
  assert.is(parsed.subject, 'Weekly Bcc: evil@x.example: mallory Bcc: evil@x.example: 2025-W52 (22-28 Dec 2025)');
});

t('delivery.json records the hand-over; the password is in no file and no stream', async () => {
  const rec = await json(join(dir, 'out/all-bob/2025-W52/delivery.json'));
  assert.is(rec.status, 'delivered');
  assert.match(rec.messageId, /^<svreport\.all-bob\.2025-W52\.[0-9a-f]{32}@example\.com>$/);
  assert.equal(rec.accepted, ['growth@example.com', 'lead@example.com', 'boss@example.com']);
  assert.equal(rec.rejected, []);
  assert.is(rec.attempts, 1);
  const manifest = await json(join(dir, 'out/all-bob/2025-W52/manifest.json'));
  assert.ok(manifest.files.some((f: { name: string }) => f.name === 'message.eml'), 'the manifest lists message.eml');
  for (const f of await filesUnder(join(dir, 'out'))) {
    assert.not.ok((await readFile(f)).includes(PASSWORD), f);
  }
  assert.not.ok(first.stdout.includes(PASSWORD) || first.stderr.includes(PASSWORD));
});

t('a rerun sends nothing; --resend sends one snapshot once', async () => {
  const before = received.length;
  const send = await svreport(dir, ['send', '--json']);
  assert.is(send.code, 0, send.stderr);
  assert.is(received.length, before);
  const out = JSON.parse(send.stdout);
  assert.ok(out.deliveries.length === 6 && out.deliveries.every((d: { status: string }) => d.status === 'already-delivered'));
  // a rebuild of the same week from the same export is the same message: not sent again, and
  // the new snapshot keeps the record of the delivery
  const rebuild = await svreport(dir, ['build', '--send', '--as-of', '2026-01-01', '--format', 'json,csv']);
  assert.is(rebuild.code, 0, rebuild.stderr);
  assert.is(received.length, before);
  assert.is((await json(join(dir, 'out/all-bob/2025-W52/delivery.json'))).status, 'delivered');
  const resend = await svreport(dir, ['send', '--resend', 'out/all-bob/2025-W52']);
  assert.is(resend.code, 0, resend.stderr);
  assert.is(received.length, before + 1);
  assert.equal(received[received.length - 1].to, ['growth@example.com', 'lead@example.com', 'boss@example.com']);
});

t('stale input: the next week built from the same export is not sent', async () => {
  const before = received.length;
  const next = await svreport(dir, ['build', '--send', '--as-of', '2026-01-08', '--format', 'json,csv', '--json']);
  assert.is(next.code, 0, next.stderr);
  assert.is(received.length, before);
  const d = JSON.parse(next.stdout).reports.find((r: { id: string }) => r.id === 'all-bob').delivery;
  assert.is(d.status, 'skipped');
  assert.match(d.reason, /identical/);
});

t.run();

// ---
const f = suite('delivery failures');
let fdir = '';
let fserver: Awaited<ReturnType<typeof startServer>>;

f.before(async () => {
  fdir = await tempDir('svreport-mail-f-');
  fserver = await startServer(fdir);
  await writeFile(join(fdir, 'videos.csv'), VIDEOS);
});
f.after(async () => {
  await fserver.close();
});

const simple = (port: number, email: string) => `title: Weekly
input: { path: videos.csv }
period: last-week
output: { dir: "out/{report}/{period}", formats: [html, json, csv] }
delivery:
  email:
    to: [growth@example.com]
    from: reports@example.com
    smtp: { host: 127.0.0.1, port: ${port}, user: bot, passwordEnv: SMTP_PASSWORD, ca: cert.pem }
${email}`;

f('server down: exit 5, snapshots kept, a later send delivers once', async () => {
  const down = await closedPort();
  await writeFile(join(fdir, 'report.config.yaml'), simple(down, '    attach: [csv]\n'));
  const before = received.length;
  const run = await svreport(fdir, ['build', '--send', '--as-of', '2026-01-01', '--out', 'down']);
  assert.is(run.code, 5, run.stderr);
  assert.match(run.stderr, /could not be handed to the mail server/);
  const snap = join(fdir, 'down/report/2025-W52');
  assert.ok(existsSync(join(snap, 'metrics.json')) && existsSync(join(snap, 'message.eml')));
  const rec = await json(join(snap, 'delivery.json'));
  assert.is(rec.status, 'failed');
  assert.is(rec.attempts, 3, 'first try and SVREPORT_SMTP_RETRIES=2');
  assert.match(rec.error, /ECONNREFUSED|connect/i);
  assert.is(received.length, before);
  // the server is back
  await writeFile(join(fdir, 'report.config.yaml'), simple(fserver.port, '    attach: [csv]\n'));
  const later = await svreport(fdir, ['send', 'down']);
  assert.is(later.code, 0, later.stderr);
  assert.is(received.length, before + 1);
  const again = await svreport(fdir, ['send', 'down']);
  assert.is(again.code, 0, again.stderr);
  assert.is(received.length, before + 1);
  const csv = (await simpleParser(received[received.length - 1].raw)).attachments.find((a) => a.filename === 'filtered.csv');
  assert.ok(csv!.content.equals(await readFile(join(snap, 'filtered.csv'))));
});

f('a wrong password is permanent: exit 5 after one attempt, the password in no stream', async () => {
  await writeFile(join(fdir, 'report.config.yaml'), simple(fserver.port, ''));
  const run = await svreport(fdir, ['build', '--send', '--as-of', '2026-01-01', '--out', 'badpw', '--json'], { SMTP_PASSWORD: 'wrong-pass-123' });
  assert.is(run.code, 5, run.stderr);
  const rec = await json(join(fdir, 'badpw/report/2025-W52/delivery.json'));
  assert.is(rec.attempts, 1);
  assert.not.ok((run.stdout + run.stderr).includes('wrong-pass-123'));
});

f('certificates are verified: a server the config does not trust is refused at once (exit 5)', async () => {
  await writeFile(join(fdir, 'report.config.yaml'), simple(fserver.port, '').replace(', ca: cert.pem', ''));
  const before = received.length;
  const run = await svreport(fdir, ['build', '--send', '--as-of', '2026-01-01', '--out', 'untrusted']);
  assert.is(run.code, 5, run.stderr);
  assert.is(received.length, before);
  const rec = await json(join(fdir, 'untrusted/report/2025-W52/delivery.json'));
  assert.is(rec.attempts, 1, 'a refused certificate is not retried');
  assert.match(rec.error, /certificate/i);
});

f('SVREPORT_SMTP_URL: its password is scrubbed from every message', async () => {
  const down = await closedPort();
  await writeFile(join(fdir, 'report.config.yaml'), simple(fserver.port, ''));
  const url = `smtp://bot:${encodeURIComponent(PASSWORD)}@127.0.0.1:${down}`;
  const run = await svreport(fdir, ['build', '--send', '--as-of', '2026-01-01', '--out', 'url', '--json'], { SVREPORT_SMTP_URL: url, SVREPORT_SMTP_RETRIES: '0' });
  assert.is(run.code, 5, run.stderr);
  assert.not.ok((run.stdout + run.stderr).includes(PASSWORD));
  for (const file of await filesUnder(join(fdir, 'url'))) assert.not.ok((await readFile(file)).includes(PASSWORD), file);
});

f('an empty week sends nothing (skip) or a short notice without attachments; maxBytes leaves files out and says why', async () => {
  await writeFile(join(fdir, 'report.config.yaml'), simple(fserver.port, '    attach: [html]\n    maxBytes: 10000\n') +
    'reports:\n  - { id: quiet }\n  - { id: note, delivery: { email: { onEmpty: notice } } }\n');
  const before = received.length;
  // W06 of 2026 has no video
  const empty = await svreport(fdir, ['build', '--send', '--as-of', '2026-02-10', '--out', 'empty', '--json']);
  assert.is(empty.code, 0, empty.stderr);
  assert.is(received.length, before + 1, 'only the notice');
  const notice = await simpleParser(received[received.length - 1].raw);
  assert.equal(notice.attachments, []);
  assert.match(String(notice.text), /No video was published in this period/);
  assert.is((await json(join(fdir, 'empty/quiet/2026-W06/delivery.json'))).status, 'skipped');
  // a week with videos: the HTML report (about 200 KB) is over maxBytes
  const big = await svreport(fdir, ['build', '--send', '--as-of', '2026-01-01', '--out', 'big']);
  assert.is(big.code, 0, big.stderr);
  assert.is(received.length, before + 3);
  for (const r of received.slice(-2)) {
    const mail = await simpleParser(r.raw);
    assert.equal(mail.attachments, []);
    assert.match(String(mail.text), /report\.html \([\d.]+ KB\) are not attached: with them the message would be about [\d.]+ KB, above the 9\.8 KB limit \(delivery\.email\.maxBytes\)/);
    assert.ok(r.raw.length <= 10000);
  }
});

f('a failed render sends nothing and leaves no message to send later', async () => {
  await writeFile(join(fdir, 'report.config.yaml'), simple(fserver.port, ''));
  const before = received.length;
  const run = await svreport(fdir, ['build', '--send', '--as-of', '2026-01-01', '--out', 'norender', '--format', 'pdf,json'], { PUPPETEER_EXECUTABLE_PATH: '/nonexistent' });
  assert.is(run.code, 4, run.stderr);
  assert.is(received.length, before);
  assert.not.ok(existsSync(join(fdir, 'norender/report/2025-W52/message.eml')));
  // a failed render commits nothing at all (issue 19, item 3): there is no snapshot to send later
  assert.not.ok(existsSync(join(fdir, 'norender/report/2025-W52')));
  const later = await svreport(fdir, ['send', 'norender', '--json']);
  assert.is(received.length, before);
  assert.is(later.code, 2, later.stderr);
  assert.match(JSON.parse(later.stdout).error, /No snapshot found in norender/);
});

f('message.eml is byte-identical across builds with the same SOURCE_DATE_EPOCH; --dry-run sends nothing', async () => {
  await writeFile(join(fdir, 'report.config.yaml'), simple(fserver.port, '    attach: [csv, json]\n'));
  for (const out of ['r1', 'r2']) assert.is((await svreport(fdir, ['build', '--as-of', '2026-01-01', '--out', out, '--format', 'json,csv'])).code, 0);
  const a = await readFile(join(fdir, 'r1/report/2025-W52/message.eml'));
  const b = await readFile(join(fdir, 'r2/report/2025-W52/message.eml'));
  assert.ok(a.equals(b));
  assert.match(a.toString('latin1'), /^Date: Thu, 01 Jan 2026 00:00:00 \+0000$/m);
  const before = received.length;
  const dry = await svreport(fdir, ['send', 'r1', '--dry-run', '--json']);
  assert.is(dry.code, 0, dry.stderr);
  assert.is(received.length, before);
  const d = JSON.parse(dry.stdout).deliveries[0];
  assert.is(d.status, 'would-send');
  assert.equal(d.recipients, ['growth@example.com']);
  assert.not.ok(existsSync(join(fdir, 'r1/report/2025-W52/delivery.json')));
  assert.ok((await stat(join(fdir, 'r1/report/2025-W52/message.eml'))).size > 0);
});

f.run();
