/**
 * Draws the filtered cases on the map while someone is signed in (in the history view, those open that day): grouped per whole zoom step (a pan never
 * re-groups), the open case enlarged, the last event's case pulsing. A click on a cluster zooms into it; on a
 * pin it opens the case.
 */
import type { StoreApi } from 'zustand/vanilla';
import { caseMarks } from '../campaign/case_marks';
import type { CaseHit } from '../map/case_hits';
import { caseLayers } from '../map/layers/cases_layer';
import type { MapController } from '../map/map_controller';
import { actions, type AppState } from '../state/app_store';
import { follow } from '../state/follow';
import { caseClock, selectMapCases } from './as_of_cases';
import { selectAsOfDay } from '../state/as_of_driver';

type CaseMarks = ReturnType<typeof caseMarks>;

export function connectCaseMap(store: StoreApi<AppState>, map: MapController): () => void {
  const onPick = (hit: CaseHit) => {
    if (hit.kind === 'cluster') map.fitBox(hit.mark.bbox, 600, 80);
    else actions.navigate({ case: hit.mark.id });
  };
  let drawn = false;
  // the marks of a list at a zoom, kept while the list is: a selection, a pulse or a filter switched back
  // reuses them, so deck.gl finds the same data and rebuilds no attribute (only the selected radius)
  const marksOf = new WeakMap<readonly unknown[], Map<string, CaseMarks>>();
  const marksFor = (cases: ReturnType<typeof selectMapCases>, zoom: number, s: AppState): CaseMarks => {
    // a history day judges overdue at its end, so its marks are its own (a new list per day anyway)
    const key = selectAsOfDay(s) ? `${zoom}:${selectAsOfDay(s)}` : String(zoom);
    let byZoom = marksOf.get(cases);
    if (!byZoom) marksOf.set(cases, (byZoom = new Map()));
    let marks = byZoom.get(key);
    if (!marks) byZoom.set(key, (marks = caseMarks(cases, zoom, caseClock(s))));
    return marks;
  };
  return follow(store, (s) => {
    const active = s.session.status === 'signed-in' && s.cases.status === 'ready';
    return active ? [selectMapCases(s), Math.floor(s.hash.view?.zoom ?? 12), s.cases.flash, s.hash.case, s.hash.wall ? 'dark' : s.hash.theme, selectAsOfDay(s)] : [null];
  }, ([cases, zoom, flash, selectedId, theme]) => {
    if (cases === null) {
      if (drawn) map.setCaseLayers(null);
      drawn = false;
      return;
    }
    const marks = marksFor(cases as ReturnType<typeof selectMapCases>, zoom as number, store.getState());
    // no redraw of the case canvas for an empty list that was empty already
    if (!drawn && marks.pins.length === 0 && marks.clusters.length === 0 && !flash) return;
    const layers = caseLayers({ ...marks, flash: flash as AppState['cases']['flash'], selectedId: selectedId as number | null, dark: theme === 'dark' });
    map.setCaseLayers({ layers, marks: { ...marks, selectedId: selectedId as number | null }, onPick });
    drawn = true;
  });
}
