/**
 * The sidebar page's entry: reads the boot data, wires the controls to the server through the typed
 * client, and draws what the view model says. Thin on purpose: every decision and every text lives
 * in send-loop.ts and view-model.ts, which are unit tested. Text from the sheet or the API is only
 * ever inserted with textContent / text nodes, never as HTML.
 */
import type { CheckReport } from '../core/check-roster';
import type { RetryableFinalCode, SidebarState, SidebarTarget } from '../core/sidebar-state';
import { isLocale, isMessageKey, t, type Locale, type MessageKey, type MessageParams } from '../i18n';
import { readBoot, timeLocale } from './boot';
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
type Busy = 'refresh' | 'check' | 'retry' | 'schedule';
/** A status line: a catalogue key (redrawn when the language changes) or a server sentence. */
type StatusMessage = { key: MessageKey; params?: MessageParams } | { text: string };

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
  status: null as StatusMessage | null,
  error: null as string | null,
  busy: new Set<Busy>(),
  retryChecked: new Set<string>(),
  confirmOpen: false,
  scheduleDirty: false,
};

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
  checkReport: byId('check-report'),
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

function renderMessages(): void {
  const status = ui.status;
  setText(
    el.status,
    status === null ? '' : 'key' in status ? t(ui.locale, status.key, status.params) : status.text,
  );
  setText(el.error, ui.error === null ? '' : unreachableText(ui.locale, ui.error));
}

