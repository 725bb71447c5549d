/**
 * The sidebar page's entry: reads the boot data, wires the controls to the server through the typed
 * client, and draws what the view model says. Thin on purpose: every decision and every text lives
 * in send-loop.ts, acceptance-loop.ts, view-model.ts and ops-view.ts, which are unit tested. Text from
 * the sheet or the API is only ever inserted with textContent / text nodes, never as HTML.
 */
import type { CheckReport } from '../core/check/check-roster';
import type { FormatReport } from '../core/setup/format-report';
import type { LiveCheck } from '../core/check/preflight-report';
import type { RetryableFinalCode, SidebarState, SidebarTarget } from '../contracts/sidebar-state';
import { isLocale, isMessageKey, t, type Locale, type MessageKey, type MessageParams } from '../i18n';
import { runAcceptanceLoop, type AcceptanceLoopSummary } from './acceptance-loop';
import { readBoot, timeLocale } from './boot';
import {
  acceptanceEndMessage,
  acceptanceProgressView,
  acceptanceView,
  actionCountLines,
  formatLines,
  liveView,
  needsConfirmation,
  pendingWithdrawals,
  sendActionLines,
  withdrawQuestion,
} from './ops-view';
import { runSendLoop, runStateAfter, type SendLoopSummary, type SendProgress } from './send-loop';
import { callServer } from './server-client';
import {
  checkView,
  codeItems,
  columnLines,
  dailyCapLines,
  progressView,
  retryItems,
  retryQuestion,
  retrySelection,
  rosterCountLines,
  runEndMessage,
  runSummary,
  scheduleLines,
  unreachableText,
  type CodeItem,
} from './view-model';

type RunState = 'idle' | 'running' | 'stopped' | 'done' | 'failed';
type Busy = 'refresh' | 'check' | 'retry' | 'schedule' | 'format';
type SendOrigin = 'menu' | 'sidebar';
/**
 * A status line: a catalogue key or the end of a send loop (both redrawn when the language changes),
 * or a server sentence (in the language of that call).
 */
type StatusMessage =
  | { key: MessageKey; params?: MessageParams }
  | { progress: SendProgress }
  | { loop: SendLoopSummary }
  | { acceptProgress: AcceptanceLoopSummary }
  | { acceptLoop: AcceptanceLoopSummary }
  | { text: string };

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`The sidebar page has no #${id}.`);
  return found as T;
}

