/**
 * The fake's proxies of a range, its format and its conditional formats, typed against
 * @types/office-js (PartOf in requestQueue.ts). How a value or number format lands in a cell is
 * the model's (model.ts, FakeSheet.write and setNumberFormat), with its source there.
 */
import {
  a1,
  colsOf,
  FakeOfficeError,
  invalid,
  rowsOf,
  SHEET_ROWS,
  type Bounds,
  type FakeConditionalFormat,
  type FakeFont,
  type Target,
} from "./model";
import { ClientProxy, pick, type Loaded, type PartOf, type RequestQueue } from "./requestQueue";

export type RangeFace = Pick<
  Excel.Range,
  "values" | "numberFormat" | "address" | "rowIndex" | "columnIndex" | "rowCount" | "columnCount" | "isNullObject" | "select"
> & {
  readonly format: RangeFormatFace;
  readonly conditionalFormats: ConditionalFormatCollectionFace;
  getEntireColumn(): RangeFace;
  load(propertyNames?: string | string[]): RangeFace;
};

/** Range (https://learn.microsoft.com/javascript/api/excel/excel.range). */
export class RangeProxy extends ClientProxy<Target> implements PartOf<Excel.Range, RangeFace, RangeProxy> {
  readonly format: RangeFormatProxy;
  readonly conditionalFormats: ConditionalFormatCollectionProxy;

  constructor(queue: RequestQueue, path: string, find: () => Target | null) {
    super(queue, path, find);
    this.format = new RangeFormatProxy(queue, `${path}.format`, () => this.resolve());
    this.conditionalFormats = new ConditionalFormatCollectionProxy(queue, `${path}.conditionalFormats`, () => this.resolve());
  }

  /** A range of an *OrNullObject method that found nothing (application-specific-api-model#ornullobject-methods-and-properties). */
  get isNullObject(): boolean {
    return this.read("isNullObject");
  }
  get values(): unknown[][] {
    return this.read("values");
  }
  set values(matrix: unknown[][]) {
    this.queueSet("values", matrix, ({ sheet, bounds }) => {
      checkShape(matrix, bounds);
      matrix.forEach((line, r) => line.forEach((value, c) => sheet.write(bounds.top + r, bounds.left + c, value)));
    });
  }
  get numberFormat(): string[][] {
    return this.read("numberFormat");
  }
  set numberFormat(matrix: (string | null)[][]) {
    this.queueSet("numberFormat", matrix, ({ sheet, bounds }) => {
      checkShape(matrix, bounds);
      matrix.forEach((line, r) => line.forEach((format, c) => sheet.setNumberFormat(bounds.top + r, bounds.left + c, format)));
    });
  }
  get address(): string {
    return this.read("address");
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }

  select(): void {
    this.queueCall("select", [], (target) => this.queue.workbook.select(target));
  }

  /** Range.getEntireColumn: "if the current range represents cells "B4:E11", its getEntireColumn is a range that represents columns "B:E"" (Range page above). */
  getEntireColumn(): RangeProxy {
    return new RangeProxy(this.queue, `${this.path}.getEntireColumn()`, () => {
      const { sheet, bounds } = this.resolve();
      return { sheet, bounds: { top: 0, left: bounds.left, bottom: SHEET_ROWS - 1, right: bounds.right } };
    });
  }

  /** Values and number formats come as one matrix each, within the limit of cells a read may return (requestQueue.ts). */
  protected override snapshot(props: readonly string[], target: Target | null): Loaded {
    if (!target) return { data: { isNullObject: true } };
    const { sheet, bounds } = target;
    const matrix = <T>(cell: (row: number, col: number) => T): T[][] | null => {
      if (!this.queue.canRead(rowsOf(bounds) * colsOf(bounds))) return null;
      return Array.from({ length: rowsOf(bounds) }, (_, r) =>
        Array.from({ length: colsOf(bounds) }, (_, c) => cell(bounds.top + r, bounds.left + c)),
      );
    };
    const data = pick(
      props,
      {
        values: () => matrix((r, c) => sheet.read(r, c)),
        numberFormat: () => matrix((r, c) => sheet.cell(r, c)?.numberFormat ?? "General"),
        address: () => this.queue.workbook.addressOf(target),
        rowIndex: () => bounds.top,
        columnIndex: () => bounds.left,
        rowCount: () => rowsOf(bounds),
        columnCount: () => colsOf(bounds),
      },
      "range",
    );
    return { data: { isNullObject: false, ...data } };
  }
}

/** A matrix set on a range must have its shape; Excel's message for one that does not. */
function checkShape(matrix: readonly (readonly unknown[])[], bounds: Bounds): void {
  const rows = rowsOf(bounds);
  const cols = colsOf(bounds);
  if (!Array.isArray(matrix) || matrix.length !== rows || matrix.some((line) => !Array.isArray(line) || line.length !== cols)) {
    throw invalid(`The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rows}×${cols}).`);
  }
}

