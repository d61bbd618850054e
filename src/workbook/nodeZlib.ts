/**
 * Package parts inflated and deflated with Node's zlib, several times faster than streaming them
 * through zip.js, which the browser uses instead. Every part read is checked against the size and
 * CRC-32 the zip records for it.
 */
import * as zlib from "node:zlib";
import type { RawCodec } from "../xlsx/zipPackage";

export const zlibCodec: RawCodec = {
  inflate(raw, expected) {
    const content = zlib.inflateRawSync(raw);
    if (content.length !== expected.size) throw new Error(`the part inflates to ${content.length} bytes, not the ${expected.size} the zip records`);
    if (expected.crc32 >= 0 && zlib.crc32(content) >>> 0 !== expected.crc32 >>> 0) throw new Error("the part's checksum does not match: the file is damaged");
    return new Uint8Array(content.buffer, content.byteOffset, content.byteLength);
  },
  deflate(content) {
    const data = zlib.deflateRawSync(content, { level: 6 });
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), crc32: zlib.crc32(content) >>> 0 };
  },
};
