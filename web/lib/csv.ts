/** Rows as CSV text, quoted where a cell needs it. */
const cell = (v: string | number) => {
  let s = String(v);
  // Text from an uploaded file could start a spreadsheet formula; it is shown as text instead.
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Rows as CSV, UTF-8 with a BOM so that Excel shows the Chinese text. */
export const csvOf = (rows: (string | number)[][]) => `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
