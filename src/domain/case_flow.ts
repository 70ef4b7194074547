/**
 * The supervision case (督办) loop as data: states, roles, and the one table of legal transitions that the
 * server enforces and the browser reads to offer only the actions a user may take.
 *
 *   上报 reported ─立案 register─► registered ─派遣 dispatch─► dispatched ─处置 submit─► checking ─通过 pass─► closed ─销账 archive─► archived
 *        │                            ▲                        │   ▲  ▲ 延期 extend            │
 *        └─作废 void─► voided          └──────退回 return───────┘   │  └──────────不通过 fail────┘ (rework + 1)
 *
 * The ledger (台账) reads the same states: 建账 when registered, 对账 while the unit's report is checked against
 * the inspector's finding, 评账 at closing (on time? reworked?), 销账 once archived.
 */

export const CASE_STATES = ['reported', 'registered', 'voided', 'dispatched', 'checking', 'closed', 'archived'] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** states of a case that is still being worked on (duplicates are offered among these) */
export const OPEN_STATES: readonly CaseState[] = ['reported', 'registered', 'dispatched', 'checking'];

export const CASE_STATE_NAMES: Record<CaseState, { zh: string; en: string }> = {
  reported: { zh: '上报', en: 'reported' },
  registered: { zh: '已立案', en: 'registered' },
  voided: { zh: '已作废', en: 'voided' },
  dispatched: { zh: '处置中', en: 'being handled' },
  checking: { zh: '待核查', en: 'awaiting check' },
  closed: { zh: '已结案', en: 'closed' },
  archived: { zh: '已销账', en: 'archived' },
};

export const ROLES = ['admin', 'supervisor', 'dispatcher', 'handler', 'inspector', 'planner', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '系统管理员', en: 'administrator' },
  supervisor: { zh: '创城办督查', en: 'campaign office supervisor' },
  dispatcher: { zh: '派遣员', en: 'dispatcher' },
  handler: { zh: '责任单位处置员', en: 'unit handler' },
  inspector: { zh: '核查员', en: 'inspector' },
  planner: { zh: '规划员', en: 'planner' },
  viewer: { zh: '只读', en: 'viewer' },
};

