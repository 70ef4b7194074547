/** UI text, Chinese first. Keys are grouped by panel. */
export type Lang = 'zh' | 'en';

const STRINGS = {
  appTitle: { zh: '创城一张图', en: 'Chuangcheng Atlas' },
  appSubtitle: { zh: '全国文明城市创建 · 短板地图', en: 'Civilized City campaign · gap map' },
  city: { zh: '城市', en: 'City' },
  layers: { zh: '图层', en: 'Layers' },
  legend: { zh: '图例', en: 'Legend' },
  layerFacilities: { zh: '设施点', en: 'Facilities' },
  layerAlleys: { zh: '背街小巷（候选）', en: 'Back alleys (candidates)' },
  layerCompounds: { zh: '居民小区', en: 'Residential compounds' },
  layerBoundaries: { zh: '行政边界', en: 'Administrative boundaries' },
  themeLight: { zh: '浅色', en: 'Light' },
  themeDark: { zh: '深色（大屏）', en: 'Dark (wall)' },
  language: { zh: 'English', en: '中文' },
  loading: { zh: '正在加载…', en: 'Loading…' },
  synthetic: { zh: '示例数据（合成）', en: 'Synthetic demo data' },
  syntheticNote: { zh: '示例数据（合成）：地名、设施与边界均为程序生成，不代表任何真实城市。', en: 'Synthetic demo data: names, facilities and boundaries are generated and describe no real city.' },
  osmThinNote: {
    zh: '真实 OpenStreetMap 数据在国内较稀疏：本区域仅记录 {toilets} 座公厕、{parking} 处停车场，缺口会被高估，请导入本地台账核实。',
    en: 'Real OpenStreetMap data is thin in China: only {toilets} toilets and {parking} parking sites are mapped here, so gaps are overstated; import local ledgers to check.',
  },
  dataDate: { zh: '数据日期', en: 'Data date' },
  noCities: { zh: '没有可用的城市数据。请先运行 npm start（或 npm run cities）。', en: 'No city data yet. Run npm start (or npm run cities) first.' },
  loadFailed: { zh: '城市数据加载失败', en: 'Could not load the city' },
  unnamed: { zh: '（未命名）', en: '(unnamed)' },
  street: { zh: '道路', en: 'Street' },
  compound: { zh: '小区', en: 'Compound' },
  area: { zh: '面积', en: 'Area' },
  length: { zh: '长度', en: 'Length' },
  capacity: { zh: '泊位/容量', en: 'Capacity' },
  access: { zh: '开放', en: 'Access' },
  accessPublic: { zh: '公共', en: 'public' },
  accessInstitution: { zh: '单位对外开放', en: 'institution, open to public' },
  accessPrivate: { zh: '内部', en: 'private' },
  openingHours: { zh: '开放时间', en: 'Opening hours' },
  publicWindow: { zh: '错时开放', en: 'Open to residents' },
  partialBoundary: { zh: '（提取范围内仅部分边界）', en: '(only part of the outline is in the extract)' },
  levelDistrict: { zh: '区', en: 'District' },
  levelStreet: { zh: '街道', en: 'Subdistrict' },
  levelCommunity: { zh: '社区', en: 'Community' },
  source: { zh: '来源', en: 'Source' },
} as const satisfies Record<string, Record<Lang, string>>;

export type StringKey = keyof typeof STRINGS;

/** Translate a key, filling {placeholders} from vars. */
export function t(lang: Lang, key: StringKey, vars: Record<string, string | number> = {}): string {
  return STRINGS[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}
