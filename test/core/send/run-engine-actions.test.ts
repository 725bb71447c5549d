/**
 * The per-row Action column in a send run (README, "The `Action` column"): WITHDRAW deletes the row's
 * pending invitation, REINVITE deletes it and sends a new one, an INVITE answered 409 learns the
 * existing invitation's id. All of it under the run semantics of docs/design.md §3: budget, verified blocks,
 * retries, the daily cap, rows moving, and killed executions never causing a second invitation.
 */
import { explainOutcome, t } from '../../../src/i18n';
import { DAILY_CAP_WINDOW_MS } from '../../../src/core/send/daily-cap';
import type { Role } from '../../../src/core/roster/outcome';
import { classroomError, errors } from '../support/scripted-api';
import { Harness, isJsonSafe, userOf, ZH_LABELS } from '../support/send-harness';

const COURSE = '111';
const ACTION_HEADER = ['Course ID', 'Email', 'Role', 'Action'];
/** Column of Action (input) and of the appended output columns. */
const ACTION = 4;

const deleteDenied = () =>
  classroomError(403, 'The caller does not have permission', { method: 'classroom.invitations.delete' });

/** A roster with an Action column; each row: [user, role, action]. */
function actionSheet(rows: [string, string, string][]): Harness {
  const h = new Harness([ACTION_HEADER, ...rows.map(([user, role, action]) => [COURSE, user, role, action])]);
  h.api.uniqueInvitations = true;
  return h;
}

/** The fingerprint note the add-on writes for an INVITE row of course 111. */
function inviteNote(user: string, role: Role = 'STUDENT'): string {
  return `${COURSE} · ${user} · ${role}`;
}

/** Sends row `row` as an INVITE first (a real earlier run), then turns its Action into `action`. */
function invitedThen(h: Harness, row: number, action: string, role?: string): void {
  h.send();
  expect(h.status(row)).toBe('OK');
  h.sheet.edit(row, ACTION, action);
  if (role !== undefined) h.sheet.edit(row, 3, role);
}

