/**
 * `PropertiesService` fake: one script store, one user store per user, one document store per
 * spreadsheet (the execution's active one; `getDocumentProperties()` is null without one).
 * Values are strings; the documented limits are enforced (9 KB per value, 500 KB per store).
 * Writes are immediate and survive a kill, as in Apps Script.
 * Must never share a user store between users or a document store between spreadsheets.
 */
import type { Runtime } from './execution';

export const VALUE_LIMIT_BYTES = 9 * 1024;
export const STORE_LIMIT_BYTES = 500 * 1024;

/** Structurally the real `GoogleAppsScript.Properties.Properties`. */
export type FakeProperties = GoogleAppsScript.Properties.Properties;

export interface FakePropertiesService {
  getScriptProperties(): FakeProperties;
  getUserProperties(): FakeProperties;
  getDocumentProperties(): FakeProperties | null;
}

export interface StoreController {
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
  all(): Record<string, string>;
  clear(): void;
  bytes(): number;
}

export interface PropertiesController {
  readonly script: StoreController;
  user(email: string): StoreController;
  document(spreadsheetId: string): StoreController;
  /** Property reads and writes made through the service. */
  readonly stats: { reads: number; writes: number };
}

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

export function createProperties(runtime: Runtime): {
  PropertiesService: FakePropertiesService;
  controller: PropertiesController;
} {
  const stores = new Map<string, Map<string, string>>();
  const stats = { reads: 0, writes: 0 };

  function store(key: string): Map<string, string> {
    let s = stores.get(key);
    if (!s) {
      s = new Map();
      stores.set(key, s);
    }
    return s;
  }
  const sizeOf = (s: Map<string, string>) => {
    let n = 0;
    for (const [k, v] of s) n += utf8(k) + utf8(v);
    return n;
  };

  function service(storeKey: string, label: string): FakeProperties {
    const op = (name: string) => runtime.op(`${label}.${name}`, { auth: 'LIMITED' });
    const s = () => store(storeKey);
    const checkValue = (value: string) => {
      if (utf8(value) > VALUE_LIMIT_BYTES) throw runtime.exception('Argument too large: value');
    };
    const commitAll = (next: Map<string, string>) => {
      if (sizeOf(next) > STORE_LIMIT_BYTES) {
        throw runtime.exception(
          'You have exceeded the property storage quota. Please remove some properties and try again.',
        );
      }
      const target = s();
      target.clear();
      for (const [k, v] of next) target.set(k, v);
    };
    const self: FakeProperties = {
      getProperty(key: string) {
        op('getProperty');
        stats.reads++;
        return s().get(String(key)) ?? null;
      },
      setProperty(key: string, value: string) {
        op('setProperty');
        stats.writes++;
        const v = String(value);
        checkValue(v);
        const next = new Map(s());
        next.set(String(key), v);
        commitAll(next);
        return self;
      },
      deleteProperty(key: string) {
        op('deleteProperty');
        stats.writes++;
        s().delete(String(key));
        return self;
      },
      getProperties() {
        op('getProperties');
        stats.reads++;
        return Object.fromEntries(s());
      },
      setProperties(properties: { [key: string]: string }, deleteAllOthers?: boolean) {
        op('setProperties');
        stats.writes++;
        const next = deleteAllOthers ? new Map<string, string>() : new Map(s());
        for (const [k, v] of Object.entries(properties)) {
          const value = String(v);
          checkValue(value);
          next.set(k, value);
        }
        commitAll(next);
        return self;
      },
      getKeys() {
        op('getKeys');
        stats.reads++;
        return [...s().keys()];
      },
      deleteAllProperties() {
        op('deleteAllProperties');
        stats.writes++;
        s().clear();
        return self;
      },
    } as FakeProperties;
    return self;
  }

  const PropertiesService: FakePropertiesService = {
    getScriptProperties() {
      runtime.op('PropertiesService.getScriptProperties', { auth: 'LIMITED' });
      return service('script', 'ScriptProperties');
    },
    getUserProperties() {
      runtime.op('PropertiesService.getUserProperties', { auth: 'LIMITED' });
      return service(`user:${runtime.current().user.toLowerCase()}`, 'UserProperties');
    },
    getDocumentProperties() {
      runtime.op('PropertiesService.getDocumentProperties', { auth: 'LIMITED' });
      const id = runtime.current().activeSpreadsheetId;
      return id === null ? null : service(`doc:${id}`, 'DocumentProperties');
    },
  };

  function storeController(key: string): StoreController {
    return {
      get: (k) => store(key).get(k) ?? null,
      set: (k, v) => void store(key).set(k, v),
      delete: (k) => void store(key).delete(k),
      all: () => Object.fromEntries(store(key)),
      clear: () => store(key).clear(),
      bytes: () => sizeOf(store(key)),
    };
  }

  const controller: PropertiesController = {
    script: storeController('script'),
    user: (email) => storeController(`user:${email.toLowerCase()}`),
    document: (id) => storeController(`doc:${id}`),
    stats,
  };
  return { PropertiesService, controller };
}
