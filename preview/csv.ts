/**
 * A small RFC 4180 CSV reader for the local preview (quoted fields, doubled quotes, CRLF/LF/CR, a BOM,
 * a `;` or tab delimiter). Returns rows of strings; never throws. `readCsv` also says where a quote was
 * left open, so the caller can report a broken file instead of reading the rest of it as one cell.
 */

export interface CsvResult {
  rows: string[][];
  /** 1-based line on which a quoted field opens and never closes, or null. */
  unclosedQuoteLine: number | null;
}

export function readCsv(text: string, delimiter = ','): CsvResult {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let quoteLine = 0;
  const source = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] as string;
    if (ch === '\n' || (ch === '\r' && source[i + 1] !== '\n')) line++;
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') {
        i++;
        line++;
      }
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0 || quoted) {
    row.push(field);
    rows.push(row);
  }
  return { rows, unclosedQuoteLine: quoted ? quoteLine : null };
}

export function parseCsv(text: string, delimiter = ','): string[][] {
  return readCsv(text, delimiter).rows;
}

/**
 * The delimiter of a roster file: a comma, unless its first non-blank line has none but has tabs
 * (Excel's "Unicode text") or semicolons (Excel's CSV where the decimal separator is a comma).
 */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const first =
    text
      .replace(/^\uFEFF/, '')
      .split(/\r\n|\r|\n/)
      .find((l) => l.trim() !== '') ?? '';
  const outside = first.replace(/"[^"]*"/g, '');
  if (outside.includes(',')) return ',';
  if (outside.includes('\t')) return '\t';
  if (outside.includes(';')) return ';';
  return ',';
}
