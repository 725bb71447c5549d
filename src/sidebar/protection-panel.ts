/**
 * The protection offer (README "Who can do what"): while a schedule is on for this roster, who besides
 * its owner can edit the input columns, and — for the owner only — one click to protect them, keeping
 * the editors they tick. Hidden when there is nothing to offer. Editors' addresses come from the server
 * and are inserted as text.
 */
import { t } from '../i18n';
import { PAGE_ELEMENTS } from './page-elements';
import type { Page, Panel } from './page';

export function createProtectionPanel(page: Page): Panel {
  const { dom, ui } = page;
  const el = dom.elements(PAGE_ELEMENTS.protection);
  /** The editor list drawn last, so a redraw keeps what the owner ticked. */
  let drawn = '';

  function drawEditors(editors: readonly string[]): void {
    const key = editors.join('\n');
    if (key === drawn) return;
    drawn = key;
    el.editors.replaceChildren(
      ...editors.map((email, i) => {
        const { field, box } = dom.checkField(`protect-keep-${i}`, dom.element('span', email));
        box.value = email;
        return field;
      }),
    );
  }

  function render(): void {
    const protection = ui.state?.protection ?? null;
    el.section.hidden = protection === null;
    if (!protection) return;
    const lines = [protection.message];
    const owner = ui.state?.schedule.owner ?? '';
    if (!protection.protected && !protection.mayApply)
      lines.push(t(ui.locale, 'protect.ownerOnly', { owner }));
    dom.fillParagraphs(el.state, lines);
    const offer = protection.mayApply && !protection.protected;
    el.keep.hidden = !offer || protection.editors.length === 0;
    el.apply.hidden = !offer;
    if (offer) drawEditors(protection.editors);
    dom.setAvailable(el.apply, offer && !page.isBusy('schedule'));
  }

  async function apply(): Promise<void> {
    if (page.isBusy('schedule') || !ui.state?.protection) return;
    const editors = [...el.editors.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')]
      .filter((box) => box.checked)
      .map((box) => box.value);
    ui.status = { key: 'protect.working' };
    const report = await page.withBusy('schedule', () =>
      page.call('protectRoster', { ...page.target(), editors }),
    );
    if (report === null) return;
    if (ui.state) ui.state = { ...ui.state, protection: report };
    ui.status = { text: report.message };
    page.render();
  }

  dom.onPress(el.apply, () => void apply());
  return { render };
}
