/**
 * The terminal preview (`npm run preview:cli [-- roster.csv]`, or `npm start -- --cli`): the server
 * code run in Node against an in-memory spreadsheet and a simulated Classroom (300 ms per call, in
 * virtual time), as the sidebar would drive it — sendInvitations() again and again until nothing is
 * left — then the sheet as the add-on leaves it, printed. Needs no Google account and no network.
 */
import * as path from 'path';
import { createFakeEnvironment } from '../fakes';
import * as server from '../src/server';
import type { RunReport } from '../src/contracts/run-report';
import { findHeader } from '../src/core/roster/roster-header';
import { readRosterFile, RosterFileError } from './roster-file';
import { ADMIN, seedSampleWorld, seedWorldFor } from './world';

const SPREADSHEET_ID = 'preview-spreadsheet';

function table(rows: unknown[][], widths: number[]): string {
  return rows
    .map((row) =>
      widths
        .map((width, i) => {
          const value = row[i];
          const text = (
            value instanceof Date ? value.toISOString().slice(11, 19) : String(value ?? '')
          ).replace(/\s+/g, ' ');
          return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
        })
        .join(' │ '),
    )
    .join('\n');
}

/** Returns the process exit code. */
export function runTerminalPreview(root: string, file: string | undefined, locale: string): number {
  const source = file ? path.resolve(file) : path.join(root, 'preview', 'sample-roster.csv');
  let rows: string[][];
  try {
    const roster = readRosterFile(source);
    rows = roster.rows;
    for (const warning of roster.warnings) console.warn(`Warning: ${warning}`);
  } catch (error) {
    if (!(error instanceof RosterFileError)) throw error;
    console.error(`${error.message}\nUsage: npm run preview:cli -- path/to/roster.csv`);
    return 2;
  }
  const env = createFakeEnvironment({
    defaultUser: ADMIN,
    locale,
    classroom: { admins: [ADMIN], latencyMs: 300 },
  });
  if (file) seedWorldFor(env, rows);
  else seedSampleWorld(env);
  const spreadsheet = env.sheets.create({
    id: SPREADSHEET_ID,
    name: 'Roster preview',
    sheets: [{ name: 'Roster', values: rows }],
  });
  const restore = env.installGlobals({ console: false });
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(
    `Classroom Roster Invites — local preview (${path.relative(process.cwd(), source) || source}, ${rows.length} rows)`,
  );
  log('Simulated Classroom: 300 ms per call, virtual clock; nothing leaves this machine.\n');
  try {
    const check = env.run(() => server.checkRoster(), {
      activeSpreadsheetId: SPREADSHEET_ID,
      activeSheetName: 'Roster',
    });
    log(`Check roster: ${check.message}`);
    let report: RunReport;
    let call = 0;
    do {
      call++;
      report = env.run(() => server.sendInvitations(), {
        activeSpreadsheetId: SPREADSHEET_ID,
        activeSheetName: 'Roster',
      });
      const codes = Object.entries(report.counts)
        .filter(([, n]) => n > 0)
        .map(([code, n]) => `${code} ${n}`)
        .join(', ');
      log(
        `sendInvitations() #${call}: ${report.message} [${codes}] (${(report.durationMs / 1000).toFixed(1)} s simulated)`,
      );
    } while (report.stoppedBecause === 'BUDGET' && call < 100);
    const sheet = spreadsheet.sheet('Roster');
    const values = sheet.peekValues();
    // Columns as the add-on finds them (any accepted header, either language).
    const layout = findHeader(values);
    const pick = (
      ['course', 'user', 'role', 'action', 'status', 'reason', 'invitationId', 'details'] as const
    ).map((key) => layout?.columns[key] ?? -1);
    log('');
    log(
      table(
        values.map((row, i) => [i + 1, ...pick.map((c) => (c >= 0 ? row[c] : ''))]),
        [3, 14, 24, 8, 8, 19, 32, 12, 70],
      ),
    );
    const calls = env.classroom.calls;
    log(
      `\nClassroom calls made: ${calls['invitations.create']} creates, ${calls['invitations.delete']} withdrawals, ` +
        `${calls['invitations.list']} invitation lists, ${calls['courses.get']} course look-ups.`,
    );
    log(
      'Run it on your own roster: npm run preview:cli -- path/to/roster.csv   (--locale zh-CN for Chinese)',
    );
  } finally {
    restore();
  }
  return 0;
}
