import type { Kysely } from 'kysely';
import {
  isPermission,
  type ChangePasswordRequest,
  type CurrentUser,
  type Locale,
  type LoginRequest,
  type Permission,
  type SessionInfo,
  type SessionSummary,
  type UpdateProfileRequest,
} from '@kefu/contracts';
import type { SecurityPolicy } from '../../config.js';
import type { Executor } from '../../db/executor.js';
import type { Database, UserRow } from '../../db/schema.js';
import type { Actor, RequestOrigin } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, notFound, unauthenticated, unprocessable } from '../../platform/errors.js';
import { negotiateLocale, type Translator } from '../../platform/i18n.js';
import { decoyPasswordHash, hashPassword, verifyPassword } from '../../platform/passwords.js';
import { randomSecret, sha256Hex } from '../../platform/secrets.js';
import { widestScope } from '../../platform/scope.js';
import type { Authenticator } from '../../platform/http/access.js';
import { performedBy, type AuditService } from '../audit/audit.service.js';
import { organizationRepository } from '../settings/organization.repository.js';
import { apiTokenLookupRepository, identityRepository, sessionRepository } from './identity.repository.js';

/** last_seen_at is written at most this often, so reads do not turn into writes. */
const SESSION_TOUCH_INTERVAL_MS = 60_000;

export interface LoginResult {
  token: string;
  maxAgeMs: number;
  info: SessionInfo;
}

export interface AuthService extends Authenticator {
  login(input: LoginRequest, origin: RequestOrigin, previousToken: string | undefined): Promise<LoginResult>;
  /** Starts a session for a user who just proved who they are some other way (first-run setup). */
  startSession(ex: Executor, userId: number, origin: RequestOrigin): Promise<{ token: string; maxAgeMs: number }>;
  logout(actor: Actor, origin: RequestOrigin): Promise<void>;
  sessionInfo(actor: Actor): Promise<SessionInfo>;
  listSessions(actor: Actor): Promise<SessionSummary[]>;
  revokeSession(actor: Actor, publicId: string, origin: RequestOrigin): Promise<void>;
  changePassword(actor: Actor, input: ChangePasswordRequest, origin: RequestOrigin): Promise<void>;
  updateProfile(actor: Actor, input: UpdateProfileRequest): Promise<SessionInfo>;
}