describe('runSend: WITHDRAW rows', () => {
  it('deletes the invitation Classroom lists for the course and user, and writes OK "Withdrawn"', () => {
    const h = actionSheet([[userOf(1), '', '']]);
    invitedThen(h, 2, 'WITHDRAW');
    const id = String(h.output(2).invitationId);
    const report = h.send();
    expect(h.api.callsOf('deleteInvitation')).toEqual([id]);
    expect(h.api.callsOf('listInvitations')).toEqual([{ courseId: COURSE, userId: userOf(1) }]);
    expect(h.api.pending).toEqual([]);
    expect(h.output(2)).toMatchObject({
      status: 'OK',
      reason: 'Withdrawn',
      invitationId: id,
      details: explainOutcome('en', 'OK', 'Withdrawn', { invitationId: id }),
      note: `${inviteNote(userOf(1))} · WITHDRAW`,
    });
    expect(report).toMatchObject({ deleteCalls: 1, listCalls: 1, createCalls: 0, processed: 1 });
    expect(report.actionCounts).toEqual({ INVITE: 0, WITHDRAW: 1, REINVITE: 0 });
    expect(report).toMatchObject({ withdrawn: 1, reinvited: 0 });
    // Done: the next run leaves it alone.
    expect(h.send()).toMatchObject({ processed: 0, deleteCalls: 0, listCalls: 0 });
  });

  it('looks the invitation up by course and user when the row has no Invitation ID, following pages', () => {
    const h = actionSheet([['Ann@School.org', '', '撤回']]);
    h.api.invite('inv-ann', COURSE, 'ann@school.org');
    const list = jest.spyOn(h.api, 'listInvitations');
    // Classroom may answer a page with no items and a token: the run must follow it (the fake's
    // tokens are offsets: '0' asks it for its first page).
    list.mockImplementationOnce(() => ({ items: [], nextPageToken: '0' }));
    const report = h.send();
    expect(list.mock.calls.map(([query]) => query)).toEqual([
      { courseId: COURSE, userId: 'Ann@School.org' },
      { courseId: COURSE, userId: 'Ann@School.org', pageToken: '0' },
    ]);
    expect(h.api.callsOf('deleteInvitation')).toEqual(['inv-ann']);
    expect(h.output(2)).toMatchObject({ status: 'OK', reason: 'Withdrawn', invitationId: 'inv-ann' });
    expect(report).toMatchObject({ listCalls: 2, deleteCalls: 1 });
  });

  it("withdraws the invitation Classroom lists when the row's Invitation ID is stale", () => {
    const h = actionSheet([[userOf(1), '', '']]);
    invitedThen(h, 2, 'WITHDRAW');
    // The invitation was deleted and sent again by hand in Classroom: the row's id is stale.
    h.api.pending.splice(0, h.api.pending.length);
    h.api.invite('inv-by-hand', COURSE, userOf(1));
    const report = h.send();
    expect(h.api.callsOf('deleteInvitation')).toEqual(['inv-by-hand']);
    expect(h.api.callsOf('listInvitations')).toEqual([{ courseId: COURSE, userId: userOf(1) }]);
    expect(h.output(2)).toMatchObject({ status: 'OK', reason: 'Withdrawn', invitationId: 'inv-by-hand' });
    expect(report).toMatchObject({ deleteCalls: 1, listCalls: 1 });
  });

  it("never deletes another person's invitation when the Invitation ID cells were swapped", () => {
    // u001 and u002 invited; their Invitation ID cells then change places (a sort of some columns,
    // cut and paste) while the Status notes stay: row 2 still names u001 and holds u002's id.
    const h = actionSheet([
      [userOf(1), '', ''],
      [userOf(2), '', ''],
    ]);
    h.send();
    const id1 = String(h.output(2).invitationId);
    const id2 = String(h.output(3).invitationId);
    const idColumn = h.sheet.columnOf('Invitation ID');
    h.sheet.edit(2, idColumn, id2);
    h.sheet.edit(3, idColumn, id1);
    h.sheet.edit(2, ACTION, 'WITHDRAW');
    h.send();
    expect(h.api.callsOf('deleteInvitation')).toEqual([id1]);
    expect(h.api.pendingFor(COURSE, userOf(2)).map((i) => i.id)).toEqual([id2]);
    expect(h.output(2)).toMatchObject({ status: 'OK', reason: 'Withdrawn', invitationId: id1 });
  });

  it('never deletes an Invitation ID written for another user (the row was edited): it looks up instead', () => {
    const h = actionSheet([[userOf(1), '', '']]);
    h.send();
    const othersId = String(h.output(2).invitationId);
    h.sheet.edit(2, 2, userOf(2));
    h.sheet.edit(2, ACTION, 'WITHDRAW');
    h.send();
    expect(h.api.callsOf('deleteInvitation')).toEqual([]);
    expect(h.api.pendingFor(COURSE, userOf(1)).map((i) => i.id)).toEqual([othersId]);
    expect(h.output(2)).toMatchObject({ status: 'NOT_FOUND', reason: 'NoPendingInvitation' });
  });

  it('writes NOT_FOUND "NoPendingInvitation" when nothing is pending (accepted, declined or withdrawn)', () => {
    const h = actionSheet([[userOf(1), '', 'WITHDRAW']]);
    const report = h.send();
    expect(h.output(2)).toMatchObject({
      status: 'NOT_FOUND',
      reason: 'NoPendingInvitation',
      invitationId: '',
      details: t('en', 'reason.NoPendingInvitation'),
    });
    expect(String(h.output(2).details)).toMatch(/accepted, declined or already withdrawn/);
    expect(report).toMatchObject({ listCalls: 1, deleteCalls: 0, withdrawn: 0 });
    expect(report.needsAction).toEqual([{ code: 'NOT_FOUND', reason: 'NoPendingInvitation', count: 1 }]);
  });

  it('writes PERMISSION_DENIED when the delete is refused, and the invitation stays', () => {
    const h = actionSheet([[userOf(1), '', 'WITHDRAW']]);
    h.api.invite('inv1', COURSE, userOf(1));
    h.api.failNext('deleteInvitation', deleteDenied());
    const report = h.send();
    expect(h.output(2)).toMatchObject({ status: 'PERMISSION_DENIED', invitationId: '' });
    expect(h.api.pendingFor(COURSE, userOf(1))).toHaveLength(1);
    expect(report).toMatchObject({ ok: true, deleteCalls: 1 });
    expect(report.needsAction).toEqual([{ code: 'PERMISSION_DENIED', reason: '', count: 1 }]);
  });

  it("writes the list's failure when the lookup itself is refused", () => {
    const h = actionSheet([[userOf(1), '', 'WITHDRAW']]);
    h.api.failNext('listInvitations', classroomError(404, 'Requested entity was not found.'));
    h.send();
    expect(h.output(2)).toMatchObject({ status: 'NOT_FOUND', reason: '' });
    expect(h.api.callsOf('deleteInvitation')).toEqual([]);
  });

  it('retries a delete that answers 503 with backoff, then withdraws', () => {
    const h = actionSheet([[userOf(1), '', 'WITHDRAW']]);
    h.api.invite('inv1', COURSE, userOf(1));
    h.api.failNext('deleteInvitation', errors.unavailable());
    const report = h.send();
    expect(h.clock.sleeps).toHaveLength(1);
    expect(report).toMatchObject({ deleteCalls: 2, listCalls: 1 });
    expect(h.output(2)).toMatchObject({ status: 'OK', reason: 'Withdrawn', invitationId: 'inv1' });
  });

  it('stops the run at once when Classroom API access is off, leaving the row pending', () => {
    const h = actionSheet([
      [userOf(1), '', 'WITHDRAW'],
      [userOf(2), '', ''],
    ]);
    h.api.failNext('listInvitations', errors.apiDisabled());
    const report = h.send();
    expect(report).toMatchObject({ ok: false, stoppedBecause: 'API_DISABLED', remaining: 2 });
    expect(h.status(2)).toBe('');
    expect(h.api.creates).toHaveLength(0);
  });
});

describe('runSend: REINVITE rows', () => {
  it('changes a role: deletes the pending invitation first, then sends one with the new role', () => {
    const h = actionSheet([[userOf(1), 'STUDENT', '']]);
    h.api.latencyMs = 200;
    invitedThen(h, 2, 'REINVITE', 'TEACHER');
    const old = String(h.output(2).invitationId);
    const report = h.send();
    const deleted = h.api.otherCalls.find((c) => c.method === 'deleteInvitation');
    const created = h.api.creates[1];
    expect(deleted?.args).toBe(old);
    expect(created?.request).toEqual({ courseId: COURSE, userId: userOf(1), role: 'TEACHER' });
    expect((deleted?.end ?? Infinity) <= (created?.at ?? 0)).toBe(true);
    const pending = h.api.pendingFor(COURSE, userOf(1));
    expect(pending).toEqual([expect.objectContaining({ role: 'TEACHER' })]);
    const id = pending[0]?.id ?? '';
    expect(h.output(2)).toMatchObject({
      status: 'OK',
      reason: 'Reinvited',
      invitationId: id,
      details: explainOutcome('en', 'OK', 'Reinvited', { role: 'TEACHER', invitationId: id }),
      note: `${inviteNote(userOf(1), 'TEACHER')} · REINVITE`,
    });
    expect(report).toMatchObject({ deleteCalls: 1, listCalls: 1, createCalls: 1 });
    expect(report.actionCounts).toEqual({ INVITE: 0, WITHDRAW: 0, REINVITE: 1 });
    expect(report).toMatchObject({ withdrawn: 0, reinvited: 1 });
  });

  it('just sends when nothing is pending (plain OK, no "Reinvited")', () => {
    const h = actionSheet([[userOf(1), 'teacher', '重新邀请']]);
    const report = h.send();
    expect(h.output(2)).toMatchObject({ status: 'OK', reason: '', details: t('en', 'code.OK') });
    expect(h.api.creates.map((c) => c.request.role)).toEqual(['TEACHER']);
    expect(report).toMatchObject({ listCalls: 1, deleteCalls: 0, createCalls: 1 });
  });

  it("creates nothing when the delete fails: the row gets the delete's outcome", () => {
    const h = actionSheet([[userOf(1), 'TEACHER', 'REINVITE']]);
    h.api.invite('inv1', COURSE, userOf(1), 'STUDENT');
    h.api.failNext('deleteInvitation', deleteDenied());
    const report = h.send();
    expect(h.api.creates).toHaveLength(0);
    expect(h.output(2)).toMatchObject({ status: 'PERMISSION_DENIED', invitationId: '' });
    expect(h.api.pendingFor(COURSE, userOf(1))).toEqual([expect.objectContaining({ id: 'inv1' })]);
    expect(report).toMatchObject({ createCalls: 0, deleteCalls: 1 });
  });

  it('says the old invitation is gone when the new one is refused after the delete', () => {
    const h = actionSheet([[userOf(1), 'OWNER', 'REINVITE']]);
    h.api.invite('inv1', COURSE, userOf(1), 'TEACHER');
    h.api.reply(userOf(1), errors.ineligibleOwner());
    const report = h.send();
    const details = t('en', 'action.withdrawnNotSent', {
      invitationId: 'inv1',
      details: explainOutcome('en', 'FAILED_PRECONDITION', 'IneligibleOwner'),
    });
    expect(h.output(2)).toMatchObject({ status: 'FAILED_PRECONDITION', reason: 'IneligibleOwner', details });
    expect(h.api.pending).toEqual([]);
    // One invitation is gone and none replaced it: the run (and its history row) says so.
    expect(report).toMatchObject({ withdrawn: 1, reinvited: 0, deleteCalls: 1 });
  });
});

