/**
 * What follows a run may fail without failing the run — the run-history row, the summary email — but
 * never silently: the run's message (and the schedule's last run, shown in the sidebar) says what
 * failed and what to do.
 */
import * as server from '../../src/server';
import { HISTORY_SHEET_NAME } from '../../src/core/history/history-columns';
import { t } from '../../src/i18n';
import {
  asAdmin,
  createWorld,
  fireTick,
  HEADER,
  MATH,
  restoreWorlds,
  rosterRows,
  send,
  SHEET,
  type World,
} from '../support/gas-env';

afterEach(restoreWorlds);

describe('failures after a run are said, not swallowed', () => {
  it('says in the run message that the history sheet could not be updated', () => {
    const world = createWorld({ rows: [HEADER, ...rosterRows(2)] });
    send(world);
    // The history sheet is protected against the admin (someone else's protection).
    world.book
      .sheet(HISTORY_SHEET_NAME)
      .protectRange({ row: 1, column: 1, numRows: 2000, numColumns: 30 }, { canEdit: false });
    world.book.setCell(SHEET, 4, 1, MATH);
    world.book.setCell(SHEET, 4, 2, 'late@school.example', { raw: true });
    world.env.classroom.addUser({ email: 'late@school.example' });
    const report = send(world);
    expect(report).toMatchObject({ ok: true, stoppedBecause: 'DONE', processed: 1 });
    expect(report.message).toContain(t('en', 'history.recordFailed', { error: '' }).split('(')[0] ?? '');
  });

  it('says in the schedule’s last run that the summary email could not be sent (quota used up)', () => {
    const world: World = createWorld({
      rows: [HEADER, [MATH, 'ext@gmail.com', ''], [MATH, 'not an email', '']],
      env: { mail: { dailyQuota: 0 } },
    });
    world.env.run(() => server.setSchedule({ every: 'HOUR', email: true }), asAdmin());
    const trigger = world.env.triggers.list()[0]?.uniqueId ?? '';
    const tick = fireTick(world, trigger);
    expect(world.env.mail.sent).toEqual([]);
    expect(tick.message).toContain('The summary email could not be sent');
    expect(world.env.run(() => server.getSchedule(), asAdmin()).lastTick?.message).toContain(
      'The summary email could not be sent',
    );
  });

  it('sends a summary that could not be sent after the next run (its rows are not found again)', () => {
    const world: World = createWorld({
      rows: [HEADER, [MATH, 'ext@gmail.com', ''], [MATH, 'not an email', '']],
      env: { mail: { dailyQuota: 1 } },
    });
    world.env.run(() => server.setSchedule({ every: 'HOUR', email: true }), asAdmin());
    const trigger = world.env.triggers.list()[0]?.uniqueId ?? '';
    // The owner's one email of the day is used up elsewhere.
    world.env.run(
      () => MailApp.sendEmail({ to: 'someone@school.example', subject: 's', body: 'b' }),
      asAdmin(),
    );
    expect(fireTick(world, trigger).message).toContain('The summary email could not be sent');
    expect(world.env.mail.sent).toHaveLength(1);
    // A day later the next tick finds nothing new, but sends the kept summary.
    world.env.clock.advance(25 * 3_600_000);
    fireTick(world, trigger);
    expect(world.env.mail.sent).toHaveLength(2);
    expect(world.env.mail.sent[1]?.body).toContain('PERMISSION_DENIED');
    // Sent once: it is not kept any more.
    world.env.clock.advance(25 * 3_600_000);
    fireTick(world, trigger);
    expect(world.env.mail.sent).toHaveLength(2);
  });
});
