/**
 * One city's analyses. Expensive things (model, indexes, street graph, distance fields) are computed once
 * and cached; a report for new thresholds only re-classifies them.
 */
import { CATEGORY_IDS, SIX_SURROUNDINGS, type CategoryId, type FacilityProperties } from '../domain/categories';
import type { BBox, CityLayers, FacilityFeature } from '../domain/city_bundle';
import { LAND_USE_CLASS_LIMITS_M, RULES } from '../domain/rules';
import { buildCityModel, cellOf, projectFacilities, selectFacilities, type CityModel, type ModelOptions } from './city_model';
import { classifyCoverage, classifyCoverageByRegion, type ClassThresholds, type CoverageSummary } from './coverage';
import { DEFAULT_DISTANCE_CAP_M, latticeDistanceField, pointSet, sampleDistanceField, type PointSet } from './distance_field';
import { pointInPolygon, pointPolygonsDistance } from './geometry';
import { forEachCellCentre, networkDistanceFields, snapCells, type CellSnaps } from './network_field';
import { compoundDistances, countWithin, shareWithin } from './parking_coverage';
import { alleyPairs, compoundPairs, zoneMembership, type ZonePairs } from './six_surroundings';
import { indexRegions, insideParts, placeSamplesCellsCompounds } from './placement';
import { gridColumns, gridScoreAt, gridScores, placeInGrids, SCORE_FORMULA, type GridColumns, type GridInputs, type GridPlacement, type GridScore } from './grid_scores';
import { BoundedDijkstra, buildStreetGraph, distanceAt, MAX_ACCESS_M, nearestSegment, type StreetGraph } from './street_graph';
import { rankedStreetGaps, streetGaps, unservedCompounds, type CompoundGap, type StreetGap } from './gap_lists';
import { suggestParkingSites, suggestToiletSites, type SiteSuggestion } from './suggest_sites';
import { mockInspection, streetToiletStatus, type InspectionOptions, type MockInspection } from './mock_inspection';
import type { GridProperties } from '../domain/city_bundle';
import type { PlanarPolygon } from './geometry';

export interface AnalysisParams {
  /** metres, default 500 */
  toiletDistanceM: number;
  /** use GB 50337 spacing by land use (residential / public) instead of one distance */
  toiletByLandUse: boolean;
  /** count institutions' toilets opened to the public, default true */
  includeInstitutionToilets: boolean;
  /** metres from a compound to parking, default 300 */
  parkingRadiusM: number;
  /** metres, 500–2000, default 500 */
  zoneRadiusM: number;
  /** walking-network distance instead of straight-line */
  network: boolean;
}

export const DEFAULT_PARAMS: AnalysisParams = {
  toiletDistanceM: RULES.toiletSpacingM.value,
  toiletByLandUse: false,
  includeInstitutionToilets: true,
  parkingRadiusM: RULES.parkingWalkRadiusM.value,
  zoneRadiusM: RULES.zoneRadiusM.value,
  network: false,
};

export interface DistanceFields {
  samples: Float32Array;
  cells: Float32Array;
  /** walking network only: positions (in the point set) of facilities too far from any street to reach it */
  offNetwork?: number[];
}

export interface AreaSummary {
  id: string;
  name: string;
  code?: string;
  areaM2: number;
  facilities: Partial<Record<CategoryId, number>>;
  toilets: CoverageSummary;
  parking: { compounds: number; served: number; shareServed: number; knownCapacity: number };
}

export interface AnalysisReport {
  city: { id: string; name: { zh: string; en: string }; synthetic: boolean; dataDate: string };
  params: AnalysisParams;
  counts: Record<string, number>;
  toilets: CoverageSummary & {
    distance: 'straight' | 'network';
    /** the service distances in force, metres: one, or one per land-use class (public, residential) */
    thresholdsM: number[];
    toiletsCounted: number;
    straight: CoverageSummary;
    network?: CoverageSummary;
    /** walking network only: counted toilets farther than MAX_ACCESS_M from every street, which serve nobody there */
    offNetwork?: { id: string; name: string }[];
  };
  parking: {
    compounds: number;
    compoundsServed: number;
    compoundShareServed: number;
    ebikeShedShareServed: number;
    ebikeChargingShareServed: number;
    knownCapacity: number;
  };
  zones: Record<string, { points: number; alleys: number; compounds: number }>;
  /** distinct alleys and compounds inside any zone of any category */
  zoneTotals: { alleys: number; compounds: number };
  /** work lists: the worst streets (at most GAP_STREETS_LISTED) and every compound without parking */
  gaps: { streets: StreetGap[]; streetsWithGap: number; compounds: CompoundGap[] };
  districts: AreaSummary[];
  /** per unit grid, when the bundle has grids and they were asked for */
  grids: GridScore[];
  scoreFormula: string;
  notes: string[];
}

