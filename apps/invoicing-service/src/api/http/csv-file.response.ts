import { StreamableFile } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';

export type CsvValue = string | number | null;

/**
 * Whether the caller asked for CSV: `?format=csv`, or `Accept: text/csv` without a format (the
 * query wins, so a link in a browser can fetch either).
 */
export function wantsCsv(format: string | undefined, accept: string | undefined): boolean {
  if (format !== undefined) return format === 'csv';
  return (accept ?? '').split(',').some((range) => range.split(';')[0].trim().toLowerCase() === 'text/csv');
}

/**
 * A report as an RFC 4180 CSV file (csv-stringify): a header line, CRLF line ends, a field quoted
 * when it holds a comma, a quote or a line break, quotes doubled. Text that a spreadsheet would
 * run as a formula (=, +, -, @ first) is escaped with a leading apostrophe (OWASP CSV injection);
 * numbers are left as they are. Amounts are minor units, next to their currency column.
 */
export function csvFile(name: string, header: readonly string[], rows: readonly (readonly CsvValue[])[]): StreamableFile {
  const text = stringify([[...header], ...rows.map((row) => row.map((value) => (value === null ? '' : value)))], { record_delimiter: 'windows', escape_formulas: true });
  const body = Buffer.from(text, 'utf8');
  return new StreamableFile(body, { type: 'text/csv; charset=utf-8; header=present', disposition: `attachment; filename="${name}.csv"`, length: body.length });
}
