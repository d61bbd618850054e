/**
 * Package parts inflated and deflated with Node's zlib, several times faster than streaming them
 * through zip.js, which the browser uses instead. zlib works on libuv's thread pool, so parts
 * inflate and deflate beside the main thread's parsing and writing. Every part read is checked
 * against the size and CRC-32 the zip records for it.
 */
import { promisify } from "node:util";
import * as zlib from "node:zlib";
import type { RawCodec } from "../xlsx/zipPackage";

const inflateRaw = promisify(zlib.inflateRaw);
const deflateRaw = promisify(zlib.deflateRaw);

export const zlibCodec: RawCodec = {
  async inflate(raw, expected) {
    // One output buffer as large as the part (capped: a damaged zip may claim any size), so that
    // the thread pool hands back the whole part at once rather than in 16 KB chunks.
    const content = await inflateRaw(raw, { chunkSize: Math.min(Math.max(expected.size, 64 * 1024), 256 * 1024 * 1024) });
    if (content.length !== expected.size) throw new Error(`the part inflates to ${content.length} bytes, not the ${expected.size} the zip records`);
    if (expected.crc32 >= 0 && zlib.crc32(content) >>> 0 !== expected.crc32 >>> 0) throw new Error("the part's checksum does not match: the file is damaged");
    return new Uint8Array(content.buffer, content.byteOffset, content.byteLength);
  },
  async deflate(content) {
    const data = await deflateRaw(content, { level: 6, chunkSize: Math.max(content.length, 64 * 1024) });
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), crc32: zlib.crc32(content) >>> 0 };
  },
};