describe('runSend: a REINVITE whose create is answered ALREADY_EXISTS', () => {
  it('records the invitation that exists (an earlier try went through), not "not sent"', () => {
    const h = actionSheet([[userOf(1), 'TEACHER', 'REINVITE']]);
    h.api.invite('inv-old', COURSE, userOf(1), 'STUDENT');
    // After the list and the delete, the create goes through but answers 409 (a retried 5xx).
    h.api.duringCall(1, () => h.api.invite('inv-new', COURSE, userOf(1), 'TEACHER'));
    h.api.reply(userOf(1), errors.alreadyExists());
    const report = h.send();
    expect(h.output(2)).toMatchObject({ status: 'ALREADY_EXISTS', reason: '', invitationId: 'inv-new' });
    expect(String(h.output(2).details)).not.toContain('inv-old');
    expect(report).toMatchObject({ deleteCalls: 1, listCalls: 2, withdrawn: 0 });
  });
});

describe('runSend: a REINVITE answered ALREADY_EXISTS with nothing to find', () => {
  it('says the old invitation was withdrawn and no new one recorded, and counts the withdrawal', () => {
    const h = actionSheet([[userOf(1), 'TEACHER', 'REINVITE']]);
    h.api.invite('inv-old', COURSE, userOf(1), 'STUDENT');
    h.api.reply(userOf(1), errors.alreadyExists());
    const report = h.send();
    expect(h.output(2)).toMatchObject({ status: 'ALREADY_EXISTS' });
    expect(String(h.output(2).details)).toContain('inv-old');
    expect(report).toMatchObject({ withdrawn: 1, reinvited: 0 });
  });
});

describe('runSend: an INVITE answered ALREADY_EXISTS', () => {
  it('looks the existing invitation up once, writes its id and flags a differing role', () => {
    const h = actionSheet([[userOf(1), 'STUDENT', '']]);
    h.api.invite('inv-teacher', COURSE, userOf(1), 'TEACHER');
    const report = h.send();
    expect(h.output(2)).toMatchObject({
      status: 'ALREADY_EXISTS',
      reason: 'InvitationRoleDiffers',
      invitationId: 'inv-teacher',
    });
    const details = String(h.output(2).details);
    expect(details).toBe(
      explainOutcome('en', 'ALREADY_EXISTS', 'InvitationRoleDiffers', {
        role: 'STUDENT',
        existingRole: 'TEACHER',
        invitationId: 'inv-teacher',
      }),
    );
    expect(details).toMatch(/TEACHER.*STUDENT.*REINVITE/);
    expect(report).toMatchObject({ createCalls: 1, listCalls: 1, deleteCalls: 0 });
    expect(h.api.callsOf('listInvitations')).toEqual([{ courseId: COURSE, userId: userOf(1) }]);
  });

  it('writes the id with no reason when the roles agree', () => {
    const h = actionSheet([[userOf(1), 'TEACHER', '']]);
    h.api.invite('inv-same', COURSE, userOf(1), 'TEACHER');
    h.send();
    expect(h.output(2)).toMatchObject({ status: 'ALREADY_EXISTS', reason: '', invitationId: 'inv-same' });
  });

  it('keeps the plain ALREADY_EXISTS when the lookup fails or finds nothing', () => {
    const h = actionSheet([
      [userOf(1), '', ''],
      [userOf(2), '', ''],
    ]);
    h.api.reply(userOf(1), errors.alreadyExists()).reply(userOf(2), errors.alreadyExists());
    h.api.failNext('listInvitations', deleteDenied());
    const report = h.send();
    for (const row of [2, 3]) {
      expect(h.output(row)).toMatchObject({ status: 'ALREADY_EXISTS', reason: '', invitationId: '' });
    }
    expect(report).toMatchObject({ createCalls: 2, listCalls: 2 });
    expect(report.needsAction).toEqual([]);
  });
});

