/**
 * The set-up panel: "Set up the sheet" (dropdowns, Status colours, frozen header) and what it did.
 * Never runs while a loop or a retry holds the sheet: it changes the sheet's validation and colours.
 */
import type { FormatReport } from '../contracts/format-report';
import type { Locale } from '../i18n';
import { PAGE_ELEMENTS } from './page-elements';
import type { Page, Panel } from './page';
import { formatLines } from './sheet-setup-view';

export function createSetupPanel(page: Page): Panel {
  const { dom, ui } = page;
  const el = dom.elements(PAGE_ELEMENTS.setup);
  const own = {
    report: null as FormatReport | null,
    /** The language "Set up the sheet" answered in (its sentence is not redone: it writes). */
    locale: null as Locale | null,
  };

  function render(): void {
    dom.setAvailable(el.button, !page.sheetBusy());
    const report = own.report;
    if (!report) {
      el.report.replaceChildren();
      return;
    }
    // The server's sentence is in the language of its call; the step lines follow the language.
    const parts: Node[] = [];
    if (own.locale === ui.locale && report.message) parts.push(dom.element('p', report.message));
    const lines = formatLines(ui.locale, report);
    if (lines.length > 0) {
      parts.push(dom.textList(lines));
    }
    el.report.replaceChildren(...parts);
  }

  async function run(): Promise<void> {
    if (page.sheetBusy()) return;
    const locale = ui.locale;
    const report = await page.withBusy('format', () => page.call('formatRoster', page.target()));
    if (report === null) return;
    own.report = report;
    own.locale = locale;
    ui.status = { text: report.message };
    page.render();
  }

  dom.onPress(el.button, () => void run());
  return { render };
}
