// The complete copy of someone's data as spreadsheets: one CSV file per table, in one zip. Built
// from the very `DataExport` the JSON copy is (`everythingAbout`), so the two cannot differ: the
// same tables, columns and rows, previous names never (the export has only their keyed hashes'
// dates), links that sign in already taken out.
//
// csv-stringify (the maintained `csv` project) does the quoting (RFC 4180: commas, quotes and
// line breaks inside a cell), fflate zips in memory with no native code and no dependencies.
import { stringify } from 'csv-stringify/sync';
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { DataExport } from './data-rights.ts';

/**
 * A cell a spreadsheet would run as a formula (starting = + - @, or a tab or carriage return) is
 * written with a leading apostrophe, as OWASP advises for CSV files: a note someone else wrote
 * must not run when the person opens their own data. The README in the zip says so.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** A value as JSON.stringify writes it into the JSON copy, as the text of a cell. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return FORMULA_START.test(value) ? `'${value}` : value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

/** The file name of a table's CSV in the zip. */
export const csvName = (table: string) => `${table}.csv`;

function readme(data: DataExport): string {
  return [
    `Your data from withme, put together on ${data.generatedAt}.`,
    '',
    data.about,
    '',
    'Each file is one table, the same as in the JSON copy (withme-my-data.json). The first line names the columns. Times are in UTC. A cell that begins with = + - or @ starts with an apostrophe, so that a spreadsheet shows it as text and never runs it.',
    '',
    ...data.sections.map((s) => `${csvName(s.table)}: ${s.label} (${s.rows.length} ${s.rows.length === 1 ? 'row' : 'rows'})`),
    '',
  ].join('\r\n');
}

/** The zip: README.txt and one CSV (UTF-8 with a byte-order mark, for spreadsheets) per table. */
export function dataSpreadsheets(data: DataExport): Uint8Array {
  const files: Zippable = { 'README.txt': strToU8(readme(data)) };
  for (const section of data.sections) {
    const records = section.rows.map((row) => section.columns.map((c) => cellText(row[c])));
    files[csvName(section.table)] = strToU8(stringify([section.columns, ...records], { bom: true, record_delimiter: 'windows' }));
  }
  // Every file dated when the copy was put together.
  return zipSync(files, { level: 6, mtime: new Date(data.generatedAt) });
}
