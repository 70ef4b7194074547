/**
 * A planner's project for one city: imported ledgers, proposed facilities and settings. It is what IndexedDB
 * keeps between visits and what the project file (one JSON) carries, losslessly, between machines.
 */
import type { CategoryId } from '../domain/categories';
import type { CityLayers, FacilityFeature } from '../domain/city_bundle';
import type { CrsId } from './crs';
import type { RejectedRow } from './import_rows';

export const PROJECT_FORMAT = 'chuangcheng-atlas-project';
export const PROJECT_VERSION = 1;

export interface LedgerLayer {
  id: string;
  fileName: string;
  /** the CRS the coordinates were converted from; they are stored in WGS-84 */
  crs: CrsId;
  importedAt: string;
  /** merge: add to the bundle's facilities; replace: drop the bundle's facilities of the ledger's categories */
  mode: 'merge' | 'replace';
  rowsRead: number;
  accepted: FacilityFeature[];
  rejected: RejectedRow[];
}

export const PROPOSAL_CATEGORIES = ['toilet', 'parking'] as const;
export type ProposalCategory = (typeof PROPOSAL_CATEGORIES)[number];

export interface Proposal { id: string; category: ProposalCategory; lon: number; lat: number; origin: 'placed' | 'suggested'; name: string }

export interface Project {
  format: typeof PROJECT_FORMAT;
  version: number;
  cityId: string;
  savedAt: string;
  ledgers: LedgerLayer[];
  proposals: Proposal[];
  /** the analysis settings (AnalysisSettings of the URL hash) */
  settings: Record<string, number | boolean> | null;
}

export function emptyProject(cityId: string): Project {
  return { format: PROJECT_FORMAT, version: PROJECT_VERSION, cityId, savedAt: new Date(0).toISOString(), ledgers: [], proposals: [], settings: null };
}

export function proposalFeature(p: Proposal): FacilityFeature {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
    properties: { id: p.id, category: p.category, name: p.name, source: 'proposal', ...(p.category === 'toilet' ? { access: 'public' as const } : {}) },
  };
}

/** The bundle's layers with the project's ledgers and proposals in place. */
export function applyProject<L extends Pick<CityLayers, 'facilities'>>(layers: L, project: Pick<Project, 'ledgers' | 'proposals'>, options: { proposals?: boolean } = {}): L {
  const replaced = new Set<CategoryId>(project.ledgers.filter((l) => l.mode === 'replace').flatMap((l) => l.accepted.map((f) => f.properties.category)));
  const facilities = [
    ...layers.facilities.features.filter((f) => !replaced.has(f.properties.category)),
    ...project.ledgers.flatMap((l) => l.accepted),
    ...(options.proposals === false ? [] : project.proposals.map(proposalFeature)),
  ];
  return { ...layers, facilities: { type: 'FeatureCollection', features: facilities } };
}

export function projectJson(project: Project): string {
  return JSON.stringify({ ...project, savedAt: new Date().toISOString() }, null, 1);
}

/**
 * Version history of the project format. Each entry lifts a project of that version to the next; `migrateProject`
 * runs them in order, so a record saved by any earlier release opens. Version 1 is the first release's format.
 */
const MIGRATIONS: Record<number, (p: Record<string, unknown>) => Record<string, unknown>> = {};

/**
 * A project as stored (a file's JSON, or the IndexedDB record), checked and brought to the current version.
 * Another format, a newer version, another city or missing parts are refused with a sentence naming `source`.
 */
export function migrateProject(data: unknown, source: string, cityId: string): Project {
  const record = (data ?? {}) as Record<string, unknown>;
  if (record.format !== PROJECT_FORMAT) throw new Error(`${source}: 不是创城一张图的项目 / not a Chuangcheng Atlas project`);
  let version = record.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw new Error(`${source}: 项目版本 "${String(version)}" 无效 / project version "${String(version)}" is not valid`);
  if (version > PROJECT_VERSION) throw new Error(`${source}: 项目版本 ${version} 比本程序支持的 ${PROJECT_VERSION} 新，请更新程序 / project version ${version} is newer than this app reads (${PROJECT_VERSION}): update the app`);
  let migrated = record;
  for (; version < PROJECT_VERSION; version++) migrated = MIGRATIONS[version]({ ...migrated });
  if (migrated.cityId !== cityId) throw new Error(`${source}: 这是城市 "${String(migrated.cityId)}" 的项目，当前城市是 "${cityId}" / the project is for city "${String(migrated.cityId)}", not "${cityId}"`);
  if (!Array.isArray(migrated.ledgers) || !Array.isArray(migrated.proposals)) throw new Error(`${source}: 缺少 ledgers 或 proposals / ledgers or proposals missing`);
  return {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    cityId,
    savedAt: String(migrated.savedAt ?? ''),
    ledgers: migrated.ledgers as LedgerLayer[],
    proposals: migrated.proposals as Proposal[],
    settings: (migrated.settings as Project['settings']) ?? null,
  };
}

/** Reads a project file; a file for another city, another format or a newer version is refused by name. */
export function parseProject(text: string, fileName: string, cityId: string): Project {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new Error(`${fileName}: 不是有效的 JSON / not valid JSON`, { cause });
  }
  return migrateProject(data, fileName, cityId);
}
