/**
 * How long one call may work, by who made it. A call from the sidebar (or the menu's Send, which
 * opens it) gets a short slice: the admin's Stop is read between calls and the progress is drawn after
 * each, so both must come within about 30 s although Apps Script lets one call run for minutes
 * (README "Stop and progress"). A scheduled tick (nobody waiting) and a script of the admin's own keep
 * the whole budget. Decided here, on the server, from the call's source: the page cannot ask for more.
 */
import type { RunSource } from '../platform/run-lease';

/** The sidebar's slice: one call, plus the write of its last block, ends well within 30 s. */
export const SIDEBAR_SLICE_MS = 25_000;

/**
 * The slice of a call from `source`, or null for the whole budget. A slice only stops a call from
 * starting more work (another row, another course) once it has done some: the first row or course
 * may use the whole budget, so a slow one cannot stall the loop call after call.
 */
export function sliceForSource(source: RunSource): number | null {
  switch (source) {
    case 'sidebar':
    case 'menu':
      return SIDEBAR_SLICE_MS;
    case 'schedule':
    case 'api':
      return null;
    default: {
      const unexpected: never = source;
      return unexpected;
    }
  }
}

/**
 * How long, counted from the call's start, one piece of work (a row, a course) may make calls and
 * back off. The call's first piece may use the whole budget, so a slow one cannot stall the loop call
 * after call; any later piece of a sliced call must also end its retries within the slice: a backoff
 * that would carry it past the slice leaves that piece for the next call, so Stop is heard within
 * the slice whatever the piece meets.
 */
export function workBudgetMs(options: { budgetMs: number; sliceMs: number | null }, first: boolean): number {
  return first || options.sliceMs === null ? options.budgetMs : Math.min(options.budgetMs, options.sliceMs);
}
