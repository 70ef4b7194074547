/**
 * "查看某日台账 / view as of a date" in the campaign tab (shown only with the campaign server and a sign-in): puts
 * `asof=<day>` in the link; the history view itself is as_of_driver.ts and the banner over the map.
 */
import { useState } from 'react';
import { beijingDay, isCalendarDay } from '../../domain/campaign_clock';
import { t, type Lang } from '../../i18n/strings';
import { actions, useApp } from '../../state/app_store';

export function AsOfSection({ lang, snapshotDays }: { lang: Lang; snapshotDays: readonly string[] }) {
  const current = useApp((s) => s.hash.asof);
  const today = beijingDay();
  // the last day with a snapshot before today is the likeliest question ("what did it look like then?")
  const [day, setDay] = useState(() => current ?? snapshotDays.filter((d) => d < today).at(-1) ?? beijingDay(Date.now() - 86_400_000));
  return (
    <section className="panel-section asof-section">
      <h3>{t(lang, 'asOfTitle')}</h3>
      <p className="note">{t(lang, 'asOfHint')}</p>
      <div className="button-row">
        <label>
          {t(lang, 'asOfDay')} <input type="date" value={day} max={today} onChange={(e) => setDay(e.target.value)} data-control="asof-day" />
        </label>
        <button type="button" disabled={!isCalendarDay(day)} onClick={() => actions.navigate({ asof: day })} data-action="asof-show">
          {t(lang, 'asOfShow')}
        </button>
        {current && (
          <button type="button" onClick={() => actions.navigate({ asof: null })} data-action="asof-today">
            {t(lang, 'asOfBack')}
          </button>
        )}
      </div>
    </section>
  );
}
