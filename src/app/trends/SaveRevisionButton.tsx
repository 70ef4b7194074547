/**
 * "Save this import to the server as a ledger revision" (POST /api/ledgers): for a signed-in planner, supervisor
 * or administrator, with the day the facilities take effect. The whole import goes, rejected rows with their
 * reasons included, so the server's history accounts for every row read.
 */
import { useState } from 'react';
import { beijingDay } from '../../domain/campaign_clock';
import { api, ApiError } from '../../campaign/api';
import type { LedgerLayer } from '../../ledger/project';
import { t, type Lang } from '../../i18n/strings';
import { useApp } from '../../state/app_store';

const SAVERS = ['planner', 'supervisor', 'admin'];

export function SaveRevisionButton({ lang, cityId, layer }: { lang: Lang; cityId: string; layer: LedgerLayer }) {
  const role = useApp((s) => (s.session.status === 'signed-in' ? s.session.user?.role : null));
  const [day, setDay] = useState(() => beijingDay());
  const [state, setState] = useState<{ layerId: string; status: 'saving' | 'saved' | 'error'; text: string } | null>(null);
  if (!role || !SAVERS.includes(role)) return null;
  const mine = state?.layerId === layer.id ? state : null;
  const save = async () => {
    setState({ layerId: layer.id, status: 'saving', text: t(lang, 'revisionSaving') });
    try {
      const { id } = await api<{ id: number }>('/api/ledgers', { body: { cityId, effectiveDate: day, layer: { fileName: layer.fileName, crs: layer.crs, mode: layer.mode, rowsRead: layer.rowsRead, accepted: layer.accepted, rejected: layer.rejected } } });
      setState({ layerId: layer.id, status: 'saved', text: t(lang, 'revisionSaved', { id, day }) });
    } catch (error) {
      setState({ layerId: layer.id, status: 'error', text: error instanceof ApiError ? error.text(lang) : (error as Error).message });
    }
  };
  return (
    <div className="save-revision button-row" data-save-revision={mine?.status ?? 'ready'}>
      <label>
        {t(lang, 'revisionEffective')} <input type="date" value={day} onChange={(e) => setDay(e.target.value)} data-control="revision-day" />
      </label>
      <button type="button" onClick={() => void save()} disabled={mine?.status === 'saving' || mine?.status === 'saved' || !/^\d{4}-\d{2}-\d{2}$/.test(day)} data-action="save-revision">
        {t(lang, 'revisionSave')}
      </button>
      {mine && <p className={`note${mine.status === 'error' ? ' error' : ''}`}>{mine.text}</p>}
    </div>
  );
}
