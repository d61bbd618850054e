/**
 * The task pane rendered in jsdom as the jsdom tests use it, and the queries they share: the
 * App in Fluent's light theme on a workbook, the Analyse button, and whether a button is enabled
 * (Fluent marks a disabled-but-focusable button with aria-disabled rather than disabled).
 */
import { render, screen } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { PlanWorkbook } from "../src/adapters/planWorkbook";
import { App } from "../src/taskpane/App";

export function renderApp(workbook: PlanWorkbook, preview = false): ReturnType<typeof render> {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App workbook={workbook} preview={preview} />
    </FluentProvider>,
  );
}

export const analyzeButton = (): HTMLElement => screen.getByRole("button", { name: /Analyse/ });

export const enabled = (element: HTMLElement): boolean =>
  !(element as HTMLButtonElement).disabled && element.getAttribute("aria-disabled") !== "true";
