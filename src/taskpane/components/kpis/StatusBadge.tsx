import { Badge, type BadgeProps } from "@fluentui/react-components";
import type { KpiStatus } from "../../../domain/plan/contract";

const COLORS: Readonly<Record<KpiStatus, BadgeProps["color"]>> = {
  "On track": "success",
  "At risk": "warning",
  "Off track": "danger",
  "No data": "informative",
};

export function StatusBadge({ status }: { status: KpiStatus }) {
  return (
    <Badge appearance="tint" color={COLORS[status]} data-status={status}>
      {status}
    </Badge>
  );
}
