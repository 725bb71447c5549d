/**
 * Who may edit the roster's input columns (course, user, role, action) while a schedule is on, and
 * protecting them in one step (README "Who can do what"). A tick sends what those columns say with
 * its owner's rights, so the owner is shown who else can edit them and may restrict them to
 * themselves and chosen editors with Sheets protection. Pure: it reads and changes protections only
 * through the port, and never protects anything for anyone but the schedule's owner.
 */
import { t, type Locale } from '../../i18n';
import { columnLetter } from '../roster/column-letter';
import type { RosterSummary } from '../../contracts/sidebar-state';
import type { InputProtectionReport } from '../../contracts/protection-report';
import type { GuardedArea, InputProtectionPort } from './ports';

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function unique(emails: readonly string[]): string[] {
  return emails.filter((e, i) => e !== '' && emails.findIndex((x) => same(x, e)) === i);
}

/** True when the area guards every row of `column` (a later row added at the bottom included). */
function guardsColumn(area: GuardedArea, column: number, maxRows: number): boolean {
  if (area.warningOnly || area.firstColumn > column || area.lastColumn < column) return false;
  if (area.firstRow > 1 || area.lastRow < maxRows) return false;
  return !(
    area.wholeSheet && area.exceptions.some((open) => open.firstColumn <= column && open.lastColumn >= column)
  );
}

/** Who may edit `column`: everyone who may edit the spreadsheet, narrowed by each protection on it. */
function editorsOf(column: number, areas: readonly GuardedArea[], book: string[], maxRows: number): string[] {
  let who = book;
  for (const area of areas) {
    if (!guardsColumn(area, column, maxRows) || area.domainEdit) continue;
    const allowed = area.editors ?? [];
    who = who.filter((email) => allowed.some((x) => same(x, email)));
  }
  return who;
}

/** Column number of a letter (A → 1, AA → 27); 0 for anything else. */
function columnNumber(letters: string): number {
  if (!/^[A-Z]{1,3}$/.test(letters)) return 0;
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

/** The roster's input columns (course, user, role, action) that exist in the sheet, 1-based. */
export function inputColumnsOf(summary: RosterSummary): number[] {
  const inputs: readonly string[] = ['course', 'user', 'role', 'action'];
  return summary.columns
    .filter((place) => inputs.includes(place.key) && !summary.newColumns.includes(place.key as never))
    .map((place) => columnNumber(place.column))
    .filter((n) => n > 0);
}

export interface ProtectionContext {
  locale: Locale;
  /** The schedule's owner ('' when no schedule is on). */
  owner: string;
  user: string;
  /** 1-based input columns of the roster. */
  columns: number[];
}

export function inputProtection(port: InputProtectionPort, ctx: ProtectionContext): InputProtectionReport {
  const book = unique(port.bookEditors());
  const maxRows = port.maxRows();
  const areas = port.areas();
  const others = unique(
    ctx.columns
      .flatMap((column) => editorsOf(column, areas, book, maxRows))
      .filter((e) => !same(e, ctx.owner)),
  );
  const editors = book.filter((e) => !same(e, ctx.owner));
  const isProtected = others.length === 0;
  const message = isProtected
    ? t(ctx.locale, 'protect.closed', { editors: ctx.owner })
    : t(ctx.locale, 'protect.open', { editors: others.join(', ') });
  return {
    ok: true,
    message,
    columns: ctx.columns.map(columnLetter),
    othersCanEdit: others,
    protected: isProtected,
    editors,
    mayApply: ctx.owner !== '' && same(ctx.user, ctx.owner),
  };
}

/**
 * Protects the input columns for the schedule's owner and the chosen editors (only those who edit
 * the spreadsheet). Refused for anyone but the schedule's owner, and while no schedule is on.
 */
export function protectInputs(
  port: InputProtectionPort,
  ctx: ProtectionContext,
  chosen: unknown,
): InputProtectionReport {
  const refuse = (message: string): InputProtectionReport => ({
    ...inputProtection(port, ctx),
    ok: false,
    message,
  });
  if (ctx.owner === '') return refuse(t(ctx.locale, 'protect.noSchedule'));
  if (ctx.user === '' || !same(ctx.user, ctx.owner))
    return refuse(t(ctx.locale, 'protect.notOwner', { owner: ctx.owner }));
  const book = unique(port.bookEditors());
  const asked = Array.isArray(chosen)
    ? unique(chosen.filter((e): e is string => typeof e === 'string').slice(0, 200))
    : [];
  const kept = asked.filter((e) => book.some((x) => same(x, e)) && !same(e, ctx.owner));
  const unknown = asked.filter((e) => !book.some((x) => same(x, e)));
  try {
    port.protectColumns(ctx.columns, [ctx.owner, ...kept]);
  } catch (error) {
    const text = (error instanceof Error ? error.message : String(error)).slice(0, 300);
    return refuse(t(ctx.locale, 'protect.failed', { error: text }));
  }
  const after = inputProtection(port, ctx);
  const applied = t(ctx.locale, 'protect.applied', { editors: [ctx.owner, ...kept].join(', ') });
  const note =
    unknown.length > 0 ? ` ${t(ctx.locale, 'protect.unknownEditor', { editors: unknown.join(', ') })}` : '';
  return { ...after, message: `${applied}${note}` };
}
