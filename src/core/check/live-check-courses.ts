/**
 * The live check's courses: how each course text of the roster was seen (read, could not be read,
 * not reached in time), and one card per course — a course named by its id on some rows and by an
 * alias on others is one course, read once and shown once, with the alias on the card. Pure.
 */
import { explainOutcome, t, type Locale } from '../../i18n';
import type { ClassifiedError } from '../platform/classify-error';
import type { CourseSnapshot } from '../platform/course-read';
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
