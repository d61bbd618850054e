/** Numbers as the pane shows them; the written sheet uses Excel number formats instead. */
export const percent = (share: number | undefined) => (share === undefined ? "–" : `${(share * 100).toFixed(1)}%`);

export const number = (value: number | undefined) =>
  value === undefined ? "–" : Math.abs(value) >= 1000 ? Math.round(value).toLocaleString("en-US") : Number(value.toPrecision(4)).toString();

export const points = (value: number | undefined) => (value === undefined ? "–" : `${value > 0 ? "+" : ""}${value.toFixed(1)} pp`);
