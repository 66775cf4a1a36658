import { SLA_TARGET_KINDS, type PolicyInput, type SlaPolicy, type SlaTargetKind, type TimeBasis } from '@kefu/contracts';

/** A target row of the editor: switched off targets keep what was typed until saved. */
export interface TargetRow {
  enabled: boolean;
  maxMinutes: number | null;
  averageMinutes: number | null;
  basis: TimeBasis;
}

export interface PolicyFormValues extends Omit<PolicyInput, 'targets'> {
  targets: Record<SlaTargetKind, TargetRow>;
}

const OFF: TargetRow = { enabled: false, maxMinutes: null, averageMinutes: null, basis: 'business' };

export function newPolicyForm(): PolicyFormValues {
  return {
    name: '',
    active: true,
    conditions: { types: [], categoryIds: [], channels: [], tiers: [], priorities: [] },
    calendarId: null,
    targets: {
      firstResponse: { ...OFF, enabled: true, maxMinutes: 24 * 60 },
      resolution: { ...OFF, enabled: true, maxMinutes: 48 * 60, averageMinutes: 24 * 60 },
      callback: { ...OFF },
    },
    warnAtPercent: 75,
    notifyOutsideHours: false,
    escalationMinutes: { team_leader: 120, department_head: 240, center_director: 480 },
  };
}

export function policyToForm(policy: SlaPolicy): PolicyFormValues {
  const { id: _id, position: _position, updatedAt: _updatedAt, targets, ...rest } = policy;
  return {
    ...rest,
    conditions: { ...rest.conditions },
    escalationMinutes: { ...rest.escalationMinutes },
    targets: Object.fromEntries(
      SLA_TARGET_KINDS.map((kind) => {
        const target = targets[kind];
        return [kind, target ? { enabled: true, maxMinutes: target.maxMinutes, averageMinutes: target.averageMinutes, basis: target.basis } : { ...OFF }];
      }),
    ) as Record<SlaTargetKind, TargetRow>,
  };
}

type TargetsBody = NonNullable<PolicyInput['targets']>;

/** Switched-off or unfinished targets are sent as null (no target of that kind). */
export function formTargets(targets: Partial<Record<SlaTargetKind, Partial<TargetRow>>> | undefined): TargetsBody {
  const result: TargetsBody = { firstResponse: null, resolution: null, callback: null };
  for (const kind of SLA_TARGET_KINDS) {
    const row = targets?.[kind];
    if (!row?.enabled || !row.maxMinutes) continue;
    result[kind] = { maxMinutes: row.maxMinutes, averageMinutes: row.averageMinutes || null, basis: row.basis ?? 'business' };
  }
  return result;
}

export function formToPolicyInput(values: PolicyFormValues): PolicyInput {
  return { ...values, name: values.name.trim(), targets: formTargets(values.targets) };
}

/** Moves the policy at `from` one place up (-1) or down (+1); the ids in their new order. */
export function moveId(ids: readonly number[], from: number, step: -1 | 1): number[] {
  const to = from + step;
  if (from < 0 || from >= ids.length || to < 0 || to >= ids.length) return [...ids];
  const next = [...ids];
  const [moved] = next.splice(from, 1);
  if (moved !== undefined) next.splice(to, 0, moved);
  return next;
}
