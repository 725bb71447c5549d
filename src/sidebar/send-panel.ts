/**
 * The send panel: Send and Stop, the withdrawal confirmation a send may ask first, the progress of
 * the running loop, the summary once it ended and the daily limit. It owns the send loop's state;
 * the page only learns whether a loop runs (ui.run). Must never start a second loop while one runs.
 */
import {
  needsConfirmation,
  pendingWithdrawals,
  withdrawPeople,
  withdrawQuestion,
  sendActionLines,
} from './withdrawal-view';
import type { SetActionsReport } from '../contracts/row-actions';
import { actionsCancelledMessage } from './row-actions-view';
import { ignoreRepeatedKeys, setText, showProgress } from './dom';
import { PAGE_ELEMENTS } from './page-elements';
import type { Page, Panel, SendOrigin } from './page';
import { continuesAfter, runSendLoop, type SendLoopSummary, type SendProgress } from './send-loop';
import { runStateAfter } from './call-loop';
import { capWarningView, nextStepView } from './task-view';
import { codeItems, dailyCapLines, progressView, runSummary } from './view-model';

/**
 * How often, at most, a running send reads the roster's state again. A sidebar call runs for a short
 * time slice (about 25 s, decided by the server), so in Apps Script this is about once per call.
 */
export const ROSTER_REREAD_MS = 20_000;

export interface SendPanel extends Panel {
  /** Send pressed (or the menu's Send autostarted). */
  requestSend(from: SendOrigin): void;
  /** The button the focus goes back to after a run. */
  button: HTMLButtonElement;
  /** After "Re-invite these" / "Withdraw these" set the Action cells: the usual confirmation. */
  confirmActions(report: SetActionsReport): void;
}

/**
 * Shows a question from its first line (focusing Cancel alone would scroll only Cancel into view,
 * leaving the question's opening above the fold of a 600 px sidebar) with the focus on Cancel; a
 * question taller than the window keeps Cancel in view.
 */
function showQuestion(box: HTMLElement, cancel: HTMLElement): void {
  box.scrollIntoView({ block: 'start' });
  cancel.focus({ preventScroll: true });
  const view = box.ownerDocument.defaultView;
  if (view && cancel.getBoundingClientRect().bottom > view.innerHeight)
    cancel.scrollIntoView({ block: 'nearest' });
}

/**
 * `menuToken`: the one-use token the menu's "Send invitations" baked into the page; the first send it
 * started passes it back, so the server records the run as started from the menu.
 */
