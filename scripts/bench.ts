/**
 * The benchmark (`npm run bench`): drives the real entry points over the fakes with 300 ms per
 * Classroom create and a simulated cost per sheet call, and prints the figures the README quotes.
 * It asserts nothing; tests assert behaviour.
 */
import { DEFAULT_SEND_OPTIONS } from '../src/core/send/run-engine';
import { parseRow } from '../src/core/roster/roster-parser';
import { findHeader } from '../src/core/roster/roster-header';
import type { SheetPort } from '../src/core/platform/ports';
import { planRun } from '../src/core/send/run-plan';
import type { RunReport } from '../src/contracts/run-report';
import { scanRoster } from '../src/core/roster/roster-scan';
import * as server from '../src/server';
import { benchManySchools } from './bench-schools';
import { createFakeEnvironment, type FakeEnvironment } from '../fakes';

const LATENCY_MS = 300;
/** Simulated Sheets costs: a read or a write call, per cell, and a flush (which commits the writes). */
const COSTS = { readMs: 50, writeMs: 20, flushMs: 100, perCellMs: 0.001 };
const ADMIN = 'admin@school.example';
const COURSE = '123456789012';

interface ExecutionFigures {
  processed: number;
  reads: number;
  writes: number;
  ioMs: number;
  durationMs: number;
  maxWaitMs: number;
  cpuMs: number;
  stoppedBecause: string;
}

function environment(): FakeEnvironment {
  const env = createFakeEnvironment({
    defaultUser: ADMIN,
    sheetCosts: COSTS,
    // Classroom's real cap is about 500 invitations a day per teacher; the benchmark measures the engine.
    classroom: { admins: [ADMIN], latencyMs: LATENCY_MS, dailyCap: 1_000_000 },
  });
  env.installGlobals({ console: false });
  env.classroom.addUser({ email: ADMIN });
  env.classroom.addCourse({ id: COURSE, name: 'Bench', ownerId: ADMIN });
  return env;
}

function addStudents(env: FakeEnvironment, from: number, to: number): void {
  for (let i = from; i < to; i++) env.classroom.addUser({ email: `s${i}@school.example` });
}

