/**
 * The grid table crosses from the analysis worker to the page as the columns that changed since the table the page
 * last received. A slider changes two or three of its eight columns (street metres and compounds never change for
 * a city), and on the 30 km city the whole table is 2.8 MB: sent whole on every slider change it was the page's
 * largest stream of garbage. In one minute of the large-city bench, 106 tables: 302 MB whole, 82 MB as changes.
 *
 * Both ends count the tables: the worker diffs against the last table it sent, the page merges onto the last one
 * it received. Answers arrive in the order they were asked, and the page takes in every one (those it no longer
 * shows too), so the two agree; a table asked for against another base than the worker's last comes whole.
 */
import type { GridTable } from './rankings';

export const GRID_TABLE_COLUMNS = ['score', 'streetMetres', 'gapStreetMetres', 'areaShare', 'compounds', 'unserved', 'zoneAlleys', 'zoneCompounds'] as const;
export type GridTableColumn = (typeof GRID_TABLE_COLUMNS)[number];

export interface GridTableChanges {
  cityId: string;
  /** this table's number */
  seq: number;
  /** the number of the table the unchanged columns come from; null: every column is here */
  base: number | null;
  changed: Partial<Record<GridTableColumn, Float32Array>>;
}

/** a column as the page holds it (Float32) equals the worker's figures (any precision) */
const sameAsShown = (shown: Float32Array, figures: ArrayLike<number>): boolean => {
  if (shown.length !== figures.length) return false;
  for (let i = 0; i < shown.length; i++) if (!Object.is(shown[i], Math.fround(figures[i]))) return false;
  return true;
};

/** The worker's end: keeps the last table it sent (its own copy: the columns it sends are transferred away). */
export class GridTableSender {
  private last: { seq: number; table: GridTable } | null = null;
  private seq = 0;

  /** The changes from the page's table `base` to the table of `figures`; only changed columns are made anew. */
  changes(cityId: string, figures: Record<GridTableColumn, ArrayLike<number>>, base: number | null): GridTableChanges {
    const previous = this.last && this.last.seq === base && this.last.table.cityId === cityId ? this.last.table : null;
    const changed: GridTableChanges['changed'] = {};
    const table = { cityId } as GridTable;
    for (const column of GRID_TABLE_COLUMNS) {
      if (previous && sameAsShown(previous[column], figures[column])) {
        table[column] = previous[column];
      } else {
        table[column] = Float32Array.from(figures[column]);
        changed[column] = table[column].slice();
      }
    }
    const basedOn = previous ? this.last!.seq : null;
    this.last = { seq: ++this.seq, table };
    return { cityId, seq: this.seq, base: basedOn, changed };
  }

  /** No table (a city without grids): the next one goes whole. */
  forget(): void {
    this.last = null;
  }
}

/** The page's end: merges each answer onto the last table received. */
export class GridTableReceiver {
  private last: { seq: number; table: GridTable } | null = null;

  /** the table number to ask the changes against */
  base(): number | null {
    return this.last?.seq ?? null;
  }

  /** Takes in an answer, shown or not; null (no grids) forgets the last table. */
  accept(changes: GridTableChanges | null): GridTable | null {
    if (!changes) {
      this.last = null;
      return null;
    }
    const from = changes.base === null ? null : this.last;
    if (changes.base !== null && (from?.seq !== changes.base || from.table.cityId !== changes.cityId)) {
      throw new Error(`grid table ${changes.seq} is based on table ${changes.base}, but the page holds ${from ? `${from.table.cityId} ${from.seq}` : 'none'}`);
    }
    const column = (name: GridTableColumn): Float32Array => {
      const value = changes.changed[name] ?? from?.table[name];
      if (!value) throw new Error(`grid table ${changes.seq} lacks column ${name}`);
      return value;
    };
    const table = { cityId: changes.cityId, ...Object.fromEntries(GRID_TABLE_COLUMNS.map((name) => [name, column(name)])) } as GridTable;
    this.last = { seq: changes.seq, table };
    return table;
  }
}
