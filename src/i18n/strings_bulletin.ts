/** UI text of the weekly bulletin, the unit flags and the campaign trends: merged into STRINGS. */
import type { Lang } from './strings';

export const BULLETIN_STRINGS = {
  bulletinTitle: { zh: '一周通报', en: 'Weekly bulletin' },
} as const satisfies Record<string, Record<Lang, string>>;
