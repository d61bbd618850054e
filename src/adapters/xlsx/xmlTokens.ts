/**
 * A pull tokenizer for the two parts that can be tens of megabytes: worksheets and the shared
 * strings. saxes (src/adapters/xlsx/xml.ts) reads every other part; it is strict and well kept, but on a
 * 50 MB worksheet it alone takes three times as long as inflating the whole file, which leaves no
 * room for the ten-times-unzip budget of a 100,000-initiative plan (BENCHMARKS.md). This one does
 * only what those parts need, at two to three times the speed: element names with or without a
 * prefix, attributes read on demand, text with the five entities and character references
 * decoded, CDATA, comments and processing instructions skipped, and the nesting checked, so that
 * a damaged part fails instead of giving wrong values. test/xlsx/xmlTokens.test.ts checks it
 * against saxes on every fixture and on generated XML.
 */

export const enum Token {
  Open = 1,
  Close = 2,
  Text = 3,
  End = 4,
}

export class XmlSyntaxError extends Error {
  /** `at`: where in the part, counted in `unit`s (characters of its text, or bytes when it is read as bytes). */
  constructor(message: string, at: number, unit: "character" | "byte" = "character") {
    super(`${message} (at ${unit} ${at})`);
    this.name = "XmlSyntaxError";
  }
}

// A map, not an object: "&constructor;" is no entity, though every object has a constructor.
const ENTITIES: ReadonlyMap<string, string> = new Map([
  ["amp", "&"],
  ["lt", "<"],
  ["gt", ">"],
  ["quot", '"'],
  ["apos", "'"],
]);

/** Decodes the predefined entities and character references of XML text or an attribute value. */
export function decodeEntities(raw: string, at = 0): string {
  if (raw.indexOf("&") < 0) return raw;
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);|&/g, (match, name: string | undefined) => {
    if (name === undefined) throw new XmlSyntaxError("a bare & in text", at);
    if (name[0] === "#") return String.fromCodePoint(name[1] === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
    const entity = ENTITIES.get(name);
    if (entity === undefined) throw new XmlSyntaxError(`the unknown entity ${match}`, at);
    return entity;
  });
}

/**
 * The text with its line ends as an XML processor hands them over (XML 1.0, §2.11): CR LF and a
 * lone CR read as LF before anything else is read, so that no literal CR reaches a value (one
 * written as a reference, &#13;, does). Excel's own parts hold none; ClosedXML's, among others,
 * write CR LF in cells of several lines. Looking for a CR costs a few milliseconds on 50 MB.
 */
export function normalizeLineEnds(xml: string): string {
  return xml.indexOf("\r") < 0 ? xml : xml.replace(/\r\n?/g, "\n");
}

export function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

function hasAmpersand(xml: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (xml.charCodeAt(i) === 38) return true;
  return false;
}

/**
 * Whether `xml` holds `name` from `at`, compared a character at a time: on the tag-by-tag path a
 * call of the startsWith builtin cost more than the loop over a name of a letter or two.
 */
export function holdsAt(xml: string, name: string, at: number): boolean {
  for (let i = 0; i < name.length; i++) if (xml.charCodeAt(at + i) !== name.charCodeAt(i)) return false;
  return true;
}

const isNameEnd = (code: number) => code === 32 || code === 9 || code === 10 || code === 13 || code === 47 /* / */ || code === 62; /* > */

/** Slots of XmlTokens' remembered tag names, a power of two. */
const NAME_SLOTS = 256;

export class XmlTokens {
  /** The local name of the element just opened or closed. */
  name = "";
  /** The decoded text of a Text token. */
  text = "";
  /** Where the text of a Text token is in the part; textPlain: it holds no entity, so that range is the text itself. */
  textStart = 0;
  textEnd = 0;
  textPlain = true;
  /** The element just opened closes itself (`<v/>`): a Close token follows at once. */
  selfClosing = false;
  /**
   * Where the last token starts in the text: the "<" of a tag, the first character of text (the
   * "<" of a CDATA section). Lets a reader come back to an element later with a tokenizer
   * started there.
   */
  tokenStart = 0;
  /**
   * False for a reader that only needs to know where text is (it reads it later from
   * tokenStart): text is then checked as ever, but `text` is not made.
   */
  decodeText = true;
  /**
   * The text is the beginning of a part, cut between two elements (a sheet's first rows): its
   * end closes whatever is open, rather than being an element that is not closed.
   */
  partial = false;
  private pos: number;
  private tagStart = 0;
  private tagEnd = 0;
  private pendingClose = false;
  private readonly stack: string[] = [];
  private readonly locals = new Map<string, string>();
  private readonly names = new Array<string | undefined>(NAME_SLOTS);
  /** The local name of each remembered name, and of the name knownName last gave. */
  private readonly localNames = new Array<string | undefined>(NAME_SLOTS);
  private knownLocal = "";
  /** The local names of the open elements, beside their names as written in `stack`. */
  private readonly localStack: string[] = [];

