/**
 * The shared strings part read as the bytes it inflates to, piece by piece, never as one string:
 * a part of 340 MB (twenty million items) would be a JavaScript string of 340 MB, or 680 MB as
 * soon as one character is past Latin-1, on top of its bytes. The scanner keeps only the items'
 * text, one after another, as UTF-8 (the markup left out: `<si><t>x</t></si>` keeps one byte of
 * seventeen), and where each item's text lies (about a byte an item, itemSpans.ts).
 *
 * It reads exactly what the string tokenizer (xmlTokens.ts) reads, and refuses what it refuses,
 * so that the table is the same whichever read it: the nesting checked, the five entities and
 * character references decoded (an unknown one refused wherever it is, so that a damaged part or
 * an entity bomb is refused as a whole, whichever items the plan uses), CDATA, comments,
 * processing instructions and declarations, and bytes that are not UTF-8 replaced as TextDecoder
 * replaces them when it decodes the whole part. test/xlsx/sharedStringsScanner.test.ts checks it
 * against the tokenizer, and test/xlsx/sharedStrings.test.ts against saxes.
 *
 * A UTF-16 part (which OPC allows) is gathered, decoded and scanned again as UTF-8: rare, so it
 * may cost what reading it as a string did.
 */
import { ItemSpans } from "./itemSpans";
import { decodePart, partForm } from "./partText";
import { XmlSyntaxError } from "./xmlTokens";

export interface ScannedStrings {
  /**
   * The items' text one after another, as UTF-8: entities decoded, a rich item's runs joined,
   * phonetic guides left out; Excel's _xHHHH_ escapes not yet undone.
   */
  readonly text: Uint8Array;
  /** Where each item's text lies in `text`. */
  readonly spans: ItemSpans;
  /**
   * A character reference named half of a surrogate pair (&#xD83D;), which the tokenizer reads as
   * that UTF-16 code unit: `text` holds it as a three-byte sequence that TextDecoder does not
   * read (WTF-8), and must be decoded by hand.
   */
  readonly loneSurrogates: boolean;
}

/** Where the scanner is between two bytes. */
const enum At {
  Text,
  /** After "&" in text. */
  Reference,
  /** After "<". */
  Markup,
  /** After "<!", telling a comment from CDATA from a declaration. */
  Bang,
  Comment,
  Declaration,
  Cdata,
  Instruction,
  OpenName,
  /** The rest of a start tag, up to the ">" that is not inside an attribute value. */
  Attributes,
  CloseName,
}

/** What an element is to the shared strings, by its local name. */
const enum Kind {
  Other,
  /** `si`: an item. */
  Item,
  /** `t`: text. */
  Text,
  /** `rPh`: a phonetic guide, whose text is not the item's. */
  Phonetic,
}

/** What is read of a reference after "&". */
const enum Ref {
  Start,
  Hash,
  HexStart,
  Hex,
  Decimal,
  Name,
}

const KINDS: ReadonlyMap<string, Kind> = new Map([
  ["si", Kind.Item],
  ["t", Kind.Text],
  ["rPh", Kind.Phonetic],
]);
const PREDEFINED: ReadonlyMap<string, number> = new Map([
  ["amp", 38],
  ["lt", 60],
  ["gt", 62],
  ["quot", 34],
  ["apos", 39],
]);
const CDATA_OPEN = [91, 67, 68, 65, 84, 65, 91]; // [CDATA[

// ignoreBOM: for element names, where U+FEFF is a character like any other.
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
const encoder = new TextEncoder();

const isLetter = (b: number) => (b >= 65 && b <= 90) || (b >= 97 && b <= 122);
const isDigit = (b: number) => b >= 48 && b <= 57;
const hexValue = (b: number) => (isDigit(b) ? b - 48 : b >= 97 && b <= 102 ? b - 87 : b >= 65 && b <= 70 ? b - 55 : -1);
/** The white space String.prototype.trimEnd takes off, among ASCII characters. */
const isTrimmedAscii = (b: number) => b === 32 || (b >= 9 && b <= 13);

/** FNV-1a, byte by byte. */
const HASH_SEED = 0x811c9dc5;
const hashByte = (hash: number, b: number) => Math.imul(hash ^ b, 16777619);

