/**
 * The limits the Office adapter and its fake believe in come with the page of Microsoft's
 * documentation that states them, or say that they are beliefs (unsourced, or measured): a
 * figure about Excel that nobody can trace is how a wrong one survives. Checked on every
 * top-level constant whose value is a number, in the adapter and in the fake of Excel.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";

const ROOT = path.join(__dirname, "..", "..");
/** Where the limits are kept: the adapter's, and the fake's of its workbook and of its requests. */
const FILES = ["src/adapters/office/officeLimits.ts", "testkit/fakeExcel/model.ts", "testkit/fakeExcel/requestQueue.ts"];
/** Every file of the adapter and of the fake, so that a figure put elsewhere is held to the same rule. */
const ALL_FILES = ["src/adapters/office", "testkit/fakeExcel"].flatMap((dir) =>
  fs
    .readdirSync(path.join(ROOT, dir))
    .filter((file) => file.endsWith(".ts"))
    .map((file) => `${dir}/${file}`),
);

/** Each top-level `const NAME = <number>` of a source text with the comments written above its statement. */
function numericConstants(text: string): { name: string; comment: string }[] {
  const source = ts.createSourceFile("limits.ts", text, ts.ScriptTarget.Latest, true);
  const found: { name: string; comment: string }[] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const comment = (ts.getLeadingCommentRanges(text, statement.getFullStart()) ?? []).map((r) => text.slice(r.pos, r.end)).join("\n");
    for (const declaration of statement.declarationList.declarations) {
      if (declaration.initializer && ts.isNumericLiteral(declaration.initializer) && ts.isIdentifier(declaration.name))
        found.push({ name: declaration.name.text, comment });
    }
  }
  return found;
}

/** A page of Microsoft's, or a pointer to one cited nearby in the same file. */
const SOURCED = /https:\/\/(learn|support)\.microsoft\.com\/|same page|see the top of this file|\(above\)/i;
/** "Unsourced belief", "measured belief"… */
const BELIEF = /\bbelief\b/i;

const untraced = (text: string) =>
  numericConstants(text)
    .filter((c) => !SOURCED.test(c.comment) && !BELIEF.test(c.comment))
    .map((c) => c.name);

describe.each(FILES)("the limits in %s", (file) => {
  it("each cite Microsoft's documentation or are marked as beliefs", () => {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    expect(numericConstants(text).length).toBeGreaterThan(1);
    expect(untraced(text)).toEqual([]);
  });
});

it.each(ALL_FILES)("%s holds no figure without a source or a belief", (file) => {
  expect(untraced(fs.readFileSync(path.join(ROOT, file), "utf8"))).toEqual([]);
});

it("finds a limit without a source or a belief", () => {
  const text =
    "/** Cells per read. */\nexport const CELLS = 100_000;\n/** 5 MB: https://learn.microsoft.com/x */\nexport const BYTES = 5_000_000;\n/** Unsourced belief. */\nconst STEP = 256;\n";
  expect(numericConstants(text).map((c) => c.name)).toEqual(["CELLS", "BYTES", "STEP"]);
  expect(untraced(text)).toEqual(["CELLS"]);
});
