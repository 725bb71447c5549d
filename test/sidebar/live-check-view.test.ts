import {
  PREDICTIONS,
  type CoursePrediction,
  type LiveCheck,
  type RowPrediction,
} from '../../src/contracts/live-check-report';
import { t, type Locale } from '../../src/i18n';
import { liveView, predictionLabel } from '../../src/sidebar/live-check-view';

const LOCALES: readonly Locale[] = ['en', 'zh-CN'];
const HOSTILE = '<img src=x onerror=alert(1)>';

function course(overrides: Partial<CoursePrediction>): CoursePrediction {
  return {
    course: 'math-101',
    id: '123456',
    name: 'Math 101',
    state: 'ACTIVE',
    flagged: false,
    students: 25,
    teachers: 2,
    pendingInvitations: 3,
    counts: { WOULD_INVITE: 4 },
    problem: null,
    read: true,
    ...overrides,
  };
}

function prediction(overrides: Partial<RowPrediction>): RowPrediction {
  return {
    row: 2,
    course: 'math-101',
    user: 'ann@school.org',
    role: 'STUDENT',
    action: 'INVITE',
    prediction: 'WOULD_INVITE',
    reason: '',
    code: null,
    details: '',
    ...overrides,
  };
}

function live(overrides: Partial<LiveCheck> = {}): LiveCheck {
  const counts = Object.fromEntries(PREDICTIONS.map((p) => [p, 0])) as LiveCheck['counts'];
  return {
    rows: [
      prediction({ row: 2 }),
      prediction({
        row: 3,
        prediction: 'WOULD_FAIL',
        reason: 'CourseArchived',
        details: 'The course is archived: restore it first.',
      }),
      prediction({ row: 4, prediction: 'ALREADY_MEMBER' }),
      prediction({ row: 5, prediction: 'WOULD_REINVITE', action: 'REINVITE', user: HOSTILE }),
    ],
    rowsTruncated: false,
    courses: [
      course({}),
      course({
        course: 'art',
        id: '999',
        name: HOSTILE,
        state: 'ARCHIVED',
        flagged: true,
        counts: { WOULD_FAIL: 1 },
      }),
      course({ course: 'new', id: '777', name: 'New', state: 'PROVISIONED', flagged: true }),
      course({
        course: 'gone',
        id: '',
        name: '',
        state: '',
        problem: { code: 'NOT_FOUND', reason: '', details: 'No such course.' },
        counts: { WOULD_FAIL: 2 },
        read: false,
      }),
      course({ course: 'late', id: 'late', name: '', state: '', read: false, counts: {} }),
    ],
    counts: { ...counts, WOULD_INVITE: 1, WOULD_FAIL: 1, ALREADY_MEMBER: 1, WOULD_REINVITE: 1 },
    dailyRemaining: 380,
    calls: { courses: 4, invitations: 4, students: 4, teachers: 4 },
    complete: true,
    ...overrides,
  };
}

