/**
 * Writes a zip from entries copied out of another zip and entries deflated anew (APPNOTE.TXT
 * 6.3.10: 4.3.7 local header, 4.3.9 data descriptor, 4.3.12 central directory, 4.3.14-16 and
 * 4.5.3 zip64). A copied entry keeps its local header, its stored bytes and its data descriptor
 * exactly as they are in the source, and its central directory record field for field (version,
 * flags, method, date, CRC-32, sizes, attributes, extra fields and comment); only where it now
 * starts changes. Directory entries are entries like any other here, copied as stored, and the
 * end of central directory record keeps the archive's comment (4.3.16). The output's size is known
 * before it is written, so it is assembled in one buffer, each entry costing a copy of its bytes
 * whatever the number of entries.
 */

/** The fields of a central directory record, as stored. */
export interface CentralRecord {
  readonly versionMadeBy: number;
  readonly versionNeeded: number;
  readonly flags: number;
  readonly method: number;
  /** MS-DOS time (low 16 bits) and date (high 16 bits). */
  readonly dosDateTime: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly name: Uint8Array;
  readonly extra: Uint8Array;
  readonly comment: Uint8Array;
  readonly internalAttributes: number;
  readonly externalAttributes: number;
}

export type ZipEntryToWrite =
  /** Copied from `source`, whose local header starts at `localHeaderOffset`. */
  | { readonly record: CentralRecord; readonly source: Uint8Array; readonly localHeaderOffset: number }
  /** New bytes, already compressed with `record.method`. */
  | { readonly record: CentralRecord; readonly data: Uint8Array };

export class ZipLayoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ZipLayoutError";
  }
}

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_HEADER = 0x02014b50;
const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const END = 0x06054b50;
const ZIP64_EXTRA = 0x0001;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;
const HAS_DATA_DESCRIPTOR = 0x0008;
/** Names in messages only: a name that is not UTF-8 (an old CP437 one) is shown as near as can be. */
const nameDecoder = new TextDecoder();

function u16(bytes: Uint8Array, at: number): number {
  return bytes[at] | (bytes[at + 1] << 8);
}

function u32(bytes: Uint8Array, at: number): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
}

function u64(bytes: Uint8Array, at: number): number {
  return u32(bytes, at) + u32(bytes, at + 4) * 2 ** 32;
}

/** Where a copied entry's local record lies in its source: header, stored bytes, data descriptor. */
export interface LocalSpan {
  readonly start: number;
  readonly dataStart: number;
  readonly dataEnd: number;
}

/** The local header of an entry, checked to be where the central directory says. */
export function localSpan(source: Uint8Array, offset: number, compressedSize: number): LocalSpan | undefined {
  if (offset + 30 > source.length || u32(source, offset) !== LOCAL_HEADER) return undefined;
  const dataStart = offset + 30 + u16(source, offset + 26) + u16(source, offset + 28);
  const dataEnd = dataStart + compressedSize;
  return dataEnd <= source.length ? { start: offset, dataStart, dataEnd } : undefined;
}

/**
 * The length of the data descriptor after an entry's stored bytes: with or without its optional
 * signature, with 4- or 8-byte sizes (zip64), recognised by the CRC-32 and sizes it repeats.
 */
function descriptorLength(source: Uint8Array, at: number, record: CentralRecord, name: () => string): number {
  const matches = (from: number, wide: boolean): boolean => {
    const size = wide ? 8 : 4;
    if (from + 4 + 2 * size > source.length || u32(source, from) !== record.crc32) return false;
    const read = wide ? u64 : u32;
    return read(source, from + 4) === record.compressedSize && read(source, from + 4 + size) === record.uncompressedSize;
  };
  const signed = at + 4 <= source.length && u32(source, at) === DATA_DESCRIPTOR;
  for (const wide of [false, true]) {
    if (signed && matches(at + 4, wide)) return 4 + 4 + 2 * (wide ? 8 : 4);
    if (matches(at, wide)) return 4 + 2 * (wide ? 8 : 4);
  }
  throw new ZipLayoutError(
    `the data descriptor of the part ${name()} does not repeat the size and checksum its central directory record gives`,
  );
}

