/**
 * The retry panel: one checkbox per retryable Status code (with its count and what it means), Retry
 * failed rows, and the confirmation before cells are cleared. The focus never lands on Yes by itself:
 * a repeated Enter must not clear cells.
 */
import type { RetryableFinalCode } from '../contracts/sidebar-state';
import { ignoreRepeatedKeys, setText } from './dom';
import { PAGE_ELEMENTS } from './page-elements';
import type { Page, Panel } from './page';
import { retryItems, retryQuestion, retrySelection } from './view-model';

export function createRetryPanel(page: Page): Panel {
  const { dom, ui } = page;
  const el = dom.elements(PAGE_ELEMENTS.retry);
  const own = { checked: new Set<string>(), confirmOpen: false };

  /** A checkbox row, built once per code (fixed codes) and updated in place, keeping focus and ticks. */
  function codeRow(code: string): HTMLElement {
    const row = dom.element('div', undefined, 'retry-item');
    row.dataset.code = code;
    const label = dom.element('label');
    const box = dom.element('input');
    box.type = 'checkbox';
    box.name = 'retry-code';
    box.value = code;
    box.id = `retry-${code}`;
    box.setAttribute('aria-describedby', `retry-${code}-explain`);
    box.addEventListener('change', () => {
      if (box.checked) own.checked.add(code);
      else own.checked.delete(code);
      render();
    });
    label.append(box, dom.element('span'));
    const explain = dom.element('p', undefined, 'explain');
    explain.id = `retry-${code}-explain`;
    row.append(label, explain);
    el.codes.append(row);
    return row;
  }

  function render(): void {
    const roster = ui.state?.roster ?? null;
    const running = page.loopRunning();
    const items = retryItems(ui.locale, roster);
    // No failed rows, nothing to offer: the section is not shown (a confirmation open stays).
    el.section.hidden = !own.confirmOpen && items.every((item) => item.disabled);
    for (const item of items) {
      const row = el.codes.querySelector<HTMLElement>(`[data-code="${item.code}"]`) ?? codeRow(item.code);
      const box = row.querySelector('input') as HTMLInputElement;
      if (item.disabled) own.checked.delete(item.code);
      box.checked = own.checked.has(item.code);
      box.disabled = item.disabled || running;
      setText(row.querySelector('span'), item.text);
      setText(row.querySelector('p'), item.explanation);
      // A code with no rows is not offered; a row whose box has the focus stays until it is left.
      row.hidden = item.disabled && !row.contains(dom.doc.activeElement);
    }
    const selection = retrySelection(roster, own.checked);
    // Not while anything else changes the sheet (a send, set-up, a row action): the lease would refuse.
    dom.setAvailable(el.retry, !page.sheetBusy() && selection.rows > 0);
    if (own.confirmOpen && (selection.rows === 0 || running)) own.confirmOpen = false;
    if (!own.confirmOpen && !el.confirm.hidden && el.confirm.contains(dom.doc.activeElement)) {
      // Hiding the focused Yes / Cancel would drop the focus to the page: it goes back to Retry.
      el.confirm.hidden = true;
      dom.focusButton(el.retry);
    }
    el.confirm.hidden = !own.confirmOpen;
    dom.setAvailable(el.yes, !page.isBusy('retry'));
    setText(el.question, own.confirmOpen ? retryQuestion(ui.locale, selection) : '');
  }

  function open(): void {
    if (page.sheetBusy()) return;
    if (retrySelection(ui.state?.roster ?? null, own.checked).rows === 0) return;
    own.confirmOpen = true;
    page.render();
    // As for withdrawals: the focus goes to No, so a repeated Enter cannot clear cells.
    el.no.focus();
  }

  function close(): void {
    own.confirmOpen = false;
    page.render();
    dom.focusButton(el.retry);
  }

  async function confirm(): Promise<void> {
    if (!own.confirmOpen || page.sheetBusy()) return;
    const { codes } = retrySelection(ui.state?.roster ?? null, own.checked);
    // Closing the confirmation moves the focus back to Retry (render), which keeps it while busy.
    own.confirmOpen = false;
    if (codes.length === 0) {
      page.render();
      return;
    }
    const chosen: RetryableFinalCode[] = [...codes];
    const report = await page.withBusy('retry', () =>
      page.call('retryFailedRows', { ...page.target(), codes: chosen }),
    );
    if (report !== null) {
      if (report.ok && report.requeued > 0) page.sheetChanged();
      ui.status = { text: report.message };
      own.checked.clear();
    }
    page.render();
    if (report === null) return;
    await page.refreshState(true);
    // No failed rows left: the section is gone, with the focus in it; Send is what comes next.
    if (el.section.hidden && el.section.contains(dom.doc.activeElement)) dom.byId('send').focus();
  }

  dom.onPress(el.retry, open);
  dom.onPress(el.no, close);
  dom.onPress(el.yes, () => void confirm());
  el.confirm.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  });
  ignoreRepeatedKeys(el.confirm);
  return { render };
}
