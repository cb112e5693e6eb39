// Large output files (filtered.csv) written in fixed 1 MiB chunks at explicit offsets, a few
// writes in flight on libuv's threads while the caller goes on, and hashed (sha256) on the way
// out so the manifest need not read them back.
//
// On Linux a file is opened with O_DIRECT when its file system takes it: the chunks go from
// this process's memory to the device without a copy into the page cache. A batch at 1M rows
// writes ~3 GB of filtered.csv; through the page cache that cost 0.3-2.5 s of kernel time per GB
// on the 2-core machine of the benchmarks (page allocation, the copy, writeback), with O_DIRECT
// ~0.07 s per GB, and that CPU goes to the sections and charts instead. Direct I/O needs
// buffers, offsets and lengths aligned to the device's block: the chunks are carved from one
// slab at an offset found by trying it, and the last chunk is padded to 4 KiB, then the file
// truncated to its size. Where O_DIRECT is unknown or refused (other systems, some file
// systems), the same chunks go through the page cache. tuning.directIo false (SVREPORT_DIRECT_IO=0)
// turns it off.
//
// The files of one pass share the slab with a scratch area where the caller assembles a line:
// copying it to each file is then a copyWithin inside one buffer (a batch copies ~7M lines,
// and Buffer.copy's view per call cost ~1.4 s of the CSV thread at 1M rows).
import { createHash } from 'node:crypto';
import { closeSync, constants, ftruncateSync, openSync, write, writeSync } from 'node:fs';
import { DEFAULT_TUNING, type Tuning } from '../tuning.ts';

export const CHUNK_BYTES = 1 << 20;
/** Direct I/O lengths and offsets are multiples of this (a device block is at most 4 KiB). */
const BLOCK = 4096;

export interface FileSum {
  bytes: number;
  sha256: string;
}

/** Whether files are written with O_DIRECT: the tuning asks for it and the system offers it. */
export function directIoWanted(tuning: Pick<Tuning, 'directIo'> = DEFAULT_TUNING): boolean {
  return tuning.directIo && typeof constants.O_DIRECT === 'number' && constants.O_DIRECT > 0;
}

/** Files opened together, their chunks and a line scratch area in one slab (see the top). */
export interface FileSet {
  files: FileOut[];
  slab: Buffer;
  /** the scratch area: slab[scratch, scratch + scratchBytes) */
  scratch: number;
  scratchBytes: number;
}

/**
 * Creates (or truncates) every path. `inFlight`: the chunks of a file written at once before
 * its line() and bytes() ask the caller to wait. A path that cannot be opened closes the others
 * and throws.
 */
export function openFiles(
  paths: string[],
  { inFlight = 4, direct = directIoWanted(), scratchBytes = 1 << 16 }: { inFlight?: number; direct?: boolean; scratchBytes?: number } = {},
): FileSet {
  const per = Math.max(1, inFlight) + 1;
  const slab = Buffer.allocUnsafeSlow(paths.length * per * CHUNK_BYTES + BLOCK + scratchBytes);
  const fds: { fd: number; direct: boolean }[] = [];
  let base = -1; // slab offset that direct writes take; -1: not found yet
  try {
    for (const path of paths) {
      let fd = -1;
      if (direct) {
        try {
          fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_DIRECT, 0o666);
          const at = alignedOffset(fd, slab, base);
          if (at === -1) {
            closeSync(fd);
            fd = -1;
          } else base = at;
        } catch {
          if (fd !== -1) closeSync(fd);
          fd = -1; // O_DIRECT refused: through the page cache
        }
      }
      fds.push(fd !== -1 ? { fd, direct: true } : { fd: openSync(path, 'w'), direct: false });
    }
  } catch (err) {
    for (const { fd } of fds) closeSync(fd);
    throw err;
  }
  if (base === -1) base = 0;
  const files = fds.map(({ fd, direct }, k) => {
    const chunks = Array.from({ length: per }, (_, j) => base + (k * per + j) * CHUNK_BYTES);
    return new FileOut(fd, direct ? 'direct' : 'cached', slab, chunks);
  });
  return { files, slab, scratch: base + paths.length * per * CHUNK_BYTES, scratchBytes };
}

/** One file of openFiles(). */
export class FileOut {
  private readonly hash = createHash('sha256');
  /** slab offset of the chunk being filled */
  private at: number;
  private used = 0;
  /** file offset of that chunk */
  private pos = 0;
  private pending = 0;
  private failed: Error | null = null;
  /** resolves the caller waiting for a chunk to come back */
  private wake: (() => void) | null = null;
  private closed = false;

  constructor(
    private readonly fd: number,
    /** 'direct' when O_DIRECT was taken, else 'cached' (through the page cache) */
    readonly mode: 'direct' | 'cached',
    private readonly slab: Buffer,
    /** slab offsets of the chunks not being written */
    private readonly free: number[],
  ) {
    this.at = free.pop()!;
  }

