/**
 * Refuses content that is certainly no .xlsx/.xlsm before any parser sees it, from its first
 * bytes, so that no parser has to guess. Plain bytes in, a stop error out: the command line and
 * the browser preview give the same message for the same file.
 */
import { SAVE_AS_XLSX, UnreadableWorkbookError } from "../../domain/common/stopErrors";

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
// Compound File Binary: both a legacy .xls and an .xlsx that Excel encrypted with a password use it.
const OLE2_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);
}

/** A CSV or other text file: no NUL bytes and almost only printable characters near the start. */
function looksLikeText(bytes: Uint8Array): boolean {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return true; // UTF-16 byte order marks
  const sample = bytes.subarray(0, 4096);
  let printable = 0;
  for (const byte of sample) {
    if (byte === 0) return false;
    // Bytes from 0x80 up belong to UTF-8 letters such as é or ü, which CSV files are full of.
    if (byte === 9 || byte === 10 || byte === 13 || (byte >= 32 && byte !== 127)) printable++;
  }
  return printable / sample.length > 0.95;
}

/** `file` names the workbook in the message: a path on the command line, a file name in the browser. */
export function checkSignature(file: string, bytes: Uint8Array): void {
  if (bytes.length === 0) throw new UnreadableWorkbookError(`"${file}" is empty (0 bytes). ${SAVE_AS_XLSX}`);
  if (startsWith(bytes, OLE2_SIGNATURE)) {
    throw new UnreadableWorkbookError(
      `"${file}" is either a legacy .xls workbook or an .xlsx protected with a password, and neither can be read. ` +
        `Open it in Excel, remove the password if it has one, and save it as Excel Workbook (.xlsx) without a password.`,
    );
  }
  if (startsWith(bytes, ZIP_SIGNATURE)) return;
  if (looksLikeText(bytes))
    throw new UnreadableWorkbookError(`"${file}" is not an .xlsx workbook (it looks like text/CSV). ${SAVE_AS_XLSX}`);
  throw new UnreadableWorkbookError(`"${file}" is not an .xlsx workbook (its content is in another format). ${SAVE_AS_XLSX}`);
}
