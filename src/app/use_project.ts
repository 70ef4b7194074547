/**
 * The planner's project for the open city, kept in IndexedDB so ledgers, proposals and settings survive a
 * reload. Nothing leaves the browser.
 */
import { del, get, set } from 'idb-keyval';
import { useCallback, useEffect, useState } from 'react';
import { emptyProject, type Project } from '../ledger/project';

const key = (cityId: string) => `project:${cityId}`;

export interface ProjectStore {
  /** null until IndexedDB has answered for this city */
  project: Project | null;
  update: (change: (p: Project) => Project) => void;
  replace: (project: Project) => void;
  clear: () => void;
}

export function useProject(cityId: string | null): ProjectStore {
  const [project, setProject] = useState<Project | null>(null);

  useEffect(() => {
    if (!cityId) return;
    let current = true;
    get<Project>(key(cityId)).then(
      (stored) => current && setProject(stored && stored.cityId === cityId ? stored : emptyProject(cityId)),
      () => current && setProject(emptyProject(cityId)),
    );
    return () => {
      current = false;
    };
  }, [cityId]);

  const save = useCallback((next: Project) => {
    setProject(next);
    void set(key(next.cityId), next);
  }, []);

  const update = useCallback((change: (p: Project) => Project) => {
    setProject((p) => {
      if (!p) return p;
      const next = { ...change(p), savedAt: new Date().toISOString() };
      void set(key(next.cityId), next);
      return next;
    });
  }, []);

  const clear = useCallback(() => {
    if (!cityId) return;
    void del(key(cityId));
    setProject(emptyProject(cityId));
  }, [cityId]);

  return { project: project && project.cityId === cityId ? project : null, update, replace: save, clear };
}
