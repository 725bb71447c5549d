/**
 * The sidebar page: builds the page services every panel shares (page.ts), creates the panels on a
 * document, and starts. Thin on purpose: every decision and every text lives in the loops and the
 * view models (send-loop.ts, acceptance-loop.ts, view-model.ts, *-view.ts), which are unit tested,
 * and each panel draws only its own part. Text from the sheet or the API is only ever inserted with
 * textContent / text nodes, never as HTML.
 */
import type { SidebarState, SidebarTarget } from '../contracts/sidebar-state';
import { isLocale, isMessageKey, t } from '../i18n';
import { createAcceptancePanel } from './acceptance-panel';
import { browserZone, readBoot } from './boot';
import { formatMoment, intlZonedReader } from '../i18n/time';
import { createCheckPanel } from './check-panel';
import { createDom, releaseOnFocusOut, setText } from './dom';
import { PAGE_ELEMENTS } from './page-elements';
import type { Busy, Page, Panel, SharedState, StatusMessage } from './page';
import { createRetryPanel } from './retry-panel';
import { createRowActionsPanel } from './row-actions-panel';
import { createRosterPanel } from './roster-panel';
import { createSchedulePanel } from './schedule-panel';
import { createProtectionPanel } from './protection-panel';
import { createSendPanel } from './send-panel';
import { callServer } from './server-client';
import { createSetupPanel } from './setup-panel';
import { progressView, runEndMessage, unreachableText } from './view-model';
import { acceptanceEndMessage, acceptanceProgressView } from './who-accepted-view';

