/** 督办: a small button beside a gap, an inspection item or a scorecard; it opens the case form prefilled. */
import { checkTransition, isRefusal } from '../../domain/case_flow';
import { t } from '../../i18n/strings';
import { useApp } from '../../state/app_store';
import { caseActions } from '../../state/cases_driver';
import type { CaseDraft } from '../../state/cases_state';

/** `draft` is called on click only, so a long list builds no drafts while it renders */
export function RaiseCaseButton({ draft, id }: { draft: () => CaseDraft; id: string }) {
  const lang = useApp((s) => s.hash.lang);
  const user = useApp((s) => s.session.user);
  const ready = useApp((s) => s.cases.status === 'ready');
  if (!user || !ready || isRefusal(checkTransition('report', { state: null, unitId: null }, user))) return null;
  return (
    <button
      type="button"
      className="raise-case"
      title={t(lang, 'caseRaiseHint')}
      onClick={(e) => {
        e.stopPropagation();
        caseActions.openDraft(draft());
      }}
      data-raise-case={id}
    >
      {t(lang, 'caseRaise')}
    </button>
  );
}
