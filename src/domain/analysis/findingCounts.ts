/** How many findings of each severity, as numbers and as the words the report, the summary and the pane show. */
import type { Finding, Severity } from "../plan/model";

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function findingCounts(findings: readonly Finding[]): string {
  const c = countBySeverity(findings);
  return `${c.error} ${c.error === 1 ? "error" : "errors"}, ${c.warning} ${c.warning === 1 ? "warning" : "warnings"}, ${c.info} info`;
}