/** One execution of sendInvitations(), measured from outside. */
function measuredRun(env: FakeEnvironment, spreadsheetId: string): ExecutionFigures {
  const readyAt: number[] = [];
  const flushedAt: number[] = [];
  let classroomCalls = 0;
  const stopOps = env.runtime.onOp((event) => {
    if (event.name.startsWith('Classroom.')) classroomCalls++;
    if (event.name === 'Classroom.invitations.create') readyAt.push(env.clock.now() + LATENCY_MS);
    if (event.name === 'SpreadsheetApp.flush') flushedAt.push(env.clock.now() + COSTS.flushMs);
  });
  env.sheets.resetStats();
  const cpu = process.cpuUsage();
  const started = env.clock.now();
  const report: RunReport = env.run(() => server.sendInvitations(), {
    activeSpreadsheetId: spreadsheetId,
    activeSheetName: 'Roster',
  });
  const cpuUsed = process.cpuUsage(cpu);
  stopOps();
  const durationMs = env.clock.now() - started;
  const s = env.sheets.stats;
  const reads = s.getValues + s.getNotes + s.getFormulas;
  const writes = s.setValues + s.setNotes;
  // Everything the virtual clock spent outside Classroom calls is sheet I/O (the other fakes cost 0).
  const ioMs = durationMs - classroomCalls * LATENCY_MS;
  let maxWaitMs = 0;
  for (const ready of readyAt) {
    const written = flushedAt.find((t) => t >= ready);
    maxWaitMs = Math.max(maxWaitMs, (written ?? env.clock.now()) - ready);
  }
  return {
    processed: report.processed,
    reads,
    writes: writes + s.flush,
    ioMs,
    durationMs,
    maxWaitMs,
    cpuMs: (cpuUsed.user + cpuUsed.system) / 1000,
    stoppedBecause: report.stoppedBecause,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const ms = (x: number) => `${x.toFixed(0)} ms`;

function printExecutions(title: string, runs: ExecutionFigures[]): void {
  process.stdout.write(`\n${title}\n`);
  process.stdout.write(
    '  exec  rows  reads  writes+flushes  sheet I/O share  oldest unwritten result  duration   CPU (engine+fakes)  stopped\n',
  );
  runs.forEach((r, i) => {
    process.stdout.write(
      `  ${String(i + 1).padStart(4)}  ${String(r.processed).padStart(4)}  ${String(r.reads).padStart(5)}  ${String(r.writes).padStart(14)}  ${pct(r.ioMs / r.durationMs).padStart(15)}  ${ms(r.maxWaitMs).padStart(23)}  ${(r.durationMs / 1000).toFixed(1).padStart(7)} s  ${ms(r.cpuMs).padStart(18)}  ${r.stoppedBecause}\n`,
    );
  });
}

function rosterRows(count: number, offset = 0): unknown[][] {
  const rows: unknown[][] = [['Course ID', 'Email', 'Role', 'Name']];
  for (let i = offset; i < offset + count; i++)
    rows.push([Number(COURSE), `s${i}@school.example`, 'STUDENT', `Student ${i}`]);
  return rows;
}

function benchFullRoster(): void {
  const env = environment();
  addStudents(env, 0, 3000);
  env.sheets.create({ id: 'a', name: 'A', sheets: [{ name: 'Roster', values: rosterRows(3000) }] });
  const runs: ExecutionFigures[] = [];
  do runs.push(measuredRun(env, 'a'));
  while (runs[runs.length - 1]?.stoppedBecause === 'BUDGET' && runs.length < 20);
  const creates = env.classroom.calls['invitations.create'];
  const rerun = measuredRun(env, 'a');
  const rerunCreates = env.classroom.calls['invitations.create'] - creates;
  const ideal = DEFAULT_SEND_OPTIONS.budgetMs / LATENCY_MS;
  const full = runs.filter((r) => r.stoppedBecause === 'BUDGET');
  printExecutions('A. 3,000-row roster, all pending — sendInvitations() until done', runs);
  process.stdout.write(
    `  creates per pending row: ${(creates / 3000).toFixed(2)}; rerun over 3,000 final rows: ${rerunCreates} creates, ${rerun.reads} reads, ${rerun.writes} writes\n`,
  );
  process.stdout.write(
    `  rows per full execution: ${full.map((r) => r.processed).join(', ')} of ${ideal.toFixed(0)} (budget ÷ latency) = ${full.map((r) => pct(r.processed / ideal)).join(', ')}\n`,
  );
  process.stdout.write(`  executions killed: ${env.runtime.stats.killed}\n`);
}

function fingerprintNotes(rows: unknown[][]): string[][] {
  const layout = findHeader(rows);
  if (!layout) throw new Error('no header');
  return rows.map((row, i) => {
    if (i === 0) return [''];
    const parsed = parseRow(row, layout, { defaultRole: 'STUDENT' });
    return [parsed.kind === 'blank' ? '' : parsed.fingerprint];
  });
}

function benchLargeSheet(): void {
  const env = environment();
  addStudents(env, 0, 50000);
  const rows = rosterRows(50000);
  const header = rows[0] as unknown[];
  header.push('Status', 'Reason', 'Invitation ID', 'Details', 'Updated');
  const notes = fingerprintNotes(rows).map((note, i) => (i > 0 && i <= 49500 ? note : ['']));
  for (let i = 1; i <= 50000; i++) {
    const row = rows[i] as unknown[];
    if (i <= 49500) row.push('OK', '', `inv-${i}`, 'Invitation sent.', new Date(Date.UTC(2026, 10, 1)));
    else row.push('', '', '', '', '');
  }
  env.sheets.create({
    id: 'b',
    name: 'B',
    sheets: [
      { name: 'Roster', values: rows, notes: notes.map((n, i) => [i === 0 ? '' : '', '', '', '', n[0]]) },
    ],
  });
  const run = measuredRun(env, 'b');
  printExecutions('B. 50,000-row sheet, 49,500 final rows and 500 pending — one execution', [run]);
  process.stdout.write(
    `  creates per pending row: ${(env.classroom.calls['invitations.create'] / 500).toFixed(2)}; creates for final rows: ${env.classroom.calls['invitations.create'] - 500}\n`,
  );
  // Engine CPU for the scan alone: the pure core over an in-memory port, no fakes involved.
  const port: SheetPort = {
    name: () => 'Roster',
    lastRow: () => rows.length,
    lastColumn: () => header.length,
    maxColumns: () => header.length,
    insertColumnsAfter: () => undefined,
    // Hands back the grid as Apps Script does: copying it is the platform's cost, not the engine's.
    getValues: () => rows,
    setValues: () => undefined,
    getFormulas: () => [],
    getNotes: () => noteColumn,
    setNotes: () => undefined,
    protectedAreas: () => [],
    mergedRanges: () => [],
    flush: () => undefined,
  };
  const noteColumn = notes.slice(1).map((note) => note[0] ?? '');
  const samples: number[] = [];
  for (let i = 0; i < 7; i++) {
    const cpu = process.cpuUsage();
    const scanned = scanRoster(port, { defaultRole: 'STUDENT', now: Date.now(), retryCooldownMs: 300000 });
    if (scanned.ok) planRun(scanned.scan.rows);
    const used = process.cpuUsage(cpu);
    samples.push((used.user + used.system) / 1000);
  }
  samples.sort((a, b) => a - b);
  process.stdout.write(
    `  engine CPU to scan and plan 50,000 rows (pure core, median of 7): ${ms(samples[3] ?? 0)}\n`,
  );
}

/** One sidebar call on the 50,000-row sheet, measured from outside: sheet calls, I/O time, Classroom calls. */
function measuredCall<T>(env: FakeEnvironment, fn: () => T, spreadsheetId = 'c'): { value: T; line: string } {
  env.sheets.resetStats();
  const classroomBefore = Object.values(env.classroom.calls).reduce((a, b) => a + b, 0);
  const cpu = process.cpuUsage();
  const started = env.clock.now();
  const value = env.run(fn, { activeSpreadsheetId: spreadsheetId, activeSheetName: 'Roster', user: ADMIN });
  const used = process.cpuUsage(cpu);
  const s = env.sheets.stats;
  const classroom = Object.values(env.classroom.calls).reduce((a, b) => a + b, 0) - classroomBefore;
  const line = `reads ${s.getValues + s.getNotes + s.getFormulas}, writes ${s.setValues + s.setNotes}, flushes ${s.flush}, Classroom calls ${classroom}, simulated sheet time ${ms(env.clock.now() - started)}, CPU ${ms((used.user + used.system) / 1000)}`;
  return { value, line };
}

function benchSidebarCalls(): void {
  const env = environment();
  const rows = rosterRows(50000);
  const header = rows[0] as unknown[];
  header.push('Status', 'Reason', 'Invitation ID', 'Details', 'Updated');
  for (let i = 1; i <= 50000; i++) {
    const row = rows[i] as unknown[];
    const sent = new Date(Date.UTC(2026, 10, 1));
    // Every 100th row was refused (500 rows, scattered), the last 500 are pending, the rest are sent.
    if (i > 49500) row.push('', '', '', '', '');
    else if (i % 100 === 0) row.push('PERMISSION_DENIED', 'CannotInviteOutsideDomain', '', 'Refused.', sent);
    else row.push('OK', '', `inv-${i}`, 'Invitation sent.', sent);
  }
  const notes = fingerprintNotes(rows).map((note, i) => (i > 0 && i <= 49500 ? note : ['']));
  env.sheets.create({
    id: 'c',
    name: 'C',
    sheets: [{ name: 'Roster', values: rows, notes: notes.map((n) => ['', '', '', '', n[0]]) }],
  });
  process.stdout.write('\nC. Sidebar calls on a 50,000-row sheet (49,005 sent, 495 refused, 500 pending)\n');
  const state = measuredCall(env, () => server.getSidebarState({}));
  process.stdout.write(
    `  getSidebarState: ${state.line}; pending ${state.value.roster.pending}, refused ${state.value.roster.statusCounts.PERMISSION_DENIED}\n`,
  );
  const retry = measuredCall(env, () => server.retryFailedRows({ codes: ['PERMISSION_DENIED'] }));
  process.stdout.write(
    `  retryFailedRows (495 scattered rows): ${retry.line}; re-queued ${retry.value.requeued}\n`,
  );
}

/** Classroom calls of one kind made since `before` (a copy of `env.classroom.calls`). */
function callsSince(env: FakeEnvironment, before: Record<string, number>, method: string): number {
  return ((env.classroom.calls as Record<string, number>)[method] ?? 0) - (before[method] ?? 0);
}

/**
 * D. "Who accepted", the live check and re-invites on 20 courses × 250 rows (5,000 rows): Classroom
 * calls per course and per row, sheet I/O, simulated time.
 */
function benchOperations(): void {
  const env = environment();
  const COURSES = 20;
  const PER_COURSE = 250;
  const courses = Array.from({ length: COURSES }, (_, c) => String(700000000000 + c));
  for (const id of courses) env.classroom.addCourse({ id, name: `Course ${id}`, ownerId: ADMIN });
  addStudents(env, 0, COURSES * PER_COURSE);
  const rows: unknown[][] = [['Course ID', 'Email', 'Role', 'Action']];
  courses.forEach((course, c) => {
    for (let i = 0; i < PER_COURSE; i++)
      rows.push([course, `s${c * PER_COURSE + i}@school.example`, 'STUDENT', '']);
  });
  env.sheets.create({ id: 'd', name: 'D', sheets: [{ name: 'Roster', values: rows }] });
  const as = { activeSpreadsheetId: 'd', activeSheetName: 'Roster', user: ADMIN };
  const total = COURSES * PER_COURSE;
  process.stdout.write(`\nD. Operations on ${COURSES} courses × ${PER_COURSE} rows (${total} rows)\n`);

  // The live check before anything was sent.
  let before = { ...env.classroom.calls };
  const check = measuredCall(env, () => server.checkRoster({ live: true }), 'd');
  const reads = ['courses.get', 'invitations.list', 'courses.students.list', 'courses.teachers.list'];
  const perCourse = reads.map((m) => `${m} ${(callsSince(env, before, m) / COURSES).toFixed(2)}`).join(', ');
  const allReads = reads.reduce((sum, m) => sum + callsSince(env, before, m), 0);
  process.stdout.write(
    `  checkRoster({live: true}): per course ${perCourse}; ${(allReads / total).toFixed(3)} calls per row; ${check.line}; writes to the sheet ${env.sheets.stats.setValues + env.sheets.stats.setNotes}\n`,
  );

  // Send everything quickly, then let invitees answer: a third accept, a third decline, a third wait.
  const latency = env.classroom.options.latencyMs;
  env.classroom.options.latencyMs = 0;
  for (let i = 0; i < 20; i++) {
    if (env.run(() => server.sendInvitations(), as).stoppedBecause !== 'BUDGET') break;
  }
  env.classroom.options.latencyMs = latency;
  env.classroom.invitations().forEach((invitation, i) => {
    if (i % 3 === 0) env.classroom.acceptInvitation(invitation.id);
    else if (i % 3 === 1) env.classroom.declineInvitation(invitation.id);
  });
  env.clock.advance(3 * 24 * 3600 * 1000);

  before = { ...env.classroom.calls };
  const lines: string[] = [];
  let afterCourse = '';
  const states: Record<string, number> = {};
  for (let call = 1; call <= 10; call++) {
    const result = measuredCall(env, () => server.refreshAcceptance({ afterCourse }), 'd');
    lines.push(`call ${call}: ${result.value.coursesChecked} courses, ${result.line}`);
    for (const [state, count] of Object.entries(result.value.counts))
      states[state] = (states[state] ?? 0) + count;
    if (result.value.coursesLeft === 0) break;
    afterCourse = result.value.nextCourse;
  }
  const acceptanceCalls = reads.map((m) => callsSince(env, before, m));
  const sum = acceptanceCalls.reduce((a, b) => a + b, 0);
  process.stdout.write(
    `  refreshAcceptance: per course ${reads.map((m, i) => `${m} ${((acceptanceCalls[i] ?? 0) / COURSES).toFixed(2)}`).join(', ')}; ${(sum / total).toFixed(3)} calls per row; states ${JSON.stringify(states)}\n`,
  );
  for (const line of lines) process.stdout.write(`    ${line}\n`);

  // Re-invite every row still pending as TEACHER (a role change): delete + create per row.
  const values = env.sheets.get('d').sheet('Roster').peekValues();
  const header = values[0] ?? [];
  const accepted = header.indexOf('Accepted');
  const sheet = env.sheets.get('d').sheet('Roster');
  let reinvites = 0;
  values.slice(1).forEach((row, i) => {
    if (row[accepted] !== 'PENDING') return;
    sheet.setCell(i + 2, 3, 'TEACHER');
    sheet.setCell(i + 2, 4, 'REINVITE');
    reinvites++;
  });
  before = { ...env.classroom.calls };
  const runs: ExecutionFigures[] = [];
  for (let i = 0; i < 20; i++) {
    const figures = measuredRun(env, 'd');
    runs.push(figures);
    if (figures.stoppedBecause !== 'BUDGET') break;
  }
  const deletes = callsSince(env, before, 'invitations.delete');
  const creates = callsSince(env, before, 'invitations.create');
  const lists = callsSince(env, before, 'invitations.list');
  process.stdout.write(
    `  REINVITE of ${reinvites} pending rows (role → TEACHER): ${(deletes / reinvites).toFixed(2)} deletes, ${(creates / reinvites).toFixed(2)} creates, ${(lists / reinvites).toFixed(2)} lists per row\n`,
  );
  printExecutions('  executions', runs);
}

process.stdout.write(
  `Classroom Roster Invites benchmark — ${LATENCY_MS} ms per create; sheet costs: read ${COSTS.readMs} ms, write ${COSTS.writeMs} ms, flush ${COSTS.flushMs} ms, ${COSTS.perCellMs} ms per cell; budget ${DEFAULT_SEND_OPTIONS.budgetMs / 1000} s, blocks every ≤ ${DEFAULT_SEND_OPTIONS.flushIntervalMs / 1000} s\n`,
);
benchFullRoster();
benchLargeSheet();
benchSidebarCalls();
benchOperations();
benchManySchools();
