/**
 * Sending the opt-in summary email after a tick: first a summary an earlier tick could not send (its
 * rows were written once: no run finds them again), then this tick's when one is due; one that fails
 * is kept for the next tick, and a lasting stop problem is not emailed every hour
 * (scheduledEmailDecision). Never fails the tick: the tick's own record still says what happened.
 */
import type { Locale } from '../../i18n';
import type { RunReport } from '../../contracts/run-report';
import type { ScheduleRecord } from './schedule';
import {
  keepUnsentEmail,
  readEmailedStop,
  readUnsentEmail,
  scheduledEmailDecision,
  scheduledRunEmail,
  writeEmailedStop,
  type EmailMessage,
} from './summary-email';
import type { SummaryPorts } from './ports';

export interface SummaryPlace {
  name: string;
  url: string;
  /** A moment for the reader of `locale`, in the spreadsheet's time zone. */
  formatTime: (ms: number, locale: Locale) => string;
  sheetName(sheetId: number): string | null;
}

/** Sends what is due; returns the error of a send that failed ('' when none did). */
export function deliverSummary(
  ports: SummaryPorts,
  place: SummaryPlace,
  record: ScheduleRecord,
  report: RunReport,
  now: number,
): string {
  // No address for the schedule's owner (Apps Script could not tell it): nobody to write to.
  if (record.owner === '') return '';
  const store = ports.userStore;
  try {
    const decision = scheduledEmailDecision(readEmailedStop(store, ports.triggerId), report, now);
    const message = decision.email
      ? scheduledRunEmail(report, {
          locale: record.locale,
          spreadsheetName: place.name,
          spreadsheetUrl: place.url,
          sheetName: place.sheetName(record.sheetId) ?? '',
          time: place.formatTime(now, record.locale),
        })
      : null;
    const earlier = readUnsentEmail(store, ports.triggerId);
    const toSend = [earlier, message].filter((m): m is EmailMessage => m !== null);
    let error = '';
    for (const [i, mail] of toSend.entries()) {
      const mailed = ports.mail(record.owner, mail);
      if (mailed.ok) {
        if (mail === earlier) keepUnsentEmail(store, ports.triggerId, null);
        continue;
      }
      error = mailed.error;
      for (const rest of toSend.slice(i)) if (rest !== earlier) keepUnsentEmail(store, ports.triggerId, rest);
      break;
    }
    // Remembered as emailed even when kept unsent: the kept copy goes out after the next tick.
    writeEmailedStop(store, ports.triggerId, decision.remember);
    return error;
  } catch {
    return '';
  }
}
