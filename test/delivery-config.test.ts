// delivery.email and output.publicUrl in the configuration: defaults, per-report overrides,
// addresses checked with one sentence naming the key, and no password in the file. Also the
// pure parts of sending: SVREPORT_SMTP_URL, the server of a report, scrubbing, what is transient,
// and the composed message (bidi isolation, notice, maxBytes).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { normalizeConfig } from '../src/config/normalize.ts';
import { ReportError } from '../src/errors.ts';
import type { Config } from '../src/types.ts';
import { parseMailbox } from '../src/delivery/address.ts';
import { parseSmtpUrl, resolveServer, secretsOf } from '../src/delivery/server.ts';
import { isTransient, scrub } from '../src/delivery/send.ts';
import { emailFor } from '../src/delivery/run.ts';
import { composeMessage, headerText, subjectOf, type AttachmentFile } from '../src/delivery/compose.ts';
import { simpleParser } from 'mailparser';
import { sampleModel } from './fixtures/model.ts';

const CTX = { configPath: '/p/report.config.yaml', configDir: '/p' };
const normalize = (raw: unknown): Config => normalizeConfig(raw, CTX);
function problems(raw: unknown): string[] {
  try {
    normalize(raw);
  } catch (err) {
    if (err instanceof ReportError) return err.problems;
    throw err;
  }
  return [];
}
const base = { input: { path: 'v.csv' } };

// ---
const c = suite('delivery config');

c('absent: no email; present: the documented defaults', () => {
  assert.is(normalize(base).delivery.email, null);
  assert.is(normalize(base).output.publicUrl, null);
  const e = normalize({ ...base, delivery: { email: { to: 'growth@example.com' } } }).delivery.email!;
  assert.equal(e.to, ['growth@example.com']);
  assert.equal(e.attach, ['pdf']);
  assert.is(e.maxBytes, 10_000_000);
  assert.is(e.subject, '{title}: {periodDates}');
  assert.is(e.onEmpty, 'skip');
  assert.is(e.onStale, 'skip');
  assert.is(e.smtp, null);
});

c('smtp: port from security, certificate checks on unless tlsVerify: false, ca relative to the config', () => {
  const s = (smtp: object) => normalize({ ...base, delivery: { email: { to: 'a@b.co', smtp } } }).delivery.email!.smtp!;
  assert.equal(s({ host: 'mail.example.com' }), { host: 'mail.example.com', port: 587, security: 'starttls', user: null, passwordEnv: null, tlsVerify: true, ca: null });
  assert.is(s({ host: 'h', security: 'tls' }).port, 465);
  assert.is(s({ host: 'h', tlsVerify: false }).tlsVerify, false);
  assert.is(s({ host: 'h', ca: 'certs/ca.pem' }).ca, '/p/certs/ca.pem');
});

c('reports[] override delivery key by key; lists replace', () => {
  const cfg = normalize({
    ...base,
    delivery: { email: { to: ['a@example.com'], bcc: 'boss@example.com', smtp: { host: 'h', user: 'u', passwordEnv: 'PW' } } },
    reports: [{ id: 'one' }, { id: 'two', delivery: { email: { to: 'b@example.com', smtp: { port: 2525 } } } }],
  });
  const [one, two] = cfg.reports.map((r) => r.delivery.email!);
  assert.equal(one.to, ['a@example.com']);
  assert.equal(two.to, ['b@example.com']);
  assert.equal(two.bcc, ['boss@example.com']);
  assert.equal(two.smtp, { host: 'h', port: 2525, security: 'starttls', user: 'u', passwordEnv: 'PW', tlsVerify: true, ca: null });
  assert.is(emailFor(cfg, 'two'), cfg.reports[1].delivery.email);
});

c('a password in the file is an error that says where it belongs, and never quotes it', () => {
  const p = problems({ ...base, delivery: { email: { to: 'a@b.co', smtp: { host: 'h', password: 'hunter2' } } } });
  assert.equal(p, ['`delivery.email.smtp.password` must not be in the configuration file: put the password in an environment variable and name it in `passwordEnv` (or set SVREPORT_SMTP_URL)']);
  const q = problems({ ...base, delivery: { email: { to: 'a@b.co', smtp: { host: 'h', passwordEnv: 'hunter 2!' } } } });
  assert.is(q.length, 1);
  assert.not.match(q[0], /hunter/);
});

