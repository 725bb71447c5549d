/**
 * KeyValueStore over spreadsheet developer metadata visible to this project only (PROJECT
 * visibility): what the add-on keeps in a spreadsheet (schedule record, last tick, run lease) cannot
 * be read or changed by an editor's own script or the Sheets API under another project. Records that
 * earlier versions wrote with DOCUMENT visibility are moved to PROJECT visibility when first read;
 * once a PROJECT record exists, a DOCUMENT one under the same key (left over, or planted by another
 * project) is removed and never believed.
 */
import type { KeyValueStore } from '../core/platform/ports';

type Metadata = GoogleAppsScript.Spreadsheet.DeveloperMetadata;

export function projectMetadataStore(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): KeyValueStore {
  const PROJECT = SpreadsheetApp.DeveloperMetadataVisibility.PROJECT;
  const entries = (key: string) => {
    const all = spreadsheet.getDeveloperMetadata().filter((m) => m.getKey() === key);
    const ours: Metadata[] = [];
    const open: Metadata[] = [];
    for (const m of all) (String(m.getVisibility()) === String(PROJECT) ? ours : open).push(m);
    return { ours, open };
  };
  const removeAll = (list: Metadata[]) => {
    for (const m of list) m.remove();
  };
  return {
    get(key) {
      const { ours, open } = entries(key);
      const first = ours[0];
      const legacy = open[0];
      try {
        if (first) {
          removeAll(open);
          return first.getValue();
        }
        if (!legacy) return null;
        const value = legacy.getValue();
        if (value !== null) spreadsheet.addDeveloperMetadata(key, value, PROJECT);
        removeAll(open);
        return value;
      } catch {
        // A viewer cannot tidy up: the value read stands, the next editor's call moves it.
        return first ? first.getValue() : (legacy?.getValue() ?? null);
      }
    },
    set(key, value) {
      const { ours, open } = entries(key);
      removeAll(open);
      const [first, ...extra] = ours;
      removeAll(extra);
      if (first) first.setValue(value);
      else spreadsheet.addDeveloperMetadata(key, value, PROJECT);
    },
    remove(key) {
      const { ours, open } = entries(key);
      removeAll([...ours, ...open]);
    },
  };
}
