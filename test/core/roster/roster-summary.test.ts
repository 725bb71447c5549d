import { summarizeRoster } from '../../../src/core/roster/roster-summary';
import { t } from '../../../src/i18n';
import { MemorySheet } from '../support/memory-sheet';
import { T0 } from '../support/manual-clock';

const OPTIONS = {
  sheetId: 7,
  locale: 'en' as const,
  now: T0,
  defaultRole: 'STUDENT' as const,
  retryCooldownMs: 5 * 60_000,
};
const COURSE = '111111111111';

describe('summarizeRoster', () => {
  it('places every known column: found ones by letter, appended ones where a send will add them', () => {
    const sheet = new MemorySheet([
      ['Notes', 'Email', 'Course ID'],
      ['', 'a@school.example', COURSE],
    ]);
    const summary = summarizeRoster(sheet, OPTIONS);
    expect(summary.columns).toEqual([
      { key: 'user', column: 'B', required: true },
      { key: 'course', column: 'C', required: true },
      { key: 'role', column: '', required: false },
      { key: 'action', column: '', required: false },
      { key: 'status', column: 'D', required: false },
      { key: 'reason', column: 'E', required: false },
      { key: 'invitationId', column: 'F', required: false },
      { key: 'details', column: 'G', required: false },
      { key: 'updated', column: 'H', required: false },
    ]);
    expect(summary.newColumns).toEqual(['status', 'reason', 'invitationId', 'details', 'updated']);
    expect(summary.message).toBe(t('en', 'summary.ready', { sheet: 'Roster', rows: 1, pending: 1 }));
  });

  it('counts a WITHDRAW row as waiting while its person’s INVITE row waits to be sent again', () => {
    const recent = new Date(T0 - 60_000);
    const sheet = new MemorySheet([
      ['Course ID', 'Email', 'Role', 'Action', 'Status', 'Updated'],
      [COURSE, 'c@school.example', '', '', 'UNAVAILABLE', recent],
      [COURSE, 'c@school.example', '', 'WITHDRAW', '', ''],
      [COURSE, 'e@school.example', '', 'WITHDRAW', '', ''],
    ]);
    const summary = summarizeRoster(sheet, OPTIONS);
    expect(summary).toMatchObject({ pending: 1, waiting: 2 });
    // The first waiting row is sent again once its cool-down from its Updated time has passed.
    expect(summary.nextRetryAt).toBe(new Date(recent.getTime() + OPTIONS.retryCooldownMs).toISOString());
    // The confirmation asks for what a send would withdraw now: e's row only.
    expect(summary.pendingActions).toEqual({ INVITE: 0, WITHDRAW: 1, REINVITE: 0 });
  });

  it('counts rows by state, by Status code and pending rows by action, in two block reads and no write', () => {
    const recent = new Date(T0 - 60_000);
    const old = new Date(T0 - 3_600_000);
    const sheet = new MemorySheet([
      ['Course ID', 'Email', 'Role', 'Action', 'Status', 'Updated'],
      [COURSE, 'a@school.example', '', '', '', ''],
      [COURSE, 'b@school.example', '', '', 'OK', old],
      [COURSE, 'c@school.example', '', '', 'UNAVAILABLE', recent],
      [COURSE, 'd@school.example', '', '', 'UNAVAILABLE', old],
      [COURSE, 'e@school.example', '', 'WITHDRAW', '', ''],
      ['', '', '', '', '', ''],
      [COURSE, 'f@school.example', '', '', 'NOT_FOUND', old],
      [COURSE, 'g@school.example', '', '重新邀请', '', ''],
      [COURSE, 'not an email', '', 'WITHDRAW', '', ''],
    ]);
    const summary = summarizeRoster(sheet, OPTIONS);
    expect(summary).toMatchObject({
      ok: true,
      sheetId: 7,
      headerRow: 1,
      rows: 8,
      pending: 5,
      waiting: 1,
      final: 2,
    });
    expect(summary.nextRetryAt).toBe(new Date(recent.getTime() + OPTIONS.retryCooldownMs).toISOString());
    // An invalid WITHDRAW row withdraws nothing (it is only marked): no confirmation for it.
    expect(summary.pendingActions).toEqual({ INVITE: 3, WITHDRAW: 1, REINVITE: 1 });
    expect(summary.statusCounts).toMatchObject({ OK: 1, UNAVAILABLE: 2, NOT_FOUND: 1, PERMISSION_DENIED: 0 });
    expect(sheet.counts.getValues).toBe(1);
    expect(sheet.counts.getNotes).toBe(1);
    expect(sheet.writes).toHaveLength(0);
  });

  it('says how to fix a sheet with no header, and treats a header without rows as fine', () => {
    const none = summarizeRoster(new MemorySheet([['hello']]), { ...OPTIONS, locale: 'zh-CN' });
    expect(none).toMatchObject({ ok: false, stoppedBecause: 'NO_HEADER', headerRow: null });
    expect(none.message).toBe(t('zh-CN', 'run.noHeader', { sheet: 'Roster', row: 0 }));
    expect(none.columns.filter((c) => c.required).map((c) => c.key)).toEqual(['course', 'user']);
    expect(none.columns.every((c) => c.column === '')).toBe(true);
    const empty = summarizeRoster(new MemorySheet([['Course ID', 'Email']]), OPTIONS);
    expect(empty).toMatchObject({ ok: true, stoppedBecause: 'NO_ROWS', headerRow: 1, rows: 0 });
  });
});