/** A toilet open to the public counts; an institution's opened toilet counts when switched on. */
function countsAsToilet(p: FacilityProperties, includeInstitution: boolean): boolean {
  return p.access === 'public' || p.access === undefined || (includeInstitution && p.access === 'institution_open');
}

/** true when `category`'s points lie where they lay, in the same order: what its zone pairs were computed on */
function samePoints(a: CityModel, b: CityModel, category: CategoryId): boolean {
  const ia = selectFacilities(a, [category]);
  const ib = selectFacilities(b, [category]);
  return ia.length === ib.length && ia.every((i, k) => a.facilities.x[i] === b.facilities.x[ib[k]] && a.facilities.y[i] === b.facilities.y[ib[k]]);
}

export interface CityInfo { id: string; name: { zh: string; en: string }; synthetic: boolean; dataDate: string }

/** streets listed in the report's gap list; the count of all streets with a gap is given beside it */
export const GAP_STREETS_LISTED = 100;

/** largest zone radius, metres: pairs are stored up to here once */
const MAX_ZONE_RADIUS_M = RULES.zoneRadiusRangeM.value[1];

export interface AnalysisOptions extends ModelOptions {
  /**
   * metres, default 2000 (the slider's top): zone pairs are stored up to here. A caller held to one radius (the
   * daily snapshot, 500 m) stores only those: on the 14 km demo city the 2 km pairs are most of a report's time.
   */
  zonePairsUpToM?: number;
}

/** The toilet figures of a report for one toilet setting (CityAnalysis.toiletPart). */
interface ToiletPart {
  key: string;
  straightFields: DistanceFields;
  networkFields: DistanceFields | null;
  straight: CoverageSummary;
  network: CoverageSummary | undefined;
  toiletIds: number[];
  offNetwork: { id: string; name: string }[] | undefined;
  headlineWithin: { samples: Uint8Array; cells: Uint8Array };
  streetGapsListed: ReturnType<typeof rankedStreetGaps>;
  byDistrict: CoverageSummary[];
}

/** Zone membership for one radius (CityAnalysis.zonePart). */
interface ZonePart {
  radiusM: number;
  pairs: { points: number; alleys: ZonePairs; compounds: ZonePairs }[];
  zones: AnalysisReport['zones'];
  alleysInZones: ReturnType<typeof zoneMembership>;
  compoundsInZones: ReturnType<typeof zoneMembership>;
}

interface DistrictFacilities {
  facilities: CityModel['facilities'];
  perDistrict: { facilities: Partial<Record<CategoryId, number>>; knownCapacity: number }[];
}

export class CityAnalysis {
  /** replaced (facilities only) by setFacilities; streets, samples, lattice and compounds never change */
  model: CityModel;
  private graph: StreetGraph | null = null;
  private cellSnaps: CellSnaps | null = null;
  private readonly fieldCache = new Map<string, DistanceFields>();
  private zoneCache: Map<CategoryId, { points: number; alleys: ZonePairs; compounds: ZonePairs }> | null = null;
  private landUse: { sample: Uint8Array; cell: Uint8Array } | null = null;
  private districtPlacement: { sample: Int32Array; cell: Int32Array; compound: Int32Array } | null = null;
  private readonly gridProperties: GridProperties[];
  private readonly gridPolygons: PlanarPolygon[][];
  private gridPlacement: GridPlacement | null = null;
  /** per category (parking, e-bike sheds, chargers): each compound's distance to the nearest; facilities only change them */
  private compoundDistanceCache = new Map<CategoryId, Float32Array>();
  /** reused by samplesReached in walking-network mode */
  private walker: BoundedDijkstra | null = null;
  /**
   * The last report's parts, each for the settings it depends on: a slider changes one setting, and a report
   * computes again only the part that reads it (the 30 km city: 60–70 ms an answer with every part, most of it the
   * parts the slider did not touch). Each part also remembers the inputs it was made from (distance fields, zone
   * pairs, facilities), which a project replaces.
   */
  private lastToiletPart: ToiletPart | null = null;
  private lastZonePart: ZonePart | null = null;
  private lastDistrictFacilities: DistrictFacilities | null = null;
  private readonly zonePairsUpToM: number;