export function createSendPanel(page: Page, menuToken: string): SendPanel {
  const { dom, ui } = page;
  const el = dom.elements(PAGE_ELEMENTS.send);
  const progressArea = { area: el.runArea, bar: el.progress, text: el.progressText };
  const own = {
    stopRequested: false,
    progress: null as SendProgress | null,
    loop: null as SendLoopSummary | null,
    /** A send waiting for the withdrawal confirmation, and how it was started; null: none open. */
    withdrawFrom: null as SendOrigin | null,
    /** The row actions just set, while their confirmation is open (Cancel says they stay set). */
    actionsSet: null as SetActionsReport | null,
    /** A send waiting for the answer to "more than today's limit", and how it was started. */
    capFrom: null as SendOrigin | null,
    /** When the roster's state was last read during this send (Date.now()). */
    stateReadAt: 0,
  };

  function renderRun(): void {
    el.app.dataset.run = ui.run;
    showProgress(progressArea, ui.run, progressView(ui.locale, own.progress));
    // Withdrawals are told apart (in the summary), not counted as invitations sent under OK.
    const progress = own.progress;
    const sent = progress
      ? { ...progress.counts, OK: Math.max(0, progress.counts.OK - progress.withdrawn) }
      : undefined;
    dom.renderCodeList(el.runCounts, codeItems(ui.locale, sent));
    if (own.loop && ui.run !== 'running') {
      const summary = runSummary(ui.locale, own.loop);
      dom.fillParagraphs(
        el.summary,
        [summary.message, summary.totals, ...sendActionLines(ui.locale, own.loop)].filter(
          (line) => line !== '',
        ),
      );
    } else {
      el.summary.replaceChildren();
    }
    renderNextSteps();
  }

  /** Every run ends with what to do next (the roster as read again after the run). */
  function renderNextSteps(): void {
    const loop = own.loop;
    const shown = loop !== null && (ui.run === 'done' || ui.run === 'stopped') && loop.last !== null;
    el.nextSteps.hidden = !shown;
    if (!shown || !loop) {
      el.nextLines.replaceChildren();
      return;
    }
    const view = nextStepView(ui.locale, loop, ui.state?.roster, ui.state?.schedule, page.formatTime);
    dom.fillList(el.nextLines, view.lines);
    el.showRows.hidden = view.needYou === 0;
    el.sendAgain.hidden = !view.offerSendAgain;
    el.turnOnSchedule.hidden = !view.offerSchedule;
    dom.setAvailable(el.showRows, !page.isBusy('select'));
    dom.setAvailable(el.sendAgain, !page.sheetBusy());
  }

  async function showRows(): Promise<void> {
    const report = await page.withBusy('select', () => page.call('selectRowsNeedingAction', page.target()));
    if (report === null) return;
    ui.status = { text: report.message };
    page.render();
  }

  function openSchedule(): void {
    dom.byId<HTMLDetailsElement>('schedule-section').open = true;
    dom.byId('schedule-every').focus();
  }

  function renderDailyCap(): void {
    const cap = ui.state?.dailyCap;
    dom.fillParagraphs(el.dailyCap, cap ? dailyCapLines(ui.locale, cap, page.formatTime) : []);
  }

  /**
   * The withdrawal confirmation: open while a send waits for it (and no loop runs). When it closes with
   * the focus inside, the focus goes back to Send (which keeps it, aria-disabled, while a send runs).
   */
  function renderWithdraw(): void {
    const question = withdrawQuestion(ui.locale, pendingWithdrawals(ui.state?.roster));
    // The rows to withdraw are gone (a refresh after an edit): there is nothing left to confirm.
    if (own.withdrawFrom !== null && (page.loopRunning() || question === '')) own.withdrawFrom = null;
    if (own.withdrawFrom === null && own.capFrom === null) own.actionsSet = null;
    const open = own.withdrawFrom !== null;
    if (!open && !el.withdrawConfirm.hidden && el.withdrawConfirm.contains(dom.doc.activeElement)) {
      el.withdrawConfirm.hidden = true;
      dom.focusButton(el.send);
    }
    el.withdrawConfirm.hidden = !open;
    setText(el.withdrawQuestion, open ? question : '');
    setText(el.withdrawPeople, open ? withdrawPeople(ui.locale, ui.state?.roster.pendingWithdrawals) : '');
    for (const button of [el.withdrawYes, el.withdrawInviteOnly]) dom.setAvailable(button, !page.sheetBusy());
  }

  function capView() {
    const state = ui.state;
    return capWarningView(ui.locale, state?.roster, state?.dailyCap, state?.schedule, page.formatTime);
  }

  /** The question before a send larger than today's limit; closing it with the focus inside: Send. */
  function renderCap(): void {
    const view = own.capFrom === null || page.loopRunning() ? null : capView();
    if (view === null) own.capFrom = null;
    if (view === null && !el.capConfirm.hidden && el.capConfirm.contains(dom.doc.activeElement)) {
      el.capConfirm.hidden = true;
      dom.focusButton(el.send);
    }
    el.capConfirm.hidden = view === null;
    dom.fillParagraphs(el.capLines, view ? view.lines : []);
    el.capSchedule.hidden = !view?.offerSchedule;
    dom.setAvailable(el.capSend, !page.sheetBusy());
  }

  function render(): void {
    renderRun();
    renderDailyCap();
    renderCap();
    renderWithdraw();
    // A retry holds the sheet's run lease for a moment: a send started meanwhile would only be told
    // "another run is already working". The same goes for a send during a refresh and back.
    dom.setAvailable(el.send, !page.sheetBusy());
    // Stop is there only while a send runs: a disabled Stop before anything happened says nothing.
    el.stop.hidden = ui.run !== 'running';
    dom.setAvailable(el.stop, ui.run === 'running' && !own.stopRequested);
  }

  /**
   * The one live line of a run is #status: "Working…", then the progress after each call (one
   * announcement per call, minutes apart), "Stopping…", and how it ended. The text next to the bar
   * says the same without being announced again.
   */
  async function startSend(from: SendOrigin, confirmWithdrawals: boolean): Promise<void> {
    if (page.sheetBusy()) return;
    own.withdrawFrom = null;
    ui.run = 'running';
    own.stopRequested = false;
    own.progress = null;
    own.loop = null;
    own.stateReadAt = Date.now();
    ui.error = null;
    ui.status = { key: 'sidebar.working' };
    page.render();
    // The server names the loop on its first call; every later call carries that id back, so the
    // history keeps one row per loop. The menu's token goes with the first call only (used up there).
    let runId = '';
    let token = from === 'menu' ? menuToken : '';
    menuToken = '';
    // The rows the admin saw and confirmed: the server withdraws only rows still asking for one of them.
    const confirmedRows = confirmWithdrawals ? (ui.state?.roster.pendingWithdrawals ?? []) : [];
    const summary = await runSendLoop({
      call: async () => {
        const report = await page.call('sendInvitations', {
          ...page.target(),
          ...(runId ? { runId } : {}),
          ...(token ? { menuToken: token } : {}),
          confirmWithdrawals,
          ...(confirmWithdrawals ? { confirmedRows } : {}),
        });
        token = '';
        if (typeof report.runId === 'string' && report.runId !== '') runId = report.runId;
        return report;
      },
      shouldStop: () => own.stopRequested,
      onProgress: (progress) => {
        own.progress = progress;
        // The roster's line would say what it said before the send until the send ends: read it again
        // between calls, at most every ROSTER_REREAD_MS (no Classroom call; the scan's block reads).
        if (
          !own.stopRequested &&
          continuesAfter(progress.last) &&
          Date.now() - own.stateReadAt >= ROSTER_REREAD_MS
        ) {
          own.stateReadAt = Date.now();
          void page.refreshStateQuietly();
        }
        // After Stop the line keeps saying "Stopping…" until the loop has ended.
        if (!own.stopRequested) ui.status = { progress };
        page.renderMessages();
        renderRun();
      },
    });
    own.loop = summary;
    if (summary.processed > 0) page.sheetChanged();
    ui.run = runStateAfter(summary.end);
    await page.loopEnded(summary, { loop: summary }, el.send);
  }

  /**
   * With WITHDRAW or REINVITE rows pending, the admin first confirms the withdrawals. The focus moves
   * to Cancel, never to the withdrawing choice: a held or doubled Enter on Send must not answer it.
   */
  function requestSend(from: SendOrigin): void {
    if (page.sheetBusy()) return;
    // More invitations than today's limit lets go: say so first (focus on Cancel, as for withdrawals).
    if (own.capFrom === null && capView() !== null) {
      own.capFrom = from;
      page.render();
      showQuestion(el.capConfirm, el.capCancel);
      return;
    }
    own.capFrom = null;
    requestAfterCap(from);
  }

  function requestAfterCap(from: SendOrigin): void {
    if (needsConfirmation(pendingWithdrawals(ui.state?.roster))) {
      own.withdrawFrom = from;
      page.render();
      showQuestion(el.withdrawConfirm, el.withdrawNo);
      return;
    }
    // Nothing to withdraw as far as the sidebar knows: a row turned WITHDRAW since the last refresh
    // is held back by the server (confirmWithdrawals false) and counted in the summary.
    void startSend(from, false);
  }

  function answerWithdraw(confirmWithdrawals: boolean): void {
    const from = own.withdrawFrom;
    if (from === null || page.sheetBusy()) return;
    // startSend closes the confirmation; renderWithdraw then moves the focus to Send.
    void startSend(from, confirmWithdrawals);
  }

  function answerCap(send: boolean): void {
    const from = own.capFrom;
    if (from === null) return;
    own.capFrom = null;
    if (send) {
      if (!page.sheetBusy()) requestAfterCap(from);
      return;
    }
    ui.status = own.actionsSet
      ? { text: actionsCancelledMessage(ui.locale, own.actionsSet) }
      : { key: 'cap.cancelled' };
    own.actionsSet = null;
    page.render();
    dom.focusButton(el.send);
  }

  /** The questions Send asks (today's limit when it applies, then the withdrawals), for rows just set. */
  function confirmActions(report: SetActionsReport): void {
    if (page.sheetBusy() || !needsConfirmation(pendingWithdrawals(ui.state?.roster))) return;
    own.actionsSet = report;
    own.capFrom = null;
    requestSend('sidebar');
  }

  function cancelWithdraw(): void {
    if (own.withdrawFrom === null) return;
    own.withdrawFrom = null;
    // Action cells just set stay set: say so, and that nothing was withdrawn.
    const set = own.actionsSet;
    own.actionsSet = null;
    ui.status = set
      ? { text: actionsCancelledMessage(ui.locale, set) }
      : { key: 'withdrawal.confirmCancelled' };
    page.render();
    dom.focusButton(el.send);
  }

  function requestStop(): void {
    if (ui.run !== 'running' || own.stopRequested) return;
    own.stopRequested = true;
    ui.status = { key: 'sidebar.stopping' };
    page.render();
  }

  dom.onPress(el.send, () => requestSend('sidebar'));
  dom.onPress(el.stop, requestStop);
  dom.onPress(el.withdrawYes, () => answerWithdraw(true));
  dom.onPress(el.withdrawInviteOnly, () => answerWithdraw(false));
  dom.onPress(el.withdrawNo, cancelWithdraw);
  dom.onPress(el.capSend, () => answerCap(true));
  dom.onPress(el.capCancel, () => answerCap(false));
  dom.onPress(el.capSchedule, () => {
    own.capFrom = null;
    page.render();
    openSchedule();
  });
  dom.onPress(el.showRows, () => void showRows());
  dom.onPress(el.sendAgain, () => requestSend('sidebar'));
  dom.onPress(el.turnOnSchedule, openSchedule);
  // Escape cancels the withdrawal question wherever the focus is (a click elsewhere moves it out).
  dom.doc.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && own.withdrawFrom !== null) {
      event.preventDefault();
      cancelWithdraw();
    } else if (event.key === 'Escape' && own.capFrom !== null) {
      event.preventDefault();
      answerCap(false);
    }
  });
  ignoreRepeatedKeys(el.withdrawConfirm);
  ignoreRepeatedKeys(el.capConfirm);

  return { render, requestSend, button: el.send, confirmActions };
}
