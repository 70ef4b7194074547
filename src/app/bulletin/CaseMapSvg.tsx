/**
 * The week's cases on a static map for print: the city's district outlines and one dot per case, drawn as SVG
 * (no WebGL, no tiles, nothing fetched) so the bulletin prints the same everywhere. Equirectangular at the city's
 * latitude: at city scale the distortion is far below a dot's size.
 */
import type { BulletinCase } from '../../bulletin/bulletin_api';
import type { BoundaryFeature } from '../../domain/city_bundle';
import { t, type Lang } from '../../i18n/strings';

type Ring = readonly (readonly number[])[];

function rings(geometry: BoundaryFeature['geometry']): Ring[] {
  switch (geometry.type) {
    case 'Polygon':
      return geometry.coordinates;
    case 'MultiPolygon':
      return geometry.coordinates.flat();
    case 'LineString':
      return [geometry.coordinates];
    case 'MultiLineString':
      return geometry.coordinates;
  }
}

export const caseStatus = (c: BulletinCase): 'closed' | 'overdue' | 'open' => (c.closedInWeek ? 'closed' : c.overdue ? 'overdue' : 'open');

export interface CaseMapProps {
  lang: Lang;
  /** [west, south, east, north], degrees */
  bbox: readonly number[];
  districts: readonly BoundaryFeature[];
  cases: readonly BulletinCase[];
  width?: number;
}

export function CaseMapSvg({ lang, bbox, districts, cases, width = 640 }: CaseMapProps) {
  const [w, s, e, n] = bbox;
  const kx = Math.cos((((s + n) / 2) * Math.PI) / 180);
  const height = Math.round((width * (n - s)) / ((e - w) * kx));
  const px = (lon: number) => ((lon - w) / (e - w)) * width;
  const py = (lat: number) => ((n - lat) / (n - s)) * height;
  const inside = cases.filter((c) => c.lon >= w && c.lon <= e && c.lat >= s && c.lat <= n);
  const path = (ring: Ring, closed: boolean) => ring.map(([lon, lat], i) => `${i ? 'L' : 'M'}${px(lon).toFixed(1)},${py(lat).toFixed(1)}`).join('') + (closed ? 'Z' : '');
  return (
    <figure className="case-map" data-case-map={inside.length}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={t(lang, 'mapCases', { n: inside.length })}>
        <rect className="case-map-frame" x={0} y={0} width={width} height={height} />
        {districts.map((d) => {
          const closed = d.geometry.type === 'Polygon' || d.geometry.type === 'MultiPolygon';
          const outer = rings(d.geometry)[0] ?? [];
          const cx = outer.reduce((sum, p) => sum + p[0], 0) / Math.max(1, outer.length);
          const cy = outer.reduce((sum, p) => sum + p[1], 0) / Math.max(1, outer.length);
          return (
            <g key={d.properties.id} className="district" data-district={d.properties.code ?? d.properties.id}>
              <path d={rings(d.geometry).map((r) => path(r, closed)).join('')} />
              <text x={px(cx)} y={py(cy)} textAnchor="middle">{d.properties.name}</text>
            </g>
          );
        })}
        {inside.map((c) => (
          <circle key={c.id} className={`case-dot case-${caseStatus(c)}`} cx={px(c.lon)} cy={py(c.lat)} r={4} data-case={c.id}>
            <title>{`#${c.id} ${c.title}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption>
        {t(lang, 'mapCases', { n: inside.length })}
        {inside.length < cases.length && ` · ${t(lang, 'mapOutside', { n: cases.length - inside.length })}`}
      </figcaption>
    </figure>
  );
}
