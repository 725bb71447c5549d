import { jsonSafetyProblem } from '../../preview/json-safe';
import { parseArgs } from '../../preview/options';
import { fill } from '../../preview/page-data';
import { injectShim, scriptJson } from '../../preview/page';
import { withExtraRows } from '../../preview/world';

describe('npm start arguments', () => {
  it('serves the sample roster with the defaults', () => {
    expect(parseArgs([])).toEqual({ kind: 'serve', options: { locale: 'en' } });
  });

  it('takes a roster path and every knob, with or without =', () => {
    expect(
      parseArgs([
        'mine.csv',
        '--port',
        '9000',
        '--host=0.0.0.0',
        '--locale',
        'zh-CN',
        '--latency=50',
        '--speed',
        '2.5',
        '--extra-rows',
        '400',
      ]),
    ).toEqual({
      kind: 'serve',
      options: {
        csvPath: 'mine.csv',
        port: 9000,
        host: '0.0.0.0',
        locale: 'zh-CN',
        latencyMs: 50,
        speed: 2.5,
        extraRows: 400,
      },
    });
  });

  it('reads PREVIEW_LOCALE, which --locale overrides', () => {
    expect(parseArgs([], { PREVIEW_LOCALE: 'zh-CN' })).toMatchObject({ options: { locale: 'zh-CN' } });
    expect(parseArgs(['--locale', 'en'], { PREVIEW_LOCALE: 'zh-CN' })).toMatchObject({
      options: { locale: 'en' },
    });
  });

  it('reads a relative roster path from the folder npm start was run in, not the repository', () => {
    // npm runs the script in the package's folder and says where the admin was in INIT_CWD.
    expect(parseArgs(['mine.csv'], { INIT_CWD: '/home/admin/rosters' })).toMatchObject({
      options: { csvPath: '/home/admin/rosters/mine.csv' },
    });
    expect(parseArgs(['/tmp/a.csv'], { INIT_CWD: '/home/admin' })).toMatchObject({
      options: { csvPath: '/tmp/a.csv' },
    });
    expect(parseArgs(['--cli', '../b.csv'], { INIT_CWD: '/home/admin/x' })).toMatchObject({
      csvPath: '/home/admin/b.csv',
    });
  });

  it('keeps the terminal preview behind --cli', () => {
    expect(parseArgs(['--cli', 'mine.csv'])).toEqual({ kind: 'cli', csvPath: 'mine.csv', locale: 'en' });
    // Its settings are fixed: an option it would ignore is an error, not silence.
    expect(parseArgs(['--cli', '--latency', '50'])).toEqual({
      kind: 'error',
      message: '--latency does not apply to --cli (the terminal preview).',
    });
    expect(parseArgs(['--port=1', '--cli'])).toMatchObject({
      message: '--port does not apply to --cli (the terminal preview).',
    });
    expect(parseArgs(['--cli', '--host', 'x'])).toMatchObject({
      message: '--host does not apply to --cli (the terminal preview).',
    });
  });

  it('explains what is wrong', () => {
    expect(parseArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseArgs(['--port'])).toEqual({ kind: 'error', message: '--port needs a value.' });
    expect(parseArgs(['--speed', 'fast'])).toEqual({
      kind: 'error',
      message: '--speed needs a number, not "fast".',
    });
    expect(parseArgs(['--nope'])).toEqual({ kind: 'error', message: 'Unknown option --nope.' });
    expect(parseArgs(['a.csv', 'b.csv'])).toEqual({
      kind: 'error',
      message: 'One roster file at a time, not 2.',
    });
    expect(parseArgs(['--locale', 'fr'])).toEqual({
      kind: 'error',
      message: 'Unknown locale fr: use en or zh-CN.',
    });
  });
});

describe('what may cross google.script.run', () => {
  it('passes plain JSON values', () => {
    expect(
      jsonSafetyProblem({ a: [1, 'x', true, null, { b: Object.create(null) }], c: undefined }),
    ).toBeNull();
  });

  it('names the first thing that cannot cross, and where', () => {
    expect(jsonSafetyProblem({ a: [1, new Date(0)] })).toBe(
      'a Date at the value.a[1] (send ISO text or epoch ms)',
    );
    expect(jsonSafetyProblem({ f: () => 1 }, 'x')).toBe('a function at x.f');
    expect(jsonSafetyProblem([Infinity])).toBe('Infinity at the value[0]');
    expect(jsonSafetyProblem(new Map())).toBe('a Map at the value');
    expect(jsonSafetyProblem([1, , 3])).toBe('an undefined hole at the value[1]'); // eslint-disable-line no-sparse-arrays
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(jsonSafetyProblem(loop)).toBe('a circular reference at the value.self');
    expect(jsonSafetyProblem(BigInt(1))).toBe('a bigint at the value');
  });

  it('lets undefined array elements of arguments through: google.script.run passes them as null', () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(jsonSafetyProblem({ a: [1, undefined, , 3] }, 'x', { holesBecomeNull: true })).toBeNull();
    expect(jsonSafetyProblem([undefined, new Date(0)], 'x', { holesBecomeNull: true })).toContain(
      'a Date at x[1]',
    );
  });
});

describe('the preview page helpers', () => {
  it('puts the shim first in <head>, or makes a head, with the functions it offers', () => {
    expect(injectShim('<html><HEAD lang=x><script>a</script></head></html>', 'shim()', ['a', 'b'])).toBe(
      '<html><HEAD lang=x><script data-functions="[&quot;a&quot;,&quot;b&quot;]">/* google.script.run shim of the local preview */\nshim()</script><script>a</script></head></html>',
    );
    expect(injectShim('<p>x</p>', 's')).toMatch(
      /^<!DOCTYPE html><head><script data-functions="\[\]">[^<]*s<\/script><\/head><p>x<\/p>$/,
    );
    expect(injectShim('<head></head>', 'a("</script>")')).toContain('a("<\\/script>")');
  });

  it('embeds JSON that cannot close its script element', () => {
    const text = scriptJson({ name: '</script><img src=x onerror=alert(1)>' });
    expect(text).not.toMatch(/[<>]/);
    expect(JSON.parse(text)).toEqual({ name: '</script><img src=x onerror=alert(1)>' });
  });

  it('fills placeholders', () => {
    expect(fill('{a} and {b} and {c}', { a: 1, b: 'x' })).toBe('1 and x and {c}');
  });
});

describe('generated rows (--extra-rows)', () => {
  it('appends valid rows under the roster’s own columns, in its first course and domain', () => {
    const rows = [['Title'], ['E-mail', 'x', 'Course', 'Role'], ['a@my.org', '', '555', 'TEACHER']];
    expect(withExtraRows(rows, 2)).toEqual({
      rows: [...rows, ['student1@my.org', '', '555', 'STUDENT'], ['student2@my.org', '', '555', 'STUDENT']],
      emails: ['student1@my.org', 'student2@my.org'],
    });
    expect(withExtraRows(rows, 0).rows).toEqual(rows);
    expect(withExtraRows([['no header']], 3).rows).toEqual([['no header']]);
  });
});
