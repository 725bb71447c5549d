/**
 * People are accounts, over the Apps Script fakes: a roster may name a person by an alias of their
 * account; Classroom resolves it, lists members and invitations by account, and the add-on matches
 * through the account — who accepted, the live check, the send's NOT_FOUND, `p:` course aliases,
 * and what the live check says about domains it cannot vouch for.
 */
import * as server from '../../src/server';
import type { CheckReport } from '../../src/contracts/check-report';
import type { AcceptanceReport } from '../../src/contracts/acceptance-report';
import {
  HEADER,
  MATH,
  SCIENCE,
  asAdmin,
  createWorld,
  outputColumns,
  outputOf,
  recordClassroomCalls,
  restoreWorlds,
  send,
  type World,
} from '../support/gas-env';

afterEach(restoreWorlds);

function check(world: World): CheckReport {
  return world.env.run(() => server.checkRoster({ sheetId: world.sheet.sheetId, live: true }), asAdmin());
}

function refresh(world: World): AcceptanceReport {
  return world.env.run(() => server.refreshAcceptance({ sheetId: world.sheet.sheetId }), asAdmin());
}

function predictions(report: CheckReport): [number, string, string][] {
  return (report.live?.rows ?? []).map((r) => [r.row, r.prediction, r.reason]);
}

/** s001@ with the alias ann.lee@, and s002@ with the alias bo.chen@: two accounts, four addresses. */
function aliasWorld(rows: string[][]): World {
  const world = createWorld({ rows: [HEADER, ...rows], users: [] });
  world.env.classroom.addUser({ email: 's001@school.example', aliases: ['ann.lee@school.example'] });
  world.env.classroom.addUser({ email: 's002@school.example', aliases: ['bo.chen@school.example'] });
  return world;
}

describe('who accepted, through the account', () => {
  it('reads an alias who accepted as ACCEPTED, not GONE with REINVITE advice', () => {
    const world = aliasWorld([[MATH, 'ann.lee@school.example', 'STUDENT']]);
    expect(send(world)).toMatchObject({ stoppedBecause: 'DONE', processed: 1 });
    expect(outputOf(world.sheet, 2).status).toBe('OK');
    const classroom = world.env.classroom;
    // Classroom recorded the invitation for the account, whatever address the row gave.
    const [invitation] = classroom.invitationsFor(MATH, 's001@school.example');
    if (!invitation) throw new Error('no invitation');
    classroom.acceptInvitation(invitation.id);
    expect(classroom.members(MATH).students).toContain('s001@school.example');

    const report = refresh(world);
    expect(report.counts).toMatchObject({ ACCEPTED: 1, GONE: 0 });
    // The account came back with the create and was kept: no lookup was needed.
    expect(report.accounts).toEqual({ lookedUp: 0, calls: 0 });
  });

  it('looks an alias up once when the row holds no account (sent before accounts were kept)', () => {
    const world = aliasWorld([
      [MATH, 'ann.lee@school.example', 'STUDENT'],
      [SCIENCE, 'ann.lee@school.example', 'STUDENT'],
    ]);
    send(world);
    const idColumn = outputColumns(world.sheet).invitationId;
    // The account the create returned is kept as the Invitation ID cell's note.
    expect(world.sheet.peekNotes({ row: 2, column: idColumn, numRows: 1, numColumns: 1 })).toEqual([
      [`userId ${world.env.classroom.userId('s001@school.example')}`],
    ]);
    world.sheet.setNote(2, idColumn, '');
    world.sheet.setNote(3, idColumn, '');
    for (const course of [MATH, SCIENCE]) {
      const [invitation] = world.env.classroom.invitationsFor(course, 's001@school.example');
      world.env.classroom.acceptInvitation(invitation?.id ?? '');
    }
    const recorder = recordClassroomCalls(world);
    const report = refresh(world);
    recorder.stop();
    expect(report.counts).toMatchObject({ ACCEPTED: 2, GONE: 0, UNKNOWN: 0 });
    // One lookup for the address, whatever number of rows and courses name it.
    expect(report.accounts).toEqual({ lookedUp: 1, calls: 1 });
    expect(recorder.calls.filter((c) => c.method === 'userProfiles.get')).toHaveLength(1);
  });

  it('says UNKNOWN, never GONE, for an address Classroom will not say whose it is', () => {
    const world = aliasWorld([[MATH, 'ann.lee@school.example', 'STUDENT']]);
    send(world);
    world.sheet.setNote(2, outputColumns(world.sheet).invitationId, '');
    const [invitation] = world.env.classroom.invitationsFor(MATH, 's001@school.example');
    world.env.classroom.acceptInvitation(invitation?.id ?? '');
    world.env.classroom.failWhen((call) => call.method === 'userProfiles.get', { code: 403 });
    const report = refresh(world);
    expect(report.counts).toMatchObject({ UNKNOWN: 1, GONE: 0 });
  });
});

