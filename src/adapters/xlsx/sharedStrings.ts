/**
 * The shared strings table (xl/sharedStrings.xml): the text of every `<si>`, plain or rich (the
 * runs' text joined), without the phonetic guides (`<rPh>`) that East Asian text may carry. It
 * can be as large as the largest sheet, and a small zip can hold tens of millions of items, so
 * the part is read as bytes, piece by piece as it inflates, by a scanner that checks the whole
 * part and keeps only the items' text as UTF-8 and where each one ends (sharedStringsScanner.ts):
 * no string of the whole part is ever made. An item's text is made when a cell asks for it, with
 * its neighbours (a cell's row asks for the items around it), once.
 */
import { unescapeExcelText } from "./xml";
import { GROUP_ITEMS, GROUP_SHIFT, type ItemSpans } from "./itemSpans";
import { SharedStringsScanner, type ScannedStrings } from "./sharedStringsScanner";
import type { ZipPackage } from "./zipPackage";

/** What the worksheet reader needs of the table: the text of item `index`, undefined past the end. An array of strings is one. */
export interface SharedStringLookup {
  at(index: number): string | undefined;
}

/** The largest table whose items made are kept in an array (8 bytes an item, 8 MB at most). */
const DENSE_LIMIT = 1 << 20;

/** A group of more text than this is not decoded together: only the item asked for is. */
const GROUP_BYTES = 256 * 1024;

// ignoreBOM: a U+FEFF at the start of an item's text is a character of it, not a byte-order mark.
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

export class SharedStrings implements SharedStringLookup {
  readonly length: number;
  private readonly text: Uint8Array;
  private readonly spans: ItemSpans;
  private readonly loneSurrogates: boolean;
  /**
   * The items made so far. For a table of up to DENSE_LIMIT items (a plan's: the 100,000-initiative
   * benchmark plan has 330,000), an array as long as the table, allocated at once: cells ask for
   * items in no order, and an array filled out of order turns into a dictionary in V8, several
   * times slower. Past that, a Map, whose size follows the items made, not the table.
   */
  private readonly dense?: (string | undefined)[];
  private readonly sparse?: Map<number, string>;
  /** The last group decoded (its text, and where each item starts in it), for a table too large to keep every item made. */
  private group = -1;
  private groupText = "";
  private readonly groupStarts = new Int32Array(GROUP_ITEMS + 1);
  /** Where each item of the group asked for lies in `text`. */
  private readonly bounds = new Int32Array(GROUP_ITEMS + 1);

  constructor(scanned: ScannedStrings) {
    this.text = scanned.text;
    this.spans = scanned.spans;
    this.length = scanned.spans.length;
    this.loneSurrogates = scanned.loneSurrogates;
    if (this.length <= DENSE_LIMIT) this.dense = new Array<string | undefined>(this.length);
    else this.sparse = new Map();
  }

  at(index: number): string | undefined {
    if (!(index >= 0 && index < this.length && Number.isInteger(index))) return undefined;
    // -0 is item 0, as an array index is.
    index = Math.abs(index);
    let text = this.dense ? this.dense[index] : this.sparse?.get(index);
    if (text === undefined) {
      text = this.make(index);
      if (this.sparse) this.sparse.set(index, text);
    }
    return text;
  }

  /** The item's text, with the rest of its group's when the table keeps every item made. */
  private make(index: number): string {
    const group = index >>> GROUP_SHIFT;
    const first = group << GROUP_SHIFT;
    if (group !== this.group) {
      const bounds = this.bounds;
      const count = this.spans.group(group, bounds);
      if (bounds[count] - bounds[0] > GROUP_BYTES) return unescapeExcelText(this.decode(bounds[index - first], bounds[index - first + 1]));
      this.decodeGroup(group, count);
    }
    const text = this.groupText;
    const starts = this.groupStarts;
    // Excel's _xHHHH_ escapes are looked for once in the group, not in each item.
    const escaped = text.indexOf("_x") >= 0;
    const dense = this.dense;
    if (!dense) {
      const slice = text.slice(starts[index - first], starts[index - first + 1]);
      return escaped ? unescapeExcelText(slice) : slice;
    }
    const count = Math.min(GROUP_ITEMS, this.length - first);
    if (escaped) for (let k = 0; k < count; k++) dense[first + k] = unescapeExcelText(text.slice(starts[k], starts[k + 1]));
    else for (let k = 0; k < count; k++) dense[first + k] = text.slice(starts[k], starts[k + 1]);
    return dense[index] as string;
  }

  /** The group's text in one string, and where each of its items starts in it (in UTF-16 code units), from `bounds`. */
  private decodeGroup(group: number, count: number): void {
    const bounds = this.bounds;
    const base = bounds[0];
    const stop = bounds[count];
    const text = this.decode(base, stop);
    const starts = this.groupStarts;
    starts[0] = 0;
    if (text.length === stop - base) {
      // All ASCII: a character a byte.
      for (let k = 1; k <= count; k++) starts[k] = bounds[k] - base;
    } else {
      const bytes = this.text;
      let units = 0;
      let at = base;
      for (let k = 1; k <= count; k++) {
        const end = bounds[k];
        // A UTF-16 code unit for each byte that starts a sequence, two for a four-byte sequence.
        for (; at < end; at++) {
          const b = bytes[at];
          if ((b & 0xc0) !== 0x80) units += b >= 0xf0 ? 2 : 1;
        }
        starts[k] = units;
      }
    }
    this.group = group;
    this.groupText = text;
  }

  private decode(from: number, to: number): string {
    return this.loneSurrogates ? decodeWtf8(this.text, from, to) : decoder.decode(this.text.subarray(from, to));
  }
}

/**
 * UTF-8 that may hold halves of surrogate pairs, each as its own three bytes (WTF-8), as the
 * scanner writes a character reference to one: each becomes its UTF-16 code unit, so that two
 * halves side by side make their pair, as the tokenizer's strings do.
 */
function decodeWtf8(bytes: Uint8Array, from: number, to: number): string {
  let text = "";
  // Made into a string some thousands of units at a time: an argument list must stay short.
  const units: number[] = [];
  const flush = () => {
    text += String.fromCharCode.apply(null, units);
    units.length = 0;
  };
  for (let at = from; at < to;) {
    const b = bytes[at];
    const length = b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
    let cp = length === 1 ? b : b & (0xff >> (length + 1));
    for (let k = 1; k < length; k++) cp = (cp << 6) | (bytes[at + k] & 0x3f);
    at += length;
    if (cp >= 0x10000) units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
    else units.push(cp);
    if (units.length >= 4096) flush();
  }
  flush();
  return text;
}

/** The table of a part's bytes, or of its text (a test's). */
export function readSharedStrings(xml: string | Uint8Array): SharedStrings {
  const scanner = new SharedStringsScanner(xml.length);
  scanner.write(typeof xml === "string" ? new TextEncoder().encode(xml) : xml);
  return new SharedStrings(scanner.end());
}

/** The table of the package's part, scanned as it inflates: the part is never held whole, as bytes or as a string. */
export async function readSharedStringsPart(pkg: ZipPackage, part: string): Promise<SharedStrings> {
  const scanner = new SharedStringsScanner(pkg.inflatedSize(part));
  await pkg.readPieces(part, (piece) => scanner.write(piece));
  return new SharedStrings(scanner.end());
}