  /** `from`: where to start, at the "<" of an element, which is then read as if it were the root. */
  constructor(
    private readonly xml: string,
    from = 0,
  ) {
    this.pos = from;
  }

  private local(raw: string): string {
    let found = this.locals.get(raw);
    if (found === undefined) {
      const colon = raw.indexOf(":");
      found = colon < 0 ? raw : raw.slice(colon + 1);
      this.locals.set(raw, found);
    }
    return found;
  }

  /**
   * The tag name written from `start` to `end`, as the one string seen before for it: a worksheet
   * has a dozen names and millions of tags, and a string cut out of the text for each tag was a
   * good part of the read's garbage. Names are remembered by first letter and length, with the
   * string cut once when that slot holds another name.
   */
  private knownName(start: number, end: number): string {
    const xml = this.xml;
    const length = end - start;
    const slot = ((xml.charCodeAt(start) << 3) ^ length) & (NAME_SLOTS - 1);
    const known = this.names[slot];
    if (known !== undefined && known.length === length && holdsAt(xml, known, start)) {
      this.knownLocal = this.localNames[slot] as string;
      return known;
    }
    const raw = xml.slice(start, end);
    this.names[slot] = raw;
    this.localNames[slot] = this.knownLocal = this.local(raw);
    return raw;
  }

  /** The end of a tag whose attributes start at `from`: the ">" that is not inside an attribute value. */
  private tagClose(from: number): number {
    const xml = this.xml;
    let quote = 0;
    for (let i = from; i < xml.length; i++) {
      const code = xml.charCodeAt(i);
      if (quote !== 0) {
        if (code === quote) quote = 0;
      } else if (code === 34 || code === 39) quote = code;
      else if (code === 62) return i;
    }
    throw new XmlSyntaxError("a tag that never ends", from);
  }

  /**
   * The end of a tag whose attributes start at `from`, found as its attributes are split, in one
   * pass where tagClose and then splitAttributes made two: every row and cell of a sheet has
   * attributes, and all are asked about. Anything out of the ordinary (a name with a quote or a
   * ">" in it, an attribute without a value) is left to tagClose, and to splitAttributes when an
   * attribute is asked for, which say what is wrong as they always did.
   */
  private splitToClose(from: number): number {
    const xml = this.xml;
    const length = xml.length;
    let count = 0;
    let i = from;
    for (;;) {
      let code = xml.charCodeAt(i);
      while (isSpace(code)) code = xml.charCodeAt(++i);
      if (code === 62) break;
      if (code === 47 && xml.charCodeAt(i + 1) === 62) {
        i++;
        break;
      }
      const nameStart = i;
      while (i < length && !isSpace(code) && code !== 61 && code !== 62 && code !== 47 && code !== 34 && code !== 39)
        code = xml.charCodeAt(++i);
      const nameEnd = i;
      while (isSpace(code)) code = xml.charCodeAt(++i);
      if (code !== 61 || nameEnd === nameStart) return this.unsplit(from);
      code = xml.charCodeAt(++i);
      while (isSpace(code)) code = xml.charCodeAt(++i);
      if (code !== 34 && code !== 39) return this.unsplit(from);
      let close = i + 1;
      while (close < length && xml.charCodeAt(close) !== code) close++;
      if (close >= length) return this.unsplit(from);
      this.putAttribute(count++, nameStart, nameEnd, i + 1, close);
      i = close + 1;
      code = xml.charCodeAt(i);
      if (!isSpace(code) && code !== 62 && code !== 47) return this.unsplit(from);
    }
    this.attrsOf = from;
    this.attrCount = count;
    return i;
  }

  /** The bounds of attribute number `n`: its name and its value without the quotes. */
  private putAttribute(n: number, nameStart: number, nameEnd: number, valueStart: number, valueEnd: number): void {
    if ((n + 1) * 4 > this.bounds.length) {
      const grown = new Int32Array(this.bounds.length * 2);
      grown.set(this.bounds);
      this.bounds = grown;
    }
    const at = n * 4;
    this.bounds[at] = nameStart;
    this.bounds[at + 1] = nameEnd;
    this.bounds[at + 2] = valueStart;
    this.bounds[at + 3] = valueEnd;
  }

  /** The tag's end found the careful way, its attributes left to be split when asked for. */
  private unsplit(from: number): number {
    this.attrsOf = -1;
    return this.tagClose(from);
  }

