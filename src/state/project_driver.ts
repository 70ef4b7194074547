/**
 * The planner's project for the open city, kept in IndexedDB so ledgers, proposals and settings survive a
 * reload. Nothing leaves the browser. A failed read keeps what is on screen and says so: an empty project
 * saved over a stored one would lose the planner's work.
 */
import { del, get, set } from 'idb-keyval';
import type { StoreApi } from 'zustand/vanilla';
import { emptyProject, type Project } from '../ledger/project';
import { selectCityId, selectProject, type AppState } from './app_store';
import { follow } from './follow';

const key = (cityId: string) => `project:${cityId}`;
const why = (error: unknown) => (error instanceof Error ? error.message : String(error));
/** IndexedDB may throw instead of rejecting (blocked storage, private mode): both become a rejection */
const attempt = <T>(task: () => Promise<T>): Promise<T> => Promise.resolve().then(task);

export interface ProjectActions {
  update: (change: (p: Project) => Project) => void;
  replace: (project: Project) => void;
  clear: () => void;
}

export function connectProject(store: StoreApi<AppState>): { actions: ProjectActions; stop: () => void } {
  const save = (next: Project) => {
    store.setState({ project: next });
    attempt(() => set(key(next.cityId), next)).then(
      () => store.getState().projectError && store.setState({ projectError: null }),
      (error: unknown) => store.setState({ projectError: `write ${key(next.cityId)}: ${why(error)}` }),
    );
  };
  const stop = follow(store, (s) => (selectCityId(s) ? [selectCityId(s)] : null), ([cityId], isCurrent) => {
    const id = cityId as string;
    attempt(() => get<Project>(key(id))).then(
      (stored) => isCurrent() && store.setState({ project: stored && stored.cityId === id ? stored : emptyProject(id), projectError: null }),
      (error: unknown) => isCurrent() && store.setState({ projectError: `read ${key(id)}: ${why(error)}` }),
    );
  });
  return {
    stop,
    actions: {
      update: (change) => {
        const project = selectProject(store.getState());
        if (project) save({ ...change(project), savedAt: new Date().toISOString() });
      },
      replace: save,
      clear: () => {
        const cityId = selectCityId(store.getState());
        if (!cityId) return;
        store.setState({ project: emptyProject(cityId) });
        attempt(() => del(key(cityId))).catch((error: unknown) => store.setState({ projectError: `delete ${key(cityId)}: ${why(error)}` }));
      },
    },
  };
}
