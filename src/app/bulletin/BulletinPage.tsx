/**
 * The weekly bulletin (一周通报) of `#bulletin=2026-W48`, a page made for print: KPIs, the flags, new / closed /
 * overdue cases per unit, a static map of the week's cases, the on-time closure trend, the subdistrict and
 * district rankings, and the week's case ledger as XLSX. A4 pages come from the print rules in styles.css
 * (@page, no table row or figure split across pages).
 */
import { useEffect } from 'react';
import { beijingDay } from '../../domain/campaign_clock';
import { fetchBulletin, ledgerUrl, type WeeklyBulletin } from '../../bulletin/bulletin_api';
import { LineChart } from '../../components/charts/LineChart';
import { isoWeekOf, isoWeekRange, shiftWeek } from '../../domain/iso_week';
import { t, type Lang } from '../../i18n/strings';
import { actions, useApp } from '../../state/app_store';
import { CaseMapSvg } from './CaseMapSvg';
import { FlagBoard, FlagMark, pct } from './FlagBoard';
import { LoadState, ServerGate } from './ServerGate';
import { startBulletinPage } from './start_bulletin';
import { useServerData, useThisWeek } from './use_server_data';

export function BulletinPage() {
  useEffect(() => startBulletinPage(), []);
  const lang = useApp((s) => s.hash.lang);
  const week = useApp((s) => s.hash.bulletin!);
  const signedIn = useApp((s) => s.session.status === 'signed-in');
  const bulletin = useServerData(signedIn ? week : null, (signal) => fetchBulletin(week, signal));
  const ready = bulletin.status === 'ready';
  const thisWeek = useThisWeek();
  return (
    <div className="bulletin-page" data-bulletin={week} data-bulletin-state={bulletin.status}>
      <nav className="bulletin-toolbar no-print">
        <button type="button" onClick={() => actions.navigate({ bulletin: shiftWeek(week, -1) })} data-action="week-prev">‹ {t(lang, 'weekPrevious')}</button>
        <strong>{week}</strong>
        <button type="button" onClick={() => actions.navigate({ bulletin: shiftWeek(week, 1) })} disabled={week >= thisWeek} data-action="week-next">{t(lang, 'weekNext')} ›</button>
        <span className="spacer" />
        {ready && <a className="button" href={ledgerUrl(week)} download data-action="ledger">{t(lang, 'bulletinLedger')}</a>}
        <button type="button" onClick={() => window.print()} disabled={!ready} data-action="print">{t(lang, 'bulletinPrint')}</button>
        <button type="button" onClick={() => actions.navigate({ lang: lang === 'zh' ? 'en' : 'zh' })}>{t(lang, 'language')}</button>
        <button type="button" onClick={() => actions.navigate({ bulletin: null })} data-action="back">{t(lang, 'bulletinBack')}</button>
      </nav>
      <ServerGate lang={lang}>
        <LoadState lang={lang} loaded={bulletin} loading={t(lang, 'bulletinLoading')} />
        {ready && <BulletinBody lang={lang} bulletin={bulletin.data} />}
      </ServerGate>
    </div>
  );
}

function weekTitle(lang: Lang, week: string): string {
  const range = isoWeekRange(week)!;
  const [year, n] = week.split('-W');
  return t(lang, 'bulletinWeek', { year, n: Number(n), from: beijingDay(range.start), to: beijingDay(range.end - 1) });
}

