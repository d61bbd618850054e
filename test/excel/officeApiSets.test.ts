/**
 * Nothing here runs in Excel, so what can be checked without it is: every Office.js member the
 * adapter (src/adapters/office) and the pane (src/taskpane) use belongs to a requirement set manifest.xml
 * declares, or is used only where Office.context.requirements.isSetSupported says its set is
 * there. An Excel whose API is older than the member would otherwise fail at that line, in front of
 * a planner. The rules of what counts are in testkit/officeApiSets.ts.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type ts from "typescript";
import {
  manifestSets,
  officeApiUses,
  officeProgram,
  setsInNotes,
  uncovered,
  type ApiUse,
  type RequirementSet,
} from "../../testkit/officeApiSets";

const ROOT = path.join(__dirname, "..", "..");

function sourcesUnder(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((file) => /\.tsx?$/.test(file) && !file.endsWith(".d.ts"))
    .map((file) => path.join(ROOT, dir, file))
    .sort();
}

const ADD_IN = [...sourcesUnder("src/adapters/office"), ...sourcesUnder("src/taskpane")];
const DECLARED = manifestSets(fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8"));

/** Snippets for the checker's own tests, compiled with the add-in in one program. */
const SNIPPETS = {
  unguarded: `export async function f(): Promise<void> {
  await Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem("Plan");
    sheet.notes.load("items");
    await context.sync();
  });
}`,
  guarded: `export async function f(): Promise<void> {
  await Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem("Plan");
    if (Office.context.requirements.isSetSupported("ExcelApi", "1.18")) sheet.notes.load("items");
    const count = Office.context.requirements.isSetSupported("ExcelApi", "1.18") && sheet.notes.getCount();
    await context.sync();
    return count;
  });
}`,
  guardedTooLow: `export async function f(): Promise<void> {
  await Excel.run(async (context) => {
    if (Office.context.requirements.isSetSupported("ExcelApi", "1.17")) context.workbook.worksheets.getItem("Plan").notes.load("items");
    if (Office.context.requirements.isSetSupported("WordApi", "1.18")) context.workbook.worksheets.getItem("Plan").notes.load("items");
    await context.sync();
  });
}`,
  earlyReturn: `export async function f(): Promise<void> {
  if (!Office.context.requirements.isSetSupported("ExcelApi", "1.18")) return;
  await Excel.run(async (context) => {
    context.workbook.worksheets.getItem("Plan").notes.load("items");
    await context.sync();
  });
}`,
} as const;

const snippetFile = (name: keyof typeof SNIPPETS) => path.join(ROOT, "test", "excel", `__snippet_${name}.ts`);

let program: ts.Program;
beforeAll(() => {
  program = officeProgram(
    ADD_IN,
    new Map(Object.entries(SNIPPETS).map(([name, text]) => [snippetFile(name as keyof typeof SNIPPETS), text])),
  );
}, 120_000);

const snippetUses = (name: keyof typeof SNIPPETS): ApiUse[] => officeApiUses(program, [snippetFile(name)]);
const problems = (uses: readonly ApiUse[], declared: readonly RequirementSet[] = DECLARED) =>
  uses.map((use) => uncovered(use, declared)).filter((p): p is string => p !== undefined);

describe("the Office.js members the add-in uses", () => {
  it("reads the manifest's requirement sets: ExcelApi 1.12 at least", () => {
    expect(DECLARED).toEqual(
      expect.arrayContaining([
        { name: "ExcelApi", version: "1.12" },
        { name: "SharedRuntime", version: "1.1" },
      ]),
    );
  });

  it("all belong to a requirement set the manifest declares, or are guarded by isSetSupported", () => {
    const uses = officeApiUses(program, ADD_IN);
    expect(problems(uses)).toEqual([]);
    // The check sees what it should: the newest Excel member the adapter relies on, and the settings of the Common API.
    expect(uses).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: path.join("src", "adapters", "office", "writeRequests.ts"),
          member: "Application.suspendScreenUpdatingUntilNextSync",
          set: { name: "ExcelApi", version: "1.9" },
        }),
        expect.objectContaining({ member: "WorkbookProtection.protected", set: { name: "ExcelApi", version: "1.7" } }),
        expect.objectContaining({ member: "Settings.saveAsync", set: { name: "Settings", version: "1.1" } }),
      ]),
    );
    expect(uses.length).toBeGreaterThan(50);
  });
});

