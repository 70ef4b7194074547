/**
 * Over the map while the link has `asof`: which day the atlas shows, whether its figures are in yet, and the way
 * back to today. `data-asof-state` is what the browser test waits on: 'ready' only once the figures on the page
 * are the history day's (as_of_driver.ts), never today's under a history banner.
 */
import { t } from '../i18n/strings';
import { actions, useApp } from '../state/app_store';
import { asOfAvailability, selectAsOfDay, selectAsOfShown } from '../state/as_of_driver';

export function AsOfBanner() {
  const lang = useApp((s) => s.hash.lang);
  const day = useApp(selectAsOfDay);
  const availability = useApp(asOfAvailability);
  const asOf = useApp((s) => s.asOf);
  const shown = useApp(selectAsOfShown);
  if (!day) return null;
  const state = availability === 'unavailable' ? 'unavailable' : asOf.status === 'error' ? 'error' : shown ? 'ready' : asOf.status === 'ready' ? 'computing' : 'loading';
  const line =
    state === 'unavailable' ? t(lang, 'asOfNeedsServer')
    : state === 'error' ? `${t(lang, 'loadFailedShort')}: ${asOf.error ? asOf.error[lang] : ''}`
    : state === 'ready' ? `${asOf.ledgers.length ? t(lang, 'asOfRevisions', { n: asOf.ledgers.length }) : t(lang, 'asOfNoRevisions')}${lang === 'zh' ? '。' : '. '}${t(lang, 'asOfDetail')}`
    : t(lang, state === 'computing' ? 'asOfComputing' : 'asOfLoading');
  return (
    <div className={`asof-banner${state === 'error' ? ' error' : ''}`} role="status" data-asof={day} data-asof-state={state}>
      <strong>{t(lang, 'asOfBanner', { day })}</strong>
      <span className="asof-line">{line}</span>
      <button type="button" onClick={() => actions.navigate({ asof: null })} data-action="asof-back">
        {t(lang, 'asOfBack')}
      </button>
    </div>
  );
}
