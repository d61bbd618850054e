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
const PIECE_BYTES = 1024 * 1024;

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
  async inflatePieces(raw, expected, take) {
    // Pieces of a megabyte: few enough that handing each over costs nothing, small enough that
    // the pieces in flight (the one taken, the next inflating beside it) are not worth counting.
    const inflater = zlib.createInflateRaw({ chunkSize: PIECE_BYTES });
    inflater.end(raw);
    let size = 0;
    let crc = 0;
    // One piece at a time: the next inflates on the thread pool while this one is taken.
    for await (const piece of inflater as AsyncIterable<Buffer>) {
      size += piece.length;
      if (size > expected.size) throw new Error(pastDeclaredSize(expected.size));
      crc = zlib.crc32(piece, crc);
      take(new Uint8Array(piece.buffer, piece.byteOffset, piece.byteLength));
    }
    if (size !== expected.size) throw new Error(`the part inflates to ${size} bytes, not the ${expected.size} the zip records`);
    if (expected.crc32 >= 0 && crc >>> 0 !== expected.crc32 >>> 0)
      throw new Error("the part's checksum does not match: the file is damaged");
  },
  async deflate(content) {
    const data = await deflateRaw(content, { level: 6, chunkSize: Math.max(content.length, 64 * 1024) });
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), crc32: zlib.crc32(content) >>> 0 };
  },
};