describe('runSend: duplicates across actions', () => {
  it('repeats are duplicates within INVITE rows and within WITHDRAW/REINVITE rows, not across them', () => {
    const h = actionSheet([
      [userOf(1), '', ''],
      [userOf(1), '', 'WITHDRAW'],
      [userOf(1), '', 'WITHDRAW'],
      [userOf(2), '', 'REINVITE'],
      [userOf(2), '', 'WITHDRAW'],
      [userOf(2), '', 'INVITE'],
    ]);
    const report = h.send();
    // Sheet order: row 2 invites u001, row 3 withdraws that invitation.
    expect(h.output(2)).toMatchObject({ status: 'OK', reason: '' });
    expect(h.output(3)).toMatchObject({ status: 'OK', reason: 'Withdrawn' });
    expect(h.output(4)).toMatchObject({ status: 'ALREADY_EXISTS', reason: 'DuplicateRow' });
    expect(h.output(4).details).toBe(explainOutcome('en', 'ALREADY_EXISTS', 'DuplicateRow', { row: 3 }));
    expect(h.output(5)).toMatchObject({ status: 'OK', reason: '' });
    expect(h.output(6)).toMatchObject({ status: 'ALREADY_EXISTS', reason: 'DuplicateRow' });
    // The INVITE after u002's REINVITE is not a duplicate: Classroom answers 409 and the id is learned.
    expect(h.output(7)).toMatchObject({ status: 'ALREADY_EXISTS', reason: '' });
    expect(h.output(7).invitationId).toBe(h.output(5).invitationId);
    expect(h.api.pendingFor(COURSE, userOf(1))).toEqual([]);
    expect(h.api.pendingFor(COURSE, userOf(2))).toHaveLength(1);
    expect(report.actionCounts).toEqual({ INVITE: 2, WITHDRAW: 3, REINVITE: 1 });
    // What was done, not which rows were written: one withdrawal, one send again (repeats did nothing).
    expect(report).toMatchObject({ withdrawn: 1, reinvited: 1 });
  });

  it('finds a repeat under another name of the same course (alias and id) without a second call', () => {
    const h = new Harness([
      ACTION_HEADER,
      ['d:math', userOf(1), '', 'WITHDRAW'],
      [COURSE, userOf(1), '', 'REINVITE'],
    ]);
    h.api.addCourse({ id: COURSE, name: 'Math', state: 'ACTIVE' }, 'd:math');
    h.api.invite('inv1', COURSE, userOf(1));
    h.send();
    expect(h.output(2)).toMatchObject({ status: 'OK', reason: 'Withdrawn', invitationId: 'inv1' });
    expect(h.output(3)).toMatchObject({ status: 'ALREADY_EXISTS', reason: 'DuplicateRow' });
    expect(h.api.creates).toHaveLength(0);
  });
});

describe('runSend: withdrawals held until confirmed', () => {
  function heldSheet(): Harness {
    const h = actionSheet([
      [userOf(1), '', ''],
      [userOf(2), '', 'WITHDRAW'],
      [userOf(3), 'TEACHER', 'REINVITE'],
      ['not-an-email', '', 'WITHDRAW'],
    ]);
    h.api.invite('inv2', COURSE, userOf(2)).invite('inv3', COURSE, userOf(3));
    return h;
  }

  it("'hold' leaves WITHDRAW/REINVITE rows untouched and pending, counted apart from remaining", () => {
    const h = heldSheet();
    const report = h.send({ withdrawals: 'hold' });
    expect(report).toMatchObject({
      ok: true,
      stoppedBecause: 'DONE',
      processed: 2,
      remaining: 0,
      heldActions: 2,
      deleteCalls: 0,
      listCalls: 0,
      createCalls: 1,
    });
    expect(h.status(3)).toBe('');
    expect(h.status(4)).toBe('');
    expect(h.output(5)).toMatchObject({ status: 'INVALID_ARGUMENT', reason: 'InvalidEmail' });
    // The invalid WITHDRAW row withdrew nothing: it counts under INVITE, as the sidebar counts it.
    expect(report.actionCounts).toEqual({ INVITE: 2, WITHDRAW: 0, REINVITE: 0 });
    expect(report.message).toContain(t('en', 'run.heldActions', { count: 2 }));
    expect(h.api.pending.map((i) => i.id).sort()).toEqual(['inv1', 'inv2', 'inv3']);
  });

  it('says so in Chinese too, and performs them once confirmed', () => {
    const h = heldSheet();
    const held = h.send({ withdrawals: 'hold', locale: 'zh-CN' });
    expect(held.message).toContain(t('zh-CN', 'run.heldActions', { count: 2 }));
    const run = h.send();
    expect(run).toMatchObject({ processed: 2, heldActions: 0, remaining: 0 });
    expect(run.message).not.toContain(t('en', 'run.heldActions', { count: 2 }));
    expect(h.output(3, ZH_LABELS)).toMatchObject({ status: 'OK', reason: 'Withdrawn' });
    expect(h.output(4, ZH_LABELS)).toMatchObject({ status: 'OK', reason: 'Reinvited' });
    expect(h.output(3, ZH_LABELS).details).toBe(
      explainOutcome('en', 'OK', 'Withdrawn', { invitationId: 'inv2' }),
    );
  });

  it('does not mistake held rows for rows edited mid-run when the sheet is sorted', () => {
    const h = heldSheet();
    h.api.duringCall(1, () => h.sheet.sortRows(2, 5, (a, b) => String(b[1]).localeCompare(String(a[1]))));
    const report = h.send({ withdrawals: 'hold' });
    expect(report).toMatchObject({ stoppedBecause: 'DONE', remaining: 0, heldActions: 2, unplaced: 0 });
  });
});

