/**
 * The small services: `Session`, `Utilities`, `HtmlService`, `Logger`, a silent recording
 * `console`, and the spreadsheet `Ui` (menus, alerts, sidebars, dialogs, toasts recorded for tests).
 * Must never print to the real console, and never let a sidebar open where Apps Script refuses it
 * (no active document, or an authorization mode below FULL).
 */
import { createHash } from 'node:crypto';
import { seededRandom } from './classroom';
import type { Runtime } from './execution';
import { formatDatePattern, type VirtualClock } from './virtual-clock';

// ---------------------------------------------------------------------------------------------
// Session

export interface FakeSession {
  getActiveUser(): { getEmail(): string };
  getEffectiveUser(): { getEmail(): string };
  getActiveUserLocale(): string;
  getScriptTimeZone(): string;
  getTemporaryActiveUserKey(): string;
}

export interface SessionOptions {
  scriptTimeZone?: string;
  /** `getActiveUser().getEmail()` returns '' (what Google does across domains / consumer accounts). */
  hideActiveUserEmail?: boolean;
  /** `Session.getEffectiveUser().getEmail()` returns '' too (security policies hide the identity). */
  hideEffectiveUserEmail?: boolean;
}

export function createSession(runtime: Runtime, options: SessionOptions = {}): FakeSession {
  const user = (method: string, hide: boolean) => {
    runtime.op(`Session.${method}`, {
      auth: 'FULL',
      scope: 'https://www.googleapis.com/auth/userinfo.email',
    });
    const email = runtime.current().user;
    return { getEmail: () => (hide ? '' : email) };
  };
  return {
    getActiveUser: () => user('getActiveUser', options.hideActiveUserEmail ?? false),
    getEffectiveUser: () => user('getEffectiveUser', options.hideEffectiveUserEmail ?? false),
    getActiveUserLocale() {
      runtime.op('Session.getActiveUserLocale', { auth: 'NONE' });
      return runtime.current().locale;
    },
    getScriptTimeZone() {
      runtime.op('Session.getScriptTimeZone', { auth: 'NONE' });
      return options.scriptTimeZone ?? 'Etc/UTC';
    },
    getTemporaryActiveUserKey() {
      runtime.op('Session.getTemporaryActiveUserKey', { auth: 'NONE' });
      return createHash('sha256').update(runtime.current().user).digest('base64').slice(0, 28);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Utilities

export const DigestAlgorithm = {
  MD2: 'MD2',
  MD5: 'MD5',
  SHA_1: 'SHA_1',
  SHA_256: 'SHA_256',
  SHA_384: 'SHA_384',
  SHA_512: 'SHA_512',
} as const;
export const Charset = { US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' } as const;

export interface FakeUtilities {
  sleep(milliseconds: number): void;
  formatDate(date: Date, timeZone: string, format: string): string;
  getUuid(): string;
  computeDigest(algorithm: unknown, value: string | number[], charset?: unknown): number[];
  base64Encode(data: string | number[]): string;
  base64Decode(encoded: string): number[];
  DigestAlgorithm: typeof DigestAlgorithm;
  Charset: typeof Charset;
}

export const SLEEP_LIMIT_MS = 300_000;

export function createUtilities(runtime: Runtime, seed = 1): FakeUtilities {
  const random = seededRandom(seed ^ 0x5eed);
  const toBytes = (data: string | number[]) =>
    typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.map((b) => b & 0xff));
  const signed = (buf: Buffer) => [...buf].map((b) => (b > 127 ? b - 256 : b));
  return {
    sleep(ms) {
      if (typeof ms !== 'number' || Number.isNaN(ms)) {
        runtime.op('Utilities.sleep', { auth: 'NONE' });
        throw runtime.exception(
          `The parameters (${typeof ms}) don't match the method signature for Utilities.sleep.`,
        );
      }
      if (ms > SLEEP_LIMIT_MS) {
        runtime.op('Utilities.sleep', { auth: 'NONE' });
        // The documented maximum is 300000 ms; the wording of the refusal is not documented.
        throw runtime.exception(`Invalid argument: milliseconds. Maximum is ${SLEEP_LIMIT_MS}.`);
      }
      runtime.op('Utilities.sleep', { auth: 'NONE', costMs: Math.max(0, ms) });
    },
    formatDate(date, timeZone, format) {
      runtime.op('Utilities.formatDate', { auth: 'NONE' });
      if (Object.prototype.toString.call(date) !== '[object Date]') {
        throw runtime.exception(
          `The parameters (${typeof date},${typeof timeZone},${typeof format}) don't match the method signature for Utilities.formatDate.`,
        );
      }
      let tz = String(timeZone);
      try {
        formatDatePattern(0, tz, 'y');
      } catch {
        tz = 'Etc/GMT'; // Apps Script falls back to GMT for an unknown zone.
      }
      return formatDatePattern(date.getTime(), tz, String(format));
    },
    getUuid() {
      runtime.op('Utilities.getUuid', { auth: 'NONE' });
      const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
      hex[12] = '4';
      hex[16] = ((parseInt(hex[16] ?? '8', 16) & 0x3) | 0x8).toString(16);
      const s = hex.join('');
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
    },
    computeDigest(algorithm, value) {
      runtime.op('Utilities.computeDigest', { auth: 'NONE' });
      const name = String(algorithm).replace('_', '').toLowerCase(); // SHA_256 → sha256
      return signed(createHash(name).update(toBytes(value)).digest());
    },
    base64Encode(data) {
      runtime.op('Utilities.base64Encode', { auth: 'NONE' });
      return toBytes(data).toString('base64');
    },
    base64Decode(encoded) {
      runtime.op('Utilities.base64Decode', { auth: 'NONE' });
      return signed(Buffer.from(encoded, 'base64'));
    },
    DigestAlgorithm,
    Charset,
  };
}

// ---------------------------------------------------------------------------------------------
// Logger and console (silent, recording)

export interface LogEntry {
  level: 'log' | 'info' | 'warn' | 'error' | 'debug' | 'Logger';
  message: string;
  at: number;
}

export interface FakeLogger {
  log(format: unknown, ...values: unknown[]): FakeLogger;
  getLog(): string;
  clear(): void;
}

export interface FakeConsole {
  log(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  debug(...args: unknown[]): void;
  time(label?: string): void;
  timeEnd(label?: string): void;
}

export interface LogsController {
  readonly entries: LogEntry[];
  /** Messages, optionally of one level. */
  messages(level?: LogEntry['level']): string[];
  clear(): void;
}

function stringify(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Error || (typeof v === 'object' && v !== null && 'message' in v && 'name' in v)) {
    const e = v as { name: unknown; message: unknown; details?: unknown };
    return `${String(e.name)}: ${String(e.message)}${e.details ? ` ${JSON.stringify(e.details)}` : ''}`;
  }
  try {
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  } catch {
    return String(v);
  }
}

export function createLogging(clock: VirtualClock): {
  Logger: FakeLogger;
  console: FakeConsole;
  controller: LogsController;
} {
  const entries: LogEntry[] = [];
  const timers = new Map<string, number>();
  const record = (level: LogEntry['level'], args: unknown[]) => {
    entries.push({ level, message: args.map(stringify).join(' '), at: clock.now() });
  };
  const Logger: FakeLogger = {
    log(format, ...values) {
      let message = stringify(format);
      if (typeof format === 'string' && values.length > 0) {
        message = format.replace(/%s/g, () => stringify(values.shift()));
        if (values.length) message += ` ${values.map(stringify).join(' ')}`;
      }
      entries.push({ level: 'Logger', message, at: clock.now() });
      return Logger;
    },
    getLog: () =>
      entries
        .filter((e) => e.level === 'Logger')
        .map((e) => `${new Date(e.at).toISOString()} INFO: ${e.message}`)
        .join('\n'),
    clear() {
      for (let i = entries.length - 1; i >= 0; i--) if (entries[i]?.level === 'Logger') entries.splice(i, 1);
    },
  };
  const console: FakeConsole = {
    log: (...a) => record('log', a),
    info: (...a) => record('info', a),
    warn: (...a) => record('warn', a),
    error: (...a) => record('error', a),
    debug: (...a) => record('debug', a),
    time: (label = 'default') => void timers.set(label, clock.now()),
    timeEnd: (label = 'default') => {
      record('debug', [`${label}: ${clock.now() - (timers.get(label) ?? clock.now())}ms`]);
      timers.delete(label);
    },
  };
  const controller: LogsController = {
    entries,
    messages: (level) => entries.filter((e) => !level || e.level === level).map((e) => e.message),
    clear: () => void entries.splice(0, entries.length),
  };
  return { Logger, console, controller };
}

// ---------------------------------------------------------------------------------------------
// HtmlService

export interface FakeHtmlOutput {
  getContent(): string;
  setContent(content: string): FakeHtmlOutput;
  append(content: string): FakeHtmlOutput;
  appendUntrusted(content: string): FakeHtmlOutput;
  setTitle(title: string): FakeHtmlOutput;
  getTitle(): string;
  setWidth(width: number): FakeHtmlOutput;
  getWidth(): number;
  setHeight(height: number): FakeHtmlOutput;
  getHeight(): number;
  setSandboxMode(mode: unknown): FakeHtmlOutput;
  setXFrameOptionsMode(mode: unknown): FakeHtmlOutput;
  addMetaTag(name: string, content: string): FakeHtmlOutput;
  setFaviconUrl(url: string): FakeHtmlOutput;
}

export interface FakeHtmlTemplate {
  evaluate(): FakeHtmlOutput;
  getRawContent(): string;
  [name: string]: unknown;
}

export interface FakeHtmlService {
  createHtmlOutput(html?: string): FakeHtmlOutput;
  createHtmlOutputFromFile(filename: string): FakeHtmlOutput;
  createTemplate(html: string): FakeHtmlTemplate;
  createTemplateFromFile(filename: string): FakeHtmlTemplate;
  SandboxMode: { IFRAME: 'IFRAME'; NATIVE: 'NATIVE'; EMULATED: 'EMULATED' };
  XFrameOptionsMode: { ALLOWALL: 'ALLOWALL'; DEFAULT: 'DEFAULT' };
}

export interface HtmlController {
  setFile(name: string, content: string): void;
  files(): string[];
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export function createHtmlService(
  runtime: Runtime,
  files: Record<string, string> = {},
): { HtmlService: FakeHtmlService; controller: HtmlController } {
  const map = new Map(Object.entries(files).map(([k, v]) => [k.replace(/\.html$/, ''), v]));
  const fileContent = (filename: string) => {
    const name = String(filename).replace(/\.html$/, '');
    const content = map.get(name);
    if (content === undefined) throw runtime.exception(`No HTML file named ${name} was found.`);
    return content;
  };
  function output(initial: string): FakeHtmlOutput {
    let content = initial;
    let title = '';
    let width = 0;
    let height = 0;
    const op = (name: string) => runtime.op(`HtmlOutput.${name}`, { auth: 'NONE' });
    const o: FakeHtmlOutput = {
      getContent: () => (op('getContent'), content),
      setContent: (c) => (op('setContent'), (content = String(c)), o),
      append: (c) => (op('append'), (content += String(c)), o),
      appendUntrusted: (c) => (op('appendUntrusted'), (content += escapeHtml(String(c))), o),
      setTitle: (t) => (op('setTitle'), (title = String(t)), o),
      getTitle: () => (op('getTitle'), title),
      setWidth: (w) => (op('setWidth'), (width = w), o),
      getWidth: () => (op('getWidth'), width),
      setHeight: (h) => (op('setHeight'), (height = h), o),
      getHeight: () => (op('getHeight'), height),
      setSandboxMode: () => (op('setSandboxMode'), o),
      setXFrameOptionsMode: () => (op('setXFrameOptionsMode'), o),
      addMetaTag: () => (op('addMetaTag'), o),
      setFaviconUrl: () => (op('setFaviconUrl'), o),
    };
    return o;
  }
  function template(raw: string): FakeHtmlTemplate {
    const t: FakeHtmlTemplate = {
      getRawContent: () => raw,
      evaluate() {
        runtime.op('HtmlTemplate.evaluate', { auth: 'NONE' });
        // Printing scriptlets naming template properties only: <?= name ?> (escaped), <?!= name ?> (raw).
        const html = raw.replace(/<\?(!?)=\s*([A-Za-z_$][\w$]*)\s*\?>/g, (_m, bang: string, name: string) => {
          const v = t[name];
          const s = v === undefined || v === null ? '' : String(v);
          return bang ? s : escapeHtml(s);
        });
        return output(html);
      },
    };
    return t;
  }
  const HtmlService: FakeHtmlService = {
    createHtmlOutput: (html = '') => (
      runtime.op('HtmlService.createHtmlOutput', { auth: 'NONE' }),
      output(String(html))
    ),
    createHtmlOutputFromFile(filename) {
      runtime.op('HtmlService.createHtmlOutputFromFile', { auth: 'NONE' });
      return output(fileContent(filename));
    },
    createTemplate: (html) => (
      runtime.op('HtmlService.createTemplate', { auth: 'NONE' }),
      template(String(html))
    ),
    createTemplateFromFile(filename) {
      runtime.op('HtmlService.createTemplateFromFile', { auth: 'NONE' });
      return template(fileContent(filename));
    },
    SandboxMode: { IFRAME: 'IFRAME', NATIVE: 'NATIVE', EMULATED: 'EMULATED' },
    XFrameOptionsMode: { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' },
  };
  return {
    HtmlService,
    controller: {
      setFile: (name, content) => void map.set(name.replace(/\.html$/, ''), content),
      files: () => [...map.keys()],
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Ui

export const Button = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' } as const;
export const ButtonSet = {
  OK: 'OK',
  OK_CANCEL: 'OK_CANCEL',
  YES_NO: 'YES_NO',
  YES_NO_CANCEL: 'YES_NO_CANCEL',
} as const;

export type MenuEntry =
  | { kind: 'item'; caption: string; functionName: string }
  | { kind: 'separator' }
  | { kind: 'submenu'; caption: string; items: MenuEntry[] };

export interface RecordedMenu {
  /** 'addon' for createAddonMenu(), 'top' for createMenu(caption). */
  kind: 'addon' | 'top';
  caption: string;
  items: MenuEntry[];
  user: string;
}

export interface FakeMenu {
  addItem(caption: string, functionName: string): FakeMenu;
  addSeparator(): FakeMenu;
  addSubMenu(menu: FakeMenu): FakeMenu;
  addToUi(): void;
}

export interface FakeUi {
  Button: typeof Button;
  ButtonSet: typeof ButtonSet;
  createAddonMenu(): FakeMenu;
  createMenu(caption: string): FakeMenu;
  alert(titleOrPrompt: string, promptOrButtons?: unknown, buttons?: unknown): string;
  prompt(
    titleOrPrompt: string,
    promptOrButtons?: unknown,
    buttons?: unknown,
  ): {
    getResponseText(): string;
    getSelectedButton(): string;
  };
  showSidebar(userInterface: FakeHtmlOutput): void;
  showModalDialog(userInterface: FakeHtmlOutput, title: string): void;
  showModelessDialog(userInterface: FakeHtmlOutput, title: string): void;
}

export interface UiController {
  /** Menus added with `addToUi()`, latest last. */
  readonly menus: RecordedMenu[];
  readonly alerts: { title: string; prompt: string; buttons: string; answer: string }[];
  readonly sidebars: { title: string; content: string; width: number; user: string }[];
  readonly dialogs: { title: string; content: string; modal: boolean }[];
  readonly toasts: { spreadsheetId: string; message: string; title: string }[];
  /** Every function name bound by a recorded menu item (submenus included). */
  menuFunctionNames(): string[];
  /** Answers for the next alerts/prompts, in order (default: OK / empty text). */
  queueResponses(...responses: { button: string; text?: string }[]): void;
  reset(): void;
}

export function createUi(runtime: Runtime): { ui: FakeUi; controller: UiController } {
  const menus: RecordedMenu[] = [];
  const alerts: UiController['alerts'] = [];
  const sidebars: UiController['sidebars'] = [];
  const dialogs: UiController['dialogs'] = [];
  const toasts: UiController['toasts'] = [];
  const responses: { button: string; text?: string }[] = [];
  const menuItems = new WeakMap<object, MenuEntry[]>();
  const menuCaptions = new WeakMap<object, string>();

  function menu(kind: 'addon' | 'top', caption: string): FakeMenu {
    const items: MenuEntry[] = [];
    const op = (name: string) => runtime.op(`Menu.${name}`, { auth: 'NONE' });
    const m: FakeMenu = {
      addItem(itemCaption, functionName) {
        op('addItem');
        if (typeof functionName !== 'string' || functionName === '') {
          throw runtime.exception('Invalid argument: functionName');
        }
        items.push({ kind: 'item', caption: String(itemCaption), functionName });
        return m;
      },
      addSeparator() {
        op('addSeparator');
        items.push({ kind: 'separator' });
        return m;
      },
      addSubMenu(sub) {
        op('addSubMenu');
        const subItems = menuItems.get(sub);
        if (!subItems) throw runtime.exception('Invalid argument: menu');
        items.push({ kind: 'submenu', caption: menuCaptions.get(sub) ?? '', items: subItems });
        return m;
      },
      addToUi() {
        op('addToUi');
        menus.push({
          kind,
          caption,
          items: JSON.parse(JSON.stringify(items)) as MenuEntry[],
          user: runtime.current().user,
        });
      },
    };
    menuItems.set(m, items);
    menuCaptions.set(m, caption);
    return m;
  }
  const needsFull = (name: string) =>
    runtime.op(`Ui.${name}`, { auth: 'FULL', scope: 'https://www.googleapis.com/auth/script.container.ui' });
  const contentOf = (o: FakeHtmlOutput) => ({ content: o.getContent(), title: o.getTitle() });
  const nextResponse = () => responses.shift() ?? { button: Button.OK, text: '' };
  const isButtonSet = (v: unknown) => typeof v === 'string' && v in ButtonSet;

  const ui: FakeUi = {
    Button,
    ButtonSet,
    createAddonMenu() {
      runtime.op('Ui.createAddonMenu', { auth: 'NONE' });
      return menu('addon', '');
    },
    createMenu(caption) {
      runtime.op('Ui.createMenu', { auth: 'NONE' });
      return menu('top', String(caption));
    },
    alert(a, b, c) {
      needsFull('alert');
      const [title, prompt, buttons] =
        c !== undefined
          ? [a, String(b), String(c)]
          : isButtonSet(b)
            ? ['', a, String(b)]
            : ['', a, ButtonSet.OK];
      const answer = nextResponse().button;
      alerts.push({ title: String(title), prompt: String(prompt), buttons, answer });
      return answer;
    },
    prompt(a, b, c) {
      needsFull('prompt');
      const [title, prompt, buttons] =
        c !== undefined
          ? [a, String(b), String(c)]
          : isButtonSet(b)
            ? ['', a, String(b)]
            : ['', a, ButtonSet.OK];
      const r = nextResponse();
      alerts.push({ title: String(title), prompt: String(prompt), buttons, answer: r.button });
      return { getResponseText: () => r.text ?? '', getSelectedButton: () => r.button };
    },
    showSidebar(o) {
      needsFull('showSidebar');
      const { content, title } = contentOf(o);
      // Sidebars are always 300 px wide, whatever setWidth asked for.
      sidebars.push({ title, content, width: 300, user: runtime.current().user });
    },
    showModalDialog(o, title) {
      needsFull('showModalDialog');
      dialogs.push({ title: String(title), content: contentOf(o).content, modal: true });
    },
    showModelessDialog(o, title) {
      needsFull('showModelessDialog');
      dialogs.push({ title: String(title), content: contentOf(o).content, modal: false });
    },
  };

  const names = (items: MenuEntry[]): string[] =>
    items.flatMap((i) => (i.kind === 'item' ? [i.functionName] : i.kind === 'submenu' ? names(i.items) : []));

  const controller: UiController = {
    menus,
    alerts,
    sidebars,
    dialogs,
    toasts,
    menuFunctionNames: () => [...new Set(menus.flatMap((m) => names(m.items)))],
    queueResponses: (...r) => void responses.push(...r),
    reset() {
      for (const list of [menus, alerts, sidebars, dialogs, toasts] as unknown[][]) list.length = 0;
      responses.length = 0;
    },
  };
  return { ui, controller };
}
