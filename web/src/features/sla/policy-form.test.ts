import { describe, expect, it } from 'vitest';
import type { SlaPolicy } from '@kefu/contracts';
import { formTargets, formToPolicyInput, moveId, newPolicyForm, policyToForm } from './policy-form';

const policy: SlaPolicy = {
  id: 7,
  position: 0,
  updatedAt: 0,
  name: '宽带故障（城区）',
  active: true,
  conditions: { types: ['fault'], categoryIds: [12], channels: [], tiers: [], priorities: [] },
  calendarId: null,
  targets: { firstResponse: null, resolution: { maxMinutes: 2160, averageMinutes: 1440, basis: 'calendar' }, callback: null },
  warnAtPercent: 75,
  notifyOutsideHours: true,
  escalationMinutes: { team_leader: 60, department_head: 120, center_director: 240 },
};

describe('policy form ↔ API body', () => {
  it('round-trips a saved policy', () => {
    const { id: _id, position: _position, updatedAt: _updatedAt, ...input } = policy;
    expect(formToPolicyInput(policyToForm(policy))).toEqual(input);
  });

  it('sends switched-off and unfinished targets as null', () => {
    expect(
      formTargets({
        firstResponse: { enabled: false, maxMinutes: 60 },
        resolution: { enabled: true, maxMinutes: null },
        callback: { enabled: true, maxMinutes: 1440, averageMinutes: null },
      }),
    ).toEqual({ firstResponse: null, resolution: null, callback: { maxMinutes: 1440, averageMinutes: null, basis: 'business' } });
  });

  it('starts new policies with the telecom repair targets (average 24 h, at most 48 h)', () => {
    expect(formToPolicyInput({ ...newPolicyForm(), name: ' x ' }).targets.resolution).toEqual({ maxMinutes: 2880, averageMinutes: 1440, basis: 'business' });
  });
});

describe('moveId', () => {
  it('moves one place and ignores moves past either end', () => {
    expect(moveId([1, 2, 3], 1, -1)).toEqual([2, 1, 3]);
    expect(moveId([1, 2, 3], 1, 1)).toEqual([1, 3, 2]);
    expect(moveId([1, 2, 3], 0, -1)).toEqual([1, 2, 3]);
    expect(moveId([1, 2, 3], 2, 1)).toEqual([1, 2, 3]);
  });
});