describe('the live check, through the account', () => {
  it('finds pending invitations of address rows, and aliases of members and of invitees', () => {
    const world = aliasWorld([
      [MATH, 's002@school.example', 'STUDENT'], // 2: pending invitation, by its primary address
      [MATH, 'bo.chen@school.example', 'STUDENT'], // 3: the same person by an alias (a repeat is still one lookup)
      [MATH, 'ann.lee@school.example', 'STUDENT'], // 4: an alias of a member
      [MATH, 'new@school.example', 'STUDENT'], // 5: someone new
    ]);
    const classroom = world.env.classroom;
    classroom.addUser({ email: 'new@school.example' });
    classroom.seedInvitation(MATH, 's002@school.example', 'STUDENT');
    classroom.addMember(MATH, 's001@school.example', 'STUDENT');
    const recorder = recordClassroomCalls(world);
    const report = check(world);
    recorder.stop();
    expect(predictions(report)).toEqual([
      [2, 'ALREADY_INVITED', ''],
      [3, 'ALREADY_INVITED', ''],
      [4, 'ALREADY_MEMBER', ''],
      [5, 'WOULD_INVITE', ''],
    ]);
    // One lookup per distinct address that is not a member's primary one: s002@, bo.chen@, ann.lee@, new@.
    expect(recorder.calls.filter((c) => c.method === 'userProfiles.get')).toHaveLength(4);
    expect(report.live?.accounts).toMatchObject({ lookedUp: 4, unverified: 0, unchecked: 0 });
  });

  it('predicts NOT_FOUND for an address nobody has, and says when it cannot tell', () => {
    const world = createWorld({
      rows: [HEADER, [MATH, 'a@school.example', ''], [MATH, 'nobody@school.example', '']],
      users: ['a@school.example'],
    });
    world.env.classroom.addUser({ email: 'a@school.example' });
    const report = check(world);
    // Classroom shows a@ but not nobody@, of the same domain: most likely nobody has it.
    expect(predictions(report)).toEqual([
      [2, 'WOULD_INVITE', ''],
      [3, 'WOULD_FAIL', 'UserProbablyMissing'],
    ]);
    expect(report.live?.rows[1]?.code).toBe('NOT_FOUND');

    // Where Classroom answers 404 for such an address, the prediction is certain.
    const sure = createWorld({
      rows: [HEADER, [MATH, 'nobody@school.example', '']],
      classroom: { profileNotFoundCode: 404 },
      users: [],
    });
    expect(predictions(check(sure))).toEqual([[2, 'WOULD_FAIL', 'UserNotFound']]);

    // Where it shows nothing of the domain, the row is invited, flagged as not verified.
    const blind = createWorld({ rows: [HEADER, [MATH, 'nobody@school.example', '']], users: [] });
    blind.env.classroom.failWhen((call) => call.method === 'userProfiles.get', { code: 403 });
    const unsure = check(blind);
    expect(predictions(unsure)).toEqual([[2, 'WOULD_INVITE', 'UserUnverified']]);
    expect(unsure.message).toContain('1 of them not shown by Classroom');
  });

  it('flags near-miss, personal and outside domains instead of calling them simply invited', () => {
    const world = createWorld({
      rows: [
        HEADER,
        [MATH, 'a@school.example', ''],
        [MATH, 'b@school.example', ''],
        [MATH, 'c@shcool.example', ''], // a swapped pair of letters
        [MATH, 'd@gmail.com', ''],
        [MATH, 'e@partner.example', ''],
      ],
      classroom: { trustedDomains: ['partner.example'] },
    });
    const report = check(world);
    expect(predictions(report)).toEqual([
      [2, 'WOULD_INVITE', ''],
      [3, 'WOULD_INVITE', ''],
      [4, 'WOULD_INVITE', 'NearMissDomain'],
      [5, 'WOULD_INVITE', 'PersonalAccount'],
      [6, 'WOULD_INVITE', 'OutsideDomain'],
    ]);
    expect(report.live?.rows[2]?.details).toContain('did you mean school.example?');
    expect(report.live?.accounts).toMatchObject({ mainDomain: 'school.example', domainFlagged: 3 });
    expect(report.message).toContain('3 rows have an address outside school.example');
  });
});

