/**
 * The phone's "my cases" (#my) as a page of its own: the link, the session and the cases only — no map, no city
 * files, no analysis worker, so it opens fast on a phone over a weak connection.
 */
import { useEffect } from 'react';
import { loadCityIndex } from '../../io/city_loader';
import { appStore } from '../../state/app_store';
import { connectCases } from '../../state/cases_driver';
import { connectHash } from '../../state/hash_sync';
import { connectSession } from '../../state/session_driver';
import { PhoneCases } from './PhoneCases';

export function PhoneApp() {
  useEffect(() => {
    const stops = [connectHash(appStore), connectSession(appStore), connectCases(appStore)];
    const abort = new AbortController();
    // the city of the link, else the index's first: the cases are that city's
    loadCityIndex(abort.signal).then(
      (cities) => appStore.setState({ cities, citiesError: null }),
      (error: Error) => error.name !== 'AbortError' && appStore.setState({ cities: [], citiesError: error.message }),
    );
    return () => {
      abort.abort();
      for (const stop of stops) stop();
    };
  }, []);
  return <PhoneCases />;
}
