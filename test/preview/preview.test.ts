import * as path from 'path';
import * as server from '../../src/server';
import { runTerminalPreview } from '../../preview/cli';
import { parseCsv } from '../../preview/csv';
import { ADMIN, seedWorldFor } from '../../preview/world';
import { createFakeEnvironment } from '../../fakes';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF and a BOM', () => {
    const text = '\uFEFFCourse,Email,Notes\r\n1,"a@b.org","say ""hi"", then\nleave"\r\n2,b@c.org,\n';
    expect(parseCsv(text)).toEqual([
      ['Course', 'Email', 'Notes'],
      ['1', 'a@b.org', 'say "hi", then\nleave'],
      ['2', 'b@c.org', ''],
    ]);
  });

  it('keeps a last line without a newline', () => {
    expect(parseCsv('a,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
});

describe('seedWorldFor (an admin’s own roster in the preview)', () => {
  it('creates every course and user the roster names, so its valid rows are sent', () => {
    const rows = parseCsv(
      'Title row\nCourse,E-mail,角色\n555,x@y.org,老师\n555,bad-email,\nd:abc,z@y.org,\n',
    );
    const env = createFakeEnvironment({ defaultUser: ADMIN, classroom: { admins: [ADMIN] } });
    seedWorldFor(env, rows);
    env.sheets.create({ id: 'own', name: 'Own', sheets: [{ name: 'Roster', values: rows }] });
    const restore = env.installGlobals();
    try {
      const report = env.run(() => server.sendInvitations(), {
        activeSpreadsheetId: 'own',
        activeSheetName: 'Roster',
      });
      expect(report.counts).toMatchObject({ OK: 2, INVALID_ARGUMENT: 1 });
    } finally {
      restore();
    }
  });
});

describe('the terminal preview (npm run preview:cli)', () => {
  it('sends the sample roster to the end and prints the sheet', () => {
    const lines: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      expect(runTerminalPreview(path.resolve(__dirname, '..', '..'), undefined, 'en')).toBe(0);
    } finally {
      write.mockRestore();
    }
    const out = lines.join('');
    // A script's call (no sidebar to confirm) does what the Action column says: all 21 rows.
    expect(out).toMatch(/sendInvitations\(\) #1: Finished: 21 rows processed.*\[OK 6, ALREADY_EXISTS 2,/);
    expect(out).toContain('PERMISSION_DENIED');
    expect(out).toContain('=HYPERLINK');
    // The Action rows: Omar re-invited as a teacher, Paul's invitation withdrawn, nothing for Quinn.
    const line = (email: string) => out.split('\n').find((l) => l.includes(email)) ?? '';
    expect(line('omar@school.example')).toMatch(/│ OK +│ Reinvited /);
    expect(line('paul@school.example')).toMatch(/│ OK +│ Withdrawn /);
    expect(line('quinn@school.example')).toMatch(/│ NOT_FOUND +│ NoPendingInvitation /);
    expect(out).toMatch(
      /Classroom calls made: \d+ creates, 2 withdrawals, \d+ invitation lists?, \d+ course look-ups?\./,
    );
  });
});
