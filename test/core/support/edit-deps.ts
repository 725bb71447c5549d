/** What an edit of the roster outside a send (retry, row actions) runs on in core tests. */
import type { SheetEditDeps } from '../../../src/core/send/sheet-edit';
import { ManualClock, T0 } from './manual-clock';
import type { MemorySheet } from './memory-sheet';
import { MemorySection, MemoryStore } from './memory-store';

export function editDeps(
  sheet: MemorySheet,
  leaseStore = new MemoryStore(),
  section = new MemorySection(),
): SheetEditDeps {
  return {
    sheet,
    spreadsheetId: 'book',
    user: 'admin@school.example',
    source: 'sidebar',
    lease: { store: leaseStore, section, legacyStore: null },
    clock: new ManualClock(T0),
    formatTime: (ms) => new Date(ms).toISOString(),
  };
}
