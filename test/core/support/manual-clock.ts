/**
 * A manual Clock for core tests: virtual time that moves only by sleep() or advance(), every sleep
 * recorded, and a seeded random source (mulberry32) so backoff jitter is repeatable.
 */
import type { Clock } from '../../../src/core/platform/ports';

export const T0 = Date.parse('2026-03-02T08:00:00Z');

export class ManualClock implements Clock {
  private time: number;
  private seed: number;
  readonly sleeps: { at: number; ms: number }[] = [];

  constructor(start = T0, seed = 42) {
    this.time = start;
    this.seed = seed >>> 0;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number): void {
    if (!(ms >= 0)) throw new Error(`sleep(${ms})`);
    this.sleeps.push({ at: this.time, ms });
    this.time += ms;
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error(`advance(${ms})`);
    this.time += ms;
  }

  random(): number {
    this.seed = (this.seed + 0x6d2b79f5) >>> 0;
    let t = this.seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}