describe('runSend: a withdrawal row edited during the run', () => {
  it('is not withdrawn when its Action changed after the scan, and is sent as it now says next time', () => {
    const h = actionSheet([
      [userOf(1), '', ''],
      [userOf(2), '', 'WITHDRAW'],
    ]);
    h.api.invite('inv2', COURSE, userOf(2));
    // While row 2's create is under way, the admin turns row 3 back into an INVITE row.
    h.api.duringCall(1, () => h.sheet.edit(3, ACTION, 'INVITE'));
    const report = h.send();
    expect(h.api.callsOf('deleteInvitation')).toEqual([]);
    expect(h.api.pendingFor(COURSE, userOf(2)).map((i) => i.id)).toEqual(['inv2']);
    expect(report).toMatchObject({ stoppedBecause: 'ROWS_CHANGED', processed: 1, remaining: 1 });
    expect(h.status(3)).toBe('');
    const next = h.send();
    expect(next).toMatchObject({ stoppedBecause: 'DONE', deleteCalls: 0 });
    expect(h.output(3)).toMatchObject({ status: 'ALREADY_EXISTS', invitationId: 'inv2' });
  });

  it('checks the upcoming withdrawal rows again in one read, not one read per row', () => {
    const rows = Array.from({ length: 20 }, (_, i): [string, string, string] => [
      userOf(i + 1),
      '',
      'WITHDRAW',
    ]);
    const h = actionSheet(rows);
    for (let n = 1; n <= 20; n++) h.api.invite(`inv${n}`, COURSE, userOf(n));
    const before = h.sheet.counts.getValues;
    const report = h.send();
    expect(report).toMatchObject({ stoppedBecause: 'DONE', processed: 20, withdrawn: 20 });
    // The scan, one check of the withdrawal rows, and the block's own check before writing.
    expect(h.sheet.counts.getValues - before).toBeLessThanOrEqual(3);
  });
});

describe('runSend: withdrawals and their person’s INVITE row in the same run', () => {
  it('keeps a WITHDRAW waiting when the INVITE row before it just failed with a code sent again later', () => {
    const h = actionSheet([
      [userOf(1), '', ''],
      [userOf(1), '', 'WITHDRAW'],
    ]);
    h.api.uniqueInvitations = true;
    h.api.reply(
      userOf(1),
      errors.unavailable(),
      errors.unavailable(),
      errors.unavailable(),
      errors.unavailable(),
      errors.unavailable(),
    );
    const first = h.send();
    expect(h.status(2)).toBe('UNAVAILABLE');
    // Not NOT_FOUND / NoPendingInvitation: nothing was listed or deleted for row 3.
    expect(h.status(3)).toBe('');
    expect(first).toMatchObject({ listCalls: 0, deleteCalls: 0 });
    // After the cool-down: invited, then withdrawn, in sheet order.
    h.clock.advance(10 * 60_000);
    h.send();
    expect(h.status(2)).toBe('OK');
    expect(h.output(3)).toMatchObject({ status: 'OK', reason: 'Withdrawn' });
    expect(h.api.pendingFor(COURSE, userOf(1))).toEqual([]);
  });

  it('does not delete when the row was edited back to INVITE while its lookup was being retried', () => {
    const h = actionSheet([
      [userOf(2), '', ''],
      [userOf(1), '', 'WITHDRAW'],
    ]);
    h.api.invite('inv-u1', COURSE, userOf(1));
    h.api.failNext('listInvitations', errors.unavailable(), errors.unavailable());
    h.api.duringOther('listInvitations', 2, () => h.sheet.edit(3, ACTION, 'INVITE'));
    const report = h.send();
    expect(h.api.callsOf('deleteInvitation')).toEqual([]);
    expect(h.status(3)).toBe('');
    expect(report).toMatchObject({ stoppedBecause: 'ROWS_CHANGED', remaining: 1 });
    expect(h.api.pendingFor(COURSE, userOf(1)).map((i) => i.id)).toEqual(['inv-u1']);
  });
});

describe('runSend: checking withdrawal rows after the sheet was sorted', () => {
  function forty(sortMidRun: boolean): { reads: number; withdrawn: number; calls: number } {
    const rows: [string, string, string][] = [[userOf(99), '', '']];
    for (let n = 1; n <= 40; n++) rows.push([userOf(n), '', 'WITHDRAW']);
    const h = actionSheet(rows);
    for (let n = 1; n <= 40; n++) h.api.invite(`inv${n}`, COURSE, userOf(n));
    h.api.latencyMs = 300;
    if (sortMidRun)
      h.api.duringCall(1, () => h.sheet.sortRows(2, 42, (a, b) => String(b[1]).localeCompare(String(a[1]))));
    const before = h.sheet.counts.getValues;
    const reports = h.sendUntilDone();
    return {
      reads: h.sheet.counts.getValues - before,
      withdrawn: reports.reduce((n, r) => n + r.withdrawn, 0),
      calls: reports.length,
    };
  }

  it('leaves rows that moved to the next call (never withdrawn unchecked), with no read per row', () => {
    const sorted = forty(true);
    const plain = forty(false);
    expect(plain).toMatchObject({ withdrawn: 40, calls: 1 });
    // Rows moved under the check are not withdrawn on the old positions: the next call does them.
    expect(sorted).toMatchObject({ withdrawn: 40, calls: 2 });
    expect(sorted.reads).toBeLessThanOrEqual(plain.reads + 6);
  });
});

