import { DATA_SCOPES, type DataScope } from '@kefu/contracts';
import type { Actor } from './actor.js';

/**
 * A path prefix no department has (paths start with '/'). Not '' (a LIKE prefix that
 * matches everything) and not NUL (PostgreSQL refuses NUL in text).
 */
export const UNREACHABLE_PATH = 'none';

/**
 * The department subtree an actor reaches: null means the whole organisation.
 * A `self`-scoped actor reaches only their own unit; a user with no department and a
 * narrower-than-all scope reaches no unit at all.
 */
export function departmentReach(actor: Actor): string | null {
  if (actor.dataScope === 'all') return null;
  return actor.departmentPath ?? UNREACHABLE_PATH;
}

export function reachesDepartmentPath(actor: Actor, path: string | null): boolean {
  const reach = departmentReach(actor);
  if (reach === null) return true;
  if (path === null) return false;
  return actor.dataScope === 'department' ? path.startsWith(reach) : path === reach;
}

/** A user with several roles reaches as far as the widest of them. */
export function widestScope(scopes: readonly string[]): DataScope {
  let widest: DataScope = 'self';
  for (const scope of scopes) {
    const index = DATA_SCOPES.indexOf(scope as DataScope);
    if (index > DATA_SCOPES.indexOf(widest)) widest = scope as DataScope;
  }
  return widest;
}
