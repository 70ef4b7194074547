/**
 * The campaign over time in the side panel: the three-year timeline, then a line chart per figure for the city
 * and the area of the link's `trend` (a district, subdistrict or grid), over the last 90 days, the last year or
 * the whole campaign. Figures are the server's daily KPI snapshots.
 */
import { useMemo, useState } from 'react';
import { beijingDay } from '../../domain/campaign_clock';
import { fetchCalendar, fetchSeries, levelOfCode, type CampaignCalendar } from '../../bulletin/bulletin_api';
import { TREND_FIGURE_IDS } from '../../history/snapshot_change';
import { t, type Lang } from '../../i18n/strings';
import { actions, useApp } from '../../state/app_store';
import { LoadState } from '../bulletin/ServerGate';
import { useServerData, type Loaded } from '../bulletin/use_server_data';
import { dayMs, msDay } from './figure_labels';
import { CampaignTimeline, TrendCharts } from './TrendCharts';

const PERIODS = { recorded: { days: 0, label: 'trendRecorded' }, d90: { days: 90, label: 'trendLast90' }, y1: { days: 365, label: 'trendLast365' }, all: { days: null, label: 'trendWhole' } } as const;
type PeriodId = keyof typeof PERIODS;

/** The areas one can put beside the city: every district, and the subdistrict or grid the link is on. */
function useScopes(): { code: string; label: string }[] {
  const grids = useApp((s) => s.city?.layers.grids?.features ?? null);
  const grid = useApp((s) => s.hash.grid);
  const area = useApp((s) => s.hash.area);
  return useMemo(() => {
    const scopes = new Map<string, string>();
    for (const g of grids ?? []) if (!scopes.has(g.properties.districtCode)) scopes.set(g.properties.districtCode, g.properties.district);
    const byCode = (code: string) => grids?.find((g) => g.properties.code.startsWith(code))?.properties;
    if (area?.length === 9) scopes.set(area, byCode(area)?.street ?? area);
    if (grid) scopes.set(grid, byCode(grid)?.name ?? grid);
    return [...scopes].map(([code, label]) => ({ code, label }));
  }, [grids, grid, area]);
}

export function useCalendar(cityId: string | null) {
  return useServerData<CampaignCalendar>(cityId, (signal) => fetchCalendar(cityId!, signal));
}

export function TrendsSection({ lang, cityId, cityName, calendar }: { lang: Lang; cityId: string; cityName: string; calendar: Loaded<CampaignCalendar> }) {
  if (calendar.status !== 'ready') return <LoadState lang={lang} loaded={calendar} />;
  return <Trends lang={lang} cityId={cityId} cityName={cityName} calendar={calendar.data} />;
}

function Trends({ lang, cityId, cityName, calendar }: { lang: Lang; cityId: string; cityName: string; calendar: CampaignCalendar }) {
  const [period, setPeriod] = useState<PeriodId>('recorded');
  const scope = useApp((s) => s.hash.trend);
  const scopes = useScopes();
  const today = beijingDay();
  const last = calendar.days.at(-1) ?? today;
  const days = PERIODS[period].days;
  // 'recorded': from the first snapshot; a single day is widened so the chart has a width
  const from = days === null ? calendar.start : days === 0 ? (calendar.days[0] ?? last) : msDay(dayMs(last) - days * 86_400_000);
  const domain: [number, number] = from === last ? [dayMs(from) - 86_400_000, dayMs(last) + 86_400_000] : [dayMs(from), dayMs(last)];
  const scopeLabel = scopes.find((s) => s.code === scope)?.label ?? scope ?? '';
  const series = useServerData(calendar.days.length ? `${cityId}|${from}|${last}|${scope ?? ''}` : null, (signal) =>
    Promise.all([fetchSeries(cityId, 'city', cityId, from, last, signal), scope ? fetchSeries(cityId, levelOfCode(scope), scope, from, last, signal) : null]),
  );
  return (
    <section className="panel-section trends" data-trends={series.status}>
      <h3>{t(lang, 'trendsTitle')}</h3>
      <CampaignTimeline lang={lang} calendar={calendar} today={today} />
      {calendar.days.length === 0 ? (
        <p className="note" data-trends-empty="true">{t(lang, 'trendNoSnapshots')}</p>
      ) : (
        <>
          <div className="trend-controls">
            <label>
              {t(lang, 'trendRange')}{' '}
              <select value={period} onChange={(e) => setPeriod(e.target.value as PeriodId)} data-control="trend-period">
                {(Object.keys(PERIODS) as PeriodId[]).map((id) => <option key={id} value={id}>{t(lang, PERIODS[id].label)}</option>)}
              </select>
            </label>
            <label>
              {t(lang, 'trendScope')}{' '}
              <select value={scope ?? ''} onChange={(e) => actions.navigate({ trend: e.target.value || null })} data-control="trend-scope">
                <option value="">{t(lang, 'trendCityOnly')}</option>
                {scopes.map((s) => <option key={s.code} value={s.code}>{s.label}</option>)}
              </select>
            </label>
          </div>
          <LoadState lang={lang} loaded={series} />
          {series.status === 'ready' && (
            <TrendCharts
              lang={lang}
              calendar={calendar}
              figures={TREND_FIGURE_IDS}
              domain={domain}
              series={[{ id: 'city', label: cityName, points: series.data[0] }, ...(series.data[1] ? [{ id: scope!, label: scopeLabel, points: series.data[1] }] : [])]}
            />
          )}
        </>
      )}
    </section>
  );
}
