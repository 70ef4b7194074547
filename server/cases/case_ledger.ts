/**
 * The case ledger (案件台账) of a week as rows with Chinese headers: every case open at some moment of the week,
 * with its ledger stage (建账/对账/评账/销账), card and deadline. The same table goes to XLSX and CSV.
 */
import { CASE_STATE_NAMES, ledgerStage, type CaseState } from '../../src/domain/case_flow';
import { CARD_NAMES, type CardColour } from '../../src/domain/supervision_cards';
import type { ExportTable } from '../../src/io/csv_export';
import type { Queryable } from '../db/database';
import { weekRange } from './weekly_ranking';

interface LedgerRow { id: number; category: string; title: string; state: CaseState; gridCode: string | null; unit: string | null; createdAt: string; closedAt: string | null; colour: CardColour | null; deadline: string | null; reworkCount: number; lon: number; lat: number }

export async function weekLedger(db: Queryable, week: string): Promise<ExportTable> {
  const { start, end } = weekRange(week);
  const rows = (
    await db.query<LedgerRow>(
      `SELECT c.id, g.name_zh AS category, c.title, c.state, c.grid_code AS "gridCode", u.name AS unit,
              to_char(c.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS "createdAt",
              to_char(c.closed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS "closedAt",
              k.colour, to_char(k.deadline AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS deadline,
              c.rework_count AS "reworkCount", ST_X(c.geom) AS lon, ST_Y(c.geom) AS lat
         FROM cases c JOIN categories g ON g.id = c.category_id
         LEFT JOIN org_units u ON u.id = COALESCE(c.unit_id, c.grid_unit_id)
         LEFT JOIN LATERAL (SELECT colour, deadline FROM cards WHERE case_id = c.id ORDER BY id DESC LIMIT 1) k ON true
        WHERE c.created_at < to_timestamp($2 / 1000.0) AND (c.closed_at IS NULL OR c.closed_at >= to_timestamp($1 / 1000.0))
        ORDER BY c.id`,
      [start, end],
    )
  ).rows;
  return {
    name: `案件台账 ${week}`,
    headers: ['案件编号', '问题类别', '标题', '状态', '台账阶段', '网格编码', '责任单位', '上报时间', '督办卡', '办理期限', '返工次数', '结案时间', '经度（WGS-84）', '纬度（WGS-84）'],
    rows: rows.map((r) => [r.id, r.category, r.title, CASE_STATE_NAMES[r.state].zh, ledgerStage(r.state) ?? '', r.gridCode ?? '', r.unit ?? '', r.createdAt, r.colour ? CARD_NAMES[r.colour].zh : '', r.deadline ?? '', r.reworkCount, r.closedAt ?? '', r.lon, r.lat]),
    coordinateColumns: [12, 13],
  };
}