type RangeFormatFace = Pick<Excel.RangeFormat, "columnWidth" | "autofitColumns"> & { readonly font: RangeFontFace };

/** RangeFormat (https://learn.microsoft.com/javascript/api/excel/excel.rangeformat). */
class RangeFormatProxy extends ClientProxy<Target> implements PartOf<Excel.RangeFormat, RangeFormatFace, RangeFormatProxy> {
  readonly font = new RangeFontProxy(this.queue, `${this.path}.font`, () => this.resolve());

  get columnWidth(): number {
    return this.read("columnWidth");
  }

  /** RangeFormat.columnWidth: "Specifies the width of all columns within the range" (RangeFormat page above); the fake keeps the number as given. */
  set columnWidth(points: number) {
    this.queueSet("columnWidth", points, ({ sheet, bounds }) => {
      for (let c = bounds.left; c <= bounds.right; c++) sheet.columnWidths.set(c, points);
    });
  }

  /** RangeFormat.autofitColumns: "Changes the width of the columns of the current range to achieve the best fit"; the fake records which. */
  autofitColumns(): void {
    this.queueCall("autofitColumns", [], ({ sheet, bounds }) => {
      for (let c = bounds.left; c <= bounds.right; c++) sheet.autofitColumns.add(c);
    });
  }
}

type RangeFontFace = Pick<Excel.RangeFont, "bold" | "italic" | "size" | "color">;

/** RangeFont (https://learn.microsoft.com/javascript/api/excel/excel.rangefont): set on every cell of the range. */
class RangeFontProxy extends ClientProxy<Target> implements PartOf<Excel.RangeFont, RangeFontFace, RangeFontProxy> {
  private change(prop: keyof FakeFont, value: boolean | number | string): void {
    this.queueSet(prop, value, ({ sheet, bounds }) => {
      if (bounds.bottom - bounds.top > 100_000) throw invalid("The fake formats at most 100,000 rows at a time.");
      for (let r = bounds.top; r <= bounds.bottom; r++) {
        for (let c = bounds.left; c <= bounds.right; c++) {
          const cell = sheet.ensure(r, c);
          cell.font = { ...cell.font, [prop]: value };
        }
      }
    });
  }

  get bold(): boolean {
    return this.read("bold");
  }
  set bold(value: boolean) {
    this.change("bold", value);
  }
  get italic(): boolean {
    return this.read("italic");
  }
  set italic(value: boolean) {
    this.change("italic", value);
  }
  get size(): number {
    return this.read("size");
  }
  set size(value: number) {
    this.change("size", value);
  }
  get color(): string {
    return this.read("color");
  }
  set color(value: string) {
    this.change("color", value);
  }
}

/** The type as a string: Excel takes the enum's values or their names' strings ("CellValue"). */
type ConditionalFormatCollectionFace = { add(type: string): ConditionalFormatFace };

/**
 * ConditionalFormatCollection.add: "Adds a new conditional format to the collection"
 * (https://learn.microsoft.com/javascript/api/excel/excel.conditionalformatcollection); the
 * format applies to the range it was added on.
 */
class ConditionalFormatCollectionProxy
  extends ClientProxy<Target>
  implements PartOf<Excel.ConditionalFormatCollection, ConditionalFormatCollectionFace, ConditionalFormatCollectionProxy>
{
  add(type: string): ConditionalFormatProxy {
    let created: FakeConditionalFormat | undefined;
    this.queueCall("add", [type], ({ sheet, bounds }) => {
      created = { type, address: a1(bounds) };
      sheet.conditionalFormats.push(created);
    });
    return new ConditionalFormatProxy(this.queue, `${this.path}.add(${type})`, (wanted) => {
      if (!created) throw new FakeOfficeError("InvalidOperation", "The conditional format was used before it was added.");
      if (created.type !== wanted) throw invalid(`Only a ${wanted} format has ${wanted} properties.`);
      return created;
    });
  }
}

type ConditionalFormatFace = { readonly cellValue: CellValueFormatFace; readonly dataBar: DataBarFormatFace };

/**
 * ConditionalFormat (https://learn.microsoft.com/javascript/api/excel/excel.conditionalformat):
 * cellValue "Returns the cell value conditional format properties if the current conditional
 * format is a CellValue type", dataBar likewise for a DataBar; used on a format of another type,
 * the fake fails (Excel's would be a null object).
 */
class ConditionalFormatProxy implements PartOf<Excel.ConditionalFormat, ConditionalFormatFace, ConditionalFormatProxy> {
  readonly cellValue: CellValueFormatProxy;
  readonly dataBar: DataBarFormatProxy;

  constructor(queue: RequestQueue, path: string, find: (type: string) => FakeConditionalFormat) {
    this.cellValue = new CellValueFormatProxy(queue, `${path}.cellValue`, () => find("CellValue"));
    this.dataBar = new DataBarFormatProxy(queue, `${path}.dataBar`, () => find("DataBar"));
  }
}

