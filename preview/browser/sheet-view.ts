/**
 * The preview page's own script: draws a sheet as a table and keeps it live (Server-Sent Events from
 * the preview server: each sheet whole once, then the rows each committed write changed), with a tab
 * for each sheet of the spreadsheet (the roster, then the run history once a run made it), runs the
 * add-on menu items, and shows the sidebar the bundle last opened. Only the rows near the view are in
 * the DOM, so a roster of 20,000 rows stays as quick as one of 20. Every text from the sheet or the
 * server goes in with textContent or an attribute, never as HTML.
 * Must never load anything from outside the preview server, nor tell the server which tab is shown:
 * the roster stays the add-on's active sheet whatever the admin looks at.
 */
import { ACCEPTED_STATES } from '../../src/contracts/acceptance-report';
import { OUTCOME_CODES } from '../../src/core/roster/outcome';
import { columnLetter } from '../../src/core/roster/column-letter';
import { fill, type PageData, type PageLabels } from '../page-data';
import type { Notice } from '../session';
import { applyPatch, type SheetPatch, type SheetSnapshot } from '../sheet-update';
import { setUpCells } from './sheet-cells';

const CODES: ReadonlySet<string> = new Set(OUTCOME_CODES);
const ACCEPTED: ReadonlySet<string> = new Set(ACCEPTED_STATES);
/** Menu items the tests and the page know by id. */
const MENU_IDS: Record<string, string> = {
  showSidebar: 'menu-sidebar',
  sendInvitationsFromMenu: 'menu-send',
  checkRosterFromMenu: 'menu-check',
};
/** Sheet rows in the DOM at most; the others are two spacer rows of the same height. */
const WINDOW_ROWS = 400;
/** The window moves when the view comes this close to one of its edges. */
const WINDOW_MARGIN = 80;

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The preview page has no #${id}`);
  return element as T;
}

const data = JSON.parse(byId('preview-data').textContent ?? '{}') as PageData;
const labels: PageLabels = data.labels;

// ------------------------------------------------------------------ the sheets
/** The roster's tab: shown first. */
const ROSTER = data.snapshot.tab;
/** The latest snapshot of each sheet, by name; every sheet's patches are applied, shown or not. */
const sheets = new Map<string, SheetSnapshot>([[ROSTER, data.snapshot]]);
for (const other of data.otherSheets) sheets.set(other.tab, other);
/** The newest snapshot of any sheet: the run state and the list of tabs are taken from it. */
let newest: SheetSnapshot = [...sheets.values()].reduce((a, b) => (b.seq > a.seq ? b : a));
/** The tab shown, and where each tab was left scrolled. */
let viewed = ROSTER;
const scrolledTo = new Map<string, [left: number, top: number]>();

// ------------------------------------------------------------------ the sheet shown
const table = byId<HTMLTableElement>('sheet');
const scroller = byId('sheet-scroll');
/** The sheet drawn (the tab shown). */
let sheet: SheetSnapshot = data.snapshot;
/** The grid drawn: the sheet's rows and columns plus a few spare, like a spreadsheet. */
let gridRows = 0;
let gridColumns = 0;
/** Rows in the DOM: [first, end), 0-based. */
let first = 0;
let end = 0;
let rowHeight = 21;
let rowsInDom: HTMLTableRowElement[] = [];
/** Selecting, editing and reading notes of cells (set up once the page's alerts exist). */
let cells: { redrawn(): void } | null = null;
const head = table.createTHead();
const body = table.createTBody();
const topSpacer = document.createElement('tr');
const bottomSpacer = document.createElement('tr');
for (const spacer of [topSpacer, bottomSpacer]) {
  spacer.className = 'spacer';
  spacer.setAttribute('aria-hidden', 'true');
  spacer.appendChild(document.createElement('td'));
}

function drawHead(): void {
  const row = document.createElement('tr');
  const corner = document.createElement('th');
  corner.className = 'corner';
  row.appendChild(corner);
  for (let c = 1; c <= gridColumns; c++) {
    const th = document.createElement('th');
    th.textContent = columnLetter(c);
    th.scope = 'col';
    row.appendChild(th);
  }
  head.replaceChildren(row);
}

