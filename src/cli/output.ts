/** Where a command prints: stdout and stderr in a run, collected text in a test. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}
