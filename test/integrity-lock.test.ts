// OutputLock (src/output/lock.ts) on its own: exclusive, waits with a bound, takes over only
// the lock of a run that is gone, and a holder whose lock was taken over finds out.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile, readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OutputLock, lockPathFor } from '../src/output/lock.ts';
import { ReportError } from '../src/errors.ts';
import { tempDir } from './helpers/tmp.ts';

const settled = async (p: Promise<unknown>) => {
  let done = false;
  p.then(() => (done = true), () => (done = true));
  await new Promise((ok) => setTimeout(ok, 300));
  return done;
};

const lock = suite('OutputLock');
lock('lockPathFor: inside the root, or beside a root that is a report folder', () => {
  assert.is(lockPathFor('/srv/out', false), '/srv/out/.svreport.lock');
  assert.is(lockPathFor('/srv/public', true), '/srv/.public.svreport.lock');
});
lock('a second acquirer waits while the first holds the lock and gets it on release', async () => {
  const dir = await tempDir('svreport-lock-');
  const path = join(dir, '.svreport.lock');
  const first = await OutputLock.acquire(path, { waitMs: 0 });
  const holder = JSON.parse(await readFile(path, 'utf8'));
  assert.is(holder.pid, process.pid);
  assert.is(holder.token, first.token);
  const second = OutputLock.acquire(path, { waitMs: 10_000 });
  assert.not.ok(await settled(second), 'still waiting');
  await first.release();
  const got = await second;
  assert.is(JSON.parse(await readFile(path, 'utf8')).token, got.token);
  await got.release();
  assert.equal(await readdir(dir), []);
});
lock('the wait is bounded: a sentence naming the lock and its holder', async () => {
  const dir = await tempDir('svreport-lock-');
  const path = join(dir, '.svreport.lock');
  const first = await OutputLock.acquire(path, { waitMs: 0 });
  try {
    await OutputLock.acquire(path, { waitMs: 200 });
    assert.unreachable();
  } catch (err) {
    assert.instance(err, ReportError);
    assert.is((err as ReportError).exitCode, 1);
    assert.match((err as Error).message, new RegExp(`holds the lock ${path.replace(/[.]/g, '\\.')} \\(process ${process.pid} on `));
  }
  await first.release();
});
lock('two acquirers of one stale lock: one at a time (the takeover does not let both in)', async () => {
  const dir = await tempDir('svreport-lock-');
  const path = join(dir, '.svreport.lock');
  await writeFile(path, JSON.stringify({ generator: 'short-video-report', host: 'elsewhere', pid: 1, token: 'aaaaaaaaaaaaaaaa', createdAt: '2026-01-01T00:00:00Z' }));
  const old = new Date(Date.now() - 3_600_000);
  await utimes(path, old, old);
  const a = OutputLock.acquire(path, { waitMs: 10_000 });
  const b = OutputLock.acquire(path, { waitMs: 10_000 });
  let first: 'a' | 'b' | null = null;
  void a.then(() => (first ??= 'a'));
  void b.then(() => (first ??= 'b'));
  const winner = await Promise.race([a, b]);
  await null;
  const loser = first === 'a' ? b : a;
  assert.not.ok(await settled(loser), 'the other one waits for the winner');
  await winner.verify();
  await winner.release();
  const next = await loser;
  await next.verify();
  await next.release();
  assert.equal(await readdir(dir), []);
});
lock('a fresh lock of another host is respected, whatever its pid', async () => {
  const dir = await tempDir('svreport-lock-');
  const path = join(dir, '.svreport.lock');
  await writeFile(path, JSON.stringify({ generator: 'short-video-report', host: 'elsewhere', pid: 1, token: 'aaaaaaaaaaaaaaaa', createdAt: '2026-01-01T00:00:00Z' }));
  try {
    await OutputLock.acquire(path, { waitMs: 150 });
    assert.unreachable();
  } catch (err) {
    assert.match((err as Error).message, /process 1 on elsewhere, since 2026-01-01T00:00:00Z/);
  }
});
lock('verify() fails once another run took the lock over; release() then leaves the other run\'s lock', async () => {
  const dir = await tempDir('svreport-lock-');
  const path = join(dir, '.svreport.lock');
  const mine = await OutputLock.acquire(path, { waitMs: 0 });
  await mine.verify();
  const theirs = JSON.stringify({ generator: 'short-video-report', host: 'elsewhere', pid: 7, token: 'bbbbbbbbbbbbbbbb', createdAt: '2026-01-01T00:00:00Z' });
  await writeFile(path, theirs);
  try {
    await mine.verify();
    assert.unreachable();
  } catch (err) {
    assert.match((err as Error).message, /was taken over by another run while this one was working; nothing was replaced/);
  }
  await mine.release();
  assert.is(await readFile(path, 'utf8'), theirs);
});
lock.run();
