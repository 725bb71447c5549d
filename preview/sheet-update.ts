/**
 * The live sheets as they travel from the preview's worker to its HTTP thread and on to the page: one
 * full snapshot of each sheet (tab), then patches that carry only the rows that changed (a send of
 * 20,000 rows commits a block of a few rows at a time; resending the whole grid at each commit made
 * the worker, the thread hop and the page spend their time copying it). Every snapshot and patch is of
 * one tab, named in `tab`; the roster's come at every moment (they carry the run state), another tab's
 * only when it changed. Patches hold whole rows, so applying one twice, or one that is older than a
 * snapshot, does no harm. Pure: shared by Node and the page script.
 */

/** The roster's tab in the preview's spreadsheet: the add-on's active sheet in every execution. */
export const ROSTER_TAB = 'Roster';

/** What describes the sheet besides its cells. */
export interface SheetMeta {
  seq: number;
  spreadsheetName: string;
  /** The sheet this snapshot or patch is of. */
  tab: string;
  /** Every sheet of the spreadsheet at this moment, in its order (the roster first). */
  tabs: string[];
  /**
   * 1-based header row (the roster's by its header; another sheet's last frozen row) and Status
   * column, or null when the sheet has none (yet). Only the roster has Status and Accepted columns.
   */
  headerRow: number | null;
  statusColumn: number | null;
  /** 1-based Accepted column ("Who accepted" adds it), or null while the sheet has none. */
  acceptedColumn: number | null;
  /** Virtual time (ISO). */
  now: string;
  /** The entry point running now, or null. */
  running: string | null;
  /** Executions per entry point so far. */
  executions: Record<string, number>;
  /** Classroom API calls so far (all methods). */
  classroomCalls: number;
}

/** A sheet as the admin would see it, after the latest committed write. */
export interface SheetSnapshot extends SheetMeta {
  /** Display values, row by row (row 1 first), every row as wide as the widest. */
  values: string[][];
  /** Notes, same shape as `values` ('' when none). */
  notes: string[][];
}

/** A changed row: its 0-based index, display values and notes (each `columns` wide). */
export type SheetRow = [index: number, values: string[], notes: string[]];

export interface SheetPatch extends SheetMeta {
  rows: number;
  columns: number;
  changed: SheetRow[];
}

const META_KEYS = [
  'seq',
  'spreadsheetName',
  'tab',
  'tabs',
  'headerRow',
  'statusColumn',
  'acceptedColumn',
  'now',
  'running',
  'executions',
  'classroomCalls',
] as const;

export function metaOf(sheet: SheetMeta): SheetMeta {
  const meta = {} as Record<string, unknown>;
  for (const key of META_KEYS) meta[key] = sheet[key];
  return meta as unknown as SheetMeta;
}

const sameRow = (a: readonly string[] | undefined, b: readonly string[]) => {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < b.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/** The rows of `next` that differ from `previous` (every row when there is none). */
export function changedRows(previous: SheetSnapshot | null, next: SheetSnapshot): SheetRow[] {
  const changed: SheetRow[] = [];
  next.values.forEach((values, r) => {
    const notes = next.notes[r] ?? [];
    if (!previous || !sameRow(previous.values[r], values) || !sameRow(previous.notes[r], notes)) {
      changed.push([r, values, notes]);
    }
  });
  return changed;
}

/** A patch that turns `previous` into `next`. */
export function diffSnapshots(previous: SheetSnapshot | null, next: SheetSnapshot): SheetPatch {
  return {
    ...metaOf(next),
    rows: next.values.length,
    columns: next.values[0]?.length ?? 0,
    changed: changedRows(previous, next),
  };
}

/**
 * Whether `patch` changes the sheet `previous` (its cells, its size or its header), rather than only
 * the run state every patch carries: a tab other than the roster is sent only then.
 */
export function changesSheet(previous: SheetSnapshot | null, patch: SheetPatch): boolean {
  return (
    !previous ||
    patch.changed.length > 0 ||
    patch.rows !== previous.values.length ||
    patch.columns !== (previous.values[0]?.length ?? 0) ||
    patch.headerRow !== previous.headerRow ||
    patch.statusColumn !== previous.statusColumn ||
    patch.acceptedColumn !== previous.acceptedColumn
  );
}

/** A patch with the given rows of `sheet` (the ones changed since the last patch sent). */
export function patchOf(sheet: SheetSnapshot, rows: Iterable<number>): SheetPatch {
  const changed: SheetRow[] = [];
  for (const r of [...rows].sort((a, b) => a - b)) {
    const values = sheet.values[r];
    if (values) changed.push([r, values, sheet.notes[r] ?? []]);
  }
  return { ...metaOf(sheet), rows: sheet.values.length, columns: sheet.values[0]?.length ?? 0, changed };
}

const fit = (row: readonly string[] | undefined, columns: number): string[] => {
  const out = (row ?? []).slice(0, columns);
  while (out.length < columns) out.push('');
  return out;
};

/**
 * `base` with the patch applied, as a new snapshot (`base` and its row arrays are left as they were:
 * listeners may keep earlier snapshots). Rows the patch does not carry are shared with `base`.
 */
export function applyPatch(base: SheetSnapshot | null, patch: SheetPatch): SheetSnapshot {
  const { rows, columns } = patch;
  const baseColumns = base?.values[0]?.length ?? 0;
  const values: string[][] = [];
  const notes: string[][] = [];
  for (let r = 0; r < rows; r++) {
    const v = base?.values[r];
    const n = base?.notes[r];
    values.push(v && baseColumns === columns ? v : fit(v, columns));
    notes.push(n && baseColumns === columns ? n : fit(n, columns));
  }
  for (const [r, v, n] of patch.changed) {
    if (r < 0 || r >= rows) continue;
    values[r] = fit(v, columns);
    notes[r] = fit(n, columns);
  }
  return { ...metaOf(patch), values, notes };
}
