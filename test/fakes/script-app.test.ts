import { createFakeEnvironment } from '../../fakes/index';
import { errorText } from '../../fakes/error-text';

function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}

function setup(addonMode?: boolean) {
  const env = createFakeEnvironment({ addonMode });
  env.sheets.create({ id: 'ss1', name: 'One', sheets: [{ name: 'Roster' }] });
  env.sheets.create({ id: 'ss2', name: 'Two', sheets: [{ name: 'Roster' }] });
  return { env, ScriptApp: env.globals.ScriptApp };
}

describe('ScriptApp triggers', () => {
  it('creates an hourly time-driven trigger that reports CLOCK and no source id', () => {
    const { env, ScriptApp } = setup();
    const info = env.run(() => {
      const t = ScriptApp.newTrigger('runScheduled').timeBased().everyHours(1).create();
      return [
        t.getHandlerFunction(),
        t.getEventType(),
        t.getTriggerSource(),
        t.getTriggerSourceId(),
        t.getUniqueId(),
      ];
    });
    expect(info.slice(0, 4)).toEqual(['runScheduled', 'CLOCK', 'CLOCK', null]);
    expect(info[1]).toBe(ScriptApp.EventType.CLOCK);
    expect(env.triggers.list()).toMatchObject([
      { user: 'admin@school.example', documentId: 'ss1', schedule: { everyHours: 1 } },
    ]);
  });

  it('add-on mode: one time-driven trigger per user per document, none more often than hourly', () => {
    const { env, ScriptApp } = setup();
    env.run(() => {
      ScriptApp.newTrigger('runScheduled').timeBased().everyDays(1).atHour(6).create();
      expect(errorText(() => ScriptApp.newTrigger('runScheduled').timeBased().everyHours(1).create())).toBe(
        'Exception: This add-on has created too many time-based triggers in this document for this Google user account.',
      );
      expect(errorText(() => ScriptApp.newTrigger('x').timeBased().everyMinutes(30).create())).toMatch(
        /^Exception: Add-ons may not create time-based triggers that run more frequently than once per hour/,
      );
      expect(errorText(() => ScriptApp.newTrigger('x').timeBased().everyHours(0))).toMatch(
        /^Exception: Invalid argument/,
      );
    });
    // Another document, or another user in the same document, may have their own.
    env.run(() => ScriptApp.newTrigger('runScheduled').timeBased().everyHours(1).create(), {
      activeSpreadsheetId: 'ss2',
    });
    env.run(() => ScriptApp.newTrigger('runScheduled').timeBased().everyHours(1).create(), {
      user: 'teacher@school.example',
    });
    expect(env.triggers.list()).toHaveLength(3);
  });

  it('outside add-on mode, several triggers and everyMinutes are allowed, but only valid minute steps', () => {
    const { env, ScriptApp } = setup(false);
    env.run(() => {
      ScriptApp.newTrigger('a').timeBased().everyMinutes(5).create();
      ScriptApp.newTrigger('b').timeBased().everyHours(2).create();
      expect(errorText(() => ScriptApp.newTrigger('c').timeBased().everyMinutes(7))).toMatch(/^Exception: /);
    });
    expect(env.triggers.list()).toHaveLength(2);
  });

  it('users see and delete only their own triggers', () => {
    const { env, ScriptApp } = setup();
    env.run(() => ScriptApp.newTrigger('runScheduled').timeBased().everyHours(1).create(), {
      user: 'teacher@school.example',
    });
    expect(env.run(() => ScriptApp.getProjectTriggers().length)).toBe(0);
    expect(env.run(() => ScriptApp.getProjectTriggers().length, { user: 'teacher@school.example' })).toBe(1);
    env.run(
      () => {
        const [t] = ScriptApp.getProjectTriggers();
        expect(
          ScriptApp.getUserTriggers(must(env.globals.SpreadsheetApp.getActiveSpreadsheet())),
        ).toHaveLength(1);
        ScriptApp.deleteTrigger(must(t));
        expect(ScriptApp.getProjectTriggers()).toHaveLength(0);
      },
      { user: 'teacher@school.example' },
    );
  });

  it('fire() runs the handler as the trigger owner, with no active document and a time event', () => {
    const { env, ScriptApp } = setup();
    const uid = env.run(
      () => ScriptApp.newTrigger('runScheduled').timeBased().everyHours(1).create().getUniqueId(),
      {
        user: 'teacher@school.example',
      },
    );
    const seen: unknown[] = [];
    const handlers: Record<string, (e: unknown) => unknown> = {
      runScheduled: (e) => {
        seen.push(e);
        return {
          user: env.globals.Session.getEffectiveUser().getEmail(),
          active: env.globals.SpreadsheetApp.getActiveSpreadsheet(),
        };
      },
    };
    env.clock.advance(3_600_000);
    expect(env.triggers.nextFireAt(uid)).toBe(env.clock.now());
    const [fired] = env.triggers.fireDue({ resolve: (n) => handlers[n] });
    expect(fired?.result).toMatchObject({
      ok: true,
      value: { user: 'teacher@school.example', active: null },
    });
    expect(seen[0]).toMatchObject({ authMode: 'FULL', triggerUid: uid, hour: 10, minute: 0 });
    expect(env.triggers.fireDue({ resolve: (n) => handlers[n] })).toHaveLength(0);
    const missing = env.triggers.fire(uid, { resolve: () => undefined });
    expect(missing.ok).toBe(false);
  });

  it('getAuthorizationInfo reports when a user must re-authorize', () => {
    const { env, ScriptApp } = setup();
    env.triggers.setAuthorizationRequired('admin@school.example', true);
    const status = env.run(() =>
      ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL).getAuthorizationStatus(),
    );
    expect(status).toBe(ScriptApp.AuthorizationStatus.REQUIRED);
  });
});
