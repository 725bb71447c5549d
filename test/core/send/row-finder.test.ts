import { findHeader, planOutputColumns } from '../../../src/core/roster/roster-header';
import { parseRow } from '../../../src/core/roster/roster-parser';
import { rowFinder } from '../../../src/core/send/row-finder';

const header = findHeader([['Course', 'Email', 'Role', 'Action']]);
if (!header) throw new Error('the test header must be found');
const { layout } = planOutputColumns(header, 4);
const STUDENT = { defaultRole: 'STUDENT' as const };

/** A row as read: course, user, role, action, then Status in its planned column. */
function row(course: string, user: string, status = '', action = ''): unknown[] {
  const cells: unknown[] = [course, user, '', action];
  cells[layout.columns.status] = status;
  return cells;
}

function fingerprintOf(cells: unknown[]): string {
  const parsed = parseRow(cells, layout, STUDENT);
  if (parsed.kind === 'blank') throw new Error('not a request');
  return parsed.fingerprint;
}

describe('finding rows again by their request', () => {
  const rows = [row('111', 'a@x.org'), row('111', 'b@x.org', 'OK'), row('111', 'a@x.org')];
  const a = fingerprintOf(rows[0] as unknown[]);
  const b = fingerprintOf(rows[1] as unknown[]);

  it('claims each row once, in sheet order, numbered from the first row read', () => {
    const finder = rowFinder(rows, 5, layout, STUDENT);
    expect(finder.claim(a, '')).toBe(5);
    expect(finder.claim(a, '')).toBe(7);
    expect(finder.claim(a, '')).toBeNull();
  });

  it('claims a row only with the Status it had when read', () => {
    const finder = rowFinder(rows, 1, layout, STUDENT);
    expect(finder.claim(b, '')).toBeNull();
    expect(finder.claim(b, 'OK')).toBe(2);
  });

  it('counts the pending rows nothing claimed, leaving out requests this run does not perform', () => {
    const finder = rowFinder(rows, 1, layout, STUDENT);
    expect(finder.unclaimedPending()).toBe(2);
    finder.claim(a, '');
    expect(finder.unclaimedPending()).toBe(1);
    const withdrawals = [row('111', 'c@x.org', '', 'WITHDRAW'), row('111', 'd@x.org')];
    const invitesOnly = rowFinder(withdrawals, 1, layout, {
      ...STUDENT,
      performs: (request) => request.action === 'INVITE',
    });
    expect(invitesOnly.unclaimedPending()).toBe(1);
  });
});
