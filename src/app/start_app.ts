/** Starts every subscriber of the app state once: the URL, the city files, IndexedDB, the worker and the map. */
import { connectAnalysis } from '../state/analysis_driver';
import { appStore } from '../state/app_store';
import { connectCities } from '../state/city_driver';
import { connectHash } from '../state/hash_sync';
import { connectProject } from '../state/project_driver';
import { connectSession } from '../state/session_driver';
import { connectComparison } from '../state/comparison_driver';
import { connectAsOf } from '../state/as_of_driver';
import { connectCases } from '../state/cases_driver';
import { connectCaseMap } from './case_map_driver';
import { connectToiletCoverage } from '../state/toilet_coverage';
import { connectMap } from './map_driver';
import type { AppServices } from './services';

export function startApp(mapContainer: HTMLElement): { services: AppServices; stop: () => void } {
  const stopHash = connectHash(appStore);
  const stopCities = connectCities(appStore);
  const stopSession = connectSession(appStore);
  const stopComparison = connectComparison(appStore);
  const stopAsOf = connectAsOf(appStore);
  const project = connectProject(appStore);
  const analysis = connectAnalysis(appStore);
  const stopCoverage = connectToiletCoverage(appStore);
  const map = connectMap(mapContainer, appStore, project.actions);
  const stopCases = connectCases(appStore);
  const stopCaseMap = connectCaseMap(appStore, map.map);
  return {
    services: { analysis, project: project.actions, map: map.map },
    stop: () => {
      stopCaseMap();
      stopCases();
      map.stop();
      stopCoverage();
      analysis.stop();
      project.stop();
      stopAsOf();
      stopComparison();
      stopSession();
      stopCities();
      stopHash();
    },
  };
}
