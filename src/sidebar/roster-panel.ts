/**
 * The roster panel: which sheet, its header row, its columns, its counts and the Status codes in it
 * (each opens to what it means and how to fix it), and Refresh. Reads only what getSidebarState
 * returned; never calls the server itself but through the page's refresh.
 */
import { t } from '../i18n';
import { setText } from './dom';
import { PAGE_ELEMENTS } from './page-elements';
import type { Page, Panel } from './page';
import { rosterLine } from './task-view';
import { codeItems, columnLines, rosterCountLines } from './view-model';
import { actionCountLines } from './withdrawal-view';

export function createRosterPanel(page: Page): Panel {
  const { dom, ui } = page;
  const el = dom.elements(PAGE_ELEMENTS.roster);

  function render(): void {
    dom.setAvailable(el.refresh, !page.loopRunning() && !page.isBusy('refresh'));
    const roster = ui.state?.roster ?? null;
    setText(el.line, rosterLine(ui.locale, roster));
    if (!roster) {
      setText(el.sheetName, '');
      setText(el.headerRow, '');
      setText(el.message, ui.loadFailed ? t(ui.locale, 'sidebar.notLoaded') : '');
      el.columns.replaceChildren();
      el.countLines.replaceChildren();
      el.noStatus.hidden = true;
      dom.renderCodeList(el.statusCodes, []);
      return;
    }
    setText(el.sheetName, roster.sheetName);
    setText(
      el.headerRow,
      roster.headerRow ? t(ui.locale, 'sidebar.headerRow', { row: roster.headerRow }) : '',
    );
    setText(el.message, roster.ok ? '' : roster.message);
    dom.fillList(
      el.columns,
      columnLines(ui.locale, roster).map((line) => ({
        text: line.text,
        className: line.state === 'missing' ? 'col-missing' : undefined,
      })),
    );
    dom.fillList(el.countLines, [
      ...rosterCountLines(ui.locale, roster),
      ...actionCountLines(ui.locale, roster),
    ]);
    const codes = codeItems(ui.locale, roster.statusCounts);
    el.noStatus.hidden = codes.length > 0;
    dom.renderCodeList(el.statusCodes, codes);
  }

  dom.onPress(el.refresh, () => {
    ui.status = null;
    void page.refreshState();
  });
  return { render };
}