function paintCell(td: HTMLTableCellElement, r: number, c: number): void {
  const header = sheet.headerRow;
  const text = sheet.values[r]?.[c] ?? '';
  const note = sheet.notes[r]?.[c] ?? '';
  const isStatus = header !== null && c + 1 === sheet.statusColumn && r + 1 > header;
  const code = isStatus && CODES.has(text) ? text : '';
  const isAccepted = header !== null && c + 1 === sheet.acceptedColumn && r + 1 > header;
  const state = isAccepted && ACCEPTED.has(text) ? text : '';
  if (td.textContent !== text) td.textContent = text;
  // A note shows in its own box on hover or selection (sheet-cells.ts); a long text in the tooltip.
  const title = text.length > 24 ? text : '';
  if (td.title !== title) td.title = title;
  td.classList.toggle('has-note', note !== '');
  td.classList.toggle('status', isStatus && text !== '');
  if ((td.dataset.code ?? '') !== code) {
    if (code) td.dataset.code = code;
    else delete td.dataset.code;
  }
  if ((td.dataset.accepted ?? '') !== state) {
    if (state) td.dataset.accepted = state;
    else delete td.dataset.accepted;
  }
}

function paintRow(tr: HTMLTableRowElement, r: number): void {
  tr.classList.toggle('header-row', r + 1 === sheet.headerRow);
  for (let c = 0; c < gridColumns; c++) {
    const td = tr.cells[c + 1];
    if (td) paintCell(td, r, c);
  }
}

function makeRow(r: number): HTMLTableRowElement {
  const tr = document.createElement('tr');
  tr.setAttribute('aria-rowindex', String(r + 2));
  const th = document.createElement('th');
  th.textContent = String(r + 1);
  th.scope = 'row';
  tr.appendChild(th);
  for (let c = 1; c <= gridColumns; c++) {
    const td = tr.insertCell();
    td.dataset.row = String(r + 1);
    td.dataset.col = String(c);
  }
  paintRow(tr, r);
  return tr;
}

/** The rows to have in the DOM for the current scroll position. */
function wantedWindow(): [number, number] {
  if (gridRows <= WINDOW_ROWS) return [0, gridRows];
  const top = scroller.scrollTop - head.offsetHeight;
  const visible = Math.ceil(scroller.clientHeight / rowHeight) + 1;
  const firstSeen = Math.min(Math.max(0, Math.floor(top / rowHeight)), gridRows - 1);
  const lastSeen = Math.min(gridRows, firstSeen + visible);
  const keep =
    end - first === WINDOW_ROWS &&
    end <= gridRows &&
    (first === 0 || firstSeen >= first + WINDOW_MARGIN) &&
    (end === gridRows || lastSeen <= end - WINDOW_MARGIN);
  if (keep) return [first, end];
  const start = Math.min(
    Math.max(0, firstSeen - Math.floor((WINDOW_ROWS - visible) / 2)),
    gridRows - WINDOW_ROWS,
  );
  return [start, start + WINDOW_ROWS];
}

function drawWindow(force: boolean): void {
  const [start, stop] = wantedWindow();
  if (!force && start === first && stop === end) return;
  first = start;
  end = stop;
  rowsInDom = [];
  for (let r = first; r < end; r++) rowsInDom.push(makeRow(r));
  const spacerCells = [topSpacer, bottomSpacer].map((s) => s.cells[0] as HTMLTableCellElement);
  for (const td of spacerCells) td.colSpan = gridColumns + 1;
  (spacerCells[0] as HTMLTableCellElement).style.height = `${first * rowHeight}px`;
  (spacerCells[1] as HTMLTableCellElement).style.height = `${(gridRows - end) * rowHeight}px`;
  topSpacer.hidden = first === 0;
  bottomSpacer.hidden = end === gridRows;
  body.replaceChildren(topSpacer, ...rowsInDom, bottomSpacer);
  cells?.redrawn();
  const measured = rowsInDom[0]?.getBoundingClientRect().height ?? 0;
  if (measured > 0 && Math.abs(measured - rowHeight) > 0.5) {
    rowHeight = measured;
    drawWindow(true);
  }
}

