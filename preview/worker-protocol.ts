/** The messages between the preview's HTTP thread and its worker thread (types only). */
import type { CallRequest, CallResponse, MenuItem, SessionConfig, SheetPatch, ShownSidebar } from './session';

export interface WorkerConfig extends SessionConfig {
  /** How much faster than real time virtual time runs. */
  speed: number;
}

export interface ToWorker {
  id: number;
  request: CallRequest;
}

export type FromWorker =
  /** The bundle is loaded, onOpen built the menu; `functions`: what google.script.run may call. */
  | { type: 'ready'; menu: MenuItem[]; functions: string[] }
  /** The call `id` starts now (calls queue: one runs at a time). */
  | { type: 'started'; id: number }
  | { type: 'patch'; patch: SheetPatch }
  | { type: 'sidebar'; sidebar: ShownSidebar }
  | { type: 'result'; id: number; response: CallResponse }
  | { type: 'fatal'; message: string };