describe('runSend: only the withdrawal rows the admin confirmed', () => {
  const confirmedRow = (user: string, action: 'WITHDRAW' | 'REINVITE', role: Role = 'STUDENT') => ({
    action,
    course: COURSE,
    userKey: user.toLowerCase(),
    role,
  });

  it('performs the confirmed rows and holds rows turned WITHDRAW/REINVITE since', () => {
    // The admin confirmed u002's WITHDRAW and u004's REINVITE; rows 4 and 6 turned WITHDRAW/REINVITE since.
    const h = actionSheet([
      [userOf(1), '', ''],
      [userOf(2), '', 'WITHDRAW'],
      [userOf(3), '', 'WITHDRAW'],
      [userOf(4), 'TEACHER', 'REINVITE'],
      [userOf(5), 'TEACHER', 'REINVITE'],
    ]);
    for (const n of [2, 3, 4, 5]) h.api.invite(`inv${n}`, COURSE, userOf(n));
    const report = h.send({
      confirmedRows: [confirmedRow(userOf(2), 'WITHDRAW'), confirmedRow(userOf(4), 'REINVITE', 'TEACHER')],
    });
    expect(report).toMatchObject({ stoppedBecause: 'DONE', remaining: 0, heldActions: 2, withdrawn: 1 });
    expect(h.output(3)).toMatchObject({ status: 'OK', reason: 'Withdrawn' });
    expect(h.status(4)).toBe('');
    expect(h.output(5)).toMatchObject({ status: 'OK', reason: 'Reinvited' });
    expect(h.status(6)).toBe('');
    expect(h.api.pendingFor(COURSE, userOf(3))).toHaveLength(1);
    expect(h.api.pendingFor(COURSE, userOf(5))).toEqual([expect.objectContaining({ id: 'inv5' })]);
    expect(report.message).toContain(t('en', 'run.heldActions', { count: 2 }));
  });

  it('withdraws nobody else when another editor moved WITHDRAW to other people after the confirmation', () => {
    const h = actionSheet([
      [userOf(1), '', 'WITHDRAW'],
      [userOf(2), '', ''],
      [userOf(3), '', ''],
    ]);
    for (const n of [1, 2, 3]) h.api.invite(`inv${n}`, COURSE, userOf(n));
    // The admin saw (and confirmed) u001; before the call arrives, WITHDRAW moved to u002 and u003.
    h.sheet.edit(2, ACTION, 'INVITE');
    h.sheet.edit(3, ACTION, 'WITHDRAW');
    h.sheet.edit(4, ACTION, 'WITHDRAW');
    const report = h.send({ confirmedRows: [confirmedRow(userOf(1), 'WITHDRAW')] });
    expect(h.api.callsOf('deleteInvitation')).toEqual([]);
    expect(report).toMatchObject({ heldActions: 2, withdrawn: 0, deleteCalls: 0 });
    expect(h.status(3)).toBe('');
    expect(h.status(4)).toBe('');
  });

  it('holds a confirmed REINVITE whose role was raised since (it asks for something else now)', () => {
    const h = actionSheet([[userOf(1), 'STUDENT', 'REINVITE']]);
    h.api.invite('inv1', COURSE, userOf(1));
    h.sheet.edit(2, 3, 'OWNER');
    const report = h.send({ confirmedRows: [confirmedRow(userOf(1), 'REINVITE', 'STUDENT')] });
    expect(report).toMatchObject({ heldActions: 1, createCalls: 0, deleteCalls: 0 });
  });

  it('one confirmed row allows one row: a second row asking the same is held, not repeated', () => {
    const h = actionSheet([
      [userOf(1), '', 'WITHDRAW'],
      [userOf(2), '', ''],
    ]);
    h.api.invite('inv1', COURSE, userOf(1));
    const report = h.send({ confirmedRows: [] });
    expect(report).toMatchObject({ processed: 1, heldActions: 1, deleteCalls: 0 });
    expect(h.status(2)).toBe('');
    expect(h.status(3)).toBe('OK');
  });
});

describe('runSend: teacher and owner rows held for a person', () => {
  it("'hold' sends STUDENT rows only and leaves TEACHER/OWNER rows pending, counted and said", () => {
    const h = actionSheet([
      [userOf(1), '', ''],
      [userOf(2), 'TEACHER', ''],
      [userOf(3), 'OWNER', ''],
      [userOf(4), 'Student', ''],
    ]);
    const report = h.send({ elevatedRoles: 'hold', withdrawals: 'hold' });
    expect(report).toMatchObject({
      ok: true,
      stoppedBecause: 'DONE',
      processed: 2,
      remaining: 0,
      heldRoles: 2,
      createCalls: 2,
    });
    expect(h.api.creates.map((c) => c.request.role)).toEqual(['STUDENT', 'STUDENT']);
    expect([h.status(3), h.status(4)]).toEqual(['', '']);
    expect(report.message).toContain(t('en', 'run.heldRoles', { count: 2 }));
    // An interactive send (the default) sends them.
    const next = h.send();
    expect(next).toMatchObject({ processed: 2, heldRoles: 0 });
    expect([h.status(3), h.status(4)]).toEqual(['OK', 'OK']);
    expect(next.message).not.toContain(t('en', 'run.heldRoles', { count: 2 }));
  });

  it('does not take held rows for rows edited mid-run when the block is relocated', () => {
    const h = actionSheet([
      [userOf(1), '', ''],
      [userOf(2), 'TEACHER', ''],
      [userOf(3), '', ''],
    ]);
    h.api.duringCall(1, () => h.sheet.sortRows(2, 4, (a, b) => String(b[1]).localeCompare(String(a[1]))));
    const report = h.send({ elevatedRoles: 'hold' });
    expect(report).toMatchObject({ stoppedBecause: 'DONE', remaining: 0, heldRoles: 1, processed: 2 });
  });

  it('still withdraws a TEACHER row when withdrawals run (withdrawing gives nobody rights)', () => {
    const h = actionSheet([[userOf(1), 'TEACHER', 'WITHDRAW']]);
    h.api.invite('inv1', COURSE, userOf(1), 'TEACHER');
    const report = h.send({ elevatedRoles: 'hold' });
    expect(report).toMatchObject({ heldRoles: 0, withdrawn: 1 });
  });
});

