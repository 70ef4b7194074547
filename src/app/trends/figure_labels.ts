/** The UI name of each snapshot figure, and the campaign's dates as chart positions. */
import type { TrendFigureId } from '../../history/snapshot_change';
import type { StringKey } from '../../i18n/strings';

export const FIGURE_LABEL: Record<TrendFigureId, StringKey> = {
  toiletCoverage: 'figToiletCoverage',
  toiletGapKm: 'figToiletGapKm',
  parkingServed: 'figParkingServed',
  zoneAlleys: 'figZoneAlleys',
  zoneCompounds: 'figZoneCompounds',
  openCases: 'figOpenCases',
  overdueCases: 'figOverdueCases',
  onTimeRate: 'figOnTimeRate',
};

/** a yyyy-mm-dd day as a chart position: its UTC midnight (days and phases all share the convention) */
export const dayMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);
export const msDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