function setText(node: Element | null, text: string): void {
  if (node && node.textContent !== text) node.textContent = text;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** Replaces a list's items with one text item each. */
function fillList(list: HTMLElement, lines: readonly { text: string; className?: string }[]): void {
  list.replaceChildren(...lines.map((line) => element('li', line.text, line.className)));
}

/** One paragraph per line, as text. */
function fillParagraphs(container: HTMLElement, lines: readonly string[]): void {
  container.replaceChildren(...lines.map((line) => element('p', line)));
}

/**
 * Draws Status codes as `<details data-code>` (code, label and count; opened: what it means and how
 * to fix it), reusing the elements already there so an open one stays open and focus is kept while
 * counts change under it.
 */
function renderCodeList(container: HTMLElement, items: readonly CodeItem[]): void {
  const existing = new Map<string, HTMLDetailsElement>();
  for (const child of Array.from(container.children)) {
    if (child instanceof HTMLDetailsElement && child.dataset.code) existing.set(child.dataset.code, child);
  }
  const wanted = items.map((item) => {
    let details = existing.get(item.code);
    existing.delete(item.code);
    if (!details) {
      details = element('details', undefined, 'code');
      details.dataset.code = item.code;
      details.append(element('summary'), element('p', undefined, 'explain'));
    }
    setText(details.querySelector('summary'), item.summary);
    setText(details.querySelector('p'), item.explanation);
    return details;
  });
  for (const stale of existing.values()) stale.remove();
  wanted.forEach((details, index) => {
    if (container.children[index] !== details)
      container.insertBefore(details, container.children[index] ?? null);
  });
}

const bootElement = document.getElementById('boot');
const boot = readBoot(bootElement ? bootElement.textContent : null, navigator.language);

const ui = {
  locale: boot.locale as Locale,
  sheetId: boot.sheetId,
  state: null as SidebarState | null,
  stateSeq: 0,
  run: 'idle' as RunState,
  stopRequested: false,
  progress: null as SendProgress | null,
  loop: null as SendLoopSummary | null,
  check: null as CheckReport | null,
  /** The check on screen was made with `live: true` (a language change redoes it the same way). */
  checkLive: false,
  status: null as StatusMessage | null,
  error: null as string | null,
  /** Calls in flight per kind (two refreshes may overlap: a locale switch during one). */
  busy: new Map<Busy, number>(),
  /** The last getSidebarState failed and nothing was ever loaded. */
  loadFailed: false,
  /** The language the check report on screen was made in. */
  checkLocale: null as Locale | null,
  /** Bumped by each saved schedule, so a refresh that started earlier cannot bring the old one back. */
  scheduleVersion: 0,
  retryChecked: new Set<string>(),
  confirmOpen: false,
  scheduleDirty: false,
  /** A send waiting for the withdrawal confirmation, and how it was started; null: none open. */
  withdrawFrom: null as SendOrigin | null,
  /** "Refresh acceptance": its own loop, Stop and summary (what the calls found so far). */
  accept: {
    run: 'idle' as RunState,
    stopRequested: false,
    summary: null as AcceptanceLoopSummary | null,
  },
  format: null as FormatReport | null,
  /** The language "Set up the sheet" answered in (its sentence is not redone: it writes). */
  formatLocale: null as Locale | null,
};

/** A send or an acceptance refresh is running: each holds the sheet's run lease call after call. */
function loopRunning(): boolean {
  return ui.run === 'running' || ui.accept.run === 'running';
}

/**
 * What must not overlap a send or a refresh: the other loop, a retry (it holds the run lease for a
 * moment) and "Set up the sheet" (it changes the sheet's validation and colours).
 */
function sheetBusy(): boolean {
  return loopRunning() || isBusy('retry') || isBusy('format');
}

function isBusy(kind: Busy): boolean {
  return (ui.busy.get(kind) ?? 0) > 0;
}

const el = {
  app: byId('app'),
  locale: byId<HTMLSelectElement>('locale'),
  status: byId('status'),
  error: byId('error'),
  sheetName: byId('sheet-name'),
  headerRow: byId('header-row'),
  rosterMessage: byId('roster-message'),
  columns: byId('columns'),
  countLines: byId('count-lines'),
  noStatus: byId('no-status'),
  statusCodes: byId('status-codes'),
  refresh: byId<HTMLButtonElement>('refresh'),
  send: byId<HTMLButtonElement>('send'),
  stop: byId<HTMLButtonElement>('stop'),
  runArea: byId('run-area'),
  progress: byId<HTMLProgressElement>('progress'),
  progressText: byId('progress-text'),
  runCounts: byId('run-counts'),
  summary: byId('summary'),
  dailyCap: byId('daily-cap'),
  check: byId<HTMLButtonElement>('check'),
  checkLive: byId<HTMLButtonElement>('check-live'),
  checkReport: byId('check-report'),
  liveReport: byId('live-report'),
  format: byId<HTMLButtonElement>('format'),
  formatReport: byId('format-report'),
  withdrawConfirm: byId('withdraw-confirm'),
  withdrawQuestion: byId('withdraw-question'),
  withdrawYes: byId<HTMLButtonElement>('withdraw-yes'),
  withdrawInviteOnly: byId<HTMLButtonElement>('withdraw-invite-only'),
  withdrawNo: byId<HTMLButtonElement>('withdraw-no'),
  acceptRefresh: byId<HTMLButtonElement>('accept-refresh'),
  acceptStop: byId<HTMLButtonElement>('accept-stop'),
  acceptArea: byId('accept-area'),
  acceptProgress: byId<HTMLProgressElement>('accept-progress'),
  acceptProgressText: byId('accept-progress-text'),
  acceptReport: byId('accept-report'),
  retryCodes: byId('retry-codes'),
  retry: byId<HTMLButtonElement>('retry'),
  retryConfirm: byId('retry-confirm'),
  retryQuestion: byId('retry-question'),
  retryYes: byId<HTMLButtonElement>('retry-yes'),
  retryNo: byId<HTMLButtonElement>('retry-no'),
  scheduleState: byId('schedule-state'),
  scheduleEvery: byId<HTMLSelectElement>('schedule-every'),
  scheduleHour: byId<HTMLSelectElement>('schedule-hour'),
  scheduleSave: byId<HTMLButtonElement>('schedule-save'),
  scheduleEmail: byId<HTMLInputElement>('schedule-email'),
  scheduleAcceptance: byId<HTMLInputElement>('schedule-acceptance'),
};

function target(): SidebarTarget {
  return ui.sheetId === undefined ? { locale: ui.locale } : { sheetId: ui.sheetId, locale: ui.locale };
}

function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return date.toLocaleString(timeLocale(ui.locale, navigator.language));
  } catch {
    return date.toLocaleString();
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---- buttons that keep the keyboard focus -------------------------------------------------------
// A focused button that becomes `disabled` drops the focus to the page (Chromium blurs it), so a
// keyboard or screen-reader user who pressed Send, Stop, Check, Refresh or Save would lose their
// place for the whole server call. Such a button is made aria-disabled instead: it keeps the focus,
// reads as unavailable, and ignores presses (onPress). Once the focus leaves, it becomes disabled.

function isAvailable(button: HTMLButtonElement): boolean {
  return !button.disabled && button.getAttribute('aria-disabled') !== 'true';
}

function setAvailable(button: HTMLButtonElement, available: boolean): void {
  if (available) {
    button.disabled = false;
    button.removeAttribute('aria-disabled');
    return;
  }
  const keepFocus = document.activeElement === button || button.getAttribute('aria-disabled') === 'true';
  button.disabled = !keepFocus;
  if (keepFocus) button.setAttribute('aria-disabled', 'true');
}

/** Focuses a button even when it is unavailable (then as aria-disabled). */
function focusButton(button: HTMLButtonElement): void {
  if (button.disabled) {
    button.disabled = false;
    button.setAttribute('aria-disabled', 'true');
  }
  button.focus();
}

function onPress(button: HTMLButtonElement, action: () => void): void {
  button.addEventListener('click', () => {
    if (isAvailable(button)) action();
  });
}

// ---- drawing -------------------------------------------------------------------------------------

function renderStaticText(): void {
  document.documentElement.lang = ui.locale;
  document.title = t(ui.locale, 'report.title');
  for (const node of Array.from(document.querySelectorAll<HTMLElement>('[data-i18n]'))) {
    const key = node.dataset.i18n;
    if (isMessageKey(key)) setText(node, t(ui.locale, key));
  }
  el.locale.value = ui.locale;
}

function statusText(status: StatusMessage | null): string {
  if (status === null) return '';
  if ('key' in status) return t(ui.locale, status.key, status.params);
  if ('progress' in status) return progressView(ui.locale, status.progress).text;
  if ('loop' in status) return runEndMessage(ui.locale, status.loop);
  if ('acceptProgress' in status) return acceptanceProgressView(ui.locale, status.acceptProgress).text;
  if ('acceptLoop' in status) return acceptanceEndMessage(ui.locale, status.acceptLoop);
  return status.text;
}

function renderMessages(): void {
  setText(el.status, statusText(ui.status));
  setText(el.error, ui.error === null ? '' : unreachableText(ui.locale, ui.error));
}

function renderRoster(): void {
  const roster = ui.state?.roster ?? null;
  if (!roster) {
    setText(el.sheetName, '');
    setText(el.headerRow, '');
    setText(el.rosterMessage, ui.loadFailed ? t(ui.locale, 'sidebar.notLoaded') : '');
    el.columns.replaceChildren();
    el.countLines.replaceChildren();
    el.noStatus.hidden = true;
    renderCodeList(el.statusCodes, []);
    return;
  }
  setText(el.sheetName, roster.sheetName);
  setText(el.headerRow, roster.headerRow ? t(ui.locale, 'sidebar.headerRow', { row: roster.headerRow }) : '');
  setText(el.rosterMessage, roster.ok ? '' : roster.message);
  fillList(
    el.columns,
    columnLines(ui.locale, roster).map((line) => ({
      text: line.text,
      className: line.state === 'missing' ? 'col-missing' : undefined,
    })),
  );
  fillList(
    el.countLines,
    [...rosterCountLines(ui.locale, roster), ...actionCountLines(ui.locale, roster)].map((text) => ({
      text,
    })),
  );
  const codes = codeItems(ui.locale, roster.statusCounts);
  el.noStatus.hidden = codes.length > 0;
  renderCodeList(el.statusCodes, codes);
}

function renderRun(): void {
  el.app.dataset.run = ui.run;
  el.runArea.hidden = ui.run === 'idle';
  const view = progressView(ui.locale, ui.progress);
  el.progress.max = view.max;
  if (view.value === null) el.progress.removeAttribute('value');
  else el.progress.value = view.value;
  setText(el.progressText, view.text);
  renderCodeList(el.runCounts, codeItems(ui.locale, ui.progress?.counts));
  if (ui.loop && ui.run !== 'running') {
    const summary = runSummary(ui.locale, ui.loop);
    fillParagraphs(
      el.summary,
      [summary.message, summary.totals, ...sendActionLines(ui.locale, ui.loop)].filter((line) => line !== ''),
    );
  } else {
    el.summary.replaceChildren();
  }
}

function renderDailyCap(): void {
  const cap = ui.state?.dailyCap;
  fillParagraphs(el.dailyCap, cap ? dailyCapLines(ui.locale, cap, formatTime) : []);
}

function renderCheck(): void {
  if (!ui.check) {
    el.checkReport.replaceChildren();
    return;
  }
  const view = checkView(ui.locale, ui.check);
  const parts: Node[] = [element('p', view.message)];
  if (view.totals.length > 0) {
    const totals = element('ul');
    fillList(
      totals,
      view.totals.map((text) => ({ text })),
    );
    parts.push(totals);
  }
  if (view.problems.length > 0) {
    parts.push(element('h3', t(ui.locale, 'sidebar.problemsHeading')));
    const list = element('ul');
    for (const problem of view.problems) {
      const item = element('li');
      item.dataset.row = String(problem.row);
      item.dataset.code = problem.code;
      item.append(
        element('strong', problem.heading),
        element('br'),
        document.createTextNode(problem.details),
      );
      list.append(item);
    }
    parts.push(list);
  }
  if (view.truncatedNote) parts.push(element('p', view.truncatedNote, 'hint'));
  // A live check lists its courses in full below (state, members, invitations): not twice.
  if (view.courses.length > 0 && !ui.check.live) {
    parts.push(element('h3', t(ui.locale, 'sidebar.coursesHeading')));
    const list = element('ul');
    fillList(
      list,
      view.courses.map((text) => ({ text })),
    );
    parts.push(list);
  }
  el.checkReport.replaceChildren(...parts);
}

/**
 * A heading and a list that scrolls inside the sidebar. The scrolling box can take the focus (so the
 * keyboard can scroll it) and is named by its heading.
 */
function scrollingList(headingId: string, heading: string, items: readonly Node[]): Node[] {
  const title = element('h3', heading);
  title.id = headingId;
  const region = element('div', undefined, 'scroll');
  region.tabIndex = 0;
  region.setAttribute('role', 'region');
  region.setAttribute('aria-labelledby', headingId);
  const list = element('ul');
  list.append(...items);
  region.append(list);
  return [title, region];
}

/** A list item: a bold first line, then more lines as text. */
function itemLines(first: string, rest: readonly string[], className?: string): HTMLLIElement {
  const item = element('li', undefined, className);
  item.append(element('strong', first));
  for (const line of rest) {
    if (line === '') continue;
    item.append(element('br'), document.createTextNode(line));
  }
  return item;
}

/** What was drawn last, so a redraw that changes nothing keeps the lists (their scroll, the focus). */
let drawnLive: { live: LiveCheck; locale: Locale } | null = null;

function renderLive(): void {
  const live = ui.check?.live ?? null;
  if (!live) {
    drawnLive = null;
    el.liveReport.replaceChildren();
    return;
  }
  if (drawnLive && drawnLive.live === live && drawnLive.locale === ui.locale) return;
  drawnLive = { live, locale: ui.locale };
  const view = liveView(ui.locale, live);
  const parts: Node[] = [element('h3', t(ui.locale, 'ops.liveHeading')), element('p', view.note, 'hint')];
  if (view.incompleteNote) parts.push(element('p', view.incompleteNote, 'flag'));
  parts.push(element('p', view.dailyRemaining));
  if (view.totals.length > 0) {
    const totals = element('ul');
    totals.id = 'live-totals';
    fillList(
      totals,
      view.totals.map((text) => ({ text })),
    );
    parts.push(totals);
  }
  if (view.courses.length > 0) {
    parts.push(element('h3', t(ui.locale, 'ops.liveCoursesHeading')));
    const cards = element('ul', undefined, 'cards');
    cards.id = 'live-courses';
    for (const course of view.courses) {
      const card = element(
        'li',
        undefined,
        course.problem ? 'problem' : course.flagged ? 'flagged' : undefined,
      );
      card.dataset.course = course.course;
      card.append(element('strong', course.title));
      if (course.state) card.append(element('p', course.state, course.flagged ? 'flag' : undefined));
      for (const line of course.lines) card.append(element('p', line));
      if (course.problem) card.append(element('p', course.problem, 'flag'));
      cards.append(card);
    }
    parts.push(cards);
  }
  if (view.rows.length > 0) {
    const items = view.rows.map((row) => {
      const item = itemLines(row.heading, [row.who, row.details]);
      item.dataset.row = String(row.row);
      item.dataset.prediction = row.prediction;
      return item;
    });
    parts.push(...scrollingList('live-rows-heading', t(ui.locale, 'ops.liveRowsHeading'), items));
  }
  if (view.noRowsNote) parts.push(element('p', view.noRowsNote));
  if (view.truncatedNote) parts.push(element('p', view.truncatedNote, 'hint'));
  el.liveReport.replaceChildren(...parts);
}

let drawnAcceptance: { summary: AcceptanceLoopSummary; locale: Locale } | null = null;

function renderAcceptance(): void {
  const accept = ui.accept;
  el.app.dataset.acceptance = accept.run;
  el.acceptArea.hidden = accept.run === 'idle';
  const bar = acceptanceProgressView(ui.locale, accept.summary);
  el.acceptProgress.max = bar.max;
  if (bar.value === null) el.acceptProgress.removeAttribute('value');
  else el.acceptProgress.value = bar.value;
  setText(el.acceptProgressText, bar.text);
  const summary = accept.summary;
  if (!summary || summary.calls === 0) {
    drawnAcceptance = null;
    el.acceptReport.replaceChildren();
    return;
  }
  if (drawnAcceptance && drawnAcceptance.summary === summary && drawnAcceptance.locale === ui.locale) return;
  drawnAcceptance = { summary, locale: ui.locale };
  const view = acceptanceView(ui.locale, summary);
  const parts: Node[] = [element('p', view.totals)];
  const states = element('ul');
  states.id = 'accept-states';
  for (const state of view.states) {
    const item = element('li');
    item.dataset.state = state.state;
    item.append(element('strong', state.summary), element('p', state.explanation, 'explain'));
    states.append(item);
  }
  parts.push(states);
  const rows = (id: string, heading: string, lines: readonly { row: number; text: string }[]) => {
    if (lines.length === 0) return;
    const items = lines.map((line) => {
      const item = element('li', line.text);
      item.dataset.row = String(line.row);
      return item;
    });
    parts.push(...scrollingList(id, heading, items));
  };
  rows('accept-pending-heading', t(ui.locale, 'ops.pendingHeading'), view.pending);
  rows('accept-gone-heading', t(ui.locale, 'ops.goneHeading'), view.gone);
  if (view.truncatedNote) parts.push(element('p', view.truncatedNote, 'hint'));
  if (view.rowsChangedNote) parts.push(element('p', view.rowsChangedNote));
  if (view.courseProblems.length > 0) {
    parts.push(element('h3', t(ui.locale, 'ops.courseProblemsHeading')));
    const list = element('ul');
    list.id = 'accept-problems';
    fillList(
      list,
      view.courseProblems.map((text) => ({ text })),
    );
    parts.push(list);
  }
  el.acceptReport.replaceChildren(...parts);
}

function renderFormat(): void {
  const report = ui.format;
  if (!report) {
    el.formatReport.replaceChildren();
    return;
  }
  // The server's sentence is in the language of its call; the step lines follow the language.
  const parts: Node[] = [];
  if (ui.formatLocale === ui.locale && report.message) parts.push(element('p', report.message));
  const lines = formatLines(ui.locale, report);
  if (lines.length > 0) {
    const list = element('ul');
    fillList(
      list,
      lines.map((text) => ({ text })),
    );
    parts.push(list);
  }
  el.formatReport.replaceChildren(...parts);
}

/**
 * The withdrawal confirmation: open while a send waits for it (and no loop runs). When it closes with
 * the focus inside, the focus goes back to Send (which keeps it, aria-disabled, while a send runs).
 */
function renderWithdraw(): void {
  const question = withdrawQuestion(ui.locale, pendingWithdrawals(ui.state?.roster));
  // The rows to withdraw are gone (a refresh after an edit): there is nothing left to confirm.
  if (ui.withdrawFrom !== null && (loopRunning() || question === '')) ui.withdrawFrom = null;
  const open = ui.withdrawFrom !== null;
  if (!open && !el.withdrawConfirm.hidden && el.withdrawConfirm.contains(document.activeElement)) {
    el.withdrawConfirm.hidden = true;
    focusButton(el.send);
  }
  el.withdrawConfirm.hidden = !open;
  setText(el.withdrawQuestion, open ? question : '');
  for (const button of [el.withdrawYes, el.withdrawInviteOnly]) setAvailable(button, !sheetBusy());
}

/** The retry checkboxes are built once (fixed codes) and updated in place, keeping focus and ticks. */
function renderRetry(): void {
  const roster = ui.state?.roster ?? null;
  const running = loopRunning();
  for (const item of retryItems(ui.locale, roster)) {
    let row = el.retryCodes.querySelector<HTMLElement>(`[data-code="${item.code}"]`);
    if (!row) {
      row = element('div', undefined, 'retry-item');
      row.dataset.code = item.code;
      const label = element('label');
      const box = element('input');
      box.type = 'checkbox';
      box.name = 'retry-code';
      box.value = item.code;
      box.id = `retry-${item.code}`;
      box.setAttribute('aria-describedby', `retry-${item.code}-explain`);
      box.addEventListener('change', () => {
        if (box.checked) ui.retryChecked.add(item.code);
        else ui.retryChecked.delete(item.code);
        renderRetry();
      });
      label.append(box, element('span'));
      const explain = element('p', undefined, 'explain');
      explain.id = `retry-${item.code}-explain`;
      row.append(label, explain);
      el.retryCodes.append(row);
    }
    const box = row.querySelector('input') as HTMLInputElement;
    if (item.disabled) ui.retryChecked.delete(item.code);
    box.checked = ui.retryChecked.has(item.code);
    box.disabled = item.disabled || running;
    setText(row.querySelector('span'), item.text);
    setText(row.querySelector('p'), item.explanation);
  }
  const selection = retrySelection(roster, ui.retryChecked);
  setAvailable(el.retry, !running && !isBusy('retry') && selection.rows > 0);
  if (ui.confirmOpen && (selection.rows === 0 || running)) ui.confirmOpen = false;
  if (!ui.confirmOpen && !el.retryConfirm.hidden && el.retryConfirm.contains(document.activeElement)) {
    // Hiding the focused Yes / Cancel would drop the focus to the page: it goes back to Retry.
    el.retryConfirm.hidden = true;
    focusButton(el.retry);
  }
  el.retryConfirm.hidden = !ui.confirmOpen;
  setAvailable(el.retryYes, !isBusy('retry'));
  setText(el.retryQuestion, ui.confirmOpen ? retryQuestion(ui.locale, selection) : '');
}

/**
 * The schedule controls follow the schedule the server reported. Until one was read they stay
 * disabled: showing "Off" with Save enabled would let a click remove a schedule nobody has seen.
 */
function syncScheduleControls(): void {
  const schedule = ui.state?.schedule;
  if (schedule && !ui.scheduleDirty) {
    el.scheduleEvery.value = schedule.on && schedule.every ? schedule.every : 'OFF';
    el.scheduleHour.value = String(schedule.atHour ?? 6);
    el.scheduleEmail.checked = schedule.on && schedule.email === true;
    el.scheduleAcceptance.checked = schedule.on && schedule.acceptance === true;
  }
  el.scheduleEvery.disabled = !schedule;
  el.scheduleHour.disabled = !schedule || el.scheduleEvery.value !== 'DAY';
  // The email follows scheduled runs: with the schedule off there is nothing to email about.
  el.scheduleEmail.disabled = !schedule || el.scheduleEvery.value === 'OFF';
  el.scheduleAcceptance.disabled = el.scheduleEmail.disabled;
}

function renderSchedule(): void {
  const schedule = ui.state?.schedule;
  const lines = schedule
    ? scheduleLines(ui.locale, schedule, formatTime)
    : ui.loadFailed
      ? [t(ui.locale, 'sidebar.notLoaded')]
      : [];
  fillParagraphs(el.scheduleState, lines);
  syncScheduleControls();
  setAvailable(el.scheduleSave, Boolean(schedule) && !isBusy('schedule'));
}

function renderControls(): void {
  const running = loopRunning();
  // A retry holds the sheet's run lease for a moment: a send started meanwhile would only be told
  // "another run is already working". The same goes for a send during a refresh and back.
  setAvailable(el.send, !sheetBusy());
  setAvailable(el.stop, ui.run === 'running' && !ui.stopRequested);
  setAvailable(el.acceptRefresh, !sheetBusy());
  setAvailable(el.acceptStop, ui.accept.run === 'running' && !ui.accept.stopRequested);
  setAvailable(el.check, !running && !isBusy('check'));
  setAvailable(el.checkLive, !running && !isBusy('check'));
  setAvailable(el.format, !sheetBusy());
  setAvailable(el.refresh, !running && !isBusy('refresh'));
  // No aria-busy on #app: it would hold back the live regions inside it while a send runs.
}

function render(): void {
  renderStaticText();
  renderMessages();
  renderRoster();
  renderRun();
  renderDailyCap();
  renderCheck();
  renderLive();
  renderAcceptance();
  renderFormat();
  renderWithdraw();
  renderRetry();
  renderSchedule();
  renderControls();
}

/** When the focused control is gone or unavailable (Stop after a run), focus moves to `fallback`. */
function keepFocus(fallback: HTMLElement): void {
  const active = document.activeElement as HTMLElement | null;
  const lost =
    !active ||
    active === document.body ||
    !active.isConnected ||
    (active as HTMLButtonElement).disabled === true ||
    (active !== fallback && active.getAttribute('aria-disabled') === 'true') ||
    active.closest('[hidden]') !== null;
  if (lost) fallback.focus();
}

// ---- actions -------------------------------------------------------------------------------------

/** Runs one server call for a button: marks it busy, shows a failure of google.script.run, redraws. */
async function withBusy<T>(busy: Busy, call: () => Promise<T>, keepError = false): Promise<T | null> {
  ui.busy.set(busy, (ui.busy.get(busy) ?? 0) + 1);
  if (!keepError) ui.error = null;
  render();
  try {
    return await call();
  } catch (error) {
    ui.error = errorMessage(error);
    return null;
  } finally {
    ui.busy.set(busy, (ui.busy.get(busy) ?? 1) - 1);
    render();
  }
}

/** Re-reads the roster, schedule and daily cap; `keepError` leaves an earlier failure on screen. */
async function refreshState(keepError = false): Promise<boolean> {
  const seq = ++ui.stateSeq;
  const scheduleVersion = ui.scheduleVersion;
  const state = await withBusy('refresh', () => callServer('getSidebarState', target()), keepError);
  if (seq !== ui.stateSeq) return false;
  if (state === null) {
    ui.loadFailed = ui.state === null;
    render();
    return false;
  }
  ui.loadFailed = false;
  // A schedule saved while this read was on its way is newer than the one it brings back.
  ui.state =
    ui.state && scheduleVersion !== ui.scheduleVersion ? { ...state, schedule: ui.state.schedule } : state;
  render();
  return true;
}

/**
 * The one live line of a run is #status: "Working…", then the progress after each call (one
 * announcement per call, minutes apart), "Stopping…", and how it ended. The text next to the bar
 * says the same without being announced again.
 */
async function startSend(from: SendOrigin, confirmWithdrawals: boolean): Promise<void> {
  if (sheetBusy()) return;
  ui.withdrawFrom = null;
  ui.run = 'running';
  ui.stopRequested = false;
  ui.progress = null;
  ui.loop = null;
  ui.error = null;
  ui.confirmOpen = false;
  ui.status = { key: 'sidebar.working' };
  render();
  // The server names the loop on its first call; every later call carries that id, so the history
  // keeps one row per loop. The menu's token goes with the first call only (it is used up there).
  let runId = '';
  let menuToken = from === 'menu' ? (boot.menuToken ?? '') : '';
  // The rows the admin saw and confirmed: the server withdraws only rows still asking for one of them.
  const confirmedRows = confirmWithdrawals ? (ui.state?.roster.pendingWithdrawals ?? []) : [];
  const summary = await runSendLoop({
    call: async () => {
      const report = await callServer('sendInvitations', {
        ...target(),
        ...(runId ? { runId } : {}),
        ...(menuToken ? { menuToken } : {}),
        confirmWithdrawals,
        ...(confirmWithdrawals ? { confirmedRows } : {}),
      });
      menuToken = '';
      if (typeof report.runId === 'string' && report.runId !== '') runId = report.runId;
      return report;
    },
    shouldStop: () => ui.stopRequested,
    onProgress: (progress) => {
      ui.progress = progress;
      // After Stop the line keeps saying "Stopping…" until the loop has ended.
      if (!ui.stopRequested) ui.status = { progress };
      renderMessages();
      renderRun();
    },
  });
  ui.loop = summary;
  ui.run = runStateAfter(summary.end);
  if (summary.end === 'error') {
    ui.error = summary.error ?? '';
    ui.status = null;
  } else {
    ui.status = { loop: summary };
  }
  render();
  keepFocus(el.send);
  afterLoop();
  await refreshState(true);
}

/** The language changed during a loop: a dry-run report on screen is checked again in the new one. */
function afterLoop(): void {
  if (ui.check && !ui.checkLive && ui.checkLocale !== ui.locale) void runCheck(false);
}

/**
 * Send pressed (or the menu's Send autostarted): with WITHDRAW or REINVITE rows pending, the admin
 * first confirms the withdrawals. The focus moves to Cancel, never to the withdrawing choice: a held
 * or doubled Enter on Send must not answer the question.
 */
function requestSend(from: SendOrigin): void {
  if (sheetBusy()) return;
  if (needsConfirmation(pendingWithdrawals(ui.state?.roster))) {
    ui.withdrawFrom = from;
    render();
    el.withdrawNo.focus();
    return;
  }
  // Nothing to withdraw as far as the sidebar knows: a row turned WITHDRAW since the last refresh
  // is held back by the server (confirmWithdrawals false) and counted in the summary.
  void startSend(from, false);
}

function answerWithdraw(confirmWithdrawals: boolean): void {
  const from = ui.withdrawFrom;
  if (from === null || sheetBusy()) return;
  // startSend closes the confirmation; renderWithdraw then moves the focus to Send.
  void startSend(from, confirmWithdrawals);
}

function cancelWithdraw(): void {
  if (ui.withdrawFrom === null) return;
  ui.withdrawFrom = null;
  ui.status = { key: 'ops.confirmCancelled' };
  render();
  focusButton(el.send);
}

function requestStop(): void {
  if (ui.run !== 'running' || ui.stopRequested) return;
  ui.stopRequested = true;
  ui.status = { key: 'sidebar.stopping' };
  render();
}

/**
 * "Refresh acceptance": the same pattern as the send loop. #status says "Checking…", then the courses
 * checked after each call, "Stopping…", and how it ended; the report below grows call by call.
 */
async function startAcceptance(): Promise<void> {
  if (sheetBusy()) return;
  ui.accept = { run: 'running', stopRequested: false, summary: null };
  ui.withdrawFrom = null;
  ui.error = null;
  ui.status = { key: 'ops.acceptWorking' };
  render();
  const summary = await runAcceptanceLoop({
    call: (afterCourse) =>
      callServer('refreshAcceptance', afterCourse === '' ? target() : { ...target(), afterCourse }),
    shouldStop: () => ui.accept.stopRequested,
    onProgress: (progress) => {
      ui.accept.summary = progress;
      if (!ui.accept.stopRequested) ui.status = { acceptProgress: progress };
      renderMessages();
      renderAcceptance();
    },
  });
  ui.accept = { run: runStateAfter(summary.end), stopRequested: false, summary };
  if (summary.end === 'error') {
    ui.error = summary.error ?? '';
    ui.status = null;
  } else {
    ui.status = { acceptLoop: summary };
  }
  render();
  keepFocus(el.acceptRefresh);
  afterLoop();
  // The Accepted column may have just been added: the column list changes.
  await refreshState(true);
}

function requestAcceptanceStop(): void {
  if (ui.accept.run !== 'running' || ui.accept.stopRequested) return;
  ui.accept.stopRequested = true;
  ui.status = { key: 'ops.acceptStopping' };
  render();
}

/**
 * `announce`: the check's sentence becomes the status line. A check only redone in a new language
 * replaces it there only if the status line still shows the old check's sentence.
 */
async function runCheck(announce = true, live = false): Promise<void> {
  if (loopRunning() || isBusy('check')) return;
  const locale = ui.locale;
  const report = await withBusy(
    'check',
    () => callServer('checkRoster', live ? { ...target(), live: true } : target()),
    !announce,
  );
  if (report === null) return;
  const shown = ui.status !== null && 'text' in ui.status && ui.status.text === ui.check?.message;
  ui.check = report;
  ui.checkLive = live;
  ui.checkLocale = locale;
  if (announce || shown) ui.status = { text: report.message };
  render();
  // The language changed while the dry run ran: its sentences are in the old one.
  if (ui.locale !== locale && !live) void runCheck(announce);
}

async function runFormat(): Promise<void> {
  if (sheetBusy()) return;
  const locale = ui.locale;
  const report = await withBusy('format', () => callServer('formatRoster', target()));
  if (report === null) return;
  ui.format = report;
  ui.formatLocale = locale;
  ui.status = { text: report.message };
  render();
}

function openRetryConfirm(): void {
  if (loopRunning() || isBusy('retry')) return;
  if (retrySelection(ui.state?.roster ?? null, ui.retryChecked).rows === 0) return;
  ui.confirmOpen = true;
  render();
  // As for withdrawals: the focus goes to No, so a repeated Enter cannot clear cells.
  el.retryNo.focus();
}

function closeRetryConfirm(): void {
  ui.confirmOpen = false;
  render();
  focusButton(el.retry);
}

async function confirmRetry(): Promise<void> {
  if (!ui.confirmOpen || isBusy('retry') || loopRunning()) return;
  const { codes } = retrySelection(ui.state?.roster ?? null, ui.retryChecked);
  // Closing the confirmation moves the focus back to Retry (renderRetry), which keeps it while busy.
  ui.confirmOpen = false;
  if (codes.length === 0) {
    render();
    return;
  }
  const chosen: RetryableFinalCode[] = [...codes];
  const report = await withBusy('retry', () => callServer('retryFailedRows', { ...target(), codes: chosen }));
  if (report !== null) {
    ui.status = { text: report.message };
    ui.retryChecked.clear();
  }
  render();
  if (report !== null) await refreshState(true);
}

async function saveSchedule(): Promise<void> {
  if (isBusy('schedule') || !ui.state) return;
  const every = el.scheduleEvery.value;
  const hour = Number(el.scheduleHour.value);
  const email = el.scheduleEmail.checked;
  const acceptance = el.scheduleAcceptance.checked;
  const report = await withBusy('schedule', () =>
    every === 'HOUR' || every === 'DAY'
      ? callServer(
          'setSchedule',
          every === 'DAY'
            ? { ...target(), every, atHour: Number.isInteger(hour) ? hour : 6, email, acceptance }
            : { ...target(), every, email, acceptance },
        )
      : callServer('clearSchedule', target()),
  );
  if (report === null) return;
  ui.scheduleDirty = false;
  ui.scheduleVersion++;
  if (ui.state) ui.state = { ...ui.state, schedule: report };
  ui.status = { text: report.message };
  render();
}

function changeLocale(value: string): void {
  if (!isLocale(value) || value === ui.locale) return;
  ui.locale = value;
  render();
  if (loopRunning()) return;
  // Messages written by the server (roster, schedule) come back in the new language.
  void refreshState();
  // So does the dry run's report (it reads the sheet only). A check against Classroom is not run
  // again for a language: it reads every course; its labels follow, its sentences stay as they were.
  if (ui.check && !ui.checkLive && ui.checkLocale !== ui.locale && !isBusy('check')) void runCheck(false);
}

// ---- wiring --------------------------------------------------------------------------------------

function buildHourOptions(): void {
  const options: HTMLOptionElement[] = [];
  for (let hour = 0; hour < 24; hour++) {
    const option = element('option', `${String(hour).padStart(2, '0')}:00`);
    option.value = String(hour);
    options.push(option);
  }
  el.scheduleHour.replaceChildren(...options);
  el.scheduleHour.value = '6';
}

function wire(): void {
  el.locale.addEventListener('change', () => changeLocale(el.locale.value));
  onPress(el.refresh, () => {
    ui.status = null;
    void refreshState();
  });
  onPress(el.send, () => requestSend('sidebar'));
  onPress(el.stop, requestStop);
  onPress(el.withdrawYes, () => answerWithdraw(true));
  onPress(el.withdrawInviteOnly, () => answerWithdraw(false));
  onPress(el.withdrawNo, cancelWithdraw);
  onPress(el.acceptRefresh, () => void startAcceptance());
  onPress(el.acceptStop, requestAcceptanceStop);
  onPress(el.check, () => void runCheck());
  onPress(el.checkLive, () => void runCheck(true, true));
  onPress(el.format, () => void runFormat());
  onPress(el.retry, openRetryConfirm);
  onPress(el.retryNo, closeRetryConfirm);
  onPress(el.retryYes, () => void confirmRetry());
  // An aria-disabled button (unavailable but kept focused) becomes plainly disabled once left.
  el.app.addEventListener('focusout', (event) => {
    const left = event.target;
    if (left instanceof HTMLButtonElement && left.getAttribute('aria-disabled') === 'true') {
      left.disabled = true;
      left.removeAttribute('aria-disabled');
    }
  });
  el.retryConfirm.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      closeRetryConfirm();
    }
  });
  // Escape cancels the withdrawal question wherever the focus is (a click elsewhere moves it out).
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && ui.withdrawFrom !== null) {
      event.preventDefault();
      cancelWithdraw();
    }
  });
  // A key held down repeats: only a fresh press may answer a question.
  for (const dialog of [el.withdrawConfirm, el.retryConfirm]) {
    dialog.addEventListener('keydown', (event) => {
      if (event.repeat && (event.key === 'Enter' || event.key === ' ')) event.preventDefault();
    });
  }
  el.scheduleEmail.addEventListener('change', () => {
    ui.scheduleDirty = true;
  });
  el.scheduleAcceptance.addEventListener('change', () => {
    ui.scheduleDirty = true;
  });
  el.scheduleEvery.addEventListener('change', () => {
    ui.scheduleDirty = true;
    syncScheduleControls();
  });
  el.scheduleHour.addEventListener('change', () => {
    ui.scheduleDirty = true;
  });
  onPress(el.scheduleSave, () => void saveSchedule());
}

async function start(): Promise<void> {
  buildHourOptions();
  wire();
  ui.status = { key: 'sidebar.loading' };
  render();
  await refreshState();
  if (ui.status && 'key' in ui.status && ui.status.key === 'sidebar.loading') ui.status = null;
  render();
  // The menu's "Send invitations" asked for a send: it does not depend on the state having loaded
  // (a failed send shows its own error).
  if (boot.autostart) requestSend('menu');
}

void start();
