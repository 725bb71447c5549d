import { createFakeEnvironment, type FakeMailApp } from '../../fakes/index';
import { errorText } from '../../fakes/error-text';

// The fake must be usable wherever production code expects the real MailApp.
const typed: (m: FakeMailApp) => GoogleAppsScript.Mail.MailApp = (m) => m;

const ADMIN = 'admin@school.example';

describe('MailApp', () => {
  it('sends in every call form and records sender, recipient, subject, body and time', () => {
    const env = createFakeEnvironment({ startTime: '2026-12-01T08:00:00Z' });
    const MailApp = typed(env.globals.MailApp);
    env.run(() => {
      MailApp.sendEmail({
        to: 'a@school.example',
        subject: 'S1',
        body: 'B1',
        htmlBody: '<b>B1</b>',
        name: 'Roster',
      });
      MailApp.sendEmail('b@school.example', 'S2', 'B2');
      MailApp.sendEmail('c@school.example', 'S3', 'B3', { replyTo: 'office@school.example', noReply: true });
      MailApp.sendEmail('d@school.example', 'reply@school.example', 'S4', 'B4');
    });
    const at = Date.parse('2026-12-01T08:00:00Z');
    expect(env.mail.sent).toEqual([
      {
        from: ADMIN,
        to: 'a@school.example',
        subject: 'S1',
        body: 'B1',
        htmlBody: '<b>B1</b>',
        name: 'Roster',
        at,
      },
      { from: ADMIN, to: 'b@school.example', subject: 'S2', body: 'B2', at },
      {
        from: ADMIN,
        to: 'c@school.example',
        subject: 'S3',
        body: 'B3',
        replyTo: 'office@school.example',
        noReply: true,
        at,
      },
      { from: ADMIN, to: 'd@school.example', subject: 'S4', body: 'B4', replyTo: 'reply@school.example', at },
    ]);
    expect(env.run(() => MailApp.getRemainingDailyQuota())).toBe(96);
  });

  it('counts every recipient against a rolling 24 h quota per user, then throws the quota exception', () => {
    const env = createFakeEnvironment({ mail: { dailyQuota: 3 } });
    const { MailApp } = env.globals;
    env.run(() => MailApp.sendEmail('a@school.example, b@school.example', 'S', 'B'));
    env.clock.advance(3600_000);
    env.run(() => MailApp.sendEmail({ to: 'c@school.example', subject: 'S', body: 'B' }));
    const over = env.run(() => errorText(() => MailApp.sendEmail('d@school.example', 'S', 'B')));
    expect(over).toBe('Exception: Service invoked too many times for one day: email.');
    expect(env.mail.sent).toHaveLength(2);
    // Another user has their own quota.
    env.run(() => MailApp.sendEmail('d@school.example', 'S', 'B'), { user: 't@school.example' });
    expect(env.mail.sent[2]?.from).toBe('t@school.example');
    // 24 h after the first two recipients, two come back; the third is still inside the window.
    env.clock.advance(23 * 3600_000);
    expect(env.run(() => MailApp.getRemainingDailyQuota())).toBe(2);
    expect(env.mail.remainingQuota(ADMIN)).toBe(2);
  });

  it('refuses an invalid or missing recipient without sending or spending quota', () => {
    const env = createFakeEnvironment();
    const { MailApp } = env.globals;
    const errors = env.run(() => [
      errorText(() => MailApp.sendEmail('not-an-address', 'S', 'B')),
      errorText(() => MailApp.sendEmail('a@school.example, bad@', 'S', 'B')),
      errorText(() => MailApp.sendEmail({ to: '', subject: 'S', body: 'B' })),
    ]);
    expect(errors).toEqual([
      'Exception: Invalid email: not-an-address',
      'Exception: Invalid email: bad@',
      'Exception: Failed to send email: no recipient',
    ]);
    expect(env.mail.sent).toEqual([]);
    expect(env.mail.remainingQuota(ADMIN)).toBe(100);
  });

  it('needs full authorization (script.send_mail), and a kill during the call sends nothing', () => {
    const env = createFakeEnvironment();
    const { MailApp } = env.globals;
    const limited = env.run(() => errorText(() => MailApp.sendEmail('a@school.example', 'S', 'B')), {
      authMode: 'LIMITED',
    });
    expect(limited).toBe(
      'Exception: You do not have permission to call MailApp.sendEmail. Required permissions: https://www.googleapis.com/auth/script.send_mail',
    );
    const killed = env.execute(() => MailApp.sendEmail('a@school.example', 'S', 'B'), {
      killAt: { afterOps: 1 },
    });
    expect(killed).toMatchObject({ ok: false, killed: true });
    expect(env.mail.sent).toEqual([]);
    expect(env.runtime.stats.opsByName['MailApp.sendEmail']).toBe(2);
  });
});