  constructor(
    readonly info: CityInfo,
    layers: CityLayers,
    bbox: BBox,
    options: AnalysisOptions = {},
  ) {
    this.model = buildCityModel(layers, bbox, options);
    this.zonePairsUpToM = options.zonePairsUpToM ?? MAX_ZONE_RADIUS_M;
    this.gridProperties = layers.grids?.features.map((f) => f.properties) ?? [];
    this.gridPolygons = layers.grids?.features.map((f) => this.model.projection.polygons(f.geometry)) ?? [];
  }

  /**
   * Per lattice cell: 1 where a back-alley candidate runs, and the grid holding the cell's centre (-1 for none).
   * The map draws these at city zoom instead of every alley and grid polygon (src/map/view_detail.ts).
   */
  overviewRasters(): { alleyCells: Uint8Array; gridOfCell: Int32Array | null } {
    const { samples, streets, lattice } = this.model;
    const alleyCells = new Uint8Array(lattice.count);
    for (let i = 0; i < samples.x.length; i++) if (streets[samples.street[i]].alley) alleyCells[cellOf(lattice, samples.x[i], samples.y[i])] = 1;
    if (this.gridProperties.length === 0) return { alleyCells, gridOfCell: null };
    this.gridPlacement ??= placeInGrids(this.model, this.gridPolygons);
    return { alleyCells, gridOfCell: this.gridPlacement.gridOfCell };
  }

  /**
   * New facilities on the same streets and compounds (an imported ledger, proposed sites): only what depends
   * on facilities is recomputed, so a what-if costs a distance field, not a new model.
   */
  setFacilities(features: readonly FacilityFeature[]): void {
    const before = this.model;
    this.model = { ...this.model, facilities: projectFacilities(features, this.model.projection) };
    this.fieldCache.clear();
    this.compoundDistanceCache.clear();
    // zone pairs hang on one category's points (indices local to them): a ledger of toilets leaves every
    // six-surroundings category's pairs as they were, and those are most of a report's time on a large city
    for (const category of [...(this.zoneCache?.keys() ?? [])]) if (!samePoints(before, this.model, category)) this.zoneCache!.delete(category);
    // samples, cells and compounds stay in their grids; only the facilities are placed again
    if (this.gridPlacement) this.gridPlacement = placeInGrids(this.model, this.gridPolygons, this.gridPlacement);
  }

  /**
   * What each proposed facility does on its own against the city without proposals, under the rules in force
   * (service distance or spacing by land use, straight-line or walking network): metres of gap street it brings
   * within their service distance, or compounds without parking it serves. Overlaps count for each.
   */
  proposalEffects(params: AnalysisParams): { id: string; closesM: number; serves: number }[] {
    const { model } = this;
    const isProposal = (i: number) => model.facilities.properties[i].source === 'proposal';
    const proposals = model.facilities.properties.map((_, i) => i).filter(isProposal);
    if (proposals.length === 0) return [];
    const counts = (p: FacilityProperties) => p.source !== 'proposal' && countsAsToilet(p, params.includeInstitutionToilets);
    const basePoints = this.points(selectFacilities(model, ['toilet'], counts));
    const baseFields = params.network ? networkDistanceFields(model, this.streetGraph(), this.cellNetworkSnaps(), basePoints) : this.straightFields(basePoints);
    const baseWithin = this.withinMasks(baseFields, params).samples;
    const baseParking = compoundDistances(model.compounds, this.points(selectFacilities(model, ['parking'], (p) => p.source !== 'proposal')));
    return proposals.map((i) => {
      const x = model.facilities.x[i];
      const y = model.facilities.y[i];
      let closesM = 0;
      let serves = 0;
      if (model.facilities.category[i] === 'toilet') {
        for (const s of this.samplesReached(x, y, params)) if (!baseWithin[s]) closesM += model.samples.weight[s];
      } else {
        model.compounds.forEach((c, k) => {
          if (baseParking[k] > params.parkingRadiusM && pointPolygonsDistance(x, y, c.polygons) <= params.parkingRadiusM) serves++;
        });
      }
      return { id: model.facilities.properties[i].id, closesM, serves };
    });
  }

