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
import type { AnalysisSettings } from '../state/url_hash';
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
  error: string | null;
}

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

export function useGapAnalysis(cityId: string | null, settings: AnalysisSettings, gridCode: string | null): GapAnalysis {
  const client = useRef<AnalysisClient | null>(null);
  const [stage, setStage] = useState<GapAnalysis['stage']>('loading');
  const [geometry, setGeometry] = useState<CityGeometry | null>(null);
  const [fields, setFields] = useState<ToiletFields | null>(null);
  const [report, setReport] = useState<AnalysisReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [scorecard, setScorecard] = useState<GridScore | null>(null);
  const [gridTable, setGridTable] = useState<GridTable | null>(null);
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
    return askLatest((isCurrent) => worker.load(cityId, progressProxy((s) => isCurrent() && setStage(s))), setGeometry, fail);
  }, [cityId]);

  const { network, includeInstitutionToilets, zoneRadiusM, parkingRadiusM, toiletDistanceM } = settings;
  const loadedCity = geometry?.cityId ?? null;

  useEffect(() => {
    const worker = client.current;
    if (!loadedCity || loadedCity !== cityId || !worker) return;
    return askLatest((isCurrent) => worker.toiletFields(includeInstitutionToilets, network, progressProxy((s) => isCurrent() && setStage(s))), setFields, fail);
  }, [loadedCity, cityId, network, includeInstitutionToilets]);

  const fieldsKey = fields ? `${fields.cityId}:${fields.network}:${fields.includeInstitution}` : null;
  const params = useMemo(
    () => ({ ...DEFAULT_PARAMS, network, includeInstitutionToilets, zoneRadiusM, parkingRadiusM, toiletDistanceM }),
    [network, includeInstitutionToilets, zoneRadiusM, parkingRadiusM, toiletDistanceM],
  );

  useEffect(() => {
    const worker = client.current;
    if (!fieldsKey || !worker) return;
    return askLatest(() => worker.report(params), setReport, fail);
    // the toilet threshold is re-classified on the page; the panel needs a new report only for new fields,
    // zones or parking (params changes with the threshold too, so it is not a dependency here)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fieldsKey, zoneRadiusM, parkingRadiusM]);

  useEffect(() => {
    const worker = client.current;
    if (!fieldsKey || !gridCode || !worker) return;
    return askLatest(() => worker.gridScorecard(gridCode, params), setScorecard, fail);
    // as before: asked once the fields for the current switches are in (fieldsKey), not when a switch flips
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fieldsKey, gridCode, zoneRadiusM, parkingRadiusM, toiletDistanceM]);

  useEffect(() => {
    const worker = client.current;
    if (!fieldsKey || !worker) return;
    return askLatest(() => worker.gridTable(params), setGridTable, fail);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fieldsKey, zoneRadiusM, parkingRadiusM, toiletDistanceM]);

  const matches = <T extends { cityId: string } | null>(value: T) => (value && value.cityId === cityId ? value : null);
  const fieldsNow = fields && fields.cityId === cityId && fields.network === network && fields.includeInstitution === includeInstitutionToilets ? fields : null;
  return { stage, geometry: matches(geometry), fields: fieldsNow, report: report && report.city.id === cityId ? report : null, scorecard: scorecard && scorecard.code === gridCode ? scorecard : null, gridTable: matches(gridTable), error };
}
