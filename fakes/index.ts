/**
 * One fake Apps Script world for tests, the built-bundle `vm` test and the benchmark:
 * `createFakeEnvironment()` wires a virtual clock, the execution harness and every fake service
 * this add-on calls, and returns the globals (plain objects and functions, safe across realms)
 * plus a controller per service for arranging and asserting.
 * Must never touch the real network, the real clock (after start) or the real console.
 */
import * as vm from 'node:vm';
import {
  createClassroom,
  type ClassroomController,
  type ClassroomOptions,
  type FakeClassroom,
} from './classroom';
import {
  createRuntime,
  ExecutionKilled,
  type ExecuteOptions,
  type ExecutionResult,
  type Runtime,
} from './execution';
import { createLocks, type FakeLockService, type LocksController } from './lock';
import { createMail, type FakeMailApp, type MailController, type MailOptions } from './mail';
import {
  createHtmlService,
  createLogging,
  createSession,
  createUi,
  createUtilities,
  type FakeConsole,
  type FakeHtmlService,
  type FakeLogger,
  type FakeSession,
  type FakeUtilities,
  type HtmlController,
  type LogsController,
  type UiController,
} from './misc';
import { createProperties, type FakePropertiesService, type PropertiesController } from './properties';
import {
  createScriptApp,
  type FakeScriptApp,
  type TriggersController,
  type UserTriggersBehaviour,
} from './script-app';
import {
  createSpreadsheets,
  type FakeSpreadsheetApp,
  type SheetCosts,
  type SheetsController,
} from './spreadsheet';
import { createVirtualClock, type VirtualClock } from './virtual-clock';

export { ExecutionKilled, isExecutionKilled, EXECUTION_LIMIT_MS } from './execution';
export type { ExecuteOptions, ExecutionResult, Runtime, AuthModeName } from './execution';
export { interpretInput } from './spreadsheet';
export type {
  SheetCosts,
  SheetsController,
  SpreadsheetHandle,
  SheetHandle,
  SpreadsheetSpec,
  SheetSpec,
} from './spreadsheet';
export type {
  ClassroomController,
  ClassroomOptions,
  ClassroomMethod,
  FaultSpec,
  CourseSpec,
  UserSpec,
  InvitationRecord,
  MemberResource,
  CourseMembers,
} from './classroom';
export type { FakeMailApp, MailController, MailOptions, MailMessage, SentMail } from './mail';
export { localizedPrefix } from './classroom';
export type { PropertiesController } from './properties';
export type { LocksController } from './lock';
export type { TriggersController, TriggerRecord, UserTriggersBehaviour } from './script-app';
export type { UiController, LogsController, HtmlController, RecordedMenu, MenuEntry } from './misc';
export { createVirtualClock, createVirtualDate, HostDate, DEFAULT_START_TIME } from './virtual-clock';
export type { VirtualClock } from './virtual-clock';

export interface FakeEnvironmentOptions {
  /** Virtual start time (default 2026-11-26T09:00:00Z). */
  startTime?: number | string | Date;
  /** The user executions run as by default (default 'admin@school.example'). */
  defaultUser?: string;
  /** `Session.getActiveUserLocale()` by default (default 'en'). */
  locale?: string;
  scriptTimeZone?: string;
  /** Per-execution limit (default 360,000 ms). */
  timeLimitMs?: number;
  /** Drop buffered sheet writes when an uncaught error ends an execution (default false: committed). */
  discardWritesOnError?: boolean;
  /** Editor add-on trigger rules (default true). */
  addonMode?: boolean;
  /** What `ScriptApp.getUserTriggers(spreadsheet)` returns for time-driven triggers (undocumented). */
  userTriggers?: UserTriggersBehaviour;
  sheetCosts?: Partial<SheetCosts>;
  classroom?: ClassroomOptions;
  /** MailApp: `dailyQuota` recipients per user per rolling 24 h (default 100, the consumer limit). */
  mail?: MailOptions;
  /** HTML files for HtmlService, by name without `.html`. */
  htmlFiles?: Record<string, string>;
  /** `Session.getActiveUser().getEmail()` returns '' (cross-domain / consumer behaviour). */
  hideActiveUserEmail?: boolean;
  /** `Session.getEffectiveUser().getEmail()` returns '' too: nobody can tell who the user is. */
  hideEffectiveUserEmail?: boolean;
  /** Seed for Utilities.getUuid (Classroom has its own `classroom.seed`). */
  seed?: number;
}

export interface FakeGlobals {
  SpreadsheetApp: FakeSpreadsheetApp;
  Classroom: FakeClassroom;
  MailApp: FakeMailApp;
  PropertiesService: FakePropertiesService;
  LockService: FakeLockService;
  ScriptApp: FakeScriptApp;
  Session: FakeSession;
  Utilities: FakeUtilities;
  HtmlService: FakeHtmlService;
  Logger: FakeLogger;
  console: FakeConsole;
  Date: DateConstructor;
}

