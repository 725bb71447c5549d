/**
 * What the schedule's entry points return to the sidebar and what a tick returns (types only, JSON-safe).
 */
import type { StopReason } from './run-report';

export type ScheduleEvery = 'HOUR' | 'DAY';

export interface TickSummary {
  at: number;
  stoppedBecause: StopReason;
  ok: boolean;
  processed: number;
  remaining: number;
  /**
   * TEACHER/OWNER rows the tick left for a send from the sidebar (waiting, not failed); absent in
   * ticks recorded before they were held.
   */
  heldRoles?: number;
  message: string;
}

export interface ScheduleReport {
  ok: boolean;
  on: boolean;
  message: string;
  sheetId: number | null;
  sheetName: string | null;
  every: ScheduleEvery | null;
  atHour: number | null;
  owner: string | null;
  isMine: boolean;
  /** True when the owner gets an email summary after runs with rows that need a person. */
  email: boolean;
  /** True when each tick also refreshes the Accepted column after sending. */
  acceptance: boolean;
  /** True when ticks may also send TEACHER/OWNER invitations (the owner allowed it). */
  teacherInvites: boolean;
  /**
   * True when the owner's ticks found the add-on needs their permission again (owner's view only;
   * absent in reports from before it existed).
   */
  needsAuthorization?: boolean;
  lastTick: (Omit<TickSummary, 'at'> & { at: string }) | null;
}
