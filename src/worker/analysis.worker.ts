/** The analysis worker: the same pure engine as the command line, behind the typed API of analysis_api.ts. */
import * as Comlink from 'comlink';
import { CityAnalysis, type AnalysisParams, type AnalysisReport } from '../analysis/city_analysis';
import type { GridColumns } from '../analysis/grid_scores';
import { loadCity } from '../io/city_loader';
import { gridTableFigures } from '../analysis/rankings';
import { GridTableSender } from '../analysis/grid_table_changes';
import type { AnalysisWorkerApi, CityGeometry, ProgressStage, ToiletFields } from './analysis_api';
import type { CityLayers } from '../domain/city_bundle';
import { guessColumns } from '../ledger/columns';
import { decideCrs, importLedger } from '../ledger/import_ledger';
import { applyProject } from '../ledger/project';
import { readLedgerTable, type LedgerTable } from '../ledger/read_table';

let analysis: CityAnalysis | null = null;
/**
 * the bundle's own facilities: a project's ledgers and proposals are applied to these. Only these: the model holds
 * what it needs of the other layers, and their GeoJSON kept ~60 MB alive on the 30 km city.
 */
let bundleFacilities: Pick<CityLayers, 'facilities'> | null = null;
/** the ledger file read by previewLedger, waiting for importLedger */
let pendingTable: LedgerTable | null = null;
let projectVersion = 0;
let loads = 0;
/**
 * The last report with its grid figures as columns: the panel, the grid table and a scorecard all come from it for
 * one setting (no object per grid: a slider move on a 30 km city would make 89 k of them).
 */
let lastReport: { key: string; report: AnalysisReport; gridColumns: GridColumns | null } | null = null;
/** the last grid table sent, for sending the next as its changes */
const gridTables = new GridTableSender();

function fullReport(params: AnalysisParams): { report: AnalysisReport; gridColumns: GridColumns | null } {
  const current = requireCity();
  const key = `${current.info.id}:${JSON.stringify(params)}`;
  if (lastReport?.key !== key) lastReport = { key, ...current.reportWithGridColumns(params) };
  return lastReport;
}

const api: AnalysisWorkerApi = {
  async load(cityId, fresh, onProgress) {
    onProgress('loading');
    const city = await loadCity(cityId, undefined, { fresh });
    onProgress('indexing');
    const { manifest, layers } = city;
    lastReport = null;
    bundleFacilities = { facilities: layers.facilities };
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
      // each load its own version: what the page applied to an earlier load (a project) must be applied again
      version: `${manifest.builtAt}#${++loads}`,
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
    // the panel does not show the per-grid list; it travels as columns (gridTable) instead
    return fullReport(params).report;
  },

  async gridTable(params, base) {
    const { gridColumns } = fullReport(params);
    if (!gridColumns) {
      gridTables.forget();
      return null;
    }
    const changes = gridTables.changes(requireCity().info.id, gridTableFigures(gridColumns), base);
    return Comlink.transfer(changes, Object.values(changes.changed).map((c) => c.buffer));
  },

  async overviewRasters() {
    const current = requireCity();
    const { alleyCells, gridOfCell } = current.overviewRasters();
    // the worker keeps its grid placement; the page gets copies
    const grids = gridOfCell?.slice() ?? null;
    return Comlink.transfer({ cityId: current.info.id, alleyCells, gridOfCell: grids }, grids ? [alleyCells.buffer, grids.buffer] : [alleyCells.buffer]);
  },

  async landUseClasses() {
    const current = requireCity();
    const classes = current.landUseClasses();
    const samples = classes.sample.slice();
    const cells = classes.cell.slice();
    return Comlink.transfer({ cityId: current.info.id, samples, cells }, [samples.buffer, cells.buffer]);
  },

  async previewLedger(fileName, bytes, onProgress) {
    const current = requireCity();
    onProgress(0);
    const table = await readLedgerTable(fileName, bytes, (share) => onProgress(share * 0.9));
    pendingTable = table;
    const columns = guessColumns(table.headers);
    const crs = decideCrs(table, columns, current.model, 'auto');
    onProgress(1);
    return { fileName, format: table.format, headers: table.headers, sample: table.rows.slice(0, 5), rows: table.rows.length, columns, crs };
  },

  async importLedger(choices) {
    if (!pendingTable) throw new Error('no ledger file read yet');
    const { layer, crs } = importLedger(pendingTable, requireCity().model, choices);
    pendingTable = null;
    return { layer, crs };
  },

  async setProject(project) {
    const current = requireCity();
    if (!bundleFacilities) throw new Error('no city loaded in the analysis worker');
    current.setFacilities(applyProject(bundleFacilities, project).facilities.features);
    lastReport = null;
    return ++projectVersion;
  },

  async suggestSites(params, category, count) {
    return requireCity().suggestSites(params, category, count);
  },

  async proposalEffects(params) {
    return requireCity().proposalEffects(params);
  },

  async streetGaps(params) {
    return requireCity().streetGapList(params);
  },

  async mockInspection(params, seed, picks) {
    const current = requireCity();
    return { cityId: current.info.id, ...current.mockInspection(params, { seed, alleys: picks, compounds: picks }) };
  },

  async gridScorecard(code, params) {
    const { gridColumns } = fullReport(params);
    return gridColumns && requireCity().gridScorecard(code, gridColumns);
  },
};

function requireCity(): CityAnalysis {
  if (!analysis) throw new Error('no city loaded in the analysis worker');
  return analysis;
}

Comlink.expose(api);

export type { ProgressStage };
