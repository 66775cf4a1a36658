import type { Actor } from './actor.js';

/**
 * The department subtree an actor reaches: null means the whole organisation.
 * A `self`-scoped actor reaches only their own unit; a user with no department and a
 * narrower-than-all scope reaches no unit at all ('' matches no path, since paths start with '/').
 */
export function departmentReach(actor: Actor): string | null {
  if (actor.dataScope === 'all') return null;
  return actor.departmentPath ?? '\u0000';
}

export function reachesDepartmentPath(actor: Actor, path: string | null): boolean {
  const reach = departmentReach(actor);
  if (reach === null) return true;
  if (path === null) return false;
  return actor.dataScope === 'department' ? path.startsWith(reach) : path === reach;
}
