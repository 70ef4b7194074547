import { describe, expect, it } from 'vitest';
import type { CaseState, Role } from '../domain/case_flow';
import { offeredActions } from './offered_actions';

const UNIT = 'community:990101001001';
const OTHER = 'community:990101001002';

/**
 * The buttons each person sees, written out by hand from the campaign's rules (who registers, who handles, who
 * checks), not from the transition table the code reads.
 */
const EXPECTED: [Role, string | null, CaseState, string | null, string[]][] = [
  ['dispatcher', null, 'reported', null, ['register', 'void']],
  ['dispatcher', null, 'registered', null, ['dispatch']],
  ['dispatcher', null, 'dispatched', UNIT, []],
  ['dispatcher', null, 'checking', UNIT, []],
  ['handler', UNIT, 'dispatched', UNIT, ['return', 'submit']],
  ['handler', UNIT, 'dispatched', OTHER, []],
  ['handler', UNIT, 'checking', UNIT, []],
  ['inspector', null, 'checking', UNIT, ['pass', 'fail']],
  ['inspector', null, 'dispatched', UNIT, []],
  ['supervisor', null, 'dispatched', UNIT, ['extend']],
  ['supervisor', null, 'closed', UNIT, ['archive']],
  ['viewer', null, 'reported', null, []],
  ['viewer', null, 'checking', UNIT, []],
  ['planner', null, 'registered', null, []],
];

describe('the steps a user is offered', () => {
  it.each(EXPECTED)('a %s (unit %s) on a %s case of unit %s sees %j', (role, unitId, state, caseUnit, actions) => {
    expect(offeredActions({ state, unitId: caseUnit }, { role, unitId }).map((t) => t.action)).toEqual(actions);
  });

  it('are none when nobody is signed in', () => {
    expect(offeredActions({ state: 'reported', unitId: null }, null)).toEqual([]);
  });
});
