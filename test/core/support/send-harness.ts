/**
 * Wires the in-memory ports into runSend/checkRoster for core tests, and reads a row's output cells
 * back by header name. One harness = one spreadsheet seen by one user across several runs.
 */
import { checkRoster } from '../../../src/core/check/check-roster';
import { type CheckReport } from '../../../src/contracts/check-report';
import type { RunSource } from '../../../src/core/platform/run-lease';
import { runSend, type SendOptions } from '../../../src/core/send/run-engine';
import type { RunReport } from '../../../src/contracts/run-report';
import { ManualClock } from './manual-clock';
import { MemorySheet, type MemorySheetOptions } from './memory-sheet';
import { MemorySection, MemoryStore } from './memory-store';
import { ScriptedApi } from './scripted-api';

export const HEADER = ['Course ID', 'Email', 'Role'];
export const SPREADSHEET_ID = 'sheet-123';
export const ADMIN = 'admin@school.org';

export const EN_LABELS = {
  status: 'Status',
  reason: 'Reason',
  invitationId: 'Invitation ID',
  details: 'Details',
  updated: 'Updated',
} as const;

export const ZH_LABELS = {
  status: '状态',
  reason: '原因',
  invitationId: '邀请 ID',
  details: '详情',
  updated: '更新时间',
} as const;

export type Labels = Record<keyof typeof EN_LABELS, string>;

export interface RowOutput {
  status: unknown;
  reason: unknown;
  invitationId: unknown;
  details: unknown;
  updated: unknown;
  note: string;
}

export interface HarnessOptions {
  sheet?: Omit<MemorySheetOptions, 'now'>;
  user?: string;
  source?: RunSource;
  clock?: ManualClock;
}

export class Harness {
  readonly clock: ManualClock;
  readonly sheet: MemorySheet;
  readonly api: ScriptedApi;
  readonly leaseStore = new MemoryStore();
  readonly section = new MemorySection();
  readonly userStore = new MemoryStore();
  readonly user: string;
  readonly source: RunSource;
  readonly reports: RunReport[] = [];

  constructor(rows: unknown[][], options: HarnessOptions = {}) {
    this.clock = options.clock ?? new ManualClock();
    this.sheet = new MemorySheet(rows, { ...options.sheet, now: () => this.clock.now() });
    this.api = new ScriptedApi(this.clock);
    this.user = options.user ?? ADMIN;
    this.source = options.source ?? 'sidebar';
  }

  send(options: Partial<SendOptions> = {}): RunReport {
    const report = runSend(
      {
        sheet: this.sheet,
        api: this.api,
        clock: this.clock,
        formatTime: (ms) => new Date(ms).toISOString(),
        context: {
          spreadsheetId: SPREADSHEET_ID,
          user: this.user,
          source: this.source,
          lease: { store: this.leaseStore, section: this.section, legacyStore: null },
          userStore: this.userStore,
        },
      },
      options,
    );
    this.reports.push(report);
    return report;
  }

  /** Sends until a run reports nothing remaining (or `maxRuns` runs), returning every report. */
  sendUntilDone(options: Partial<SendOptions> = {}, maxRuns = 50): RunReport[] {
    const reports: RunReport[] = [];
    for (let i = 0; i < maxRuns; i++) {
      const report = this.send(options);
      reports.push(report);
      if (!report.ok || report.remaining === 0) break;
    }
    return reports;
  }

  check(options: Parameters<typeof checkRoster>[1] = {}): CheckReport {
    return checkRoster({ sheet: this.sheet, api: this.api, clock: this.clock }, options);
  }

  /** The output cells of a 1-based sheet row, found by header text in `headerRow`. */
  output(row: number, labels: Labels = EN_LABELS, headerRow = 1): RowOutput {
    const col = (label: string): number => {
      const c = this.sheet.columnOf(label, headerRow);
      if (c === 0) throw new Error(`No "${label}" header in row ${headerRow}`);
      return c;
    };
    const status = col(labels.status);
    return {
      status: this.sheet.peek(row, status),
      reason: this.sheet.peek(row, col(labels.reason)),
      invitationId: this.sheet.peek(row, col(labels.invitationId)),
      details: this.sheet.peek(row, col(labels.details)),
      updated: this.sheet.peek(row, col(labels.updated)),
      note: this.sheet.note(row, status),
    };
  }

  status(row: number, labels: Labels = EN_LABELS, headerRow = 1): unknown {
    return this.output(row, labels, headerRow).status;
  }
}

/** A roster of `count` rows for course 111, users u001@school.org … */
export function rosterOf(count: number, course: unknown = '111'): unknown[][] {
  return [HEADER, ...Array.from({ length: count }, (_, i) => [course, userOf(i + 1), 'STUDENT'])];
}

export function userOf(n: number): string {
  return `u${String(n).padStart(3, '0')}@school.org`;
}

/** True when a value holds no `undefined`, Date, function or class instance anywhere. */
export function isJsonSafe(value: unknown): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (Array.isArray(value)) return value.every(isJsonSafe);
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      return Object.values(value as Record<string, unknown>).every(isJsonSafe);
    }
    default:
      return false;
  }
}
