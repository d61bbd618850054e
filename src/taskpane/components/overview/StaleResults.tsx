import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { ArrowSync20Regular } from "@fluentui/react-icons";
import type { AnalysisOptions } from "../../../domain/analysis/result";
import { staleSentence } from "../../paneText";

/**
 * Says when the settings changed after the analysis, so that nobody reads old figures as the new
 * ones, and offers to analyse again. Nothing when the results are current.
 */
export function StaleResults({
  used,
  wanted,
  busy,
  onAnalyze,
}: {
  used: AnalysisOptions;
  wanted: AnalysisOptions;
  busy: boolean;
  onAnalyze: () => void;
}) {
  const sentence = staleSentence(used, wanted);
  if (!sentence) return null;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="stale-results">
      <MessageBarBody>
        <MessageBarTitle>Settings changed.</MessageBarTitle> {sentence}
      </MessageBarBody>
      <MessageBarActions>
        <Button icon={<ArrowSync20Regular />} onClick={onAnalyze} disabledFocusable={busy}>
          Analyse again
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
