/**
 * The view model of the sidebar's task area: the roster's state in one line ("Roster: 10 rows to
 * send · 2 need you · 4 done"), counted with the catalogue's plural forms. Pure: no DOM, no
 * google.script.run. Must never build HTML.
 */
import { RETRYABLE_FINAL_CODES, type RosterSummary } from '../contracts/sidebar-state';
import { t, tn, type Locale } from '../i18n';
import { safeCount } from './safe-count';

/** Rows with a final Status that needs a person (the codes "Retry failed rows" offers). */
export function rowsNeedingYou(roster: RosterSummary | null | undefined): number {
  return RETRYABLE_FINAL_CODES.reduce((sum, code) => sum + safeCount(roster?.statusCounts?.[code]), 0);
}

/** One line: the sheet and its counts, leaving out those at 0; '' before a roster was read. */
export function rosterLine(locale: Locale, roster: RosterSummary | null | undefined): string {
  if (!roster || !roster.sheetName) return '';
  const toSend = safeCount(roster.pending);
  const needYou = rowsNeedingYou(roster);
  const tryAgain = safeCount(roster.waiting);
  const done = Math.max(0, safeCount(roster.final) - needYou);
  const parts = [
    toSend > 0 ? tn(locale, 'task.toSend', toSend) : t(locale, 'task.nothing'),
    needYou > 0 ? tn(locale, 'task.needYou', needYou) : '',
    tryAgain > 0 ? tn(locale, 'task.tryAgain', tryAgain) : '',
    done > 0 ? tn(locale, 'task.done', done) : '',
  ].filter((part) => part !== '');
  return t(locale, 'task.rosterLine', {
    sheet: roster.sheetName,
    parts: parts.join(t(locale, 'task.separator')),
  });
}
