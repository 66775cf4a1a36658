import type { DataScope, Locale, Permission } from '@kefu/contracts';

/** Who is making a request, resolved once per request by the auth plugin. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  locale: Locale;
  departmentId: number | null;
  /** Materialised path of the user's department (`/1/4/`), for subtree scoping. */
  departmentPath: string | null;
  permissions: ReadonlySet<Permission>;
  dataScope: DataScope;
  via: { kind: 'session'; sessionId: number; csrfToken: string } | { kind: 'api_token'; tokenId: number };
}

/** Where a request came from; recorded on audit entries. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}
