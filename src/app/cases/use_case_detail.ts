/** A case's timeline and photos, loaded when it opens and again whenever the live feed brings one of its events. */
import { useEffect, useState } from 'react';
import { api, ApiError, type ApiCase, type ApiEvent, type ApiPhoto } from '../../campaign/api';
import { useApp } from '../../state/app_store';

export interface CaseDetail { case: ApiCase; events: ApiEvent[]; photos: ApiPhoto[] }

export function useCaseDetail(caseId: number | null): { detail: CaseDetail | null; error: ApiError | null; reload: () => void } {
  const lastEvent = useApp((s) => (caseId === null ? 0 : (s.cases.caseEvents[caseId] ?? 0)));
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    if (caseId === null) return;
    const abort = new AbortController();
    api<CaseDetail>(`/api/cases/${caseId}`, { signal: abort.signal }).then(
      (answer) => {
        setDetail(answer);
        setError(null);
      },
      (reason: Error) => reason.name !== 'AbortError' && setError(reason instanceof ApiError ? reason : new ApiError(0, reason.message, reason.message)),
    );
    return () => abort.abort();
  }, [caseId, lastEvent, asked]);
  return { detail: detail && detail.case.id === caseId ? detail : null, error, reload: () => setAsked((n) => n + 1) };
}
