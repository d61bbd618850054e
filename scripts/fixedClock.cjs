// Loaded with `node --require` by scripts/outputSnapshot.ts: every "now" the command line asks
// for is one fixed moment, so that two runs of the same code write the same bytes.
const FIXED = Date.UTC(2026, 10, 20, 9, 30, 0);
const RealDate = Date;
class FixedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(FIXED);
    else super(...args);
  }
  static now() {
    return FIXED;
  }
}
globalThis.Date = FixedDate;
void RealDate;
