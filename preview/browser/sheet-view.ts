/**
 * The preview page's own script: draws the roster sheet as a table and keeps it live (Server-Sent
 * Events from the preview server, one snapshot per committed write), runs the add-on menu items, and
 * shows the sidebar the bundle last opened. Every text from the sheet or the server goes in with
 * textContent or an attribute, never as HTML.
 * Must never load anything from outside the preview server.
 */
import { OUTCOME_CODES } from '../../src/core/outcome';
import { columnLetter } from '../../src/core/column-letter';
import { fill, type PageData, type PageLabels } from '../page-data';
import type { Notice, SheetSnapshot } from '../session';

const CODES: ReadonlySet<string> = new Set(OUTCOME_CODES);
/** Menu items the tests and the page know by id. */
const MENU_IDS: Record<string, string> = {
  showSidebar: 'menu-sidebar',
  sendInvitationsFromMenu: 'menu-send',
  checkRosterFromMenu: 'menu-check',
};

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The preview page has no #${id}`);
  return element as T;
}

const data = JSON.parse(byId('preview-data').textContent ?? '{}') as PageData;
const labels: PageLabels = data.labels;

// ------------------------------------------------------------------ the sheet
const table = byId<HTMLTableElement>('sheet');
let shape = '';
let cells: HTMLTableCellElement[][] = [];
let rowHeads: HTMLTableRowElement[] = [];

function rebuild(rows: number, columns: number): void {
  const head = document.createElement('thead');
  const headRow = head.insertRow();
  const corner = document.createElement('th');
  corner.className = 'corner';
  headRow.appendChild(corner);
  for (let c = 1; c <= columns; c++) {
    const th = document.createElement('th');
    th.textContent = columnLetter(c);
    th.scope = 'col';
    headRow.appendChild(th);
  }
  const body = document.createElement('tbody');
  cells = [];
  rowHeads = [];
  for (let r = 1; r <= rows; r++) {
    const tr = body.insertRow();
    const th = document.createElement('th');
    th.textContent = String(r);
    th.scope = 'row';
    tr.appendChild(th);
    const line: HTMLTableCellElement[] = [];
    for (let c = 1; c <= columns; c++) {
      const td = tr.insertCell();
      td.dataset.row = String(r);
      td.dataset.col = String(c);
      line.push(td);
    }
    cells.push(line);
    rowHeads.push(tr);
  }
  table.replaceChildren(head, body);
}

function renderSheet(snapshot: SheetSnapshot): void {
  const dataRows = snapshot.values.length;
  const dataColumns = snapshot.values[0]?.length ?? 0;
  // Like a spreadsheet: a few empty rows and a column to spare.
  const rows = Math.max(dataRows + 3, 24);
  const columns = Math.max(dataColumns + 1, 8);
  if (shape !== `${rows}x${columns}`) {
    shape = `${rows}x${columns}`;
    rebuild(rows, columns);
  }
  const header = snapshot.headerRow;
  rowHeads.forEach((tr, r) => tr.classList.toggle('header-row', r + 1 === header));
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const td = cells[r]?.[c];
      if (!td) continue;
      const text = snapshot.values[r]?.[c] ?? '';
      const note = snapshot.notes[r]?.[c] ?? '';
      const isStatus = header !== null && c + 1 === snapshot.statusColumn && r + 1 > header;
      const code = isStatus && CODES.has(text) ? text : '';
      if (td.textContent !== text) td.textContent = text;
      const title = note ? `${text}\n\n${labels.note}: ${note}` : text.length > 24 ? text : '';
      if (td.title !== title) td.title = title;
      td.classList.toggle('has-note', note !== '');
      td.classList.toggle('status', isStatus && text !== '');
      if ((td.dataset.code ?? '') !== code) {
        if (code) td.dataset.code = code;
        else delete td.dataset.code;
      }
    }
  }
  byId('tab').textContent = snapshot.tab;
  byId('doc-title').textContent = snapshot.spreadsheetName;
  const executions = Object.entries(snapshot.executions)
    .filter(([name]) => name !== 'onOpen')
    .map(([name, n]) => `${name} ×${n}`)
    .join(', ');
  byId('run-state').textContent = snapshot.running
    ? fill(labels.running, { name: snapshot.running })
    : labels.idle;
  byId('run-state').dataset.running = snapshot.running ?? '';
  const calls = byId('calls');
  calls.textContent = fill(labels.calls, { executions: executions || '—', calls: snapshot.classroomCalls });
  calls.title = calls.textContent;
  byId('virtual-time').textContent = fill(labels.virtualTime, { time: snapshot.now.slice(11, 19) });
}

// ------------------------------------------------------------------ the sidebar
const panel = byId('sidebar-panel');
const frame = byId<HTMLIFrameElement>('sidebar-frame');
let sidebarSeq = data.sidebar?.seq ?? 0;

function showSidebar(seq: number, title: string): void {
  panel.hidden = false;
  byId('sidebar-title').textContent = title;
  if (seq !== sidebarSeq || !frame.getAttribute('src')) {
    sidebarSeq = seq;
    frame.src = `/sidebar?seq=${seq}`;
  }
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
  button.textContent = item.caption;
  button.addEventListener('click', () => void runMenu(item.functionName, button));
  menu.appendChild(button);
}

// ------------------------------------------------------------------ live updates
renderSheet(data.snapshot);
if (data.sidebar) showSidebar(data.sidebar.seq, data.sidebar.title);

const events = new EventSource('/api/events');
events.addEventListener('snapshot', (event) => renderSheet(JSON.parse(event.data) as SheetSnapshot));
events.addEventListener('sidebar', (event) => {
  const sidebar = JSON.parse(event.data) as { seq: number; title: string };
  showSidebar(sidebar.seq, sidebar.title);
});
events.addEventListener('open', () => byId('connection').classList.remove('lost'));
events.addEventListener('error', () => byId('connection').classList.add('lost'));
