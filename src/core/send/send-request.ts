/**
 * How one send call is run, from what its caller says (README "Who can do what"). A call with no
 * argument at all (the Apps Script editor's Run, a script of the admin's own) does what the sheet says.
 * A call with a target comes from the sidebar, or from anyone's browser console: it withdraws only the
 * rows the admin confirmed, its run id is one the server gave this user, and it counts as started from
 * the menu only with the menu's one-use token. Pure: the user's store and the clock are given.
 */
import type { Clock, KeyValueStore } from '../platform/ports';
import type { RunSource } from '../platform/run-lease';
import { runIdFor, takeMenuToken } from '../history/run-ids';
import type { SendOptions } from './run-engine';
import { readConfirmedRows } from './withdrawal-confirmation';

export interface SendRequest {
  source: RunSource;
  /** The loop's id for the history ('' for a call that is a run of its own). */
  runId: string;
  withdrawals: SendOptions['withdrawals'];
  confirmedRows: SendOptions['confirmedRows'];
  elevatedRoles: SendOptions['elevatedRoles'];
}

export function sendRequest(target: unknown, userStore: KeyValueStore, clock: Clock): SendRequest {
  if (target === undefined || target === null || typeof target !== 'object') {
    return { source: 'api', runId: '', withdrawals: 'run', confirmedRows: null, elevatedRoles: 'run' };
  }
  const raw = target as Record<string, unknown>;
  // Rows, not counts: a flag without the rows the admin saw confirms nothing.
  const confirmedRows = raw.confirmWithdrawals === true ? readConfirmedRows(raw.confirmedRows) : [];
  return {
    source: takeMenuToken(userStore, clock, raw.menuToken) ? 'menu' : 'sidebar',
    runId: runIdFor(userStore, clock, raw.runId),
    withdrawals: confirmedRows.length > 0 ? 'run' : 'hold',
    confirmedRows,
    // An interactive send runs as the person who started it, with their own rights.
    elevatedRoles: 'run',
  };
}

/** A scheduled tick: never withdraws (nobody confirms), teacher/owner invitations only if allowed. */
export function tickRequest(teacherInvites: boolean): SendRequest {
  return {
    source: 'schedule',
    runId: '',
    withdrawals: 'hold',
    confirmedRows: null,
    elevatedRoles: teacherInvites ? 'run' : 'hold',
  };
}
