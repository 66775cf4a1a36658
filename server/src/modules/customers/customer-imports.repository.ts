import type { Executor } from '../../db/executor.js';

export const customerImportsRepository = {
  async insert(
    ex: Executor,
    row: { created_by: number; file_name: string; status: string; total_rows: number; error_count: number; errors: string; rows: string; created_at: number },
  ): Promise<number> {
    const { id } = await ex
      .insertInto('customer_import')
      .values({ ...row, processed: 0, finished_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  findById(ex: Executor, id: number) {
    return ex.selectFrom('customer_import').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Moves a validated import to committing; false if it was not (still) validated — a second commit. */
  async claimForCommit(ex: Executor, id: number): Promise<boolean> {
    const result = await ex.updateTable('customer_import').set({ status: 'committing' }).where('id', '=', id).where('status', '=', 'validated').executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  setProcessed(ex: Executor, id: number, processed: number) {
    return ex.updateTable('customer_import').set({ processed }).where('id', '=', id).execute();
  },

  finish(ex: Executor, id: number, status: 'committed' | 'failed', now: number) {
    // The staged rows are in the customer table now (or gone); the copy is no longer needed.
    return ex.updateTable('customer_import').set({ status, finished_at: now, rows: '[]' }).where('id', '=', id).execute();
  },

  interrupted(ex: Executor) {
    return ex.selectFrom('customer_import').select('id').where('status', '=', 'committing').execute();
  },

  /** Makes every staged row of the import visible in one statement: all or nothing. */
  activateStaged(ex: Executor, importId: number, now: number) {
    return ex
      .updateTable('customer')
      .set({ status: 'active', import_id: null, updated_at: now })
      .where('import_id', '=', importId)
      .where('status', '=', 'importing')
      .executeTakeFirst();
  },

  stagedIds(ex: Executor, importId: number) {
    return ex.selectFrom('customer').select('id').where('import_id', '=', importId).where('status', '=', 'importing').execute();
  },

  async deleteStaged(ex: Executor, customerIds: number[]) {
    if (customerIds.length === 0) return;
    await ex.deleteFrom('customer_event').where('customer_id', 'in', customerIds).execute();
    await ex.deleteFrom('customer_phone').where('customer_id', 'in', customerIds).execute();
    await ex.deleteFrom('customer_tag').where('customer_id', 'in', customerIds).execute();
    await ex.deleteFrom('customer').where('id', 'in', customerIds).execute();
  },
};
