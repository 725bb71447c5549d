/**
 * Reads the boot data that showSidebar bakes into the page (BootData JSON inside
 * `<script type="application/json" id="boot">`), with the fallbacks the page needs when it is opened
 * without it (tests, local preview): the browser's language, no pinned sheet, no autostart.
 * Pure; must never throw on malformed input.
 */
import { isLocale, pickLocale, type Locale } from '../i18n';

export interface Boot {
  locale: Locale;
  /** The sheet the sidebar was opened on; absent when unknown (the server then uses the active sheet). */
  sheetId?: number;
  autostart: boolean;
  /** With autostart: the menu's one-use token, passed back by the first send (SendTarget.menuToken). */
  menuToken?: string;
}

export function readBoot(json: string | null | undefined, browserLanguage: string | null | undefined): Boot {
  const data = parseJson(json ?? '');
  const raw = (data !== null && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const locale = isLocale(raw.locale) ? raw.locale : pickLocale(browserLanguage);
  const autostart = raw.autostart === true;
  const sheetId = raw.sheetId;
  const token =
    typeof raw.menuToken === 'string' && autostart ? { menuToken: raw.menuToken.slice(0, 64) } : {};
  return typeof sheetId === 'number' && Number.isInteger(sheetId)
    ? { locale, sheetId, autostart, ...token }
    : { locale, autostart, ...token };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The browser's own time zone, used only until the sidebar knows the spreadsheet's. */
export function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
