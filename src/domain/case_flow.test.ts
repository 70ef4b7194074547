import { describe, expect, it } from 'vitest';
import { actionsFor, CASE_ACTIONS, CASE_STATES, checkTransition, isRefusal, ledgerStage, replayStates, ROLES, TRANSITIONS, type CaseState } from './case_flow';
import { escalation, isOverdue, whiteCard, type CardPolicy } from './supervision_cards';

describe('the case transition table', () => {
  it('has one transition per (action, from) and every state reachable from a report', () => {
    const keys = TRANSITIONS.map((t) => `${t.action}:${t.from}`);
    expect(new Set(keys).size).toBe(keys.length);
    const reached = new Set<CaseState>();
    const visit = (s: CaseState) => {
      if (reached.has(s)) return;
      reached.add(s);
      for (const t of TRANSITIONS) if (t.from === s) visit(t.to);
    };
    visit('reported');
    expect([...reached].sort()).toEqual([...CASE_STATES].sort());
  });

  it('answers every role × action × state × own/other unit by the table, with 409 for the state and 403 for the actor', () => {
    let allowed = 0;
    for (const role of ROLES) {
      for (const action of CASE_ACTIONS) {
        for (const state of [null, ...CASE_STATES]) {
          for (const own of [true, false]) {
            const result = checkTransition(action, { state, unitId: 'u1' }, { role, unitId: own ? 'u1' : 'u2' });
            const row = TRANSITIONS.find((t) => t.action === action && t.from === state);
            const expected = !row ? 409 : !row.roles.includes(role) || (row.ownUnitOnly && !own) ? 403 : 'ok';
            expect({ role, action, state, own, got: isRefusal(result) ? result.status : 'ok' }).toEqual({ role, action, state, own, got: expected });
            if (isRefusal(result)) expect(result.zh.length * result.en.length).toBeGreaterThan(0);
            else allowed++;
          }
        }
      }
    }
    expect(allowed).toBeGreaterThan(10);
  });

  it('lets a handler act only on cases of its own unit, and a viewer on none', () => {
    expect(actionsFor({ state: 'dispatched', unitId: 'u1' }, { role: 'handler', unitId: 'u1' }).map((t) => t.action).sort()).toEqual(['return', 'submit']);
    expect(actionsFor({ state: 'dispatched', unitId: 'u1' }, { role: 'handler', unitId: 'u2' })).toEqual([]);
    for (const state of CASE_STATES) expect(actionsFor({ state, unitId: 'u1' }, { role: 'viewer', unitId: 'u1' })).toEqual([]);
  });

  it('replays legal paths, with rework and re-dispatch, and names the first illegal step', () => {
    expect(replayStates(['report', 'register', 'dispatch', 'return', 'dispatch', 'submit', 'fail', 'submit', 'pass', 'archive'])).toEqual(['reported', 'registered', 'dispatched', 'registered', 'dispatched', 'checking', 'dispatched', 'checking', 'closed', 'archived']);
    expect(replayStates(['report', 'dispatch'])).toEqual({ at: 1, action: 'dispatch' });
    expect(replayStates(['report', 'void', 'register'])).toEqual({ at: 2, action: 'register' });
  });

  it('maps states onto the ledger loop 建账 → 对账 → 评账 → 销账', () => {
    expect(CASE_STATES.map((s) => ledgerStage(s))).toEqual([null, '建账', null, '建账', '对账', '评账', '销账']);
  });
});

describe('supervision cards', () => {
  const policy: CardPolicy = { whiteHours: 72, yellowHours: 48, redHours: 24 };
  const t0 = Date.UTC(2026, 10, 23, 9);
  const hours = (h: number) => t0 + h * 3_600_000;

  it('turns white → yellow → red as deadlines lapse, each deadline running from the last lapse', () => {
    const white = whiteCard(policy, t0);
    expect(escalation(white, 'dispatched', policy, hours(71))).toBeNull();
    // the scheduler ran 5 hours late: the yellow deadline still runs from the white one
    const yellow = escalation(white, 'dispatched', policy, hours(77))!;
    expect(yellow).toEqual({ colour: 'yellow', issuedAt: hours(72), deadline: hours(120) });
    const red = escalation(yellow, 'registered', policy, hours(120))!;
    expect(red).toEqual({ colour: 'red', issuedAt: hours(120), deadline: hours(144) });
    expect(escalation(red, 'dispatched', policy, hours(500))).toBeNull();
    expect(isOverdue(red, 'dispatched', hours(144))).toBe(true);
  });

  it('does not escalate while the fix is being checked or once the case is closed', () => {
    const white = whiteCard(policy, t0);
    for (const state of ['checking', 'closed', 'archived', 'voided'] as const) {
      expect(escalation(white, state, policy, hours(1000))).toBeNull();
      expect(isOverdue(white, state, hours(1000))).toBe(false);
    }
  });
});
