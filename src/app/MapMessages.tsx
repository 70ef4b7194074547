/** What the map area says instead of (or over) the map: no cities, a file that failed, loading, a link too new. */
import { t } from '../i18n/strings';
import { selectCityId, useApp } from '../state/app_store';

export function MapMessages({ mapState }: { mapState: 'idle' | 'loading' | 'error' }) {
  const lang = useApp((s) => s.hash.lang);
  const cities = useApp((s) => s.cities);
  const citiesError = useApp((s) => s.citiesError);
  const cityId = useApp(selectCityId);
  const failure = useApp((s) => s.cityFailure);
  const tooNew = useApp((s) => s.hashTooNew);
  const city = useApp((s) => s.city);
  const wall = useApp((s) => s.hash.wall !== null);
  const bytes = useApp((s) => (s.cityBytes?.cityId === cityId ? s.cityBytes : null));
  const error = failure && failure.cityId === cityId ? `${t(lang, 'loadFailed')}: ${failure.message}` : null;
  return (
    <>
      {tooNew !== null && <div className="map-notice" data-notice="link-too-new">{t(lang, 'linkTooNew', { v: tooNew })}</div>}
      {citiesError && <div className="map-message error" data-error="cities">{t(lang, 'citiesFailed')}: {citiesError}</div>}
      {!citiesError && cities !== null && cities.length === 0 && <div className="map-message">{t(lang, 'noCities')}</div>}
      {error && <div className="map-message error" data-error="city">{error}</div>}
      {mapState === 'loading' && cities?.length !== 0 && !citiesError && <div className="map-loading">{t(lang, 'loading')}{bytes && !city && ` ${megabytes(bytes.loaded)}${bytes.total ? ` / ${megabytes(bytes.total)}` : ''} MB`}</div>}
      {city && !wall && (
        <div className="attribution">
          {city.manifest.synthetic ? t(lang, 'synthetic') : city.manifest.sources.map((s) => s.attribution).join(' · ')} · {t(lang, 'dataDate')} {city.manifest.dataDate}
        </div>
      )}
    </>
  );
}

const megabytes = (bytes: number) => (bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0);
