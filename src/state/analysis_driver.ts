/**
 * Drives the analysis worker from the app state: load once per city, the project applied before anything is
 * computed, distance fields once per switch setting, a report when zone or parking settings change. The toilet
 * threshold is not here: toilet_coverage.ts re-classifies the fields the page holds.
 */
import type { StoreApi } from 'zustand/vanilla';
import { DEFAULT_PARAMS, type AnalysisParams } from '../analysis/city_analysis';
import type { StreetGap } from '../analysis/gap_lists';
import { GridTableReceiver } from '../analysis/grid_table_changes';
import type { Project } from '../ledger/project';
import { progressProxy, startAnalysisWorker, type AnalysisClient } from '../worker/analysis_client';
import type { AnalysisData } from './analysis_state';
import { selectCityId, type AppState } from './app_store';
import { selectAnalysisScope, wantedScope } from './as_of_driver';
import { follow } from './follow';
import type { AnalysisSettings } from './url_hash';

/** what a switch between today and a history day takes off the page until the worker answers for the new one */
const NO_FIGURES: Partial<AnalysisData> = { fields: null, fieldsFor: null, report: null, gridTable: null, scorecard: null, mock: null, streetGapList: null, proposalEffects: [], coverage: null };

export function analysisParams(settings: AnalysisSettings): AnalysisParams {
  return { ...DEFAULT_PARAMS, ...settings };
}

/** The worker and the app's ways to ask it one-off questions (ledger import, suggestions, full gap lists). */
export interface AnalysisConnection { client: AnalysisClient; allStreetGaps: () => Promise<StreetGap[]>; stop: () => void }

