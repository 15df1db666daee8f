/**
 * One CSV field: quoted when it holds a comma, quote or line break, and defused when it
 * starts like a spreadsheet formula (=, +, -, @, tab, carriage return), so opening an
 * export never runs anything.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: (string | number | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