  /**
   * The service distance of every street sample under the params: one distance, or GB 50337 spacing by the land
   * use the sample lies in. `max` bounds every sample's.
   */
  sampleServiceDistances(params: AnalysisParams): { of: (sample: number) => number; max: number } {
    if (!params.toiletByLandUse) return { of: () => params.toiletDistanceM, max: params.toiletDistanceM };
    const classes = this.landUseClasses().sample;
    return { of: (s) => LAND_USE_CLASS_LIMITS_M[classes[s]], max: Math.max(...LAND_USE_CLASS_LIMITS_M) };
  }

  /**
   * The street samples a new toilet at (x, y) would bring within their own service distance, by the same rules
   * and the same float32 rounding as the distance fields, so what this promises is what the figures then show.
   */
  samplesReached(x: number, y: number, params: AnalysisParams): number[] {
    const { samples } = this.model;
    const limits = this.sampleServiceDistances(params);
    // straight-line distance never exceeds the walk, so the straight-line disc holds every candidate
    const candidates = samples.index?.within(x, y, limits.max) ?? [];
    if (!params.network) return candidates.filter((s) => Math.fround(Math.hypot(samples.x[s] - x, samples.y[s] - y)) <= limits.of(s));
    const snap = nearestSegment(this.model.segments, x, y);
    if (!snap) return [];
    const graph = this.streetGraph();
    const walk = (this.walker ??= new BoundedDijkstra(graph));
    walk.run(snap, limits.max);
    return candidates.filter((s) => Math.fround(distanceAt(graph, walk.dist, samples.segment[s], samples.along[s], samples.segment[s] === snap.segment ? [snap] : undefined)) <= limits.of(s));
  }

  /** Toilets that count under the current switch. */
  toiletIndices(includeInstitution: boolean): number[] {
    return selectFacilities(this.model, ['toilet'], (p) => countsAsToilet(p, includeInstitution));
  }

  points(indices: readonly number[]): PointSet {
    return pointSet(this.model.facilities.x, this.model.facilities.y, indices);
  }

  /** Distance fields to the nearest counted toilet; computed once per switch setting and mode. */
  toiletFields(includeInstitution: boolean, network: boolean): DistanceFields {
    const key = `${includeInstitution}:${network}`;
    const cached = this.fieldCache.get(key);
    if (cached) return cached;
    const points = this.points(this.toiletIndices(includeInstitution));
    const fields = network
      ? networkDistanceFields(this.model, this.streetGraph(), this.cellNetworkSnaps(), points)
      : this.straightFields(points);
    this.fieldCache.set(key, fields);
    return fields;
  }

  /** Straight-line fields: the lattice first, which then bounds the street samples' search. */
  straightFields(points: PointSet): DistanceFields {
    const cells = latticeDistanceField(this.model.lattice, points);
    return { cells, samples: sampleDistanceField(this.model.samples, this.model.lattice, cells, points) };
  }

  streetGraph(): StreetGraph {
    return (this.graph ??= buildStreetGraph(this.model));
  }

  private cellNetworkSnaps(): CellSnaps {
    return (this.cellSnaps ??= snapCells(this.model));
  }

  /** 1 where a sample or cell lies inside a residential compound, else 0 (public / commercial). */
  landUseClasses(): { sample: Uint8Array; cell: Uint8Array } {
    if (this.landUse) return this.landUse;
    const { samples, lattice } = this.model;
    const sample = new Uint8Array(samples.x.length);
    for (let i = 0; i < sample.length; i++) sample[i] = this.inCompound(samples.x[i], samples.y[i]) ? 1 : 0;
    const cell = new Uint8Array(lattice.count);
    forEachCellCentre(lattice, (i, x, y) => (cell[i] = this.inCompound(x, y) ? 1 : 0));
    return (this.landUse = { sample, cell });
  }

