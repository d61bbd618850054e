/**
 * The shared strings table (xl/sharedStrings.xml): the text of every `<si>`, plain or rich (the
 * runs' text joined), without the phonetic guides (`<rPh>`) that East Asian text may carry. It
 * can be as large as the largest sheet, and a small zip can hold tens of millions of items, so
 * it is read in one pass of the fast tokenizer that checks the whole part and keeps only where
 * each item is (4 bytes an item); an item's text is made when a cell asks for it, once.
 */
import { unescapeExcelText } from "./xml";
import { decodeEntities, Token, XmlTokens } from "./xmlTokens";

/** What the worksheet reader needs of the table: the text of item `index`, undefined past the end. An array of strings is one. */
export interface SharedStringLookup {
  at(index: number): string | undefined;
}

/** The largest table whose items made are kept in an array (8 bytes an item, 8 MB at most). */
const DENSE_LIMIT = 1 << 20;

/** In `starts`, an item without text; no `<si>` starts at the last index a string can have. */
const EMPTY = ~0x7fffffff;

export class SharedStrings implements SharedStringLookup {
  /**
   * Per item: where its only text is (>= 0: the start of that text, which runs to the next "<");
   * EMPTY for an item without text; for an item of several pieces or of CDATA, the bitwise
   * complement of where its `<si>` starts, to be read again with the tokenizer.
   */
  private readonly starts: Int32Array;
  /**
   * The items made so far. For a table of up to DENSE_LIMIT items (a plan's: the 100,000-initiative
   * benchmark plan has 330,000), an array as long as the table, allocated at once: cells ask for
   * items in no order, and an array filled out of order turns into a dictionary in V8, several
   * times slower. Past that, a Map, whose size follows the items made, not the table.
   */
  private readonly dense?: (string | undefined)[];
  private readonly sparse?: Map<number, string>;
  /**
   * The reading state where an item to be read again starts, when it is not the plain one: only
   * for an `<si>` inside a `<t>` or a `<rPh>`, which no producer writes but which must read the
   * same either way.
   */
  private readonly seeds = new Map<number, { inText: boolean; phonetic: number }>();
  readonly length: number;

  constructor(private readonly xml: string) {
    let starts = new Int32Array(1024);
    let count = 0;
    let inItem = false;
    let itemStart = 0;
    let seed: { inText: boolean; phonetic: number } | undefined;
    let pieces = 0;
    let pieceStart = 0;
    let inText = false;
    let phonetic = 0;
    const tokens = new XmlTokens(xml);
    tokens.decodeText = false;
    for (let token = tokens.next(); token !== Token.End; token = tokens.next()) {
      if (token === Token.Text) {
        if (inText && inItem) {
          pieces++;
          pieceStart = tokens.tokenStart;
        }
      } else if (token === Token.Open) {
        if (tokens.name === "si") {
          inItem = true;
          itemStart = tokens.tokenStart;
          pieces = 0;
          seed = inText || phonetic !== 0 ? { inText, phonetic } : undefined;
        } else if (tokens.name === "t") inText = phonetic === 0;
        else if (tokens.name === "rPh") phonetic++;
      } else if (tokens.name === "t") inText = false;
      else if (tokens.name === "rPh") phonetic--;
      else if (tokens.name === "si" && inItem) {
        if (count === starts.length) {
          const grown = new Int32Array(starts.length * 2);
          grown.set(starts);
          starts = grown;
        }
        // No text at all is "", one plain piece is read where it is, anything else again later.
        if (pieces === 1 && xml.charCodeAt(pieceStart) !== 60 /* < */) starts[count] = pieceStart;
        else if (pieces === 0) starts[count] = EMPTY;
        else {
          starts[count] = ~itemStart;
          if (seed) this.seeds.set(count, seed);
        }
        count++;
        inItem = false;
      }
    }
    this.starts = starts.length > count * 1.25 ? starts.slice(0, count) : starts;
    this.length = count;
    if (count <= DENSE_LIMIT) this.dense = new Array<string | undefined>(count);
    else this.sparse = new Map();
  }

  at(index: number): string | undefined {
    if (!(index >= 0 && index < this.length && Number.isInteger(index))) return undefined;
    let text = this.dense ? this.dense[index] : this.sparse?.get(index);
    if (text === undefined) {
      const start = this.starts[index];
      if (start >= 0) text = unescapeExcelText(decodeEntities(this.xml.slice(start, this.xml.indexOf("<", start)), start));
      else text = start === EMPTY ? "" : this.itemAt(~start, this.seeds.get(index));
      if (this.dense) this.dense[index] = text;
      else this.sparse?.set(index, text);
    }
    return text;
  }

  /** The text of the `<si>` that starts at `from`, read with the tokenizer as the first pass read it. */
  private itemAt(from: number, seed = { inText: false, phonetic: 0 }): string {
    let text = "";
    let { inText, phonetic } = seed;
    const tokens = new XmlTokens(this.xml, from);
    for (let token = tokens.next(); token !== Token.End; token = tokens.next()) {
      if (token === Token.Text) {
        if (inText) text += tokens.text;
      } else if (token === Token.Open) {
        if (tokens.name === "t") inText = phonetic === 0;
        else if (tokens.name === "rPh") phonetic++;
      } else if (tokens.name === "t") inText = false;
      else if (tokens.name === "rPh") phonetic--;
      else if (tokens.name === "si") break;
    }
    return unescapeExcelText(text);
  }
}

export function readSharedStrings(xml: string): SharedStrings {
  return new SharedStrings(xml);
}