describe('runSend: actions and the daily cap', () => {
  /** Row 2 (u001) hits the cap on the first run. */
  function capped(): Harness {
    const h = actionSheet([
      [userOf(1), '', ''],
      [userOf(2), '', ''],
      [userOf(3), '', 'WITHDRAW'],
      [userOf(4), 'TEACHER', 'REINVITE'],
    ]);
    h.api.invite('inv3', COURSE, userOf(3)).invite('inv4', COURSE, userOf(4));
    h.api.reply(userOf(1), errors.dailyCap());
    const first = h.send();
    expect(first).toMatchObject({ stoppedBecause: 'DAILY_CAP', processed: 1, remaining: 3 });
    return h;
  }

  it('still withdraws while the cap holds; INVITE and REINVITE rows wait for the reset', () => {
    const h = capped();
    const report = h.send();
    expect(report).toMatchObject({
      ok: false,
      stoppedBecause: 'DAILY_CAP',
      processed: 1,
      createCalls: 0,
      deleteCalls: 1,
      remaining: 2,
      waiting: 1,
    });
    expect(h.output(4)).toMatchObject({ status: 'OK', reason: 'Withdrawn', invitationId: 'inv3' });
    expect(h.status(3)).toBe('');
    expect(h.status(5)).toBe('');
    expect(h.api.pendingFor(COURSE, userOf(4))).toEqual([expect.objectContaining({ id: 'inv4' })]);
    h.clock.advance(DAILY_CAP_WINDOW_MS);
    const after = h.send();
    expect(after).toMatchObject({ ok: true, stoppedBecause: 'DONE', processed: 3, remaining: 0 });
    expect(h.output(5)).toMatchObject({ status: 'OK', reason: 'Reinvited' });
  });

  it('keeps a withdrawal waiting behind an earlier INVITE row of the same person that waits for the reset', () => {
    const h = actionSheet([[userOf(1), '', '']]);
    h.api.reply(userOf(1), errors.dailyCap());
    h.send();
    // The admin changes their mind and appends a WITHDRAW row for the person still waiting.
    h.sheet.insertRowsBefore(3, [[COURSE, userOf(1), '', 'WITHDRAW']]);
    // Row 2 waits for the reset, so row 3 waits with it: nothing is withdrawn now.
    const capped = h.send();
    expect(capped).toMatchObject({ deleteCalls: 0, listCalls: 0, waiting: 2, processed: 0 });
    expect(h.status(3)).toBe('');
    h.clock.advance(DAILY_CAP_WINDOW_MS);
    const after = h.send();
    expect(after).toMatchObject({ stoppedBecause: 'DONE', createCalls: 1, deleteCalls: 1 });
    // Sheet order after the reset: invited, then withdrawn — as the sheet says, nobody stays invited.
    expect(h.output(3)).toMatchObject({ status: 'OK', reason: 'Withdrawn' });
    expect(h.api.pendingFor(COURSE, userOf(1))).toEqual([]);
  });

  it('finishes DONE when only withdrawals are left while the cap holds', () => {
    const h = actionSheet([[userOf(1), '', '']]);
    h.api.reply(userOf(1), errors.dailyCap());
    h.send();
    h.sheet.insertRowsBefore(3, [[COURSE, userOf(2), '', 'WITHDRAW']]);
    h.api.invite('inv2', COURSE, userOf(2));
    const report = h.send();
    expect(report).toMatchObject({ ok: true, stoppedBecause: 'DONE', deleteCalls: 1, remaining: 0 });
    expect(report.dailyCapResetAt).not.toBeNull();
    expect(h.output(3)).toMatchObject({ status: 'OK', reason: 'Withdrawn' });
  });

  it('a REINVITE whose create hits the cap gets RESOURCE_EXHAUSTED and stops the run; it is sent after the reset', () => {
    const h = actionSheet([
      [userOf(1), 'TEACHER', 'REINVITE'],
      [userOf(2), '', ''],
    ]);
    h.api.invite('inv1', COURSE, userOf(1));
    h.api.reply(userOf(1), errors.dailyCap());
    const report = h.send();
    expect(report).toMatchObject({ stoppedBecause: 'DAILY_CAP', processed: 1, remaining: 1, createCalls: 1 });
    expect(h.output(2)).toMatchObject({
      status: 'RESOURCE_EXHAUSTED',
      reason: 'UserInvitationQuotaExhausted',
    });
    expect(String(h.output(2).details)).toContain('inv1');
    expect(h.api.pending).toEqual([]);
    h.clock.advance(DAILY_CAP_WINDOW_MS);
    h.send();
    expect(h.output(2)).toMatchObject({ status: 'OK', reason: '' });
    expect(h.api.pendingFor(COURSE, userOf(1))).toEqual([expect.objectContaining({ role: 'TEACHER' })]);
  });
});

