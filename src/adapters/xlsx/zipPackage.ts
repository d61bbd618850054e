/**
 * The zip container of an .xlsx/.xlsm package. zip.js reads its central directory (and, in the
 * browser, inflates parts); parts are inflated only when asked for, each bounded by the size the
 * zip declares for it; a package is written back by zipWriter.ts, which copies every entry that
 * did not change as it is stored (local header, compressed bytes, data descriptor and central
 * record), so that what the add-in does not own comes out byte for byte.
 */
import {
  configure,
  ERR_INVALID_CRC32,
  ERR_INVALID_UNCOMPRESSED_SIZE,
  Uint8ArrayReader,
  Uint8ArrayWriter,
  ZipReader,
  ZipWriter,
  type Entry,
  type FileEntry,
} from "@zip.js/zip.js";
import { decodePart, encodePart, formForText, type PartForm } from "./partText";
import { localSpan, writeZip, ZipLayoutError, type CentralRecord, type ZipEntryToWrite } from "./zipWriter";

// Workers would only add start-up time for the few parts a run inflates.
configure({ useWebWorkers: false });

/**
 * What zip.js checks of a part it inflates (the browser's path), made what Node's zlib path checks
 * (nodeZlib.ts): the CRC-32 of the central record, which zip.js leaves unchecked by default (a
 * damaged part read in the browser as the command line refused it); and not the local header
 * against the central record, which only locates the data, as on the zlib path and for Excel (Apache
 * POI's 56957.xlsx: local headers without the UTF-8 flag their central records carry, refused as
 * "Ambiguous archive" in the browser alone).
 */
const ZIP_JS_READ = { checkCrc32: true, checkLocalDirectory: false } as const;

/**
 * A zip entry's name is the part name without its leading slash; OPC compares them without case.
 * A backslash is read as a slash: the zip format requires "/" (APPNOTE.TXT 4.4.17.1), but some
 * Windows tools write "\\" (.NET Framework's ZipFile, PowerShell's Compress-Archive), and Excel
 * opens such workbooks (calamine issue 530, ExcelDataReader issue 385), so a planner may have one.
 */
const key = (name: string) => name.replace(/\\/g, "/").replace(/^\//, "").toLowerCase();

/**
 * The most a part may inflate to, in bytes: V8's longest string (2^29 - 24 UTF-16 code units,
 * `buffer.constants.MAX_STRING_LENGTH` in Node; Chrome and Edge share it). Every part the add-in
 * inflates but the shared strings (scanned as bytes, held to the same bound) is XML it decodes to
 * a string, one code unit per byte or fewer, so a larger part could not be read whatever the memory (a plan sheet filled to Excel's last row, 13 cells wide at some
 * 35 bytes a cell, is of that order). The check is made on the size the zip declares, before
 * anything is inflated, and the inflate stops at that declared size: a zip bomb is refused
 * without being expanded.
 */
export const MAX_PART_BYTES = 2 ** 29 - 24;

/** Parts inflated ahead of their read (prefetch) are at most this large, so that few large parts are held at once. */
const MAX_PREFETCH_BYTES = 64 * 1024 * 1024;

/** Inflated parts at least this large are given back as soon as their text is made (releaseInflated). */
const RELEASE_BYTES = 1024 * 1024;

/**
 * Frees the memory of a part inflated for read() once its text is made, rather than at the next
 * full collection. Its buffer was allocated when the inflate began and, by the time it is decoded,
 * V8 has moved the buffer's handle to the old generation, so a 50 MB sheet's bytes stayed beside
 * its text (and everything parsed from it) until the phase's end. Transferred to a new handle
 * that nothing keeps, they are freed by the next young collection. The bytes are the package's
 * own (inflate makes a new buffer for each read), so no one else has a view of them; a buffer
 * that cannot be transferred is left to the collector.
 */
function releaseInflated(bytes: Uint8Array): void {
  const buffer = bytes.buffer;
  if (bytes.byteLength < RELEASE_BYTES || typeof structuredClone !== "function" || !(buffer instanceof ArrayBuffer)) return;
  try {
    structuredClone(buffer, { transfer: [buffer] });
  } catch {
    // Not transferable here (a pooled or shared buffer): the collector frees it in its time.
  }
}

export class PackageDamagedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PackageDamagedError";
  }
}

/** "case", or "\\ for /" (or both): how two names of one part differ. */
function howNamesDiffer(first: string, second: string): string {
  const slashes = (name: string) => name.replace(/\\/g, "/");
  if (first.toLowerCase() === second.toLowerCase()) return "case";
  return slashes(first) === slashes(second) ? "\\ for /" : "case and \\ for /";
}

