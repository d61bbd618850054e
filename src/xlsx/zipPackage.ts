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
  inflate(raw: Uint8Array, expected: { size: number; crc32: number }): Uint8Array;
  deflate(content: Uint8Array): { readonly data: Uint8Array; readonly crc32: number };
}

export interface PackageEdits {
  /** Parts to write with new content: replaced in place when they exist, added at the end when not. */
  readonly set: ReadonlyMap<string, Uint8Array | string>;
  /** Parts to leave out of the new package. */
  readonly remove: ReadonlySet<string>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8");

export class ZipPackage {
  private readonly entries = new Map<string, FileEntry>();

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

  /** The part's content, inflated. */
  async read(name: string): Promise<Uint8Array> {
    const entry = this.entries.get(key(name));
    if (!entry) throw new PackageDamagedError(`the part ${name} is missing`);
    try {
      if (this.codec && entry.compressionMethod === 8) {
        const raw = await entry.getData(new Uint8ArrayWriter(), { passThrough: true });
        return this.codec.inflate(raw, { size: entry.uncompressedSize, crc32: entry.crc32 ?? -1 });
      }
      return await entry.getData(new Uint8ArrayWriter());
    } catch (error) {
      throw new PackageDamagedError(`the part ${name} cannot be read (${error instanceof Error ? error.message : String(error)})`);
    }
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
    for (const entry of this.entries.values()) {
      const k = key(entry.filename);
      if (removed.has(k)) continue;
      const replacement = pending.get(k);
      if (replacement) {
        pending.delete(k);
        await this.addPart(writer, entry.filename, replacement[1], entry.lastModDate);
        continue;
      }
      const raw = await entry.getData(new Uint8ArrayWriter(), { passThrough: true });
      await writer.add(entry.filename, new Uint8ArrayReader(raw), { passThrough: true, entry });
    }
    for (const [name, content] of pending.values()) await this.addPart(writer, name, content);
    return writer.close();
  }

  /** A new or edited part, deflated by the codec when there is one, else by zip.js. */
  private async addPart(writer: ZipWriter<Uint8Array>, name: string, content: Uint8Array | string, lastModDate?: Date): Promise<void> {
    const bytes = asBytes(content);
    if (!this.codec) {
      await writer.add(name, new Uint8ArrayReader(bytes), { lastModDate });
      return;
    }
    const { data, crc32 } = this.codec.deflate(bytes);
    await writer.add(name, new Uint8ArrayReader(data), { passThrough: true, compressionMethod: 8, uncompressedSize: bytes.length, crc32, lastModDate });
  }
}

function asBytes(content: Uint8Array | string): Uint8Array {
  return typeof content === "string" ? encoder.encode(content) : content;
}
