/**
 * The command line's workbook: an .xlsx/.xlsm file read with Node (its bytes checked before any
 * parser sees them, its parts inflated with zlib) and saved through a temporary file renamed into
 * place. The input file is only ever read.
 */
import { checkSignature, readInputFile, saveAtomically } from "./fileAccess";
import { zlibCodec } from "./nodeZlib";
import { openPackage, XlsxWorkbook } from "../xlsx/xlsxWorkbook";

export class XlsxFile extends XlsxWorkbook {
  async save(target: string): Promise<void> {
    await saveAtomically(target, await this.bytes());
  }
}

/** `read`: the file's content when the caller has read it already (see GuardedOutput.inPlace). */
export async function openXlsx(file: string, read?: Buffer): Promise<XlsxFile> {
  const bytes = read ?? (await readInputFile(file));
  checkSignature(file, bytes);
  const where = `"${file}"`;
  return openPackage(
    new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    where,
    zlibCodec,
    (pkg, info) => new XlsxFile(pkg, info, where),
  );
}
