import { Badge, type BadgeProps } from "@fluentui/react-components";
import type { Closure } from "../../../domain/analysis/result";

const COLORS: Readonly<Record<Closure, BadgeProps["color"]>> = {
  "On track": "success",
  Closed: "success",
  "Partly closed": "warning",
  "Not addressed": "danger",
  "No data": "informative",
  Unknown: "subtle",
};

/** How far the planned impacts close a KPI's gap; the words carry the meaning, the colour repeats it. */
export function ClosureBadge({ closure, className }: { closure: Closure; className?: string }) {
  return (
    <Badge appearance="tint" color={COLORS[closure]} className={className} data-closure={closure}>
      {closure}
    </Badge>
  );
}
