/**
 * The task pane's entry: inside Excel it works on the open workbook through Office.js; in a plain
 * browser (Office.onReady gives no host) it previews the bundled sample plan in memory, or a
 * workbook the user opens there (PreviewPane.tsx).
 */
import { createRoot } from "react-dom/client";
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { OfficeWorkbook } from "../adapters/office/officeWorkbook";
import { App } from "./App";
import { PreviewPane } from "./PreviewPane";

/** Office tells its theme by colours; a dark body background means a dark theme. */
function prefersDark(inOffice: boolean): boolean {
  const background = inOffice ? Office.context.officeTheme?.bodyBackgroundColor : undefined;
  if (background && /^#?[0-9a-f]{6}$/i.test(background)) {
    const hex = background.replace("#", "");
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
  }
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
}

const container = document.getElementById("container");
if (container) {
  const root = createRoot(container);
  void Office.onReady((info) => {
    const inExcel = info.host === Office.HostType.Excel;
    root.render(
      <FluentProvider theme={prefersDark(inExcel) ? webDarkTheme : webLightTheme}>
        {inExcel ? <App workbook={new OfficeWorkbook()} /> : <PreviewPane />}
      </FluentProvider>,
    );
  });
}