  private inCompound(x: number, y: number): boolean {
    return this.model.compoundIndex?.search(x, y, x, y).some((c) => this.model.compounds[c].polygons.some((p) => pointInPolygon(x, y, p))) ?? false;
  }

  classifyToilets(fields: DistanceFields, params: AnalysisParams): CoverageSummary {
    const { samples, lattice } = this.model;
    return classifyCoverage(fields.samples, samples.weight, fields.cells, lattice.cellSize ** 2, this.toiletThreshold(params));
  }

  /** classifyToilets per district, in one pass */
  private classifyToiletsByDistrict(fields: DistanceFields, params: AnalysisParams): CoverageSummary[] {
    const { samples, lattice, districts } = this.model;
    const { sample, cell } = this.placeInDistricts();
    return classifyCoverageByRegion(fields.samples, samples.weight, fields.cells, lattice.cellSize ** 2, this.toiletThreshold(params), sample, cell, districts.length);
  }

  private toiletThreshold(params: AnalysisParams): number | ClassThresholds {
    const classes = params.toiletByLandUse ? this.landUseClasses() : null;
    return classes ? { values: LAND_USE_CLASS_LIMITS_M, sampleClass: classes.sample, cellClass: classes.cell } : params.toiletDistanceM;
  }

  /** 1 where a sample / cell is within the toilet service distance, by the same rule as classifyToilets. */
  withinMasks(fields: DistanceFields, params: AnalysisParams): { samples: Uint8Array; cells: Uint8Array } {
    const threshold = this.toiletThreshold(params);
    // a loop, not Uint8Array.from(distances, f): that one walks an iterator, ~160 MB of garbage per slider move on
    // the 30 km city (and the analysis worker's peak memory with it)
    const mask = (distances: Float32Array, kind: 'sampleClass' | 'cellClass') => {
      const within = new Uint8Array(distances.length);
      if (typeof threshold === 'number') {
        for (let i = 0; i < distances.length; i++) within[i] = distances[i] <= threshold ? 1 : 0;
      } else {
        const classOf = threshold[kind];
        for (let i = 0; i < distances.length; i++) within[i] = distances[i] <= threshold.values[classOf[i]] ? 1 : 0;
      }
      return within;
    };
    return { samples: mask(fields.samples, 'sampleClass'), cells: mask(fields.cells, 'cellClass') };
  }

  /** (point, alley) and (point, compound) pairs up to 2 km (zonePairsUpToM) for one six-surroundings category, computed once. */
  zonePairs(category: CategoryId): { points: number; alleys: ZonePairs; compounds: ZonePairs } {
    this.zoneCache ??= new Map();
    let entry = this.zoneCache.get(category);
    if (!entry) {
      const points = this.points(selectFacilities(this.model, [category]));
      entry = { points: points.count, alleys: alleyPairs(this.model, points, this.zonePairsUpToM), compounds: compoundPairs(this.model, points, this.zonePairsUpToM) };
      this.zoneCache.set(category, entry);
    }
    return entry;
  }

  /**
   * Which district each sample, cell centre and compound lies in (-1 for none; a compound: the district it shares
   * the most area with); computed once.
   */
  private placeInDistricts(): { sample: Int32Array; cell: Int32Array; compound: Int32Array } {
    return (this.districtPlacement ??= placeSamplesCellsCompounds(this.model, indexRegions(this.model.districts.map((d) => d.polygons))));
  }

  /** `grids: false` leaves out the per-grid list (thousands of entries) where it is not shown. */
  report(params: AnalysisParams = DEFAULT_PARAMS, options: { grids?: boolean } = {}): AnalysisReport {
    const { report, gridInputs } = this.reportWithoutGrids(params);
    if (options.grids === false || this.gridProperties.length === 0) return report;
    return { ...report, grids: gridScores(this.model, this.gridProperties, this.placedGrids(), gridInputs) };
  }

