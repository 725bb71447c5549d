/**
 * The preview sheet's cells as an admin uses them in Google Sheets: select one (click, arrow keys),
 * type into it (double-click, Enter, F2 or just start typing; Enter saves, Escape cancels; Delete
 * clears), and read its note (a corner triangle marks it; hovering or selecting the cell shows it).
 * An edit is posted to the preview server, which queues it with the add-on's calls, so the add-on's
 * next call sees it exactly as it would see a colleague's edit. Text goes in with textContent only.
 * Must never change the sheet itself: what the page shows comes back from the server.
 */
import { columnLetter } from '../../src/core/roster/column-letter';

export interface CellsOptions {
  table: HTMLTableElement;
  scroller: HTMLElement;
  /** The sheet tab shown now. */
  tab(): string;
  /** The cell's text and note as the page last drew them (1-based row and column). */
  cell(row: number, column: number): { text: string; note: string };
  labels: { editCell: string; editFailed: string; note: string };
  fill(template: string, values: Record<string, string | number>): string;
  /** A message for the admin (the page's alert). */
  alert(message: string): void;
}

interface Address {
  row: number;
  column: number;
}

const addressOf = (td: HTMLElement): Address | null => {
  const row = Number(td.dataset.row);
  const column = Number(td.dataset.col);
  return Number.isInteger(row) && Number.isInteger(column) && row > 0 && column > 0 ? { row, column } : null;
};

export function setUpCells(options: CellsOptions): { redrawn(): void } {
  const { table, scroller, labels } = options;
  let active: Address = { row: 1, column: 1 };
  let editing: Address | null = null;

  const editor = document.createElement('input');
  editor.type = 'text';
  editor.id = 'cell-editor';
  editor.hidden = true;
  editor.autocomplete = 'off';
  const popup = document.createElement('div');
  popup.id = 'note-popup';
  popup.setAttribute('role', 'tooltip');
  popup.hidden = true;
  scroller.append(editor, popup);

  const cellAt = (at: Address): HTMLTableCellElement | null =>
    table.querySelector<HTMLTableCellElement>(`td[data-row="${at.row}"][data-col="${at.column}"]`);

  /** Puts `td` where `box` can sit over or beside it (in the scroller's own coordinates). */
  const place = (box: HTMLElement, td: HTMLElement, beside: boolean) => {
    const cell = td.getBoundingClientRect();
    const frame = scroller.getBoundingClientRect();
    box.style.left = `${cell.left - frame.left + scroller.scrollLeft + (beside ? cell.width : 0)}px`;
    box.style.top = `${cell.top - frame.top + scroller.scrollTop}px`;
    if (!beside) {
      box.style.minWidth = `${Math.max(cell.width, 160)}px`;
      box.style.height = `${cell.height}px`;
    }
  };

  /** The one cell in the Tab order is the selected one (a roving tab index, as in a grid). */
  const select = (at: Address, focus: boolean) => {
    cellAt(active)?.setAttribute('tabindex', '-1');
    active = at;
    const td = cellAt(at);
    if (!td) return;
    td.tabIndex = 0;
    if (focus) td.focus();
  };

  const showNote = (td: HTMLElement) => {
    const at = addressOf(td);
    const note = at ? options.cell(at.row, at.column).note : '';
    if (!at || note === '' || editing) return hideNote();
    popup.textContent = note;
    popup.setAttribute('aria-label', `${labels.note} ${columnLetter(at.column)}${at.row}`);
    td.setAttribute('aria-describedby', 'note-popup');
    place(popup, td, true);
    popup.hidden = false;
  };
  const hideNote = () => {
    popup.hidden = true;
  };

  const startEditing = (at: Address, text?: string) => {
    const td = cellAt(at);
    if (!td) return;
    hideNote();
    editing = at;
    editor.value = text ?? options.cell(at.row, at.column).text;
    editor.setAttribute(
      'aria-label',
      options.fill(labels.editCell, { cell: `${columnLetter(at.column)}${at.row}` }),
    );
    place(editor, td, false);
    editor.hidden = false;
    editor.focus();
    if (text === undefined) editor.select();
  };

  const save = async (at: Address, value: string) => {
    try {
      const response = await fetch('/api/edit', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ tab: options.tab(), row: at.row, column: at.column, value }),
      });
      const answer = (await response.json()) as { ok: boolean; error?: { message?: string } };
      if (!answer.ok)
        options.alert(options.fill(labels.editFailed, { message: answer.error?.message ?? '' }));
    } catch (error) {
      options.alert(options.fill(labels.editFailed, { message: String(error) }));
    }
  };

  const stopEditing = (keep: boolean, move: number) => {
    const at = editing;
    if (!at) return;
    editing = null;
    editor.hidden = true;
    if (keep && editor.value !== options.cell(at.row, at.column).text) void save(at, editor.value);
    select({ row: Math.max(1, at.row + move), column: at.column }, true);
  };

  editor.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      stopEditing(true, 1);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      stopEditing(false, 0);
    } else if (event.key === 'Tab') {
      event.preventDefault();
      const at = editing;
      stopEditing(true, 0);
      if (at) select({ row: at.row, column: Math.max(1, at.column + (event.shiftKey ? -1 : 1)) }, true);
    }
  });
  editor.addEventListener('blur', () => stopEditing(true, 0));

  const cellOf = (target: EventTarget | null): HTMLTableCellElement | null =>
    target instanceof Element ? target.closest<HTMLTableCellElement>('td[data-row]') : null;

  table.addEventListener('click', (event) => {
    const td = cellOf(event.target);
    const at = td && addressOf(td);
    if (at) select(at, true);
  });
  table.addEventListener('dblclick', (event) => {
    const td = cellOf(event.target);
    const at = td && addressOf(td);
    if (at) startEditing(at);
  });
  table.addEventListener('keydown', (event) => {
    const td = cellOf(event.target);
    const at = td && addressOf(td);
    if (!at || editing) return;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      select({ row: Math.max(1, at.row + move[0]), column: Math.max(1, at.column + move[1]) }, true);
    } else if (event.key === 'Enter' || event.key === 'F2') {
      event.preventDefault();
      startEditing(at);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      if (options.cell(at.row, at.column).text !== '') void save(at, '');
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      startEditing(at, event.key);
    }
  });
  for (const [type, handler] of [
    [
      'mouseover',
      (event: Event) => (cellOf(event.target) ? showNote(cellOf(event.target) as HTMLElement) : undefined),
    ],
    [
      'focusin',
      (event: Event) => (cellOf(event.target) ? showNote(cellOf(event.target) as HTMLElement) : undefined),
    ],
    ['mouseleave', hideNote],
    ['focusout', hideNote],
  ] as const) {
    table.addEventListener(type, handler);
  }

  return {
    /** After the rows in the DOM were drawn again: the selected cell stays the one in the Tab order. */
    redrawn() {
      const td = cellAt(active) ?? table.querySelector<HTMLTableCellElement>('td[data-row]');
      if (td && td.tabIndex !== 0) td.tabIndex = 0;
    },
  };
}