  /**
   * Appends `src[a, e)` and a line break; a promise when the caller should wait before the next.
   * `src` may be the slab itself (its scratch area): the line is then copied inside the slab.
   */
  bytes(src: Buffer, a: number, e: number): Promise<void> | null {
    if (e - a < CHUNK_BYTES - this.used) this.copy(src, a, e);
    else this.append(src, a, e);
    this.newline();
    return this.backPressure();
  }

  /** Appends `text` (UTF-8) and a line break; see bytes(). */
  line(text: string): Promise<void> | null {
    // 3 bytes per UTF-16 unit is the most UTF-8 can take: short lines are encoded in place
    if (3 * text.length < CHUNK_BYTES - this.used) this.used += this.slab.write(text, this.at + this.used);
    else {
      const b = Buffer.from(text);
      this.append(b, 0, b.length);
    }
    this.newline();
    return this.backPressure();
  }

  /** Writes what is left, waits for every write, and closes the file: its size and sha256. */
  async close(): Promise<FileSum> {
    if (this.closed) throw new Error('file already closed');
    try {
      if (!this.failed && this.used > 0) {
        const n = this.used;
        this.hash.update(this.slab.subarray(this.at, this.at + n));
        let len = n;
        if (this.mode === 'direct') {
          len = Math.ceil(n / BLOCK) * BLOCK;
          this.slab.fill(0, this.at + n, this.at + len);
        }
        this.submit(len, n);
      }
      while (this.pending > 0) await new Promise<void>((resolve) => (this.wake = resolve));
      if (this.failed) throw this.failed;
      if (this.mode === 'direct') ftruncateSync(this.fd, this.pos);
      return { bytes: this.pos, sha256: this.hash.digest('hex') };
    } finally {
      this.closed = true;
      closeSync(this.fd);
    }
  }

  /** Appends src[a, e), across as many chunks as it takes. */
  private append(src: Buffer, a: number, e: number): void {
    while (a < e) {
      const n = Math.min(e - a, CHUNK_BYTES - this.used);
      this.copy(src, a, a + n);
      a += n;
      if (this.used === CHUNK_BYTES) this.full();
    }
  }

  /** src[a, e) into the chunk, which has room for it. */
  private copy(src: Buffer, a: number, e: number): void {
    if (src === this.slab) this.slab.copyWithin(this.at + this.used, a, e);
    else src.copy(this.slab, this.at + this.used, a, e);
    this.used += e - a;
  }

  private newline(): void {
    this.slab[this.at + this.used++] = 10;
    if (this.used === CHUNK_BYTES) this.full();
  }

  /** The chunk is full: hashed and written. */
  private full(): void {
    this.hash.update(this.slab.subarray(this.at, this.at + CHUNK_BYTES));
    this.submit(CHUNK_BYTES, CHUNK_BYTES);
  }

  /** Writes the first `len` bytes of the chunk (`size` of them real) at `pos` and moves on. */
  private submit(len: number, size: number): void {
    const at = this.at;
    const pos = this.pos;
    this.pos += size;
    this.used = 0;
    const next = this.free.pop();
    if (next === undefined) {
      // every other chunk is in flight (a line longer than the chunks left): write this one now
      const done = writeSync(this.fd, this.slab, at, len, pos);
      if (done !== len) throw shortWrite(done, len);
      return;
    }
    this.at = next;
    this.pending++;
    write(this.fd, this.slab, at, len, pos, (err, done) => {
      this.pending--;
      if (err) this.failed ??= err;
      else if (done !== len) this.failed ??= shortWrite(done, len);
      this.free.push(at);
      const wake = this.wake;
      this.wake = null;
      wake?.();
    });
  }

  /** A promise when no chunk is free: the next line must wait for a write to finish. */
  private backPressure(): Promise<void> | null {
    if (this.failed) throw this.failed;
    if (this.free.length > 0 || this.pending === 0) return null;
    return new Promise<void>((resolve) => (this.wake = resolve));
  }
}

function shortWrite(done: number, len: number): Error {
  return Object.assign(new Error(`short write: ${done} of ${len} bytes (is the disk full?)`), { code: 'ENOSPC' });
}

/**
 * A slab offset (below 4 KiB) whose memory the O_DIRECT file `fd` writes from, tried by writing
 * one block at file offset 0 (the file is new: its first chunk overwrites it); `known` first,
 * when another file found one. -1 when none works (the file system refuses direct writes).
 */
function alignedOffset(fd: number, slab: Buffer, known: number): number {
  const tries = known >= 0 ? [known] : Array.from({ length: BLOCK / 16 }, (_, k) => k * 16);
  for (const off of tries) {
    try {
      slab.fill(0, off, off + BLOCK);
      if (writeSync(fd, slab, off, BLOCK, 0) !== BLOCK) return -1;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EINVAL') continue;
      throw err;
    }
    ftruncateSync(fd, 0);
    return off;
  }
  return -1;
}
