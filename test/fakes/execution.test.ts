import {
  createFakeEnvironment,
  EXECUTION_LIMIT_MS,
  ExecutionKilled,
  isExecutionKilled,
} from '../../fakes/index';

function setup() {
  const env = createFakeEnvironment();
  env.sheets.create({ id: 'ss1', name: 'Roster', sheets: [{ name: 'Sheet1', values: [['a']] }] });
  return env;
}

describe('execution harness', () => {
  it('returns the value of a normal execution with its elapsed time and op counts', () => {
    const env = setup();
    const { Utilities, SpreadsheetApp } = env.globals;
    const r = env.execute(() => {
      Utilities.sleep(1000);
      return SpreadsheetApp.getActiveSpreadsheet()?.getName();
    });
    expect(r).toMatchObject({ ok: true, value: 'Roster', elapsedMs: 1000 });
    expect(r.stats.ops).toBe(3);
    expect(r.stats.opsByName['Utilities.sleep']).toBe(1);
    expect(env.runtime.stats).toMatchObject({ executions: 1, ops: 3 });
  });

  it('kills an execution whose sleep would pass 6 minutes, at exactly the limit', () => {
    const env = setup();
    const start = env.clock.now();
    const r = env.execute(() => {
      for (let i = 0; i < 10; i++) env.globals.Utilities.sleep(60_000);
      return 'finished';
    });
    expect(r).toMatchObject({ ok: false, killed: true, cause: 'timeLimit', elapsedMs: EXECUTION_LIMIT_MS });
    expect(env.clock.now() - start).toBe(EXECUTION_LIMIT_MS);
  });

  it('reports killed even when the code swallows ExecutionKilled, and every later op throws again', () => {
    const env = setup();
    const seen: unknown[] = [];
    const r = env.execute(() => {
      try {
        env.globals.Utilities.sleep(300_000);
        env.globals.Utilities.sleep(300_000);
      } catch (e) {
        seen.push(e); // a production catch-all catches the kill too
      }
      try {
        env.globals.SpreadsheetApp.getActiveSpreadsheet();
      } catch (e) {
        seen.push(e);
      }
      return 'pretended to finish';
    });
    expect(r.ok).toBe(false);
    expect(r).toMatchObject({ killed: true });
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBeInstanceOf(ExecutionKilled);
    expect(isExecutionKilled(seen[1])).toBe(true);
  });

  it('killAt.afterOps kills at the Nth operation, which does not complete', () => {
    const env = setup();
    let completed = 0;
    const r = env.execute(
      () => {
        for (let i = 0; i < 10; i++) {
          env.globals.Utilities.sleep(1);
          completed++;
        }
      },
      { killAt: { afterOps: 4 } },
    );
    expect(r).toMatchObject({ ok: false, killed: true, cause: 'afterOps' });
    expect(completed).toBe(3);
  });

  it('killAt.atMs kills at a virtual elapsed time', () => {
    const env = setup();
    const r = env.execute(() => env.globals.Utilities.sleep(5000), { killAt: { atMs: 2000 } });
    expect(r).toMatchObject({ ok: false, killed: true, cause: 'atMs', elapsedMs: 2000 });
  });

  it('reports an uncaught error as { ok: false, killed: false, error }', () => {
    const env = setup();
    const r = env.execute(() => {
      throw new Error('boom');
    });
    expect(r.ok).toBe(false);
    if (!r.ok && !r.killed) expect((r.error as Error).message).toBe('boom');
  });

  it('runs as the given user and locale; Session reflects them', () => {
    const env = setup();
    const r = env.execute(
      () => [
        env.globals.Session.getActiveUser().getEmail(),
        env.globals.Session.getEffectiveUser().getEmail(),
        env.globals.Session.getActiveUserLocale(),
      ],
      { user: 'teacher@school.example', locale: 'zh-CN' },
    );
    expect(r).toMatchObject({
      ok: true,
      value: ['teacher@school.example', 'teacher@school.example', 'zh-CN'],
    });
    expect(env.execute(() => env.globals.Session.getActiveUser().getEmail())).toMatchObject({
      value: 'admin@school.example',
    });
  });

  it('models a time-driven trigger with activeSpreadsheetId: null', () => {
    const env = setup();
    const { SpreadsheetApp, PropertiesService, LockService } = env.globals;
    const r = env.execute(
      () => {
        const active = SpreadsheetApp.getActiveSpreadsheet();
        const docProps = PropertiesService.getDocumentProperties();
        const docLock = LockService.getDocumentLock();
        let sheetError = '';
        try {
          SpreadsheetApp.getActiveSheet();
        } catch (e) {
          sheetError = String(e);
        }
        let uiError = '';
        try {
          SpreadsheetApp.getUi();
        } catch (e) {
          uiError = String(e);
        }
        return {
          active,
          docProps,
          docLock,
          sheetError,
          uiError,
          opened: SpreadsheetApp.openById('ss1').getName(),
        };
      },
      { activeSpreadsheetId: null },
    );
    expect(r).toMatchObject({
      ok: true,
      value: {
        active: null,
        docProps: null,
        docLock: null,
        sheetError: 'Exception: Please select an active sheet first.',
        uiError: 'Exception: Cannot call SpreadsheetApp.getUi() from this context.',
        opened: 'Roster',
      },
    });
  });

  it('enforces authorization modes: NONE may only build menus', () => {
    const env = setup();
    const r = env.execute(
      () => {
        const ui = env.globals.SpreadsheetApp.getUi();
        ui.createAddonMenu().addItem('Send', 'showSidebar').addToUi();
        return env.globals.SpreadsheetApp.getActiveSpreadsheet();
      },
      { authMode: 'NONE' },
    );
    expect(r.ok).toBe(false);
    if (!r.ok && !r.killed) {
      expect(String(r.error)).toMatch(
        /^Exception: You do not have permission to call SpreadsheetApp.getActiveSpreadsheet/,
      );
    }
    expect(env.ui.menuFunctionNames()).toEqual(['showSidebar']);
    const limited = env.execute(() => env.globals.Classroom.Courses.get('1'), { authMode: 'LIMITED' });
    expect(limited.ok).toBe(false);
  });

  it('onOp listeners see every operation, and nested executions run as concurrent ones', () => {
    const env = setup();
    const names: string[] = [];
    const off = env.runtime.onOp((e) => names.push(e.name));
    const inner: unknown[] = [];
    env.execute(() => {
      env.globals.Utilities.sleep(10);
      inner.push(
        env.execute(() => env.globals.Session.getActiveUser().getEmail(), { user: 'other@school.example' }),
      );
      return env.globals.Session.getActiveUser().getEmail();
    });
    off();
    expect(names).toEqual(['Utilities.sleep', 'Session.getActiveUser', 'Session.getActiveUser']);
    expect(inner[0]).toMatchObject({ ok: true, value: 'other@school.example' });
  });
});

describe('the ambient execution (fake calls outside execute)', () => {
  it('has no deadline, buffers writes until flush or endAmbient, and uses the default spreadsheet', () => {
    const env = setup();
    const roster = env.sheets.get('ss1').sheet('Sheet1');
    const sheet = env.globals.SpreadsheetApp.getActiveSheet();
    env.globals.Utilities.sleep(300_000);
    env.globals.Utilities.sleep(300_000); // no kill outside an execution
    sheet.getRange(1, 2).setValues([['b']]);
    expect(roster.peekCell(1, 2)).toBe('');
    env.runtime.endAmbient();
    expect(roster.peekCell(1, 2)).toBe('b');
  });
});
