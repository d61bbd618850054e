import { parseCommand, UsageError, validSheetName } from "../../src/cli/args";

describe("parseCommand", () => {
  it("reads analyze with its defaults", () => {
    expect(parseCommand(["analyze", "plan.xlsx"])).toEqual({
      kind: "analyze",
      input: "plan.xlsx",
      out: undefined,
      inPlace: false,
      write: true,
      json: false,
      sheetName: undefined,
      options: { tolerance: 0.1, allocationThreshold: 0.1 },
    });
  });

  it("reads shares as percent text, fractions or whole percentages", () => {
    const parsed = (args: string[]) => {
      const c = parseCommand(["analyze", "p.xlsx", ...args]);
      return c.kind === "analyze" ? c.options : undefined;
    };
    expect(parsed(["--tolerance", "5%", "--allocation-threshold", "15"])).toEqual({ tolerance: 0.05, allocationThreshold: 0.15 });
    expect(parsed(["--tolerance=0.2"])?.tolerance).toBeCloseTo(0.2);
  });

  it("reads --allocation-threshold 1 as one point, the unit its help gives, and --tolerance 1 as one percent", () => {
    const parsed = parseCommand(["analyze", "p.xlsx", "--allocation-threshold", "1", "--tolerance", "1"]);
    expect(parsed.kind === "analyze" && parsed.options.allocationThreshold).toBeCloseTo(0.01, 12);
    expect(parsed.kind === "analyze" && parsed.options.tolerance).toBeCloseTo(0.01, 12);
  });

  it.each([
    [[], "Say what to do"],
    [["analyse"], 'Unknown command "analyse"'],
    [["analyze"], "Name the plan"],
    [["analyze", "a.xlsx", "b.xlsx"], "Unexpected arguments: b.xlsx"],
    [["analyze", "a.xlsx", "--out", "b.xlsx", "--in-place"], "either --out or --in-place"],
    [["analyze", "a.xlsx", "--no-write", "--in-place"], "--no-write"],
    [["analyze", "a.xlsx", "--tolerance", "lots"], '--tolerance wants a share such as 10% or 0.1, not "lots"'],
    [["analyze", "a.xlsx", "--tolerance", "100%"], "below 100%"],
    [["analyze", "a.xlsx", "--allocation-threshold", "100"], '--allocation-threshold must be below 100%, not "100"'],
    [["analyze", "a.xlsx", "--tolerance=-5%"], '--tolerance wants a share such as 10% or 0.1, not "-5%"'],
    [["analyze", "a.xlsx", "--sheet-name", "a/b"], "cannot be a sheet name"],
    [["analyze", "a.xlsx", "--colour"], "--colour"],
  ])("rejects %j with a message that says what is wrong", (argv, message) => {
    expect(() => parseCommand(argv)).toThrow(UsageError);
    expect(() => parseCommand(argv)).toThrow(message);
  });

  it("answers help and version", () => {
    expect(parseCommand(["--help"])).toEqual({ kind: "help" });
    expect(parseCommand(["-v"])).toEqual({ kind: "version" });
  });
});

describe("validSheetName", () => {
  it("follows Excel's rules", () => {
    expect(validSheetName("CVM Gap Analysis")).toBe(true);
    expect(validSheetName("x".repeat(32))).toBe(false);
    expect(validSheetName("a[1]")).toBe(false);
    expect(validSheetName("'quoted'")).toBe(false);
    expect(validSheetName(" ")).toBe(false);
  });
});

describe("parseCommand: map, --map and --locale", () => {
  it("reads map with its file, its output and --json", () => {
    expect(parseCommand(["map", "plan.xlsx"])).toEqual({ kind: "map", input: "plan.xlsx", inPlace: false, json: false });
    expect(parseCommand(["map", "plan.xlsx", "--map", "m.json", "--out", "kept.xlsx", "--json"])).toEqual({
      kind: "map",
      input: "plan.xlsx",
      mapping: "m.json",
      out: "kept.xlsx",
      inPlace: false,
      json: true,
    });
    expect(parseCommand(["map", "plan.xlsx", "--in-place"])).toMatchObject({ kind: "map", inPlace: true });
  });

  it("reads analyze's --map and --locale, the separators from Intl's data for the locale", () => {
    expect(parseCommand(["analyze", "plan.xlsx", "--map", "m.json", "--locale", "de-DE"])).toMatchObject({
      kind: "analyze",
      mapping: "m.json",
      separators: { decimal: ",", group: "." },
    });
    expect(parseCommand(["analyze", "plan.xlsx", "--locale", "fr-FR"])).toMatchObject({ separators: { decimal: ",", group: " " } });
    expect(parseCommand(["analyze", "plan.xlsx", "--locale", "en-GB"])).toMatchObject({ separators: { decimal: ".", group: "," } });
    expect(parseCommand(["compare", "a.xlsx", "b.xlsx", "--locale", "es-ES"])).toMatchObject({ separators: { decimal: ",", group: "." } });
  });

  it.each([
    [["map"], "Name the plan to map"],
    [["map", "a.xlsx", "--out", "b.xlsx", "--in-place"], "either --out or --in-place"],
    [["map", "a.xlsx", "--tolerance", "5%"], "map analyses nothing and takes no --tolerance"],
    [["map", "a.xlsx", "--locale", "de-DE"], "map analyses nothing and takes no --locale"],
    [["compare", "a.xlsx", "b.xlsx", "--map", "m.json"], "compare reads each plan as the mapping kept in it says"],
    [["analyze", "a.xlsx", "--locale", "german"], '--locale wants a locale such as de-DE, fr-FR or en-US, not "german"'],
    [["analyze", "a.xlsx", "--locale", "xx-YY"], '--locale wants a locale such as de-DE, fr-FR or en-US, not "xx-YY"'],
    [["mapping", "a.xlsx"], 'the commands are "analyze", "compare" and "map"'],
  ])("rejects %j with a message that says what is wrong", (argv, message) => {
    expect(() => parseCommand(argv)).toThrow(UsageError);
    expect(() => parseCommand(argv)).toThrow(message);
  });
});