export class SharedStringsScanner {
  /** 0 until the first bytes tell the encoding, then 8 (UTF-8, scanned as it comes) or 16 (UTF-16, gathered). */
  private encoding: 0 | 8 | 16 = 0;
  private head?: Uint8Array;
  private readonly utf16Pieces: Uint8Array[] = [];
  /** Bytes scanned before the current piece, for the positions in messages. */
  private consumed = 0;
  private at = At.Text;
  private markupStart = 0;

  private out = new Uint8Array(0);
  private outLength = 0;
  private readonly spans = new ItemSpans();
  private loneSurrogates = false;
  /** The last byte of the piece before was a CR (lineEnds). */
  private afterCr = false;

  private inItem = false;
  private itemStart = 0;
  private inText = false;
  private phonetic = 0;
  private depth = 0;
  private stack = new Int32Array(64);

  /** An unfinished UTF-8 sequence in copied text: the bytes it still needs, has, and the range of the next one (the WHATWG decoder's). */
  private need = 0;
  private readonly sequence = new Uint8Array(4);
  private seen = 0;
  private lower = 0x80;
  private upper = 0xbf;

  private ref = Ref.Start;
  private refValue = 0;
  private refName = "";
  private refStart = 0;

  private bangTarget = 0;
  private bangLength = 0;
  /** Dashes before ">" in a comment, "]" before ">" in CDATA, or whether "?" came before ">" in a processing instruction. */
  private run = 0;
  private quote = 0;
  private previous = 0;
  private openId = 0;

  private name = new Uint8Array(64);
  private nameLength = 0;
  private nameHash = HASH_SEED;
  private nameHigh = 0;

  /** The element names seen, each once: its text (for messages), kind, bytes and hash, found by hash in `table`. */
  private readonly names: string[] = [];
  private readonly kinds: Kind[] = [];
  private readonly nameBytes: Uint8Array[] = [];
  private readonly hashes: number[] = [];
  private table = new Int32Array(64);

  /**
   * `sizeHint`: the part's size, if known: the text kept is never larger than the part (but for
   * bytes replaced by U+FFFD), so that it is allocated once, when the first text comes (after the
   * package has checked the size), rather than copied to grow. Memory asked for and never written
   * is not resident (zeroed pages come on first touch), so a table whose text is a small part of
   * its part costs what its text costs.
   */
  constructor(private sizeHint = 0) {}

  /** The next piece of the part. */
  write(piece: Uint8Array): void {
    if (this.encoding === 0) {
      const head: Uint8Array = this.head ? concat([this.head, piece]) : piece;
      // The byte-order mark of UTF-8 has three bytes; UTF-16 is told by two.
      if (head.length < 3) {
        this.head = head.slice();
        return;
      }
      this.head = undefined;
      this.scan(this.lineEnds(this.begin(head)));
    } else if (this.encoding === 16) this.utf16Pieces.push(piece.slice());
    else this.scan(this.lineEnds(piece));
  }

  /** The table, once the whole part has been written; throws XmlSyntaxError when the part is not well formed. */
  end(): ScannedStrings {
    if (this.encoding === 0) this.scan(this.lineEnds(this.begin(this.head ?? new Uint8Array(0))));
    if (this.encoding === 16) {
      const { text } = decodePart(concat(this.utf16Pieces));
      this.utf16Pieces.length = 0;
      this.encoding = 8;
      this.scan(this.lineEnds(encoder.encode(text)));
    }
    this.finish();
    const text = this.out.length > this.outLength * 1.25 + 1024 ? this.out.slice(0, this.outLength) : this.out.subarray(0, this.outLength);
    this.out = new Uint8Array(0);
    return { text, spans: this.spans, loneSurrogates: this.loneSurrogates };
  }

  /** Tells the encoding from the first bytes; the UTF-8 to scan of them, without a byte-order mark (none of UTF-16, gathered). */
  private begin(head: Uint8Array): Uint8Array {
    const form = partForm(head);
    if (form.encoding !== "utf-8") {
      this.encoding = 16;
      this.utf16Pieces.push(head.slice());
      return new Uint8Array(0);
    }
    this.encoding = 8;
    return form.byteOrderMark ? head.subarray(3) : head;
  }