export function connectAnalysis(store: StoreApi<AppState>): AnalysisConnection {
  const worker = startAnalysisWorker();
  const client = worker.client;
  const write = (patch: Partial<AnalysisData>) => store.setState((s) => ({ analysis: { ...s.analysis, ...patch } }));
  const fail = (reason: unknown) => write({ error: (reason as Error).message ?? String(reason), stage: 'error' });
  /** delivers an answer only while the question is still current */
  const ask = <T>(isCurrent: () => boolean, question: Promise<T>, deliver: (value: T) => void) =>
    void question.then(
      (value) => isCurrent() && deliver(value),
      (reason) => isCurrent() && fail(reason),
    );
  const settings = (s: AppState) => s.hash.analysis;

  const loadedKey = (s: AppState) => {
    const g = s.analysis.geometry;
    return g && g.cityId === selectCityId(s) ? `${g.cityId}@${g.version}` : null;
  };
  const projectKey = (s: AppState) => {
    const key = loadedKey(s);
    const applied = s.analysis.projectApplied;
    // a project of the other scope (today vs a history day) is not this page's: nothing is asked for with it
    return applied && key && applied.startsWith(`${key}#`) && s.analysis.appliedScope === wantedScope(s) ? applied : null;
  };
  const fieldsKey = (s: AppState) => {
    const f = s.analysis.fields;
    const fieldsFor = s.analysis.fieldsFor;
    return f && fieldsFor && fieldsFor === projectKey(s) ? `${fieldsFor}:${f.network}:${f.includeInstitution}` : null;
  };
  /** the settings a report, a table or a scorecard follows; the network and institution switches come via fieldsKey */
  const reportDeps = (s: AppState) => {
    const key = fieldsKey(s);
    const a = settings(s);
    return key ? [key, a.zoneRadiusM, a.parkingRadiusM, a.toiletDistanceM, a.toiletByLandUse] : null;
  };
  const params = (s: AppState) => analysisParams(settings(s));
  const gridTables = new GridTableReceiver();

  const stops = [
    follow(store, (s) => {
      const cityId = selectCityId(s);
      const reloaded = s.reloaded && s.reloaded.cityId === cityId ? s.reloaded.builtAt : null;
      return cityId ? [cityId, reloaded] : null;
    }, ([cityId, reloaded], isCurrent) => {
      write({ stage: 'loading' });
      // a data version means new data on the server: skip the HTTP cache
      ask(isCurrent, client.load(cityId as string, reloaded !== null, progressProxy((stage) => isCurrent() && write({ stage }))), (geometry) => write({ geometry }));
    }),
    // today ↔ a history day: the figures on show belong to the other one, so they go before the new ones come
    // (a history banner over today's figures, even for a second, would be a wrong answer)
    follow(store, (s) => [selectCityId(s), wantedScope(s)], (_, isCurrent) => {
      if (isCurrent() && store.getState().analysis.appliedScope !== wantedScope(store.getState())) write(NO_FIGURES);
    }),
    // the project (or the history day's revisions) goes in first: every figure below is asked for once the worker has it
    follow(store, (s) => {
      const key = loadedKey(s);
      const scope = selectAnalysisScope(s);
      return key && scope ? [key, scope.scope, scope.ledgers, scope.proposals] : null;
    }, ([key, scope, ledgers, proposals], isCurrent) => {
      const layers = { ledgers: (ledgers ?? []) as Project['ledgers'], proposals: (proposals ?? []) as Project['proposals'] };
      ask(isCurrent, client.setProject(layers), (version) => write({ projectApplied: `${key as string}#${version}`, appliedScope: scope as string }));
    }),
    follow(store, (s) => {
      const key = projectKey(s);
      return key ? [key, settings(s).network, settings(s).includeInstitutionToilets] : null;
    }, ([key, network, institution], isCurrent) => {
      ask(isCurrent, client.toiletFields(institution as boolean, network as boolean, progressProxy((stage) => isCurrent() && write({ stage }))), (fields) => {
        // a User Timing mark: the browser tests tell the worker's computing from the page's work on its answer
        performance.mark('analysis:fields');
        write({ fields, fieldsFor: key as string });
      });
    }),
    follow(store, (s) => (loadedKey(s) && settings(s).toiletByLandUse ? [loadedKey(s)] : null), (_, isCurrent) => {
      ask(isCurrent, client.landUseClasses(), (landUse) => write({ landUse }));
    }),
    // after the first report, so the figures come first
    follow(store, (s) => (loadedKey(s) && currentAnalysis(s).report ? [loadedKey(s)] : null), (_, isCurrent) => {
      ask(isCurrent, client.overviewRasters(), (overview) => write({ overview }));
    }),
    follow(store, reportDeps, (_, isCurrent) => {
      ask(isCurrent, client.report(params(store.getState())), (report) => write({ report }));
    }),
    follow(store, reportDeps, (_, isCurrent) => {
      // every answer is merged, shown or not: the worker diffs against the last table it sent
      ask(isCurrent, client.gridTable(params(store.getState()), gridTables.base()).then((changes) => gridTables.accept(changes)), (gridTable) => write({ gridTable }));
    }),
    follow(store, (s) => {
      const deps = reportDeps(s);
      return deps ? [...deps, s.hash.grid] : null;
    }, (deps, isCurrent) => {
      const grid = deps[deps.length - 1] as string | null;
      if (!grid) return;
      ask(isCurrent, client.gridScorecard(grid, params(store.getState())), (scorecard) => write({ scorecard }));
    }),
    // a grid's scorecard names the streets to fix: every gap street, not only the report's first 100
    follow(store, (s) => {
      const deps = reportDeps(s);
      return deps && s.hash.grid ? deps : null;
    }, (_, isCurrent) => {
      ask(isCurrent, client.streetGaps(params(store.getState())), (streetGapList) => write({ streetGapList }));
    }),
    follow(store, (s) => {
      const deps = reportDeps(s);
      return deps ? [...deps, selectAnalysisScope(s)?.proposals ?? null, settings(s).includeInstitutionToilets] : null;
    }, (deps, isCurrent) => {
      const proposals = deps[5] as Project['proposals'] | null;
      if (!proposals?.length) return write({ proposalEffects: [] });
      ask(isCurrent, client.proposalEffects(params(store.getState())), (proposalEffects) => write({ proposalEffects }));
    }),
    follow(store, (s) => {
      const deps = reportDeps(s);
      const mock = s.hash.mock;
      return deps && mock ? [...deps, mock.seed, mock.min, mock.max] : null;
    }, (deps, isCurrent) => {
      const [seed, min, max] = deps.slice(-3) as number[];
      ask(isCurrent, client.mockInspection(params(store.getState()), seed, { min, max }), (mock) => write({ mock }));
    }),
  ];

  return {
    client,
    allStreetGaps: () => client.streetGaps(params(store.getState())),
    stop: () => {
      for (const stop of stops) stop();
      worker.terminate();
    },
  };
}

/** The worker's answers that belong to the open city and the current settings; stale ones read as null. */
export function currentAnalysis(s: AppState): AnalysisData {
  const a = s.analysis;
  const cityId = selectCityId(s);
  const { network, includeInstitutionToilets, toiletByLandUse } = s.hash.analysis;
  const mock = s.hash.mock;
  const matches = <T extends { cityId: string } | null>(value: T) => (value && value.cityId === cityId ? value : null);
  return {
    ...a,
    geometry: matches(a.geometry),
    fields: a.fields && a.fields.cityId === cityId && a.fields.network === network && a.fields.includeInstitution === includeInstitutionToilets ? a.fields : null,
    report: a.report && a.report.city.id === cityId ? a.report : null,
    scorecard: a.scorecard && a.scorecard.code === s.hash.grid ? a.scorecard : null,
    gridTable: matches(a.gridTable),
    landUse: toiletByLandUse ? matches(a.landUse) : null,
    overview: matches(a.overview),
    mock: a.mock && a.mock.cityId === cityId && mock && a.mock.seed === mock.seed && a.mock.picks.alleys.min === mock.min && a.mock.picks.alleys.max === mock.max ? a.mock : null,
    coverage: a.coverage,
    streetGapList: a.report && a.report.city.id === cityId ? a.streetGapList : null,
  };
}
