/**
 * The fake's proxies of a worksheet's charts, typed against @types/office-js (PartOf in
 * requestQueue.ts). A chart is recorded as it was asked for (type, data, series, colours and
 * place); the fake draws nothing.
 */
import { parseRangeAddress } from "../../src/domain/common/cells";
import { a1, FakeOfficeError, invalid, type FakeChart, type FakeChartSeries, type FakeSheet } from "./model";
import type { RangeFace, RangeProxy } from "./rangeProxies";
import { ClientProxy, type PartOf } from "./requestQueue";

/** The type and series direction as strings: Excel takes the enums' values or their names' strings ("Line", "Columns"). */
export type ChartCollectionFace = { add(type: string, sourceData: RangeFace, seriesBy?: string): ChartFace };

/**
 * ChartCollection.add(type, sourceData, seriesBy): "Creates a new chart"; seriesBy "Specifies the
 * way columns or rows are used as data series on the chart"
 * (https://learn.microsoft.com/javascript/api/excel/excel.chartcollection#excel-excel-chartcollection-add-member(1)).
 * Beliefs: "Auto" takes a series per column, as "Columns" does, and a series is named only when
 * its name is set. The fake charts only data on the chart's own sheet, by column.
 */
export class ChartCollectionProxy
  extends ClientProxy<FakeSheet>
  implements PartOf<Excel.ChartCollection, ChartCollectionFace, ChartCollectionProxy>
{
  add(type: string, source: RangeProxy, seriesBy = "Auto"): ChartProxy {
    let created: FakeChart | undefined;
    this.queueCall("add", [type, source, seriesBy], (sheet) => {
      const { sheet: dataSheet, bounds } = source.resolve();
      if (dataSheet !== sheet) throw invalid("The fake charts only data of their own sheet.");
      if (seriesBy === "Rows") throw invalid("The fake takes a chart's series by column only.");
      const series: FakeChartSeries[] = [];
      for (let c = bounds.left; c <= bounds.right; c++) series.push({ values: a1({ ...bounds, left: c, right: c }) });
      created = { type, source: a1(bounds), series };
      sheet.charts.push(created);
    });
    return new ChartProxy(this.queue, `${this.path}.add(${type})`, () => {
      if (!created) throw new FakeOfficeError("InvalidOperation", "The chart was used before it was added.");
      return created;
    });
  }
}

type ChartFace = {
  readonly title: Pick<Excel.ChartTitle, "text">;
  readonly legend: Pick<Excel.ChartLegend, "position">;
  readonly series: ChartSeriesCollectionFace;
  setPosition(startCell: string, endCell?: string): void;
};

/** Chart (https://learn.microsoft.com/javascript/api/excel/excel.chart): its title, legend and series, and where it sits. */
class ChartProxy extends ClientProxy<FakeChart> implements PartOf<Excel.Chart, ChartFace, ChartProxy> {
  readonly title = new ChartTitleProxy(this.queue, `${this.path}.title`, () => this.resolve());
  readonly legend = new ChartLegendProxy(this.queue, `${this.path}.legend`, () => this.resolve());
  readonly series = new ChartSeriesCollectionProxy(this.queue, `${this.path}.series`, () => this.resolve());

  /** Chart.setPosition(startCell, endCell?): "Positions the chart relative to cells on the worksheet"; the fake takes addresses only. */
  setPosition(startCell: string, endCell?: string): void {
    this.queueCall("setPosition", [startCell, endCell], (chart) => {
      if (!parseRangeAddress(startCell) || (endCell !== undefined && !parseRangeAddress(endCell))) throw invalid("Bad chart position.");
      chart.start = startCell;
      chart.end = endCell;
    });
  }
}

class ChartTitleProxy extends ClientProxy<FakeChart> implements PartOf<Excel.ChartTitle, Pick<Excel.ChartTitle, "text">, ChartTitleProxy> {
  get text(): string {
    return this.read("text");
  }
  set text(value: string) {
    this.queueSet("text", value, (chart) => (chart.title = value));
  }
}

