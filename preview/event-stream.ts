/**
 * One page's Server-Sent Events stream. A page that does not read (a background tab, a paused
 * debugger) must not make the server buffer every patch of a long send: past a backlog the stream
 * skips events and, once the page reads again, sends what `catchUp` says (the whole sheet). Patches
 * carry whole rows, so a page that missed some is right again after one snapshot.
 */

/** The part of http.ServerResponse a stream writes to. */
export interface SseTarget {
  readonly writableLength: number;
  write(chunk: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
}

/** Bytes a stream may have waiting before it skips events. */
export const MAX_STREAM_BACKLOG = 1024 * 1024;

export class EventStream<T extends SseTarget = SseTarget> {
  private stale = false;

  constructor(
    readonly target: T,
    private readonly catchUp: () => string,
    private readonly maxBacklog = MAX_STREAM_BACKLOG,
  ) {}

  /** Whether events are being skipped until the page reads again. */
  get skipping(): boolean {
    return this.stale;
  }

  send(text: string): void {
    if (this.stale) return;
    if (this.target.writableLength > this.maxBacklog) {
      this.stale = true;
      this.target.once('drain', () => {
        this.stale = false;
        this.target.write(this.catchUp());
      });
      return;
    }
    this.target.write(text);
  }
}

/** One event as the stream carries it. */
export const sseFrame = (event: string, data: unknown) =>
  `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
