/**
 * What Excel's custom-functions runtime provides to the functions bundle, for node: the Error
 * class and codes (with the runtime's values), and associate(), which records the registrations.
 */
export class ShimError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

export const ERROR_CODES = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

export type Associated = Map<string, (...args: unknown[]) => unknown>;

export function installCustomFunctionsShim(): Associated {
  const associated: Associated = new Map();
  const associate = (idOrMap: string | Record<string, (...args: unknown[]) => unknown>, fn?: (...args: unknown[]) => unknown) => {
    if (typeof idOrMap === "string" && fn) associated.set(idOrMap, fn);
    else if (typeof idOrMap === "object") for (const [id, f] of Object.entries(idOrMap)) associated.set(id, f);
  };
  (globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = { Error: ShimError, ErrorCode: ERROR_CODES, associate };
  return associated;
}

/** Calls a function the way Excel shows its result: a thrown Excel error becomes its code and message. */
export function excelResult(call: () => unknown): unknown {
  try {
    return call();
  } catch (error) {
    if (error instanceof ShimError) return { code: error.code, message: error.message };
    throw error;
  }
}
