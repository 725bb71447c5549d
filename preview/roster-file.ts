/**
 * Reads the roster file an admin hands the local preview (`npm start -- my-roster.csv`): checks that it
 * is a readable, non-empty CSV in UTF-8 (or UTF-16 with a byte-order mark), finds its delimiter, and
 * says what looks wrong. Every message says what happened and what to do. Must never guess an encoding
 * silently: a wrong guess turns names into mojibake that looks like the add-on's fault.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findHeader } from '../src/core/roster/roster-header';
import { detectDelimiter, readCsv } from './csv';

/** Larger files are refused: the preview keeps the whole sheet in memory, twice. */
export const MAX_ROSTER_BYTES = 50 * 1024 * 1024;

export interface RosterFile {
  rows: string[][];
  /** Things the admin should know, though the preview can run (no header row, `;` delimiter…). */
  warnings: string[];
}

export class RosterFileError extends Error {
  override name = 'RosterFileError';
}

const SAVE_AS_CSV =
  'Save it as CSV UTF-8 (Excel: File › Save As › “CSV UTF-8”; Google Sheets: File › Download › CSV) and try again.';

function decode(file: string, bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) {
    throw new RosterFileError(`${file} is a spreadsheet workbook (.xlsx), not a CSV file. ${SAVE_AS_CSV}`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstBadByte(bytes);
    const line = bytes
      .subarray(0, at)
      .toString('latin1')
      .split(/\r\n|\r|\n/).length;
    throw new RosterFileError(
      `${file} is not UTF-8 text (byte 0x${(bytes[at] ?? 0).toString(16).toUpperCase()} on line ${line}): ` +
        `it was probably saved in a legacy encoding such as Windows-1252 or GBK. ${SAVE_AS_CSV}`,
    );
  }
}

/** Where UTF-8 decoding first fails (0 when the fault is subtler than a bad lead or continuation byte). */
function firstBadByte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i] as number;
    const more =
      lead < 0x80
        ? 0
        : lead >= 0xc2 && lead <= 0xdf
          ? 1
          : lead >= 0xe0 && lead <= 0xef
            ? 2
            : lead <= 0xf4
              ? 3
              : -1;
    if (more < 0 || (lead >= 0x80 && lead < 0xc2)) return i;
    for (let k = 1; k <= more; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += more + 1;
  }
  return 0;
}

export function readRosterFile(file: string): RosterFile {
  const shown = path.relative(process.cwd(), file) || file;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new RosterFileError(
      `No such roster file: ${file}. Check the path (a relative path starts from ${process.cwd()}), ` +
        'or run npm start with no file to try the sample roster.',
    );
  }
  if (stat.isDirectory()) {
    throw new RosterFileError(`${shown} is a folder: give the path of a .csv file inside it.`);
  }
  if (stat.size > MAX_ROSTER_BYTES) {
    throw new RosterFileError(
      `${shown} is ${Math.round(stat.size / 1024 / 1024)} MB: the preview takes rosters up to ` +
        `${MAX_ROSTER_BYTES / 1024 / 1024} MB. Try it on a part of the file.`,
    );
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new RosterFileError(`Cannot read ${shown} (${code}): check that you may read it.`);
  }
  const text = decode(shown, bytes);
  if (text.replace(/^\uFEFF/, '').trim() === '') {
    throw new RosterFileError(
      `${shown} is empty. A roster needs a header row naming a course column and a user column ` +
        '(for example: Course ID,Email,Role), then one row per invitation.',
    );
  }
  const warnings: string[] = [];
  const delimiter = detectDelimiter(text);
  if (delimiter !== ',') {
    warnings.push(`${shown}: read with ${delimiter === ';' ? 'semicolons' : 'tabs'} between fields.`);
  }
  const { rows, unclosedQuoteLine } = readCsv(text, delimiter);
  if (unclosedQuoteLine !== null) {
    throw new RosterFileError(
      `${shown}: the quoted field that opens on line ${unclosedQuoteLine} is never closed, so the rest of ` +
        'the file would be one cell. Close the quote, or double a quote inside a quoted field ("Bob ""B"" Lee").',
    );
  }
  if (!findHeader(rows)) {
    warnings.push(
      `${shown}: no header row in its first 10 rows. The add-on looks for a row naming a course column ` +
        '(Course ID, Course, Course Alias…) and a user column (Email, User, Student Email…); until it ' +
        'finds one, the sidebar says so and nothing can be sent. Add such a row above the data.',
    );
  }
  return { rows, warnings };
}
