/**
 * "Re-invite these" / "Withdraw these" under the sidebar's lists (who accepted, the live check): the
 * buttons, the call that writes the Action cells (setRowActions, under the run lease) and then the
 * usual withdrawal confirmation of the send panel. Never while a loop or another sheet change runs;
 * nothing is withdrawn before the admin answers that confirmation.
 */
import type { SetActionsReport } from '../contracts/row-actions';
import type { Page, Panel } from './page';
import { rowActionHint, rowActionLabel, rowsAsking, type RowActionGroup } from './row-actions-view';
import { safeCount } from './safe-count';

export interface RowActionsPanel extends Panel {
  /** The buttons of one list (a new element each time the list is drawn). */
  buttons(group: RowActionGroup): HTMLElement;
}

/** `confirm`: opens the send's withdrawal confirmation for the rows just set. */
export function createRowActionsPanel(
  page: Page,
  confirm: (report: SetActionsReport) => void,
): RowActionsPanel {
  const { dom, ui } = page;
  let drawn: HTMLButtonElement[] = [];

  function available(): boolean {
    return !page.sheetBusy();
  }

  function render(): void {
    drawn = drawn.filter((button) => button.isConnected);
    for (const button of drawn) dom.setAvailable(button, available());
  }

  async function act(group: RowActionGroup, action: RowActionGroup['actions'][number]): Promise<void> {
    if (!available() || group.rows.length === 0) return;
    ui.status = { key: 'rowActions.working' };
    const report = await page.withBusy('actions', () =>
      page.call('setRowActions', { ...page.target(), action, rows: group.rows }),
    );
    if (report === null) return;
    ui.status = { text: report.message };
    // Action cells changed: a check report on screen no longer describes the roster.
    if (safeCount(report.set) + safeCount(report.requeued) > 0) page.sheetChanged();
    page.render();
    // A write that failed part-way says which rows were set: the roster line shows them too.
    if (!report.ok && safeCount(report.set) + safeCount(report.requeued) > 0) void page.refreshStateQuietly();
    if (!report.ok || rowsAsking(report) === 0) return;
    // The roster as it is now lists the rows the confirmation names (and the send carries).
    if (await page.refreshState(true)) confirm(report);
  }

  function buttons(group: RowActionGroup): HTMLElement {
    const box = dom.element('div', undefined, 'row-actions');
    box.dataset.group = group.id;
    const hint = dom.element('p', rowActionHint(ui.locale, group.actions), 'explain');
    hint.id = `${group.id}-actions-hint`;
    const line = dom.element('div', undefined, 'buttons');
    for (const action of group.actions) {
      const button = dom.element('button', rowActionLabel(ui.locale, action));
      button.type = 'button';
      button.id = `${group.id}-${action.toLowerCase()}`;
      button.setAttribute('aria-describedby', hint.id);
      dom.setAvailable(button, available());
      dom.onPress(button, () => void act(group, action));
      line.append(button);
      drawn.push(button);
    }
    box.append(line, hint);
    return box;
  }

  return { render, buttons };
}
