import * as fs from 'fs';
import * as path from 'path';
import { isMessageKey } from '../../src/i18n';
import { PAGE_ELEMENTS } from '../../src/sidebar/page-elements';

const TEMPLATE = fs.readFileSync(path.resolve(__dirname, '../../src/sidebar/sidebar.html'), 'utf8');
const STYLES = fs.readFileSync(path.resolve(__dirname, '../../src/sidebar/sidebar.css'), 'utf8');
const BOOT_TAG = '<script type="application/json" id="boot">{}</script>';

/** The ids the page script, the browser tests and the server (boot) rely on. */
const IDS = [
  'boot',
  'app',
  'locale',
  'status',
  'error',
  'sheet-name',
  'columns',
  'counts',
  'refresh',
  'send',
  'stop',
  'progress',
  'progress-text',
  'run-counts',
  'summary',
  'daily-cap',
  'check',
  'check-report',
  'retry-codes',
  'retry',
  'retry-confirm',
  'retry-yes',
  'retry-no',
  'schedule-state',
  'schedule-every',
  'schedule-hour',
  'schedule-save',
  'schedule-options',
  'format',
  'format-report',
  'withdraw-confirm',
  'withdraw-question',
  'withdraw-yes',
  'withdraw-invite-only',
  'withdraw-no',
  'check-live',
  'live-report',
  'accept-refresh',
  'accept-stop',
  'accept-progress',
  'accept-progress-text',
  'accept-report',
];

describe('sidebar template', () => {
  it('holds the boot tag showSidebar replaces, exactly once', () => {
    expect(TEMPLATE.split(BOOT_TAG)).toHaveLength(2);
  });

  it('has no script of its own and nothing external', () => {
    expect(TEMPLATE.match(/<script/g)).toHaveLength(1);
    expect(TEMPLATE).not.toMatch(/https?:|\/\/[a-z]|<link|@import|url\(/i);
    expect(STYLES).not.toMatch(/https?:|\/\/[a-z]|@import|url\(/i);
  });

  it('inlines sidebar.css into its one <style> at build time', () => {
    expect(TEMPLATE.match(/<style>\s*<%= require\('\.\/sidebar\.css'\) %>\s*<\/style>/g)).toHaveLength(1);
  });

  it.each(IDS)('has #%s exactly once', (id) => {
    expect(TEMPLATE.match(new RegExp(`id="${id}"`, 'g'))).toHaveLength(1);
  });

  it.each(
    Object.entries(PAGE_ELEMENTS).flatMap(([panel, spec]) =>
      Object.values(spec).map((selector): [string, string] => [panel, selector]),
    ),
  )("has the %s panel's %s exactly once, with that tag", (_panel, selector) => {
    const [tag, id] = selector.includes('#') ? selector.split('#') : ['[a-z]+', selector];
    expect(TEMPLATE.match(new RegExp(`id="${id}"`, 'g'))).toHaveLength(1);
    expect(TEMPLATE).toMatch(new RegExp(`<${tag}\\s[^>]*\\bid="${id}"`));
  });

  it('names only catalogue keys in data-i18n', () => {
    const keys = [...TEMPLATE.matchAll(/data-i18n="([^"]+)"/g)].map((m) => m[1]);
    expect(keys.length).toBeGreaterThan(20);
    for (const key of keys) expect(isMessageKey(key)).toBe(true);
  });

  it('carries no visible text: every text comes from the catalogues', () => {
    const body = TEMPLATE.replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<style[\s\S]*?<\/style>/g, '')
      .replace(/<script[\s\S]*?<\/script>/g, '')
      .replace(/<[^>]*>/g, '');
    expect(body.trim()).toBe('');
  });

  it('labels every select and has a live region, an alert region and a progress element', () => {
    for (const id of ['locale', 'schedule-every', 'schedule-hour', 'progress', 'accept-progress']) {
      expect(TEMPLATE).toContain(`<label for="${id}"`);
    }
    expect(TEMPLATE).toMatch(/id="status"[^>]*aria-live="polite"/);
    expect(TEMPLATE).toMatch(/id="error"[^>]*role="alert"/);
    expect(TEMPLATE).toMatch(/<progress id="progress"/);
    expect(TEMPLATE).toMatch(/<progress id="accept-progress"/);
  });

  it('keeps the live regions in the accessibility tree, and has no live region inside a hidden block', () => {
    // `display: none` takes a region out of the tree: text that appears with it is often not announced.
    for (const rule of STYLES.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
      const selectors = rule[1] ?? '';
      if (/#(status|error)\b/.test(selectors)) expect(rule[2]).not.toMatch(/display:\s*none/);
    }
    // The run area is hidden until a send starts: its text is announced through #status instead.
    const runArea = /<div id="run-area" hidden>([\s\S]*?)<div id="daily-cap"/.exec(TEMPLATE)?.[1] ?? '';
    expect(runArea).toContain('id="progress-text"');
    expect(runArea).not.toMatch(/aria-live|role="(status|alert|log)"/);
    const acceptArea = /<div id="accept-area" hidden>([\s\S]*?)<\/details>/.exec(TEMPLATE)?.[1] ?? '';
    expect(acceptArea).toContain('id="accept-progress-text"');
    expect(acceptArea).not.toMatch(/aria-live|role="(status|alert|log)"/);
    expect(TEMPLATE.match(/aria-live=/g)).toHaveLength(1);
    // The status and alert lines sit in the task area, never in a section that starts collapsed.
    const task = /<section id="task"[\s\S]*?<\/section>/.exec(TEMPLATE)?.[0] ?? '';
    expect(task).toContain('id="status"');
    expect(task).toContain('id="error"');
  });
});
