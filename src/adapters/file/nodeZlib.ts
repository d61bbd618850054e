/**
 * Package parts inflated and deflated with Node's zlib, several times faster than streaming them
 * through zip.js, which the browser uses instead. zlib works on libuv's thread pool, so parts
 * inflate and deflate beside the main thread's parsing and writing. Every part read is bounded by,
 * and checked against, the size and CRC-32 the zip records for it.
 */
import { promisify } from "node:util";
import * as zlib from "node:zlib";
import { CHECKSUM_MISMATCH, MAX_PART_BYTES, pastDeclaredSize, type RawCodec } from "../xlsx/zipPackage";

const inflateRaw = promisify(zlib.inflateRaw);
const deflateRaw = promisify(zlib.deflateRaw);
const PIECE_BYTES = 1024 * 1024;
/** A part is deflated in pieces of at least this many bytes, at most as many pieces as libuv has threads by default. */
const DEFLATE_PIECE_BYTES = 2 * 1024 * 1024;
const DEFLATE_PIECES = 4;

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
    if (expected.crc32 >= 0 && zlib.crc32(content) >>> 0 !== expected.crc32 >>> 0) throw new Error(CHECKSUM_MISMATCH);
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
    if (expected.crc32 >= 0 && crc >>> 0 !== expected.crc32 >>> 0) throw new Error(CHECKSUM_MISMATCH);
  },
  async deflate(content) {
    // A large part (a 100,000-initiative report is some 9 MB of XML) is cut into pieces deflated
    // side by side on the thread pool, as pigz does: each but the last ends on a byte boundary
    // (a sync flush) without the final block's bit, so that the pieces joined are one raw deflate
    // stream. A piece starts without the one before it as its dictionary, which costs about a
    // tenth of a percent of the size; the run no longer waits on one thread for the whole part.
    const pieces = Math.min(DEFLATE_PIECES, Math.floor(content.length / DEFLATE_PIECE_BYTES));
    const size = Math.ceil(content.length / Math.max(pieces, 1));
    const deflated: Promise<Buffer>[] = [];
    for (let at = 0; at < content.length || deflated.length === 0; at += size) {
      const piece = content.subarray(at, at + size);
      const last = at + size >= content.length;
      deflated.push(
        deflateRaw(piece, {
          level: 6,
          chunkSize: Math.max(piece.length, 64 * 1024),
          finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
        }),
      );
    }
    const crc32 = zlib.crc32(content) >>> 0;
    const parts = await Promise.all(deflated);
    const data = parts.length === 1 ? parts[0] : Buffer.concat(parts);
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), crc32 };
  },
};