  /**
   * The piece with its line ends as XML hands them over (XML 1.0, §2.11; normalizeLineEnds in
   * xmlTokens.ts): CR LF and a lone CR read as LF before the piece is scanned, a CR that ends one
   * piece and an LF that starts the next being one line end. A piece without a CR, as Excel's
   * are, is scanned as it is.
   */
  private lineEnds(piece: Uint8Array): Uint8Array {
    if (!this.afterCr && piece.indexOf(13) < 0) return piece;
    const out = new Uint8Array(piece.length);
    let o = 0;
    let afterCr = this.afterCr;
    for (const b of piece) {
      if (b !== 10 || !afterCr) out[o++] = b === 13 ? 10 : b;
      afterCr = b === 13;
    }
    this.afterCr = afterCr;
    return out.subarray(0, o);
  }

  private fail(message: string, at: number): never {
    throw new XmlSyntaxError(message, at, "byte");
  }

  private scan(piece: Uint8Array): void {
    const n = piece.length;
    let i = 0;
    while (i < n) {
      switch (this.at) {
        case At.Text: {
          if (this.depth === 0) {
            // Outside the root only markup counts: text there is not even checked, as the tokenizer does.
            const lt = piece.indexOf(60, i);
            i = lt < 0 ? n : lt;
          } else if (this.inItem && this.inText) i = this.copyText(piece, i);
          else while (i < n && piece[i] !== 60 && piece[i] !== 38) i++;
          if (i < n) {
            if (piece[i] === 38) this.reference(i++);
            else {
              const after = this.wholeTag(piece, i);
              if (after >= 0) i = after;
              else this.markup(i++);
            }
          }
          break;
        }
        case At.Reference:
          this.referenceByte(piece[i++]);
          break;
        case At.Markup: {
          const b = piece[i];
          this.nameLength = 0;
          this.nameHash = HASH_SEED;
          this.nameHigh = 0;
          this.run = 0;
          this.bangTarget = 0;
          // The byte after "<" tells what follows; a name's first byte is read as the name's.
          if (b === 33 /* ! */) this.at = At.Bang;
          else if (b === 63 /* ? */) this.at = At.Instruction;
          else if (b === 47 /* / */) this.at = At.CloseName;
          else this.at = At.OpenName;
          if (this.at !== At.OpenName) i++;
          break;
        }
        case At.OpenName:
          i = this.openName(piece, i);
          break;
        case At.Attributes: {
          let quote = this.quote;
          let previous = this.previous;
          while (i < n) {
            const b = piece[i++];
            if (quote !== 0) {
              if (b === quote) quote = 0;
            } else if (b === 34 || b === 39) quote = b;
            else if (b === 62) {
              this.at = At.Text;
              this.opened(this.openId, previous === 47);
              break;
            }
            previous = b;
          }
          this.quote = quote;
          this.previous = previous;
          break;
        }
        case At.CloseName: {
          while (i < n) {
            const b = piece[i];
            if (b === 62) break;
            if (this.nameLength === this.name.length) this.growName();
            this.name[this.nameLength++] = b;
            this.nameHigh |= b;
            i++;
          }
          if (i < n) {
            i++;
            this.at = At.Text;
            this.closeTag();
          }
          break;
        }
        case At.Bang:
          this.bangByte(piece[i++]);
          break;
        case At.Comment: {
          let dashes = this.run;
          while (i < n) {
            const b = piece[i++];
            if (b === 62 && dashes >= 2) {
              this.at = At.Text;
              break;
            }
            dashes = b === 45 ? dashes + 1 : 0;
          }
          this.run = dashes;
          break;
        }
        case At.Declaration: {
          const gt = piece.indexOf(62, i);
          i = gt < 0 ? n : gt + 1;
          if (gt >= 0) this.at = At.Text;
          break;
        }
        case At.Cdata:
          i = this.cdata(piece, i);
          break;
        case At.Instruction: {
          let question = this.run;
          while (i < n) {
            const b = piece[i++];
            if (b === 62 && question === 1) {
              this.at = At.Text;
              break;
            }
            question = b === 63 ? 1 : 0;
          }
          this.run = question;
          break;
        }
      }
    }
    this.consumed += n;
  }

