/** The supervision views laid over the atlas: the open case's drawer and the case form. */
import { useApp } from '../../state/app_store';
import { CaseDrawer } from './CaseDrawer';
import { CaseForm } from './CaseForm';

export function CaseOverlays() {
  const signedIn = useApp((s) => s.session.status === 'signed-in');
  const caseId = useApp((s) => s.hash.case);
  const wall = useApp((s) => s.hash.wall !== null);
  const draft = useApp((s) => s.cases.draft);
  if (!signedIn || wall) return null;
  return (
    <>
      {caseId !== null && <CaseDrawer key={caseId} caseId={caseId} />}
      {draft && <CaseForm key={`${draft.source}:${draft.lon}:${draft.lat}:${draft.title}`} draft={draft} />}
    </>
  );
}