function BulletinBody({ lang, bulletin }: { lang: Lang; bulletin: WeeklyBulletin }) {
  const city = useApp((s) => s.city);
  const { kpis } = bulletin;
  const kpiList = [
    { id: 'cases', label: t(lang, 'kpiCases'), value: String(kpis.cases) },
    { id: 'reported', label: t(lang, 'kpiReported'), value: String(kpis.reported) },
    { id: 'closed', label: t(lang, 'kpiClosed'), value: String(kpis.closed) },
    { id: 'onTimeRate', label: t(lang, 'kpiOnTimeRate'), value: kpis.closed ? pct(kpis.onTimeRate) : '—' },
    { id: 'overdue', label: t(lang, 'kpiOverdue'), value: String(kpis.overdue) },
    { id: 'redCards', label: t(lang, 'kpiRedCards'), value: String(kpis.redCards) },
    { id: 'rework', label: t(lang, 'kpiRework'), value: String(kpis.rework) },
  ];
  const flagged = bulletin.units.filter((u) => u.flag);
  const districts = city?.layers.boundaries.features.filter((f) => f.properties.level === 'district') ?? [];
  const trendStart = isoWeekRange(bulletin.trend[0].week)!.start;
  const trendEnd = isoWeekRange(bulletin.trend.at(-1)!.week)!.start;
  return (
    <article className="bulletin" lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <header className="bulletin-head">
        {/* the figures are every city's (the API does not filter by city): the office's bulletin, not the open city's */}
        <h1>{t(lang, 'bulletinHeading')}</h1>
        <p className="bulletin-scope" data-scope="all-cities">{t(lang, 'bulletinScope')}</p>
        <p className="bulletin-week" data-week={bulletin.week}>{weekTitle(lang, bulletin.week)}</p>
        <p className="bulletin-issued">{t(lang, 'bulletinIssued', { date: beijingDay() })}</p>
      </header>

      <section className="bulletin-section" data-section="kpis">
        <h2>{t(lang, 'sectionKpis')}</h2>
        <ul className="bulletin-kpis">
          {kpiList.map((k) => (
            <li key={k.id} data-kpi={k.id}>
              <span className="kpi-value">{k.value}</span>
              <span className="kpi-label">{k.label}</span>
            </li>
          ))}
        </ul>
      </section>

      <section className="bulletin-section" data-section="flags">
        <h2>{t(lang, 'sectionFlags')}</h2>
        <p className="note">{t(lang, 'flagRule', bulletin.flags)}</p>
        {flagged.length === 0 ? (
          <p className="note">{t(lang, 'flagNone')}</p>
        ) : (
          <div className="flag-columns">
            {(['red', 'black'] as const).map((flag) => (
              <div key={flag} className={`flag-column flag-column-${flag}`} data-flag-list={flag}>
                <h3><FlagMark lang={lang} flag={flag} /></h3>
                <ol>
                  {flagged.filter((u) => u.flag === flag).map((u) => (
                    <li key={u.unitId} data-unit={u.unitId}>
                      {u.name} <span className="muted">{t(lang, 'colOnTimeRate')} {pct(u.onTimeRate)} · {t(lang, 'colOverdue')} {u.overdue}</span>
                    </li>
                  ))}
                </ol>
              </div>
            ))}
          </div>
        )}
      </section>

      <section className="bulletin-section" data-section="units">
        <h2>{t(lang, 'sectionUnits')}</h2>
        <FlagBoard lang={lang} bulletin={bulletin} level="unit" />
      </section>

      <section className="bulletin-section keep-together" data-section="map">
        <h2>{t(lang, 'sectionMap')}</h2>
        {city ? <CaseMapSvg lang={lang} bbox={city.manifest.bbox} districts={districts} cases={bulletin.cases} /> : <p className="note">{t(lang, 'loading')}</p>}
      </section>

      <section className="bulletin-section keep-together" data-section="trend">
        <h2>{t(lang, 'sectionTrend')}</h2>
        <LineChart
          id="bulletin-on-time"
          title={t(lang, 'trendWeeks', { n: bulletin.trend.length })}
          lines={[{ id: 'onTime', label: t(lang, 'kpiOnTimeRate'), points: bulletin.trend.map((w) => ({ t: isoWeekRange(w.week)!.start, value: w.onTimeRate })) }]}
          domain={[trendStart, trendEnd]}
          range={[0, 1]}
          format={(v) => `${Math.round(v * 100)}%`}
          ticks={bulletin.trend.map((w) => isoWeekRange(w.week)!.start)}
          tickFormat={(d) => isoWeekOf(d.getTime()).slice(5)}
          width={640}
          height={180}
        />
        <table className="trend-table">
          <thead>
            <tr>
              <th />
              {bulletin.trend.map((w) => <th key={w.week} className="num">{w.week.slice(5)}</th>)}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th>{t(lang, 'colClosed')}</th>
              {bulletin.trend.map((w) => <td key={w.week} className="num">{w.closed}</td>)}
            </tr>
            <tr>
              <th>{t(lang, 'colOnTimeRate')}</th>
              {bulletin.trend.map((w) => <td key={w.week} className="num" data-trend-week={w.week}>{w.onTimeRate === null ? '—' : pct(w.onTimeRate)}</td>)}
            </tr>
          </tbody>
        </table>
      </section>

      <section className="bulletin-section" data-section="areas">
        <h2>{t(lang, 'sectionAreas')}</h2>
        <h3>{t(lang, 'levelStreetRank')}</h3>
        <FlagBoard lang={lang} bulletin={bulletin} level="street" />
        <h3>{t(lang, 'levelDistrictRank')}</h3>
        <FlagBoard lang={lang} bulletin={bulletin} level="district" />
      </section>
    </article>
  );
}