export const CASE_ACTIONS = ['report', 'register', 'void', 'dispatch', 'return', 'submit', 'pass', 'fail', 'extend', 'archive'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** What an action must carry besides who does it. */
export type ActionInput = 'note' | 'unit' | 'deadline' | 'voidReason';

export interface Transition {
  action: CaseAction;
  /** null: the action creates the case */
  from: CaseState | null;
  to: CaseState;
  zh: string;
  en: string;
  roles: readonly Role[];
  /** only a member of the unit the case is dispatched to may take it (谁主管谁负责) */
  ownUnitOnly: boolean;
  needs: readonly ActionInput[];
}

const OFFICE: readonly Role[] = ['admin', 'supervisor', 'dispatcher'];
const CHECKERS: readonly Role[] = ['admin', 'supervisor', 'inspector'];

export const TRANSITIONS: readonly Transition[] = [
  { action: 'report', from: null, to: 'reported', zh: '上报', en: 'report', roles: ['admin', 'supervisor', 'dispatcher', 'handler', 'inspector'], ownUnitOnly: false, needs: [] },
  { action: 'register', from: 'reported', to: 'registered', zh: '立案', en: 'register', roles: OFFICE, ownUnitOnly: false, needs: [] },
  { action: 'void', from: 'reported', to: 'voided', zh: '作废', en: 'void', roles: OFFICE, ownUnitOnly: false, needs: ['voidReason'] },
  { action: 'dispatch', from: 'registered', to: 'dispatched', zh: '派遣', en: 'dispatch', roles: OFFICE, ownUnitOnly: false, needs: ['unit'] },
  { action: 'return', from: 'dispatched', to: 'registered', zh: '退回（非本单位职责）', en: 'send back (not our unit)', roles: ['handler'], ownUnitOnly: true, needs: ['note'] },
  { action: 'submit', from: 'dispatched', to: 'checking', zh: '处置完毕', en: 'report handled', roles: ['handler'], ownUnitOnly: true, needs: ['note'] },
  { action: 'pass', from: 'checking', to: 'closed', zh: '核查通过，结案', en: 'check passed, close', roles: CHECKERS, ownUnitOnly: false, needs: [] },
  { action: 'fail', from: 'checking', to: 'dispatched', zh: '核查不通过，返工', en: 'check failed, rework', roles: CHECKERS, ownUnitOnly: false, needs: ['note'] },
  { action: 'extend', from: 'dispatched', to: 'dispatched', zh: '批准延期', en: 'approve extension', roles: ['admin', 'supervisor'], ownUnitOnly: false, needs: ['deadline', 'note'] },
  { action: 'archive', from: 'closed', to: 'archived', zh: '销账', en: 'archive', roles: ['admin', 'supervisor'], ownUnitOnly: false, needs: [] },
];

export const VOID_REASONS = ['duplicate', 'invalid'] as const;
export type VoidReason = (typeof VOID_REASONS)[number];

/** The part of a case and an actor that decides whether an action is allowed. */
export interface CaseView { state: CaseState | null; unitId: string | null }
export interface Actor { role: Role; unitId: string | null }

export type Refusal = { status: 403 | 409; zh: string; en: string };

/** The transition for an action from a state, or a refusal in a sentence: 409 for the state, 403 for the actor. */
export function checkTransition(action: CaseAction, item: CaseView, actor: Actor): Transition | Refusal {
  const transition = TRANSITIONS.find((t) => t.action === action && t.from === item.state);
  if (!transition) {
    const from = item.state ? CASE_STATE_NAMES[item.state] : { zh: '（新）', en: '(new)' };
    const name = TRANSITIONS.find((t) => t.action === action) ?? { zh: action, en: action };
    return { status: 409, zh: `状态为“${from.zh}”的案件不能${name.zh}`, en: `a case that is ${from.en} cannot be given "${name.en}"` };
  }
  if (!transition.roles.includes(actor.role)) {
    return { status: 403, zh: `${ROLE_NAMES[actor.role].zh}不能${transition.zh}`, en: `a ${ROLE_NAMES[actor.role].en} may not ${transition.en}` };
  }
  if (transition.ownUnitOnly && (actor.unitId === null || actor.unitId !== item.unitId)) {
    return { status: 403, zh: `只有案件派遣到的单位才能${transition.zh}`, en: `only the unit the case is dispatched to may ${transition.en}` };
  }
  return transition;
}

export const isRefusal = (result: Transition | Refusal): result is Refusal => 'status' in result;

/** The actions an actor may take on a case now, for the buttons a page offers. */
export function actionsFor(item: CaseView, actor: Actor): Transition[] {
  return CASE_ACTIONS.map((a) => checkTransition(a, item, actor)).filter((r): r is Transition => !isRefusal(r));
}

export const LEDGER_STAGES = ['建账', '对账', '评账', '销账'] as const;
export type LedgerStage = (typeof LEDGER_STAGES)[number];

/** Where a case stands in the ledger loop (建账→对账→评账→销账); null before registering and once voided. */
export function ledgerStage(state: CaseState): LedgerStage | null {
  switch (state) {
    case 'registered':
    case 'dispatched':
      return '建账';
    case 'checking':
      return '对账';
    case 'closed':
      return '评账';
    case 'archived':
      return '销账';
    default:
      return null;
  }
}

/** Every legal path replays: each step's action is legal from the state before it. For audits and tests. */
export function replayStates(actions: readonly CaseAction[]): CaseState[] | { at: number; action: CaseAction } {
  const states: CaseState[] = [];
  let state: CaseState | null = null;
  for (const [at, action] of actions.entries()) {
    const t = TRANSITIONS.find((x) => x.action === action && x.from === state);
    if (!t) return { at, action };
    state = t.to;
    states.push(state);
  }
  return states;
}
