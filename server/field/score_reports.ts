/**
 * The score report of a draw, the way the assessors' software gives it the same day: places recorded of places
 * drawn, items passed / failed / not applicable, the score overall, per score group (cleanliness, parking, …) and
 * per district, and the scores of the area's earlier draws for comparison. Every score is the data file's rule
 * (tallyScore): 100 × passed weight / applicable weight, pooled over the items counted.
 */
import { addResult, emptyTally, GROUP_NAMES, SCORE_GROUPS, tallyScore, type ItemResult, type ScoreGroup, type Tally } from '../../src/domain/field_checklists';
import type { Queryable } from '../db/database';
import { HttpError } from '../http_error';
import { getDraw } from './inspection_draws';

export interface ScoreLine extends Tally { key: string; name: { zh: string; en: string }; score: number | null }

export interface ScoreReport {
  draw: { id: number; cityId: string; day: string; areaUnitId: string };
  places: { drawn: number; recorded: number };
  total: ScoreLine;
  byGroup: ScoreLine[];
  byDistrict: ScoreLine[];
  casesOpened: number;
  earlier: { drawId: number; day: string; score: number | null; recorded: number }[];
}

interface ResultRow { drawId: number; placeKey: string; group: ScoreGroup; weight: number; result: ItemResult; caseId: number | null }

async function resultsOf(db: Queryable, drawIds: number[]): Promise<ResultRow[]> {
  return (
    await db.query<ResultRow>(
      `SELECT r.draw_id AS "drawId", r.place_key AS "placeKey", x.score_group AS "group", x.weight, x.result, x.case_id AS "caseId"
         FROM inspection_records r JOIN inspection_results x ON x.record_id = r.id WHERE r.draw_id = ANY($1::int[])`,
      [drawIds],
    )
  ).rows;
}

const line = (key: string, name: { zh: string; en: string }, tally: Tally): ScoreLine => ({ key, name, ...tally, score: tallyScore(tally) });

export async function scoreReport(db: Queryable, drawId: number): Promise<ScoreReport> {
  const draw = await getDraw(db, drawId);
  if (!draw) throw new HttpError(404, `没有抽查批次 #${drawId}`, `there is no draw #${drawId}`);
  const rows = await resultsOf(db, [draw.id]);
  const district = new Map(draw.places.map((p) => [p.key, p.district ?? '']));
  const total = emptyTally();
  const groups = new Map<ScoreGroup, Tally>();
  const districts = new Map<string, Tally>();
  for (const r of rows) {
    addResult(total, r.weight, r.result);
    addResult(groups.get(r.group) ?? groups.set(r.group, emptyTally()).get(r.group)!, r.weight, r.result);
    const d = district.get(r.placeKey) ?? '';
    addResult(districts.get(d) ?? districts.set(d, emptyTally()).get(d)!, r.weight, r.result);
  }
  const earlierDraws = (
    await db.query<{ id: number; day: string }>(`SELECT id, to_char(day, 'YYYY-MM-DD') AS day FROM inspection_draws WHERE city_id = $1 AND area_unit_id = $2 AND day < $3::date ORDER BY day DESC LIMIT 10`, [draw.cityId, draw.areaUnitId, draw.day])
  ).rows;
  const earlierRows = await resultsOf(db, earlierDraws.map((d) => d.id));
  return {
    draw: { id: draw.id, cityId: draw.cityId, day: draw.day, areaUnitId: draw.areaUnitId },
    places: { drawn: draw.places.length, recorded: new Set(rows.map((r) => r.placeKey)).size },
    total: line('total', { zh: '总分', en: 'Total' }, total),
    byGroup: SCORE_GROUPS.filter((g) => groups.has(g)).map((g) => line(g, GROUP_NAMES[g], groups.get(g)!)),
    byDistrict: [...districts].sort(([a], [b]) => a.localeCompare(b, 'zh')).map(([d, t]) => line(d, d ? { zh: d, en: d } : { zh: '网格外', en: 'outside the grids' }, t)),
    casesOpened: rows.filter((r) => r.caseId !== null).length,
    earlier: earlierDraws.map((d) => {
      const own = earlierRows.filter((r) => r.drawId === d.id);
      const tally = emptyTally();
      for (const r of own) addResult(tally, r.weight, r.result);
      return { drawId: d.id, day: d.day, score: tallyScore(tally), recorded: new Set(own.map((r) => r.placeKey)).size };
    }),
  };
}
