/**
 * The "Who accepted" panel: Refresh acceptance and its Stop, the progress by courses, and the report
 * of what the calls found. It owns the acceptance loop's state; the page only learns whether it runs
 * (ui.acceptRun). Must never start the loop while a send or another sheet change runs.
 */
import { runAcceptanceLoop, type AcceptanceLoopSummary } from './acceptance-loop';
import { runStateAfter } from './call-loop';
import { showProgress } from './dom';
import type { Locale } from '../i18n';
import { t } from '../i18n';
import { PAGE_ELEMENTS } from './page-elements';
import { acceptanceActionGroups, type RowActionGroup } from './row-actions-view';
import type { Page, Panel } from './page';
import { acceptanceProgressView, acceptanceView, type AcceptanceView } from './who-accepted-view';

export function createAcceptancePanel(page: Page): Panel {
  const { dom, ui } = page;
  const el = dom.elements(PAGE_ELEMENTS.acceptance);
  const progressArea = { area: el.area, bar: el.progress, text: el.progressText };
  const own = { stopRequested: false, summary: null as AcceptanceLoopSummary | null };
  /** What was drawn last, so a redraw that changes nothing keeps the lists (their scroll, the focus). */
  let drawn: { summary: AcceptanceLoopSummary; locale: Locale } | null = null;

  /** A list of rows, and under it the actions that fit them (re-invite, withdraw). */
  function rowList(
    parts: Node[],
    id: string,
    heading: string,
    lines: AcceptanceView['pending'],
    actions: RowActionGroup | null,
  ): void {
    if (lines.length === 0) return;
    const items = lines.map((line) => {
      const item = dom.element('li', line.text);
      item.dataset.row = String(line.row);
      return item;
    });
    parts.push(...dom.scrollingList(id, heading, items));
    if (actions) parts.push(page.rowActionButtons(actions));
  }

  function renderReport(summary: AcceptanceLoopSummary): void {
    const view = acceptanceView(ui.locale, summary);
    const parts: Node[] = [dom.element('p', view.totals)];
    const states = dom.element('ul');
    states.id = 'accept-states';
    for (const state of view.states) {
      const item = dom.element('li');
      item.dataset.state = state.state;
      item.append(dom.element('strong', state.summary), dom.element('p', state.explanation, 'explain'));
      states.append(item);
    }
    parts.push(states);
    const actions = acceptanceActionGroups(summary.pendingRows, summary.goneRows);
    const pendingHeading = t(ui.locale, 'whoAccepted.pendingHeading');
    rowList(parts, 'accept-pending-heading', pendingHeading, view.pending, actions.pending);
    rowList(parts, 'accept-gone-heading', t(ui.locale, 'whoAccepted.goneHeading'), view.gone, actions.gone);
    if (view.truncatedNote) parts.push(dom.element('p', view.truncatedNote, 'hint'));
    if (view.rowsChangedNote) parts.push(dom.element('p', view.rowsChangedNote));
    if (view.courseProblems.length > 0) {
      parts.push(dom.element('h3', t(ui.locale, 'whoAccepted.courseProblemsHeading')));
      parts.push(dom.textList(view.courseProblems, 'accept-problems'));
    }
    el.report.replaceChildren(...parts);
  }

  function render(): void {
    el.app.dataset.acceptance = ui.acceptRun;
    showProgress(progressArea, ui.acceptRun, acceptanceProgressView(ui.locale, own.summary));
    dom.setAvailable(el.refresh, !page.sheetBusy());
    el.stop.hidden = ui.acceptRun !== 'running';
    dom.setAvailable(el.stop, ui.acceptRun === 'running' && !own.stopRequested);
    const summary = own.summary;
    if (!summary || summary.calls === 0) {
      drawn = null;
      el.report.replaceChildren();
      return;
    }
    if (drawn && drawn.summary === summary && drawn.locale === ui.locale) return;
    drawn = { summary, locale: ui.locale };
    renderReport(summary);
  }

  /**
   * The same pattern as the send loop. #status says "Checking…", then the courses checked after each
   * call, "Stopping…", and how it ended; the report below grows call by call.
   */
  async function start(): Promise<void> {
    if (page.sheetBusy()) return;
    ui.acceptRun = 'running';
    own.stopRequested = false;
    own.summary = null;
    ui.error = null;
    ui.status = { key: 'whoAccepted.working' };
    page.render();
    const summary = await runAcceptanceLoop({
      call: (afterCourse) =>
        page.call(
          'refreshAcceptance',
          afterCourse === '' ? page.target() : { ...page.target(), afterCourse },
        ),
      shouldStop: () => own.stopRequested,
      onProgress: (progress) => {
        own.summary = progress;
        if (!own.stopRequested) ui.status = { acceptProgress: progress };
        page.renderMessages();
        render();
      },
    });
    ui.acceptRun = runStateAfter(summary.end);
    own.stopRequested = false;
    own.summary = summary;
    // The Accepted column may have just been added: the column list changes (loopEnded reads it).
    await page.loopEnded(summary, { acceptLoop: summary }, el.refresh);
  }

  function requestStop(): void {
    if (ui.acceptRun !== 'running' || own.stopRequested) return;
    own.stopRequested = true;
    ui.status = { key: 'whoAccepted.stopping' };
    page.render();
  }

  dom.onPress(el.refresh, () => void start());
  dom.onPress(el.stop, requestStop);
  return { render };
}
