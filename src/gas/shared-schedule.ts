/**
 * The shared schedule record over this project's developer metadata: every editor's sidebar reads
 * it, and so does a scheduled tick, which has no active document and so no document properties.
 */
import type { SharedScheduleStore } from '../core/schedule/ports';
import { sharedScheduleOver } from '../core/schedule/schedule-store';
import { projectMetadataStore } from './project-metadata';

export function sharedScheduleStore(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
): SharedScheduleStore {
  return sharedScheduleOver(projectMetadataStore(spreadsheet));
}
