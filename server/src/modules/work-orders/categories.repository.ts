import type { Executor } from '../../db/executor.js';

const SETTINGS_ROW = 1;

export interface CategoryRowChanges {
  parent_id?: number | null;
  name?: string;
  default_department_id?: number | null;
  default_priority?: string;
  requires_confirmation?: number;
  fields?: string;
  sort_order?: number;
  active?: number;
}

export const categoriesRepository = {
  /** Every category with its default team's name; an organisation has hundreds at most. */
  listWithDepartments(ex: Executor) {
    return ex
      .selectFrom('work_order_category as category')
      .leftJoin('department', 'department.id', 'category.default_department_id')
      .selectAll('category')
      .select('department.name as department_name')
      .orderBy('category.sort_order')
      .orderBy('category.name')
      .orderBy('category.id')
      .execute();
  },

  findById(ex: Executor, id: number) {
    return ex.selectFrom('work_order_category').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Every category's parent: enough to walk the tree for cycles and paths. */
  parentLinks(ex: Executor) {
    return ex.selectFrom('work_order_category').select(['id', 'parent_id']).execute();
  },

  async insert(ex: Executor, row: Required<CategoryRowChanges>, now: number): Promise<number> {
    const { id } = await ex
      .insertInto('work_order_category')
      .values({ ...row, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  },

  update(ex: Executor, id: number, changes: CategoryRowChanges, now: number) {
    return ex.updateTable('work_order_category').set({ ...changes, updated_at: now }).where('id', '=', id).execute();
  },

  /** Which of these department ids exist. */
  async existingDepartmentIds(ex: Executor, ids: readonly number[]): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const rows = await ex.selectFrom('department').select('id').where('id', 'in', ids).execute();
    return new Set(rows.map((row) => row.id));
  },

  settings(ex: Executor) {
    return ex.selectFrom('work_order_settings').select('data').where('id', '=', SETTINGS_ROW).executeTakeFirst();
  },

  /** Writes the settings row, creating it if a database somehow lacks it. */
  saveSettings(ex: Executor, data: string, now: number) {
    return ex
      .insertInto('work_order_settings')
      .values({ id: SETTINGS_ROW, data, updated_at: now })
      .onConflict((oc) => oc.column('id').doUpdateSet({ data, updated_at: now }))
      .execute();
  },
};
