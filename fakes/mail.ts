/**
 * A simulated `MailApp`: `sendEmail` in its four call forms and `getRemainingDailyQuota`, with the
 * per-user daily recipient quota on the virtual clock, and a controller recording what was sent.
 * Nothing is ever delivered anywhere; mail exists only in `controller.sent`.
 * Must never record a message Apps Script would refuse (no FULL authorization, invalid recipient,
 * quota used up, or the execution killed during the call), nor let recipients escape the quota.
 */
import type { Runtime } from './execution';
import type { VirtualClock } from './virtual-clock';

export interface MailOptions {
  /**
   * Recipients a user may send to per rolling 24 h (default 100, the consumer limit; Google
   * Workspace accounts get 1,500). Every address in to, cc and bcc counts.
   */
  dailyQuota?: number;
  /** Virtual milliseconds one `sendEmail` takes (default 0). */
  latencyMs?: number;
}

/** The object form of `MailApp.sendEmail(message)` (the fields this fake models). */
export interface MailMessage {
  to?: string;
  cc?: string;
  bcc?: string;
  subject?: string;
  body?: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  noReply?: boolean;
}

export interface SentMail {
  /** The user the execution ran as. */
  from: string;
  to: string;
  cc?: string;
  bcc?: string;
  subject: string;
  body: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  noReply?: boolean;
  /** Virtual time of sending. */
  at: number;
}

export interface FakeMailApp {
  sendEmail(
    messageOrRecipient: MailMessage | string,
    subject?: string,
    body?: string,
    optionsOrBody?: MailMessage | string,
  ): void;
  getRemainingDailyQuota(): number;
}

export interface MailController {
  /** Every message sent, oldest first. */
  readonly sent: SentMail[];
  /** Recipients `email` may still send to in the rolling 24 h before now. */
  remainingQuota(email: string): number;
  readonly options: MailOptions;
  clear(): void;
}

const SCOPE = 'https://www.googleapis.com/auth/script.send_mail';
const DAY_MS = 24 * 3600 * 1000;
/** Deliberately simple: one @, no spaces or separators, a dot in the domain. */
const EMAIL_RE = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;

export function createMail(
  runtime: Runtime,
  clock: VirtualClock,
  options: MailOptions = {},
): { MailApp: FakeMailApp; controller: MailController } {
  const opts: MailOptions = { ...options };
  const sent: SentMail[] = [];
  /** Per sender: one entry per recipient, the send time (ascending). */
  const usage = new Map<string, number[]>();

  function used(email: string): number {
    const since = clock.now() - DAY_MS;
    return (usage.get(email.toLowerCase()) ?? []).filter((t) => t > since).length;
  }
  const quota = () => opts.dailyQuota ?? 100;
  const remaining = (email: string) => Math.max(0, quota() - used(email));

  /** The addresses of a comma-separated list; throws Apps Script's exception for a bad one. */
  function addresses(list: string | undefined): string[] {
    if (list === undefined || list.trim() === '') return [];
    return list.split(',').map((raw) => {
      const a = raw.trim();
      if (!EMAIL_RE.test(a)) throw runtime.exception(`Invalid email: ${a}`);
      return a;
    });
  }

  function normalize(
    first: MailMessage | string,
    subject: string | undefined,
    body: string | undefined,
    fourth: MailMessage | string | undefined,
  ): MailMessage {
    if (typeof first === 'object' && first !== null) return { ...first };
    // sendEmail(to, replyTo, subject, body): four strings.
    if (typeof fourth === 'string') return { to: first, replyTo: subject, subject: body, body: fourth };
    return { ...(fourth ?? {}), to: String(first), subject, body };
  }

  const MailApp: FakeMailApp = {
    sendEmail(first, subject, body, fourth) {
      runtime.op('MailApp.sendEmail', { auth: 'FULL', scope: SCOPE, costMs: opts.latencyMs ?? 0 });
      const m = normalize(first, subject, body, fourth);
      const recipients = [...addresses(m.to), ...addresses(m.cc), ...addresses(m.bcc)];
      // Apps Script's wording when no recipient at all is given.
      if (recipients.length === 0) throw runtime.exception('Failed to send email: no recipient');
      const from = runtime.current().user;
      if (used(from) + recipients.length > quota()) {
        throw runtime.exception('Service invoked too many times for one day: email.');
      }
      const now = clock.now();
      const times = usage.get(from.toLowerCase()) ?? [];
      for (let i = 0; i < recipients.length; i++) times.push(now);
      usage.set(from.toLowerCase(), times);
      const record: SentMail = {
        from,
        to: m.to ?? '',
        subject: m.subject === undefined ? '' : String(m.subject),
        body: m.body === undefined ? '' : String(m.body),
        at: now,
      };
      if (m.cc !== undefined) record.cc = m.cc;
      if (m.bcc !== undefined) record.bcc = m.bcc;
      if (m.htmlBody !== undefined) record.htmlBody = String(m.htmlBody);
      if (m.name !== undefined) record.name = String(m.name);
      if (m.replyTo !== undefined) record.replyTo = String(m.replyTo);
      if (m.noReply !== undefined) record.noReply = Boolean(m.noReply);
      sent.push(record);
    },
    getRemainingDailyQuota() {
      runtime.op('MailApp.getRemainingDailyQuota', { auth: 'FULL', scope: SCOPE });
      return remaining(runtime.current().user);
    },
  };

  const controller: MailController = {
    sent,
    remainingQuota: remaining,
    options: opts,
    clear() {
      sent.length = 0;
      usage.clear();
    },
  };
  return { MailApp, controller };
}