/**
 * Two entries that are one part: OPC compares part names without case (ECMA-376 Part 2,
 * §6.2.2.3), and a backslash in an entry's name is read as a slash (key).
 */
export class ConflictingPartNamesError extends PackageDamagedError {
  constructor(
    readonly first: string,
    readonly second: string,
  ) {
    super(
      first === second
        ? `it holds two entries named "${first}"`
        : `it holds two entries, "${first}" and "${second}", whose names differ only by ${howNamesDiffer(first, second)}`,
    );
    this.name = "ConflictingPartNamesError";
  }
}

/** Why a part whose content does not match its CRC-32 is refused, in the same words whatever inflated it. */
export const CHECKSUM_MISMATCH = "the part's checksum does not match: the file is damaged";

/** Why a part that inflates past its declared size is refused, in the same words whatever inflated it. */
export function pastDeclaredSize(size: number): string {
  return `it inflates past the ${size.toLocaleString("en-US")} bytes its zip records, so the file is damaged or a zip bomb`;
}

const MB = 1024 * 1024;
const inMb = (bytes: number) => `${(bytes / MB).toLocaleString("en-US", { maximumFractionDigits: 0 })} MB`;

/**
 * Raw DEFLATE in and out, with the CRC-32 the zip keeps for each part. Node passes zlib's, which
 * is several times faster than streaming through zip.js; without one, zip.js inflates, checks and
 * deflates by itself, as in the browser.
 */
export interface RawCodec {
  /** Inflates a part's stored bytes to no more than the size the zip records, checking that size and the CRC-32. */
  inflate(raw: Uint8Array, expected: { size: number; crc32: number }): Promise<Uint8Array>;
  /**
   * The same, handing the content to `take` a piece at a time as it inflates, so that a reader
   * that needs only some of it never holds it whole. Resolves once the size and CRC-32 are
   * checked; an error `take` throws stops the inflate and is the rejection as it was thrown.
   */
  inflatePieces?(raw: Uint8Array, expected: { size: number; crc32: number }, take: (piece: Uint8Array) => void): Promise<void>;
  deflate(content: Uint8Array): Promise<{ readonly data: Uint8Array; readonly crc32: number }>;
}

export interface PackageEdits {
  /** Parts to write with new content: replaced in place when they exist, added at the end when not. */
  readonly set: ReadonlyMap<string, Uint8Array | string>;
  /** Parts to leave out of the new package. */
  readonly remove: ReadonlySet<string>;
}

interface Deflated {
  readonly data: Uint8Array;
  readonly crc32: number;
  readonly size: number;
}

const UTF8_NAMES = 0x0800;
const nameEncoder = new TextEncoder();

/** MS-DOS date and time, as zip tools record a new entry's (APPNOTE 4.4.6), in local time. */
function dosDateTime(date: Date): number {
  const year = Math.min(Math.max(date.getFullYear(), 1980), 2107);
  return (
    (((year - 1980) << 25) |
      ((date.getMonth() + 1) << 21) |
      (date.getDate() << 16) |
      (date.getHours() << 11) |
      (date.getMinutes() << 5) |
      (date.getSeconds() >> 1)) >>>
    0
  );
}

/**
 * A part as the package keeps it: its central directory record and where its local header is.
 * zip.js's own entry object (some 6 KB of heap each) is kept only where zip.js must inflate the
 * part: without a codec (the browser), or for a method other than DEFLATE.
 */
interface Part {
  readonly name: string;
  /** A directory entry ("xl/"): no part for OPC, but kept where it is in the zip when it is written. */
  readonly directory: boolean;
  readonly offset: number;
  readonly record: CentralRecord;
  readonly zipJs?: FileEntry;
}

/** The central directory record of an entry, as zip.js read it. */
function recordOf(entry: Entry): CentralRecord {
  return {
    versionMadeBy: entry.versionMadeBy,
    versionNeeded: entry.version,
    flags: entry.rawBitFlag ?? 0,
    method: entry.compressionMethod,
    dosDateTime: Number(entry.rawLastModDate),
    crc32: entry.crc32 ?? 0,
    compressedSize: entry.compressedSize,
    uncompressedSize: entry.uncompressedSize,
    name: entry.rawFilename,
    extra: entry.rawExtraField,
    comment: entry.rawComment,
    internalAttributes: entry.internalFileAttributes,
    externalAttributes: entry.externalFileAttributes,
  };
}