type LegendPosition = Excel.ChartLegend["position"];

class ChartLegendProxy
  extends ClientProxy<FakeChart>
  implements PartOf<Excel.ChartLegend, Pick<Excel.ChartLegend, "position">, ChartLegendProxy>
{
  get position(): LegendPosition {
    return this.read("position");
  }
  set position(value: LegendPosition) {
    this.queueSet("position", value, (chart) => (chart.legend = value));
  }
}

type ChartSeriesCollectionFace = { getItemAt(index: number): ChartSeriesFace; add(name?: string): ChartSeriesFace };

/**
 * ChartSeriesCollection (https://learn.microsoft.com/javascript/api/excel/excel.chartseriescollection):
 * getItemAt(index), and add(name?), whose series "is not visible until values, x-axis values, or
 * bubble sizes for it are set".
 */
class ChartSeriesCollectionProxy
  extends ClientProxy<FakeChart>
  implements PartOf<Excel.ChartSeriesCollection, ChartSeriesCollectionFace, ChartSeriesCollectionProxy>
{
  getItemAt(index: number): ChartSeriesProxy {
    return new ChartSeriesProxy(this.queue, `${this.path}[${index}]`, () => {
      const series = this.resolve().series[index];
      if (!series) throw new FakeOfficeError("ItemNotFound", `The chart has no series ${index}.`);
      return series;
    });
  }

  add(name?: string): ChartSeriesProxy {
    let created: FakeChartSeries | undefined;
    this.queueCall("add", [name], (chart) => {
      created = { name };
      chart.series.push(created);
    });
    return new ChartSeriesProxy(this.queue, `${this.path}.add(${name ?? ""})`, () => {
      if (!created) throw new FakeOfficeError("InvalidOperation", "The series was used before it was added.");
      return created;
    });
  }
}

type ChartSeriesFace = Pick<Excel.ChartSeries, "name"> & {
  readonly format: { readonly fill: Pick<Excel.ChartFill, "setSolidColor">; readonly line: Pick<Excel.ChartLineFormat, "color"> };
  setValues(sourceData: RangeFace): void;
  setXAxisValues(sourceData: RangeFace): void;
};

/** ChartSeries (https://learn.microsoft.com/javascript/api/excel/excel.chartseries): its name, its data and its colours. */
class ChartSeriesProxy extends ClientProxy<FakeChartSeries> implements PartOf<Excel.ChartSeries, ChartSeriesFace, ChartSeriesProxy> {
  get name(): string {
    return this.read("name");
  }
  set name(value: string) {
    this.queueSet("name", value, (series) => (series.name = value));
  }
  setValues(source: RangeProxy): void {
    this.queueCall("setValues", [source], (series) => (series.values = a1(source.resolve().bounds)));
  }
  setXAxisValues(source: RangeProxy): void {
    this.queueCall("setXAxisValues", [source], (series) => (series.xValues = a1(source.resolve().bounds)));
  }
  /**
   * ChartSeries.format.fill.setSolidColor(color)
   * (https://learn.microsoft.com/javascript/api/excel/excel.chartfill#excel-excel-chartfill-setsolidcolor-member(1)):
   * "Sets the fill formatting of a chart element to a uniform color"; ChartSeries.format.line.color
   * (https://learn.microsoft.com/javascript/api/excel/excel.chartlineformat#excel-excel-chartlineformat-color-member):
   * "HTML color code representing the color of lines in the chart".
   */
  get format(): ChartSeriesFace["format"] {
    const setLine = (value: string) => this.queueSet("format.line.color", value, (series) => (series.lineColor = value));
    const readLine = () => this.read<string>("format.line.color");
    return {
      fill: {
        setSolidColor: (color: string) => this.queueCall("format.fill.setSolidColor", [color], (series) => (series.color = color)),
      },
      line: {
        set color(value: string) {
          setLine(value);
        },
        get color(): string {
          return readLine();
        },
      },
    };
  }
}
