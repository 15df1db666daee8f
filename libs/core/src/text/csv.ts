/** A plain decimal number, negative or not: a spreadsheet reads it as a number and it can run nothing. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * One CSV field: quoted when it holds a comma, quote or line break, and defused when it
 * starts like a spreadsheet formula (=, +, -, @, tab, carriage return), so opening an
 * export never runs anything. A plain negative number ("-12.50", a clawback) is left as
 * it is, so it stays a number.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: (string | number | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
