/**
 * The live check's courses: how each course text of the roster was seen (read, could not be read,
 * not reached in time), and one card per course — a course named by its id on some rows and by an
 * alias on others is one course, read once and shown once, with the alias on the card. Pure.
 */
import { explainOutcome, t, type Locale } from '../../i18n';
import type { ClassifiedError } from '../platform/classify-error';
import { readCourse, type CourseReadCalls, type CourseSnapshot } from '../platform/course-read';
import type { RetryPolicy } from '../platform/call-retry';
import type { Clock, CourseInfo, InvitationApi } from '../platform/ports';
import { assertNever, type OutcomeCode } from '../roster/outcome';
import type { CoursePrediction } from '../../contracts/live-check-report';

/** One course text as the live check sees it. */
export type CourseView =
  | { kind: 'read'; snapshot: CourseSnapshot }
  | { kind: 'problem'; code: OutcomeCode; reason: string; details: string }
  | { kind: 'unread' };

export function problemView(locale: Locale, error: ClassifiedError): CourseView {
  return {
    kind: 'problem',
    code: error.code,
    reason: error.reason,
    details: t(locale, 'liveCheck.finding.CourseUnreadable', {
      code: error.code,
      explanation: explainOutcome(locale, error.code, error.reason),
    })
      .replace(/\s+/g, ' ')
      .trim(),
  };
}

/** What the roster check learnt of an alias: the course, or why it could not be read. */
export type ResolvedAlias = { info: CourseInfo } | { error: ClassifiedError };

/** How each course text of the rows was seen, and each course read (by id). */
export interface CourseReads {
  views: Map<string, CourseView>;
  byId: Map<string, CourseSnapshot>;
  /** False when time ran out before every course was read. */
  complete: boolean;
}

/**
 * Reads each distinct course of the rows once, in order of first appearance: an alias the roster
 * check resolved is not read again, two texts of one course id share one read, and after a failure
 * that stops every call (API off, 401) or the end of the time budget no further course is read.
 */
export function readCourses(
  deps: { api: InvitationApi; clock: Clock },
  rows: readonly { course: string; courseIsAlias: boolean }[],
  aliases: ReadonlyMap<string, ResolvedAlias>,
  options: { locale: Locale; policy: RetryPolicy; calls: CourseReadCalls },
): CourseReads {
  const reads: CourseReads = { views: new Map(), byId: new Map(), complete: true };
  const { views, byId } = reads;
  let runStop: ClassifiedError | null = null;
  for (const row of rows) {
    if (views.has(row.course)) continue;
    if (!reads.complete) {
      views.set(row.course, { kind: 'unread' });
      continue;
    }
    let known: CourseInfo | undefined;
    if (row.courseIsAlias) {
      const alias = aliases.get(row.course);
      if (alias && 'error' in alias) {
        views.set(row.course, problemView(options.locale, alias.error));
        continue;
      }
      known = alias?.info;
    }
    const same = byId.get(known?.id ?? row.course);
    if (same) {
      views.set(row.course, { kind: 'read', snapshot: same });
      continue;
    }
    // Access lost for the whole account (API off, 401): every course would fail alike; no more calls.
    if (runStop) {
      views.set(row.course, problemView(options.locale, runStop));
      continue;
    }
    const read = readCourse(
      deps.api,
      deps.clock,
      options.policy,
      {
        course: row.course,
        isAlias: row.courseIsAlias,
        known,
        parts: { courses: true, invitations: true, students: true, teachers: true },
      },
      options.calls,
    );
    if (read.kind === 'outOfTime') {
      reads.complete = false;
      views.set(row.course, { kind: 'unread' });
    } else if (read.kind === 'failed') {
      if (read.error.disposition === 'stopRun') runStop = read.error;
      views.set(row.course, problemView(options.locale, read.error));
    } else {
      byId.set(read.snapshot.id, read.snapshot);
      views.set(row.course, { kind: 'read', snapshot: read.snapshot });
    }
  }
  return reads;
}

/**
 * One card per course: texts read as the same course id share a card (shown by the first alias a
 * row uses, else the id); a text that could not be read has a card of its own.
 */
export class CourseCards {
  private readonly cards = new Map<string, CoursePrediction>();
  private readonly byText = new Map<string, CoursePrediction>();

  constructor(views: ReadonlyMap<string, CourseView>) {
    for (const [text, view] of views) {
      const key = view.kind === 'read' ? `id:${view.snapshot.id}` : `text:${text}`;
      let card = this.cards.get(key);
      if (!card) {
        card = cardOf(text, view);
        this.cards.set(key, card);
      } else if (!card.names?.includes(text)) {
        card.names = [...(card.names ?? []), text];
        // The alias is what the admin wrote and recognises: it names the card.
        if (!/^[0-9]+$/.test(text) && /^[0-9]+$/.test(card.course)) card.course = text;
      }
      this.byText.set(text, card);
    }
  }

  /** The card of a course text. */
  of(text: string): CoursePrediction | undefined {
    return this.byText.get(text);
  }

  list(): CoursePrediction[] {
    return [...this.cards.values()];
  }
}

function cardOf(course: string, view: CourseView): CoursePrediction {
  const base: CoursePrediction = {
    course,
    names: [course],
    id: '',
    name: '',
    state: '',
    flagged: false,
    students: 0,
    teachers: 0,
    pendingInvitations: 0,
    counts: {},
    problem: null,
    read: false,
  };
  switch (view.kind) {
    case 'read': {
      const { snapshot } = view;
      const state = snapshot.state;
      return {
        ...base,
        id: snapshot.id,
        name: snapshot.info?.name ?? '',
        state,
        flagged: state === 'ARCHIVED' || state === 'PROVISIONED',
        students: snapshot.students.length,
        teachers: snapshot.teachers.length,
        pendingInvitations: snapshot.invitations.length,
        read: true,
      };
    }
    case 'problem':
      return { ...base, problem: { code: view.code, reason: view.reason, details: view.details } };
    case 'unread':
      return base;
    default:
      return assertNever(view);
  }
}
