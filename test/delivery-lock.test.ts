// `svreport send` writes delivery.json into snapshots that a build may be replacing at the same
// moment: it holds the output root's lock as a build does. Held by another run: refused (nothing
// sent, nothing written); released: the send goes on (here to a closed port: exit 5).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { OutputLock, lockPathFor } from '../src/output/lock.ts';
import { runCli } from './helpers/cli.ts';
import { tempDir } from './helpers/tmp.ts';

/** A port on 127.0.0.1 that nothing listens on (bound, then closed). */
function closedPort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

const CSV = ['title,creator,platform,views,likes,comments,shares,publish_date',
  ...Array.from({ length: 10 }, (_, i) => `Video ${i},c${i % 3},TikTok,${1000 + i * 10},${10 + i},${i},${i % 4},2025-01-${String(1 + i).padStart(2, '0')}`)].join('\n') + '\n';

const s = suite('send under the output lock');
s('a send while another run holds the lock is refused naming it; once released it goes on', async () => {
  const dir = await tempDir('svreport-send-lock-');
  const port = await closedPort();
  await writeFile(join(dir, 'videos.csv'), CSV);
  await writeFile(join(dir, 'report.config.yaml'), [
    'input: { path: videos.csv }',
    'output: { dir: "out/{report}" }',
    `delivery: { email: { to: [growth@example.com], attach: [json], smtp: { host: 127.0.0.1, port: ${port}, security: none } } }`,
  ].join('\n') + '\n');
  const env = { SOURCE_DATE_EPOCH: '1767225600', SVREPORT_LOCK_WAIT_MS: '0', SVREPORT_SMTP_RETRIES: '0', SVREPORT_SMTP_RETRY_DELAY_MS: '1' };
  const built = await runCli(['build', '--format', 'json'], dir, env);
  assert.is(built.code, 0, built.stderr);
  const lockPath = lockPathFor(join(dir, 'out'), false);
  const held = await OutputLock.acquire(lockPath, { waitMs: 0 }); // this process: a live run
  try {
    const refused = await runCli(['send'], dir, env);
    assert.is(refused.code, 1, refused.stderr);
    assert.match(refused.stderr, /holds the lock .*\.svreport\.lock/);
    assert.not.ok((await readdir(join(dir, 'out/report'))).includes('delivery.json'), 'nothing recorded while refused');
  } finally {
    await held.release();
  }
  const sent = await runCli(['send'], dir, env);
  assert.is(sent.code, 5, sent.stderr); // past the lock, to a port nothing listens on
  assert.ok((await readdir(join(dir, 'out/report'))).includes('delivery.json'));
  assert.not.ok((await readdir(join(dir, 'out'))).includes('.svreport.lock'), 'the lock released after the send');
});
s.run();
