/**
 * One Classroom call with exponential backoff and jitter for retryable failures (429 other than the
 * daily cap, 5xx), inside the run's time budget: it never starts a call or a sleep that the budget
 * cannot hold. Must never retry a failure classified as final.
 */
import { classifyError, type ClassifiedError } from './classify-error';
import type { Clock } from './ports';

export type CallResult<T> =
  { kind: 'ok'; value: T } | { kind: 'failed'; error: ClassifiedError } | { kind: 'outOfTime' };

export interface RetryPolicy {
  maxTries: number;
  backoffBaseMs: number;
  budgetMs: number;
  /** Epoch ms the budget is counted from. */
  startedAt: number;
}

export interface RetryHooks {
  /** Called before each backoff sleep (the run writes what it holds, so nothing waits unwritten). */
  beforeSleep?: () => void;
  /** Duration of each call, for the run's estimate of call latency. */
  onCall?: (ms: number) => void;
}

export function backoffDelay(policy: RetryPolicy, attempt: number, random: number): number {
  return policy.backoffBaseMs * 2 ** (attempt - 1) + Math.floor(random * 1000);
}

export function callWithRetries<T>(
  clock: Clock,
  policy: RetryPolicy,
  fn: () => T,
  hooks: RetryHooks = {},
): { result: CallResult<T>; calls: number } {
  const elapsed = () => clock.now() - policy.startedAt;
  for (let attempt = 1; ; attempt++) {
    if (elapsed() >= policy.budgetMs) return { result: { kind: 'outOfTime' }, calls: attempt - 1 };
    const before = clock.now();
    try {
      const value = fn();
      hooks.onCall?.(clock.now() - before);
      return { result: { kind: 'ok', value }, calls: attempt };
    } catch (thrown) {
      hooks.onCall?.(clock.now() - before);
      const error = classifyError(thrown);
      if (error.disposition !== 'retry' || attempt >= policy.maxTries) {
        return { result: { kind: 'failed', error }, calls: attempt };
      }
      const delay = backoffDelay(policy, attempt, clock.random());
      if (elapsed() + delay >= policy.budgetMs) return { result: { kind: 'outOfTime' }, calls: attempt };
      hooks.beforeSleep?.();
      // Writing before the sleep takes time too: the sleep must still fit.
      if (elapsed() + delay >= policy.budgetMs) return { result: { kind: 'outOfTime' }, calls: attempt };
      clock.sleep(delay);
    }
  }
}
