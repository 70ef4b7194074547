/** UI text of the supervision views (cases, cards, sign-in, drawer, phone list): merged into STRINGS. */
import type { Lang } from './strings';

export const CASE_STRINGS = {
  signIn: { zh: '登录', en: 'Sign in' },
  signOut: { zh: '退出', en: 'Sign out' },
} as const satisfies Record<string, Record<Lang, string>>;
