/**
 * The phone's "my cases": a district head's or handler's own cases (their unit's, or in their grids), nearest
 * deadline first, each with its photos and one-tap steps; the after-photo comes straight from the camera.
 */
import type { ApiCase } from '../../campaign/api';
import { useNow } from './use_now';
import { t, type Lang } from '../../i18n/strings';
import { actions, useApp } from '../../state/app_store';
import { selectMyCases } from '../case_selectors';
import { CaseActions } from './CaseActions';
import { CaseBadges } from './CaseBadges';
import { PhotoPair } from './CaseDrawer';
import { deadlineText } from './case_words';
import { LiveDot } from './CasesSection';
import { SignInForm } from './SessionControl';
import { useCaseDetail } from './use_case_detail';

/** cards on the page; a handler's open cases rarely reach it */
const CARDS_SHOWN = 40;

export function PhoneCases() {
  const lang = useApp((s) => s.hash.lang);
  const session = useApp((s) => s.session);
  const mine = useApp(selectMyCases);
  const live = useApp((s) => s.cases.live);
  const status = useApp((s) => s.cases.status);
  return (
    <div className="phone-cases" data-phone="1" data-phone-status={status}>
      <header className="phone-head">
        <h1>{t(lang, 'myCases')} {session.user && <span className="count">{mine.length}</span>}</h1>
        <LiveDot lang={lang} live={live} />
        <button type="button" onClick={() => actions.navigate({ lang: lang === 'zh' ? 'en' : 'zh' })}>{t(lang, 'language')}</button>
        <button type="button" onClick={() => actions.navigate({ my: false })} data-action="to-map">{t(lang, 'phoneToMap')}</button>
      </header>
      {session.status === 'no-server' && <p className="note">{t(lang, 'phoneNoServer')}</p>}
      {session.status === 'signed-out' && <SignInForm lang={lang} />}
      {session.user && (
        <>
          <p className="muted phone-who">{session.user.displayName}</p>
          {status === 'ready' && mine.length === 0 && <p className="note" data-phone-empty="1">{t(lang, 'phoneNone')}</p>}
          <ol className="phone-list">
            {mine.slice(0, CARDS_SHOWN).map((c) => <PhoneCaseCard key={c.id} lang={lang} item={c} />)}
          </ol>
        </>
      )}
    </div>
  );
}

function PhoneCaseCard({ lang, item }: { lang: Lang; item: ApiCase }) {
  const { detail, reload } = useCaseDetail(item.id);
  const now = useNow();
  return (
    <li className="phone-case" data-phone-case={item.id} data-state={item.state}>
      <div className="phone-case-head">
        <strong>#{item.id} {item.title}</strong>
        {item.card && <span className="phone-deadline" data-deadline={item.card.deadline}>{deadlineText(lang, item.card.deadline, now)}</span>}
      </div>
      <CaseBadges lang={lang} item={item} now={now} />
      {item.description && <p className="case-description">{item.description}</p>}
      {detail && detail.photos.length > 0 && <PhotoPair lang={lang} photos={detail.photos} />}
      {detail && <CaseActions key={item.version} lang={lang} item={item} photos={detail.photos} onChanged={reload} compact />}
    </li>
  );
}
