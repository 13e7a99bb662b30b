/**
 * CSV per RFC 4180: fields joined with commas, rows with CRLF. A field that
 * contains a quote, comma, CR or LF is wrapped in quotes, with its quotes
 * doubled. `null` and `undefined` are empty fields.
 *
 * Text that a spreadsheet would run as a formula (starting with =, +, -, @,
 * tab or CR) gets a leading apostrophe, so an audit value someone else chose
 * (a connection name, a reason) can't become a formula when the export is
 * opened in Excel or Sheets. Numbers and booleans are written as they are.
 */
export type CsvValue = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The header row, then one row per record. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}
