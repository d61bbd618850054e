/**
 * `npm run validate`: checks manifest.xml against Microsoft's add-in manifest schemas kept in
 * schemas/office/ (see its README.md for their source and the patches), offline, with libxml2's
 * xmllint. The tests run the same check (test/manifest.test.ts). A pass is necessary, not
 * sufficient: Microsoft's online validator also checks the store's rules.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const ROOT = path.join(__dirname, "..");
export const MANIFEST_SCHEMA = path.join(ROOT, "schemas", "office", "OfficeAppManifestV1_1.xsd");
const XMLLINT = process.env.XMLLINT ?? "xmllint";

export interface SchemaCheck {
  readonly valid: boolean;
  /** xmllint's messages, one a line, with the file's line numbers. */
  readonly problems: readonly string[];
}

/** Installs xmllint where it is missing, in the words of each system. */
export const XMLLINT_MISSING =
  "xmllint was not found: it comes with macOS; on Debian or Ubuntu run `apt-get install libxml2-utils`; elsewhere install libxml2's tools, or set XMLLINT to its path.";

/** Validates an XML manifest, given as a file path, against the schemas; throws when xmllint cannot be run. */
export function validateManifest(manifest: string, schema = MANIFEST_SCHEMA): SchemaCheck {
  // --nonet: the schemas import one another by relative path, never from the network.
  const run = spawnSync(XMLLINT, ["--noout", "--nonet", "--schema", schema, manifest], { encoding: "utf8", timeout: 60_000 });
  if (run.error) throw new Error((run.error as NodeJS.ErrnoException).code === "ENOENT" ? XMLLINT_MISSING : run.error.message);
  const problems = run.stderr
    .split("\n")
    .map((line) => line.trimEnd())
    .filter((line) => line && !line.endsWith(" validates"));
  return { valid: run.status === 0, problems };
}

if (require.main === module) {
  const manifest = path.resolve(process.argv[2] ?? path.join(ROOT, "manifest.xml"));
  try {
    const { valid, problems } = validateManifest(manifest);
    if (valid) {
      console.log(`${path.relative(process.cwd(), manifest)} is valid against the add-in manifest schemas (schemas/office).`);
    } else {
      console.error(problems.join("\n"));
      console.error(`${path.relative(process.cwd(), manifest)} does not follow the add-in manifest schemas (schemas/office).`);
      process.exitCode = 1;
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  }
}
