/**
 * A zip written and read byte by byte for the tests, apart from the code under test, so that a
 * test can make what no zip library will: two entries of one name, an entry that lies about its
 * size, entries that share their bytes. Follows APPNOTE.TXT (4.3.7 local header, 4.3.12 central
 * directory, 4.3.14-16 zip64 end records).
 */
import * as zlib from "node:zlib";
import JSZip from "jszip";

export interface RawEntrySpec {
  readonly name: string;
  /** The content, deflated here; or `stored`, the entry's stored bytes as they are. */
  readonly content?: Uint8Array | string;
  readonly stored?: { readonly data: Uint8Array; readonly method: number; readonly crc32: number; readonly size: number };
  /** The size the central directory declares, whatever the data inflates to. */
  readonly declaredSize?: number;
  /** Share the local record of the entry at this index instead of having one (an overlapping entry). */
  readonly sameBytesAs?: number;
}

const DOS_2026_01_15 = ((2026 - 1980) << 25) | (1 << 21) | (15 << 16) | (9 << 11);

export function makeZip(specs: readonly RawEntrySpec[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const spec of specs) {
    const name = Buffer.from(spec.name, "utf8");
    let stored = spec.stored;
    if (!stored) {
      const content = typeof spec.content === "string" ? Buffer.from(spec.content, "utf8") : Buffer.from(spec.content ?? new Uint8Array(0));
      stored = { data: zlib.deflateRawSync(content), method: 8, crc32: zlib.crc32(content) >>> 0, size: content.length };
    }
    const size = spec.declaredSize ?? stored.size;
    let at = offset;
    if (spec.sameBytesAs !== undefined) {
      at = offsets[spec.sameBytesAs];
    } else {
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(0x0800, 6);
      local.writeUInt16LE(stored.method, 8);
      local.writeUInt32LE(DOS_2026_01_15 >>> 0, 10);
      local.writeUInt32LE(stored.crc32, 14);
      local.writeUInt32LE(stored.data.length, 18);
      local.writeUInt32LE(Math.min(size, 0xffffffff), 22);
      local.writeUInt16LE(name.length, 26);
      locals.push(local, name, Buffer.from(stored.data));
      offset += 30 + name.length + stored.data.length;
    }
    offsets.push(at);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(stored.method, 10);
    central.writeUInt32LE(DOS_2026_01_15 >>> 0, 12);
    central.writeUInt32LE(stored.crc32, 16);
    central.writeUInt32LE(stored.data.length, 20);
    central.writeUInt32LE(Math.min(size, 0xffffffff), 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(at, 42);
    centrals.push(central, name);
  }
  const directory = Buffer.concat(centrals);
  // More entries than the end record's 16-bit count holds: zip64 end record and locator first (4.3.14-15).
  const zip64 = specs.length >= 0xffff;
  const tail: Buffer[] = [];
  if (zip64) {
    const record = Buffer.alloc(56 + 20);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(specs.length), 24);
    record.writeBigUInt64LE(BigInt(specs.length), 32);
    record.writeBigUInt64LE(BigInt(directory.length), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    record.writeUInt32LE(0x07064b50, 56);
    record.writeBigUInt64LE(BigInt(offset + directory.length), 64);
    record.writeUInt32LE(1, 72);
    tail.push(record);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(specs.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(specs.length, 0xffff), 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, ...tail, end]));
}

/** An entry as a zip stores it: its whole local record (header, stored bytes, descriptor) and its central record without the offset. */
export interface StoredEntry {
  readonly name: string;
  readonly local: Buffer;
  /** The central directory record with its local-header offset zeroed. */
  readonly central: Buffer;
}

/** Every entry of a zip, in central directory order, read by position (zip64 end records understood), and the archive's comment. */
export function storedEntries(zip: Uint8Array): { entries: StoredEntry[]; zip64: boolean; comment: Buffer } {
  const bytes = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = bytes.length - 22;
  while (end >= 0 && bytes.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error("no end of central directory");
  let count = bytes.readUInt16LE(end + 10);
  let directory = bytes.readUInt32LE(end + 16);
  const zip64 = end >= 20 && bytes.readUInt32LE(end - 20) === 0x07064b50;
  if (zip64) {
    const record = Number(bytes.readBigUInt64LE(end - 20 + 8));
    count = Number(bytes.readBigUInt64LE(record + 32));
    directory = Number(bytes.readBigUInt64LE(record + 48));
  }
  const records: { name: string; offset: number; central: Buffer }[] = [];
  let at = directory;
  for (let i = 0; i < count; i++) {
    const length = 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const central = Buffer.from(bytes.subarray(at, at + length));
    const offset = central.readUInt32LE(42);
    central.writeUInt32LE(0, 42);
    records.push({ name: bytes.toString("utf8", at + 46, at + 46 + bytes.readUInt16LE(at + 28)), offset, central });
    at += length;
  }
  // A local record ends where the next one (or the central directory) starts.
  const starts = [...records.map((r) => r.offset), directory].sort((a, b) => a - b);
  const next = new Map(starts.slice(0, -1).map((start, i) => [start, starts[i + 1]]));
  const entries = records.map((r) => ({ name: r.name, central: r.central, local: bytes.subarray(r.offset, next.get(r.offset)) }));
  const comment = Buffer.from(bytes.subarray(end + 22, end + 22 + bytes.readUInt16LE(end + 20)));
  return { entries, zip64, comment };
}

/** Every part of a zip, as JSZip reads it. */
export async function zipParts(zip: Uint8Array): Promise<Map<string, Buffer>> {
  const loaded = await JSZip.loadAsync(zip);
  const parts = new Map<string, Buffer>();
  for (const entry of Object.values(loaded.files)) if (!entry.dir) parts.set(entry.name, await entry.async("nodebuffer"));
  return parts;
}

/** The entries of a package read with JSZip, as specs for makeZip, in the package's order. */
export async function specsOf(zip: Uint8Array): Promise<{ name: string; content: Buffer }[]> {
  return [...(await zipParts(zip))].map(([name, content]) => ({ name, content }));
}