function drawMeta(): void {
  table.setAttribute(
    'aria-label',
    fill(labels.sheet, { spreadsheet: sheet.spreadsheetName, tab: sheet.tab }),
  );
  table.setAttribute('aria-rowcount', String(gridRows + 1));
  byId('doc-title').textContent = newest.spreadsheetName;
  // The run state is the newest snapshot’s, whichever sheet it is of.
  const run = newest;
  const executions = Object.entries(run.executions)
    .filter(([name]) => name !== 'onOpen')
    .map(([name, n]) => `${name} ×${n}`)
    .join(', ');
  byId('run-state').textContent = run.running ? fill(labels.running, { name: run.running }) : labels.idle;
  byId('run-state').dataset.running = run.running ?? '';
  const calls = byId('calls');
  calls.textContent = fill(labels.calls, { executions: executions || '—', calls: run.classroomCalls });
  calls.title = calls.textContent;
  drawClock();
}

/**
 * The simulated time. The clock runs between calls too (at the preview's speed), so while nothing
 * runs the page moves it on from the newest snapshot's time as the worker will.
 */
let newestAt = performance.now();
function drawClock(): void {
  const base = Date.parse(newest.now);
  const now = newest.running ? base : base + (performance.now() - newestAt) * data.speed;
  const time = Number.isFinite(now) ? new Date(now).toISOString().slice(11, 19) : newest.now.slice(11, 19);
  const clock = byId('virtual-time');
  const text = fill(labels.virtualTime, { time });
  if (clock.textContent !== text) clock.textContent = text;
}
setInterval(drawClock, 1000);

/** Draws `next`: the rows in `changed` only, unless the grid's shape or header moved. */
function render(next: SheetSnapshot, changed: number[] | null): void {
  const before = sheet;
  sheet = next;
  const rows = Math.max(next.values.length + 3, 24);
  const columns = Math.max((next.values[0]?.length ?? 0) + 1, 8);
  const layoutMoved =
    changed === null ||
    rows !== gridRows ||
    columns !== gridColumns ||
    before.headerRow !== next.headerRow ||
    before.statusColumn !== next.statusColumn ||
    before.acceptedColumn !== next.acceptedColumn;
  if (columns !== gridColumns) {
    gridColumns = columns;
    drawHead();
  }
  gridRows = rows;
  if (layoutMoved) drawWindow(true);
  else {
    for (const r of changed) {
      const tr = rowsInDom[r - first];
      if (tr && r >= first && r < end) paintRow(tr, r);
    }
  }
  drawMeta();
}

let scrollQueued = false;
const onScroll = () => {
  if (scrollQueued) return;
  scrollQueued = true;
  requestAnimationFrame(() => {
    scrollQueued = false;
    drawWindow(false);
  });
};
scroller.addEventListener('scroll', onScroll, { passive: true });
window.addEventListener('resize', onScroll);

// ------------------------------------------------------------------ the tabs
const tabList = byId('tabs');
/** The tab buttons drawn, in the spreadsheet's order. */
let tabButtons: HTMLButtonElement[] = [];

/** The spreadsheet's sheets as the newest snapshot lists them (the roster at least). */
function tabNames(): string[] {
  return newest.tabs.length > 0 ? newest.tabs : [ROSTER];
}

