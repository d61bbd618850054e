/**
 * The encodings OPC allows a part (UTF-8 and UTF-16, with or without a byte-order mark): each is
 * recognised from its bytes, decoded, and written back in the same form, byte for byte.
 */
import { decodePart, encodePart, formForText, NEW_PART_FORM, type PartForm } from "../../src/adapters/xlsx/partText";

const FORMS: PartForm[] = [
  { encoding: "utf-8", byteOrderMark: false },
  { encoding: "utf-8", byteOrderMark: true },
  { encoding: "utf-16le", byteOrderMark: true },
  { encoding: "utf-16be", byteOrderMark: true },
  { encoding: "utf-16le", byteOrderMark: false },
  { encoding: "utf-16be", byteOrderMark: false },
];

// Accents, a non-Latin script and a character outside the Basic Multilingual Plane (a surrogate pair in UTF-16).
const XML = '<?xml version="1.0" encoding="UTF-16" standalone="yes"?>\n<sst><si><t>Épargne · 顧客 · 📈</t></si></sst>';

describe.each(FORMS.map((form) => [`${form.encoding}${form.byteOrderMark ? " with its byte-order mark" : ""}`, form] as const))(
  "%s",
  (_label, form) => {
    it("is recognised from its bytes, decoded, and written back byte for byte", () => {
      const bytes = encodePart(XML, form);
      const { text, form: read } = decodePart(bytes);
      expect(text).toBe(XML);
      expect(read).toEqual(form);
      expect(Buffer.from(encodePart(text, read)).equals(Buffer.from(bytes))).toBe(true);
    });
  },
);

it("writes the byte-order marks Excel and the XML specification expect", () => {
  expect([...encodePart("<a/>", { encoding: "utf-8", byteOrderMark: true }).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect([...encodePart("<a/>", { encoding: "utf-16le", byteOrderMark: true }).subarray(0, 4)]).toEqual([0xff, 0xfe, 0x3c, 0x00]);
  expect([...encodePart("<a/>", { encoding: "utf-16be", byteOrderMark: true }).subarray(0, 4)]).toEqual([0xfe, 0xff, 0x00, 0x3c]);
});

it("keeps the form a part was read in, unless the text written declares the other family of encodings", () => {
  const utf16: PartForm = { encoding: "utf-16be", byteOrderMark: true };
  const marked: PartForm = { encoding: "utf-8", byteOrderMark: true };
  expect(formForText('<?xml version="1.0" encoding="UTF-16"?><a/>', utf16)).toEqual(utf16);
  expect(formForText("<a/>", utf16)).toEqual(utf16);
  expect(formForText('<?xml version="1.0" encoding="UTF-8"?><a/>', marked)).toEqual(marked);
  // The add-in's own XML (declared UTF-8) over a part that was UTF-16: written as it declares.
  expect(formForText('<?xml version="1.0" encoding="UTF-8"?><a/>', utf16)).toEqual(NEW_PART_FORM);
  expect(formForText('<?xml version="1.0" encoding="UTF-8"?><a/>', undefined)).toEqual(NEW_PART_FORM);
});
