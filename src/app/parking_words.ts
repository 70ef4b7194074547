/** "Compounds without parking" in words nobody misreads: "3 个小区中 1 个无停车", "0 个小区，全部有停车". */
import { t, type Lang } from '../i18n/strings';

export function parkingWords(lang: Lang, unserved: number, compounds: number): string {
  if (compounds === 0) return t(lang, 'parkingNoCompounds');
  if (unserved === 0) return t(lang, 'parkingAllServed', { n: compounds });
  return t(lang, 'parkingSomeUnserved', { n: compounds, k: unserved });
}
