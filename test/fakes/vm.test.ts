import * as vm from 'node:vm';
import { createFakeEnvironment } from '../../fakes/index';

const SCRIPT = `
function sendOne() {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Roster');
  var row = sheet.getRange(2, 1, 1, 3).getValues()[0];
  var status, id = '';
  try {
    var inv = Classroom.Invitations.create({ courseId: String(row[0]), userId: row[1], role: row[2] });
    status = 'OK';
    id = inv.id;
  } catch (e) {
    status = e.details ? e.details.code : String(e);
  }
  sheet.getRange(2, 4, 1, 3).setValues([[status, "'" + id, new Date()]]);
  return { status: status, id: id, isError: (function () { try { sheet.getRange(0, 1); } catch (e) { return e instanceof Error; } })() };
}
function failOne() {
  try {
    Classroom.Invitations.create({ courseId: '404', userId: 'a@school.example', role: 'STUDENT' });
  } catch (e) {
    return { isError: e instanceof Error, name: e.name, code: e.details.code, message: e.message };
  }
}
`;

describe('fakes inside a vm context (the built-bundle use case)', () => {
  it('runs a script against the fakes and returns JSON-safe results across realms', () => {
    const env = createFakeEnvironment({ startTime: '2026-12-01T08:00:00Z' });
    const ss = env.sheets.create({
      name: 'Book',
      sheets: [
        {
          name: 'Roster',
          values: [
            ['Course', 'Email', 'Role'],
            [1001, 'a@school.example', 'STUDENT'],
          ],
        },
      ],
    });
    env.classroom.addUser({ email: 'a@school.example' });
    env.classroom.addCourse({ id: '1001', name: 'Math', ownerId: 'admin@school.example' });
    const context = env.createVmContext();
    vm.runInContext(SCRIPT, context, { filename: 'Code.js' });

    const r = env.execute(() => (context.sendOne as () => unknown)());
    expect(r.ok).toBe(true);
    const value = JSON.parse(JSON.stringify(r.ok ? r.value : null)) as {
      status: string;
      id: string;
      isError: boolean;
    };
    expect(value.status).toBe('OK');
    expect(value.isError).toBe(true); // errors are built with the context's Error
    const row = ss.sheet('Roster').peekValues({ row: 2, column: 4, numRows: 1, numColumns: 3 })[0] ?? [];
    expect(row[0]).toBe('OK');
    expect(row[1]).toBe(value.id); // the apostrophe kept the id as text
    expect((row[2] as Date).toISOString()).toBe('2026-12-01T08:00:00.000Z'); // virtual Date inside the context
    expect(env.classroom.invitationsFor('1001', 'a@school.example')).toHaveLength(1);

    const failed = env.execute(() => (context.failOne as () => unknown)());
    expect(JSON.parse(JSON.stringify(failed.ok ? failed.value : null))).toEqual({
      isError: true,
      name: 'GoogleJsonResponseException',
      code: 404,
      message: 'API call to classroom.invitations.create failed with error: Requested entity was not found.',
    });
  });

  it('kills a script in the context at 6 minutes even if it catches everything', () => {
    const env = createFakeEnvironment();
    env.sheets.create({ name: 'Book', sheets: [{ name: 'Roster' }] });
    const context = env.createVmContext();
    vm.runInContext(
      'function spin() { var n = 0; while (n < 1000) { try { Utilities.sleep(1000); } catch (e) {} n++; } return n; }',
      context,
    );
    const r = env.execute(() => (context.spin as () => number)());
    expect(r).toMatchObject({ ok: false, killed: true, elapsedMs: 360_000 });
  });

  it('fires a time-driven trigger whose handler is a top-level function of the context', () => {
    const env = createFakeEnvironment();
    env.sheets.create({ id: 'book', name: 'Book', sheets: [{ name: 'Roster' }] });
    const context = env.createVmContext();
    vm.runInContext(
      `function setSchedule() { return ScriptApp.newTrigger('runScheduled').timeBased().everyHours(1).create().getUniqueId(); }
       function runScheduled(e) {
         var book = SpreadsheetApp.openById(PropertiesService.getUserProperties().getProperty('book'));
         return { uid: e.triggerUid, active: SpreadsheetApp.getActiveSpreadsheet() === null, name: book.getName() };
       }`,
      context,
    );
    const uid = env.run(() => {
      env.globals.PropertiesService.getUserProperties().setProperty('book', 'book');
      return (context.setSchedule as () => string)();
    });
    const r = env.triggers.fire(uid);
    expect(JSON.parse(JSON.stringify(r.ok ? r.value : null))).toEqual({ uid, active: true, name: 'Book' });
  });
});
