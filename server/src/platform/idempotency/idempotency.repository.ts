import type { Executor } from '../../db/executor.js';

export const idempotencyRepository = {
  find(ex: Executor, principal: string, key: string) {
    return ex.selectFrom('idempotency_key').selectAll().where('principal', '=', principal).where('key', '=', key).executeTakeFirst();
  },

  /** Claims the key; false when a request with the same key got there first. */
  async claim(ex: Executor, row: { principal: string; key: string; route: string; request_hash: string; created_at: number }): Promise<boolean> {
    const result = await ex
      .insertInto('idempotency_key')
      .values({ ...row, status_code: null, response_body: null })
      .onConflict((oc) => oc.columns(['principal', 'key']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  },

  complete(ex: Executor, principal: string, key: string, statusCode: number, body: string) {
    return ex
      .updateTable('idempotency_key')
      .set({ status_code: statusCode, response_body: body })
      .where('principal', '=', principal)
      .where('key', '=', key)
      .execute();
  },

  release(ex: Executor, principal: string, key: string) {
    return ex.deleteFrom('idempotency_key').where('principal', '=', principal).where('key', '=', key).execute();
  },

  deleteOlderThan(ex: Executor, cutoff: number) {
    return ex.deleteFrom('idempotency_key').where('created_at', '<', cutoff).execute();
  },
};
