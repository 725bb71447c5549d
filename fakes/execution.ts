/**
 * The execution harness of the Apps Script fakes: who is running, in which document, under which
 * authorization mode, and for how long. Every fake service method goes through `runtime.op()`, which
 * counts it, advances virtual time by its cost and kills the execution at the 6-minute limit (or at
 * a chosen operation, for random-kill tests).
 *
 * A kill is thrown as `ExecutionKilled`. Unlike the real platform (which simply stops the process),
 * a thrown value can be caught: production code with a catch-all `catch (e)` WILL catch it. The
 * runtime therefore remembers the kill: every later fake operation throws again, and `execute()`
 * reports `killed: true` even if the code swallowed the exception. Fakes that catch errors
 * internally must rethrow it (`rethrowIfKilled`).
 * Must never let an operation run past the deadline, or let a killed execution commit sheet writes.
 */
import type { VirtualClock } from './virtual-clock';

/** The hard limit of one Apps Script execution. */
export const EXECUTION_LIMIT_MS = 360_000;

export type KillCause = 'timeLimit' | 'afterOps' | 'atMs';

export class ExecutionKilled extends Error {
  readonly isExecutionKilled = true;
  constructor(
    readonly killCause: KillCause,
    readonly elapsedMs: number,
  ) {
    super('Exceeded maximum execution time');
    this.name = 'ExecutionKilled';
  }
}

export function isExecutionKilled(e: unknown): e is ExecutionKilled {
  return (
    e instanceof ExecutionKilled ||
    (typeof e === 'object' && e !== null && (e as { isExecutionKilled?: unknown }).isExecutionKilled === true)
  );
}

/** For fakes that catch errors internally: an `ExecutionKilled` must always propagate. */
export function rethrowIfKilled(e: unknown): void {
  if (isExecutionKilled(e)) throw e;
}

export type AuthModeName = 'NONE' | 'CUSTOM_FUNCTION' | 'LIMITED' | 'FULL';
const AUTH_RANK: Record<AuthModeName, number> = { NONE: 0, CUSTOM_FUNCTION: 1, LIMITED: 1, FULL: 2 };

export interface ExecuteOptions {
  /** Email of the user the execution runs as (`Session.getActiveUser`). */
  user?: string;
  /** `null` models a time-driven trigger of an editor add-on: no active spreadsheet. */
  activeSpreadsheetId?: string | null;
  activeSheetName?: string;
  /** Kill at the Nth fake operation (1-based; that operation does not complete), or at a virtual elapsed time. */
  killAt?: { afterOps?: number; atMs?: number };
  authMode?: AuthModeName;
  /** `Session.getActiveUserLocale()`, also used for the localized prefix of API errors. */
  locale?: string;
  /** When an uncaught error ends the execution, drop buffered sheet writes instead of committing them. */
  discardWritesOnError?: boolean;
  timeLimitMs?: number;
  /**
   * The Apps Script project running (default 'addon', this add-on): developer metadata with PROJECT
   * visibility is visible only to the project that created it.
   */
  project?: string;
}

export interface ExecutionStats {
  id: number;
  user: string;
  startMs: number;
  elapsedMs: number;
  ops: number;
  opsByName: Record<string, number>;
  killed: boolean;
}

export type ExecutionResult<T> =
  | { ok: true; value: T; elapsedMs: number; stats: ExecutionStats }
  | { ok: false; killed: true; elapsedMs: number; cause: KillCause; stats: ExecutionStats }
  | { ok: false; killed: false; error: unknown; elapsedMs: number; stats: ExecutionStats };

export type EndKind = 'ok' | 'error' | 'killed';

export interface ExecutionContext {
  readonly id: number;
  readonly ambient: boolean;
  readonly user: string;
  readonly locale: string;
  readonly authMode: AuthModeName;
  readonly activeSpreadsheetId: string | null;
  readonly activeSheetName: string | undefined;
  readonly project: string;
  readonly startMs: number;
  readonly deadlineMs: number;
  readonly deadlineCause: KillCause;
  readonly killAfterOps: number | undefined;
  readonly discardWritesOnError: boolean;
  ops: number;
  opsByName: Record<string, number>;
  killed: ExecutionKilled | null;
  /** Per-module state (pending writes, held locks), keyed by module name. */
  readonly slots: Map<string, unknown>;
}

