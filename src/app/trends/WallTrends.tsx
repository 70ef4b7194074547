/**
 * The wall's trends: toilet coverage, open cases and on-time closure of the whole city since the first snapshot,
 * on the campaign's phases. Self-contained (one line in WallView); shows nothing without a signed-in session or
 * snapshots. Refreshed hourly: snapshots are daily.
 */
import { fetchCalendar, fetchSeries } from '../../bulletin/bulletin_api';
import type { TrendFigureId } from '../../history/snapshot_change';
import { t } from '../../i18n/strings';
import { useApp } from '../../state/app_store';
import { useServerData } from '../bulletin/use_server_data';
import { dayMs } from './figure_labels';
import { TrendCharts } from './TrendCharts';

const WALL_FIGURES: readonly TrendFigureId[] = ['toiletCoverage', 'openCases', 'onTimeRate'];
const REFRESH_MS = 3_600_000;

export function WallTrends() {
  const lang = useApp((s) => s.hash.lang);
  const city = useApp((s) => s.city);
  const signedIn = useApp((s) => s.session.status === 'signed-in');
  const cityId = city?.manifest.id ?? null;
  const loaded = useServerData(signedIn && cityId ? cityId : null, async (signal) => {
    const calendar = await fetchCalendar(cityId!, signal);
    const [first, last] = [calendar.days[0], calendar.days.at(-1)];
    return { calendar, points: first && last ? await fetchSeries(cityId!, 'city', cityId!, first, last, signal) : [] };
  }, REFRESH_MS);
  if (loaded.status !== 'ready' || loaded.data.points.length === 0 || !city) return null;
  const { calendar, points } = loaded.data;
  const first = dayMs(points[0].day);
  const last = dayMs(points.at(-1)!.day);
  return (
    <section className="wall-trends" data-wall-trends={points.length}>
      <h2>{t(lang, 'wallTrends')}</h2>
      <TrendCharts
        lang={lang}
        calendar={calendar}
        figures={WALL_FIGURES}
        domain={first === last ? [first - 86_400_000, last + 86_400_000] : [first, last]}
        series={[{ id: 'city', label: lang === 'zh' ? city.manifest.name.zh : city.manifest.name.en, points }]}
        height={110}
      />
    </section>
  );
}