describe('p: course aliases', () => {
  it('are refused at once by the check and the send, with what to use instead, and no Classroom call', () => {
    const world = createWorld({ rows: [HEADER, ['p:math7', 'a@school.example', '']] });
    // The course has that project alias, made by another Cloud project: invisible to this add-on.
    world.env.classroom.addCourse({
      name: 'Projected',
      ownerId: 'admin@school.example',
      aliases: ['p:math7'],
    });
    const recorder = recordClassroomCalls(world);
    const report = check(world);
    expect(report.problems).toEqual([
      expect.objectContaining({ row: 2, code: 'INVALID_ARGUMENT', reason: 'ProjectAlias' }),
    ]);
    expect(report.problems[0]?.details).toContain('numeric course ID');
    expect(report.problems[0]?.details).toContain('d: alias');
    expect(send(world)).toMatchObject({ stoppedBecause: 'DONE', createCalls: 0 });
    recorder.stop();
    expect(recorder.calls).toEqual([]);
    expect(outputOf(world.sheet, 2)).toMatchObject({ status: 'INVALID_ARGUMENT', reason: 'ProjectAlias' });
  });
});

describe('merged course cells', () => {
  it('apply a merged block to every row it spans: 5 rows under one merge are all sent, and the check says so', () => {
    const world = createWorld({
      rows: [
        HEADER,
        [MATH, 'm1@school.example', ''],
        [MATH, 'm2@school.example', ''],
        [MATH, 'm3@school.example', ''],
        [MATH, 'm4@school.example', ''],
        [MATH, 'm5@school.example', ''],
        [SCIENCE, 'other@school.example', ''],
      ],
    });
    // Laid out for printing: the course cell of rows 2–6 merged; Sheets keeps only the top value.
    world.sheet.merge({ row: 2, column: 1, numRows: 5, numColumns: 1 });
    expect(world.sheet.peekValues({ row: 2, column: 1, numRows: 5, numColumns: 1 })).toEqual([
      [MATH],
      [''],
      [''],
      [''],
      [''],
    ]);
    const checked = world.env.run(() => server.checkRoster({ sheetId: world.sheet.sheetId }), asAdmin());
    expect(checked).toMatchObject({ toSend: 6, invalid: 0, mergedRows: 4, problems: [] });
    expect(checked.message).toContain('4 rows take their course, user, role or action from merged cells');

    expect(send(world)).toMatchObject({ stoppedBecause: 'DONE', processed: 6, createCalls: 6 });
    for (let row = 2; row <= 6; row++) {
      expect(outputOf(world.sheet, row)).toMatchObject({ status: 'OK' });
      expect(world.env.classroom.invitationsFor(MATH, `m${row - 1}@school.example`)).toHaveLength(1);
    }
    // The merge is still there, and nothing is pending: a second send makes no call.
    expect(world.sheet.peekValues({ row: 3, column: 1, numRows: 1, numColumns: 1 })).toEqual([['']]);
    expect(send(world)).toMatchObject({ processed: 0, createCalls: 0 });
    // Who accepted reads the merged rows too.
    expect(refresh(world).rowsChecked).toBe(6);
  });
});