/** Refuses two entries that are one part: a copy would keep one name with the other's content. */
function checkNames(parts: readonly Part[]): void {
  const seen = new Map<string, string>();
  for (const part of parts) {
    const k = key(part.name);
    const first = seen.get(k);
    if (first !== undefined) throw new ConflictingPartNamesError(first, part.name);
    seen.set(k, part.name);
  }
}

/**
 * Refuses entries whose stored bytes overlap: no zip tool writes them, and they are how a small
 * file declares terabytes (a "non-recursive" zip bomb, whose entries share one compressed kernel).
 */
function checkNoOverlap(bytes: Uint8Array, parts: readonly Part[]): void {
  const spans = parts.flatMap((part) => {
    const span = localSpan(bytes, part.offset, part.record.compressedSize);
    return span ? [{ ...span, name: part.name }] : [];
  });
  spans.sort((a, b) => a.start - b.start);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i].start < spans[i - 1].dataEnd) {
      throw new PackageDamagedError(
        `its parts "${spans[i - 1].name}" and "${spans[i].name}" share bytes in the file, which no zip tool writes: a zip bomb, or a damaged file`,
      );
    }
  }
}

export class ZipPackage {
  /** The parts by their key; directory entries are no parts. */
  private readonly entries = new Map<string, Part>();
  /** Parts being inflated ahead of their read (prefetch), each handed out once. */
  private readonly inflating = new Map<string, Promise<Uint8Array>>();
  /** The encoding each part was read in, to write an edited part back in it. */
  private readonly forms = new Map<string, PartForm>();

  private constructor(
    private readonly bytes: Uint8Array,
    /** Every entry, directories too, in the order of the central directory: the order they are written in. */
    private readonly inOrder: readonly Part[],
    /** The archive's comment (end of central directory record), written back as it was. */
    private readonly comment: Uint8Array,
    private readonly codec?: RawCodec,
  ) {
    for (const part of inOrder) if (!part.directory) this.entries.set(key(part.name), part);
  }

  /**
   * Reads the central directory; throws PackageDamagedError when the bytes are no readable zip or
   * no valid package (two entries for one part name, overlapping entries, encrypted parts).
   */
  static async open(bytes: Uint8Array, codec?: RawCodec): Promise<ZipPackage> {
    const stored: Part[] = [];
    let comment: Uint8Array;
    try {
      const reader = new ZipReader(new Uint8ArrayReader(bytes));
      // One entry at a time: zip.js's entries are dropped as soon as their record is taken.
      for await (const entry of reader.getEntriesGenerator()) {
        if (entry.encrypted) throw new PackageDamagedError("some of its parts are encrypted");
        const part = { name: entry.filename, directory: entry.directory, offset: entry.offset, record: recordOf(entry) };
        // A directory is never read: only a part may need zip.js to inflate it.
        stored.push(!entry.directory && (!codec || entry.compressionMethod !== 8) ? { ...part, zipJs: entry } : part);
      }
      // Read with the end of central directory record, before the entries.
      comment = reader.comment;
    } catch (error) {
      if (error instanceof PackageDamagedError) throw error;
      throw new PackageDamagedError(error instanceof Error ? error.message : String(error));
    }
    checkNames(stored.filter((part) => !part.directory));
    // Directories too: an entry copied as stored must not share its bytes with another.
    checkNoOverlap(bytes, stored);
    return new ZipPackage(bytes, stored, comment, codec);
  }

  /** Part names as stored, in the order of the central directory. */
  get partNames(): string[] {
    return [...this.entries.values()].map((p) => p.name);
  }

  get size(): number {
    return this.bytes.length;
  }

  has(name: string): boolean {
    return this.entries.has(key(name));
  }

  /**
   * Starts inflating the parts a reader will ask for next, so that with a codec that inflates off
   * the main thread (Node's zlib) one part inflates while the one before it is parsed.
   */
  prefetch(names: readonly string[]): void {
    if (!this.codec) return;
    for (const name of names) {
      const part = this.entries.get(key(name));
      if (!part || this.inflating.has(key(name)) || part.record.uncompressedSize > MAX_PREFETCH_BYTES) continue;
      const inflated = this.inflate(name);
      // Read later, or never: a failure is reported by that read, not as an unhandled rejection.
      inflated.catch(() => undefined);
      this.inflating.set(key(name), inflated);
    }
  }

  /** The part's content, inflated. */
  read(name: string): Promise<Uint8Array> {
    const prefetched = this.inflating.get(key(name));
    if (prefetched) {
      this.inflating.delete(key(name));
      return prefetched;
    }
    return this.inflate(name);
  }

