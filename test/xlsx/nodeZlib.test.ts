/**
 * Node's codec deflates a large part in pieces side by side (issue 22): the pieces joined must be
 * one raw deflate stream that any inflater reads back whole, with the part's CRC-32, as small as
 * the part deflated in one piece to within a fraction of a percent.
 */
import * as zlib from "node:zlib";
import { zlibCodec } from "../../src/adapters/file/nodeZlib";

/** Rows of a report sheet, as many as make `bytes` of XML: text that deflates as the real one does. */
function sheetText(bytes: number): Uint8Array {
  const rows: string[] = [];
  let length = 0;
  for (let r = 1; length < bytes; r++) {
    const row = `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>INI-${(r * 7919) % 100_003}</t></is></c><c r="B${r}" s="3"><v>${(r * 104_729) % 1_000_000}</v></c></row>`;
    rows.push(row);
    length += row.length;
  }
  return new TextEncoder().encode(rows.join("").slice(0, bytes));
}

describe("Node's codec deflating a part", () => {
  it.each([
    ["empty", 0],
    ["small, in one piece", 100_000],
    ["of 5 MB, in two pieces", 5 * 1024 * 1024],
    ["of 9 MB, in four pieces", 9 * 1024 * 1024 + 17],
  ])("gives one stream that inflates to the part: %s", async (_, bytes) => {
    const content = sheetText(bytes);
    const { data, crc32 } = await zlibCodec.deflate(content);
    const inflated = zlib.inflateRawSync(data);
    expect(inflated.length).toBe(content.length);
    expect(Buffer.compare(inflated, Buffer.from(content))).toBe(0);
    expect(crc32).toBe(zlib.crc32(content) >>> 0);
    // Read back through the codec's own inflate, which checks the size and CRC-32 the zip records.
    expect((await zlibCodec.inflate(data, { size: content.length, crc32 })).length).toBe(content.length);
    const whole = zlib.deflateRawSync(content, { level: 6 });
    expect(data.length).toBeLessThanOrEqual(Math.ceil(whole.length * 1.005) + 64);
  });

  it("ends the stream once, on its last piece", async () => {
    const content = sheetText(9 * 1024 * 1024);
    const { data } = await zlibCodec.deflate(content);
    // Bytes after the final block would be read as a second stream by a strict inflater: there are none.
    const inflater = zlib.inflateRawSync(data, { info: true }) as unknown as { engine: { bytesWritten: number } };
    expect(inflater.engine.bytesWritten).toBe(data.length);
  });
});