  /** The report without its per-grid list, and the grids' figures as columns: what the page shows. */
  reportWithGridColumns(params: AnalysisParams): { report: AnalysisReport; gridColumns: GridColumns | null } {
    const { report, gridInputs } = this.reportWithoutGrids(params);
    return { report, gridColumns: this.gridProperties.length ? gridColumns(this.model, this.gridProperties.length, this.placedGrids(), gridInputs) : null };
  }

  /** One grid's scorecard from columns of reportWithGridColumns; null for a code not in the bundle. */
  gridScorecard(code: string, columns: GridColumns): GridScore | null {
    const g = this.gridProperties.findIndex((p) => p.code === code);
    return g < 0 ? null : gridScoreAt(this.model, this.gridProperties[g], g, this.placedGrids(), columns);
  }

  private placedGrids(): GridPlacement {
    return (this.gridPlacement ??= placeInGrids(this.model, this.gridPolygons));
  }

  private reportWithoutGrids(params: AnalysisParams): { report: AnalysisReport; gridInputs: GridInputs } {
    this.checkZoneRadius(params.zoneRadiusM);
    const { model } = this;
    const counts: Record<string, number> = Object.fromEntries(CATEGORY_IDS.map((id) => [id, 0]));
    // indexed loops, not for-of or filter: this runs on every slider move, and those made garbage per item
    for (let i = 0; i < model.facilities.category.length; i++) counts[model.facilities.category[i]] += 1;
    counts.streets = model.streets.length;
    counts.alleys = 0;
    for (let s = 0; s < model.streets.length; s++) if (model.streets[s].alley) counts.alleys++;
    counts.compounds = model.compounds.length;
    counts.grids = this.gridProperties.length;
    counts.streetSamples = model.samples.x.length;
    counts.latticeCells = model.lattice.count;

    const { straightFields, straight, network, toiletIds, offNetwork, headlineWithin, streetGapsListed, byDistrict } = this.toiletPart(params);
    const parkingDistances = this.parkingDistances();
    const served = countWithin(parkingDistances, params.parkingRadiusM);
    const capacityOf = (i: number) => model.facilities.properties[i].capacity ?? 0;
    const parkingIndices = selectFacilities(model, ['parking']);

    const { zones, alleysInZones, compoundsInZones } = this.zonePart(params.zoneRadiusM);

    const notes: string[] = [];
    if (model.districts.length === 0) notes.push('No complete district boundaries in this city: no per-district breakdown.');
    if (this.gridProperties.length === 0) notes.push('This bundle has no unit grids (网格): no per-grid breakdown.');
    if (offNetwork?.length) notes.push(`${offNetwork.length} toilets lie more than ${MAX_ACCESS_M} m from any street and serve nobody along the walking network (listed under toilets.offNetwork).`);
    if (straightFields.cells.includes(Infinity)) notes.push(`Distances beyond ${DEFAULT_DISTANCE_CAP_M} m are reported as beyond reach (Infinity) and count as gaps.`);

    const gridInputs: GridInputs = {
      sampleWithin: headlineWithin.samples,
      cellWithin: headlineWithin.cells,
      compoundServed: (c) => parkingDistances[c] <= params.parkingRadiusM,
      alleyInZone: alleysInZones.reached,
      compoundInZone: compoundsInZones.reached,
    };
    const report: AnalysisReport = {
      city: this.info,
      params,
      counts,
      toilets: { ...(network ?? straight), distance: network ? 'network' : 'straight', thresholdsM: this.thresholdsInForce(params), toiletsCounted: toiletIds.length, straight, ...(network ? { network, offNetwork } : {}) },
      parking: {
        compounds: model.compounds.length,
        compoundsServed: served,
        compoundShareServed: model.compounds.length ? served / model.compounds.length : 0,
        ebikeShedShareServed: shareWithin(this.compoundDistancesTo('ebike_shed'), params.parkingRadiusM),
        ebikeChargingShareServed: shareWithin(this.compoundDistancesTo('ebike_charging'), params.parkingRadiusM),
        knownCapacity: parkingIndices.reduce((sum, i) => sum + capacityOf(i), 0),
      },
      zones,
      zoneTotals: { alleys: alleysInZones.total, compounds: compoundsInZones.total },
      gaps: { streets: streetGapsListed.rows, streetsWithGap: streetGapsListed.total, compounds: unservedCompounds(model, parkingDistances, params.parkingRadiusM) },
      districts: this.districtSummaries(params, byDistrict, parkingDistances),
      // filled in by report(); the key keeps its place in the JSON
      grids: [],
      scoreFormula: SCORE_FORMULA,
      notes,
    };
    return { report, gridInputs };
  }

