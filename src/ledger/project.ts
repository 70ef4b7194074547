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
export function applyProject(layers: CityLayers, project: Pick<Project, 'ledgers' | 'proposals'>, options: { proposals?: boolean } = {}): CityLayers {
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

/** Reads a project file; a file for another city, another format or a newer version is refused by name. */
export function parseProject(text: string, fileName: string, cityId: string): Project {
  let data: Partial<Project>;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new Error(`${fileName}: 不是有效的 JSON / not valid JSON`, { cause });
  }
  if (data.format !== PROJECT_FORMAT) throw new Error(`${fileName}: 不是创城一张图的项目文件 / not a Chuangcheng Atlas project file`);
  if (typeof data.version !== 'number' || data.version > PROJECT_VERSION) throw new Error(`${fileName}: 项目文件版本 ${data.version} 比本程序新 / project version ${data.version} is newer than this app`);
  if (data.cityId !== cityId) throw new Error(`${fileName}: 这是城市 "${data.cityId}" 的项目，当前城市是 "${cityId}" / the project is for city "${data.cityId}", not "${cityId}"`);
  if (!Array.isArray(data.ledgers) || !Array.isArray(data.proposals)) throw new Error(`${fileName}: 缺少 ledgers 或 proposals / ledgers or proposals missing`);
  return { format: PROJECT_FORMAT, version: data.version, cityId, savedAt: String(data.savedAt ?? ''), ledgers: data.ledgers, proposals: data.proposals, settings: data.settings ?? null };
}