type CellValueFormatFace = Pick<Excel.CellValueConditionalFormat, "rule"> & {
  readonly format: { readonly fill: ConditionalColorFace; readonly font: ConditionalColorFace };
};

/** CellValueConditionalFormat (https://learn.microsoft.com/javascript/api/excel/excel.cellvalueconditionalformat): its rule and the colours it gives. */
class CellValueFormatProxy
  extends ClientProxy<FakeConditionalFormat>
  implements PartOf<Excel.CellValueConditionalFormat, CellValueFormatFace, CellValueFormatProxy>
{
  readonly format = {
    fill: new ConditionalColorProxy(this.queue, `${this.path}.format.fill`, () => this.resolve(), "fill"),
    font: new ConditionalColorProxy(this.queue, `${this.path}.format.font`, () => this.resolve(), "font"),
  };

  get rule(): Excel.ConditionalCellValueRule {
    return this.read("rule");
  }
  set rule(value: Excel.ConditionalCellValueRule) {
    this.queueSet("rule", value, (format) => (format.rule = { ...value }));
  }
}

type ConditionalColorFace = Pick<Excel.ConditionalRangeFill & Excel.ConditionalRangeFont, "color">;

/** ConditionalRangeFill.color, ConditionalRangeFont.color: the colour a matching cell gets. */
class ConditionalColorProxy
  extends ClientProxy<FakeConditionalFormat>
  implements
    PartOf<Excel.ConditionalRangeFill, ConditionalColorFace, ConditionalColorProxy>,
    PartOf<Excel.ConditionalRangeFont, ConditionalColorFace, ConditionalColorProxy>
{
  constructor(
    queue: RequestQueue,
    path: string,
    find: () => FakeConditionalFormat,
    private readonly part: "fill" | "font",
  ) {
    super(queue, path, find);
  }

  get color(): string {
    return this.read("color");
  }
  set color(value: string) {
    this.queueSet("color", value, (format) => (format[this.part] = value));
  }
}

/** The rule types a data bar bound takes (Excel.ConditionalFormatRuleType). */
const DATA_BAR_RULE_TYPES = new Set<Excel.ConditionalDataBarRule["type"]>([
  "Invalid",
  "Automatic",
  "LowestValue",
  "HighestValue",
  "Number",
  "Percent",
  "Formula",
  "Percentile",
]);

type DataBarFormatFace = Pick<Excel.DataBarConditionalFormat, "lowerBoundRule" | "upperBoundRule"> & {
  readonly positiveFormat: Pick<Excel.ConditionalDataBarPositiveFormat, "fillColor">;
};

/**
 * DataBarConditionalFormat (https://learn.microsoft.com/javascript/api/excel/excel.databarconditionalformat):
 * the bounds "must be set as a JSON object (use x.lowerBoundRule = {...} instead of
 * x.lowerBoundRule.formula = ...)", so only whole-object assignment is offered here; the
 * positive bars' colour is positiveFormat.fillColor, an HTML colour "#RRGGBB"
 * (https://learn.microsoft.com/javascript/api/excel/excel.conditionaldatabarpositiveformat).
 */
class DataBarFormatProxy
  extends ClientProxy<FakeConditionalFormat>
  implements PartOf<Excel.DataBarConditionalFormat, DataBarFormatFace, DataBarFormatProxy>
{
  readonly positiveFormat: { fillColor: string };

  constructor(queue: RequestQueue, path: string, find: () => FakeConditionalFormat) {
    super(queue, path, find);
    const queueSet = (value: string) =>
      this.queueSet("positiveFormat.fillColor", value, (bar) => {
        if (!/^#[0-9A-Fa-f]{6}$/.test(value)) throw invalid(`"${value}" is not a colour of the form #RRGGBB.`);
        bar.barColor = value;
      });
    const read = () => this.read<string>("positiveFormat.fillColor");
    this.positiveFormat = {
      set fillColor(value: string) {
        queueSet(value);
      },
      get fillColor(): string {
        return read();
      },
    };
  }

  private bound(value: Excel.ConditionalDataBarRule): { type: string; formula?: string } {
    if (!DATA_BAR_RULE_TYPES.has(value.type)) throw invalid(`"${value.type}" is not a conditional format rule type.`);
    return { ...value };
  }

  get lowerBoundRule(): Excel.ConditionalDataBarRule {
    return this.read("lowerBoundRule");
  }
  set lowerBoundRule(value: Excel.ConditionalDataBarRule) {
    this.queueSet("lowerBoundRule", value, (bar) => (bar.lowerBound = this.bound(value)));
  }
  get upperBoundRule(): Excel.ConditionalDataBarRule {
    return this.read("upperBoundRule");
  }
  set upperBoundRule(value: Excel.ConditionalDataBarRule) {
    this.queueSet("upperBoundRule", value, (bar) => (bar.upperBound = this.bound(value)));
  }
}
