/**
 * The wall's supervision panel: open / overdue / red-card counters, and a ticker of the live feed, newest on
 * top (the map pulses at the same case). It signs in once where it stands; the session outlives restarts.
 */
import { caseCounts } from '../../campaign/case_filters';
import { useNow } from './use_now';
import { t } from '../../i18n/strings';
import { useApp } from '../../state/app_store';
import { LiveDot } from './CasesSection';
import { actionName, timeText } from './case_words';
import { SignInForm } from './SessionControl';

export function WallCases() {
  const lang = useApp((s) => s.hash.lang);
  const status = useApp((s) => s.session.status);
  const list = useApp((s) => s.cases.list);
  const ticker = useApp((s) => s.cases.ticker);
  const live = useApp((s) => s.cases.live);
  const lastEventId = useApp((s) => s.cases.lastEventId);
  const now = useNow(10_000);
  if (status === 'signed-out') return <section className="wall-cases"><SignInForm lang={lang} /></section>;
  if (status !== 'signed-in') return null;
  const counts = caseCounts(list, now);
  return (
    <section className="wall-cases" data-wall-cases="1" data-last-event={lastEventId} data-live={live}>
      <div className="wall-case-counters">
        <Counter id="open" label={t(lang, 'wallOpenCases')} value={counts.open} />
        <Counter id="overdue" label={t(lang, 'wallOverdueCases')} value={counts.overdue} />
        <Counter id="red" label={t(lang, 'wallRedCases')} value={counts.red} />
      </div>
      <div className="wall-ticker-head">
        <h2>{t(lang, 'wallTicker')}</h2>
        <LiveDot lang={lang} live={live} />
      </div>
      <ol className="wall-ticker" aria-live="polite">
        {ticker.map((item, i) => (
          <li key={item.eventId} className={i === 0 ? 'fresh' : undefined} data-event-id={item.eventId} data-case={item.caseId} data-action={item.action}>
            <time dateTime={item.at}>{timeText(lang, item.at, false)}</time> <strong>{actionName(lang, item.action)}</strong> #{item.caseId} {item.title}
            {item.actor && <span className="muted"> · {item.actor}</span>}
          </li>
        ))}
        {ticker.length === 0 && <li className="muted">{t(lang, 'wallTickerEmpty')}</li>}
      </ol>
    </section>
  );
}

const Counter = ({ id, label, value }: { id: string; label: string; value: number }) => (
  <div className={`wall-case-counter counter-${id}`} data-counter={id} data-value={value}>
    <span className="value">{value}</span>
    <span className="label">{label}</span>
  </div>
);
