import type { Executor } from '../../db/executor.js';

export const apiTokensRepository = {
  listForOwner(ex: Executor, ownerId: number) {
    return ex
      .selectFrom('api_token')
      .innerJoin('app_user', 'app_user.id', 'api_token.owner_id')
      .selectAll('api_token')
      .select('app_user.display_name as owner_name')
      .where('api_token.owner_id', '=', ownerId)
      .orderBy('api_token.id', 'desc')
      .execute();
  },

  async insert(
    ex: Executor,
    row: { owner_id: number; name: string; prefix: string; token_hash: string; permissions: string; created_at: number; expires_at: number | null },
  ): Promise<number> {
    const { id } = await ex.insertInto('api_token').values(row).returning('id').executeTakeFirstOrThrow();
    return id;
  },

  revokeOwned(ex: Executor, id: number, ownerId: number, now: number) {
    return ex
      .updateTable('api_token')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('owner_id', '=', ownerId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
  },
};