export interface InstallOptions {
  /** Replace `globalThis.Date` with the virtual one (default true). */
  date?: boolean;
  /** Replace `globalThis.console` with the silent recorder (default true). */
  console?: boolean;
}

export interface FakeEnvironment {
  globals: FakeGlobals;
  clock: VirtualClock;
  runtime: Runtime;
  sheets: SheetsController;
  classroom: ClassroomController;
  mail: MailController;
  properties: PropertiesController;
  locks: LocksController;
  triggers: TriggersController;
  ui: UiController;
  logs: LogsController;
  html: HtmlController;
  /** Shorthand for `runtime.execute`. */
  execute<T>(fn: () => T, opts?: ExecuteOptions): ExecutionResult<T>;
  /**
   * `execute`, returning the value or rethrowing: the uncaught error, or the `ExecutionKilled` of a
   * killed execution. Use it in tests so that a failing `expect` inside the execution fails the test.
   */
  run<T>(fn: () => T, opts?: ExecuteOptions): T;
  /** Puts every global on `globalThis`; returns a function restoring what was there. */
  installGlobals(opts?: InstallOptions): () => void;
  /**
   * A `vm` context whose globals are the fakes (plus `extra`). From then on the fakes throw errors
   * built with that context's `Error`, so `e instanceof Error` holds inside it, and
   * `triggers.fire(uid)` finds handlers among the context's top-level functions.
   */
  createVmContext(extra?: Record<string, unknown>): vm.Context;
}

export function createFakeEnvironment(options: FakeEnvironmentOptions = {}): FakeEnvironment {
  const clock = createVirtualClock(options.startTime);
  const runtime = createRuntime(clock, {
    defaultUser: options.defaultUser,
    locale: options.locale,
    timeLimitMs: options.timeLimitMs,
    discardWritesOnError: options.discardWritesOnError,
  });
  const VirtualDate = clock.VirtualDate;
  const { ui, controller: uiController } = createUi(runtime);
  const { SpreadsheetApp, controller: sheets } = createSpreadsheets({
    runtime,
    makeDate: (ms) => new VirtualDate(ms),
    getUi: () => ui,
    recordToast: (t) => uiController.toasts.push(t),
    costs: options.sheetCosts,
  });
  const { Classroom, controller: classroom } = createClassroom(runtime, clock, options.classroom);
  const { MailApp, controller: mail } = createMail(runtime, clock, options.mail);
  const { PropertiesService, controller: properties } = createProperties(runtime);
  const { LockService, controller: locks } = createLocks(runtime, clock);
  const { ScriptApp, controller: triggers } = createScriptApp(runtime, clock, {
    addonMode: options.addonMode,
    userTriggers: options.userTriggers,
  });
  const { Logger, console, controller: logs } = createLogging(clock);
  const { HtmlService, controller: html } = createHtmlService(runtime, options.htmlFiles);
  const Session = createSession(runtime, {
    scriptTimeZone: options.scriptTimeZone,
    hideActiveUserEmail: options.hideActiveUserEmail,
    hideEffectiveUserEmail: options.hideEffectiveUserEmail,
  });
  const Utilities = createUtilities(runtime, options.seed);

  const globals: FakeGlobals = {
    SpreadsheetApp,
    Classroom,
    MailApp,
    PropertiesService,
    LockService,
    ScriptApp,
    Session,
    Utilities,
    HtmlService,
    Logger,
    console,
    Date: VirtualDate,
  };

  return {
    globals,
    clock,
    runtime,
    sheets,
    classroom,
    mail,
    properties,
    locks,
    triggers,
    ui: uiController,
    logs,
    html,
    execute: (fn, opts) => runtime.execute(fn, opts),
    run<T>(fn: () => T, opts?: ExecuteOptions): T {
      const r = runtime.execute(fn, opts);
      if (r.ok) return r.value;
      if (r.killed) throw new ExecutionKilled(r.cause, r.elapsedMs);
      throw r.error;
    },
    installGlobals(opts = {}) {
      const target = globalThis as unknown as Record<string, unknown>;
      const keys = (Object.keys(globals) as (keyof FakeGlobals)[]).filter(
        (k) => !(k === 'Date' && opts.date === false) && !(k === 'console' && opts.console === false),
      );
      const saved = keys.map((k) => ({
        k,
        had: Object.prototype.hasOwnProperty.call(target, k),
        v: target[k],
      }));
      for (const k of keys) target[k] = globals[k];
      return () => {
        for (const { k, had, v } of saved) {
          if (had) target[k] = v;
          else Reflect.deleteProperty(target, k);
        }
      };
    },
    createVmContext(extra = {}) {
      const context = vm.createContext({ ...globals, ...extra });
      runtime.setErrorConstructor(vm.runInContext('Error', context) as ErrorConstructor);
      triggers.setResolver((name) => (context as Record<string, unknown>)[name]);
      return context;
    },
  };
}
