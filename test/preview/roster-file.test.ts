/**
 * An admin's own roster file in the preview: what is read, and what is refused with a message that
 * says what happened and what to do (missing, a folder, empty, not UTF-8, a workbook, a quote left
 * open), and what starts with a warning (no header row, semicolons).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { detectDelimiter, readCsv } from '../../preview/csv';
import { readRosterFile, RosterFileError } from '../../preview/roster-file';
import { startPreview } from '../../preview/preview-server';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-file-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
function file(name: string, content: string | Buffer): string {
  const full = path.join(dir, name);
  fs.writeFileSync(full, content);
  return full;
}

describe('readCsv', () => {
  it('says on which line a quoted field opens and never closes', () => {
    expect(readCsv('a,b\n1,"x\n2,y\n')).toEqual({
      rows: [
        ['a', 'b'],
        ['1', 'x\n2,y\n'],
      ],
      unclosedQuoteLine: 2,
    });
    expect(readCsv('a\r\nb\r\n"c').unclosedQuoteLine).toBe(3);
    expect(readCsv('a,"b\nc"\n').unclosedQuoteLine).toBeNull();
  });

  it('reads old Mac line ends and another delimiter', () => {
    expect(readCsv('a;b\r1;"x;y"\r', ';').rows).toEqual([
      ['a', 'b'],
      ['1', 'x;y'],
    ]);
  });

  it('finds the delimiter from the first non-blank line', () => {
    expect(detectDelimiter('\n\uFEFFCourse;Email;Role\n1;a@b.c;x,y')).toBe(';');
    expect(detectDelimiter('Course\tEmail\n')).toBe('\t');
    expect(detectDelimiter('"Course;ID",Email\n')).toBe(',');
    expect(detectDelimiter('Course\n')).toBe(',');
  });
});

describe('readRosterFile', () => {
  const refused = (target: string) => {
    try {
      readRosterFile(target);
    } catch (error) {
      expect(error).toBeInstanceOf(RosterFileError);
      return (error as Error).message;
    }
    throw new Error('not refused');
  };

  it('reads a CSV with a BOM, CRLF line ends, and quoted commas and line breaks', () => {
    const target = file(
      'excel.csv',
      '\uFEFFCourse ID,Email,Role,Notes\r\n555,a@my.school,STUDENT,"Lee, Ann"\r\n555,b@my.school,,"two\r\nlines"\r\n',
    );
    expect(readRosterFile(target)).toEqual({
      rows: [
        ['Course ID', 'Email', 'Role', 'Notes'],
        ['555', 'a@my.school', 'STUDENT', 'Lee, Ann'],
        ['555', 'b@my.school', '', 'two\r\nlines'],
      ],
      warnings: [],
    });
  });

  it('reads UTF-16 with a byte-order mark (Excel’s “Unicode text”), tabs between fields', () => {
    const text = 'Course ID\tEmail\n555\t林@my.school\n';
    const target = file(
      'unicode.txt',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    );
    const roster = readRosterFile(target);
    expect(roster.rows).toEqual([
      ['Course ID', 'Email'],
      ['555', '林@my.school'],
    ]);
    expect(roster.warnings).toEqual([expect.stringContaining('read with tabs between fields')]);
  });

  it('warns, and reads, a file with semicolons between fields', () => {
    const roster = readRosterFile(file('semi.csv', 'Course ID;Email\n555;a@my.school\n'));
    expect(roster.rows[1]).toEqual(['555', 'a@my.school']);
    expect(roster.warnings).toEqual([expect.stringContaining('semicolons')]);
  });

  it('warns when no header row names a course and a user column, and says what it looks for', () => {
    const roster = readRosterFile(file('noheader.csv', '555,a@my.school\n555,b@my.school\n'));
    expect(roster.rows).toHaveLength(2);
    expect(roster.warnings).toEqual([expect.stringMatching(/no header row in its first 10 rows.*Course ID/)]);
  });

  it('refuses a missing file, a folder, an empty file', () => {
    expect(refused(path.join(dir, 'nope.csv'))).toMatch(
      /^No such roster file: .*nope\.csv\. Check the path .* or run npm start with no file/,
    );
    expect(refused(dir)).toContain('is a folder');
    expect(refused(file('empty.csv', ''))).toMatch(/is empty\. A roster needs a header row/);
    expect(refused(file('blank.csv', '\uFEFF\r\n  \r\n'))).toContain('is empty');
  });

  it('refuses a file that is not UTF-8, saying where and how to save it', () => {
    const latin1 = Buffer.from('Course ID,Email,Name\n555,a@my.school,Zoë\n', 'latin1');
    const message = refused(file('latin1.csv', latin1));
    expect(message).toContain('is not UTF-8 text (byte 0xEB on line 2)');
    expect(message).toContain('CSV UTF-8');
  });

  it('refuses an Excel workbook and a quote left open', () => {
    expect(refused(file('book.csv', Buffer.from('PK\x03\x04rest', 'latin1')))).toContain(
      '(.xlsx), not a CSV',
    );
    expect(
      refused(file('quote.csv', 'Course ID,Email,Name\n555,a@my.school,"Ann\n555,b@my.school,Ben\n')),
    ).toMatch(/opens on line 2 is never closed/);
  });

  it('says that --extra-rows added nothing to a roster without a header row', async () => {
    const preview = await startPreview({ port: 0, extraRows: 5, csvPath: file('bare.csv', '1,a@b.c\n') });
    try {
      expect(preview.warnings).toEqual([
        expect.stringContaining('no header row'),
        '--extra-rows 5: no rows were added, as the roster has no header row to follow.',
      ]);
      expect(preview.snapshot().values).toEqual([['1', 'a@b.c']]);
    } finally {
      await preview.close();
    }
  });

  it('stops npm start before it listens, with the same message', async () => {
    await expect(startPreview({ port: 0, csvPath: file('empty2.csv', '') })).rejects.toThrow('is empty');
    const preview = await startPreview({
      port: 0,
      speed: 1000,
      csvPath: file('semi2.csv', 'Course ID;Email\r\n555;"a@my.school"\r\n'),
    });
    try {
      expect(preview.warnings).toEqual([expect.stringContaining('semicolons')]);
      expect(preview.snapshot().values).toEqual([
        ['Course ID', 'Email'],
        ['555', 'a@my.school'],
      ]);
    } finally {
      await preview.close();
    }
  });
});
