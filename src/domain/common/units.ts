/**
 * A KPI's figures in its own unit, as a planner reads them in a finding or the pane: a "%" KPI
 * in percentage points, a money KPI with its sign, any other with its unit after the number.
 */

const PERCENT_UNITS = new Set(["%", "percent", "pct", "percentage"]);
const PREFIXED_UNITS = new Set(["€", "$", "£", "¥", "₹"]);

/** A KPI measured in % keeps its figures as fractions (0.013 for 1.3%). */
export function isPercentUnit(unit: string): boolean {
  return PERCENT_UNITS.has(unit.trim().toLowerCase());
}

/**
 * What a figure near the limit becomes once scaled for showing (a share × 100 as a percentage):
 * past what a number holds, said in words rather than as "Infinity".
 */
export function pastLimit(value: number): string {
  return value < 0 ? "less than −1.8E+308" : "more than 1.8E+308";
}

/** Four significant digits, thousands separated, no trailing zeros: 3,000 · 0.0008 · 18.15. */
function plain(value: number): string {
  if (!Number.isFinite(value)) return pastLimit(value);
  // Four digits can round the very largest numbers past the limit: those are shown unrounded.
  const fourDigits = Number(value.toPrecision(4));
  const rounded = Number.isFinite(fourDigits) ? fourDigits : value;
  return Math.abs(rounded) >= 1000 ? Math.round(rounded).toLocaleString("en-US") : String(rounded);
}

/**
 * A unit of money: a currency sign alone ("€") or per something ("€/month", "$ / subscriber"),
 * split into the sign written before the number and what is written after it ("/month").
 */
function moneyUnit(trimmed: string): { readonly sign: string; readonly per: string } | undefined {
  const sign = [...PREFIXED_UNITS].find((s) => trimmed.startsWith(s));
  if (sign === undefined) return undefined;
  const rest = trimmed.slice(sign.length).trim();
  if (rest === "") return { sign, per: "" };
  return /^\/\s*\S/.test(rest) ? { sign, per: `/${rest.slice(1).trim()}` } : undefined;
}

/** Money as "€0.05/month", "−€3": one shape for every money unit, the sign before the number. */
function money(value: number, { sign, per }: { sign: string; per: string }, withPer = true): string {
  const number = value < 0 ? `−${sign}${plain(-value)}` : `${sign}${plain(value)}`;
  return withPer ? `${number}${per}` : number;
}

/** "1 day", not "1 days": a unit that is a plural word loses its "s" after exactly 1. */
function unitAfter(number: string, unit: string): string {
  const singular = /^[+−-]?1$/.test(number) && /^[A-Za-z]+s$/.test(unit) && !/ss$/.test(unit) ? unit.slice(0, -1) : unit;
  return `${number} ${singular}`;
}

/** An amount of the KPI (a gap, an impact, what is still to find) in its unit: "0.08 pp", "€0.3", "€0.05/month", "1,400 households". */
export function amountInUnit(value: number, unit: string): string {
  const trimmed = unit.trim();
  if (isPercentUnit(trimmed)) return `${plain(value * 100)} pp`;
  if (trimmed === "") return plain(value);
  const currency = moneyUnit(trimmed);
  if (currency) return money(value, currency);
  return unitAfter(plain(value), trimmed);
}

/** How many digits a percentage keeps after the point. */
export interface PercentStyle {
  /** 0 (the default) rounds to a whole percent, half up. */
  readonly decimals?: number;
  /** Drops the zeros a fixed number of decimals leaves: "25%" and "33.33%" rather than "25.00%". */
  readonly trimZeros?: boolean;
}

/**
 * A share as a number of percent, or of points, without a sign after it: 0.533 → "53", or "53.3"
 * with one decimal; past what a number holds, said in words. Every percentage the add-in writes
 * as text goes through here or percentOf.
 */
export function percentNumber(share: number, { decimals = 0, trimZeros = false }: PercentStyle = {}): string {
  const percent = share * 100;
  if (!Number.isFinite(percent)) return pastLimit(percent);
  if (decimals === 0) return String(Math.round(percent));
  const fixed = percent.toFixed(decimals);
  return trimZeros ? String(Number(fixed)) : fixed;
}

/** A share as a percentage: 0.533 → "53%", "53.3%" with one decimal. */
export function percentOf(share: number, style?: PercentStyle): string {
  return `${percentNumber(share, style)}%`;
}

/** Whether a number in a label should read as zero: rounding leftovers like 6.7e-16 are not news. */
const negligible = (value: number, scale: number) => Math.abs(value) < 1e-9 * Math.max(Math.abs(scale), 1e-9);

/** A true minus sign reads better and is spoken as "minus" by screen readers, unlike a hyphen. */
const minus = (text: string) => text.replace(/^-/, "−");

/**
 * A level of the KPI (a value, a target, an axis tick) in its unit: "1.38%", "€18.15",
 * "6,000 households"; with `bare`, a unit written after the number is left to an axis title.
 */
export function levelInUnit(value: number, unit: string, { bare = false }: { bare?: boolean } = {}): string {
  const trimmed = unit.trim();
  if (isPercentUnit(trimmed)) return `${minus(plain(value * 100))}%`;
  const currency = moneyUnit(trimmed);
  // Bare, what a money unit has after the number ("/month") is left to the axis title too.
  if (currency) return money(value, currency, !bare);
  const number = minus(plain(value));
  return bare || trimmed === "" ? number : unitAfter(number, trimmed);
}

/**
 * A change of the KPI, always signed: "+1,200 households", "−0.05 pp", "+€0.03". A "%" KPI
 * changes by percentage points, so "pp" stays even with `bare`. `scale` (the KPI's level) decides
 * what is a rounding leftover rather than a change.
 */
export function changeInUnit(change: number, unit: string, { bare = false, scale = 1 }: { bare?: boolean; scale?: number } = {}): string {
  const trimmed = unit.trim();
  const value = negligible(change, scale) ? 0 : change;
  const sign = value > 0 ? "+" : value < 0 ? "−" : "";
  const size = Math.abs(value);
  if (isPercentUnit(trimmed)) return `${sign}${plain(size * 100)} pp`;
  const currency = moneyUnit(trimmed);
  if (currency) return `${sign}${money(size, currency, !bare)}`;
  return bare || trimmed === "" ? `${sign}${plain(size)}` : unitAfter(`${sign}${plain(size)}`, trimmed);
}
