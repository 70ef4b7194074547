/** The planner's exports: the map as a PNG with its furniture, gap lists as XLSX, any layer as GeoJSON. */
import { categoryById } from '../domain/categories';
import { t, type Lang } from '../i18n/strings';
import type { LoadedCity } from '../io/city_loader';
import { downloadText, streetGapsTable, unservedCompoundsTable } from '../io/csv_export';
import { composeMapPng, type MapPngOptions } from '../io/map_png';
import { tablesXlsx } from '../io/xlsx_export';
import { applyProject, type Project } from '../ledger/project';
import type { MapController } from '../map/map_controller';
import type { OverlayId } from '../state/url_hash';
import type { GapAnalysis } from './gap_analysis';

/** Each export resolves when the file is handed to the browser, or rejects with why it could not be made. */
export interface PlannerExports { png: () => Promise<void>; xlsx: () => Promise<void>; geojson: (layer: string) => Promise<void> }

export function usePlannerExports(inputs: { lang: Lang; city: LoadedCity | null; gaps: GapAnalysis; map: MapController | null; overlays: readonly OverlayId[]; project: Project | null }): PlannerExports {
  const { lang, city, gaps, map, overlays, project } = inputs;
  const cityId = city?.manifest.id ?? 'city';
  const stamp = () => new Date().toISOString().slice(0, 10);

  const png = async () => {
    if (!map || !city) return;
    const { canvas, metresPerPixel } = await map.snapshot();
    const name = lang === 'zh' ? city.manifest.name.zh : city.manifest.name.en;
    const report = gaps.report;
    const legend: MapPngOptions['legend'][number][] = [];
    if (overlays.includes('toiletGaps')) legend.push({ label: t(lang, 'legendToiletGap'), colour: [215, 48, 39], shape: 'line' });
    if (overlays.includes('parkingGaps')) legend.push({ label: t(lang, 'layerParkingGaps'), colour: [214, 39, 40], shape: 'fill' });
    if (project?.proposals.length) legend.push({ label: t(lang, 'legendProposal'), colour: categoryById('toilet').colour, shape: 'ring' });
    if (overlays.includes('facilities')) for (const id of ['toilet', 'parking'] as const) legend.push({ label: lang === 'zh' ? categoryById(id).zh : categoryById(id).en, colour: categoryById(id).colour, shape: 'dot' });
    const attribution = city.manifest.synthetic ? t(lang, 'synthetic') : city.manifest.sources.map((s) => s.attribution).join(' · ');
    const blob = await composeMapPng(canvas, {
      title: `${t(lang, 'appTitle')} · ${name}`,
      subtitle: report ? `${t(lang, 'kpiStreetShare')} ${(report.toilets.streetShareWithin * 100).toFixed(1)}% · ${t(lang, 'toiletDistance')} ${report.params.toiletDistanceM} m · ${t(lang, 'kpiParking')} ${report.parking.compoundsServed}/${report.parking.compounds}` : '',
      legendTitle: t(lang, 'legend'),
      legend,
      footer: `${t(lang, 'dataDate')} ${city.manifest.dataDate} · ${attribution} · ${stamp()}`,
      metresPerPixel,
    });
    downloadText(`${cityId}-map-${stamp()}.png`, blob);
  };

  const xlsx = async () => {
    if (!gaps.report) return;
    const streets = await gaps.allStreetGaps();
    const bytes = await tablesXlsx([streetGapsTable(streets, lang), unservedCompoundsTable(gaps.report.gaps.compounds, lang)]);
    downloadText(`${cityId}-gap-lists-${stamp()}.xlsx`, new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  };

  const geojson = async (layer: string) => {
    if (!city) return;
    const layers = applyProject(city.layers, project ?? { ledgers: [], proposals: [] });
    let collection: unknown;
    if (layer === 'gapStreets') {
      const gapById = new Map((await gaps.allStreetGaps()).map((g) => [g.id, g]));
      collection = {
        type: 'FeatureCollection',
        features: city.layers.streets.features.filter((f) => gapById.has(f.properties.id)).map((f) => ({ type: 'Feature', geometry: f.geometry, properties: { ...f.properties, gapM: gapById.get(f.properties.id)!.gapM } })),
      };
    } else {
      collection = layers[layer as keyof typeof layers] ?? { type: 'FeatureCollection', features: [] };
    }
    downloadText(`${cityId}-${layer}.geojson`, JSON.stringify(collection), 'application/geo+json');
  };

  return { png, xlsx, geojson };
}