  /**
   * The part's content handed to `take` a piece at a time as it inflates, when the codec can
   * (Node's zlib): a reader that keeps little of a large part (the shared strings) then never
   * holds it whole. Otherwise, or when the part was inflated ahead, in one piece. The part is
   * bounded and checked as read() checks it; an error `take` throws is thrown as it is.
   */
  async readPieces(name: string, take: (piece: Uint8Array) => void): Promise<void> {
    const part = this.entries.get(key(name));
    const inflatePieces = this.codec?.inflatePieces;
    if (!part || part.zipJs || !inflatePieces || this.inflating.has(key(name))) {
      take(await this.read(name));
      return;
    }
    const expected = this.bounded(part);
    let refused: { readonly error: unknown } | undefined;
    try {
      await inflatePieces.call(this.codec, this.stored(part), expected, (piece) => {
        try {
          take(piece);
        } catch (error) {
          refused = { error };
          throw error;
        }
      });
    } catch (error) {
      if (refused) throw refused.error;
      throw this.unreadable(part, error);
    }
  }

  /**
   * The beginning of a part, handed to `take` a piece at a time as it inflates until `take` says
   * it has enough (returns true): a reader of a sheet's first rows inflates a megabyte or so of a
   * part of hundreds. Node's zlib hands over a megabyte at a time, zip.js (the browser) its own
   * chunks; a part inflated ahead comes in one piece. The part is bounded as read() bounds it; its
   * size and CRC-32 are checked only when it is inflated to the end, since a reader that stops
   * early never sees the rest.
   */
  async readPrefix(name: string, take: (piece: Uint8Array) => boolean): Promise<void> {
    const part = this.entries.get(key(name));
    const inflatePieces = this.codec?.inflatePieces;
    if (!part || this.inflating.has(key(name)) || (!part.zipJs && !inflatePieces)) {
      take(await this.read(name));
      return;
    }
    const expected = this.bounded(part);
    // Stopping is an error thrown into the inflate, which ends it; it is told from a real failure here.
    const enough = new Error("enough of the part was read");
    let done = false;
    let refused: { readonly error: unknown } | undefined;
    const piece = (bytes: Uint8Array) => {
      if (done) return;
      try {
        done = take(bytes);
      } catch (error) {
        refused = { error };
        throw error;
      }
      if (done) throw enough;
    };
    try {
      if (part.zipJs) await part.zipJs.getData(new WritableStream<Uint8Array>({ write: piece }), ZIP_JS_READ);
      else await inflatePieces?.call(this.codec, this.stored(part), expected, piece);
    } catch (error) {
      if (done) return;
      if (refused) throw refused.error;
      throw this.unreadable(part, error);
    }
  }

  /** The size the zip declares for a part once inflated; 0 for a part it does not hold. */
  inflatedSize(name: string): number {
    return this.entries.get(key(name))?.record.uncompressedSize ?? 0;
  }

  private async inflate(name: string): Promise<Uint8Array> {
    const part = this.entries.get(key(name));
    if (!part) throw new PackageDamagedError(`the part ${name} is missing`);
    const expected = this.bounded(part);
    try {
      if (part.zipJs) return await part.zipJs.getData(new Uint8ArrayWriter(), ZIP_JS_READ);
      if (!this.codec) throw new Error("no codec to inflate it");
      return await this.codec.inflate(this.stored(part), expected);
    } catch (error) {
      throw this.unreadable(part, error);
    }
  }

  /** The size and CRC-32 a part must inflate to, refused before anything is inflated when the size is past what may be read. */
  private bounded(part: Part): { size: number; crc32: number } {
    const { uncompressedSize: size, crc32 } = part.record;
    if (size > MAX_PART_BYTES) {
      throw new PackageDamagedError(
        `the part ${part.name} declares ${inMb(size)} once inflated, more than the ${inMb(MAX_PART_BYTES)} a part may have to be read: a zip bomb, or a damaged file`,
      );
    }
    return { size, crc32 };
  }

  private unreadable(part: Part, error: unknown): PackageDamagedError {
    // zip.js stops inflating at the declared size and checks the CRC-32 too, with its own words.
    const reason =
      error instanceof Error
        ? error.message === ERR_INVALID_UNCOMPRESSED_SIZE
          ? pastDeclaredSize(part.record.uncompressedSize)
          : error.message === ERR_INVALID_CRC32
            ? CHECKSUM_MISMATCH
            : error.message
        : String(error);
    return new PackageDamagedError(`the part ${part.name} cannot be read: ${reason}`);
  }

  /** A part's stored (compressed) bytes, a view of the package's own bytes. */
  private stored(part: Part): Uint8Array {
    const span = localSpan(this.bytes, part.offset, part.record.compressedSize);
    if (!span) throw new Error("its local header is not where the zip's central directory says");
    return this.bytes.subarray(span.dataStart, span.dataEnd);
  }

