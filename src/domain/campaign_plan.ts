/**
 * The campaign's three-year plan (一年集中攻坚、二年巩固提升、三年全力冲刺): three phases of one year each from
 * the city's start date (server/data/reference.json `campaign.start`). Shared by the server and the trend charts.
 */
export const CAMPAIGN_PHASES = [
  { id: 'push', zh: '集中攻坚', en: 'Concentrated push' },
  { id: 'consolidate', zh: '巩固提升', en: 'Consolidation' },
  { id: 'sprint', zh: '全力冲刺', en: 'Final sprint' },
] as const;

export interface CampaignPhase { id: (typeof CAMPAIGN_PHASES)[number]['id']; zh: string; en: string; /** yyyy-mm-dd, inclusive */ from: string; /** yyyy-mm-dd, exclusive */ to: string }

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The phases from a start day (yyyy-mm-dd): year n runs from the start's anniversary n − 1 to anniversary n. */
export function campaignPhases(start: string): CampaignPhase[] {
  const match = DAY.exec(start);
  if (!match) throw new Error(`the campaign start must be a day written yyyy-mm-dd (got "${start}")`);
  const [year, month, day] = match.slice(1).map(Number);
  const anniversary = (n: number) => new Date(Date.UTC(year + n, month - 1, day)).toISOString().slice(0, 10);
  return CAMPAIGN_PHASES.map((p, i) => ({ ...p, from: anniversary(i), to: anniversary(i + 1) }));
}