c('addresses are checked, one sentence naming the key', () => {
  assert.equal(problems({ ...base, delivery: { email: { to: ['ok@example.com', 'not an address'] } } }), [
    '`delivery.email.to[1]` must be an email address such as growth@example.com or "Growth team <growth@example.com>" (got "not an address")',
  ]);
  assert.is(problems({ ...base, delivery: { email: { to: 'a@b.co\r\nBcc: evil@x.example' } } }).length, 1);
  assert.is(problems({ ...base, delivery: { email: { to: 'a@b.co', from: 'x@y.co, z@w.co' } } }).length, 1);
  assert.is(problems({ ...base, delivery: { email: { to: 'a@b.co', toBySplit: { TikTok: ['nope'] } } } })[0], '`delivery.email.toBySplit.TikTok[0]` must be an email address such as growth@example.com or "Growth team <growth@example.com>" (got "nope")');
  assert.equal(problems({ ...base, delivery: { email: { cc: 'a@b.co' } } }), ['`delivery.email.to` is required: who receives report "report" (or `toBySplit` with splitBy)']);
  assert.equal(parseMailbox('Growth team <growth@example.com>'), { name: 'Growth team', address: 'growth@example.com' });
  assert.is(parseMailbox('Evil\r\n <a@b.co>'), null);
});

c('unknown keys and tokens stay errors', () => {
  assert.match(problems({ ...base, delivery: { email: { to: 'a@b.co', atach: ['pdf'] } } })[0], /unknown key `delivery\.email\.atach` — did you mean `attach`\?/);
  assert.match(problems({ ...base, delivery: { email: { to: 'a@b.co', subject: '{title} {week}' } } })[0], /unknown token \{week\}/);
  assert.match(problems({ ...base, output: { publicUrl: 'javascript:alert(1)' } })[0], /`output\.publicUrl` must be an http\(s\) address/);
  assert.is(normalize({ ...base, output: { publicUrl: 'https://r.example.com/{report}/{period}/' } }).output.publicUrl, 'https://r.example.com/{report}/{period}/');
});

c.run();

// ---
const s = suite('smtp server and secrets');

s('SVREPORT_SMTP_URL: smtp is STARTTLS on 587, smtps TLS on 465; a bad one is refused without quoting it', () => {
  assert.equal(parseSmtpUrl('smtp://bot:p%40ss@mail.example.com'), { host: 'mail.example.com', port: 587, security: 'starttls', user: 'bot', password: 'p@ss' });
  assert.equal(parseSmtpUrl('smtps://mail.example.com:2465').security, 'tls');
  assert.is(parseSmtpUrl('smtp://relay:25?security=none').security, 'none');
  try {
    parseSmtpUrl('http://bot:secret@x');
    assert.unreachable();
  } catch (err) {
    assert.not.match((err as Error).message, /secret/);
  }
});

s('the server of a report: the URL first, else smtp with the password from the variable it names', () => {
  const email = normalize({ ...base, delivery: { email: { to: 'a@b.co', smtp: { host: 'h', user: 'u', passwordEnv: 'PW' } } } }).delivery.email!;
  assert.is(resolveServer(email, { smtpUrl: null, variable: (n) => (n === 'PW' ? 'pw1' : undefined) }).password, 'pw1');
  assert.throws(() => resolveServer(email, { smtpUrl: null, variable: () => undefined }), /passwordEnv names PW, which is not set/);
  assert.is(resolveServer(email, { smtpUrl: 'smtp://x:y@other', variable: () => undefined }).host, 'other');
  assert.equal(secretsOf({ smtpUrl: 'smtp://x:y%2Fz@other', variable: (n) => (n === 'PW' ? 'pw1' : undefined) }, [email]).sort(), ['pw1', 'smtp://x:y%2Fz@other', 'y/z']);
  assert.is(scrub('login as x with y/z or y%2Fz failed', ['y/z']), 'login as x with *** or *** failed');
});

