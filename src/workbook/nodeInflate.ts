/**
 * Inflating a package part with Node's zlib, checked against the CRC-32 the zip stored: several
 * times faster than streaming it through zip.js, which the browser uses instead.
 */
import * as zlib from "node:zlib";
import type { RawInflater } from "../xlsx/zipPackage";

export const inflateWithZlib: RawInflater = (raw, expected) => {
  const content = zlib.inflateRawSync(raw);
  if (content.length !== expected.size) throw new Error(`the part inflates to ${content.length} bytes, not the ${expected.size} the zip records`);
  if (expected.crc32 >= 0 && zlib.crc32(content) >>> 0 !== expected.crc32 >>> 0) throw new Error("the part's checksum does not match: the file is damaged");
  return new Uint8Array(content.buffer, content.byteOffset, content.byteLength);
};