export interface OpOptions {
  /** Virtual milliseconds the operation takes; the execution is killed if it would pass the deadline. */
  costMs?: number;
  /** Lowest authorization mode that may call it (default FULL). */
  auth?: AuthModeName;
  /** Scope named in the permission error when the mode is too low. */
  scope?: string;
  /** Runs when the execution is killed during this operation, before `ExecutionKilled` is thrown. */
  onKill?: () => void;
}

export interface OpEvent {
  name: string;
  executionId: number;
  opIndex: number;
  elapsedMs: number;
}

export interface RuntimeStats {
  executions: number;
  killed: number;
  errors: number;
  ops: number;
  opsByName: Record<string, number>;
}

export interface RuntimeOptions {
  defaultUser?: string;
  locale?: string;
  timeLimitMs?: number;
  discardWritesOnError?: boolean;
}

export interface Runtime {
  execute<T>(fn: () => T, opts?: ExecuteOptions): ExecutionResult<T>;
  /** The running execution (innermost when nested), or the ambient one outside `execute`. */
  current(): ExecutionContext;
  readonly inExecution: boolean;
  /** Counts one fake operation; throws `ExecutionKilled` or a permission `Exception`. */
  op(name: string, opts?: OpOptions): void;
  /** An Apps Script style `Exception` (`name` 'Exception'; `String(e)` is `Exception: <message>`). */
  exception(message: string): Error;
  /** The realm's `Error` constructor used for every error the fakes throw (set it for a `vm` context). */
  setErrorConstructor(ctor: ErrorConstructor): void;
  readonly errorConstructor: ErrorConstructor;
  onOp(listener: (event: OpEvent) => void): () => void;
  onEnd(listener: (ctx: ExecutionContext, kind: EndKind) => void): () => void;
  setDefaultSpreadsheetProvider(provider: () => string | null): void;
  /**
   * Ends the ambient execution (fake calls made outside `execute`, which has no deadline): commits
   * its buffered sheet writes and releases its locks, as the end of a real execution would.
   */
  endAmbient(): void;
  readonly stats: RuntimeStats;
  readonly lastExecution: ExecutionStats | null;
  resetStats(): void;
  readonly defaultUser: string;
  readonly defaultLocale: string;
}