  /** At the "<" at `i` of the piece. */
  private markup(i: number): void {
    this.at = At.Markup;
    this.markupStart = this.consumed + i;
  }

  /** At the "&" at `i` of the piece. */
  private reference(i: number): void {
    this.at = At.Reference;
    this.ref = Ref.Start;
    this.refValue = 0;
    this.refName = "";
    this.refStart = this.consumed + i;
  }

  /** Text of an item, copied up to the next "<" or "&"; returns where it stopped. */
  private copyText(piece: Uint8Array, i: number): number {
    const n = piece.length;
    if (this.out.length - this.outLength < n - i + 8) this.grow(n - i + 8);
    let out = this.out;
    let o = this.outLength;
    let need = this.need;
    while (i < n) {
      const b = piece[i];
      if (b < 0x80 && need === 0) {
        if (b === 60 || b === 38) break;
        out[o++] = b;
        i++;
      } else {
        this.outLength = o;
        if (this.utf8Byte(b)) i++;
        need = this.need;
        out = this.out;
        o = this.outLength;
      }
    }
    this.outLength = o;
    return i;
  }

  /**
   * The common tags, `<name>` and `</name>` of a name already seen, read at once when the piece
   * holds them whole; returns where the tag ends, or -1 to read it byte by byte (any other tag, or
   * one cut by the end of the piece).
   */
  private wholeTag(piece: Uint8Array, lt: number): number {
    const n = piece.length;
    let i = lt + 1;
    if (i >= n) return -1;
    if (piece[i] === 47) {
      if (this.depth === 0) return -1;
      const open = this.stack[this.depth - 1];
      const name = this.nameBytes[open];
      const gt = i + 1 + name.length;
      if (gt >= n || piece[gt] !== 62) return -1;
      for (let k = 0; k < name.length; k++) if (piece[i + 1 + k] !== name[k]) return -1;
      this.depth--;
      this.closed(this.kinds[open]);
      return gt + 1;
    }
    const start = i;
    let hash = HASH_SEED;
    for (; i < n; i++) {
      const b = piece[i];
      if (b === 62) break;
      // White space, "/", other control characters or bytes past ASCII: the general reading.
      if (b <= 32 || b === 47 || b >= 0x80) return -1;
      hash = hashByte(hash, b);
    }
    if (i === n || i === start) return -1;
    const id = this.knownName(piece, start, i, hash);
    if (id < 0) return -1;
    this.opened(id, false);
    return i + 1;
  }