export function createAuthService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  audit: AuditService;
  i18n: Translator;
  policy: SecurityPolicy;
}): AuthService {
  const { db, clock, audit, i18n, policy } = deps;

  async function loadActor(ex: Executor, user: UserRow, via: Actor['via']): Promise<Actor> {
    const [roles, permissionCodes, department] = await Promise.all([
      identityRepository.rolesOfUser(ex, user.id),
      identityRepository.permissionsOfUser(ex, user.id),
      user.department_id ? identityRepository.departmentOf(ex, user.department_id) : undefined,
    ]);
    return {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      locale: negotiateLocale(undefined, user.locale),
      departmentId: user.department_id,
      departmentPath: department?.path ?? null,
      permissions: new Set(permissionCodes.filter(isPermission)),
      dataScope: widestScope(roles.map((role) => role.data_scope)),
      via,
    };
  }

  async function currentUser(ex: Executor, actor: Actor): Promise<CurrentUser> {
    const user = await identityRepository.findUserById(ex, actor.userId);
    if (!user) throw unauthenticated();
    const [roles, department] = await Promise.all([
      identityRepository.rolesOfUser(ex, user.id),
      user.department_id ? identityRepository.departmentOf(ex, user.department_id) : undefined,
    ]);
    const locale = negotiateLocale(undefined, user.locale);
    return {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      locale,
      departmentId: user.department_id,
      departmentName: department?.name ?? null,
      roles: roles.map((role) => ({ id: role.id, code: role.code, name: roleName(role, locale) })),
      permissions: [...actor.permissions].sort(),
      dataScope: actor.dataScope,
    };
  }

  function roleName(role: { code: string; name: string; builtin: number }, locale: Locale): string {
    return role.builtin ? i18n.t(locale, `roles.${role.code}.name`) : role.name;
  }

  async function sessionInfo(actor: Actor): Promise<SessionInfo> {
    if (actor.via.kind !== 'session') throw unauthenticated();
    const [user, organization] = await Promise.all([currentUser(db, actor), organizationRepository.get(db)]);
    return { user, csrfToken: actor.via.csrfToken, organizationName: organization?.name ?? '' };
  }

  async function startSession(ex: Executor, userId: number, origin: RequestOrigin) {
    const now = clock.now();
    const token = randomSecret(32);
    await sessionRepository.insert(ex, {
      public_id: randomSecret(12),
      token_hash: sha256Hex(token),
      user_id: userId,
      csrf_token: randomSecret(24),
      created_at: now,
      last_seen_at: now,
      expires_at: now + policy.sessionMaxMs,
      ip: origin.ip,
      user_agent: origin.userAgent,
    });
    return { token, maxAgeMs: policy.sessionMaxMs };
  }

  async function failLogin(user: UserRow, origin: RequestOrigin, reason: string): Promise<AppError> {
    const now = clock.now();
    const lockedUntil = now + policy.lockoutMs;
    const locked = await db.transaction().execute(async (trx) => {
      const attempt = await identityRepository.incrementFailedLogins(trx, user.id);
      const locks = attempt >= policy.lockoutThreshold;
      if (locks) await identityRepository.lock(trx, user.id, lockedUntil, now);
      const actor = { id: user.id, name: user.username };
      await audit.record(trx, { action: 'auth.login_failed', outcome: 'failure', actor, ip: origin.ip, details: { reason, attempt } });
      if (locks) {
        await audit.record(trx, {
          action: 'auth.login_locked',
          outcome: 'failure',
          actor,
          target: { type: 'user', id: user.id },
          ip: origin.ip,
          details: { until: lockedUntil },
        });
      }
      return locks;
    });
    return locked ? lockedError(policy.lockoutMs) : new AppError('auth.invalid_credentials', 401);
  }

  return {
    async login(input, origin, previousToken) {
      const now = clock.now();
      const username = input.username.trim().toLowerCase();
      const user = await identityRepository.findUserByUsername(db, username);
      if (!user) {
        await verifyPassword(await decoyPasswordHash(), input.password);
        await audit.recordAlone({
          action: 'auth.login_failed',
          outcome: 'failure',
          ip: origin.ip,
          details: { username: username.slice(0, 64), reason: 'unknown_user' },
        });
        throw new AppError('auth.invalid_credentials', 401);
      }
      if (user.locked_until !== null && user.locked_until > now) {
        await audit.recordAlone({
          action: 'auth.login_failed',
          outcome: 'failure',
          actor: { id: user.id, name: user.username },
          ip: origin.ip,
          details: { reason: 'locked' },
        });
        throw lockedError(user.locked_until - now);
      }
      if (!(await verifyPassword(user.password_hash, input.password))) {
        throw await failLogin(user, origin, 'wrong_password');
      }
      if (user.status !== 'active') {
        await audit.recordAlone({
          action: 'auth.login_failed',
          outcome: 'failure',
          actor: { id: user.id, name: user.username },
          ip: origin.ip,
          details: { reason: 'disabled' },
        });
        throw new AppError('auth.account_disabled', 403);
      }

      const session = await db.transaction().execute(async (trx) => {
        // A fresh session id at every login; a session the browser still carried ends here
        // (no session fixation).
        if (previousToken) {
          const previous = await sessionRepository.findLiveByTokenHash(trx, sha256Hex(previousToken));
          if (previous) await sessionRepository.revoke(trx, previous.id, now);
        }
        await identityRepository.recordSuccessfulLogin(trx, user.id, now);
        const started = await startSession(trx, user.id, origin);
        await audit.record(trx, { action: 'auth.login_succeeded', outcome: 'success', actor: { id: user.id, name: user.username }, ip: origin.ip });
        return started;
      });
      const actor = await this.bySessionToken(session.token, origin);
      if (!actor) throw unauthenticated();
      return { ...session, info: await sessionInfo(actor) };
    },

    startSession,

    async bySessionToken(token, _origin) {
      const now = clock.now();
      const session = await sessionRepository.findLiveByTokenHash(db, sha256Hex(token));
      if (!session || session.expires_at <= now || session.last_seen_at + policy.sessionIdleMs <= now) return null;
      const user = await identityRepository.findUserById(db, session.user_id);
      if (!user || user.status !== 'active') return null;
      if (now - session.last_seen_at >= SESSION_TOUCH_INTERVAL_MS) await sessionRepository.touch(db, session.id, now);
      return loadActor(db, user, { kind: 'session', sessionId: session.id, csrfToken: session.csrf_token });
    },

    async byApiToken(token) {
      const now = clock.now();
      const row = await apiTokenLookupRepository.findLiveByHash(db, sha256Hex(token));
      if (!row || (row.expires_at !== null && row.expires_at <= now)) return null;
      const owner = await identityRepository.findUserById(db, row.owner_id);
      if (!owner || owner.status !== 'active') return null;
      const actor = await loadActor(db, owner, { kind: 'api_token', tokenId: row.id });
      // A token never reaches further than its owner does today.
      const granted = new Set(JSON.parse(row.permissions) as string[]);
      const permissions = new Set<Permission>([...actor.permissions].filter((permission) => granted.has(permission)));
      if (row.last_used_at === null || now - row.last_used_at >= SESSION_TOUCH_INTERVAL_MS) await apiTokenLookupRepository.touch(db, row.id, now);
      return { ...actor, permissions };
    },

    async logout(actor, origin) {
      if (actor.via.kind !== 'session') return;
      const sessionId = actor.via.sessionId;
      await db.transaction().execute(async (trx) => {
        await sessionRepository.revoke(trx, sessionId, clock.now());
        await audit.record(trx, { action: 'auth.logout', outcome: 'success', ...performedBy(actor, origin) });
      });
    },

    sessionInfo,

    async listSessions(actor) {
      const rows = await sessionRepository.listLiveForUser(db, actor.userId, clock.now());
      const currentId = actor.via.kind === 'session' ? actor.via.sessionId : undefined;
      return rows
        .filter((row) => row.last_seen_at + policy.sessionIdleMs > clock.now())
        .map((row) => ({
          id: row.public_id,
          current: row.id === currentId,
          createdAt: row.created_at,
          lastSeenAt: row.last_seen_at,
          expiresAt: Math.min(row.expires_at, row.last_seen_at + policy.sessionIdleMs),
          ip: row.ip,
          userAgent: row.user_agent,
        }));
    },

    async revokeSession(actor, publicId, origin) {
      await db.transaction().execute(async (trx) => {
        const result = await sessionRepository.revokeByPublicId(trx, actor.userId, publicId, clock.now());
        if (Number(result.numUpdatedRows) === 0) throw notFound();
        await audit.record(trx, {
          action: 'auth.session_revoked',
          outcome: 'success',
          ...performedBy(actor, origin),
          target: { type: 'session', id: publicId },
        });
      });
    },

    async changePassword(actor, input, origin) {
      const user = await identityRepository.findUserById(db, actor.userId);
      if (!user) throw unauthenticated();
      if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
        await audit.recordAlone({
          action: 'auth.password_changed',
          outcome: 'failure',
          ...performedBy(actor, origin),
          details: { reason: 'wrong_current_password' },
        });
        throw unprocessable('auth.wrong_current_password');
      }
      if (input.currentPassword === input.newPassword) throw unprocessable('auth.password_reused');
      const passwordHash = await hashPassword(input.newPassword);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await identityRepository.updatePassword(trx, actor.userId, passwordHash, now);
        // Whoever else held this account's sessions loses them with the old password.
        await sessionRepository.revokeAllForUser(trx, actor.userId, now, actor.via.kind === 'session' ? actor.via.sessionId : undefined);
        await audit.record(trx, { action: 'auth.password_changed', outcome: 'success', ...performedBy(actor, origin) });
      });
    },

    async updateProfile(actor, input) {
      await identityRepository.updateProfile(
        db,
        actor.userId,
        { ...(input.locale ? { locale: input.locale } : {}), ...(input.displayName ? { display_name: input.displayName } : {}) },
        clock.now(),
      );
      return sessionInfo({ ...actor, locale: input.locale ?? actor.locale });
    },
  };
}

function lockedError(remainingMs: number): AppError {
  return new AppError('auth.account_locked', 423, { minutes: Math.max(1, Math.ceil(remainingMs / 60_000)) });
}

