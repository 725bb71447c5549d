/**
 * One way to write a moment per language, in the spreadsheet's time zone with the zone said: the
 * same text from Apps Script's Utilities.formatDate (the server) and from Intl (the sidebar).
 */
import { formatTimeIn } from '../../src/gas/clock';
import { formatMoment, intlZonedReader, zoneName } from '../../src/i18n/time';
import { asAdmin, createWorld, restoreWorlds } from '../support/gas-env';

afterEach(restoreWorlds);

const AT = Date.parse('2026-11-27T01:03:40Z');

describe('formatMoment', () => {
  it('writes English as yyyy-MM-dd HH:mm with the zone id', () => {
    expect(formatMoment('en', AT, 'Asia/Shanghai', intlZonedReader)).toBe('2026-11-27 09:03 (Asia/Shanghai)');
    expect(formatMoment('en', AT, 'America/New_York', intlZonedReader)).toBe(
      '2026-11-26 20:03 (America/New_York)',
    );
  });

  it('writes Chinese as yyyy/MM/dd HH:mm with the zone as Chinese readers name it', () => {
    expect(formatMoment('zh-CN', AT, 'Asia/Shanghai', intlZonedReader)).toBe('2026/11/27 09:03（北京时间）');
    expect(formatMoment('zh-CN', AT, 'Europe/Berlin', intlZonedReader)).toBe(
      '2026/11/27 02:03（Europe/Berlin）',
    );
  });

  it('follows daylight saving time and writes midnight as 00', () => {
    const summer = Date.parse('2026-07-01T04:00:00Z');
    expect(formatMoment('en', summer, 'America/New_York', intlZonedReader)).toBe(
      '2026-07-01 00:00 (America/New_York)',
    );
  });

  it('says UTC for the UTC zones, and falls back to UTC (saying so) for a zone it cannot read', () => {
    expect(formatMoment('en', AT, 'Etc/UTC', intlZonedReader)).toBe('2026-11-27 01:03 (UTC)');
    expect(formatMoment('zh-CN', AT, 'Not/AZone', intlZonedReader)).toBe('2026/11/27 01:03（UTC）');
    expect(formatMoment('en', AT, '', intlZonedReader)).toBe('2026-11-27 01:03 (UTC)');
  });

  it('gives an empty text for a moment that is not one', () => {
    expect(formatMoment('en', NaN, 'Asia/Shanghai', intlZonedReader)).toBe('');
  });

  it('names only the zones Chinese readers know by name; English keeps the id', () => {
    expect(zoneName('zh-CN', 'Asia/Hong_Kong')).toBe('香港时间');
    expect(zoneName('en', 'Asia/Shanghai')).toBe('Asia/Shanghai');
  });
});

describe('formatTimeIn (Apps Script: Utilities.formatDate)', () => {
  it.each([
    ['en', 'Asia/Shanghai'],
    ['zh-CN', 'Asia/Shanghai'],
    ['en', 'America/Los_Angeles'],
    ['zh-CN', 'Europe/London'],
  ] as const)('writes %s in %s exactly as the sidebar does', (locale, zone) => {
    const world = createWorld({ timeZone: zone });
    const text = world.env.run(() => formatTimeIn(zone, locale)(AT), asAdmin());
    expect(text).toBe(formatMoment(locale, AT, zone, intlZonedReader));
  });
});
