import fc from 'fast-check';
import type { HeaderLayout } from '../../../src/core/roster/roster-model';
import {
  findHeader,
  HEADER_ALIASES,
  normalizeHeader,
  planOutputColumns,
} from '../../../src/core/roster/roster-header';

describe('normalizeHeader', () => {
  it('lower-cases and drops spaces, underscores and hyphens', () => {
    expect(normalizeHeader(' Course_ID ')).toBe('courseid');
    expect(normalizeHeader('E-Mail Address')).toBe('emailaddress');
  });

  it('drops non-breaking and full-width spaces and folds full-width letters', () => {
    expect(normalizeHeader('Course\u00A0ID')).toBe('courseid');
    expect(normalizeHeader('课程\u3000ＩＤ')).toBe('课程id');
  });
});

describe('findHeader', () => {
  it('finds the header in row 1', () => {
    expect(findHeader([['Course ID', 'Email', 'Role']])).toEqual({
      headerRowIndex: 0,
      columns: { course: 0, user: 1, role: 2 },
    });
  });

  it('finds the header in row 4 under title rows', () => {
    const grid = [
      ['Spring roster', '', ''],
      ['Course ID only here', '', ''],
      ['', '', ''],
      ['Name', 'Course', 'Email', 'Status'],
      ['Ann', '123', 'ann@example.com', ''],
    ];
    expect(findHeader(grid)).toEqual({ headerRowIndex: 3, columns: { course: 1, user: 2, status: 3 } });
  });

  it('needs both a course and a user column in the same row', () => {
    expect(findHeader([['Course'], ['Email']])).toBeNull();
  });

  it('returns null when the header is not within the first 10 rows', () => {
    const grid: unknown[][] = Array.from({ length: 10 }, () => ['note']);
    grid.push(['Course', 'Email']);
    expect(findHeader(grid)).toBeNull();
    expect(findHeader(grid.slice(1))).toEqual({ headerRowIndex: 9, columns: { course: 0, user: 1 } });
  });

  it('returns null for an empty sheet', () => {
    expect(findHeader([])).toBeNull();
  });

  it.each([
    ['Course ID', 'Email'],
    ['Course', 'E-mail'],
    ['Course Alias', 'Email Address'],
    ['courseId', 'userId'],
    ['Class ID', 'User ID'],
    ['Course', 'User'],
    ['Course', 'Student Email'],
    ['Course', 'Teacher Email'],
    ['课程', '邮箱'],
    ['课程 ID', '电子邮件'],
    ['课程ID', '用户'],
    ['课程', '用户 ID'],
  ])('recognises %s / %s', (course, user) => {
    expect(findHeader([[course, user]])?.columns).toEqual({ course: 0, user: 1 });
  });

  it('recognises every optional and output column in English and Chinese', () => {
    const english = [
      'Course',
      'Email',
      'Role',
      'Action',
      'Status',
      'Reason',
      'Invitation ID',
      'Details',
      'Updated',
      'Accepted',
    ];
    const chinese = ['课程', '邮箱', '角色', '操作', '状态', '原因', '邀请 ID', '详情', '更新时间', '已接受'];
    const expected = {
      course: 0,
      user: 1,
      role: 2,
      action: 3,
      status: 4,
      reason: 5,
      invitationId: 6,
      details: 7,
      updated: 8,
      accepted: 9,
    };
    expect(findHeader([english])?.columns).toEqual(expected);
    expect(findHeader([chinese])?.columns).toEqual(expected);
    expect(findHeader([['course', 'email', 'invitationId']])?.columns.invitationId).toBe(2);
  });

  it('matches regardless of case, spaces, underscores and hyphens', () => {
    expect(findHeader([['  COURSE_id ', 'e_MAIL', 'r o l e', 'Invitation-Id']])?.columns).toEqual({
      course: 0,
      user: 1,
      role: 2,
      invitationId: 3,
    });
  });

  it('keeps the first matching column for each key', () => {
    expect(findHeader([['Course', 'Course ID', 'Email', 'User ID', 'Status', '状态']])?.columns).toEqual({
      course: 0,
      user: 2,
      status: 4,
    });
  });

  it('ignores header cells that are not strings', () => {
    expect(findHeader([[42, 'Course', true, null, new Date(0), 'Email']])?.columns).toEqual({
      course: 1,
      user: 5,
    });
  });

  it('lists no alias under two keys', () => {
    const seen = new Map<string, string>();
    for (const [key, aliases] of Object.entries(HEADER_ALIASES)) {
      for (const alias of aliases) {
        expect(seen.get(normalizeHeader(alias)) ?? key).toBe(key);
        seen.set(normalizeHeader(alias), key);
      }
    }
  });

  it('never throws on arbitrary grids', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.oneof(fc.anything(), fc.constantFrom('Course', 'Email', '角色')))),
        (grid) => {
          const layout = findHeader(grid);
          if (layout !== null) {
            expect(layout.headerRowIndex).toBeLessThan(10);
            expect(typeof layout.columns.course).toBe('number');
            expect(typeof layout.columns.user).toBe('number');
          }
        },
      ),
    );
    fc.assert(fc.property(fc.anything(), (grid) => void findHeader(grid as unknown[][])));
  });
});

describe('planOutputColumns', () => {
  it('appends every output column after the last used column when none is found', () => {
    const { layout, newHeaders } = planOutputColumns(
      { headerRowIndex: 2, columns: { course: 0, user: 1 } },
      4,
    );
    expect(newHeaders).toEqual([
      { column: 4, key: 'status' },
      { column: 5, key: 'reason' },
      { column: 6, key: 'invitationId' },
      { column: 7, key: 'details' },
      { column: 8, key: 'updated' },
    ]);
    expect(layout).toEqual({
      headerRowIndex: 2,
      columns: { course: 0, user: 1, status: 4, reason: 5, invitationId: 6, details: 7, updated: 8 },
    });
  });

  it('keeps found output columns and appends only the missing ones, in order', () => {
    const header: HeaderLayout = {
      headerRowIndex: 0,
      columns: { course: 0, user: 1, reason: 2, status: 5, accepted: 3 },
    };
    const { layout, newHeaders } = planOutputColumns(header, 7);
    expect(newHeaders).toEqual([
      { column: 7, key: 'invitationId' },
      { column: 8, key: 'details' },
      { column: 9, key: 'updated' },
    ]);
    expect(layout.columns).toEqual({
      course: 0,
      user: 1,
      reason: 2,
      accepted: 3,
      status: 5,
      invitationId: 7,
      details: 8,
      updated: 9,
    });
  });

  it('writes no header when all output columns exist', () => {
    const columns = { course: 0, user: 1, status: 2, reason: 3, invitationId: 4, details: 5, updated: 6 };
    expect(planOutputColumns({ headerRowIndex: 0, columns }, 7)).toEqual({
      layout: { headerRowIndex: 0, columns },
      newHeaders: [],
    });
  });

  it('never places an output column on a column the layout already uses', () => {
    const { newHeaders } = planOutputColumns({ headerRowIndex: 0, columns: { course: 0, user: 5 } }, 2);
    expect(newHeaders[0]).toEqual({ column: 6, key: 'status' });
  });

  it('rejects a layout without a course or user column', () => {
    expect(() => planOutputColumns({ headerRowIndex: 0, columns: { course: 0 } }, 1)).toThrow(
      /course or user/,
    );
  });
});
