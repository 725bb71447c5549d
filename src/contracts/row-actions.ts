/**
 * What "Re-invite these" / "Withdraw these" sends and gets back (`setRowActions`): the rows a sidebar
 * list showed, and how many of them now ask for the action. Types and limits only.
 */
import type { StopReason } from './run-report';
import type { SidebarTarget } from './sidebar-state';
import type { Role } from './vocabulary';

/** The two actions a button may write into Action cells (INVITE is what a blank cell already says). */
export const SETTABLE_ACTIONS = ['REINVITE', 'WITHDRAW'] as const;
export type SettableAction = (typeof SETTABLE_ACTIONS)[number];

/** Rows one call may name (a sidebar list is shorter; a few tens of kilobytes over google.script.run). */
export const MAX_ACTION_ROWS = 2000;

/** One row as the list showed it: the server sets the Action only if the row still holds this. */
export interface ListedRow {
  /** 1-based sheet row. */
  row: number;
  /** Course id or alias, as the row held it. */
  course: string;
  /** The address (or id) as the row held it; compared trimmed and case-insensitively. */
  user: string;
  /** The role, when the list knew it: then the row must still ask for that role. */
  role?: Role;
}

export interface SetActionsRequest extends SidebarTarget {
  action: SettableAction;
  rows: ListedRow[];
}

export interface SetActionsReport {
  ok: boolean;
  /**
   * DONE; ALREADY_RUNNING or LOCK_BUSY (a send holds the sheet); NO_HEADER, …; BAD_INPUT for a request
   * that could not be read; NO_ACTION_COLUMN when the sheet has no Action column; PROTECTED when a
   * cell to write is protected against the user. Nothing is written unless DONE, or WRITE_FAILED
   * part-way (then `set` and `requeued` count what was written).
   */
  stoppedBecause: StopReason | 'BAD_INPUT' | 'NO_ACTION_COLUMN';
  message: string;
  sheetName: string;
  /** The action asked for (null when the request named none). */
  action: SettableAction | null;
  /**
   * The text the Action cells now hold: the action, or its Chinese keyword (重新邀请, 撤回) in a
   * Chinese column. Absent when nothing was looked at.
   */
  keyword?: string;
  /** Rows whose Action cell was written. */
  set: number;
  /** Rows whose Action already said so (not written again). */
  already: number;
  /**
   * Rows among `set` and `already` that had been done before (a final Status for what they now ask):
   * their Status was cleared so the next send performs the action.
   */
  requeued: number;
  /**
   * Rows left alone: changed, removed or no longer valid since the list was made, or their Action cell
   * is a formula or merged with rows not listed.
   */
  skipped: number;
  /**
   * Google Sheets' own words (English) when a read or write failed (WRITE_FAILED), for whoever
   * investigates: `message` says what happened in the admin's language, never these.
   */
  sheetsError?: string;
}