describe("the help link", () => {
  it("opens the system's browser through OpenBrowserWindowApi 1.1 only under isSetSupported, which Excel on the web lacks", () => {
    const uses = officeApiUses(program, ADD_IN).filter((use) => use.member === "UI.openBrowserWindow");
    expect(uses).toEqual([
      expect.objectContaining({
        file: path.join("src", "taskpane", "components", "shared", "HelpLink.tsx"),
        set: { name: "OpenBrowserWindowApi", version: "1.1" },
        guards: [{ name: "OpenBrowserWindowApi", version: "1.1" }],
      }),
    ]);
    expect(DECLARED.map((set) => set.name)).not.toContain("OpenBrowserWindowApi");
  });
});

describe("the requirement-set checker", () => {
  it("reads a member's set from its note, the highest version a note names, and the Common API's sets", () => {
    expect(setsInNotes("* @remarks\n* [Api set: ExcelApi 1.9]")).toEqual([{ name: "ExcelApi", version: "1.9" }]);
    expect(setsInNotes("[Api set: ExcelApi 1.1 for get, 1.8 for set]")).toEqual([{ name: "ExcelApi", version: "1.8" }]);
    expect(setsInNotes("[Api set: ExcelApi 1.1 for String,Integer,Double,Boolean,Range,Error; 1.7 for Array]")).toEqual([
      { name: "ExcelApi", version: "1.7" },
    ]);
    expect(setsInNotes("**Requirement set**: {@link https://learn.microsoft.com/x#settings | Settings}")).toEqual([
      { name: "Settings", version: "1.1" },
    ]);
    expect(setsInNotes("**Requirement set**: {@link https://learn.microsoft.com/y | SharedRuntime 1.2}")).toEqual([
      { name: "SharedRuntime", version: "1.2" },
    ]);
    expect(setsInNotes("**Requirement set**: {@link https://learn.microsoft.com/z#not | Not in a set}")).toEqual([]);
  });

  it("fails a member newer than the manifest's ExcelApi used unguarded", () => {
    const uses = snippetUses("unguarded");
    expect(uses.find((use) => use.member === "Worksheet.notes")).toMatchObject({
      set: { name: "ExcelApi", version: "1.18" },
      guards: [],
      line: 4,
    });
    expect(problems(uses)).toEqual([
      `${path.join("test", "excel", "__snippet_unguarded.ts")}:4 Worksheet.notes needs ExcelApi 1.18, the manifest declares ExcelApi 1.12: guard it with Office.context.requirements.isSetSupported("ExcelApi", "1.18") or raise the manifest's requirement`,
    ]);
    // Declared at 1.18, the same use is fine.
    expect(problems(uses, [{ name: "ExcelApi", version: "1.18" }])).toEqual([]);
  });

  it("passes the same member inside an if or after an && on isSetSupported of its set", () => {
    const uses = snippetUses("guarded");
    expect(uses.filter((use) => use.member === "Worksheet.notes")).toHaveLength(2);
    expect(problems(uses)).toEqual([]);
  });

  it("still fails it under a guard of a lower version or of another set", () => {
    expect(problems(snippetUses("guardedTooLow"))).toHaveLength(2);
  });

  it("does not take an early return for a guard", () => {
    expect(problems(snippetUses("earlyReturn"))).toHaveLength(1);
  });

  it("fails a set the manifest does not declare at all", () => {
    const settings = officeApiUses(program, ADD_IN).filter((use) => use.set.name === "Settings");
    expect(settings.length).toBeGreaterThan(0);
    expect(problems(settings, [{ name: "ExcelApi", version: "1.12" }])[0]).toMatch(
      /needs Settings 1\.1, the manifest does not declare Settings/,
    );
  });
});
