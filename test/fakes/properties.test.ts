import { createFakeEnvironment } from '../../fakes/index';
import { errorText } from '../../fakes/error-text';

function setup() {
  const env = createFakeEnvironment();
  env.sheets.create({ id: 'ss1', name: 'One', sheets: [{ name: 'S' }] });
  env.sheets.create({ id: 'ss2', name: 'Two', sheets: [{ name: 'S' }] });
  return { env, PropertiesService: env.globals.PropertiesService };
}

describe('PropertiesService', () => {
  it('implements the Properties methods with string values and null for missing keys', () => {
    const { env, PropertiesService } = setup();
    env.run(() => {
      const p = PropertiesService.getScriptProperties();
      expect(p.getProperty('missing')).toBeNull();
      p.setProperty('a', '1').setProperty('b', 2 as unknown as string);
      expect(p.getProperty('b')).toBe('2');
      p.setProperties({ c: '3' });
      expect(p.getProperties()).toEqual({ a: '1', b: '2', c: '3' });
      p.setProperties({ d: '4' }, true);
      expect(p.getKeys()).toEqual(['d']);
      p.deleteProperty('d');
      p.setProperty('e', '5');
      p.deleteAllProperties();
      expect(p.getKeys()).toEqual([]);
    });
  });

  it('keeps one user store per user and one document store per active spreadsheet', () => {
    const { env, PropertiesService } = setup();
    env.run(() => PropertiesService.getUserProperties().setProperty('k', 'admin'));
    env.run(() => PropertiesService.getUserProperties().setProperty('k', 'teacher'), {
      user: 'teacher@school.example',
    });
    env.run(() => PropertiesService.getDocumentProperties()?.setProperty('k', 'one'), {
      activeSpreadsheetId: 'ss1',
    });
    env.run(() => PropertiesService.getDocumentProperties()?.setProperty('k', 'two'), {
      activeSpreadsheetId: 'ss2',
    });
    expect(env.properties.user('admin@school.example').get('k')).toBe('admin');
    expect(env.properties.user('teacher@school.example').get('k')).toBe('teacher');
    expect(env.properties.document('ss1').get('k')).toBe('one');
    expect(env.properties.document('ss2').get('k')).toBe('two');
    expect(
      env.run(() => PropertiesService.getDocumentProperties(), { activeSpreadsheetId: null }),
    ).toBeNull();
  });

  it('refuses a value over 9 KB and a store over 500 KB', () => {
    const { env, PropertiesService } = setup();
    env.run(() => {
      const p = PropertiesService.getScriptProperties();
      p.setProperty('fits', 'x'.repeat(9 * 1024));
      expect(errorText(() => p.setProperty('big', 'x'.repeat(9 * 1024 + 1)))).toBe(
        'Exception: Argument too large: value',
      );
      expect(errorText(() => p.setProperty('big', '中'.repeat(3100)))).toBe(
        'Exception: Argument too large: value',
      );
      for (let i = 0; i < 55; i++) p.setProperty(`k${i}`, 'y'.repeat(9000));
      expect(errorText(() => p.setProperty('k99', 'y'.repeat(9000)))).toBe(
        'Exception: You have exceeded the property storage quota. Please remove some properties and try again.',
      );
      expect(p.getProperty('k99')).toBeNull();
    });
    expect(env.properties.script.bytes()).toBeLessThanOrEqual(500 * 1024);
  });

  it('writes survive a killed execution', () => {
    const { env, PropertiesService } = setup();
    const r = env.execute(() => {
      PropertiesService.getScriptProperties().setProperty('lease', 'x');
      env.globals.Utilities.sleep(300_000);
      env.globals.Utilities.sleep(300_000);
    });
    expect(r).toMatchObject({ killed: true });
    expect(env.properties.script.get('lease')).toBe('x');
  });
});