export interface StartOptions {
  /** The server (google.script.run behind a typed promise); a test page may pass its own. */
  call?: typeof callServer;
  browserLanguage?: string;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function statusText(ui: SharedState, status: StatusMessage | null): string {
  if (status === null) return '';
  if ('key' in status) return t(ui.locale, status.key, status.params);
  if ('progress' in status) return progressView(ui.locale, status.progress).text;
  if ('loop' in status) return runEndMessage(ui.locale, status.loop);
  if ('acceptProgress' in status) return acceptanceProgressView(ui.locale, status.acceptProgress).text;
  if ('acceptLoop' in status) return acceptanceEndMessage(ui.locale, status.acceptLoop);
  return status.text;
}

/** Builds the sidebar on `doc` (which holds the page of sidebar.html) and loads the roster's state. */
export async function start(doc: Document, options: StartOptions = {}): Promise<void> {
  const dom = createDom(doc);
  const browserLanguage = options.browserLanguage ?? doc.defaultView?.navigator.language ?? 'en';
  const bootElement = doc.getElementById('boot');
  const boot = readBoot(bootElement ? bootElement.textContent : null, browserLanguage);
  const ui: SharedState = {
    locale: boot.locale,
    sheetId: boot.sheetId,
    state: null,
    run: 'idle',
    acceptRun: 'idle',
    status: null,
    error: null,
    loadFailed: false,
    scheduleVersion: 0,
  };
  /** Calls in flight per kind (two refreshes may overlap: a locale switch during one). */
  const busy = new Map<Busy, number>();
  let stateSeq = 0;
  const el = dom.elements(PAGE_ELEMENTS.page);
  const panels: Panel[] = [];
  const isBusy = (kind: Busy) => (busy.get(kind) ?? 0) > 0;
  const loopRunning = () => ui.run === 'running' || ui.acceptRun === 'running';

  function renderStaticText(): void {
    doc.documentElement.lang = ui.locale;
    doc.title = t(ui.locale, 'report.title');
    for (const node of Array.from(doc.querySelectorAll<HTMLElement>('[data-i18n]'))) {
      const key = node.dataset.i18n;
      if (isMessageKey(key)) setText(node, t(ui.locale, key));
    }
    el.locale.value = ui.locale;
  }

  function showState(state: SidebarState, scheduleVersion: number): void {
    ui.loadFailed = false;
    // A schedule saved while this read was on its way is newer than the one it brings back.
    ui.state =
      ui.state && scheduleVersion !== ui.scheduleVersion ? { ...state, schedule: ui.state.schedule } : state;
    page.render();
  }

  const page: Page = {
    dom,
    ui,
    call: options.call ?? callServer,
    target(): SidebarTarget {
      return ui.sheetId === undefined ? { locale: ui.locale } : { sheetId: ui.sheetId, locale: ui.locale };
    },
    /** A time from the server, in the spreadsheet's time zone and the one format (i18n/time.ts). */
    formatTime(iso: string): string {
      const ms = Date.parse(iso);
      if (Number.isNaN(ms)) return iso;
      return formatMoment(ui.locale, ms, ui.state?.timeZone ?? browserZone(), intlZonedReader);
    },
    renderMessages(): void {
      setText(el.status, statusText(ui, ui.status));
      setText(el.error, ui.error === null ? '' : unreachableText(ui.locale, ui.error));
    },
    render(): void {
      renderStaticText();
      page.renderMessages();
      for (const panel of panels) panel.render();
      // No aria-busy on #app: it would hold back the live regions inside it while a send runs.
    },
    async withBusy<T>(kind: Busy, call: () => Promise<T>, keepError = false): Promise<T | null> {
      busy.set(kind, (busy.get(kind) ?? 0) + 1);
      if (!keepError) ui.error = null;
      page.render();
      try {
        return await call();
      } catch (error) {
        ui.error = errorMessage(error);
        return null;
      } finally {
        busy.set(kind, (busy.get(kind) ?? 1) - 1);
        page.render();
      }
    },
    async refreshState(keepError = false): Promise<boolean> {
      const seq = ++stateSeq;
      const scheduleVersion = ui.scheduleVersion;
      const state = await page.withBusy(
        'refresh',
        () => page.call('getSidebarState', page.target()),
        keepError,
      );
      if (seq !== stateSeq) return false;
      if (state === null) {
        ui.loadFailed = ui.state === null;
        page.render();
        return false;
      }
      showState(state, scheduleVersion);
      return true;
    },
    async refreshStateQuietly(): Promise<void> {
      const seq = ++stateSeq;
      const scheduleVersion = ui.scheduleVersion;
      let state: SidebarState;
      try {
        state = await page.call('getSidebarState', page.target());
      } catch {
        return;
      }
      if (seq === stateSeq) showState(state, scheduleVersion);
    },
    isBusy,
    loopRunning,
    sheetBusy: () => loopRunning() || isBusy('retry') || isBusy('format') || isBusy('actions'),
    rowActionButtons: (group) => rowActions.buttons(group),
    sheetChanged(): void {
      check.sheetChanged();
    },
    async loopEnded(ended, status, focus): Promise<void> {
      if (ended.end === 'error') {
        ui.error = ended.error ?? '';
        ui.status = null;
      } else {
        ui.status = status;
      }
      page.render();
      dom.keepFocus(focus);
      check.redoInLocale();
      await page.refreshState(true);
    },
  };

  const roster = createRosterPanel(page);
  const send = createSendPanel(page, boot.menuToken ?? '');
  const check = createCheckPanel(page);
  const rowActions = createRowActionsPanel(page, (report) => send.confirmActions(report));
  panels.push(
    roster,
    send,
    check,
    rowActions,
    createAcceptancePanel(page),
    createSetupPanel(page),
    createRetryPanel(page),
    createSchedulePanel(page),
    createProtectionPanel(page),
  );

  function changeLocale(value: string): void {
    if (!isLocale(value) || value === ui.locale) return;
    ui.locale = value;
    page.render();
    if (loopRunning()) return;
    // Messages written by the server (roster, schedule) come back in the new language, and so does
    // the roster check's report (it reads the sheet only).
    void page.refreshState();
    check.redoInLocale();
  }

  el.locale.addEventListener('change', () => changeLocale(el.locale.value));
  releaseOnFocusOut(el.app);
  ui.status = { key: 'sidebar.loading' };
  page.render();
  await page.refreshState();
  if (ui.status && 'key' in ui.status && ui.status.key === 'sidebar.loading') ui.status = null;
  page.render();
  // The menu's "Send invitations" asked for a send: it does not depend on the state having loaded
  // (a failed send shows its own error).
  if (boot.autostart) send.requestSend('menu');
}
