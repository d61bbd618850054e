/**
 * The text of an XML part and the encoding it came in. OPC lets a part be UTF-8 or UTF-16, with
 * or without a byte-order mark (ECMA-376 Part 2, §8.1.4), and Excel opens both; an XML entity in
 * UTF-16 starts with its byte-order mark (XML 1.0, §4.3.3), and without one the first characters,
 * `<?` or `<` followed by zero bytes, tell the byte order (XML 1.0, Appendix F). A part the add-in
 * edits is written back in the encoding it was read in, with its byte-order mark if it had one,
 * so that only the edited elements change.
 */

export type PartEncoding = "utf-8" | "utf-16le" | "utf-16be";

export interface PartForm {
  readonly encoding: PartEncoding;
  readonly byteOrderMark: boolean;
}

/** What a part the add-in creates is written in: UTF-8, as Excel writes, without a mark. */
export const NEW_PART_FORM: PartForm = { encoding: "utf-8", byteOrderMark: false };

const decoders = new Map<PartEncoding, InstanceType<typeof TextDecoder>>();

function decoderFor(encoding: PartEncoding): InstanceType<typeof TextDecoder> {
  let decoder = decoders.get(encoding);
  // ignoreBOM: the mark is taken off below, where it is also remembered.
  if (!decoder) decoders.set(encoding, (decoder = new TextDecoder(encoding, { ignoreBOM: true })));
  return decoder;
}

/** The encoding of a part's bytes, from its byte-order mark or, without one, its first characters. */
export function partForm(bytes: Uint8Array): PartForm {
  const [b0, b1, b2] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: "utf-8", byteOrderMark: true };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: "utf-16le", byteOrderMark: true };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: "utf-16be", byteOrderMark: true };
  if (b0 === 0x3c && b1 === 0x00) return { encoding: "utf-16le", byteOrderMark: false };
  if (b0 === 0x00 && b1 === 0x3c) return { encoding: "utf-16be", byteOrderMark: false };
  return NEW_PART_FORM;
}

const MARK_BYTES: Readonly<Record<PartEncoding, number>> = { "utf-8": 3, "utf-16le": 2, "utf-16be": 2 };

export function decodePart(bytes: Uint8Array): { readonly text: string; readonly form: PartForm } {
  const form = partForm(bytes);
  const body = form.byteOrderMark ? bytes.subarray(MARK_BYTES[form.encoding]) : bytes;
  return { text: decoderFor(form.encoding).decode(body), form };
}

const DECLARED_ENCODING = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"']*)["']/;

/**
 * The form to write a part's text in: the form it was read in, unless the text declares an
 * encoding of the other family (a part the add-in wrote anew over one that was UTF-16, say),
 * whose declaration must then be true.
 */
export function formForText(text: string, read: PartForm | undefined): PartForm {
  const declared = DECLARED_ENCODING.exec(text)?.[1].toLowerCase();
  const family = declared === undefined ? undefined : declared.startsWith("utf-16") ? "utf-16" : "utf-8";
  if (read && (family === undefined || family === (read.encoding === "utf-8" ? "utf-8" : "utf-16"))) return read;
  return family === "utf-16" ? { encoding: "utf-16le", byteOrderMark: true } : NEW_PART_FORM;
}

const utf8 = new TextEncoder();

export function encodePart(text: string, form: PartForm): Uint8Array {
  if (form.encoding === "utf-8") {
    const body = utf8.encode(text);
    if (!form.byteOrderMark) return body;
    const out = new Uint8Array(body.length + 3);
    out.set([0xef, 0xbb, 0xbf]);
    out.set(body, 3);
    return out;
  }
  const mark = form.byteOrderMark ? 2 : 0;
  const out = new Uint8Array(mark + text.length * 2);
  // UTF-16 code units as they are: a JavaScript string already holds UTF-16, surrogate pairs included.
  const view = new DataView(out.buffer);
  const littleEndian = form.encoding === "utf-16le";
  if (mark) view.setUint16(0, 0xfeff, littleEndian);
  for (let i = 0; i < text.length; i++) view.setUint16(mark + i * 2, text.charCodeAt(i), littleEndian);
  return out;
}

/**
 * A part's text decoded piece by piece as it inflates (a sheet's first rows, sheetHeads.ts): its
 * encoding is told from its first bytes as decodePart tells it, and a character split between
 * two pieces comes out whole with the later one.
 */
export class PartTextDecoder {
  private decoder?: InstanceType<typeof TextDecoder>;
  /** The first bytes, until there are enough to tell the encoding. */
  private start = new Uint8Array(0);

  write(piece: Uint8Array): string {
    if (this.decoder) return this.decoder.decode(piece, { stream: true });
    const joined = new Uint8Array(this.start.length + piece.length);
    joined.set(this.start);
    joined.set(piece, this.start.length);
    this.start = joined;
    return joined.length >= 4 ? this.begin(joined).text : "";
  }

  /** What the pieces held back: the first bytes of a part shorter than a byte-order mark, or a character cut at the end. */
  end(): string {
    if (this.decoder) return this.decoder.decode();
    const { decoder, text } = this.begin(this.start);
    return text + decoder.decode();
  }

  private begin(bytes: Uint8Array): { decoder: InstanceType<typeof TextDecoder>; text: string } {
    const form = partForm(bytes);
    // Its own decoder, not the shared one: a streaming decode keeps state between pieces.
    const decoder = new TextDecoder(form.encoding, { ignoreBOM: true });
    this.decoder = decoder;
    this.start = new Uint8Array(0);
    return { decoder, text: decoder.decode(form.byteOrderMark ? bytes.subarray(MARK_BYTES[form.encoding]) : bytes, { stream: true }) };
  }
}
