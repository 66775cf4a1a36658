import type { Executor } from '../../db/executor.js';
import type { Actor } from '../../platform/actor.js';

export const liveEventsRepository = {
  async departmentPaths(ex: Executor, ids: readonly number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await ex.selectFrom('department').select(['id', 'path']).where('id', 'in', ids).execute();
    return new Map(rows.map((row) => [row.id, row.path]));
  },

  /** Whether the session or API token a stream was opened with still stands and its user is active. */
  async credentialLive(ex: Executor, actor: Actor, now: number): Promise<boolean> {
    const credential =
      actor.via.kind === 'session'
        ? await ex
            .selectFrom('session')
            .select(['user_id as userId', 'expires_at as expiresAt'])
            .where('id', '=', actor.via.sessionId)
            .where('revoked_at', 'is', null)
            .executeTakeFirst()
        : await ex
            .selectFrom('api_token')
            .select(['owner_id as userId', 'expires_at as expiresAt'])
            .where('id', '=', actor.via.tokenId)
            .where('revoked_at', 'is', null)
            .executeTakeFirst();
    if (!credential || (credential.expiresAt !== null && credential.expiresAt <= now)) return false;
    const user = await ex.selectFrom('app_user').select('status').where('id', '=', credential.userId).executeTakeFirst();
    return user?.status === 'active';
  },
};
