/** The messages between the preview's HTTP thread and its worker thread (types only). */
import type {
  CallRequest,
  CallResponse,
  MenuItem,
  SessionConfig,
  SheetSnapshot,
  ShownSidebar,
} from './session';

export interface WorkerConfig extends SessionConfig {
  /** How much faster than real time virtual time runs. */
  speed: number;
}

export interface ToWorker {
  id: number;
  request: CallRequest;
}

export type FromWorker =
  | { type: 'ready'; menu: MenuItem[] }
  | { type: 'snapshot'; snapshot: SheetSnapshot }
  | { type: 'sidebar'; sidebar: ShownSidebar }
  | { type: 'result'; id: number; response: CallResponse }
  | { type: 'fatal'; message: string };
