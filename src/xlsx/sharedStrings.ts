/**
 * The shared strings table (xl/sharedStrings.xml): the text of every `<si>`, plain or rich (the
 * runs' text joined), without the phonetic guides (`<rPh>`) that East Asian text may carry. It can
 * be as large as the largest sheet, so it goes through the fast tokenizer.
 */
import { unescapeExcelText } from "./xml";
import { Token, XmlTokens } from "./xmlTokens";

export function readSharedStrings(xml: string): string[] {
  const strings: string[] = [];
  let current: string | undefined;
  let inText = false;
  let phonetic = 0;
  const tokens = new XmlTokens(xml);
  for (let token = tokens.next(); token !== Token.End; token = tokens.next()) {
    if (token === Token.Text) {
      if (inText && current !== undefined) current += tokens.text;
    } else if (token === Token.Open) {
      if (tokens.name === "si") current = "";
      else if (tokens.name === "t") inText = phonetic === 0;
      else if (tokens.name === "rPh") phonetic++;
    } else if (tokens.name === "t") inText = false;
    else if (tokens.name === "rPh") phonetic--;
    else if (tokens.name === "si" && current !== undefined) {
      strings.push(unescapeExcelText(current));
      current = undefined;
    }
  }
  return strings;
}
