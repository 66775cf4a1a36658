import type { DepartmentKind } from '@kefu/contracts';

export const KIND_COLORS: Record<DepartmentKind, string> = { center: 'purple', department: 'blue', team: 'green' };

/** What a new unit under `parentKind` most likely is: centres hold departments, departments hold teams. */
export function defaultChildKind(parentKind: DepartmentKind | undefined): DepartmentKind {
  if (parentKind === undefined) return 'center';
  return parentKind === 'center' ? 'department' : 'team';
}
