/**
 * Assessment rules with their sources (DESIGN.md section 5). Analyses take these as parameters; nothing in
 * src/analysis hard-codes a rule.
 */
export interface Rule<T> { value: T; source: string }

export const RULES = {
  /** metres; "每隔500米至少有一处公共卫生间" */
  toiletSpacingM: { value: 500, source: 'campaign practice (每隔500米至少有一处公共卫生间)' },
  /** metres, the upper end of each GB 50337 spacing range, used when per-land-use spacing is switched on */
  toiletSpacingByLandUseM: {
    value: { residential: 800, public: 500, industrial: 1000 },
    source: 'GB 50337 城市环境卫生设施规划标准: commercial/public 300–500 m, residential 500–800 m, industrial 800–1000 m',
  },
  /** metres; assessors draw 500 m – 2 km zones */
  zoneRadiusM: { value: 500, source: 'campaign sampling practice (六个周边 500 m – 2 km)' },
  zoneRadiusRangeM: { value: [500, 2000] as const, source: 'campaign sampling practice' },
  /** metres from a compound to the nearest parking */
  parkingWalkRadiusM: { value: 300, source: 'planning practice' },
  /**
   * metres of street that weigh as much as one residential compound in a score: assessors walk streets and sample
   * compounds, and one compound failing should weigh like a short street stretch, not a fifth of the score
   */
  scoreCompoundWeightM: { value: 100, source: 'chosen so a district with 99 % street coverage and one compound without parking ranks above one with 88 % (issue 11)' },
} satisfies Record<string, Rule<unknown>>;

export type LandUse = keyof typeof RULES.toiletSpacingByLandUseM.value;

/**
 * Service distance per land-use class as the analysis codes it (0 public/commercial, 1 residential), for
 * GB 50337 spacing by land use.
 */
export const LAND_USE_CLASS_LIMITS_M: readonly number[] = [RULES.toiletSpacingByLandUseM.value.public, RULES.toiletSpacingByLandUseM.value.residential];