/** The extra fields without the zip64 one, which the writer adds again when the entry needs it. */
function withoutZip64(extra: Uint8Array): Uint8Array {
  const kept: Uint8Array[] = [];
  let at = 0;
  let dropped = false;
  while (at + 4 <= extra.length) {
    const end = at + 4 + u16(extra, at + 2);
    if (end > extra.length) break;
    if (u16(extra, at) === ZIP64_EXTRA) dropped = true;
    else kept.push(extra.subarray(at, end));
    at = end;
  }
  if (!dropped) return extra;
  // Bytes after the last well-formed field are kept as they were.
  kept.push(extra.subarray(at));
  return concat(kept);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

class Output {
  private at = 0;
  private readonly view: DataView;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get offset(): number {
    return this.at;
  }

  u16(value: number): void {
    this.view.setUint16(this.at, value, true);
    this.at += 2;
  }

  u32(value: number): void {
    this.view.setUint32(this.at, value >>> 0, true);
    this.at += 4;
  }

  u64(value: number): void {
    this.u32(value % 2 ** 32);
    this.u32(Math.floor(value / 2 ** 32));
  }

  put(bytes: Uint8Array): void {
    this.bytes.set(bytes, this.at);
    this.at += bytes.length;
  }
}

interface Planned {
  readonly entry: ZipEntryToWrite;
  /** The local record's length: header, stored bytes and data descriptor. */
  readonly localLength: number;
  readonly extra: Uint8Array;
  readonly offset: number;
}

/** The zip64 extra field of a central record, with the fields whose 32-bit slots overflow. */
function zip64Extra(record: CentralRecord, offset: number): Uint8Array | undefined {
  const values = [record.uncompressedSize, record.compressedSize, offset].filter((v) => v >= MAX32);
  if (values.length === 0) return undefined;
  const out = new Output(new Uint8Array(4 + 8 * values.length));
  out.u16(ZIP64_EXTRA);
  out.u16(8 * values.length);
  for (const value of values) out.u64(value);
  return out.bytes;
}

const NO_COMMENT = new Uint8Array(0);

/** `comment` is the archive's, written at the end of the end of central directory record as given. */
export function writeZip(entries: readonly ZipEntryToWrite[], comment: Uint8Array = NO_COMMENT): Uint8Array {
  // Its length is a 16-bit field; zip.js reads no longer one, so none reaches here from a package it read.
  if (comment.length > MAX16) throw new ZipLayoutError(`its comment of ${comment.length} bytes is longer than a zip holds (65,535)`);
  const planned: Planned[] = [];
  let offset = 0;
  for (const entry of entries) {
    let localLength: number;
    let descriptor = 0;
    if ("source" in entry) {
      const name = () => nameDecoder.decode(entry.record.name);
      const span = localSpan(entry.source, entry.localHeaderOffset, entry.record.compressedSize);
      if (!span) throw new ZipLayoutError(`the local header of the part ${name()} is not where the zip's central directory says`);
      if (u16(entry.source, span.start + 6) & HAS_DATA_DESCRIPTOR)
        descriptor = descriptorLength(entry.source, span.dataEnd, entry.record, name);
      localLength = span.dataEnd - span.start + descriptor;
    } else {
      localLength = 30 + entry.record.name.length + entry.data.length;
    }
    const base = withoutZip64(entry.record.extra);
    const wide = zip64Extra(entry.record, offset);
    planned.push({ entry, localLength, extra: wide ? concat([wide, base]) : base, offset });
    offset += localLength;
  }
  const directoryOffset = offset;
  const directoryLength = planned.reduce((n, p) => n + 46 + p.entry.record.name.length + p.extra.length + p.entry.record.comment.length, 0);
  const zip64 = planned.length >= MAX16 || directoryOffset >= MAX32 || directoryLength >= MAX32;
  const out = new Output(new Uint8Array(directoryOffset + directoryLength + (zip64 ? 56 + 20 : 0) + 22 + comment.length));

  for (const p of planned) {
    const { entry } = p;
    if ("source" in entry) {
      out.put(entry.source.subarray(entry.localHeaderOffset, entry.localHeaderOffset + p.localLength));
    } else {
      const r = entry.record;
      out.u32(LOCAL_HEADER);
      out.u16(r.versionNeeded);
      out.u16(r.flags);
      out.u16(r.method);
      out.u32(r.dosDateTime);
      out.u32(r.crc32);
      out.u32(r.compressedSize);
      out.u32(r.uncompressedSize);
      out.u16(r.name.length);
      out.u16(0);
      out.put(r.name);
      out.put(entry.data);
    }
  }
  for (const p of planned) {
    const r = p.entry.record;
    out.u32(CENTRAL_HEADER);
    out.u16(r.versionMadeBy);
    out.u16(r.versionNeeded);
    out.u16(r.flags);
    out.u16(r.method);
    out.u32(r.dosDateTime);
    out.u32(r.crc32);
    out.u32(Math.min(r.compressedSize, MAX32));
    out.u32(Math.min(r.uncompressedSize, MAX32));
    out.u16(r.name.length);
    out.u16(p.extra.length);
    out.u16(r.comment.length);
    out.u16(0); // disk number: the output is one file
    out.u16(r.internalAttributes);
    out.u32(r.externalAttributes);
    out.u32(Math.min(p.offset, MAX32));
    out.put(r.name);
    out.put(p.extra);
    out.put(r.comment);
  }
  if (zip64) {
    const zip64End = out.offset;
    out.u32(ZIP64_END);
    out.u64(44); // the record's size after this field
    out.u16(45); // made by, needed: 4.5, zip64
    out.u16(45);
    out.u32(0);
    out.u32(0);
    out.u64(planned.length);
    out.u64(planned.length);
    out.u64(directoryLength);
    out.u64(directoryOffset);
    out.u32(ZIP64_LOCATOR);
    out.u32(0);
    out.u64(zip64End);
    out.u32(1);
  }
  out.u32(END);
  out.u16(0);
  out.u16(0);
  out.u16(Math.min(planned.length, MAX16));
  out.u16(Math.min(planned.length, MAX16));
  out.u32(Math.min(directoryLength, MAX32));
  out.u32(Math.min(directoryOffset, MAX32));
  out.u16(comment.length);
  out.put(comment);
  return out.bytes;
}
