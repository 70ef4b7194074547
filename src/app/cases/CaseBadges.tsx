/** A case's card, state and overdue mark as small chips, in the map's colours and shapes (case_look.ts). */
import type { ApiCase } from '../../campaign/api';
import { cardOf, caseOverdue } from '../../campaign/case_filters';
import { CARD_RGB, cssRgb, SHAPE_GLYPH, STATE_SHAPE } from '../../campaign/case_look';
import { t, type Lang } from '../../i18n/strings';
import { cardName, stateName } from './case_words';

export function CaseBadges({ lang, item, now }: { lang: Lang; item: ApiCase; now: number }) {
  const card = cardOf(item);
  return (
    <span className="case-badges">
      <span className="case-chip card" style={{ background: cssRgb(CARD_RGB[card]) }} data-card={card}>{card === 'none' ? t(lang, 'caseNoCard') : cardName(lang, card)}</span>
      <span className="case-chip state" data-state={item.state}>{SHAPE_GLYPH[STATE_SHAPE[item.state]]} {stateName(lang, item.state)}</span>
      {caseOverdue(item, now) && <span className="case-chip overdue" data-overdue="1">{t(lang, 'caseOverdue')}</span>}
    </span>
  );
}
