/**
 * The fake of Excel (testkit/fakeExcel) holds to what Microsoft documents, so that the adapter
 * tested on it cannot pass on a belief the two share: its proxies compile only as parts of
 * @types/office-js, and the rules it applies are Excel's.
 */
import * as path from "node:path";
import ts from "typescript";
import { FakeExcel, FakeOfficeError } from "../../testkit/fakeExcel";
import { officeProgram } from "../../testkit/officeApiSets";

const HEADER = `import { ClientProxy, type PartOf } from "../../testkit/fakeExcel/requestQueue";\n`;

/** Proxies as the fake writes them, each against Excel.Range. */
const SNIPPETS = {
  faithful: `type Face = Pick<Excel.Range, "values" | "rowCount">;
export class P extends ClientProxy<null> implements PartOf<Excel.Range, Face, P> {
  values: unknown[][] = [];
  rowCount = 0;
}`,
  misspelt: `type Face = Pick<Excel.Range, "values"> & { readonly adress: string };
export class P extends ClientProxy<null> implements PartOf<Excel.Range, Face, P> {
  values: unknown[][] = [];
  adress = "";
}`,
  mistyped: `type Face = { readonly rowCount: string };
export class P extends ClientProxy<null> implements PartOf<Excel.Range, Face, P> {
  rowCount = "";
}`,
  beyondItsFace: `type Face = Pick<Excel.Range, "values">;
export class P extends ClientProxy<null> implements PartOf<Excel.Range, Face, P> {
  values: unknown[][] = [];
  getCel(): void {}
}`,
} as const;

const snippetFile = (name: keyof typeof SNIPPETS) => path.join(__dirname, `__fake_${name}.ts`);

let program: ts.Program;
beforeAll(() => {
  program = officeProgram(
    [],
    new Map(Object.entries(SNIPPETS).map(([name, body]) => [snippetFile(name as keyof typeof SNIPPETS), HEADER + body])),
  );
}, 120_000);

const errors = (name: keyof typeof SNIPPETS) =>
  ts
    .getPreEmitDiagnostics(program, program.getSourceFile(snippetFile(name)))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))
    .join("\n");

describe("a proxy of the fake", () => {
  it("compiles when every member it offers is Excel's, with Excel's type", () => {
    expect(errors("faithful")).toBe("");
  });

  it("fails to compile when it names a member Excel does not have", () => {
    expect(errors("misspelt")).toMatch(/Property 'adress' is missing in type 'Range'/);
  });

  it("fails to compile when it types a member otherwise than Excel", () => {
    expect(errors("mistyped")).toMatch(/Type 'Range' does not satisfy the constraint/);
  });

  it("fails to compile when it offers a public member beyond its face", () => {
    expect(errors("beyondItsFace")).toMatch(/Property 'getCel' in type 'P'[\s\S]*is not a member of Excel's type/);
  });
});

describe("the fake's rules", () => {
  const fake = () => new FakeExcel().seed([{ name: "S", values: [["a"], [1]], origin: { row: 0, col: 0 } }]);

  it("throws PropertyNotLoaded on reading a property that was only set", async () => {
    await fake().run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      sheet.tabColor = "#0F6CBD";
      await context.sync();
      expect(() => sheet.tabColor).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  it("refuses a table over another with MergedRangeConflict", async () => {
    const excel = fake();
    await expect(
      excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("S");
        sheet.tables.add("A1:A2", true);
        sheet.tables.add("A1:A2", true);
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "MergedRangeConflict" });
    expect(excel.tables).toHaveLength(1);
  });

  it.each(["x".repeat(32), "a[1]", "a:b", "'quoted", "history"])("refuses the sheet name %j as Excel does", async (name) => {
    await expect(
      fake().run(async (context) => {
        context.workbook.worksheets.add(name);
        await context.sync();
      }),
    ).rejects.toBeInstanceOf(FakeOfficeError);
  });

  it("syncs what a batch left queued when Excel.run ends", async () => {
    const excel = fake();
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("B1").values = [["b"]];
    });
    expect(excel.syncCount).toBe(1);
    expect(excel.sheet("S")?.at("B1")?.value).toBe("b");
  });
});

describe("the fake's custom XML parts", () => {
  const REVIEW = "http://schemas.contoso.com/review/1.0";

  it("adds a part, finds it by its root element's namespace, and hands its XML back after the sync only", async () => {
    const excel = new FakeExcel();
    await excel.run(async (context) => {
      context.workbook.customXmlParts.add(`<Reviewers xmlns="${REVIEW}"><Reviewer>Juan</Reviewer></Reviewers>`);
      context.workbook.customXmlParts.add('<Other xmlns="urn:other"/>');
      const found = context.workbook.customXmlParts.getByNamespace(REVIEW).load("items/id,items/namespaceUri");
      await context.sync();
      expect(found.items.map((part) => part.namespaceUri)).toEqual([REVIEW]);
      const xml = found.items[0].getXml();
      expect(() => xml.value).toThrow(FakeOfficeError);
      await context.sync();
      expect(xml.value).toBe(`<Reviewers xmlns="${REVIEW}"><Reviewer>Juan</Reviewer></Reviewers>`);
    });
    expect(excel.customXmlParts).toHaveLength(2);
  });

  it("refuses XML that is not well formed, and a part deleted is gone for every later action", async () => {
    const excel = new FakeExcel();
    await expect(
      excel.run(async (context) => {
        context.workbook.customXmlParts.add("<a><b></a>");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    excel.addCustomXmlPart(`<r xmlns="${REVIEW}"/>`);
    await expect(
      excel.run(async (context) => {
        const parts = context.workbook.customXmlParts.getByNamespace(REVIEW).load("items/id");
        await context.sync();
        parts.items[0].delete();
        parts.items[0].setXml(`<r xmlns="${REVIEW}">again</r>`);
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemNotFound" });
    expect(excel.customXmlParts).toEqual([]);
  });
});
