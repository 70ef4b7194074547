/** The steps a page offers a signed-in user on a case: the shared transition table's answer, none when signed out. */
import { actionsFor, type Role, type Transition } from '../domain/case_flow';
import type { ApiCase } from './api';

export function offeredActions(item: Pick<ApiCase, 'state' | 'unitId'>, user: { role: Role; unitId: string | null } | null): Transition[] {
  return user ? actionsFor({ state: item.state, unitId: item.unitId }, user) : [];
}
