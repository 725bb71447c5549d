/**
 * The typed list of top-level functions the bundle exposes; the entry file implements it and the
 * sidebar client calls through it, so a renamed or missing entry point fails the type check.
 */
import type * as server from './server';

export interface ServerApi {
  onOpen: typeof server.onOpen;
  onInstall: typeof server.onInstall;
  sendInvitations: typeof server.sendInvitations;
  checkRoster: typeof server.checkRoster;
  runScheduled: typeof server.runScheduled;
  getSchedule: typeof server.getSchedule;
  setSchedule: typeof server.setSchedule;
  clearSchedule: typeof server.clearSchedule;
  sendInvitationsFromMenu: typeof server.sendInvitationsFromMenu;
  checkRosterFromMenu: typeof server.checkRosterFromMenu;
}

/** Names of the entry points, in one list for tests of the built bundle. */
export const ENTRY_POINTS = [
  'onOpen',
  'onInstall',
  'sendInvitations',
  'checkRoster',
  'runScheduled',
  'getSchedule',
  'setSchedule',
  'clearSchedule',
  'sendInvitationsFromMenu',
  'checkRosterFromMenu',
] as const satisfies readonly (keyof ServerApi)[];
