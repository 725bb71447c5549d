import { createFakeEnvironment } from '../../fakes/index';
import { errorText } from '../../fakes/error-text';

function setup() {
  const env = createFakeEnvironment({ htmlFiles: { Sidebar: '<p>Hello <?= name ?></p>' } });
  env.sheets.create({ id: 'ss1', name: 'One', sheets: [{ name: 'Roster' }] });
  return { env, g: env.globals };
}

describe('Ui, HtmlService, Utilities, Logger and console', () => {
  it('records add-on menus and the function names they bind', () => {
    const { env, g } = setup();
    env.run(
      () => {
        const ui = g.SpreadsheetApp.getUi();
        const sub = ui.createMenu('Schedule').addItem('Clear', 'clearSchedule');
        ui.createAddonMenu()
          .addItem('Send invitations', 'showSidebar')
          .addSeparator()
          .addSubMenu(sub)
          .addToUi();
      },
      { authMode: 'NONE' },
    );
    expect(env.ui.menus).toEqual([
      {
        kind: 'addon',
        caption: '',
        user: 'admin@school.example',
        items: [
          { kind: 'item', caption: 'Send invitations', functionName: 'showSidebar' },
          { kind: 'separator' },
          {
            kind: 'submenu',
            caption: 'Schedule',
            items: [{ kind: 'item', caption: 'Clear', functionName: 'clearSchedule' }],
          },
        ],
      },
    ]);
    expect(env.ui.menuFunctionNames()).toEqual(['showSidebar', 'clearSchedule']);
  });

  it('shows a 300 px sidebar from a template file, and refuses it in LIMITED mode', () => {
    const { env, g } = setup();
    env.run(() => {
      const t = g.HtmlService.createTemplateFromFile('Sidebar');
      t.name = '<b>you</b>';
      g.SpreadsheetApp.getUi().showSidebar(t.evaluate().setTitle('Roster invites').setWidth(500));
    });
    expect(env.ui.sidebars).toEqual([
      {
        title: 'Roster invites',
        content: '<p>Hello &lt;b&gt;you&lt;/b&gt;</p>',
        width: 300,
        user: 'admin@school.example',
      },
    ]);
    const limited = env.execute(
      () => g.SpreadsheetApp.getUi().showSidebar(g.HtmlService.createHtmlOutput('x')),
      {
        authMode: 'LIMITED',
      },
    );
    expect(limited.ok).toBe(false);
    expect(errorText(() => env.run(() => g.HtmlService.createHtmlOutputFromFile('Missing')))).toBe(
      'Exception: No HTML file named Missing was found.',
    );
  });

  it('alerts are recorded and answered from a queue (OK by default)', () => {
    const { env, g } = setup();
    env.ui.queueResponses({ button: 'NO' });
    const answers = env.run(() => {
      const ui = g.SpreadsheetApp.getUi();
      return [ui.alert('Title', 'Really?', ui.ButtonSet.YES_NO), ui.alert('Done')];
    });
    expect(answers).toEqual(['NO', 'OK']);
    expect(env.ui.alerts.map((a) => [a.title, a.prompt, a.buttons])).toEqual([
      ['Title', 'Really?', 'YES_NO'],
      ['', 'Done', 'OK'],
    ]);
  });

  it('Utilities.sleep advances virtual time and refuses more than 300000 ms', () => {
    const { env, g } = setup();
    const r = env.execute(() => g.Utilities.sleep(2500));
    expect(r.elapsedMs).toBe(2500);
    expect(errorText(() => env.run(() => g.Utilities.sleep(300_001)))).toMatch(/^Exception: /);
  });

  it('Utilities.formatDate, getUuid and computeDigest', () => {
    const { env, g } = setup();
    env.run(() => {
      expect(g.Utilities.formatDate(new g.Date(), 'Etc/UTC', 'yyyy-MM-dd HH:mm')).toBe('2026-11-26 09:00');
      expect(g.Utilities.formatDate(new g.Date(), 'Asia/Shanghai', 'yyyy-MM-dd HH:mm')).toBe(
        '2026-11-26 17:00',
      );
      expect(g.Utilities.getUuid()).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      const digest = g.Utilities.computeDigest(g.Utilities.DigestAlgorithm.SHA_256, 'abc');
      expect(digest).toHaveLength(32);
      expect(digest[0]).toBe(-70); // 0xba as a signed byte
    });
  });

  it('Logger and console record silently', () => {
    const { env, g } = setup();
    g.Logger.log('row %s done', 5);
    g.console.warn('careful', { n: 1 });
    expect(env.logs.messages('Logger')).toEqual(['row 5 done']);
    expect(env.logs.messages('warn')).toEqual(['careful {"n":1}']);
    expect(g.Logger.getLog()).toContain('INFO: row 5 done');
  });
});
