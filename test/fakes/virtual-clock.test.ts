import { createFakeEnvironment, createVirtualClock, HostDate } from '../../fakes/index';
import { formatDatePattern, zonedToEpoch } from '../../fakes/virtual-clock';

describe('virtual clock', () => {
  it('starts at 2026-11-26T09:00:00Z by default and moves only when advanced', () => {
    const clock = createVirtualClock();
    expect(new HostDate(clock.now()).toISOString()).toBe('2026-11-26T09:00:00.000Z');
    clock.advance(1500);
    expect(clock.now()).toBe(HostDate.parse('2026-11-26T09:00:01.500Z'));
    expect(() => clock.advance(-1)).toThrow();
  });

  it('tells onAdvance listeners how far time moved, after it moved, until they are removed', () => {
    const clock = createVirtualClock('2030-01-01T00:00:00Z');
    const seen: [number, number][] = [];
    const remove = clock.onAdvance((ms) => seen.push([ms, clock.now()]));
    clock.advance(300);
    clock.advance(0);
    clock.setTime(HostDate.parse('2030-01-01T00:00:01Z'));
    expect(() => clock.advance(-5)).toThrow();
    remove();
    clock.advance(1000);
    const start = HostDate.parse('2030-01-01T00:00:00Z');
    expect(seen).toEqual([
      [300, start + 300],
      [700, start + 1000],
    ]);
  });

  it('VirtualDate reads virtual time without arguments and behaves like Date with them', () => {
    const clock = createVirtualClock('2030-01-01T00:00:00Z');
    const VD = clock.VirtualDate;
    expect(new VD().toISOString()).toBe('2030-01-01T00:00:00.000Z');
    expect(VD.now()).toBe(clock.now());
    expect(new VD(0).toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(new VD(2020, 0, 2).getFullYear()).toBe(2020);
    expect(VD.UTC(2020, 0, 1)).toBe(HostDate.UTC(2020, 0, 1));
    expect(new VD() instanceof Date).toBe(true);
    expect(new Date(5) instanceof VD).toBe(true);
    expect(typeof (VD as unknown as () => string)()).toBe('string');
    clock.advance(60_000);
    expect(new VD().toISOString()).toBe('2030-01-01T00:01:00.000Z');
  });

  it('formats dates like Utilities.formatDate patterns, in a time zone', () => {
    const ms = HostDate.parse('2026-11-26T09:05:07Z');
    expect(formatDatePattern(ms, 'Etc/UTC', 'yyyy-MM-dd HH:mm:ss')).toBe('2026-11-26 09:05:07');
    expect(formatDatePattern(ms, 'Asia/Shanghai', "yyyy-MM-dd'T'HH:mm XXX")).toBe('2026-11-26T17:05 +08:00');
    expect(formatDatePattern(ms, 'America/New_York', 'EEE, MMM d h:mm a')).toBe('Thu, Nov 26 4:05 AM');
    expect(zonedToEpoch('Asia/Shanghai', 2026, 1, 2)).toBe(HostDate.parse('2026-01-01T16:00:00Z'));
  });

  it('installGlobals replaces Date, console and the services, and restores them', () => {
    const env = createFakeEnvironment({ startTime: '2031-05-05T05:05:05Z' });
    const realDate = Date;
    const restore = env.installGlobals();
    try {
      expect(new Date().toISOString()).toBe('2031-05-05T05:05:05.000Z');
      expect(Date.now()).toBe(env.clock.now());
      console.log('hidden', 42);
      expect(env.logs.messages('log')).toEqual(['hidden 42']);
      expect((globalThis as Record<string, unknown>).SpreadsheetApp).toBe(env.globals.SpreadsheetApp);
    } finally {
      restore();
    }
    expect(Date).toBe(realDate);
    expect((globalThis as Record<string, unknown>).SpreadsheetApp).toBeUndefined();
  });
});
