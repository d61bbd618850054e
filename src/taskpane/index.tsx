import { createRoot } from "react-dom/client";
import { FluentProvider, Text, webLightTheme } from "@fluentui/react-components";

const container = document.getElementById("container");
if (container) {
  const root = createRoot(container);
  Office.onReady(() => {
    root.render(
      <FluentProvider theme={webLightTheme}>
        <Text>CVM Gap Analysis</Text>
      </FluentProvider>,
    );
  });
}
