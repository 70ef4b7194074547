/**
 * Reads the city index and the open city's files, and on the wall re-checks the data on a timer, swapping in
 * new data while the old stays on screen. A file that cannot be read is named, with the reason.
 */
import type { StoreApi } from 'zustand/vanilla';
import { loadCity, loadCityIndex, loadManifest } from '../io/city_loader';
import { selectCityId, type AppState } from './app_store';
import { follow } from './follow';

/** Lets input and frames through between slices of work on a large city. */
const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function connectCities(store: StoreApi<AppState>): () => void {
  const abortIndex = new AbortController();
  loadCityIndex(abortIndex.signal).then(
    (cities) => store.setState({ cities, citiesError: null }),
    (error: Error) => error.name !== 'AbortError' && store.setState({ cities: [], citiesError: error.message }),
  );

  const stopCity = follow(store, (s) => (selectCityId(s) ? [selectCityId(s)] : null), ([cityId]) => {
    const abort = new AbortController();
    let shown = 0;
    const onBytes = (loaded: number, total: number) => {
      // a few updates a second are enough for a progress figure
      if (performance.now() - shown < 200) return;
      shown = performance.now();
      store.setState({ cityBytes: { cityId: cityId as string, loaded, total } });
    };
    loadCity(cityId as string, abort.signal, { onBytes, pause: yieldToPage }).then(
      (city) => store.setState({ city, cityFailure: null }),
      (reason: Error) => reason.name !== 'AbortError' && store.setState({ cityFailure: { cityId: cityId as string, message: reason.message } }),
    );
    return () => abort.abort();
  });

  const stopReload = follow(store, (s) => (s.hash.wall && s.city ? [s.hash.wall.reloadS, s.city] : null), ([reloadS, city]) => {
    const abort = new AbortController();
    const { id, builtAt } = (city as AppState['city'])!.manifest;
    const check = async () => {
      const manifest = await loadManifest(id, abort.signal);
      store.setState({ checkedAt: new Date() });
      if (manifest.builtAt === builtAt) return;
      const loaded = await loadCity(id, abort.signal, { fresh: true, pause: yieldToPage });
      store.setState({ city: loaded, reloaded: { cityId: id, builtAt: loaded.manifest.builtAt } });
    };
    const timer = setInterval(() => {
      check().catch((reason: Error) => reason.name !== 'AbortError' && store.setState({ cityFailure: { cityId: id, message: reason.message } }));
    }, (reloadS as number) * 1000);
    return () => {
      clearInterval(timer);
      abort.abort();
    };
  });

  return () => {
    abortIndex.abort();
    stopCity();
    stopReload();
  };
}
