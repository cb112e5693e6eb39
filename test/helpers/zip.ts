// A tiny ZIP writer for test fixtures (Node has none): stored (method 0, as `zip -0` writes) or
// deflated (method 8) entries, with the means to lie: a declared size that is not the real one,
// the "encrypted" flag, any name (`../../x.csv`). No zip64, no data descriptors.
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntryInput {
  name: string;
  data: Buffer | string;
  /** compress with deflate (default stored) */
  deflate?: boolean;
  /** the uncompressed size written in both headers (default the real one) */
  declaredSize?: number;
  /** general purpose flag bits (1 = encrypted) */
  flags?: number;
}

export function zipOf(entries: (ZipEntryInput | [name: string, data: Buffer | string])[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const input of entries) {
    const e = Array.isArray(input) ? { name: input[0], data: input[1] } : input;
    const data = Buffer.from(e.data);
    const body = e.deflate ? deflateRawSync(data) : data;
    const nameBytes = Buffer.from(e.name);
    // flags at 6/8, method at 8/10, crc-32, sizes and name length at 14/16 in the local/central header
    const fields = (h: Buffer, at: number) => {
      h.writeUInt16LE(e.flags ?? 0, at - 8);
      h.writeUInt16LE(e.deflate ? 8 : 0, at - 6);
      h.writeUInt32LE(crc32(data), at);
      h.writeUInt32LE(body.length, at + 4);
      h.writeUInt32LE(e.declaredSize ?? data.length, at + 8);
      h.writeUInt16LE(nameBytes.length, at + 12);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    fields(local, 14);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    fields(cd, 16);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, body);
    central.push(cd, nameBytes);
    offset += 30 + nameBytes.length + body.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBytes, end]);
}
