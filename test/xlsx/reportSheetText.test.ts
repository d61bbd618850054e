/**
 * The report's text cells as the worksheet writer writes them: text with nothing to escape goes
 * out as it is, and every text that needs escaping, Excel's _xHHHH_ or xml:space still gets it.
 * Guards the writer's one-pass test for plain text against the escapes it lets text skip.
 */
import { layoutCells, reportSheetParts } from "../../src/adapters/xlsx/reportSheet";
import type { AppendedStyles } from "../../src/adapters/xlsx/styleWriter";
import type { ReportLayout } from "../../src/domain/sheets/reportLayout";

/** The XML of the cell in A1 of a sheet holding only `text` there. */
function writtenCell(text: string): string {
  const layout: ReportLayout = {
    sheetName: "Report",
    cells: [{ row: 0, col: 0, value: text }],
    tables: [],
    statusRules: [],
    dataBar: { min: 0, max: 1, color: "00FF00" },
    columnWidths: [],
    charts: [],
  };
  const styles = { cellXfs: new Map(), dxfs: new Map() } as unknown as AppendedStyles;
  const { sheetXml } = reportSheetParts(layout, layoutCells(layout), styles, [], [], undefined);
  const cell = /<c r="A1".*?<\/c>/s.exec(sheetXml);
  return cell ? cell[0] : "";
}

const inline = (t: string) => `<c r="A1" t="inlineStr"><is>${t}</is></c>`;

describe("report text cells", () => {
  it.each([
    ["plain text", "Initiative 12", inline("<t>Initiative 12</t>")],
    ["non-ASCII inside", "café · 顧客", inline("<t>café · 顧客</t>")],
    ["an underscore that is no escape", "a_b", inline("<t>a_b</t>")],
  ])("writes %s as it is", (_, text, xml) => {
    expect(writtenCell(text)).toBe(xml);
  });

  it.each([
    ["&, < and >", "a&b<c>", inline("<t>a&amp;b&lt;c&gt;</t>")],
    ["text that reads as Excel's escape", "_x0041_", inline("<t>_x005F_x0041_</t>")],
    ["a control character", "\u0001x", inline("<t>_x0001_x</t>")],
    ["a leading space", " lead", inline('<t xml:space="preserve"> lead</t>')],
    ["a trailing space", "trail ", inline('<t xml:space="preserve">trail </t>')],
    ["a line break", "a\nb", inline('<t xml:space="preserve">a\nb</t>')],
    ["a leading no-break space", "\u00A0x", inline('<t xml:space="preserve">\u00A0x</t>')],
    ["a trailing tab", "x\t", inline('<t xml:space="preserve">x\t</t>')],
    ["an empty text", "", inline("<t></t>")],
  ])("escapes %s as before", (_, text, xml) => {
    expect(writtenCell(text)).toBe(xml);
  });
});