function renderRoster(): void {
  const roster = ui.state?.roster ?? null;
  if (!roster) {
    setText(el.sheetName, '');
    setText(el.headerRow, '');
    setText(el.rosterMessage, '');
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
    rosterCountLines(ui.locale, roster).map((text) => ({ text })),
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
      [summary.message, summary.totals].filter((line) => line !== ''),
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
  const parts: Node[] = [element('p', view.message), element('ul')];
  fillList(
    parts[1] as HTMLElement,
    view.totals.map((text) => ({ text })),
  );
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
  if (view.courses.length > 0) {
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

/** The retry checkboxes are built once (fixed codes) and updated in place, keeping focus and ticks. */
function renderRetry(): void {
  const roster = ui.state?.roster ?? null;
  const running = ui.run === 'running';
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
  el.retry.disabled = running || ui.busy.has('retry') || selection.rows === 0;
  if (ui.confirmOpen && selection.rows === 0) ui.confirmOpen = false;
  el.retryConfirm.hidden = !ui.confirmOpen;
  setText(el.retryQuestion, ui.confirmOpen ? retryQuestion(ui.locale, selection) : '');
}

function syncScheduleControls(): void {
  const schedule = ui.state?.schedule;
  if (schedule && !ui.scheduleDirty) {
    el.scheduleEvery.value = schedule.on && schedule.every ? schedule.every : 'OFF';
    el.scheduleHour.value = String(schedule.atHour ?? 6);
  }
  el.scheduleHour.disabled = el.scheduleEvery.value !== 'DAY';
}

function renderSchedule(): void {
  const schedule = ui.state?.schedule;
  fillParagraphs(el.scheduleState, schedule ? scheduleLines(ui.locale, schedule, formatTime) : []);
  syncScheduleControls();
  el.scheduleSave.disabled = ui.busy.has('schedule');
}

function renderControls(): void {
  const running = ui.run === 'running';
  el.send.disabled = running;
  el.stop.disabled = !running || ui.stopRequested;
  el.check.disabled = running || ui.busy.has('check');
  el.refresh.disabled = running || ui.busy.has('refresh');
  // No aria-busy on #app: it would hold back the live regions inside it while a send runs.
}

function render(): void {
  renderStaticText();
  renderMessages();
  renderRoster();
  renderRun();
  renderDailyCap();
  renderCheck();
  renderRetry();
  renderSchedule();
  renderControls();
}

/** When the focused control just became disabled (or vanished), keyboard focus must not fall to the page. */
function keepFocus(fallback: HTMLElement): void {
  const active = document.activeElement as HTMLElement | null;
  const lost =
    !active ||
    active === document.body ||
    !active.isConnected ||
    (active as HTMLButtonElement).disabled === true ||
    active.closest('[hidden]') !== null;
  if (lost) fallback.focus();
}

// ---- actions -------------------------------------------------------------------------------------

/** Runs one server call for a button: marks it busy, shows a failure of google.script.run, redraws. */
async function withBusy<T>(busy: Busy, call: () => Promise<T>, keepError = false): Promise<T | null> {
  ui.busy.add(busy);
  if (!keepError) ui.error = null;
  render();
  try {
    return await call();
  } catch (error) {
    ui.error = errorMessage(error);
    return null;
  } finally {
    ui.busy.delete(busy);
    render();
  }
}

/** Re-reads the roster, schedule and daily cap; `keepError` leaves an earlier failure on screen. */
async function refreshState(keepError = false): Promise<boolean> {
  const seq = ++ui.stateSeq;
  const state = await withBusy('refresh', () => callServer('getSidebarState', target()), keepError);
  if (state === null || seq !== ui.stateSeq) return false;
  ui.state = state;
  render();
  return true;
}

async function startSend(): Promise<void> {
  if (ui.run === 'running') return;
  ui.run = 'running';
  ui.stopRequested = false;
  ui.progress = null;
  ui.loop = null;
  ui.error = null;
  ui.confirmOpen = false;
  ui.status = { key: 'sidebar.working' };
  render();
  const summary = await runSendLoop({
    call: () => callServer('sendInvitations', target()),
    shouldStop: () => ui.stopRequested,
    onProgress: (progress) => {
      ui.progress = progress;
      renderRun();
    },
  });
  ui.loop = summary;
  ui.run = runStateAfter(summary.end);
  if (summary.end === 'error') {
    ui.error = summary.error ?? '';
    ui.status = null;
  } else {
    const text = runEndMessage(ui.locale, summary);
    ui.status =
      summary.end === 'stopped'
        ? { key: 'sidebar.stopped' }
        : summary.end === 'stalled'
          ? { key: 'sidebar.noProgress', params: { remaining: summary.remaining } }
          : { text };
  }
  render();
  keepFocus(el.send);
  await refreshState(true);
}

function requestStop(): void {
  if (ui.run !== 'running') return;
  ui.stopRequested = true;
  ui.status = { key: 'sidebar.stopping' };
  render();
  keepFocus(el.send);
}

async function runCheck(): Promise<void> {
  const report = await withBusy('check', () => callServer('checkRoster', target()));
  if (report === null) return;
  ui.check = report;
  ui.status = { text: report.message };
  render();
}

function openRetryConfirm(): void {
  if (retrySelection(ui.state?.roster ?? null, ui.retryChecked).rows === 0) return;
  ui.confirmOpen = true;
  render();
  el.retryYes.focus();
}

function closeRetryConfirm(): void {
  ui.confirmOpen = false;
  render();
  el.retry.focus();
}

async function confirmRetry(): Promise<void> {
  const { codes } = retrySelection(ui.state?.roster ?? null, ui.retryChecked);
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
  keepFocus(el.retry.disabled ? el.send : el.retry);
  if (report !== null) await refreshState(true);
}

async function saveSchedule(): Promise<void> {
  const every = el.scheduleEvery.value;
  const hour = Number(el.scheduleHour.value);
  const report = await withBusy('schedule', () =>
    every === 'HOUR' || every === 'DAY'
      ? callServer(
          'setSchedule',
          every === 'DAY'
            ? { ...target(), every, atHour: Number.isInteger(hour) ? hour : 6 }
            : { ...target(), every },
        )
      : callServer('clearSchedule', target()),
  );
  if (report === null) return;
  ui.scheduleDirty = false;
  if (ui.state) ui.state = { ...ui.state, schedule: report };
  ui.status = { text: report.message };
  render();
}

function changeLocale(value: string): void {
  if (!isLocale(value) || value === ui.locale) return;
  ui.locale = value;
  render();
  // Messages written by the server (roster, schedule) come back in the new language.
  if (ui.run !== 'running') void refreshState();
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
  el.refresh.addEventListener('click', () => {
    ui.status = null;
    void refreshState();
  });
  el.send.addEventListener('click', () => void startSend());
  el.stop.addEventListener('click', requestStop);
  el.check.addEventListener('click', () => void runCheck());
  el.retry.addEventListener('click', openRetryConfirm);
  el.retryNo.addEventListener('click', closeRetryConfirm);
  el.retryYes.addEventListener('click', () => void confirmRetry());
  el.retryConfirm.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      closeRetryConfirm();
    }
  });
  el.scheduleEvery.addEventListener('change', () => {
    ui.scheduleDirty = true;
    syncScheduleControls();
  });
  el.scheduleHour.addEventListener('change', () => {
    ui.scheduleDirty = true;
  });
  el.scheduleSave.addEventListener('click', () => void saveSchedule());
}

async function start(): Promise<void> {
  buildHourOptions();
  wire();
  ui.status = { key: 'sidebar.loading' };
  render();
  const loaded = await refreshState();
  if (ui.status && 'key' in ui.status && ui.status.key === 'sidebar.loading') ui.status = null;
  render();
  if (loaded && boot.autostart) await startSend();
}

void start();
