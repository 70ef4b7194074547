/** The side panel's campaign tab: the atlas as of a date, this week's unit flags, the trends over the campaign and before/after. Needs the campaign server and a sign-in. */
import { t, type Lang } from '../i18n/strings';
import { useApp } from '../state/app_store';
import { FlagBoardSection } from './bulletin/FlagBoardSection';
import { ServerGate } from './bulletin/ServerGate';
import { AsOfSection } from './trends/AsOfSection';
import { BeforeAfterSection } from './trends/BeforeAfterSection';
import { TrendsSection, useCalendar } from './trends/TrendsSection';

export function CampaignTab({ lang }: { lang: Lang }) {
  return (
    <ServerGate lang={lang}>
      <CampaignViews lang={lang} />
    </ServerGate>
  );
}

function CampaignViews({ lang }: { lang: Lang }) {
  const city = useApp((s) => s.city);
  const calendar = useCalendar(city?.manifest.id ?? null);
  return (
    <>
      {city && <AsOfSection lang={lang} snapshotDays={calendar.status === 'ready' ? calendar.data.days : []} />}
      <FlagBoardSection lang={lang} />
      {city && <TrendsSection lang={lang} cityId={city.manifest.id} cityName={lang === 'zh' ? city.manifest.name.zh : city.manifest.name.en} calendar={calendar} />}
      {city && calendar.status === 'ready' && <BeforeAfterSection lang={lang} cityId={city.manifest.id} calendar={calendar.data} />}
      {!city && <p className="note">{t(lang, 'loading')}</p>}
    </>
  );
}