  /** The part's content as text, UTF-8 or UTF-16 (the encodings OPC allows); its encoding is kept for a write. */
  async text(name: string): Promise<string> {
    const bytes = await this.read(name);
    const { text, form } = decodePart(bytes);
    releaseInflated(bytes);
    this.forms.set(key(name), form);
    return text;
  }

  /** Text for a part, in the encoding the part was read in (with its byte-order mark if it had one); UTF-8 for a new part. */
  encode(name: string, text: string): Uint8Array {
    return encodePart(text, formForText(text, this.forms.get(key(name))));
  }

  /**
   * A new package: every part in its place and order, parts not edited copied as they are stored
   * (local header, compressed bytes, data descriptor, central record), edited parts deflated anew
   * in the place, with the date, name and attributes, of the part they replace, new parts last.
   */
  async write(edits: PackageEdits): Promise<Uint8Array> {
    const pending = new Map<string, [string, Uint8Array]>();
    for (const [name, content] of edits.set)
      pending.set(key(name), [name.replace(/^\//, ""), typeof content === "string" ? this.encode(name, content) : content]);
    const removed = new Set([...edits.remove].map(key));
    // Every edited part starts deflating at once: with Node's zlib they deflate side by side off
    // the main thread.
    const deflated = new Map<string, Promise<Deflated>>();
    for (const [k, [, content]] of pending) {
      const started = (this.codec ? this.codec.deflate(content) : deflateWithZipJs(content)).then((d) => ({ ...d, size: content.length }));
      started.catch(() => undefined);
      deflated.set(k, started);
    }
    const out: ZipEntryToWrite[] = [];
    for (const part of this.inOrder) {
      if (part.directory) {
        out.push({ record: part.record, source: this.bytes, localHeaderOffset: part.offset });
        continue;
      }
      const k = key(part.name);
      if (removed.has(k)) continue;
      const { record } = part;
      const replacement = deflated.get(k);
      if (replacement) {
        pending.delete(k);
        const { data, crc32, size } = await replacement;
        // Flags: only the UTF-8 name flag still holds; the part is no longer encrypted, stored with a descriptor or packed at a level.
        out.push({
          record: {
            ...record,
            versionNeeded: 20,
            flags: record.flags & UTF8_NAMES,
            method: 8,
            crc32,
            compressedSize: data.length,
            uncompressedSize: size,
            extra: new Uint8Array(0),
          },
          data,
        });
      } else {
        out.push({ record, source: this.bytes, localHeaderOffset: part.offset });
      }
    }
    const now = dosDateTime(new Date());
    for (const [k, [name]] of pending) {
      const { data, crc32, size } = await (deflated.get(k) as Promise<Deflated>);
      const rawName = nameEncoder.encode(name);
      const record: CentralRecord = {
        versionMadeBy: 20,
        versionNeeded: 20,
        // eslint-disable-next-line no-control-regex
        flags: /^[\x00-\x7f]*$/.test(name) ? 0 : UTF8_NAMES,
        method: 8,
        dosDateTime: now,
        crc32,
        compressedSize: data.length,
        uncompressedSize: size,
        name: rawName,
        extra: new Uint8Array(0),
        comment: new Uint8Array(0),
        internalAttributes: 0,
        externalAttributes: 0,
      };
      out.push({ record, data });
    }
    try {
      return writeZip(out, this.comment);
    } catch (error) {
      if (error instanceof ZipLayoutError) throw new PackageDamagedError(error.message);
      throw error;
    }
  }
}

/** Raw DEFLATE and CRC-32 without zlib (the browser): zip.js deflates the content into a zip of one entry, whose stored bytes are taken. */
async function deflateWithZipJs(content: Uint8Array): Promise<{ data: Uint8Array; crc32: number }> {
  const writer = new ZipWriter(new Uint8ArrayWriter(), {
    useWebWorkers: false,
    level: 6,
    dataDescriptor: false,
    zip64: false,
    extendedTimestamp: false,
  });
  await writer.add("part", new Uint8ArrayReader(content));
  const zip = await writer.close();
  const [entry] = await new ZipReader(new Uint8ArrayReader(zip)).getEntries();
  const span = entry && !entry.directory ? localSpan(zip, entry.offset, entry.compressedSize) : undefined;
  if (!entry || entry.directory || !span || entry.compressionMethod !== 8) throw new Error("zip.js did not deflate the part");
  return { data: zip.subarray(span.dataStart, span.dataEnd), crc32: entry.crc32 ?? 0 };
}
