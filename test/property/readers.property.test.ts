/**
 * The hand-written fast paths of the readers against the plain definitions they replace: an ID
 * list split on runs of "," ";" and line breaks, trimmed, blanks and repeats (by key) left out.
 */
import fc from "fast-check";
import { idKey, readIdList, splitIds } from "../../src/domain/common/values";

function reference(text: string): string[] {
  const seen = new Set<string>();
  const ids: string[] = [];
  for (const part of text.split(/[,;\r\n]+/)) {
    const id = part.trim();
    if (id && !seen.has(idKey(id))) {
      seen.add(idKey(id));
      ids.push(id);
    }
  }
  return ids;
}

const idText = fc
  .array(
    fc.oneof(
      fc.constantFrom(",", ";", "\n", "\r\n", " ", "\u00a0", "\t", "b1", "B1", " b1 ", "K12", "Ü-7", "x"),
      fc.string({ maxLength: 4 }),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(""));

describe("reading ID lists", () => {
  it("splitIds gives what splitting with the regular expression gives, order included", () => {
    fc.assert(
      fc.property(idText, (text) => {
        const trimmed = text.trim();
        expect(splitIds(trimmed)).toEqual(reference(trimmed));
      }),
      { numRuns: 2000 },
    );
  });

  it("readIdList reads text, numbers and long lists the same way", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          idText,
          fc
            .array(
              fc.integer({ min: 1, max: 40 }).map((n) => `B${n}`),
              { maxLength: 60 },
            )
            .map((ids) => ids.join(";")),
        ),
        (text) => {
          expect(readIdList(text)).toEqual(reference(text.trim()));
        },
      ),
      { numRuns: 1000 },
    );
    expect(readIdList(12)).toEqual(["12"]);
    expect(readIdList({ error: "#N/A" })).toEqual([]);
  });
});
