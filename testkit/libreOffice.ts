/**
 * LibreOffice as an independent reader of the workbooks the add-in writes: one headless
 * `soffice` run converts every sheet of each file to CSV (UTF-8, comma-separated), with a
 * profile of its own so that no user setting or lock interferes.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** Every sheet of every file, as `<name>-<sheet>.csv` in `dir`/csv; returns a reader of one sheet's lines. */
export function sheetsAsCsv(files: readonly string[], dir: string): (file: string, sheet: string) => string[] | undefined {
  const csv = path.join(dir, "csv");
  fs.mkdirSync(csv, { recursive: true });
  execFileSync(
    "soffice",
    [
      `-env:UserInstallation=file://${path.join(dir, "lo-profile")}`,
      "--headless",
      "--convert-to",
      "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
      "--outdir",
      csv,
      ...files,
    ],
    { stdio: "ignore", timeout: 240_000 },
  );
  return (file, sheet) => {
    const out = path.join(csv, `${path.parse(file).name}-${sheet}.csv`);
    return fs.existsSync(out) ? fs.readFileSync(out, "utf8").split("\n") : undefined;
  };
}

/**
 * Each file opened and saved again by LibreOffice in the format of the extension given ("xlsx",
 * "ods"), into `dir`/`extension`; returns the path of one file's copy.
 */
export function savedAgainAs(extension: string, files: readonly string[], dir: string): (file: string) => string {
  const out = path.join(dir, extension);
  fs.mkdirSync(out, { recursive: true });
  execFileSync(
    "soffice",
    [`-env:UserInstallation=file://${path.join(dir, "lo-profile")}`, "--headless", "--convert-to", extension, "--outdir", out, ...files],
    { stdio: "ignore", timeout: 240_000 },
  );
  return (file) => path.join(out, `${path.parse(file).name}.${extension}`);
}

/** Each file opened and saved again as .xlsx by LibreOffice, into `dir`/xlsx; returns the path of one file's copy. */
export function savedAgainAsXlsx(files: readonly string[], dir: string): (file: string) => string {
  return savedAgainAs("xlsx", files, dir);
}
