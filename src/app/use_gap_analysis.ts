/**
 * Drives the analysis worker for the open city: load once per city, distance fields once per switch setting,
 * a report when zone or parking settings change. The toilet threshold is not here: the page re-classifies
 * the fields it holds, without asking the worker.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AnalysisReport } from '../analysis/city_analysis';
import type { GridScore } from '../analysis/grid_scores';
import type { GridTable } from '../analysis/rankings';
import { DEFAULT_PARAMS } from '../analysis/city_analysis';
import type { MockInspection } from '../analysis/mock_inspection';
import type { StreetGap } from '../analysis/gap_lists';
import type { AnalysisSettings, MockSettings } from '../state/url_hash';
import type { Project } from '../ledger/project';
import type { CityGeometry, ProgressStage, ToiletFields } from '../worker/analysis_api';
import { progressProxy, startAnalysisWorker, type AnalysisClient } from '../worker/analysis_client';

export interface GapAnalysis {
  stage: ProgressStage | 'error';
  geometry: CityGeometry | null;
  fields: ToiletFields | null;
  report: AnalysisReport | null;
  /** the selected grid's scorecard, when a grid is selected */
  scorecard: GridScore | null;
  /** every grid's figures for rankings and the choropleth, when the city has grids */
  gridTable: GridTable | null;
  /** per sample and cell, 1 inside a residential compound; only while spacing by land use is on */
  landUse: { samples: Uint8Array; cells: Uint8Array } | null;
  /** the mock inspection's draw, when one is asked for */
  mock: MockInspection | null;
  error: string | null;
  /** every street with a gap under the current settings (the report lists the first 100), for export */
  allStreetGaps: () => Promise<StreetGap[]>;
  /** each proposal's own effect under the current settings */
  proposalEffects: { id: string; closesM: number; serves: number }[];
  /** the worker, for one-off asks (ledger import, suggestions) */
  client: () => AnalysisClient | null;
}

/**
 * What the hook is asked for besides the settings. `dataVersion` changes when the wall reloads new data;
 * `project` (ledgers and proposals) is applied to the city's facilities before anything is computed.
 */
export interface GapAnalysisRequest { cityId: string | null; /** null for the data first opened */ dataVersion: string | null; gridCode: string | null; mock: MockSettings | null; project: Pick<Project, 'ledgers' | 'proposals'> | null }

/**
 * Asks the worker and delivers its answer (and progress) only while the effect that asked is still current,
 * so a slow answer for an old setting never overwrites a newer one. Returns the effect's cleanup.
 */
function askLatest<T>(ask: (isCurrent: () => boolean) => Promise<T>, onValue: (value: T) => void, onError: (reason: unknown) => void): () => void {
  let current = true;
  ask(() => current).then(
    (value) => current && onValue(value),
    (reason) => current && onError(reason),
  );
  return () => {
    current = false;
  };
}

