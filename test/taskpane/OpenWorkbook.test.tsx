/**
 * @jest-environment jsdom
 */
import { createEvent, fireEvent, render, screen } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { OpenWorkbook, type OpenWorkbookProps } from "../../src/taskpane/components/workbook/OpenWorkbook";

function renderPicker(props: Partial<OpenWorkbookProps> = {}) {
  const onOpen = jest.fn<void, [File]>();
  render(
    <FluentProvider theme={webLightTheme}>
      <OpenWorkbook name="Northwind Telecom" sample onOpen={onOpen} {...props} />
    </FluentProvider>,
  );
  return onOpen;
}

const plan = () => new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04])], "PLAN.xlsx");

/** A drag event carrying files, as the browser fires it over the page. */
function fileDrag(type: "dragEnter" | "dragOver" | "drop", files: File[]) {
  const event = createEvent[type](window);
  Object.defineProperty(event, "dataTransfer", { value: { types: ["Files"], files, dropEffect: "none" } });
  fireEvent(window, event);
  return event;
}

describe("the workbook picker of the preview", () => {
  it("names the open workbook and offers a file input for .xlsx and .xlsm", () => {
    renderPicker();
    expect(screen.getByTestId("open-workbook-name").textContent).toBe("Northwind Telecom");
    const input = screen.getByTestId("open-workbook-input") as HTMLInputElement;
    expect(input.type).toBe("file");
    expect(input.accept).toBe(".xlsx,.xlsm");
    expect(screen.getByRole("button", { name: "Open a workbook…" })).toBeTruthy();
  });

  it("hands over the file picked, and lets the same file be picked again", () => {
    const onOpen = renderPicker();
    const input = screen.getByTestId("open-workbook-input") as HTMLInputElement;
    const file = plan();
    fireEvent.change(input, { target: { files: [file] } });
    expect(onOpen).toHaveBeenCalledWith(file);
    expect(input.value).toBe("");
  });

  it("takes a file dropped anywhere on the pane, showing where to drop it meanwhile", () => {
    const onOpen = renderPicker();
    const file = plan();
    expect(fileDrag("dragEnter", [file]).defaultPrevented).toBe(true);
    expect(screen.getByText("Drop the workbook to open it")).toBeTruthy();
    // Without preventDefault on dragover the browser would refuse the drop.
    expect(fileDrag("dragOver", [file]).defaultPrevented).toBe(true);
    expect(fileDrag("drop", [file]).defaultPrevented).toBe(true);
    expect(onOpen).toHaveBeenCalledWith(file);
    expect(screen.queryByText("Drop the workbook to open it")).toBeNull();
  });

  it("shows why a file could not be opened, and the copy to download once written", () => {
    renderPicker({
      name: "PLAN.xlsx",
      sample: false,
      error: '"notes.txt" is not an .xlsx workbook.',
      download: { url: "blob:x", fileName: "PLAN.cvm-gap.xlsx" },
    });
    expect(screen.getByRole("alert").textContent).toBe('"notes.txt" is not an .xlsx workbook.');
    const link = screen.getByRole("link", { name: "Download PLAN.cvm-gap.xlsx" });
    expect(link.getAttribute("download")).toBe("PLAN.cvm-gap.xlsx");
    expect(screen.getByText("The report is in this copy; PLAN.xlsx itself is unchanged.")).toBeTruthy();
  });

  it("says which file it is opening, with its button off meanwhile", () => {
    renderPicker({ opening: "PLAN.xlsx" });
    expect(screen.getByText("Opening PLAN.xlsx…")).toBeTruthy();
    expect((screen.getByRole("button", { name: "Open a workbook…" }) as HTMLButtonElement).disabled).toBe(true);
  });
});