export function createRuntime(clock: VirtualClock, options: RuntimeOptions = {}): Runtime {
  const defaultUser = options.defaultUser ?? 'admin@school.example';
  const defaultLocale = options.locale ?? 'en';
  const timeLimitMs = options.timeLimitMs ?? EXECUTION_LIMIT_MS;
  let ErrorCtor: ErrorConstructor = Error;
  let nextId = 1;
  const stack: ExecutionContext[] = [];
  let ambient: ExecutionContext | null = null;
  let defaultSpreadsheet: () => string | null = () => null;
  const opListeners = new Set<(event: OpEvent) => void>();
  const endListeners = new Set<(ctx: ExecutionContext, kind: EndKind) => void>();
  let stats: RuntimeStats = { executions: 0, killed: 0, errors: 0, ops: 0, opsByName: {} };
  let lastExecution: ExecutionStats | null = null;

  function makeContext(opts: ExecuteOptions, isAmbient: boolean): ExecutionContext {
    const startMs = clock.now();
    const limit = opts.timeLimitMs ?? timeLimitMs;
    const atMs = opts.killAt?.atMs;
    const useAt = atMs !== undefined && atMs < limit;
    const ctx: ExecutionContext = {
      id: nextId++,
      ambient: isAmbient,
      user: opts.user ?? defaultUser,
      locale: opts.locale ?? defaultLocale,
      authMode: opts.authMode ?? 'FULL',
      activeSpreadsheetId:
        opts.activeSpreadsheetId === undefined ? defaultSpreadsheet() : opts.activeSpreadsheetId,
      activeSheetName: opts.activeSheetName,
      project: opts.project ?? 'addon',
      startMs,
      deadlineMs: isAmbient ? Infinity : startMs + (useAt ? atMs : limit),
      deadlineCause: useAt ? 'atMs' : 'timeLimit',
      killAfterOps: opts.killAt?.afterOps,
      discardWritesOnError: opts.discardWritesOnError ?? options.discardWritesOnError ?? false,
      ops: 0,
      opsByName: {},
      killed: null,
      slots: new Map(),
    };
    if (isAmbient) {
      // Outside `execute` the active spreadsheet follows the controller's default as it changes.
      Object.defineProperty(ctx, 'activeSpreadsheetId', { get: () => defaultSpreadsheet() });
    }
    return ctx;
  }

  function current(): ExecutionContext {
    const top = stack[stack.length - 1];
    if (top) return top;
    ambient ??= makeContext({}, true);
    return ambient;
  }

  function kill(ctx: ExecutionContext, cause: KillCause, onKill?: () => void): never {
    const killed = new ExecutionKilled(cause, clock.now() - ctx.startMs);
    ctx.killed = killed;
    if (onKill) onKill();
    throw killed;
  }

  function snapshot(ctx: ExecutionContext): ExecutionStats {
    return {
      id: ctx.id,
      user: ctx.user,
      startMs: ctx.startMs,
      elapsedMs: clock.now() - ctx.startMs,
      ops: ctx.ops,
      opsByName: { ...ctx.opsByName },
      killed: ctx.killed !== null,
    };
  }

  const runtime: Runtime = {
    execute<T>(fn: () => T, opts: ExecuteOptions = {}): ExecutionResult<T> {
      const ctx = makeContext(opts, false);
      stack.push(ctx);
      stats.executions++;
      let kind: EndKind;
      let value: T | undefined;
      let error: unknown;
      try {
        value = fn();
        kind = ctx.killed ? 'killed' : 'ok';
      } catch (e) {
        error = e;
        kind = ctx.killed ? 'killed' : 'error';
      } finally {
        stack.pop();
      }
      for (const listener of endListeners) listener(ctx, kind);
      const s = snapshot(ctx);
      lastExecution = s;
      if (kind === 'killed') {
        stats.killed++;
        return {
          ok: false,
          killed: true,
          elapsedMs: s.elapsedMs,
          cause: ctx.killed?.killCause ?? 'timeLimit',
          stats: s,
        };
      }
      if (kind === 'error') {
        stats.errors++;
        return { ok: false, killed: false, error, elapsedMs: s.elapsedMs, stats: s };
      }
      return { ok: true, value: value as T, elapsedMs: s.elapsedMs, stats: s };
    },
    current,
    get inExecution() {
      return stack.length > 0;
    },
    op(name: string, opts: OpOptions = {}): void {
      const ctx = current();
      if (ctx.killed) throw ctx.killed;
      ctx.ops++;
      ctx.opsByName[name] = (ctx.opsByName[name] ?? 0) + 1;
      stats.ops++;
      stats.opsByName[name] = (stats.opsByName[name] ?? 0) + 1;
      if (ctx.killAfterOps !== undefined && ctx.ops >= ctx.killAfterOps) kill(ctx, 'afterOps', opts.onKill);
      if (clock.now() > ctx.deadlineMs) kill(ctx, ctx.deadlineCause, opts.onKill);
      for (const listener of opListeners) {
        listener({ name, executionId: ctx.id, opIndex: ctx.ops, elapsedMs: clock.now() - ctx.startMs });
      }
      const required = opts.auth ?? 'FULL';
      if (AUTH_RANK[ctx.authMode] < AUTH_RANK[required]) {
        const scope = opts.scope ? ` Required permissions: ${opts.scope}` : '';
        throw runtime.exception(`You do not have permission to call ${name}.${scope}`);
      }
      const cost = opts.costMs ?? 0;
      if (cost > 0) {
        if (clock.now() + cost > ctx.deadlineMs) {
          clock.advance(Math.max(0, ctx.deadlineMs - clock.now()));
          kill(ctx, ctx.deadlineCause, opts.onKill);
        }
        clock.advance(cost);
      }
    },
    exception(message: string): Error {
      const e = new ErrorCtor(message);
      e.name = 'Exception';
      return e;
    },
    setErrorConstructor(ctor) {
      ErrorCtor = ctor;
    },
    get errorConstructor() {
      return ErrorCtor;
    },
    onOp(listener) {
      opListeners.add(listener);
      return () => opListeners.delete(listener);
    },
    onEnd(listener) {
      endListeners.add(listener);
      return () => endListeners.delete(listener);
    },
    setDefaultSpreadsheetProvider(provider) {
      defaultSpreadsheet = provider;
    },
    endAmbient() {
      if (!ambient) return;
      const ended = ambient;
      ambient = null;
      for (const listener of endListeners) listener(ended, 'ok');
    },
    get stats() {
      return { ...stats, opsByName: { ...stats.opsByName } };
    },
    get lastExecution() {
      return lastExecution;
    },
    resetStats() {
      stats = { executions: 0, killed: 0, errors: 0, ops: 0, opsByName: {} };
    },
    defaultUser,
    defaultLocale,
  };
  return runtime;
}
