/**
 * The check panel: "Check roster" (a roster check that reads the sheet only) and "Check against Classroom"
 * (the live check, which also reads each course). Writes nothing; never runs while a loop holds the
 * sheet. A roster check's report follows the language (it is made again); a live check's sentences stay
 * in the language it was made in, because it reads every course.
 */
import type { CheckReport } from '../contracts/check-report';
import type { LiveCheck } from '../contracts/live-check-report';
import { t, tn, type Locale } from '../i18n';
import { liveView } from './live-check-view';
import { liveActionGroups } from './row-actions-view';
import { PAGE_ELEMENTS } from './page-elements';
import type { Page, Panel } from './page';
import { checkView } from './check-view';

export interface CheckPanel extends Panel {
  /** Makes a roster-check report on screen again when it is in another language than the page. */
  redoInLocale(): void;
  /** The add-on changed the sheet (a send ended, rows were re-queued, Action cells were set): the report on screen says so. */
  sheetChanged(): void;
}

export function createCheckPanel(page: Page): CheckPanel {
  const { dom, ui } = page;
  const el = dom.elements(PAGE_ELEMENTS.check);
  const own = {
    report: null as CheckReport | null,
    /** The check on screen was made with `live: true` (a language change redoes it the same way). */
    live: false,
    /** The language the report on screen was made in. */
    locale: null as Locale | null,
    /** The sheet changed since (a send, a retry): the report may no longer be true. */
    stale: false,
  };
  let drawnLive: { live: LiveCheck; locale: Locale } | null = null;

  function renderCheck(): void {
    if (!own.report) {
      el.report.replaceChildren();
      return;
    }
    const view = checkView(ui.locale, own.report);
    const parts: Node[] = [dom.element('p', view.message)];
    if (own.stale) parts.unshift(dom.element('p', t(ui.locale, 'check.stale'), 'flag'));
    if (view.totals.length > 0) {
      parts.push(dom.textList(view.totals));
    }
    if (view.problems.length > 0) {
      parts.push(dom.element('h3', t(ui.locale, 'sidebar.problemsHeading')));
      const list = dom.element('ul');
      for (const problem of view.problems) {
        const item = dom.element('li');
        item.dataset.row = String(problem.row);
        item.dataset.code = problem.code;
        item.append(
          dom.element('strong', problem.heading),
          dom.element('br'),
          dom.doc.createTextNode(problem.details),
        );
        list.append(item);
      }
      parts.push(list);
    }
    if (view.truncatedNote) parts.push(dom.element('p', view.truncatedNote, 'hint'));
    // A live check lists its courses in full below (state, members, invitations): not twice.
    if (view.courses.length > 0 && !own.report.live) {
      parts.push(dom.element('h3', t(ui.locale, 'sidebar.coursesHeading')));
      parts.push(dom.textList(view.courses));
    }
    el.report.replaceChildren(...parts);
  }

  function courseCards(courses: ReturnType<typeof liveView>['courses']): HTMLUListElement {
    const cards = dom.element('ul', undefined, 'cards');
    cards.id = 'live-courses';
    for (const course of courses) {
      const card = dom.element(
        'li',
        undefined,
        course.problem ? 'problem' : course.flagged ? 'flagged' : undefined,
      );
      card.dataset.course = course.course;
      card.append(dom.element('strong', course.title));
      if (course.state) card.append(dom.element('p', course.state, course.flagged ? 'flag' : undefined));
      for (const line of course.lines) card.append(dom.element('p', line));
      if (course.problem) card.append(dom.element('p', course.problem, 'flag'));
      cards.append(card);
    }
    return cards;
  }

  function renderLive(): void {
    const live = own.report?.live ?? null;
    if (!live) {
      drawnLive = null;
      el.liveReport.replaceChildren();
      return;
    }
    // A redraw that changes nothing keeps the lists (their scroll, the focus).
    if (drawnLive && drawnLive.live === live && drawnLive.locale === ui.locale) return;
    drawnLive = { live, locale: ui.locale };
    const view = liveView(ui.locale, live);
    const parts: Node[] = [
      dom.element('h3', t(ui.locale, 'liveCheck.heading')),
      dom.element('p', view.note, 'hint'),
    ];
    if (view.incompleteNote) parts.push(dom.element('p', view.incompleteNote, 'flag'));
    parts.push(dom.element('p', view.dailyRemaining));
    if (view.totals.length > 0) {
      parts.push(dom.textList(view.totals, 'live-totals'));
    }
    if (view.courses.length > 0) {
      parts.push(dom.element('h3', t(ui.locale, 'liveCheck.coursesHeading')), courseCards(view.courses));
    }
    if (view.rows.length > 0) {
      const items = view.rows.map((row) => {
        const item = dom.itemLines(row.heading, [row.who, row.details]);
        item.dataset.row = String(row.row);
        item.dataset.prediction = row.prediction;
        return item;
      });
      parts.push(...dom.scrollingList('live-rows-heading', t(ui.locale, 'liveCheck.rowsHeading'), items));
      // Rows already invited can be re-invited or withdrawn from here (row-actions-view.ts).
      for (const group of liveActionGroups(live)) {
        parts.push(dom.element('h3', tn(ui.locale, 'rowActions.invitedHeading', group.rows.length)));
        parts.push(page.rowActionButtons(group));
      }
    }
    if (view.noRowsNote) parts.push(dom.element('p', view.noRowsNote));
    if (view.truncatedNote) parts.push(dom.element('p', view.truncatedNote, 'hint'));
    el.liveReport.replaceChildren(...parts);
  }

  function render(): void {
    renderCheck();
    renderLive();
    const available = !page.loopRunning() && !page.isBusy('check');
    dom.setAvailable(el.check, available);
    dom.setAvailable(el.checkLive, available);
  }

  /**
   * `announce`: the check's sentence becomes the status line. A check only redone in a new language
   * replaces it there only if the status line still shows the old check's sentence.
   */
  async function runCheck(announce = true, live = false): Promise<void> {
    if (page.loopRunning() || page.isBusy('check')) return;
    const locale = ui.locale;
    const report = await page.withBusy(
      'check',
      () => page.call('checkRoster', live ? { ...page.target(), live: true } : page.target()),
      !announce,
    );
    if (report === null) return;
    const shown = ui.status !== null && 'text' in ui.status && ui.status.text === own.report?.message;
    own.report = report;
    own.live = live;
    own.locale = locale;
    own.stale = false;
    if (announce || shown) ui.status = { text: report.message };
    // The report is what the admin asked for: its section opens to show it.
    if (announce) el.section.open = true;
    page.render();
    // The language changed while the roster check ran: its sentences are in the old one.
    if (ui.locale !== locale && !live) void runCheck(announce);
  }

  function redoInLocale(): void {
    // A check against Classroom is not run again for a language: it reads every course; its labels
    // follow, its sentences stay as they were.
    if (own.report && !own.live && own.locale !== ui.locale && !page.isBusy('check')) void runCheck(false);
  }

  function sheetChanged(): void {
    if (!own.report) return;
    own.stale = true;
    renderCheck();
  }

  dom.onPress(el.check, () => void runCheck());
  dom.onPress(el.checkLive, () => void runCheck(true, true));
  return { render, redoInLocale, sheetChanged };
}