  /**
   * Sites for `count` new toilets or parking lots that close the most gap under the params, by the same rules as
   * the figures: spacing by land use, institutions' toilets and the walking network included.
   */
  suggestSites(params: AnalysisParams, category: 'toilet' | 'parking', count: number): SiteSuggestion[] {
    if (category === 'parking') return suggestParkingSites(this.model, this.parkingDistances(), params.parkingRadiusM, count);
    const within = this.withinMasks(this.toiletFields(params.includeInstitutionToilets, params.network), params).samples;
    const gap = Uint8Array.from(within, (w) => 1 - w);
    const { samples } = this.model;
    return suggestToiletSites(this.model, gap, (s) => this.samplesReached(samples.x[s], samples.y[s], params), count);
  }

  /** The service distances in force, metres: one value, or one per land-use class (public, residential). */
  thresholdsInForce(params: AnalysisParams): number[] {
    return params.toiletByLandUse ? [...LAND_USE_CLASS_LIMITS_M] : [params.toiletDistanceM];
  }

  /** Every street with a toilet gap under the params, most gap first (the report lists the first 100). */
  streetGapList(params: AnalysisParams): StreetGap[] {
    const fields = this.toiletFields(params.includeInstitutionToilets, params.network);
    return streetGaps(this.model, fields.samples, this.withinMasks(fields, params).samples);
  }

  /** Distance from every compound to the nearest parking lot, computed once. */
  parkingDistances(): Float32Array {
    return this.compoundDistancesTo('parking');
  }

  private compoundDistancesTo(category: CategoryId): Float32Array {
    let distances = this.compoundDistanceCache.get(category);
    if (!distances) this.compoundDistanceCache.set(category, (distances = compoundDistances(this.model.compounds, this.points(selectFacilities(this.model, [category])))));
    return distances;
  }

  private checkZoneRadius(radiusM: number): void {
    if (radiusM > this.zonePairsUpToM) throw new Error(`zone radius ${radiusM} m is beyond the ${this.zonePairsUpToM} m this analysis stores zone pairs for`);
  }

  /** The assessors' draw around every six-surroundings point, with the status of what was drawn. */
  mockInspection(params: AnalysisParams, options: Omit<InspectionOptions, 'zoneRadiusM'>): MockInspection {
    this.checkZoneRadius(params.zoneRadiusM);
    const fields = this.toiletFields(params.includeInstitutionToilets, params.network);
    const within = this.withinMasks(fields, params);
    return mockInspection(
      this.model,
      {
        zonePairs: (category) => this.zonePairs(category),
        pointIndices: (category) => selectFacilities(this.model, [category]),
        street: streetToiletStatus(this.model, fields.samples, within.samples),
        compound: { toiletM: compoundDistances(this.model.compounds, this.points(this.toiletIndices(params.includeInstitutionToilets))), parkingM: this.parkingDistances(), parkingRadiusM: params.parkingRadiusM },
      },
      { ...options, zoneRadiusM: params.zoneRadiusM },
    );
  }

