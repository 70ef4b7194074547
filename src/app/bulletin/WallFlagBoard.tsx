/**
 * The wall's flag board: this week's red and black flags with each unit's on-time rate and overdue cases,
 * refreshed every minute. Self-contained (one line in WallView); shows nothing without a signed-in session.
 */
import { fetchBulletin } from '../../bulletin/bulletin_api';
import { isoWeekOf } from '../../domain/iso_week';
import { t } from '../../i18n/strings';
import { useApp } from '../../state/app_store';
import { FlagMark, pct } from './FlagBoard';
import { useServerData } from './use_server_data';

const REFRESH_MS = 60_000;

export function WallFlagBoard() {
  const lang = useApp((s) => s.hash.lang);
  const signedIn = useApp((s) => s.session.status === 'signed-in');
  // the week is read at each refresh: a wall runs from one week into the next
  const bulletin = useServerData(signedIn ? 'this-week' : null, (signal) => fetchBulletin(isoWeekOf(Date.now()), signal), REFRESH_MS);
  if (bulletin.status !== 'ready') return null;
  const flagged = bulletin.data.units.filter((u) => u.flag);
  return (
    <section className="wall-flags" data-wall-flags={flagged.length}>
      <h2>{t(lang, 'wallFlags')} · {bulletin.data.week}</h2>
      {flagged.length === 0 && <p className="note">{t(lang, 'flagNone')}</p>}
      {(['red', 'black'] as const).map((flag) => {
        const units = flagged.filter((u) => u.flag === flag);
        return units.length === 0 ? null : (
          <ol key={flag} className={`wall-flag-list flag-column-${flag}`}>
            {units.map((u) => (
              <li key={u.unitId} data-unit={u.unitId}>
                <FlagMark lang={lang} flag={flag} />
                <span className="wall-flag-name">{u.name}</span>
                <span className="wall-flag-figures">{pct(u.onTimeRate)} · {t(lang, 'colOverdue')} {u.overdue}</span>
              </li>
            ))}
          </ol>
        );
      })}
    </section>
  );
}
