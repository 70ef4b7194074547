import { describe, expect, it } from 'vitest';
import { GRID_TABLE_COLUMNS, GridTableReceiver, GridTableSender, type GridTableChanges, type GridTableColumn } from './grid_table_changes';
import { Prng } from './prng';

type Figures = Record<GridTableColumn, Float64Array>;
const GRIDS = 500;

function randomFigures(prng: Prng): Figures {
  return Object.fromEntries(GRID_TABLE_COLUMNS.map((c) => [c, Float64Array.from({ length: GRIDS }, () => prng.next() * 1_000)])) as Figures;
}

/** what crosses the thread boundary: the changed columns are transferred, so the sender must not keep them */
const transferred = (changes: GridTableChanges | null): GridTableChanges | null =>
  changes && { ...changes, changed: Object.fromEntries(Object.entries(changes.changed).map(([c, v]) => [c, structuredClone(v, { transfer: [v.buffer] })])) };

describe('grid table changes', () => {
  it('rebuilds every table on the page from the changed columns alone, in the order answers arrive, asked one by one or several at once', () => {
    const prng = new Prng(5);
    const sender = new GridTableSender();
    const receiver = new GridTableReceiver();
    let figures = randomFigures(prng);
    let sentColumns = 0;
    const slider = (from: Figures): Figures => {
      // two or three columns change, sometimes none
      const next = { ...from };
      for (const c of GRID_TABLE_COLUMNS.filter(() => prng.next() < 0.3)) next[c] = Float64Array.from({ length: GRIDS }, () => prng.next() * 1_000);
      return next;
    };
    const expectTable = (table: ReturnType<GridTableReceiver['accept']>, cityId: string, want: Figures) => {
      expect(table!.cityId).toBe(cityId);
      for (const c of GRID_TABLE_COLUMNS) expect(table![c]).toEqual(Float32Array.from(want[c]));
    };
    let held = receiver.accept(transferred(sender.changes('demo', figures, receiver.base())))!;
    for (let round = 0; round < 40; round++) {
      const cityId = round < 30 ? 'demo' : 'demo14';
      // one ask at a time: only the changed columns cross; the others are the arrays the page holds
      const next = slider(figures);
      const answer = transferred(sender.changes(cityId, next, receiver.base()))!;
      sentColumns += Object.keys(answer.changed).length;
      const table = receiver.accept(answer)!;
      expectTable(table, cityId, next);
      for (const c of GRID_TABLE_COLUMNS) if (!(c in answer.changed)) expect(table[c]).toBe(held[c]);
      // two asks in flight against the same base, as when sliders move faster than the worker answers
      const [one, two] = [slider(next), slider(next)];
      const base = receiver.base();
      const first = transferred(sender.changes(cityId, one, base));
      const second = transferred(sender.changes(cityId, two, base));
      expectTable(receiver.accept(first), cityId, one);
      held = receiver.accept(second)!;
      expectTable(held, cityId, two);
      figures = two;
    }
    // far fewer columns crossed than eight per table
    expect(sentColumns).toBeLessThan(40 * GRID_TABLE_COLUMNS.length * 0.6);
  });

  it('sends the whole table after a table with no grids, and refuses changes on a base the page does not hold', () => {
    const prng = new Prng(9);
    const sender = new GridTableSender();
    const receiver = new GridTableReceiver();
    const figures = randomFigures(prng);
    receiver.accept(transferred(sender.changes('demo', figures, receiver.base())));
    sender.forget();
    expect(receiver.accept(null)).toBeNull();
    const whole = transferred(sender.changes('demo', figures, receiver.base()))!;
    expect(whole.base).toBeNull();
    expect(Object.keys(whole.changed).sort()).toEqual([...GRID_TABLE_COLUMNS].sort());
    receiver.accept(whole);
    const stale = transferred(sender.changes('demo', figures, receiver.base()))!;
    expect(() => new GridTableReceiver().accept(stale)).toThrow(/based on table/);
  });
});
