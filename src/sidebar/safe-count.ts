/**
 * A count read from a server report or a summary: anything that is not a finite positive number
 * (missing, NaN, negative, a string from an older server) counts as 0. Pure.
 */
export function safeCount(n: unknown): number {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}
