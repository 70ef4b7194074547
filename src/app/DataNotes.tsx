import type { CityManifest } from '../domain/city_bundle';
import { t, type Lang } from '../i18n/strings';
import { METRES_PER_DEGREE, metresPerDegreeLon } from '../domain/earth';

/** Toilet counts per km² below this are shown as "data is thin" rather than as a city with no toilets. */
const THIN_TOILETS_PER_KM2 = 2;

/** Says plainly what the data is: synthetic, or real OSM that is thin in China. */
export function DataNotes({ manifest, lang }: { manifest: CityManifest; lang: Lang }) {
  if (manifest.synthetic) return <p className="note synthetic" data-note="synthetic">{t(lang, 'syntheticNote')}</p>;
  const [w, s, e, n] = manifest.bbox;
  const km2 = ((e - w) * metresPerDegreeLon((s + n) / 2) * (n - s) * METRES_PER_DEGREE) / 1e6;
  const toilets = manifest.counts.toilet ?? 0;
  if (toilets / km2 >= THIN_TOILETS_PER_KM2) return null;
  return (
    <p className="note thin" data-note="osm-thin">
      {t(lang, 'osmThinNote', { toilets, parking: manifest.counts.parking ?? 0 })}
    </p>
  );
}
