/** Names the grid builder derived end in "（派生）" in the data; the UI says it in the reader's language. */
import { t, type Lang } from '../i18n/strings';

const DERIVED_SUFFIX = /（派生）$/;

export function areaName(lang: Lang, name: string, derived = false): string {
  const bare = name.replace(DERIVED_SUFFIX, '');
  return derived || bare !== name ? `${bare}${t(lang, 'derivedLevel')}` : name;
}
