/**
 * The live feed of case events (server: GET /api/events, Server-Sent Events whose id is the event log's id).
 * The browser's own EventSource gives up for good on an HTTP error and retries on its own schedule otherwise,
 * so this closes it on any error and opens a new one after a backoff, asking for everything after the last id
 * it handed on (?after=). Replays overlap after a reconnect; an id already seen is dropped, so each event is
 * handed on exactly once and in order.
 */
import type { ApiCase, ApiEvent } from './api';

export type StreamEvent = ApiEvent & { case: ApiCase | null };
export type StreamStatus = 'connecting' | 'open' | 'reconnecting';

/** the part of EventSource used here, so tests can hand in a fake */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  close(): void;
}

/** milliseconds before each further attempt; the last repeats */
export const RECONNECT_BACKOFF_MS = [250, 500, 1000, 2000];

/** The highest id handed on; ids at or below it are replays. */
export class EventCursor {
  constructor(public last = 0) {}
  accept(id: number): boolean {
    if (!Number.isInteger(id) || id <= this.last) return false;
    this.last = id;
    return true;
  }
}

export interface EventStreamOptions {
  /** the last event id already reflected in what the page shows */
  after: number;
  onEvent: (event: StreamEvent) => void;
  onStatus?: (status: StreamStatus) => void;
  open?: (url: string) => EventSourceLike;
  backoffMs?: readonly number[];
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/** Opens the feed; returns the function that closes it for good. */
export function connectEventStream(options: EventStreamOptions): () => void {
  const { onEvent, onStatus = () => {}, open = (url) => new EventSource(url), backoffMs = RECONNECT_BACKOFF_MS } = options;
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  const cursor = new EventCursor(options.after);
  let source: EventSourceLike | null = null;
  let timer: unknown = null;
  let failures = 0;
  let stopped = false;

  const connect = () => {
    timer = null;
    onStatus(failures === 0 ? 'connecting' : 'reconnecting');
    const current = open(`/api/events?after=${cursor.last}`);
    source = current;
    current.onopen = () => {
      failures = 0;
      onStatus('open');
    };
    current.addEventListener('case', (message) => {
      if (stopped || source !== current) return;
      let event: StreamEvent;
      try {
        event = JSON.parse(message.data) as StreamEvent;
      } catch {
        return;
      }
      if (cursor.accept(event.id)) onEvent(event);
    });
    current.onerror = () => {
      current.close();
      if (stopped || source !== current) return;
      source = null;
      onStatus('reconnecting');
      timer = setTimer(connect, backoffMs[Math.min(failures, backoffMs.length - 1)]);
      failures++;
    };
  };
  connect();
  return () => {
    stopped = true;
    if (timer !== null) clearTimer(timer);
    source?.close();
    source = null;
  };
}