describe('runSend: actions under the run semantics', () => {
  /** Eight rows of every action, each user with a pending invitation where an action needs one. */
  function mixed(): Harness {
    const rows: [string, string, string][] = [];
    const actions = ['REINVITE', '', 'WITHDRAW'];
    for (let i = 1; i <= 8; i++) rows.push([userOf(i), i % 3 === 0 ? 'TEACHER' : '', actions[i % 3] ?? '']);
    const h = actionSheet(rows);
    for (let i = 1; i <= 8; i++) if (i % 3 !== 0) h.api.invite(`old${i}`, COURSE, userOf(i));
    h.api.latencyMs = 400;
    return h;
  }

  /** Every user has at most one pending invitation, and each row's outcome matches its action. */
  function expectDone(h: Harness): void {
    for (let i = 1; i <= 8; i++) {
      const out = h.output(i + 1);
      const pending = h.api.pendingFor(COURSE, userOf(i));
      expect(pending.length).toBeLessThanOrEqual(1);
      switch (i % 3) {
        case 0: // REINVITE, nothing pending before: a plain send with TEACHER
          expect(out).toMatchObject({ status: 'OK', reason: '' });
          expect(pending).toEqual([expect.objectContaining({ role: 'TEACHER', id: out.invitationId })]);
          break;
        case 1: // INVITE over a pending invitation: 409, id learned
          expect(out).toMatchObject({ status: 'ALREADY_EXISTS', invitationId: `old${i}` });
          break;
        case 2: // WITHDRAW
          expect(out).toMatchObject({ status: 'OK', reason: 'Withdrawn', invitationId: `old${i}` });
          expect(pending).toEqual([]);
          break;
      }
    }
  }

  it('stops on the budget mid-way and a second run finishes, every row done once', () => {
    const h = mixed();
    const first = h.send({ budgetMs: 2_000 });
    expect(first).toMatchObject({ ok: true, stoppedBecause: 'BUDGET' });
    expect(first.remaining).toBeGreaterThan(0);
    expect(first.processed + first.remaining).toBe(8);
    // Every call started inside the budget.
    const starts = [...h.api.creates.map((c) => c.at), ...h.api.otherCalls.map((c) => c.at)];
    expect(Math.max(...starts) - Date.parse(first.startedAt)).toBeLessThan(2_000);
    h.clock.advance(60_000);
    const rest = h.sendUntilDone({ budgetMs: 2_000 });
    expect(rest.at(-1)).toMatchObject({ stoppedBecause: 'DONE', remaining: 0 });
    expect(first.processed + rest.reduce((n, r) => n + r.processed, 0)).toBe(8);
    expectDone(h);
  });

  it("puts each action's result on its own row when the sheet is sorted during a delete", () => {
    const h = mixed();
    h.api.duringOther('deleteInvitation', 2, () =>
      h.sheet.sortRows(2, 9, (a, b) => String(b[1]).localeCompare(String(a[1]))),
    );
    const report = h.send({ maxBlockRows: 1 });
    expect(report).toMatchObject({ stoppedBecause: 'DONE', processed: 8, unplaced: 0 });
    expect(h.sheet.peek(2, 2)).toBe(userOf(8));
    // Rows are sorted now: check by user, not by the original row numbers.
    for (let row = 2; row <= 9; row++) {
      const user = String(h.sheet.peek(row, 2));
      const i = Number(user.slice(1, 4));
      const out = h.output(row);
      if (i % 3 === 2) expect(out).toMatchObject({ reason: 'Withdrawn', invitationId: `old${i}` });
      if (i % 3 === 1) expect(out.invitationId).toBe(`old${i}`);
      expect(out.note).toContain(user);
    }
  });

  it('a WITHDRAW killed after its delete (result lost) comes back honestly as NoPendingInvitation', () => {
    const h = actionSheet([[userOf(1), '', 'WITHDRAW']]);
    h.api.invite('inv1', COURSE, userOf(1));
    // setValues #1 writes the headers, #2 the block: the execution dies there.
    h.sheet.before('setValues', 2, () => {
      throw new Error('Exceeded maximum execution time');
    });
    expect(h.send()).toMatchObject({ ok: false, stoppedBecause: 'WRITE_FAILED' });
    expect(h.status(2)).toBe('');
    expect(h.api.pending).toEqual([]);
    h.send();
    expect(h.output(2)).toMatchObject({ status: 'NOT_FOUND', reason: 'NoPendingInvitation' });
    expect(String(h.output(2).details)).toMatch(/earlier run/);
  });

  it('a REINVITE stopped between its delete and its create sends once on the next run', () => {
    const h = actionSheet([[userOf(1), 'TEACHER', 'REINVITE']]);
    h.api.invite('inv1', COURSE, userOf(1));
    h.api.latencyMs = 1_000;
    // list (1 s), delete (1 s): the create would start past the budget.
    const first = h.send({ budgetMs: 1_500 });
    expect(first).toMatchObject({ stoppedBecause: 'BUDGET', deleteCalls: 1, createCalls: 0, remaining: 1 });
    expect(h.status(2)).toBe('');
    h.send();
    expect(h.output(2)).toMatchObject({ status: 'OK', reason: '' });
    expect(h.api.creates).toHaveLength(1);
    expect(h.api.pendingFor(COURSE, userOf(1))).toEqual([expect.objectContaining({ role: 'TEACHER' })]);
  });

  it('killed after its create, a REINVITE or INVITE run again never leaves a second invitation', () => {
    const h = actionSheet([
      [userOf(1), 'TEACHER', 'REINVITE'],
      [userOf(2), '', ''],
    ]);
    h.api.invite('inv1', COURSE, userOf(1));
    h.sheet.before('setValues', 2, () => {
      throw new Error('Exceeded maximum execution time');
    });
    h.send({ maxBlockRows: 10, flushIntervalMs: 60_000 });
    expect(h.status(2)).toBe('');
    expect(h.status(3)).toBe('');
    expect(h.api.creates).toHaveLength(2);
    h.send();
    expect(h.output(2)).toMatchObject({ status: 'OK', reason: 'Reinvited' });
    expect(h.output(3)).toMatchObject({ status: 'ALREADY_EXISTS', invitationId: 'inv2' });
    for (const user of [userOf(1), userOf(2)]) expect(h.api.pendingFor(COURSE, user)).toHaveLength(1);
  });
});

describe('runSend: report fields for actions', () => {
  it('counts calls, rows per action, final failures needing a person, and added columns', () => {
    const h = actionSheet([
      [userOf(1), '', ''],
      [userOf(2), '', 'WITHDRAW'],
      [userOf(3), '', 'WITHDRAW'],
      [userOf(4), '', 'WITHDRAW'],
      [userOf(5), '', 'REINVITE'],
      ['bad', '', ''],
    ]);
    h.api.invite('inv2', COURSE, userOf(2)).invite('inv5', COURSE, userOf(5));
    h.api.failNext('listInvitations', deleteDenied());
    const report = h.send();
    expect(report).toMatchObject({
      processed: 6,
      createCalls: 2,
      deleteCalls: 1,
      listCalls: 4,
      heldActions: 0,
      columnsAdded: 5,
    });
    expect(report.actionCounts).toEqual({ INVITE: 2, WITHDRAW: 3, REINVITE: 1 });
    // u002's lookup was refused; u003 and u004 had nothing pending.
    expect(report.needsAction).toEqual([
      { code: 'NOT_FOUND', reason: 'NoPendingInvitation', count: 2 },
      { code: 'INVALID_ARGUMENT', reason: 'InvalidEmail', count: 1 },
      { code: 'PERMISSION_DENIED', reason: '', count: 1 },
    ]);
    expect(report.counts).toMatchObject({ OK: 2, NOT_FOUND: 2, PERMISSION_DENIED: 1, INVALID_ARGUMENT: 1 });
    expect(isJsonSafe(report)).toBe(true);
    expect(h.send()).toMatchObject({ processed: 0, columnsAdded: 0, needsAction: [] });
  });
});
