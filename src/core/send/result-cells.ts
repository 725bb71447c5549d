/**
 * What one result writes into a row's cells (docs/design.md §3, Writes): the output cells, formula-safe; the
 * Status note (what the row asked for, and Google's answer to a failed call); which results share a
 * contiguous range or a span; and whether a cell read back still holds what was written. Pure.
 */
import { plainText } from '../roster/plain-text';
import { SEND_OUTPUT_COLUMNS, type CompleteLayout, type OutputColumn } from '../roster/roster-model';
import { cellText, statusNote } from '../roster/roster-parser';
import { timeOf } from '../roster/roster-scan';
import type { RowResult } from './block-writer';

/** A result that writes an account note or clears one. */
export function touchesAccount(result: RowResult): boolean {
  return (result.accountId ?? '') !== '' || result.hadAccount === true;
}

/** What tells one result from another, copies made when rows are found again included. */
export function resultKey(result: RowResult): string {
  return result.id !== undefined ? `#${result.id}` : `${result.fingerprint}\u0000${result.at}`;
}

/** Runs of adjacent output columns, so a block is written with as few setValues as the layout allows. */
export function outputGroups(layout: CompleteLayout): { start: number; keys: OutputColumn[] }[] {
  const placed = SEND_OUTPUT_COLUMNS.map((key) => ({ key, index: layout.columns[key] })).sort(
    (a, b) => a.index - b.index,
  );
  const groups: { start: number; keys: OutputColumn[] }[] = [];
  for (const { key, index } of placed) {
    const last = groups[groups.length - 1];
    if (last && last.start + last.keys.length === index) last.keys.push(key);
    else groups.push({ start: index, keys: [key] });
  }
  return groups;
}

/** A cell read back, made safe to write again (text read back has lost its protecting apostrophe). */
export function keptCell(cell: unknown): unknown {
  return typeof cell === 'string' ? plainText(cell) : (cell ?? '');
}

/** Whether a cell read back holds what was expected there: same text, or a time where one was. */
export function sameCell(actual: unknown, expected: unknown): boolean {
  if (timeOf(expected) !== null) return timeOf(actual) !== null;
  const a = cellText(actual);
  const e = cellText(expected);
  return a.ok === e.ok && (a.ok && e.ok ? a.text === e.text : true);
}

/** The Status note of a result: what the row asked for, then Google's answer when a call failed. */
export function noteOf(result: RowResult): string {
  return statusNote(result.fingerprint, result.answer ?? '');
}

/** An output cell of a result: as written (formula-safe), or as the sheet then keeps it. */
export function outputCell(result: RowResult, key: OutputColumn, forWriting: boolean): unknown {
  const text = forWriting ? plainText : (value: string) => value;
  switch (key) {
    case 'status':
      return result.outcome.code;
    case 'reason':
      return text(result.outcome.reason);
    case 'invitationId':
      return text(result.outcome.invitationId);
    case 'details':
      return text(result.details);
    case 'updated':
      return new Date(result.at);
    case 'accepted':
      return '';
  }
}
