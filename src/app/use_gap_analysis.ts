/**
 * Drives the analysis worker for the open city: load once per city, distance fields once per switch setting,
 * a report when zone or parking settings change. The toilet threshold is not here: the page re-classifies
 * the fields it holds, without asking the worker.
 */
import { useEffect, useRef, useState } from 'react';
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
    if (!cityId || !client.current) return;
    let current = true;
    client.current.load(cityId, progressProxy((s) => current && setStage(s))).then((g) => current && setGeometry(g), (reason) => current && fail(reason));
    return () => {
      current = false;
    };
  }, [cityId]);

  const { network, includeInstitutionToilets, zoneRadiusM, parkingRadiusM, toiletDistanceM } = settings;
  const loadedCity = geometry?.cityId ?? null;

  useEffect(() => {
    if (!loadedCity || loadedCity !== cityId || !client.current) return;
    let current = true;
    client.current.toiletFields(includeInstitutionToilets, network, progressProxy((s) => current && setStage(s))).then((f) => current && setFields(f), (reason) => current && fail(reason));
    return () => {
      current = false;
    };
  }, [loadedCity, cityId, network, includeInstitutionToilets]);

  const fieldsKey = fields ? `${fields.cityId}:${fields.network}:${fields.includeInstitution}` : null;
  useEffect(() => {
    if (!fieldsKey || !client.current) return;
    let current = true;
    const params = { ...DEFAULT_PARAMS, network, includeInstitutionToilets, zoneRadiusM, parkingRadiusM, toiletDistanceM };
    client.current.report(params).then((r) => current && setReport(r), (reason) => current && fail(reason));
    return () => {
      current = false;
    };
    // the toilet threshold is re-classified on the page; a new report for it is only needed with new fields
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fieldsKey, zoneRadiusM, parkingRadiusM]);

  useEffect(() => {
    if (!fieldsKey || !gridCode || !client.current) return;
    let current = true;
    const params = { ...DEFAULT_PARAMS, network, includeInstitutionToilets, zoneRadiusM, parkingRadiusM, toiletDistanceM };
    client.current.gridScorecard(gridCode, params).then((card) => current && setScorecard(card), (reason) => current && fail(reason));
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fieldsKey, gridCode, zoneRadiusM, parkingRadiusM, toiletDistanceM]);

  useEffect(() => {
    if (!fieldsKey || !client.current) return;
    let current = true;
    const params = { ...DEFAULT_PARAMS, network, includeInstitutionToilets, zoneRadiusM, parkingRadiusM, toiletDistanceM };
    client.current.gridTable(params).then((table) => current && setGridTable(table), (reason) => current && fail(reason));
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fieldsKey, zoneRadiusM, parkingRadiusM, toiletDistanceM]);

  const matches = <T extends { cityId: string } | null>(value: T) => (value && value.cityId === cityId ? value : null);
  const fieldsNow = fields && fields.cityId === cityId && fields.network === network && fields.includeInstitution === includeInstitutionToilets ? fields : null;
  return { stage, geometry: matches(geometry), fields: fieldsNow, report: report && report.city.id === cityId ? report : null, scorecard: scorecard && scorecard.code === gridCode ? scorecard : null, gridTable: matches(gridTable), error };
}
