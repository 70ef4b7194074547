/**
 * The one typed API of the analysis worker. Large arrays come back transferred, not copied.
 *
 *   page ──load(cityId)────────────▶ worker: fetch bundle, build model + indexes
 *        ◀─CityGeometry (transfer)──         sample positions, lattice frame
 *        ──toiletFields(switches)──▶         distance fields (cached per switch setting)
 *        ◀─Float32Arrays (transfer)─
 *        ──report(params)──────────▶         re-classifies cached fields and zone pairs
 */
import type { AnalysisParams, AnalysisReport } from '../analysis/city_analysis';
import type { GridScore } from '../analysis/grid_scores';
import type { GridTableChanges } from '../analysis/grid_table_changes';
import type { MockInspection, PickRange } from '../analysis/mock_inspection';
import type { StreetGap } from '../analysis/gap_lists';
import type { SiteSuggestion } from '../analysis/suggest_sites';
import type { ColumnMap } from '../ledger/columns';
import type { CrsDecision, LedgerChoices } from '../ledger/import_ledger';
import type { LedgerLayer, Project } from '../ledger/project';

export interface LatticeFrame {
  /** [west, south, east, north] of the lattice, degrees */
  bounds: [number, number, number, number];
  cols: number;
  rows: number;
  cellSizeM: number;
}

export interface CityGeometry {
  cityId: string;
  /** the bundle's builtAt and a load count: every load (new data, or the same again) is a new version */
  version: string;
  /** street samples, lon/lat interleaved */
  samplePositions: Float64Array;
  /** metres of street each sample stands for */
  sampleWeights: Float64Array;
  lattice: LatticeFrame;
}

export interface ToiletFields { cityId: string; network: boolean; includeInstitution: boolean; samples: Float32Array; cells: Float32Array }

export type ProgressStage = 'loading' | 'indexing' | 'distances' | 'network' | 'zones' | 'done';

export interface AnalysisWorkerApi {
  /** `fresh` bypasses the HTTP cache (the wall's reload of changed data) */
  load(cityId: string, fresh: boolean, onProgress: (stage: ProgressStage) => void): Promise<CityGeometry>;
  /** the map's city-zoom aggregates per lattice cell: alleys present, and the grid of each cell */
  overviewRasters(): Promise<{ cityId: string; alleyCells: Uint8Array; gridOfCell: Int32Array | null }>;
  /** per street sample and lattice cell: 1 inside a residential compound, else 0 (GB 50337 spacing by land use) */
  landUseClasses(): Promise<{ cityId: string; samples: Uint8Array; cells: Uint8Array }>;
  /** reads a ledger file (parsed here, off the page) and keeps it for importLedger; the first rows for a preview */
  previewLedger(fileName: string, bytes: Uint8Array, onProgress: (share: number) => void): Promise<LedgerPreview>;
  /** imports the previewed file with the planner's choices */
  importLedger(choices: LedgerChoices): Promise<{ layer: LedgerLayer; crs: CrsDecision }>;
  /** the city's facilities become the bundle's with the project's ledgers and proposals; returns a version */
  setProject(project: Pick<Project, 'ledgers' | 'proposals'>): Promise<number>;
  suggestSites(params: AnalysisParams, category: 'toilet' | 'parking', count: number): Promise<SiteSuggestion[]>;
  proposalEffects(params: AnalysisParams): Promise<{ id: string; closesM: number; serves: number }[]>;
  /** every street with a gap, for export (the report lists the first 100) */
  streetGaps(params: AnalysisParams): Promise<StreetGap[]>;
  mockInspection(params: AnalysisParams, seed: number, picks: PickRange): Promise<MockInspection & { cityId: string }>;
  toiletFields(includeInstitution: boolean, network: boolean, onProgress: (stage: ProgressStage) => void): Promise<ToiletFields>;
  report(params: AnalysisParams): Promise<AnalysisReport>;
  /** one grid's scorecard, the same entry `npm run analyze -- --json` lists under `grids` */
  gridScorecard(code: string, params: AnalysisParams): Promise<GridScore | null>;
  /**
   * every grid's figures, in grid order, as the columns that changed since the page's table `base` (transferred);
   * the page merges them with GridTableReceiver (grid_table_changes.ts)
   */
  gridTable(params: AnalysisParams, base: number | null): Promise<GridTableChanges | null>;
}

export interface LedgerPreview { fileName: string; format: string; headers: string[]; sample: string[][]; rows: number; columns: ColumnMap; crs: CrsDecision }