s('transient: 4xx and connection trouble; permanent: 5xx, TLS and AUTH refusals', () => {
  assert.ok(isTransient({ responseCode: 421 }));
  assert.ok(isTransient({ code: 'ESOCKET', originalCode: 'ECONNREFUSED' }));
  assert.ok(isTransient({ code: 'ETIMEDOUT' }));
  assert.not.ok(isTransient({ responseCode: 550 }));
  assert.not.ok(isTransient({ code: 'EAUTH', responseCode: 535 }));
  assert.not.ok(isTransient({ code: 'ESOCKET', originalCode: 'DEPTH_ZERO_SELF_SIGNED_CERT' }));
});

s('a header value cannot carry a line break', () => {
  assert.is(headerText('Weekly\r\nBcc: evil@x.example\u2028x'), 'Weekly Bcc: evil@x.example x');
  const email = normalize({ ...base, delivery: { email: { to: 'a@b.co', subject: '{report} {title} {period} {date}' } } }).delivery.email!;
  const model = { report: { id: 'r', title: 'T\nX' }, period: { label: '2025-W01' } } as unknown as Parameters<typeof subjectOf>[1];
  assert.is(subjectOf(email, model, '2025-01-08'), 'r T X 2025-W01 2025-01-08');
});

s.run();

// ---
const m = suite('composeMessage');

const emailOf = (over: object = {}) =>
  ({ ...normalize({ ...base, delivery: { email: { to: 'a@example.com', from: 'R <r@example.com>' } } }).delivery.email!, ...over });

m('data values inside sentences are isolated for bidi: FSI/PDI in text, <bdi> in HTML', async () => {
  const model = structuredClone(sampleModel());
  model.scope.filters.creator = ['محمد'];
  model.insights = [{ section: 'creators', kind: 'top-creator', text: 'محمد leads with 1.2M views.', figures: { creator: 'محمد', views: 1_200_000 } }];
  const msg = await composeMessage({ model, email: emailOf(), split: undefined, messageId: '<x@example.com>', runDate: '2025-06-09', publicUrl: null, files: [], notice: false });
  const mail = await simpleParser(msg.eml);
  assert.match(String(mail.text), /creator \u2068محمد\u2069/);
  assert.match(String(mail.text), /- \u2068محمد\u2069 leads with 1\.2M views\./);
  assert.match(String(mail.html), /<bdi>محمد<\/bdi> leads with/);
  assert.equal(msg.recipients, ['a@example.com']);
  // the fixture's title and creators carry markup: escaped, never a tag
  assert.not.match(String(mail.html), /<img|<svg|<script|onerror=|onload=/i);
});

m('a notice has no attachment and says why; a file over maxBytes is left out and the body says where it is', async () => {
  const model = structuredClone(sampleModel());
  const pdf: AttachmentFile = { format: 'pdf', name: 'report.pdf', bytes: 50_000, read: async () => Buffer.alloc(50_000, 1) };
  const input = { model, email: emailOf({ maxBytes: 20_000 }), split: undefined, messageId: '<x@example.com>', runDate: '2025-06-09', publicUrl: 'https://r.example.com/x/', files: [pdf], notice: false };
  const over = await composeMessage(input);
  assert.equal(over.attached, []);
  assert.match(over.leftOut!, /report\.pdf \(48\.8 KB\) are not attached: .* above the 19\.5 KB limit .* Find them at https:\/\/r\.example\.com\/x\//);
  assert.ok(over.eml.length <= 20_000);
  const fits = await composeMessage({ ...input, email: emailOf({ maxBytes: 200_000 }) });
  assert.equal(fits.attached, ['report.pdf']);
  const notice = await composeMessage({ ...input, notice: true });
  const mail = await simpleParser(notice.eml);
  assert.equal(mail.attachments, []);
  assert.match(String(mail.text), /No video was published in this period/);
});

m.run();
