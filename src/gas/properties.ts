/** KeyValueStore over Apps Script properties. */
import type { KeyValueStore } from '../core/platform/ports';

export function propertyStore(properties: GoogleAppsScript.Properties.Properties): KeyValueStore {
  return {
    get: (key) => properties.getProperty(key),
    set: (key, value) => {
      properties.setProperty(key, value);
    },
    remove: (key) => {
      properties.deleteProperty(key);
    },
  };
}
