/** UI text of the field apps (citizens' reports, inspectors' mock-inspection recording): merged into STRINGS. */
import type { Lang } from './strings';

export const FIELD_STRINGS = {
  fieldAppTitle: { zh: '创城随手拍', en: 'Civilized City field app' },
} as const satisfies Record<string, Record<Lang, string>>;
