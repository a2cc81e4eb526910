/**
 * CSV injection (OWASP "CSV Injection"): a spreadsheet runs a cell as a formula when its text
 * starts with = + - @, or with a tab or carriage return before one. Every CSV the server or the
 * dashboard writes puts an apostrophe before such text, so Excel and WPS show it as text. A
 * plain number ("-12.5", "+3", "1e5") is a number, not a formula, and is left as it is: a
 * negative gap must stay a number a spreadsheet can sum.
 */

const PLAIN_NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/** Text a spreadsheet would run as a formula (papaparse's `escapeFormulae` takes it as is). */
export const FORMULA_START = new RegExp(`^(?!${PLAIN_NUMBER.source.slice(1, -1)}$)[=+\\-@\\t\\r]`);

/** The cell as written to a CSV: formula-like text gets a leading apostrophe. */
export function neutraliseCell<T>(value: T): T | string {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * The importer's inverse: a template the server wrote (a note "=1+1" went out as "'=1+1")
 * comes back as it was entered, not with an apostrophe added.
 */
export function restoreCell(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
