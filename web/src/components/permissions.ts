import { PERMISSIONS, type Permission } from '@kefu/contracts';

/** The part of a permission code before the dot: `users.read` → `users`. */
export type PermissionDomain = Permission extends `${infer Domain}.${string}` ? Domain : never;

export interface PermissionGroup {
  domain: PermissionDomain;
  permissions: Permission[];
}

export function permissionDomain(permission: Permission): PermissionDomain {
  return permission.slice(0, permission.indexOf('.')) as PermissionDomain;
}

/** Groups permissions by domain, in catalogue order. */
export function groupPermissions(permissions: readonly Permission[] = PERMISSIONS): PermissionGroup[] {
  const wanted = new Set(permissions);
  const groups = new Map<PermissionDomain, Permission[]>();
  for (const permission of PERMISSIONS) {
    if (!wanted.has(permission)) continue;
    const domain = permissionDomain(permission);
    groups.set(domain, [...(groups.get(domain) ?? []), permission]);
  }
  return [...groups].map(([domain, members]) => ({ domain, permissions: members }));
}
