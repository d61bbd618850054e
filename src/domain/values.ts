/**
 * Reading single cell values the way a planner types them: numbers as numbers or as text
 * ("1250.5", "12%", "€1,250"), ID lists separated by commas, semicolons or line breaks.
 */
import { errorText, isBlank, type CellValue } from "./cells";

export type NumberRead =
  | { readonly kind: "blank" }
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "bad"; readonly reason: string };

const BLANK: NumberRead = { kind: "blank" };

// Currency signs and ISO codes a planner may type before or after an amount.
const CURRENCY = /^(?:[€$£¥₹]|EUR|USD|GBP|CHF|SEK|NOK|DKK|PLN)\s*|\s*(?:[€$£¥₹]|EUR|USD|GBP|CHF|SEK|NOK|DKK|PLN)$/i;
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const THOUSANDS = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

export function readNumber(value: CellValue | undefined): NumberRead {
  if (isBlank(value)) return BLANK;
  const error = errorText(value);
  if (error) return { kind: "bad", reason: `holds the error ${error}` };
  if (typeof value === "number") {
    return Number.isFinite(value) ? { kind: "number", value } : { kind: "bad", reason: "is not a finite number" };
  }
  if (typeof value === "boolean") return { kind: "bad", reason: `holds ${value ? "TRUE" : "FALSE"}, not a number` };
  if (value instanceof Date) return { kind: "bad", reason: "holds a date, not a number" };
  return readNumericText(String(value));
}

function readNumericText(raw: string): NumberRead {
  let text = raw.trim().replace(/\u00a0/g, " ");
  let negative = false;
  // Accounting style "(1,250)" means minus.
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1).trim();
  }
  let scale = 1;
  if (text.endsWith("%")) {
    scale = 0.01;
    text = text.slice(0, -1).trim();
  }
  text = text.replace(CURRENCY, "").trim();
  if (text.startsWith("-") || text.startsWith("+")) {
    const sign = text[0];
    const rest = text.slice(1).trim().replace(CURRENCY, "").trim();
    text = sign + rest;
  }
  if (THOUSANDS.test(text)) text = text.replace(/,/g, "");
  if (!PLAIN_NUMBER.test(text)) return { kind: "bad", reason: `holds "${shorten(raw)}", which is not a number` };
  const parsed = Number(text) * scale;
  return { kind: "number", value: negative ? -parsed : parsed };
}

/** Cell text as the user sees it; numbers and booleans as Excel would show them unformatted. */
export function readText(value: CellValue | undefined): string {
  if (value == null) return "";
  if (typeof value === "string") return value.trim();
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return isoDate(value);
  return value.error;
}

/** An ID as a key: trimmed and upper case, so "b1 " and "B1" are the same bet. */
export function idKey(id: string): string {
  return id.trim().toUpperCase();
}

export function readIdList(value: CellValue | undefined): string[] {
  const text = readText(value);
  if (!text || errorText(value)) return [];
  const seen = new Set<string>();
  const ids: string[] = [];
  for (const part of text.split(/[,;\r\n]+/)) {
    const id = part.trim();
    if (id && !seen.has(idKey(id))) {
      seen.add(idKey(id));
      ids.push(id);
    }
  }
  return ids;
}

// Excel's serial date 25569 is 1970-01-01.
const EXCEL_EPOCH_OFFSET = 25569;
const MS_PER_DAY = 86_400_000;

/** Dates arrive as Date objects (from .xlsx) or serial numbers (from Office.js); both become ISO text. */
export function readDate(value: CellValue | undefined): { kind: "blank" } | { kind: "date"; iso: string } | { kind: "bad"; reason: string } {
  if (isBlank(value)) return { kind: "blank" };
  const error = errorText(value);
  if (error) return { kind: "bad", reason: `holds the error ${error}` };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { kind: "bad", reason: "holds an invalid date" } : { kind: "date", iso: isoDate(value) };
  if (typeof value === "number" && value > 0 && value < 2_958_466) {
    return { kind: "date", iso: isoDate(new Date(Math.round((value - EXCEL_EPOCH_OFFSET) * MS_PER_DAY))) };
  }
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value.trim())) {
    const parsed = new Date(value.trim().slice(0, 10) + "T00:00:00Z");
    if (!Number.isNaN(parsed.getTime())) return { kind: "date", iso: isoDate(parsed) };
  }
  return { kind: "bad", reason: `holds "${shorten(readText(value))}", which is not a date` };
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function shorten(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
