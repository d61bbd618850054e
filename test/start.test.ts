/**
 * `npm start`'s choice of how to sideload the manifest on each system (scripts/start.ts): the
 * server and Excel themselves are not started here.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { addInId, sideloadFor, WEB_SIDELOAD } from "../scripts/start";

const MANIFEST = path.join(__dirname, "..", "manifest.xml");
const ID = addInId(fs.readFileSync(MANIFEST, "utf8"));

describe("npm start sideloads the manifest", () => {
  it("reads the add-in's Id from manifest.xml", () => {
    expect(ID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(() => addInId("<OfficeApp/>")).toThrow("manifest.xml has no <Id>.");
  });

  it("on macOS into Excel's wef folder, named after the add-in", () => {
    expect(sideloadFor({ platform: "darwin", home: "/Users/ana", excel: true }, MANIFEST, ID)).toEqual({
      kind: "mac",
      file: `/Users/ana/Library/Containers/com.microsoft.Excel/Data/Documents/wef/${ID}.manifest.xml`,
      open: ["open", "-a", "Microsoft Excel"],
    });
  });

  it("on Windows as the add-in's value under the WEF Developer key", () => {
    expect(sideloadFor({ platform: "win32", home: "C:\\Users\\ana", excel: true }, MANIFEST, ID)).toMatchObject({
      kind: "windows",
      key: "HKCU\\Software\\Microsoft\\Office\\16.0\\WEF\\Developer",
      name: ID,
      manifest: MANIFEST,
    });
  });

  it("nowhere without a desktop Excel, saying why; Linux never has one", () => {
    expect(sideloadFor({ platform: "linux", home: "/home/ana", excel: false }, MANIFEST, ID)).toEqual({
      kind: "none",
      why: "There is no desktop Excel on linux, so nothing was sideloaded.",
    });
    expect(sideloadFor({ platform: "darwin", home: "/Users/ana", excel: false }, MANIFEST, ID).kind).toBe("none");
    expect(sideloadFor({ platform: "win32", home: "C:\\Users\\ana", excel: false }, MANIFEST, ID).kind).toBe("none");
    expect(WEB_SIDELOAD).toContain("Upload My Add-in");
  });
});
