/** What every page of the field app reads: the language, the city, and the outbox as it stands. */
import { createContext, useContext } from 'react';
import type { CityManifest } from '../domain/city_bundle';
import { t, type Lang, type StringKey } from '../i18n/strings';
import type { Receipt, Submission } from './outbox';

export interface FieldContext {
  lang: Lang;
  city: CityManifest;
  pending: Submission[];
  sent: Receipt[];
  online: boolean;
}

export const FieldContextValue = createContext<FieldContext | null>(null);

export function useField(): FieldContext & { tr: (key: StringKey, vars?: Record<string, string | number>) => string } {
  const value = useContext(FieldContextValue);
  if (!value) throw new Error('useField outside the field app');
  return { ...value, tr: (key, vars) => t(value.lang, key, vars) };
}

/** the server's sentence in the user's language (ApiError, or a kept refusal) */
export const sentence = (lang: Lang, reason: unknown): string => {
  const r = reason as { zh?: string; en?: string; message?: string };
  return (lang === 'zh' ? r.zh : r.en) ?? r.message ?? String(reason);
};

/** to another page of the field app (the hash names it) */
export function goTo(hash: string): void {
  window.location.hash = hash;
}
