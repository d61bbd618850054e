/**
 * The zip container of an .xlsx/.xlsm package, through zip.js: parts are inflated only when
 * asked for, and a package is written back by copying every part that did not change as its
 * stored (compressed) bytes, so that what the add-in does not own comes out byte for byte.
 * zip.js is used because it copies entries verbatim (`passThrough` with the source entry) and
 * runs unchanged in Node and in the browser.
 */
import { configure, Uint8ArrayReader, Uint8ArrayWriter, ZipReader, ZipWriter, type Entry, type FileEntry } from "@zip.js/zip.js";

// Workers would only add start-up time for the few parts a run inflates.
configure({ useWebWorkers: false });

/** A zip entry's name is the part name without its leading slash; OPC compares them without case. */
const key = (name: string) => name.replace(/^\//, "").toLowerCase();

export class PackageDamagedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PackageDamagedError";
  }
}

/**
 * Raw DEFLATE in and out, with the CRC-32 the zip keeps for each part. Node passes zlib's, which
 * is several times faster than streaming through zip.js; without one, zip.js inflates, checks and
 * deflates by itself, as in the browser.
 */
export interface RawCodec {
  /** Inflates a part's stored bytes, checking the size and CRC-32 the zip records. */
  inflate(raw: Uint8Array, expected: { size: number; crc32: number }): Promise<Uint8Array>;
  deflate(content: Uint8Array): Promise<{ readonly data: Uint8Array; readonly crc32: number }>;
}

export interface PackageEdits {
  /** Parts to write with new content: replaced in place when they exist, added at the end when not. */
  readonly set: ReadonlyMap<string, Uint8Array | string>;
  /** Parts to leave out of the new package. */
  readonly remove: ReadonlySet<string>;
}

const encoder = new TextEncoder();

interface Deflated {
  readonly data: Uint8Array;
  readonly crc32: number;
  readonly size: number;
}
const decoder = new TextDecoder("utf-8");

export class ZipPackage {
  private readonly entries = new Map<string, FileEntry>();
  /** Parts being inflated ahead of their read (prefetch), each handed out once. */
  private readonly inflating = new Map<string, Promise<Uint8Array>>();

  private constructor(
    private readonly bytes: Uint8Array,
    entries: readonly Entry[],
    private readonly codec?: RawCodec,
  ) {
    for (const entry of entries) if (!entry.directory) this.entries.set(key(entry.filename), entry);
  }

  /** Reads the central directory; throws PackageDamagedError when the bytes are no readable zip. */
  static async open(bytes: Uint8Array, codec?: RawCodec): Promise<ZipPackage> {
    try {
      const reader = new ZipReader(new Uint8ArrayReader(bytes));
      const entries = await reader.getEntries();
      if (entries.some((e) => e.encrypted)) throw new PackageDamagedError("some of its parts are encrypted");
      return new ZipPackage(bytes, entries, codec);
    } catch (error) {
      if (error instanceof PackageDamagedError) throw error;
      throw new PackageDamagedError(error instanceof Error ? error.message : String(error));
    }
  }

  /** Part names as stored, in the order of the central directory. */
  get partNames(): string[] {
    return [...this.entries.values()].map((e) => e.filename);
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
      if (!this.has(name) || this.inflating.has(key(name))) continue;
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

  private async inflate(name: string): Promise<Uint8Array> {
    const entry = this.entries.get(key(name));
    if (!entry) throw new PackageDamagedError(`the part ${name} is missing`);
    try {
      if (this.codec && entry.compressionMethod === 8) {
        const raw = await this.stored(entry);
        return await this.codec.inflate(raw, { size: entry.uncompressedSize, crc32: entry.crc32 ?? -1 });
      }
      return await entry.getData(new Uint8ArrayWriter());
    } catch (error) {
      throw new PackageDamagedError(`the part ${name} cannot be read (${error instanceof Error ? error.message : String(error)})`);
    }
  }

  /**
   * A part's stored (compressed) bytes, as a view of the package's own bytes where its local
   * header says where they start (APPNOTE 4.3.7: 30 bytes, then the name and the extra field);
   * through zip.js, which copies them chunk by chunk, when the header is not where it should be.
   */
  private async stored(entry: FileEntry): Promise<Uint8Array> {
    const at = entry.offset;
    const bytes = this.bytes;
    if (at + 30 <= bytes.length) {
      const header = new DataView(bytes.buffer, bytes.byteOffset + at, 30);
      if (header.getUint32(0, true) === 0x04034b50) {
        const start = at + 30 + header.getUint16(26, true) + header.getUint16(28, true);
        const end = start + entry.compressedSize;
        if (end <= bytes.length) return bytes.subarray(start, end);
      }
    }
    return entry.getData(new Uint8ArrayWriter(), { passThrough: true });
  }

  /** The part's content as text (OOXML parts are UTF-8). */
  async text(name: string): Promise<string> {
    return decoder.decode(await this.read(name));
  }

  /**
   * A new package: every part in its place and order, parts not edited copied as their stored
   * bytes (same compression, same CRC, same date), edited parts deflated anew, new parts last.
   */
  async write(edits: PackageEdits): Promise<Uint8Array> {
    const writer = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false, level: 6 });
    const pending = new Map<string, [string, Uint8Array | string]>();
    for (const [name, content] of edits.set) pending.set(key(name), [name.replace(/^\//, ""), content]);
    const removed = new Set([...edits.remove].map(key));
    // Every edited part starts deflating at once: with Node's zlib they deflate side by side off
    // the main thread while it copies the parts that were not edited.
    const deflated = new Map<string, Promise<Deflated>>();
    if (this.codec) {
      for (const [k, [, content]] of pending) {
        const bytes = asBytes(content);
        const started = this.codec.deflate(bytes).then((d) => ({ ...d, size: bytes.length }));
        started.catch(() => undefined);
        deflated.set(k, started);
      }
    }
    for (const entry of this.entries.values()) {
      const k = key(entry.filename);
      if (removed.has(k)) continue;
      const replacement = pending.get(k);
      if (replacement) {
        pending.delete(k);
        await this.addPart(writer, entry.filename, replacement[1], deflated.get(k), entry.lastModDate);
        continue;
      }
      const raw = await this.stored(entry);
      await writer.add(entry.filename, new Uint8ArrayReader(raw), { passThrough: true, entry });
    }
    for (const [k, [name, content]] of pending) await this.addPart(writer, name, content, deflated.get(k));
    return writer.close();
  }

  /** A new or edited part, as the codec deflated it when there is one, else deflated by zip.js. */
  private async addPart(writer: ZipWriter<Uint8Array>, name: string, content: Uint8Array | string, deflated: Promise<Deflated> | undefined, lastModDate?: Date): Promise<void> {
    if (!deflated) {
      await writer.add(name, new Uint8ArrayReader(asBytes(content)), { lastModDate });
      return;
    }
    const { data, crc32, size } = await deflated;
    await writer.add(name, new Uint8ArrayReader(data), { passThrough: true, compressionMethod: 8, uncompressedSize: size, crc32, lastModDate });
  }
}

function asBytes(content: Uint8Array | string): Uint8Array {
  return typeof content === "string" ? encoder.encode(content) : content;
}