  /** The id of a name seen before, from the piece's bytes; -1 for a new one. */
  private knownName(piece: Uint8Array, start: number, end: number, hash: number): number {
    const mask = this.table.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.table[slot];
      if (entry === 0) return -1;
      const id = entry - 1;
      if (this.hashes[id] !== hash) continue;
      const name = this.nameBytes[id];
      if (name.length !== end - start) continue;
      let k = 0;
      while (k < name.length && name[k] === piece[start + k]) k++;
      if (k === name.length) return id;
    }
  }

  /**
   * A byte of copied text that is not ASCII, or any byte while a sequence is unfinished, read as
   * the WHATWG decoder (TextDecoder) reads it: a byte that cannot continue the sequence ends it
   * with U+FFFD and is read again. False when the byte is ASCII and is left to the caller.
   */
  private utf8Byte(b: number): boolean {
    if (this.need === 0) {
      if (b < 0x80) return false;
      if (b >= 0xc2 && b <= 0xdf) this.need = 1;
      else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) this.lower = 0xa0;
        else if (b === 0xed) this.upper = 0x9f;
        this.need = 2;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) this.lower = 0x90;
        else if (b === 0xf4) this.upper = 0x8f;
        this.need = 3;
      } else {
        this.emitReplacement();
        return true;
      }
      this.sequence[0] = b;
      this.seen = 0;
      return true;
    }
    if (b < this.lower || b > this.upper) {
      this.replaceSequence();
      return this.utf8Byte(b);
    }
    this.lower = 0x80;
    this.upper = 0xbf;
    this.sequence[++this.seen] = b;
    if (this.seen === this.need) {
      if (this.out.length - this.outLength < 4) this.grow(4);
      this.out.set(this.sequence.subarray(0, this.need + 1), this.outLength);
      this.outLength += this.need + 1;
      this.need = 0;
    }
    return true;
  }

  /** An unfinished sequence ends: one U+FFFD for it. */
  private replaceSequence(): void {
    this.need = 0;
    this.lower = 0x80;
    this.upper = 0xbf;
    this.emitReplacement();
  }

  private emitReplacement(): void {
    this.emitCodePoint(0xfffd);
  }

  private emitCodePoint(cp: number): void {
    if (this.out.length - this.outLength < 4) this.grow(4);
    const out = this.out;
    let o = this.outLength;
    if (cp < 0x80) out[o++] = cp;
    else if (cp < 0x800) {
      out[o++] = 0xc0 | (cp >> 6);
      out[o++] = 0x80 | (cp & 0x3f);
    } else if (cp < 0x10000) {
      if (cp >= 0xd800 && cp <= 0xdfff) this.loneSurrogates = true;
      out[o++] = 0xe0 | (cp >> 12);
      out[o++] = 0x80 | ((cp >> 6) & 0x3f);
      out[o++] = 0x80 | (cp & 0x3f);
    } else {
      out[o++] = 0xf0 | (cp >> 18);
      out[o++] = 0x80 | ((cp >> 12) & 0x3f);
      out[o++] = 0x80 | ((cp >> 6) & 0x3f);
      out[o++] = 0x80 | (cp & 0x3f);
    }
    this.outLength = o;
  }

  private grow(room: number): void {
    const grown = new Uint8Array(Math.max(this.out.length * 2, this.outLength + room, this.sizeHint, 1024));
    this.sizeHint = 0;
    grown.set(this.out.subarray(0, this.outLength));
    this.out = grown;
  }

  /**
   * A byte of a reference after "&": `&#xHEX;`, `&#DECIMAL;` or `&NAME;`, as the tokenizer reads
   * them; anything else is a bare "&", and a name other than the five XML predefines (an entity
   * a DTD would define, as in an entity bomb) is refused.
   */
  private referenceByte(b: number): void {
    switch (this.ref) {
      case Ref.Start:
        if (b === 35 /* # */) this.ref = Ref.Hash;
        else if (isLetter(b)) {
          this.ref = Ref.Name;
          this.refName = String.fromCharCode(b);
        } else this.fail("a bare & in text", this.refStart);
        return;
      case Ref.Hash:
        if (b === 120 /* x */) this.ref = Ref.HexStart;
        else if (isDigit(b)) {
          this.ref = Ref.Decimal;
          this.refValue = b - 48;
        } else this.fail("a bare & in text", this.refStart);
        return;
      case Ref.HexStart:
      case Ref.Hex: {
        const digit = hexValue(b);
        if (digit >= 0) {
          this.ref = Ref.Hex;
          this.refValue = Math.min(this.refValue * 16 + digit, 0x110000);
        } else if (b === 59 /* ; */ && this.ref === Ref.Hex) this.character(this.refValue);
        else this.fail("a bare & in text", this.refStart);
        return;
      }
      case Ref.Decimal:
        if (isDigit(b)) this.refValue = Math.min(this.refValue * 10 + b - 48, 0x110000);
        else if (b === 59) this.character(this.refValue);
        else this.fail("a bare & in text", this.refStart);
        return;
      case Ref.Name:
        if (isLetter(b)) {
          // Longer than any predefined name is unknown: only enough of it is kept for the message.
          if (this.refName.length < 40) this.refName += String.fromCharCode(b);
        } else if (b === 59) {
          const code = PREDEFINED.get(this.refName);
          if (code === undefined) this.fail(`the unknown entity &${this.refName};`, this.refStart);
          this.character(code);
        } else this.fail("a bare & in text", this.refStart);
        return;
    }
  }

  /** A reference read whole: its character is the item's text, if it is in an item's text. */
  private character(cp: number): void {
    if (cp > 0x10ffff) this.fail("a character reference past U+10FFFF, the last character", this.refStart);
    this.at = At.Text;
    if (this.inItem && this.inText) this.emitCodePoint(cp);
  }

  private bangByte(b: number): void {
    if (this.bangTarget === 0) {
      if (b === 45) this.bangTarget = 1;
      else if (b === 91) this.bangTarget = 2;
      else return this.declaration(b);
      this.bangLength = 1;
    } else if (this.bangTarget === 1) {
      if (b !== 45) return this.declaration(b);
      this.at = At.Comment;
      this.run = 0;
    } else {
      if (b !== CDATA_OPEN[this.bangLength]) return this.declaration(b);
      if (++this.bangLength === CDATA_OPEN.length) {
        this.at = At.Cdata;
        this.run = 0;
      }
    }
  }

  /** "<!" that is neither a comment nor CDATA: a declaration, skipped to the next ">". */
  private declaration(b: number): void {
    this.at = b === 62 ? At.Text : At.Declaration;
  }

  /** CDATA, copied as it is into an item's text; the "]]" of its end is known only at the ">". */
  private cdata(piece: Uint8Array, i: number): number {
    const n = piece.length;
    const copy = this.inItem && this.inText;
    let brackets = this.run;
    while (i < n) {
      const b = piece[i++];
      if (b === 93) {
        if (copy && this.need !== 0) this.replaceSequence();
        brackets++;
        continue;
      }
      if (b === 62 && brackets >= 2) {
        if (copy) this.emitBrackets(brackets - 2);
        brackets = 0;
        this.at = At.Text;
        break;
      }
      if (copy) {
        this.emitBrackets(brackets);
        if (!this.utf8Byte(b)) {
          if (this.out.length - this.outLength < 1) this.grow(1);
          this.out[this.outLength++] = b;
        }
      }
      brackets = 0;
    }
    this.run = brackets;
    return i;
  }

  private emitBrackets(count: number): void {
    for (let k = 0; k < count; k++) this.emitCodePoint(93);
  }

  /** An element's name after "<", to the first white space, "/" or ">". */
  private openName(piece: Uint8Array, i: number): number {
    const n = piece.length;
    let hash = this.nameHash;
    let b = 0;
    while (i < n) {
      b = piece[i];
      if (b === 62 || b === 32 || b === 47 || b === 9 || b === 10 || b === 13) break;
      if (this.nameLength === this.name.length) this.growName();
      this.name[this.nameLength++] = b;
      this.nameHigh |= b;
      hash = hashByte(hash, b);
      i++;
    }
    this.nameHash = hash;
    if (i === n) return i;
    if (this.nameLength === 0) this.fail("a tag without a name", this.markupStart);
    const id = this.nameId(true);
    i++;
    if (b === 62) {
      this.at = At.Text;
      this.opened(id, false);
    } else {
      this.at = At.Attributes;
      this.openId = id;
      this.quote = 0;
      this.previous = b;
    }
    return i;
  }

  private growName(): void {
    const grown = new Uint8Array(this.name.length * 2);
    grown.set(this.name);
    this.name = grown;
  }

  /**
   * The id of the name in `name`, registered if `register` (else -1 for a name never opened).
   * A name with bytes past ASCII is compared as the text it decodes to, as the tokenizer compares
   * them.
   */
  private nameId(register: boolean): number {
    if (this.nameHigh & 0x80) this.setName(encoder.encode(decoder.decode(this.name.subarray(0, this.nameLength))));
    const hash = this.nameHash;
    const mask = this.table.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.table[slot];
      if (entry === 0) break;
      const id = entry - 1;
      if (this.hashes[id] === hash && this.sameName(this.nameBytes[id])) return id;
    }
    if (!register) return -1;
    const bytes = this.name.slice(0, this.nameLength);
    const text = decoder.decode(bytes);
    const id = this.names.length;
    this.names.push(text);
    this.kinds.push(KINDS.get(text.slice(text.indexOf(":") + 1)) ?? Kind.Other);
    this.nameBytes.push(bytes);
    this.hashes.push(hash);
    if (this.names.length * 2 > this.table.length) this.rehash();
    else this.place(id);
    return id;
  }

  private sameName(bytes: Uint8Array): boolean {
    if (bytes.length !== this.nameLength) return false;
    for (let k = 0; k < bytes.length; k++) if (bytes[k] !== this.name[k]) return false;
    return true;
  }

  private place(id: number): void {
    const mask = this.table.length - 1;
    let slot = this.hashes[id] & mask;
    while (this.table[slot] !== 0) slot = (slot + 1) & mask;
    this.table[slot] = id + 1;
  }

  private rehash(): void {
    this.table = new Int32Array(this.table.length * 2);
    for (let id = 0; id < this.names.length; id++) this.place(id);
  }

  private setName(bytes: Uint8Array): void {
    while (this.name.length < bytes.length) this.growName();
    this.name.set(bytes);
    this.nameLength = bytes.length;
    let hash = HASH_SEED;
    for (const b of bytes) hash = hashByte(hash, b);
    this.nameHash = hash;
    this.nameHigh = 0;
  }

  private opened(id: number, selfClosing: boolean): void {
    const kind = this.kinds[id];
    if (kind === Kind.Item) {
      // An item inside an item starts anew, dropping what the outer one had (as saxes reads it).
      if (this.inItem) this.outLength = this.itemStart;
      this.inItem = true;
      this.itemStart = this.outLength;
    } else if (kind === Kind.Text) this.inText = this.phonetic === 0;
    else if (kind === Kind.Phonetic) this.phonetic++;
    if (selfClosing) this.closed(kind);
    else {
      if (this.depth === this.stack.length) {
        const grown = new Int32Array(this.stack.length * 2);
        grown.set(this.stack);
        this.stack = grown;
      }
      this.stack[this.depth++] = id;
    }
  }

  /** "</" and the bytes to ">": the name, with trailing white space taken off, must be the open element's. */
  private closeTag(): void {
    if (this.nameHigh & 0x80) this.setName(encoder.encode(decoder.decode(this.name.subarray(0, this.nameLength)).trimEnd()));
    else {
      let length = this.nameLength;
      while (length > 0 && isTrimmedAscii(this.name[length - 1])) length--;
      this.nameLength = length;
      let hash = HASH_SEED;
      for (let k = 0; k < length; k++) hash = hashByte(hash, this.name[k]);
      this.nameHash = hash;
    }
    const id = this.nameId(false);
    const open = this.depth > 0 ? this.stack[this.depth - 1] : -1;
    if (id !== open || open < 0) {
      const raw = decoder.decode(this.name.subarray(0, this.nameLength));
      this.fail(`</${raw}> closes <${open >= 0 ? this.names[open] : "nothing"}>`, this.markupStart);
    }
    this.depth--;
    this.closed(this.kinds[id]);
  }

  private closed(kind: Kind): void {
    if (kind === Kind.Text) this.inText = false;
    else if (kind === Kind.Phonetic) this.phonetic--;
    else if (kind === Kind.Item && this.inItem) {
      this.spans.add(this.outLength);
      this.inItem = false;
    }
  }

  private finish(): void {
    const where = this.consumed;
    switch (this.at) {
      case At.Text:
        break;
      case At.Reference:
        this.fail("a bare & in text", this.refStart);
        break;
      case At.Markup:
        this.fail("a tag without a name", this.markupStart);
        break;
      case At.OpenName:
      case At.Attributes:
        this.fail("a tag that never ends", this.markupStart);
        break;
      case At.CloseName:
        this.fail("an end tag that never ends", this.markupStart);
        break;
      case At.Bang:
      case At.Comment:
      case At.Declaration:
        this.fail("a comment or declaration that never ends", this.markupStart);
        break;
      case At.Cdata:
        this.fail("a CDATA section that never ends", this.markupStart);
        break;
      case At.Instruction:
        this.fail("a processing instruction that never ends", this.markupStart);
        break;
    }
    if (this.depth > 0) this.fail(`the element ${this.names[this.stack[this.depth - 1]]} is not closed`, where);
  }
}

function concat(pieces: readonly Uint8Array[]): Uint8Array {
  const whole = new Uint8Array(pieces.reduce((total, piece) => total + piece.length, 0));
  let at = 0;
  for (const piece of pieces) {
    whole.set(piece, at);
    at += piece.length;
  }
  return whole;
}