  next(): Token {
    if (this.pendingClose) {
      this.pendingClose = false;
      this.selfClosing = false;
      return Token.Close;
    }
    const xml = this.xml;
    for (;;) {
      const start = this.pos;
      this.tokenStart = start;
      if (start >= xml.length) {
        if (this.stack.length > 0 && !this.partial)
          throw new XmlSyntaxError(`the element ${this.stack[this.stack.length - 1]} is not closed`, start);
        return Token.End;
      }
      if (xml.charCodeAt(start) !== 60 /* < */) {
        const lt = xml.indexOf("<", start);
        const end = lt < 0 ? xml.length : lt;
        this.pos = end;
        if (this.stack.length === 0) continue; // whitespace around the root
        this.textStart = start;
        this.textEnd = end;
        this.textPlain = !hasAmpersand(xml, start, end);
        if (this.decodeText) this.text = this.textPlain ? xml.slice(start, end) : decodeEntities(xml.slice(start, end), start);
        else if (!this.textPlain) decodeEntities(xml.slice(start, end), start);
        return Token.Text;
      }
      const second = xml.charCodeAt(start + 1);
      if (second === 33 /* ! */) {
        if (xml.startsWith("<![CDATA[", start)) {
          const end = xml.indexOf("]]>", start + 9);
          if (end < 0) throw new XmlSyntaxError("a CDATA section that never ends", start);
          this.pos = end + 3;
          this.textStart = start + 9;
          this.textEnd = end;
          this.textPlain = true;
          this.text = xml.slice(start + 9, end);
          return Token.Text;
        }
        const comment = xml.startsWith("<!--", start);
        const close = comment ? xml.indexOf("-->", start + 4) : xml.indexOf(">", start);
        if (close < 0) throw new XmlSyntaxError("a comment or declaration that never ends", start);
        this.pos = close + (comment ? 3 : 1);
        continue;
      }
      if (second === 63 /* ? */) {
        const end = xml.indexOf("?>", start + 2);
        if (end < 0) throw new XmlSyntaxError("a processing instruction that never ends", start);
        this.pos = end + 2;
        continue;
      }
      if (second === 47 /* / */) {
        // The usual end tag names the open element and ends at once: matched without cutting its name out.
        const open = this.stack.pop();
        const openLocal = this.localStack.pop();
        if (open !== undefined && xml.charCodeAt(start + 2 + open.length) === 62 && holdsAt(xml, open, start + 2)) {
          this.pos = start + 3 + open.length;
          this.name = openLocal as string;
          return Token.Close;
        }
        const end = xml.indexOf(">", start + 2);
        if (end < 0) throw new XmlSyntaxError("an end tag that never ends", start);
        const raw = xml.slice(start + 2, end).trimEnd();
        if (open !== raw) throw new XmlSyntaxError(`</${raw}> closes <${open ?? "nothing"}>`, start);
        this.pos = end + 1;
        this.name = this.local(raw);
        return Token.Close;
      }
      let nameEnd = start + 1;
      while (nameEnd < xml.length && !isNameEnd(xml.charCodeAt(nameEnd))) nameEnd++;
      if (nameEnd === start + 1) throw new XmlSyntaxError("a tag without a name", start);
      const raw = this.knownName(start + 1, nameEnd);
      const end = xml.charCodeAt(nameEnd) === 62 ? nameEnd : this.splitToClose(nameEnd);
      this.tagStart = nameEnd;
      this.tagEnd = end;
      this.pos = end + 1;
      this.name = this.knownLocal;
      this.selfClosing = xml.charCodeAt(end - 1) === 47;
      if (this.selfClosing) {
        this.tagEnd = end - 1;
        this.pendingClose = true;
      } else {
        this.stack.push(raw);
        this.localStack.push(this.knownLocal);
      }
      return Token.Open;
    }
  }

  /**
   * Where the next token starts, or -1 when a self-closing element's Close token is still to come.
   * With skipTo, lets a reader take whole elements it recognises itself.
   */
  get position(): number {
    return this.pendingClose ? -1 : this.pos;
  }

  /**
   * Goes on from `at`, past whole elements the reader took itself from `position` on: the open
   * elements stay as they were, so what was taken must have been complete, children of the
   * element open now.
   */
  skipTo(at: number): void {
    this.pos = at;
    this.tokenStart = at;
  }

