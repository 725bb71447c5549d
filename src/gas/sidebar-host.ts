/**
 * Shows the sidebar page with its boot data baked in (the page needs no call to draw itself).
 * Translation only: the page comes from sidebar.html, the data from the entry point.
 */
import type { BootData } from '../contracts/sidebar-state';

/** The marker in sidebar.html that showSidebar replaces with the page's boot data. */
export const BOOT_MARKER = '<script type="application/json" id="boot">{}</script>';

/** JSON that is safe inside a script element: no `</script>`, no `<!--`, no line separators. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function showSidebarPage(boot: BootData, title: string): void {
  const page = HtmlService.createHtmlOutputFromFile('sidebar').getContent();
  const script = `<script type="application/json" id="boot">${scriptJson(boot)}</script>`;
  const html = HtmlService.createHtmlOutput(page.replace(BOOT_MARKER, () => script)).setTitle(title);
  SpreadsheetApp.getUi().showSidebar(html);
}