export function useGapAnalysis(request: GapAnalysisRequest, settings: AnalysisSettings): GapAnalysis {
  const { cityId, dataVersion, gridCode, mock: mockSettings, project } = request;
  const client = useRef<AnalysisClient | null>(null);
  const [stage, setStage] = useState<GapAnalysis['stage']>('loading');
  const [geometry, setGeometry] = useState<CityGeometry | null>(null);
  const [fields, setFields] = useState<ToiletFields | null>(null);
  const [report, setReport] = useState<AnalysisReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [scorecard, setScorecard] = useState<GridScore | null>(null);
  const [gridTable, setGridTable] = useState<GridTable | null>(null);
  const [landUse, setLandUse] = useState<(GapAnalysis['landUse'] & { cityId: string }) | null>(null);
  const [mock, setMock] = useState<(MockInspection & { cityId: string }) | null>(null);
  /** the project version the worker has applied, per loaded city */
  const [applied, setApplied] = useState<{ key: string; version: number } | null>(null);
  const [effects, setEffects] = useState<GapAnalysis['proposalEffects']>([]);
  /** the project the held fields were computed with: a new project asks for everything again */
  const [fieldsFor, setFieldsFor] = useState<string | null>(null);
  const fail = (reason: unknown) => {
    setError((reason as Error).message ?? String(reason));
    setStage('error');
  };

  useEffect(() => {
    const worker = startAnalysisWorker();
    client.current = worker.client;
    return () => {
      worker.terminate();
      client.current = null;
    };
  }, []);

  useEffect(() => {
    const worker = client.current;
    if (!cityId || !worker) return;
    // a data version means new data on the server: skip the HTTP cache
    const fresh = dataVersion !== null;
    return askLatest((isCurrent) => worker.load(cityId, fresh, progressProxy((s) => isCurrent() && setStage(s))), setGeometry, fail);
  }, [cityId, dataVersion]);

  const { network, includeInstitutionToilets, zoneRadiusM, parkingRadiusM, toiletDistanceM, toiletByLandUse } = settings;
  // a new geometry (new city or reloaded data) asks for everything again
  const loadedKey = geometry && geometry.cityId === cityId ? `${geometry.cityId}@${geometry.version}` : null;

  // the project goes in first: every figure below is asked for once the worker has it
  useEffect(() => {
    const worker = client.current;
    if (!loadedKey || !worker) return;
    const key = loadedKey;
    return askLatest(() => worker.setProject(project ?? { ledgers: [], proposals: [] }), (version) => setApplied({ key, version }), fail);
  }, [loadedKey, project]);
  const projectKey = applied && applied.key === loadedKey ? `${loadedKey}#${applied.version}` : null;

  useEffect(() => {
    const worker = client.current;
    if (!projectKey || !worker) return;
    const key = projectKey;
    const deliver = (f: ToiletFields) => {
      setFields(f);
      setFieldsFor(key);
    };
    return askLatest((isCurrent) => worker.toiletFields(includeInstitutionToilets, network, progressProxy((s) => isCurrent() && setStage(s))), deliver, fail);
  }, [projectKey, network, includeInstitutionToilets]);

  useEffect(() => {
    const worker = client.current;
    if (!loadedKey || !toiletByLandUse || !worker) return;
    return askLatest(() => worker.landUseClasses(), setLandUse, fail);
  }, [loadedKey, toiletByLandUse]);

  // fields are new objects after every load, so the key follows the load too
  const fieldsKey = fields && fieldsFor ? `${fieldsFor}:${fields.network}:${fields.includeInstitution}` : null;
  const params = useMemo(
    () => ({ ...DEFAULT_PARAMS, network, includeInstitutionToilets, zoneRadiusM, parkingRadiusM, toiletDistanceM, toiletByLandUse }),
    [network, includeInstitutionToilets, zoneRadiusM, parkingRadiusM, toiletDistanceM, toiletByLandUse],
  );

  useEffect(() => {
    const worker = client.current;
    if (!fieldsKey || !worker) return;
    return askLatest(() => worker.report(params), setReport, fail);
    // the report's gap lists follow the threshold too; its KPIs are re-classified on the page meanwhile
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fieldsKey, zoneRadiusM, parkingRadiusM, toiletDistanceM, toiletByLandUse]);

  useEffect(() => {
    const worker = client.current;
    if (!fieldsKey || !worker || !project?.proposals.length) {
      setEffects([]);
      return;
    }
    return askLatest(() => worker.proposalEffects(params), setEffects, fail);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fieldsKey, project, toiletDistanceM, parkingRadiusM, includeInstitutionToilets]);

  const mockSeed = mockSettings?.seed ?? null;
  const mockPicks = mockSettings ? `${mockSettings.min}-${mockSettings.max}` : null;
  useEffect(() => {
    const worker = client.current;
    if (!fieldsKey || mockSeed === null || !mockPicks || !worker) return;
    const [min, max] = mockPicks.split('-').map(Number);
    return askLatest(() => worker.mockInspection(params, mockSeed, { min, max }), setMock, fail);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fieldsKey, mockSeed, mockPicks, zoneRadiusM, parkingRadiusM, toiletDistanceM, toiletByLandUse]);

  useEffect(() => {
    const worker = client.current;
    if (!fieldsKey || !gridCode || !worker) return;
    return askLatest(() => worker.gridScorecard(gridCode, params), setScorecard, fail);
    // as before: asked once the fields for the current switches are in (fieldsKey), not when a switch flips
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fieldsKey, gridCode, zoneRadiusM, parkingRadiusM, toiletDistanceM, toiletByLandUse]);

  useEffect(() => {
    const worker = client.current;
    if (!fieldsKey || !worker) return;
    return askLatest(() => worker.gridTable(params), setGridTable, fail);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fieldsKey, zoneRadiusM, parkingRadiusM, toiletDistanceM, toiletByLandUse]);

  const matches = <T extends { cityId: string } | null>(value: T) => (value && value.cityId === cityId ? value : null);
  const fieldsNow = fields && fields.cityId === cityId && fields.network === network && fields.includeInstitution === includeInstitutionToilets ? fields : null;
  const mockNow = mock && mock.cityId === cityId && mockSettings && mock.seed === mockSettings.seed && mock.picks.alleys.min === mockSettings.min && mock.picks.alleys.max === mockSettings.max ? mock : null;
  return {
    stage,
    geometry: matches(geometry),
    fields: fieldsNow,
    report: report && report.city.id === cityId ? report : null,
    scorecard: scorecard && scorecard.code === gridCode ? scorecard : null,
    gridTable: matches(gridTable),
    landUse: toiletByLandUse ? matches(landUse) : null,
    mock: mockNow,
    error,
    allStreetGaps: () => client.current?.streetGaps(params) ?? Promise.resolve([]),
    proposalEffects: effects,
    client: () => client.current,
  };
}
