/**
 * The edited workbook as a file the browser saves: a Blob behind an object URL, so that the bytes
 * go from the page's memory to the user's disk without any request.
 */

const MEDIA_TYPES = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  xlsm: "application/vnd.ms-excel.sheet.macroEnabled.12",
} as const;

export interface Download {
  readonly url: string;
  readonly fileName: string;
}

/** An object URL for the bytes; the caller revokes it when it offers another file or none. */
export function downloadOf(fileName: string, bytes: Uint8Array, macroEnabled: boolean): Download {
  // A copy whose buffer is a plain ArrayBuffer, which is what Blob accepts.
  const blob = new Blob([bytes.slice()], { type: MEDIA_TYPES[macroEnabled ? "xlsm" : "xlsx"] });
  return { url: URL.createObjectURL(blob), fileName };
}

/** Asks the browser to save the file, as a click on its link would. */
export function startDownload({ url, fileName }: Download): void {
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
}
