/**
 * One factory for what every run on a spreadsheet needs from Apps Script: who runs it, their own
 * store, the clock and the spreadsheet's time format, and the spreadsheet's run lease (developer
 * metadata of this project, the document or script lock, and the script store earlier versions left
 * leases in). Translation only.
 */
import type { Clock, KeyValueStore } from '../core/platform/ports';
import type { LeaseAccess, RunSource } from '../core/platform/run-lease';
import { isLocale, pickLocale, type Locale } from '../i18n';
import { formatTimeIn, gasClock } from './clock';
import { leaseSection } from './lease-lock';
import { projectMetadataStore } from './project-metadata';
import { propertyStore } from './properties';

export interface RunContextParts {
  spreadsheetId: string;
  /** Who runs it (email, or '' when Apps Script cannot tell). */
  user: string;
  source: RunSource;
  clock: Clock;
  formatTime: (ms: number) => string;
  userStore: KeyValueStore;
  lease: LeaseAccess;
}

/** The language a call asked for, else the running user's own, else English. */
export function userLocale(requested?: unknown): Locale {
  if (isLocale(requested)) return requested;
  try {
    return pickLocale(Session.getActiveUserLocale());
  } catch {
    return 'en';
  }
}

/** The running user's email, or '' when Apps Script cannot tell (consumer or cross-domain users). */
export function currentUser(): string {
  try {
    return Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail() || '';
  } catch {
    return '';
  }
}

export function userStore(): KeyValueStore {
  return propertyStore(PropertiesService.getUserProperties());
}

export function runContext(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  source: RunSource,
  locale: Locale,
): RunContextParts {
  return {
    spreadsheetId: spreadsheet.getId(),
    user: currentUser(),
    source,
    clock: gasClock,
    formatTime: formatTimeIn(spreadsheet.getSpreadsheetTimeZone(), locale),
    userStore: userStore(),
    lease: {
      store: projectMetadataStore(spreadsheet),
      section: leaseSection,
      legacyStore: propertyStore(PropertiesService.getScriptProperties()),
    },
  };
}