function drawTabs(): void {
  const names = tabNames().filter((name) => sheets.has(name));
  const same =
    names.length === tabButtons.length && names.every((name, i) => tabButtons[i]?.dataset.tab === name);
  if (!same) {
    tabButtons = names.map((name, i) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.id = `tab-${i}`;
      button.setAttribute('role', 'tab');
      button.setAttribute('aria-controls', 'sheet-scroll');
      button.dataset.tab = name;
      button.textContent = name;
      return button;
    });
    tabList.replaceChildren(...tabButtons);
  }
  for (const button of tabButtons) {
    const selected = button.dataset.tab === viewed;
    if (button.getAttribute('aria-selected') !== String(selected)) {
      button.setAttribute('aria-selected', String(selected));
    }
    button.tabIndex = selected ? 0 : -1;
    if (selected) scroller.setAttribute('aria-labelledby', button.id);
  }
}

/** Shows the sheet `tab` where it was left scrolled; the add-on is not told (its active sheet stays). */
function showTab(tab: string): void {
  const next = sheets.get(tab);
  if (!next) return;
  if (tab !== viewed) {
    scrolledTo.set(viewed, [scroller.scrollLeft, scroller.scrollTop]);
    viewed = tab;
    render(next, null);
    const [left, top] = scrolledTo.get(tab) ?? [0, 0];
    scroller.scrollLeft = left;
    scroller.scrollTop = top;
    drawWindow(false);
  }
  drawTabs();
}

tabList.addEventListener('click', (event) => {
  const button = (event.target as Element).closest<HTMLButtonElement>('button[role="tab"]');
  if (button?.dataset.tab !== undefined) showTab(button.dataset.tab);
});
// The arrow keys move between tabs, as in a tab list (only the selected tab is in the Tab order).
tabList.addEventListener('keydown', (event) => {
  const at = tabButtons.findIndex((b) => b.dataset.tab === viewed);
  const last = tabButtons.length - 1;
  const to =
    event.key === 'ArrowRight'
      ? Math.min(last, at + 1)
      : event.key === 'ArrowLeft'
        ? Math.max(0, at - 1)
        : event.key === 'Home'
          ? 0
          : event.key === 'End'
            ? last
            : -1;
  const button = tabButtons[to];
  if (!button?.dataset.tab) return;
  event.preventDefault();
  showTab(button.dataset.tab);
  button.focus();
});

/**
 * Takes in a sheet's new snapshot (`changed`: the rows a patch carried, or null for a whole sheet):
 * drawn if its tab is shown; the tabs and the run state follow the newest.
 */
function receive(next: SheetSnapshot, changed: number[] | null): void {
  sheets.set(next.tab, next);
  if (next.seq >= newest.seq) {
    newest = next;
    newestAt = performance.now();
  }
  // A sheet the spreadsheet no longer has loses its tab; the roster is always there.
  for (const tab of [...sheets.keys()]) {
    if (tab !== ROSTER && !tabNames().includes(tab)) sheets.delete(tab);
  }
  if (!sheets.has(viewed)) showTab(ROSTER);
  else if (next.tab === viewed) render(next, changed);
  else drawMeta();
  drawTabs();
}

// ------------------------------------------------------------------ the sidebar
const panel = byId('sidebar-panel');
const frame = byId<HTMLIFrameElement>('sidebar-frame');
let sidebarSeq = data.sidebar?.seq ?? 0;

/** Shows the sidebar `seq` (a new one each time the bundle showed one; an old one is not reopened). */
function showSidebar(seq: number, title: string): void {
  if (seq < sidebarSeq) return;
  byId('sidebar-title').textContent = title;
  frame.title = title || labels.sidebarFrame;
  if (seq === sidebarSeq && frame.getAttribute('src')) return;
  panel.hidden = false;
  sidebarSeq = seq;
  frame.src = `/sidebar?seq=${seq}`;
}

function hideSidebar(): void {
  panel.hidden = true;
}

window.addEventListener('message', (event: MessageEvent) => {
  const message = event.data as { source?: unknown; type?: unknown } | null;
  if (event.origin !== location.origin || message?.source !== 'roster-preview') return;
  if (message.type === 'close') hideSidebar();
});
byId('sidebar-close').addEventListener('click', hideSidebar);

// ------------------------------------------------------------------ alerts, toasts, the menu
const dialog = byId<HTMLDialogElement>('alert');
const alertQueue: Notice[] = [];

