import { describe, expect, it } from 'vitest';
import { connectEventStream, EventCursor, type EventSourceLike, type StreamEvent, type StreamStatus } from './event_stream';

/** A stand-in for the browser's EventSource: the test delivers events and errors by hand. */
class FakeSource implements EventSourceLike {
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  private listeners: ((event: MessageEvent<string>) => void)[] = [];
  constructor(readonly url: string) {}
  addEventListener(_type: string, listener: (event: MessageEvent<string>) => void) {
    this.listeners.push(listener);
  }
  close() {
    this.closed = true;
  }
  open() {
    this.onopen?.({} as Event);
  }
  send(id: number) {
    for (const l of this.listeners) l({ data: JSON.stringify({ id, caseId: 1, action: 'register', case: null }) } as MessageEvent<string>);
  }
  fail() {
    this.onerror?.({} as Event);
  }
}

function harness(after = 0) {
  const sources: FakeSource[] = [];
  const timers: { run: () => void; ms: number }[] = [];
  const received: number[] = [];
  const statuses: StreamStatus[] = [];
  const stop = connectEventStream({
    after,
    onEvent: (e: StreamEvent) => received.push(e.id),
    onStatus: (s) => statuses.push(s),
    open: (url) => {
      const source = new FakeSource(url);
      sources.push(source);
      return source;
    },
    backoffMs: [100, 400],
    setTimer: (run, ms) => timers.push({ run, ms }),
    clearTimer: () => {},
  });
  return { sources, timers, received, statuses, stop };
}

describe('the live feed', () => {
  it('hands on each event once, in order, dropping replays at or below the last id', () => {
    const cursor = new EventCursor(5);
    expect([5, 6, 6, 4, 8, 7, 9].filter((id) => cursor.accept(id))).toEqual([6, 8, 9]);
    const h = harness(10);
    expect(h.sources[0].url).toBe('/api/events?after=10');
    for (const id of [9, 10, 11, 12, 12, 13]) h.sources[0].send(id);
    expect(h.received).toEqual([11, 12, 13]);
  });

  it('after a drop reconnects after a growing backoff, asking for what follows the last event, and misses nothing', () => {
    const h = harness(0);
    h.sources[0].open();
    h.sources[0].send(1);
    h.sources[0].send(2);
    h.sources[0].fail();
    expect(h.sources[0].closed).toBe(true);
    expect(h.timers.map((t) => t.ms)).toEqual([100]);
    h.timers[0].run();
    expect(h.sources[1].url).toBe('/api/events?after=2');
    h.sources[1].fail(); // the server is still down
    expect(h.timers.map((t) => t.ms)).toEqual([100, 400]);
    h.timers[1].run();
    h.sources[2].fail();
    expect(h.timers[2].ms).toBe(400);
    h.timers[2].run();
    h.sources[3].open();
    // the replay overlaps what was seen
    for (const id of [2, 3, 4]) h.sources[3].send(id);
    expect(h.received).toEqual([1, 2, 3, 4]);
    expect(h.statuses).toEqual(['connecting', 'open', 'reconnecting', 'reconnecting', 'reconnecting', 'reconnecting', 'reconnecting', 'reconnecting', 'open']);
    // a success resets the backoff
    h.sources[3].fail();
    expect(h.timers.at(-1)!.ms).toBe(100);
  });

  it('ignores a closed source’s late events and stays closed once stopped', () => {
    const h = harness(0);
    const first = h.sources[0];
    first.fail();
    h.timers[0].run();
    first.send(1);
    expect(h.received).toEqual([]);
    h.stop();
    expect(h.sources[1].closed).toBe(true);
    h.sources[1].fail();
    expect(h.timers).toHaveLength(1);
  });
});