  /**
   * Called just after the element `outer` (its name as written, without a prefix) opened: when
   * what follows is exactly `<inner>text</inner></outer>`, the four tokens it would give are
   * taken at once and true is returned, the text's bounds and plainness set as for a Text token
   * (textStart = textEnd when the element is empty) but `text` not made; nothing is consumed
   * otherwise. A worksheet is millions of `<c …><v>12</v></c>`, and a token at a time was a good
   * part of its read.
   */
  simpleChild(outer: string, inner: string): boolean {
    if (this.pendingClose || this.stack[this.stack.length - 1] !== outer) return false;
    const xml = this.xml;
    const start = this.pos;
    if (xml.charCodeAt(start) !== 60 || !holdsAt(xml, inner, start + 1)) return false;
    const textStart = start + inner.length + 1;
    if (xml.charCodeAt(textStart) !== 62) return false;
    let lt = textStart + 1;
    while (lt < xml.length && xml.charCodeAt(lt) !== 60) lt++;
    // `</inner></outer>` without a space before either ">", which an end tag may have.
    let at = lt + 1;
    if (xml.charCodeAt(at) !== 47 || !holdsAt(xml, inner, at + 1)) return false;
    at += inner.length + 1;
    if (xml.charCodeAt(at) !== 62 || xml.charCodeAt(at + 1) !== 60 || xml.charCodeAt(at + 2) !== 47 || !holdsAt(xml, outer, at + 3))
      return false;
    at += outer.length + 3;
    if (xml.charCodeAt(at) !== 62) return false;
    this.textStart = textStart + 1;
    this.textEnd = lt;
    this.textPlain = !hasAmpersand(xml, textStart + 1, lt);
    this.tokenStart = lt + inner.length + 3;
    this.pos = at + 1;
    this.stack.pop();
    this.localStack.pop();
    return true;
  }

  /**
   * An attribute of the element just opened, by its name as written (e.g. "r", "t", "r:id"),
   * decoded; undefined when the element has none of that name. The tag is split into attribute
   * bounds once, on the first question about it, without making a string of any name.
   */
  attr(name: string): string | undefined {
    if (this.attrsOf !== this.tagStart) this.splitAttributes();
    const xml = this.xml;
    const bounds = this.bounds;
    for (let i = 0; i < this.attrCount * 4; i += 4) {
      if (bounds[i + 1] - bounds[i] === name.length && holdsAt(xml, name, bounds[i]))
        return hasAmpersand(xml, bounds[i + 2], bounds[i + 3])
          ? decodeEntities(xml.slice(bounds[i + 2], bounds[i + 3]), bounds[i])
          : xml.slice(bounds[i + 2], bounds[i + 3]);
    }
    return undefined;
  }

  /**
   * Whether the element just opened has the attribute `name`; if so its value is the text from
   * valueStart to valueEnd, holding no entity when valuePlain (else attr decodes it). Lets a
   * reader take a number or a cell reference from the text without a string made for it.
   */
  hasAttr(name: string): boolean {
    if (this.attrsOf !== this.tagStart) this.splitAttributes();
    const xml = this.xml;
    const bounds = this.bounds;
    for (let i = 0; i < this.attrCount * 4; i += 4) {
      if (bounds[i + 1] - bounds[i] === name.length && holdsAt(xml, name, bounds[i])) {
        this.valueStart = bounds[i + 2];
        this.valueEnd = bounds[i + 3];
        this.valuePlain = !hasAmpersand(xml, this.valueStart, this.valueEnd);
        return true;
      }
    }
    return false;
  }

  valueStart = 0;
  valueEnd = 0;
  valuePlain = true;

  private attrsOf = -1;
  private attrCount = 0;
  /** Name start, name end, value start, value end of each attribute of the current tag. */
  private bounds = new Int32Array(64);

  private splitAttributes(): void {
    const xml = this.xml;
    const end = this.tagEnd;
    this.attrsOf = this.tagStart;
    this.attrCount = 0;
    let i = this.tagStart;
    for (;;) {
      while (i < end && isSpace(xml.charCodeAt(i))) i++;
      if (i >= end) return;
      const nameStart = i;
      while (i < end && !isSpace(xml.charCodeAt(i)) && xml.charCodeAt(i) !== 61) i++;
      const nameEnd = i;
      while (i < end && isSpace(xml.charCodeAt(i))) i++;
      if (xml.charCodeAt(i) !== 61 /* = */)
        throw new XmlSyntaxError(`the attribute ${xml.slice(nameStart, nameEnd)} has no value`, nameStart);
      i++;
      while (i < end && isSpace(xml.charCodeAt(i))) i++;
      const quote = xml.charCodeAt(i);
      let close = -1;
      if (quote === 34 || quote === 39) for (let j = i + 1; j < xml.length && close < 0; j++) if (xml.charCodeAt(j) === quote) close = j;
      if (close < 0 || close > end)
        throw new XmlSyntaxError(`the attribute ${xml.slice(nameStart, nameEnd)} has no quoted value`, nameStart);
      this.putAttribute(this.attrCount++, nameStart, nameEnd, i + 1, close);
      i = close + 1;
    }
  }
}
