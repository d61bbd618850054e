/**
 * Which Office.js requirement set each member the add-in touches belongs to, read with the
 * TypeScript compiler from the notes of @types/office-js, so that a test can hold the code to the
 * sets manifest.xml declares.
 *
 * - A use is a property access (`range.values`, `Excel.run`) or an element access by a string
 *   literal whose symbol is declared in @types/office-js. Types named only in annotations
 *   (`Excel.RequestContext`) are not uses: they do not exist at run time. Destructuring an Office
 *   object (`const { workbook } = context`) is not seen: the add-in's code does not do it.
 * - A member's set is read from its declaration's JSDoc: `[Api set: ExcelApi 1.9]` (the
 *   application-specific APIs) or `**Requirement set**: {@link … | Settings}` (the Common API,
 *   whose sets are 1.1 unless a version is given:
 *   https://learn.microsoft.com/javascript/api/requirement-sets/common/office-add-in-requirement-sets,
 *   "All of these API requirement sets are version 1.1, unless otherwise specified"). A note that
 *   names several versions ("ExcelApi 1.1 for get, 1.8 for set") counts as the highest, so reading
 *   a member is held to the set that writing it needs. "Not in a set" is no requirement.
 *   Overloads count together: the highest set any of them names.
 * - A use is guarded when it sits in the branch that runs only if
 *   `….requirements.isSetSupported("Set", "version")` (literal arguments) is true: the `then` of an
 *   `if` whose condition holds that call, the right of an `&&` whose left does, or the `whenTrue`
 *   of a `?:`. The guard must name the member's set at its version or higher; a missing version
 *   means 1.1, as Office.js takes it. An early return (`if (!isSetSupported(…)) return;`) is not
 *   recognised: write the guarded code inside the `if`.
 */
import * as path from "node:path";
import ts from "typescript";
import { childOf, childrenOf, parseXml } from "./manifestLint";

const ROOT = path.join(__dirname, "..");
const OFFICE_TYPES = `${path.sep}@types${path.sep}office-js${path.sep}`;

export interface RequirementSet {
  readonly name: string;
  readonly version: string;
}

export interface ApiUse {
  /** Relative to the project, with the 1-based line of the access. */
  readonly file: string;
  readonly line: number;
  /** As declared: the interface or class and the member, e.g. "Application.suspendScreenUpdatingUntilNextSync". */
  readonly member: string;
  readonly set: RequirementSet;
  /** The isSetSupported checks the access sits under. */
  readonly guards: readonly RequirementSet[];
}

/** Compares dotted versions number by number: 1.12 is above 1.9. */
export function compareVersions(a: string, b: string): number {
  const x = a.split(".").map(Number);
  const y = b.split(".").map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

const highest = (versions: readonly string[]) => versions.reduce((a, b) => (compareVersions(a, b) >= 0 ? a : b));

/** The sets a JSDoc text names, one per set at its highest version. */
export function setsInNotes(doc: string): RequirementSet[] {
  const found = new Map<string, string>();
  const add = (name: string, version: string) => {
    const known = found.get(name);
    found.set(name, known === undefined ? version : highest([known, version]));
  };
  for (const note of doc.matchAll(/\[Api set:\s*([A-Za-z]+)\s+(\d+(?:\.\d+)*)([^\]]*)\]/g)) {
    add(note[1], highest([note[2], ...[...note[3].matchAll(/\b\d+\.\d+\b/g)].map((m) => m[0])]));
  }
  for (const note of doc.matchAll(/\*\*Requirement set\*\*:\s*\{@link [^|}]*\|\s*([A-Za-z]+)(?:\s+(\d+(?:\.\d+)*))?\s*\}/g)) {
    add(note[1], note[2] ?? "1.1");
  }
  return [...found].map(([name, version]) => ({ name, version }));
}

/** The sets the base manifest's <Requirements> declares, each at its MinVersion (or the Sets' DefaultMinVersion, or 1.1). */
export function manifestSets(xml: string): RequirementSet[] {
  const root = parseXml(xml);
  if (typeof root === "string") throw new Error(root);
  const sets = childOf(childOf(root, "Requirements"), "Sets");
  const fallback = sets?.attrs.DefaultMinVersion ?? "1.1";
  return childrenOf(sets, "Set").map((set) => ({ name: set.attrs.Name, version: set.attrs.MinVersion ?? fallback }));
}

