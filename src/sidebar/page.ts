/**
 * What the sidebar's panels share: the state every panel reads (language, the roster state, which
 * loop runs, the status line) and the page services a panel may use (redraw, refresh, busy calls).
 * Each panel keeps its own state and draws only its own part. Types only, no DOM access of its own.
 */
import type { SidebarState, SidebarTarget } from '../contracts/sidebar-state';
import type { Locale, MessageKey, MessageParams } from '../i18n';
import type { AcceptanceLoopSummary } from './acceptance-loop';
import type { Dom } from './dom';
import type { RowActionGroup } from './row-actions-view';
import type { SendLoopSummary, SendProgress } from './send-loop';
import type { callServer } from './server-client';

export type RunState = 'idle' | 'running' | 'stopped' | 'done' | 'failed';
export type Busy = 'refresh' | 'check' | 'retry' | 'schedule' | 'format' | 'select' | 'actions';
/** How a send was started: the menu's "Send invitations" (autostart) or the sidebar's button. */
export type SendOrigin = 'menu' | 'sidebar';

/**
 * A status line: a catalogue key or the end of a send loop (both redrawn when the language changes),
 * or a server sentence (in the language of that call).
 */
export type StatusMessage =
  | { key: MessageKey; params?: MessageParams }
  | { progress: SendProgress }
  | { loop: SendLoopSummary }
  | { acceptProgress: AcceptanceLoopSummary }
  | { acceptLoop: AcceptanceLoopSummary }
  | { text: string };

export interface SharedState {
  locale: Locale;
  sheetId?: number;
  state: SidebarState | null;
  /** The send loop's state and the acceptance loop's: each holds the sheet's run lease call after call. */
  run: RunState;
  acceptRun: RunState;
  status: StatusMessage | null;
  error: string | null;
  /** The last getSidebarState failed and nothing was ever loaded. */
  loadFailed: boolean;
  /** Bumped by each saved schedule, so a refresh that started earlier cannot bring the old one back. */
  scheduleVersion: number;
}

export interface Page {
  dom: Dom;
  ui: SharedState;
  /** The server, typed by ClientApi (google.script.run in the sidebar). */
  call: typeof callServer;
  target(): SidebarTarget;
  formatTime(iso: string): string;
  /** Redraws every panel, or only the status and alert lines. */
  render(): void;
  renderMessages(): void;
  /** Re-reads the roster, schedule and daily cap; `keepError` leaves an earlier failure on screen. */
  refreshState(keepError?: boolean): Promise<boolean>;
  /**
   * Re-reads the same while a run goes on, so the roster's line does not go stale: no button marked
   * busy, a failure ignored (the run's own end reads the state again), a later read wins.
   */
  refreshStateQuietly(): Promise<void>;
  /** Runs one server call for a button: marks it busy, shows a failure of google.script.run, redraws. */
  withBusy<T>(busy: Busy, call: () => Promise<T>, keepError?: boolean): Promise<T | null>;
  isBusy(kind: Busy): boolean;
  /** A send or an acceptance refresh is running. */
  loopRunning(): boolean;
  /**
   * What must not overlap a send or a refresh: the other loop, a retry or a row action (each holds the
   * run lease for a moment) and "Set up the sheet" (it changes the sheet's validation and colours).
   */
  sheetBusy(): boolean;
  /** "Re-invite these" / "Withdraw these" for one list (row-actions-panel.ts). */
  rowActionButtons(group: RowActionGroup): HTMLElement;
  /** The add-on changed the sheet (a send, re-queued rows, Action cells set): a check report on screen says it is old. */
  sheetChanged(): void;
  /**
   * A loop ended (its run state already set): its failure goes to the alert line, else `status` to
   * the status line; the focus stays put or goes to `focus`; work that waited for the loop (a check in
   * a new language) runs; the roster's state is read again.
   */
  loopEnded(
    ended: { end: string; error: string | null },
    status: StatusMessage,
    focus: HTMLElement,
  ): Promise<void>;
}

/** One part of the page: draws its own state. */
export interface Panel {
  render(): void;
}
