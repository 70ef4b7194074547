/**
 * One case, beside the map: who raised it and why (the atlas figures), its card and deadline, the photos before
 * and after side by side, the timeline of its events, and the steps the signed-in user may take.
 */
import type { ApiCase, ApiEvent, ApiPhoto } from '../../campaign/api';
import { useNow } from './use_now';
import { t, type Lang } from '../../i18n/strings';
import { actions, useApp } from '../../state/app_store';
import { selectOpenCase } from '../case_selectors';
import { CaseActions } from './CaseActions';
import { CaseBadges } from './CaseBadges';
import { actionName, deadlineText, stateName, timeText } from './case_words';
import { useCaseDetail } from './use_case_detail';

export function CaseDrawer({ caseId }: { caseId: number }) {
  const lang = useApp((s) => s.hash.lang);
  const known = useApp(selectOpenCase);
  const { detail, error, reload } = useCaseDetail(caseId);
  const categories = useApp((s) => s.cases.categories);
  const units = useApp((s) => s.cases.units);
  const unitName = (id: string | null) => (id ? (units.find((u) => u.id === id)?.name ?? id) : '—');
  // the list is kept current by the feed; the detail may be a moment older or newer
  const item = known && detail ? (known.version >= detail.case.version ? known : detail.case) : (known ?? detail?.case ?? null);
  const category = categories.find((c) => c.id === item?.categoryId);
  const now = useNow();
  return (
    <aside className="case-drawer" data-case-drawer={caseId} data-case-state={item?.state ?? ''} data-case-version={item?.version ?? ''} aria-label={t(lang, 'caseDrawer')}>
      <header className="case-drawer-head">
        <h2>#{caseId} {item?.title}</h2>
        <button type="button" className="close" onClick={() => actions.navigate({ case: null })} aria-label={t(lang, 'close')} data-action="close-case">×</button>
      </header>
      {error && <p className="note error" role="alert">{error.text(lang)}</p>}
      {!item && !error && <p className="status">{t(lang, 'loading')}</p>}
      {item && (
        <div className="case-drawer-body">
          <CaseBadges lang={lang} item={item} now={now} />
          <dl className="case-facts">
            <dt>{t(lang, 'caseCategory')}</dt><dd>{category ? (lang === 'zh' ? category.nameZh : category.nameEn) : item.categoryId}</dd>
            <dt>{t(lang, 'caseGrid')}</dt><dd>{item.gridCode ?? '—'}</dd>
            <dt>{t(lang, 'caseUnit')}</dt><dd>{unitName(item.unitId ?? item.gridUnitId)}</dd>
            {item.card && <><dt>{t(lang, 'caseDeadline')}</dt><dd data-deadline={item.card.deadline}>{timeText(lang, item.card.deadline)} · {deadlineText(lang, item.card.deadline, now)}</dd></>}
            <dt>{t(lang, 'caseReported')}</dt><dd>{timeText(lang, item.createdAt)}</dd>
            {item.reworkCount > 0 && <><dt>{t(lang, 'caseRework')}</dt><dd>{item.reworkCount}</dd></>}
          </dl>
          {item.description && <p className="case-description">{item.description}</p>}
          <AnalysisFigures lang={lang} analysis={item.analysis} />
          {detail && <PhotoPair lang={lang} photos={detail.photos} />}
          {detail && <CaseActions key={`${item.id}:${item.version}`} lang={lang} item={item} photos={detail.photos} onChanged={reload} />}
          {detail && <Timeline lang={lang} events={detail.events} />}
        </div>
      )}
    </aside>
  );
}

/** the figures the atlas attached when it raised the case: rule, data date, distance against threshold */
export function AnalysisFigures({ lang, analysis }: { lang: Lang; analysis: ApiCase['analysis'] }) {
  if (!analysis || typeof analysis !== 'object') return null;
  const a = analysis as { rule?: string; dataDate?: string; distanceM?: number | null; thresholdM?: number; figures?: Record<string, unknown> };
  return (
    <section className="case-analysis" data-case-analysis="1">
      <h3>{t(lang, 'caseAnalysis')}</h3>
      <dl className="case-facts">
        {a.rule && <><dt>{t(lang, 'caseRule')}</dt><dd>{a.rule}</dd></>}
        {a.dataDate && <><dt>{t(lang, 'dataDate')}</dt><dd>{a.dataDate}</dd></>}
        {a.distanceM != null && <><dt>{t(lang, 'caseDistance')}</dt><dd>{Math.round(a.distanceM)} m{a.thresholdM ? ` / ${a.thresholdM} m` : ''}</dd></>}
        {Object.entries(a.figures ?? {}).map(([key, value]) => <Fact key={key} name={key} value={value} />)}
      </dl>
    </section>
  );
}

const Fact = ({ name, value }: { name: string; value: unknown }) => (
  <>
    <dt>{name}</dt>
    <dd>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</dd>
  </>
);

export function PhotoPair({ lang, photos }: { lang: Lang; photos: readonly ApiPhoto[] }) {
  const side = (kind: 'before' | 'after') => {
    const photo = photos.filter((p) => p.kind === kind).at(-1);
    return (
      <figure className="case-photo" data-photo={kind} data-photo-sha={photo?.sha256 ?? ''}>
        {photo ? <a href={`/api/photos/${photo.sha256}`} target="_blank" rel="noreferrer"><img src={`/api/photos/${photo.sha256}?thumb=1`} alt={t(lang, kind === 'before' ? 'photoBefore' : 'photoAfter')} /></a> : <div className="case-photo-none">{t(lang, 'photoNone')}</div>}
        <figcaption>{t(lang, kind === 'before' ? 'photoBefore' : 'photoAfter')}{photo?.farFromCase ? ` · ${t(lang, 'photoFar')}` : ''}</figcaption>
      </figure>
    );
  };
  return <div className="case-photos">{side('before')}{side('after')}</div>;
}

function Timeline({ lang, events }: { lang: Lang; events: readonly ApiEvent[] }) {
  return (
    <section className="case-timeline">
      <h3>{t(lang, 'caseTimeline')}</h3>
      <ol>
        {events.map((e) => (
          <li key={e.id} data-event-id={e.id} data-event-action={e.action}>
            <time dateTime={e.at}>{timeText(lang, e.at)}</time> <strong>{actionName(lang, e.action)}</strong>
            {e.to && e.from !== e.to && <span className="muted"> → {stateName(lang, e.to)}</span>}
            {e.actor && <span className="muted"> · {e.actor}</span>}
            {e.note && <div className="case-note">{e.note}</div>}
          </li>
        ))}
      </ol>
    </section>
  );
}