describe('liveView', () => {
  it('counts rows per prediction, leaving out those with none', () => {
    expect(liveView('en', live()).totals).toEqual([
      'Would be invited: 1',
      'Already a member: 1',
      'Would be re-invited: 1',
      'Would fail: 1',
    ]);
    expect(liveView('zh-CN', live()).totals[3]).toBe('将会失败：1');
  });

  it('lists only the rows that would not simply be invited, with their details', () => {
    const rows = liveView('en', live()).rows;
    expect(rows.map((r) => r.row)).toEqual([3, 4, 5]);
    expect(rows[0]).toEqual({
      row: 3,
      prediction: 'WOULD_FAIL',
      heading: 'Row 3 · Would fail',
      who: 'ann@school.org · math-101 · STUDENT',
      details: 'The course is archived: restore it first.',
    });
    // Without details from the server, the prediction's own explanation.
    expect(rows[1]?.details).toBe(t('en', 'liveCheck.predictExplain.ALREADY_MEMBER'));
    expect(rows[2]?.who).toBe(`${HOSTILE} · math-101 · STUDENT`);
  });

  it('lists invitations that come with a warning (class not active yet, may not be able to join)', () => {
    const warned = live();
    warned.rows = [
      ...warned.rows,
      {
        row: 9,
        course: 'math-101',
        user: 'full@school.org',
        role: 'STUDENT',
        action: 'INVITE',
        prediction: 'WOULD_INVITE',
        reason: 'MayNotJoinClassFull',
        code: null,
        details: 'The class is full.',
      },
    ];
    const rows = liveView('en', warned).rows;
    expect(rows.map((r) => r.row)).toEqual([3, 4, 5, 9]);
    expect(rows[3]?.details).toBe('The class is full.');
  });

  it('flags ARCHIVED and PROVISIONED courses in words, and shows members and pending invitations', () => {
    const courses = liveView('en', live()).courses;
    expect(courses[0]).toEqual({
      course: 'math-101',
      title: 'Math 101 (123456)',
      state: 'State: active',
      flagged: false,
      lines: ['Members: 25 students, 2 teachers; pending invitations: 3', 'Roster rows: Would be invited 4'],
      problem: '',
    });
    expect(courses[1]?.flagged).toBe(true);
    expect(courses[1]?.title).toBe(`${HOSTILE} (999)`);
    expect(courses[1]?.state).toContain('ARCHIVED (flagged)');
    expect(courses[2]?.state).toContain('PROVISIONED (flagged)');
    expect(liveView('zh-CN', live()).courses[1]?.state).toContain('已归档（已标记）');
  });

  it('shows a course that could not be read with its problem instead of counts of members', () => {
    const unread = liveView('en', live()).courses[3];
    expect(unread?.title).toBe('gone');
    expect(unread?.problem).toBe(
      t('en', 'sidebar.courseProblem', {
        course: 'gone',
        code: 'NOT_FOUND',
        label: t('en', 'label.NOT_FOUND'),
        details: 'No such course.',
      }),
    );
    expect(unread?.lines).toEqual(['Roster rows: Would fail 2']);
  });

  it('says a course was not read when time ran out before it', () => {
    const late = liveView('en', live({ complete: false })).courses[4];
    expect(late).toMatchObject({ title: 'late', lines: [], problem: t('en', 'liveCheck.courseNotRead') });
  });

  it('always says nothing was written; says when time ran out or the list was cut', () => {
    const view = liveView('en', live());
    expect(view.note).toBe(t('en', 'liveCheck.nothingWritten'));
    expect(view.incompleteNote).toBe('');
    expect(view.truncatedNote).toBe('');
    expect(view.dailyRemaining).toBe('You may still send about 380 invitations today.');
    const partial = liveView('en', live({ complete: false, rowsTruncated: true }));
    expect(partial.incompleteNote).toBe(t('en', 'liveCheck.incomplete'));
    expect(partial.truncatedNote).toBe(
      'Only the first 4 pending rows were looked at for this list; the totals above count every row. Fix these, then check again to see the rest.',
    );
  });

  it('says so when every row would simply be invited', () => {
    const view = liveView('en', live({ rows: [prediction({})] }));
    expect(view.rows).toEqual([]);
    expect(view.noRowsNote).toBe(t('en', 'liveCheck.noRows'));
  });

  it('says there was nothing to predict, not that every row would be invited, when no row is pending', () => {
    for (const locale of LOCALES) {
      const view = liveView(locale, live({ rows: [] }));
      expect(view.noRowsNote).toBe(t(locale, 'liveCheck.nothingPending'));
      expect(view.noRowsNote).not.toBe(t(locale, 'liveCheck.noRows'));
    }
  });

  it.each(LOCALES)('has a label for every prediction (%s)', (locale) => {
    for (const p of PREDICTIONS) expect(predictionLabel(locale, p)).not.toBe('');
  });
});

describe('liveView: one card per course', () => {
  it('shows the alias the roster uses on the course card, and nothing extra for a course named by its id', () => {
    for (const locale of LOCALES) {
      const view = liveView(
        locale,
        live({
          courses: [
            course({ course: 'd:math', id: '123456', names: ['123456', 'd:math'] }),
            course({ course: '777', id: '777', names: ['777'] }),
          ],
        }),
      );
      expect(view.courses[0]?.lines[0]).toBe(t(locale, 'liveCheck.courseNames', { names: '123456, d:math' }));
      expect(view.courses[1]?.lines.join(' ')).not.toContain(
        t(locale, 'liveCheck.courseNames', { names: '777' }),
      );
    }
  });
});
