/** The accounts of the browser tests' campaign database (seed_campaign.ts): one per role, one known password. */
import { ROLES, type Role } from '../../src/domain/case_flow';

export const E2E_CITY = 'demo';
export const E2E_PASSWORD = 'e2e correct horse battery';

export interface E2eAccount { username: string; displayName: string; role: Role; unitId: string | null }

export function e2eAccounts(handlerUnitId: string): E2eAccount[] {
  return ROLES.map((role) => ({ username: `e2e-${role}`, displayName: `测试${role}`, role, unitId: role === 'handler' ? handlerUnitId : null }));
}
