/** What the views may ask besides reading the state: the worker, the project in IndexedDB, the map. */
import { createContext, useContext } from 'react';
import type { MapController } from '../map/map_controller';
import type { AnalysisConnection } from '../state/analysis_driver';
import type { ProjectActions } from '../state/project_driver';

export interface AppServices { analysis: AnalysisConnection; project: ProjectActions; map: MapController }

export const ServicesContext = createContext<AppServices | null>(null);

/** null until the app has started its worker and map */
export function useServices(): AppServices | null {
  return useContext(ServicesContext);
}
