/** The analysis worker: the same pure engine as the command line, behind the typed API of analysis_api.ts. */
import * as Comlink from 'comlink';
import { CityAnalysis, type AnalysisParams } from '../analysis/city_analysis';
import { loadCity } from '../io/city_loader';
import { gridTableFromScores } from '../analysis/rankings';
import type { AnalysisWorkerApi, CityGeometry, ProgressStage, ToiletFields } from './analysis_api';

let analysis: CityAnalysis | null = null;

const api: AnalysisWorkerApi = {
  async load(cityId, onProgress) {
    onProgress('loading');
    const city = await loadCity(cityId);
    onProgress('indexing');
    const { manifest, layers } = city;
    analysis = new CityAnalysis({ id: manifest.id, name: manifest.name, synthetic: manifest.synthetic, dataDate: manifest.dataDate }, layers, manifest.bbox);
    const { samples, lattice, projection } = analysis.model;
    const samplePositions = new Float64Array(samples.x.length * 2);
    for (let i = 0; i < samples.x.length; i++) {
      samplePositions[2 * i] = projection.lon(samples.x[i]);
      samplePositions[2 * i + 1] = projection.lat(samples.y[i]);
    }
    const sampleWeights = samples.weight.slice();
    const geometry: CityGeometry = {
      cityId,
      samplePositions,
      sampleWeights,
      lattice: {
        bounds: [projection.lon(lattice.x0), projection.lat(lattice.y0), projection.lon(lattice.x0 + lattice.cols * lattice.cellSize), projection.lat(lattice.y0 + lattice.rows * lattice.cellSize)],
        cols: lattice.cols,
        rows: lattice.rows,
        cellSizeM: lattice.cellSize,
      },
    };
    onProgress('done');
    return Comlink.transfer(geometry, [samplePositions.buffer, sampleWeights.buffer]);
  },

  async toiletFields(includeInstitution, network, onProgress) {
    const current = requireCity();
    onProgress(network ? 'network' : 'distances');
    const fields = current.toiletFields(includeInstitution, network);
    // the worker keeps its cached copy; the page gets its own, transferred
    const samples = fields.samples.slice();
    const cells = fields.cells.slice();
    onProgress('done');
    const result: ToiletFields = { cityId: current.info.id, network, includeInstitution, samples, cells };
    return Comlink.transfer(result, [samples.buffer, cells.buffer]);
  },

  async report(params: AnalysisParams) {
    // the grid list is for the command line and scorecards; the panel does not show it yet
    return requireCity().report(params, { grids: false });
  },

  async gridTable(params) {
    const current = requireCity();
    const grids = current.report(params).grids;
    if (grids.length === 0) return null;
    const table = gridTableFromScores(current.info.id, grids);
    const columns = [table.score, table.streetMetres, table.gapStreetMetres, table.areaShare, table.compounds, table.unserved, table.zoneAlleys, table.zoneCompounds];
    return Comlink.transfer(table, columns.map((c) => c.buffer));
  },

  async gridScorecard(code, params) {
    return requireCity().report(params).grids.find((g) => g.code === code) ?? null;
  },
};

function requireCity(): CityAnalysis {
  if (!analysis) throw new Error('no city loaded in the analysis worker');
  return analysis;
}

Comlink.expose(api);

export type { ProgressStage };
