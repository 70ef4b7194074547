/**
 * One d3 line chart per snapshot figure over a period: the city, and an area beside it when one is chosen, on the
 * campaign's phases (集中攻坚 / 巩固提升 / 全力冲刺) with the frozen milestones marked.
 */
import type { CampaignCalendar, SeriesPoint } from '../../bulletin/bulletin_api';
import { LineChart, type Line } from '../../components/charts/LineChart';
import { formatAxis, TREND_FIGURES, trendSeries, type TrendFigureId } from '../../history/snapshot_change';
import { t, type Lang } from '../../i18n/strings';
import { dayMs, FIGURE_LABEL } from './figure_labels';

export interface TrendChartsProps {
  lang: Lang;
  calendar: CampaignCalendar;
  figures: readonly TrendFigureId[];
  domain: [number, number];
  series: readonly { id: string; label: string; points: readonly SeriesPoint[] }[];
  width?: number;
  height?: number;
}

export function TrendCharts({ lang, calendar, figures, domain, series, width, height }: TrendChartsProps) {
  const periods = calendar.phases.map((p) => ({ id: p.id, label: lang === 'zh' ? p.zh : p.en, from: dayMs(p.from), to: dayMs(p.to) }));
  const markers = calendar.milestones.map((m) => ({ t: dayMs(m.day), label: m.label }));
  return (
    <div className="trend-charts">
      {figures.map((figure) => {
        const { unit } = TREND_FIGURES[figure];
        const lines: Line[] = series.map((s) => ({ id: s.id, label: s.label, points: trendSeries(s.points, figure).map((p) => ({ t: dayMs(p.day), value: p.value })) }));
        return (
          <LineChart
            key={figure}
            id={`trend-${figure}`}
            title={`${t(lang, FIGURE_LABEL[figure])}${unit === 'km' ? ' (km)' : ''}`}
            lines={lines}
            domain={domain}
            periods={periods}
            markers={markers}
            range={unit === 'share' ? [0, 1] : undefined}
            format={(v) => formatAxis(unit, v)}
            integer={unit === 'count'}
            width={width}
            height={height}
          />
        );
      })}
    </div>
  );
}

/** The three years at a glance: the phases as bands, today, and the milestones. */
export function CampaignTimeline({ lang, calendar, today }: { lang: Lang; calendar: CampaignCalendar; today: string }) {
  const W = 320;
  const start = dayMs(calendar.phases[0].from);
  const end = dayMs(calendar.phases.at(-1)!.to);
  const x = (day: string) => 4 + ((Math.max(start, Math.min(end, dayMs(day))) - start) / (end - start)) * (W - 8);
  return (
    <figure className="chart campaign-timeline" aria-label={t(lang, 'trendTimeline')} data-chart="timeline">
      <figcaption>{t(lang, 'trendTimeline')}</figcaption>
      <svg viewBox={`0 0 ${W} 46`} role="img">
        {calendar.phases.map((p, i) => (
          <g key={p.id} className={`period period-${i}`}>
            <rect x={x(p.from)} width={x(p.to) - x(p.from)} y={14} height={14} />
            <text x={(x(p.from) + x(p.to)) / 2} y={24} textAnchor="middle">{lang === 'zh' ? p.zh : p.en}</text>
            <text className="axis" x={x(p.from)} y={40} textAnchor={i === 0 ? 'start' : 'middle'}>{p.from.slice(0, 7)}</text>
          </g>
        ))}
        {calendar.milestones.map((m) => (
          <g key={m.day} className="marker" data-marker={m.label}>
            <line x1={x(m.day)} x2={x(m.day)} y1={10} y2={30} />
            <text x={x(m.day) - 2} y={9} textAnchor="end">{m.label}</text>
          </g>
        ))}
        <g className="today">
          <line x1={x(today)} x2={x(today)} y1={12} y2={32} />
          {/* today to the right of its line, milestones to the left of theirs: a milestone of yesterday stays readable */}
          <text x={x(today) + 2} y={9} textAnchor="start">{t(lang, 'trendToday')}</text>
        </g>
      </svg>
    </figure>
  );
}
