import type { Executor } from '../../db/executor.js';

const ORGANIZATION_ROW = 1;

export const organizationRepository = {
  get(ex: Executor) {
    return ex.selectFrom('organization').selectAll().where('id', '=', ORGANIZATION_ROW).executeTakeFirst();
  },

  /**
   * Claims first-run setup. Returns false when another request got there first:
   * the primary key makes the claim atomic on both databases.
   */
  async claimSetup(ex: Executor, values: { name: string; time_zone: string; default_locale: string }, now: number) {
    const existing = await ex.selectFrom('organization').select('id').where('id', '=', ORGANIZATION_ROW).executeTakeFirst();
    if (existing) return false;
    const result = await ex
      .insertInto('organization')
      .values({ id: ORGANIZATION_ROW, ...values, setup_completed_at: now, updated_at: now })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  },

  update(ex: Executor, changes: { name?: string; time_zone?: string; default_locale?: string }, now: number) {
    return ex.updateTable('organization').set({ ...changes, updated_at: now }).where('id', '=', ORGANIZATION_ROW).execute();
  },
};
