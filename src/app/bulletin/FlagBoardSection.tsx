/** The side panel's unit flags: a week picker, the ranking at the chosen level with the cases behind each row, and the link to the printable bulletin. */
import { useState } from 'react';
import { fetchBulletin } from '../../bulletin/bulletin_api';
import { shiftWeek } from '../../domain/iso_week';
import { t, type Lang } from '../../i18n/strings';
import { actions } from '../../state/app_store';
import { FlagBoard, LevelTabs, type FlagLevel } from './FlagBoard';
import { LoadState } from './ServerGate';
import { useServerData, useThisWeek } from './use_server_data';

export function FlagBoardSection({ lang }: { lang: Lang }) {
  const thisWeek = useThisWeek();
  const [week, setWeek] = useState(thisWeek);
  const [level, setLevel] = useState<FlagLevel>('unit');
  const [selected, setSelected] = useState<string | null>(null);
  const bulletin = useServerData(week, (signal) => fetchBulletin(week, signal));
  const pickWeek = (next: string) => {
    setWeek(next);
    setSelected(null);
  };
  return (
    <section className="panel-section flag-section" data-flag-section={bulletin.status}>
      <h3>{t(lang, 'flagBoardTitle')}</h3>
      <div className="week-picker">
        <button type="button" onClick={() => pickWeek(shiftWeek(week, -1))} aria-label={t(lang, 'weekPrevious')} data-action="flag-week-prev">‹</button>
        <strong data-flag-week={week}>{week}</strong>
        <button type="button" onClick={() => pickWeek(shiftWeek(week, 1))} disabled={week >= thisWeek} aria-label={t(lang, 'weekNext')} data-action="flag-week-next">›</button>
        <button type="button" className="link" onClick={() => actions.navigate({ bulletin: week })} data-action="open-bulletin">{t(lang, 'bulletinOpen')}</button>
      </div>
      <LevelTabs lang={lang} level={level} onLevel={(l) => { setLevel(l); setSelected(null); }} />
      <LoadState lang={lang} loaded={bulletin} />
      {bulletin.status === 'ready' && (
        <>
          <p className="note">{t(lang, 'flagRule', bulletin.data.flags)} {t(lang, 'drillHint')}</p>
          <FlagBoard lang={lang} bulletin={bulletin.data} level={level} selected={selected} onSelect={setSelected} compact />
        </>
      )}
    </section>
  );
}
