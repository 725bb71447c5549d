/** What "Set up the sheet" (and the first send) did to the roster's look (types only, JSON-safe). */
import type { StopReason } from './run-report';

/** Each tidy-up the add-on may apply; each is applied once and left alone after that. */
export type FormatStep = 'roleDropdown' | 'actionDropdown' | 'statusColours' | 'frozenHeader';

export interface FormatReport {
  ok: boolean;
  stoppedBecause: StopReason;
  /** One localized sentence: what was set up, or what stopped it and how to fix it. */
  message: string;
  sheetName: string;
  /** Steps applied by this call. */
  applied: FormatStep[];
  /** Steps already in place (nothing changed). */
  alreadyThere: FormatStep[];
  /** Steps left alone because the column already holds someone else's rule (kept as it was). */
  skipped: FormatStep[];
}