function nextAlert(): void {
  if (dialog.open) return;
  const notice = alertQueue.shift();
  if (!notice) return;
  byId('alert-title').textContent = notice.title || labels.alertTitle;
  byId('alert-message').textContent = notice.message;
  dialog.showModal();
}
dialog.addEventListener('close', nextAlert);

let toastTimer: ReturnType<typeof setTimeout> | undefined;
function showToast(notice: Notice): void {
  const toast = byId('toast');
  byId('toast-title').textContent = notice.title;
  byId('toast-message').textContent = notice.message;
  toast.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (toast.hidden = true), 6000);
}

function showFatal(message: string): void {
  const banner = byId('fatal');
  banner.textContent = fill(labels.failed, { message });
  banner.hidden = false;
}

interface MenuAnswer {
  ok: boolean;
  error?: { message?: string };
  alerts?: Notice[];
  toasts?: Notice[];
}

async function runMenu(functionName: string, button: HTMLButtonElement): Promise<void> {
  button.setAttribute('aria-busy', 'true');
  try {
    const response = await fetch(`/api/menu/${encodeURIComponent(functionName)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '[]',
    });
    const answer = (await response.json()) as MenuAnswer;
    alertQueue.push(...(answer.alerts ?? []));
    if (!answer.ok) alertQueue.push({ title: labels.alertTitle, message: answer.error?.message ?? '' });
    for (const toast of answer.toasts ?? []) showToast(toast);
    nextAlert();
  } catch (error) {
    alertQueue.push({ title: labels.alertTitle, message: String(error) });
    nextAlert();
  } finally {
    button.removeAttribute('aria-busy');
  }
}

const menu = byId('menu-items');
for (const item of data.menu) {
  const button = document.createElement('button');
  button.type = 'button';
  button.id = MENU_IDS[item.functionName] ?? `menu-${item.functionName}`;
  button.dataset.function = item.functionName;
  // A caption is the button's accessible name: never leave it empty.
  button.textContent = item.caption.trim() || item.functionName;
  button.addEventListener('click', () => void runMenu(item.functionName, button));
  menu.appendChild(button);
}

cells = setUpCells({
  table,
  scroller,
  tab: () => viewed,
  cell: (row, column) => ({
    text: sheet.values[row - 1]?.[column - 1] ?? '',
    note: sheet.notes[row - 1]?.[column - 1] ?? '',
  }),
  labels,
  fill,
  alert(message) {
    alertQueue.push({ title: labels.alertTitle, message });
    nextAlert();
  },
});

// ------------------------------------------------------------------ live updates
render(sheet, null);
drawTabs();
if (data.sidebar) showSidebar(data.sidebar.seq, data.sidebar.title);
if (data.fatal) showFatal(data.fatal);

const connection = byId('connection');
function setConnected(connected: boolean): void {
  connection.classList.toggle('lost', !connected);
  const text = connected ? '' : labels.disconnected;
  if (connection.textContent !== text) connection.textContent = text;
}

const events = new EventSource(`/api/events?seq=${newest.seq}`);
events.addEventListener('hello', (event) => {
  const { instance } = JSON.parse(event.data) as { instance: string };
  // Another run of npm start on this port: its sheet, menu and sidebar are new.
  if (instance !== data.instance) location.reload();
  else setConnected(true);
});
events.addEventListener('snapshot', (event) => receive(JSON.parse(event.data) as SheetSnapshot, null));
events.addEventListener('patch', (event) => {
  const patch = JSON.parse(event.data) as SheetPatch;
  const base = sheets.get(patch.tab) ?? null;
  receive(applyPatch(base, patch), base ? patch.changed.map(([r]) => r) : null);
});
events.addEventListener('sidebar', (event) => {
  const sidebar = JSON.parse(event.data) as { seq: number; title: string };
  showSidebar(sidebar.seq, sidebar.title);
});
events.addEventListener('fatal', (event) =>
  showFatal((JSON.parse(event.data) as { message: string }).message),
);
events.addEventListener('error', () => setConnected(false));
