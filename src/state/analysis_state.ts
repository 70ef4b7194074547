/** What the analysis worker has answered for the open city, as plain data in the app state. */
import type { AnalysisReport } from '../analysis/city_analysis';
import type { CoverageSummary } from '../analysis/coverage';
import type { StreetGap } from '../analysis/gap_lists';
import type { GridScore } from '../analysis/grid_scores';
import type { DistanceHistogram } from '../analysis/histogram';
import type { MockInspection } from '../analysis/mock_inspection';
import type { GridTable } from '../analysis/rankings';
import type { CityGeometry, ProgressStage, ToiletFields } from '../worker/analysis_api';

export interface ToiletCoverage { summary: CoverageSummary; histogram: DistanceHistogram }

export interface AnalysisData {
  stage: ProgressStage | 'error';
  geometry: CityGeometry | null;
  fields: ToiletFields | null;
  report: AnalysisReport | null;
  /** the selected grid's scorecard, when a grid is selected */
  scorecard: GridScore | null;
  /** every grid's figures for rankings and the choropleth, when the city has grids */
  gridTable: GridTable | null;
  /** per sample and cell, 1 inside a residential compound; only while spacing by land use is on */
  landUse: { cityId: string; samples: Uint8Array; cells: Uint8Array } | null;
  /** per lattice cell, for the map at city zoom: alleys present and the grid of the cell */
  overview: { cityId: string; alleyCells: Uint8Array; gridOfCell: Int32Array | null } | null;
  /** the mock inspection's draw, when one is asked for */
  mock: (MockInspection & { cityId: string }) | null;
  error: string | null;
  /** each proposal's own effect under the current settings */
  proposalEffects: { id: string; closesM: number; serves: number }[];
  /** every street with a toilet gap, asked for while a grid is selected (its scorecard names them) */
  streetGapList: StreetGap[] | null;
  /** `<load>#<version>` of the project the worker has applied to this load */
  projectApplied: string | null;
  /** what that project was: 'today' (the bundle + the planner's project) or a history day (as_of_driver.ts) */
  appliedScope: string | null;
  /** the project key the held fields were computed with: a new project asks for everything again */
  fieldsFor: string | null;
  /** the toilet fields re-classified on the page at the current threshold (no worker call on a slider move) */
  coverage: ToiletCoverage | null;
}

export const EMPTY_ANALYSIS: AnalysisData = { stage: 'loading', geometry: null, fields: null, report: null, scorecard: null, gridTable: null, landUse: null, overview: null, mock: null, error: null, proposalEffects: [], streetGapList: null, projectApplied: null, appliedScope: null, fieldsFor: null, coverage: null };
