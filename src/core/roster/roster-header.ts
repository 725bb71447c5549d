/**
 * The roster's header row (docs/design.md §1): which texts name which column, where the header row is
 * (the first of the top rows naming a course and a user column), and where the send's output columns
 * go. Pure and total: never throws on any cell value, and skips long cells without normalising them.
 */
import {
  SEND_OUTPUT_COLUMNS,
  type ColumnKey,
  type CompleteLayout,
  type HeaderLayout,
  type OutputColumn,
} from './roster-model';

/** The header is looked for in this many rows from the top of the sheet. */
const HEADER_SEARCH_ROWS = 10;

/**
 * Accepted header texts per column, matched after normalizeHeader. Aliases never repeat across keys,
 * so one cell names at most one column. Header text the add-on writes (i18n) must appear here, or the
 * next run would append the output columns a second time.
 */
export const HEADER_ALIASES: Readonly<Record<ColumnKey, readonly string[]>> = {
  course: [
    'Course ID',
    'Course',
    'Course Alias',
    'Course ID or alias',
    'courseId',
    'Class ID',
    '课程',
    '课程 ID',
    '课程编号',
    '课程别名',
  ],
  user: [
    'Email',
    'E-mail',
    'Email Address',
    'User',
    'User ID',
    'userId',
    'Student Email',
    'Teacher Email',
    '邮箱',
    '邮箱地址',
    '电子邮件',
    '电子邮件地址',
    '电子邮箱',
    '学生邮箱',
    '教师邮箱',
    '用户',
    '用户 ID',
  ],
  role: ['Role', '角色'],
  action: ['Action', '操作'],
  status: ['Status', '状态'],
  reason: ['Reason', '原因'],
  invitationId: ['Invitation ID', 'invitationId', '邀请 ID'],
  details: ['Details', '详情'],
  updated: ['Updated', '更新时间'],
  accepted: ['Accepted', '已接受'],
};

/** Longer header cells cannot be an alias; skipping them keeps findHeader cheap on huge cells. */
const MAX_HEADER_LENGTH = 64;

const HEADER_LOOKUP: ReadonlyMap<string, ColumnKey> = new Map(
  (Object.keys(HEADER_ALIASES) as ColumnKey[]).flatMap((key) =>
    HEADER_ALIASES[key].map((alias): [string, ColumnKey] => [normalizeHeader(alias), key]),
  ),
);

/** Lower-case, full-width ASCII folded to ASCII, and every space (incl. nbsp, U+3000), `_`, `-` removed. */
export function normalizeHeader(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toLowerCase()
    .replace(/[\s_\-\u2010-\u2015\u2212]/g, '');
}

/** The column a header cell names, or undefined. */
export function columnKeyOf(cell: unknown): ColumnKey | undefined {
  if (typeof cell !== 'string' || cell.length > MAX_HEADER_LENGTH) return undefined;
  return HEADER_LOOKUP.get(normalizeHeader(cell));
}

/** Header row = first row within the first 10 rows naming both a course column and a user column. */
export function findHeader(values: unknown[][]): HeaderLayout | null {
  if (!Array.isArray(values)) return null;
  const rows = Math.min(values.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < rows; r++) {
    const row: unknown = values[r];
    if (!Array.isArray(row)) continue;
    const columns: Partial<Record<ColumnKey, number>> = {};
    for (let c = 0; c < row.length; c++) {
      const key = columnKeyOf(row[c]);
      if (key !== undefined && columns[key] === undefined) columns[key] = c;
    }
    if (columns.course !== undefined && columns.user !== undefined) return { headerRowIndex: r, columns };
  }
  return null;
}

type SendOutputColumn = (typeof SEND_OUTPUT_COLUMNS)[number];

/**
 * Places the send output columns: found ones keep their index; missing ones are appended, in
 * SEND_OUTPUT_COLUMNS order, after `lastColumn` (1-based count of used columns) — and never onto a
 * column the layout already uses. Throws only if the layout lacks a course or user column, which
 * findHeader never returns.
 */
export function planOutputColumns(
  layout: HeaderLayout,
  lastColumn: number,
): { layout: CompleteLayout; newHeaders: { column: number; key: OutputColumn }[] } {
  const { course, user } = layout.columns;
  if (course === undefined || user === undefined) {
    throw new Error('planOutputColumns: the layout has no course or user column');
  }
  let next = Number.isFinite(lastColumn) ? Math.max(0, Math.floor(lastColumn)) : 0;
  for (const index of Object.values(layout.columns)) {
    if (index !== undefined && index >= next) next = index + 1;
  }
  const newHeaders: { column: number; key: OutputColumn }[] = [];
  const placed = {} as Record<SendOutputColumn, number>;
  for (const key of SEND_OUTPUT_COLUMNS) {
    const found = layout.columns[key];
    if (found !== undefined) {
      placed[key] = found;
    } else {
      placed[key] = next;
      newHeaders.push({ column: next, key });
      next++;
    }
  }
  return {
    layout: {
      headerRowIndex: layout.headerRowIndex,
      columns: { ...layout.columns, ...placed, course, user },
    },
    newHeaders,
  };
}
