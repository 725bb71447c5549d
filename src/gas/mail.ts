/**
 * Sends one plain-text email through MailApp (scope script.send_mail): translation only. Never sends
 * HTML (no htmlBody), and never throws: MailApp's failures (daily quota, bad address) are returned,
 * because an email that cannot be sent must not fail the scheduled run it reports on.
 */
import type { EmailMessage } from '../core/schedule/summary-email';

export type MailResult = { ok: true } | { ok: false; error: string };

export function sendPlainEmail(to: string, message: EmailMessage): MailResult {
  if (to.trim() === '') return { ok: false, error: 'no recipient address' };
  try {
    MailApp.sendEmail({ to, subject: message.subject, body: message.body });
    return { ok: true };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    return { ok: false, error: text.replace(/\s+/g, ' ').trim().slice(0, 300) };
  }
}