  /**
   * The report's toilet figures for one toilet setting (distance or spacing by land use, institutions counted,
   * straight-line or walking network), made again only when that setting or the toilets change.
   */
  private toiletPart(params: AnalysisParams): ToiletPart {
    const key = `${params.toiletDistanceM}|${params.toiletByLandUse}|${params.includeInstitutionToilets}|${params.network}`;
    const straightFields = this.toiletFields(params.includeInstitutionToilets, false);
    const networkFields = params.network ? this.toiletFields(params.includeInstitutionToilets, true) : null;
    const last = this.lastToiletPart;
    // the fields come from fieldCache, emptied when the facilities change: the same objects, the same toilets
    if (last && last.key === key && last.straightFields === straightFields && last.networkFields === networkFields) return last;
    const { model } = this;
    const straight = this.classifyToilets(straightFields, params);
    const network = networkFields ? this.classifyToilets(networkFields, params) : undefined;
    const toiletIds = this.toiletIndices(params.includeInstitutionToilets);
    const offNetwork = networkFields ? (networkFields.offNetwork ?? []).map((p) => ({ id: model.facilities.properties[toiletIds[p]].id, name: model.facilities.properties[toiletIds[p]].name })) : undefined;
    const headlineFields = networkFields ?? straightFields;
    const headlineWithin = this.withinMasks(headlineFields, params);
    this.lastToiletPart = {
      key,
      straightFields,
      networkFields,
      straight,
      network,
      toiletIds,
      offNetwork,
      headlineWithin,
      streetGapsListed: rankedStreetGaps(model, headlineFields.samples, headlineWithin.samples, GAP_STREETS_LISTED),
      byDistrict: this.classifyToiletsByDistrict(headlineFields, params),
    };
    return this.lastToiletPart;
  }

  /** Alleys and compounds in each six-surroundings zone for one radius, made again only when it or the zone pairs change. */
  private zonePart(radiusM: number): ZonePart {
    const pairs = SIX_SURROUNDINGS.map((category) => this.zonePairs(category));
    const last = this.lastZonePart;
    // a project that moves a category's points replaces its pairs (zoneCache)
    if (last && last.radiusM === radiusM && last.pairs.every((p, k) => p === pairs[k])) return last;
    const { model } = this;
    const alleysInZones = zoneMembership(pairs.map((p) => p.alleys), radiusM, model.streets.length);
    const compoundsInZones = zoneMembership(pairs.map((p) => p.compounds), radiusM, model.compounds.length);
    const zones: AnalysisReport['zones'] = {};
    SIX_SURROUNDINGS.forEach((category, k) => {
      zones[category] = { points: pairs[k].points, alleys: alleysInZones.counts[k], compounds: compoundsInZones.counts[k] };
    });
    this.lastZonePart = { radiusM, pairs, zones, alleysInZones, compoundsInZones };
    return this.lastZonePart;
  }

  /** Facilities per district by category, and the parking capacity known there: they change with the facilities only. */
  private districtFacilities(): DistrictFacilities['perDistrict'] {
    const { model } = this;
    if (this.lastDistrictFacilities?.facilities === model.facilities) return this.lastDistrictFacilities.perDistrict;
    const perDistrict = model.districts.map((district) => {
      const facilities: Partial<Record<CategoryId, number>> = {};
      let knownCapacity = 0;
      for (let i = 0; i < model.facilities.x.length; i++) {
        if (!insideParts(model.facilities.x[i], model.facilities.y[i], district.polygons)) continue;
        const category = model.facilities.category[i];
        facilities[category] = (facilities[category] ?? 0) + 1;
        if (category === 'parking') knownCapacity += model.facilities.properties[i].capacity ?? 0;
      }
      return { facilities, knownCapacity };
    });
    this.lastDistrictFacilities = { facilities: model.facilities, perDistrict };
    return perDistrict;
  }

  private districtSummaries(params: AnalysisParams, toilets: CoverageSummary[], parkingDistances: Float32Array): AreaSummary[] {
    const { model } = this;
    const { compound: districtOfCompound } = this.placeInDistricts();
    const perDistrict = this.districtFacilities();
    return model.districts.map((district, d) => {
      const { facilities, knownCapacity } = perDistrict[d];
      let compounds = 0;
      let served = 0;
      model.compounds.forEach((_, i) => {
        if (districtOfCompound[i] !== d) return;
        compounds++;
        if (parkingDistances[i] <= params.parkingRadiusM) served++;
      });
      return {
        id: district.id,
        name: district.name,
        ...(district.code ? { code: district.code } : {}),
        areaM2: Math.round(district.areaM2),
        facilities,
        toilets: toilets[d],
        parking: { compounds, served, shareServed: compounds ? served / compounds : 0, knownCapacity },
      };
    });
  }
}
