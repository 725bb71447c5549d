/**
 * "Show these rows": the sidebar asks the server to select, in the sheet, the rows whose final Status
 * needs the admin (the rows a send will not change by itself).
 */
import * as server from '../../src/server';
import { t } from '../../src/i18n';
import { HEADER, MATH, asAdmin, createWorld, restoreWorlds, send, type World } from '../support/gas-env';

afterEach(restoreWorlds);

function select(world: World, locale: 'en' | 'zh-CN' = 'en') {
  return world.env.run(
    () => server.selectRowsNeedingAction({ sheetId: world.sheet.sheetId, locale }),
    asAdmin(),
  );
}

describe('selectRowsNeedingAction', () => {
  it('selects the rows that failed for good, joined into spans, and says how many', () => {
    const world = createWorld({
      rows: [
        HEADER,
        [MATH, 'a@school.example', 'STUDENT'],
        [MATH, 'not an email', 'STUDENT'],
        [MATH, 'also bad', 'STUDENT'],
        [MATH, 'b@school.example', 'STUDENT'],
        ['no-such-course', 'c@school.example', 'STUDENT'],
      ],
    });
    world.env.run(() => world.book.setActiveSheet('Notes'), asAdmin());
    send(world);
    const report = select(world);
    expect(report).toMatchObject({ ok: true, rows: 3 });
    expect(report.message).toContain('3 rows selected');
    expect(world.book.selection()).toEqual({ sheet: world.sheet.name, ranges: ['3:4', '6:6'] });
  });

  it('selects nothing and says so when no row needs the admin, in the chosen language', () => {
    const world = createWorld({ rows: [HEADER, [MATH, 'a@school.example', 'STUDENT']] });
    send(world);
    const report = select(world, 'zh-CN');
    expect(report).toEqual({ ok: true, rows: 0, message: t('zh-CN', 'select.none') });
    expect(world.book.selection()).toBeNull();
  });

  it('past 100 separate blocks, selects the first ones and says how many of all, never all of them', () => {
    // 120 bad rows, each between two good ones: 120 separate blocks.
    const rows = Array.from({ length: 120 }, (_, i) => [
      [MATH, `ok${i}@school.example`, 'STUDENT'],
      [MATH, `bad ${i}`, 'STUDENT'],
    ]).flat();
    const world = createWorld({ rows: [HEADER, ...rows] });
    send(world);
    const report = select(world);
    expect(report.rows).toBe(100);
    expect(report.message).toBe(t('en', 'select.partial', { shown: 100, count: 120 }));
    expect(world.book.selection()?.ranges).toHaveLength(100);
  });
});
