/**
 * @jest-environment jsdom
 */
/**
 * The pane's help link: a link to help.html in a new window, with the pane's theme; inside an
 * Office that has OpenBrowserWindowApi 1.1, Office opens it in the system's browser instead.
 */
import { fireEvent, render, screen } from "@testing-library/react";
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { helpAddress, HelpLink, isLightColor } from "../../src/taskpane/components/shared/HelpLink";

type OfficeStub = {
  context: { requirements: { isSetSupported: (name: string, version: string) => boolean }; ui: { openBrowserWindow: jest.Mock } };
};

function withOffice(supported: readonly string[]): jest.Mock {
  const openBrowserWindow = jest.fn();
  const stub: OfficeStub = {
    context: { requirements: { isSetSupported: (name, version) => supported.includes(`${name} ${version}`) }, ui: { openBrowserWindow } },
  };
  (globalThis as unknown as { Office?: OfficeStub }).Office = stub;
  return openBrowserWindow;
}

afterEach(() => {
  delete (globalThis as unknown as { Office?: OfficeStub }).Office;
});

const link = () => screen.getByRole("link", { name: "Help (opens in a new window)" }) as HTMLAnchorElement;

/** A click as the browser dispatches it; false when a handler prevented the link's own navigation. */
const click = (element: HTMLElement) => fireEvent.click(element);

describe("the help link", () => {
  it("links to help.html in a new window, in the pane's theme", () => {
    render(
      <FluentProvider theme={webLightTheme}>
        <HelpLink />
      </FluentProvider>,
    );
    expect(link().getAttribute("target")).toBe("_blank");
    expect(link().getAttribute("rel")).toBe("noopener noreferrer");
    expect(new URL(link().href).pathname).toBe("/help.html");
    expect(helpAddress("https://localhost:3000/taskpane.html", "dark", "what-if")).toBe(
      "https://localhost:3000/help.html?theme=dark#what-if",
    );
    expect(helpAddress("https://host/addin/taskpane.html?x=1", undefined)).toBe("https://host/addin/help.html");
  });

  it("reads the theme from the colour of its text: light text is a dark theme", () => {
    expect(isLightColor("rgb(255, 255, 255)")).toBe(true);
    expect(isLightColor("rgb(36, 36, 36)")).toBe(false);
    expect(isLightColor("")).toBe(false);
  });

  it("asks Office to open the system's browser where OpenBrowserWindowApi 1.1 is supported", () => {
    const open = withOffice(["OpenBrowserWindowApi 1.1"]);
    render(
      <FluentProvider theme={webDarkTheme}>
        <HelpLink section="what-if" />
      </FluentProvider>,
    );
    expect(click(link())).toBe(false);
    expect(open).toHaveBeenCalledWith(link().href);
    expect(link().href).toMatch(/^http:\/\/localhost\/help\.html\?theme=(light|dark)#what-if$/);
  });

  it("says what it explains when it stands beside a view, and opens the help on that section", () => {
    render(<HelpLink section="sources" label="How the plan is found" />);
    const sources = screen.getByRole("link", { name: "How the plan is found (opens in a new window)" }) as HTMLAnchorElement;
    expect(new URL(sources.href).hash).toBe("#sources");
    expect(screen.queryByRole("link", { name: /^Help/ })).toBeNull();
  });

  it("leaves the link to the browser where Office lacks it, as in Excel on the web, and outside Office", () => {
    const open = withOffice([]);
    const { unmount } = render(<HelpLink />);
    expect(click(link())).toBe(true);
    expect(open).not.toHaveBeenCalled();
    unmount();
    delete (globalThis as unknown as { Office?: OfficeStub }).Office;
    render(<HelpLink />);
    expect(click(link())).toBe(true);
  });
});
