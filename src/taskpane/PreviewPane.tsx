/**
 * The pane in a plain browser: the bundled sample plan first, then any workbook the user opens,
 * read and written in the page; a write on either downloads the workbook with the report. The .xlsx code (zip.js, the XML readers, the formula evaluator) is
 * fetched from this add-in's own server the first time a file is opened, so the pane inside Excel,
 * which never opens a file, never downloads it.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { describeError, UnreadableWorkbookError } from "../domain/common/stopErrors";
import { sampleSheets } from "../sample/sampleSheets";
import type { PlanWorkbook } from "../adapters/planWorkbook";
import type { WrittenWorkbook } from "../adapters/browser/browserWorkbook";
import { App } from "./App";
import { OpenWorkbook } from "./components/workbook/OpenWorkbook";
import { downloadOf, startDownload, type Download } from "./download";
import { plainError } from "./plainError";
import { SampleWorkbook } from "./sampleWorkbook";

const SAMPLE_NAME = "Northwind Telecom";
/** The sample as a package, beside the pane on its server (webpack copies it from examples/). */
const SAMPLE_FILE = "cvm-sample-plan.xlsx";

interface Current {
  readonly workbook: PlanWorkbook;
  readonly name: string;
  readonly sample: boolean;
  /** Changes with each workbook opened, so that the pane starts afresh on it. */
  readonly key: number;
}

async function readFile(file: File): Promise<Uint8Array> {
  try {
    return new Uint8Array(await file.arrayBuffer());
  } catch (failure) {
    // The file was moved, deleted or locked after it was picked.
    throw new UnreadableWorkbookError(
      `"${file.name}" could not be read (${describeError(failure)}). Check that the file is still there and pick it again.`,
    );
  }
}

function loadReader(): Promise<typeof import("../adapters/browser/browserWorkbook")> {
  return import(/* webpackChunkName: "xlsx" */ "../adapters/browser/browserWorkbook").catch(() => {
    // The page's server went away, or the add-in was updated since the page loaded.
    throw new Error("The part of the pane that reads workbooks could not be loaded. Reload the page and open the file again.");
  });
}

async function openFile(file: File, onWritten: (written: WrittenWorkbook) => void): Promise<PlanWorkbook> {
  const [bytes, { BrowserWorkbook }] = await Promise.all([readFile(file), loadReader()]);
  return BrowserWorkbook.open(file.name, bytes, onWritten);
}

/** The sample's package from the pane's server, opened by the same code as a file the planner picks. */
async function samplePackage(onWritten: (written: WrittenWorkbook) => void): Promise<PlanWorkbook> {
  const fetched = async () => {
    const response = await fetch(SAMPLE_FILE).catch(() => undefined);
    if (!response?.ok)
      throw new Error("The sample workbook could not be fetched from the add-in's server. Reload the page and write again.");
    return new Uint8Array(await response.arrayBuffer());
  };
  const [bytes, { BrowserWorkbook }] = await Promise.all([fetched(), loadReader()]);
  return BrowserWorkbook.open(SAMPLE_FILE, bytes, onWritten);
}

export function PreviewPane() {
  const [opening, setOpening] = useState<string>();
  const [error, setError] = useState<string>();
  const [download, setDownload] = useState<Download>();
  // Only the latest file picked may become the open workbook, however long an earlier one takes.
  const latest = useRef(0);

  // An object URL holds its bytes until revoked: one at a time, and none once the pane is gone.
  useEffect(() => {
    if (!download) return undefined;
    return () => URL.revokeObjectURL(download.url);
  }, [download]);

  const written = useCallback((copy: WrittenWorkbook) => {
    const offered = downloadOf(copy.fileName, copy.bytes, copy.macroEnabled);
    setDownload(offered);
    startDownload(offered);
  }, []);

  const [current, setCurrent] = useState<Current>(() => ({
    workbook: new SampleWorkbook(sampleSheets(), () => samplePackage(written)),
    name: SAMPLE_NAME,
    sample: true,
    key: 0,
  }));

  const open = useCallback(
    async (file: File) => {
      const attempt = ++latest.current;
      setOpening(file.name);
      setError(undefined);
      try {
        const workbook = await openFile(file, written);
        if (attempt !== latest.current) return;
        setDownload(undefined);
        setCurrent((previous) => ({ workbook, name: file.name, sample: false, key: previous.key + 1 }));
      } catch (failure) {
        // The pane stays on the workbook it had; the message names the file and what to do.
        if (attempt === latest.current) setError(plainError(failure));
      } finally {
        if (attempt === latest.current) setOpening(undefined);
      }
    },
    [written],
  );

  const onOpen = useCallback((file: File) => void open(file), [open]);
  const picker = (
    <OpenWorkbook
      name={current.name}
      sample={current.sample}
      opening={opening}
      error={error}
      onDismissError={() => setError(undefined)}
      download={download}
      onOpen={onOpen}
    />
  );
  return <App key={current.key} workbook={current.workbook} preview workbookPicker={picker} />;
}