/** A program over the given files with the project's compiler options; `virtual` files exist only in memory. */
export function officeProgram(files: readonly string[], virtual: ReadonlyMap<string, string> = new Map()): ts.Program {
  const config = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const host = ts.createCompilerHost(options, true);
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => virtual.get(path.resolve(file)) ?? read(file);
  host.fileExists = (file) => virtual.has(path.resolve(file)) || exists(file);
  host.getSourceFile = (file, language, onError, create) => {
    const text = virtual.get(path.resolve(file));
    return text !== undefined ? ts.createSourceFile(file, text, language, true) : getSourceFile(file, language, onError, create);
  };
  return ts.createProgram({ rootNames: [...files, ...virtual.keys()], options, host });
}

/** The JSDoc text written above a declaration. */
function docOf(declaration: ts.Declaration): string {
  const source = declaration.getSourceFile();
  return (ts.getLeadingCommentRanges(source.text, declaration.getFullStart()) ?? []).map((r) => source.text.slice(r.pos, r.end)).join("\n");
}

/** The isSetSupported(name, version) a condition calls with literal arguments. */
function guardsIn(condition: ts.Node): RequirementSet[] {
  const found: RequirementSet[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === "isSetSupported") {
      const [name, version] = node.arguments;
      if (name && ts.isStringLiteralLike(name) && (!version || ts.isStringLiteralLike(version)))
        found.push({ name: name.text, version: version?.text ?? "1.1" });
    }
    ts.forEachChild(node, visit);
  };
  visit(condition);
  return found;
}

/** The guards of the branches that hold `node`, from the nearest outwards. */
function guardsAround(node: ts.Node): RequirementSet[] {
  const guards: RequirementSet[] = [];
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent) && parent.thenStatement === child) guards.push(...guardsIn(parent.expression));
    else if (ts.isConditionalExpression(parent) && parent.whenTrue === child) guards.push(...guardsIn(parent.condition));
    else if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && parent.right === child)
      guards.push(...guardsIn(parent.left));
  }
  return guards;
}

/** The name of the declaration's container and its own: "Range.values". */
function memberName(declaration: ts.Declaration, symbol: ts.Symbol): string {
  const owner = declaration.parent && "name" in declaration.parent ? (declaration.parent.name as ts.Node | undefined) : undefined;
  return owner && ts.isIdentifier(owner) ? `${owner.text}.${symbol.name}` : symbol.name;
}

/** Every use of an Office.js member in the given source files that belongs to a requirement set. */
export function officeApiUses(program: ts.Program, files: readonly string[]): ApiUse[] {
  const checker = program.getTypeChecker();
  const uses: ApiUse[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`${file} is not part of the program`);
    const visit = (node: ts.Node) => {
      const name = ts.isPropertyAccessExpression(node)
        ? node.name
        : ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)
          ? node.argumentExpression
          : undefined;
      const symbol = name && checker.getSymbolAtLocation(name);
      const declarations = (symbol?.declarations ?? []).filter((d) => d.getSourceFile().fileName.includes(OFFICE_TYPES));
      if (symbol && declarations.length > 0) {
        const sets = new Map<string, string>();
        for (const declaration of declarations) {
          for (const set of setsInNotes(docOf(declaration))) sets.set(set.name, highest([sets.get(set.name) ?? set.version, set.version]));
        }
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        for (const [setName, version] of sets) {
          uses.push({
            file: path.relative(ROOT, file),
            line,
            member: memberName(declarations[0], symbol),
            set: { name: setName, version },
            guards: guardsAround(node),
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return uses;
}

/** Why a use is not covered by the manifest's sets nor by a guard, or undefined when it is. */
export function uncovered(use: ApiUse, declared: readonly RequirementSet[]): string | undefined {
  const covers = (set: RequirementSet) => set.name === use.set.name && compareVersions(set.version, use.set.version) >= 0;
  if (declared.some(covers) || use.guards.some(covers)) return undefined;
  const manifest = declared.find((set) => set.name === use.set.name);
  const why = manifest ? `the manifest declares ${manifest.name} ${manifest.version}` : `the manifest does not declare ${use.set.name}`;
  return `${use.file}:${use.line} ${use.member} needs ${use.set.name} ${use.set.version}, ${why}: guard it with Office.context.requirements.isSetSupported("${use.set.name}", "${use.set.version}") or raise the manifest's requirement`;
}
