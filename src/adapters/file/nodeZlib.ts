/**
 * Package parts inflated and deflated with Node's zlib, several times faster than streaming them
 * through zip.js, which the browser uses instead. zlib works on libuv's thread pool, so parts
 * inflate and deflate beside the main thread's parsing and writing. Every part read is bounded by,
 * and checked against, the size and CRC-32 the zip records for it.
 */
import { promisify } from "node:util";
import * as zlib from "node:zlib";
import { MAX_PART_BYTES, pastDeclaredSize, type RawCodec } from "../xlsx/zipPackage";

const inflateRaw = promisify(zlib.inflateRaw);
const deflateRaw = promisify(zlib.deflateRaw);

export const zlibCodec: RawCodec = {
  async inflate(raw, expected) {
    // One output buffer a byte larger than the part, so that the thread pool hands back the whole
    // part at once rather than in 16 KB chunks, no chunks are joined into a second copy of it, and
    // a part that goes on past its declared size fails on that one buffer: zlib stops at the
    // declared size (maxOutputLength), which the package bounds (MAX_PART_BYTES). Such a part is
    // damaged, or a zip bomb lying about its size, and is not expanded further.
    let content: Buffer;
    try {
      content = await inflateRaw(raw, {
        chunkSize: Math.min(Math.max(expected.size + 1, 64 * 1024), MAX_PART_BYTES + 1),
        maxOutputLength: Math.max(expected.size, 1),
      });
    } catch (error) {
      if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw new Error(pastDeclaredSize(expected.size), { cause: error });
      throw error;
    }
    if (content.length !== expected.size)
      throw new Error(`the part inflates to ${content.length} bytes, not the ${expected.size} the zip records`);
    if (expected.crc32 >= 0 && zlib.crc32(content) >>> 0 !== expected.crc32 >>> 0)
      throw new Error("the part's checksum does not match: the file is damaged");
    return new Uint8Array(content.buffer, content.byteOffset, content.byteLength);
  },
  async deflate(content) {
    const data = await deflateRaw(content, { level: 6, chunkSize: Math.max(content.length, 64 * 1024) });
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), crc32: zlib.crc32(content) >>> 0 };
  },
};
