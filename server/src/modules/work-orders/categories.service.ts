import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Category, CategoryField, categoryInputSchema, FieldError, Locale, Priority, WorkOrderSettings } from '@kefu/contracts';
import type { Executor } from '../../db/executor.js';
import { DEFAULT_WORK_ORDER_SETTINGS } from '../../db/migrations/0006_work_orders.js';
import type { Database } from '../../db/schema.js';
import type { Actor, RequestOrigin } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, conflict, notFound, unprocessable } from '../../platform/errors.js';
import { DEFAULT_LOCALE, type Translator } from '../../platform/i18n.js';
import { performedBy, type AuditService } from '../audit/audit.service.js';
import { categoriesRepository, type CategoryRowChanges } from './categories.repository.js';
import { checkFormData, type FormValues, type SubmittedFormData } from './form-data.js';

export type CategoryCreate = z.output<typeof categoryInputSchema>;
/** Absent keys stay as they are. */
export type CategoryUpdate = Partial<CategoryCreate>;

/** What intake needs of a category, read inside the intake's own transaction. */
export interface CategoryForIntake {
  id: number;
  name: string;
  active: boolean;
  defaultDepartmentId: number | null;
  defaultPriority: Priority;
  requiresConfirmation: boolean;
  fields: CategoryField[];
}

export interface WorkOrderCategoriesService {
  /** Every category, inactive ones too, ordered by sort order then name. */
  list(): Promise<Category[]>;
  create(actor: Actor, input: CategoryCreate, origin: RequestOrigin): Promise<Category>;
  update(actor: Actor, id: number, input: CategoryUpdate, origin: RequestOrigin): Promise<Category>;
  findForIntake(ex: Executor, id: number): Promise<CategoryForIntake | null>;
  /**
   * Checks an order's form answers against its category's fields and returns the values to
   * store (empty answers dropped). Failures are 400 `validation_failed` with messages at
   * `formData.<key>` in `locale` (the caller's, `actor.locale`).
   */
  validateFormData(fields: readonly CategoryField[], formData: SubmittedFormData, locale?: Locale): FormValues;
  settings(ex?: Executor): Promise<WorkOrderSettings>;
  updateSettings(actor: Actor, changes: Partial<WorkOrderSettings>, origin: RequestOrigin): Promise<WorkOrderSettings>;
}

export function createWorkOrderCategoriesService(deps: { db: Kysely<Database>; clock: Clock; audit: AuditService; i18n: Translator }): WorkOrderCategoriesService {
  const { db, clock, audit, i18n } = deps;

  async function list(ex: Executor = db): Promise<Category[]> {
    const rows = await categoriesRepository.listWithDepartments(ex);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const pathNames = (id: number): string[] => {
      const names: string[] = [];
      const seen = new Set<number>();
      for (let row = byId.get(id); row && !seen.has(row.id); row = row.parent_id === null ? undefined : byId.get(row.parent_id)) {
        seen.add(row.id);
        names.unshift(row.name);
      }
      return names;
    };
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      parentId: row.parent_id,
      pathNames: pathNames(row.id),
      defaultDepartment: row.default_department_id === null ? null : { id: row.default_department_id, name: row.department_name ?? '' },
      defaultPriority: row.default_priority as Priority,
      requiresConfirmation: row.requires_confirmation === 1,
      fields: JSON.parse(row.fields) as CategoryField[],
      sortOrder: row.sort_order,
      active: row.active === 1,
    }));
  }

  async function one(id: number): Promise<Category> {
    const found = (await list()).find((category) => category.id === id);
    if (!found) throw notFound();
    return found;
  }

  /** Field keys are unique within a category; a select field offers at least one option. */
  function normalisedFields(fields: readonly CategoryField[], locale: Locale): CategoryField[] {
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    fields.forEach((field, index) => {
      if (seen.has(field.key)) {
        errors.push({ path: `fields.${index}.key`, code: 'duplicate', message: i18n.t(locale, 'errors.custom_field.key_taken', { key: field.key }) });
      }
      seen.add(field.key);
      if (field.type === 'select' && field.options.length === 0) {
        errors.push({ path: `fields.${index}.options`, code: 'too_small', message: i18n.t(locale, 'validation.select_needs_options') });
      }
    });
    if (errors.length > 0) throw new AppError('validation_failed', 400, {}, errors);
    return fields.map((field) => ({ ...field, options: field.type === 'select' ? field.options : [] }));
  }

  async function checkParent(ex: Executor, categoryId: number | null, parentId: number | null): Promise<void> {
    if (parentId === null) return;
    const links = new Map((await categoriesRepository.parentLinks(ex)).map((link) => [link.id, link.parent_id]));
    if (!links.has(parentId)) throw unprocessable('work_order.category_invalid');
    if (categoryId === null) return;
    // Walking up from the new parent must not meet the category itself.
    const seen = new Set<number>();
    for (let ancestor: number | null | undefined = parentId; ancestor != null && !seen.has(ancestor); ancestor = links.get(ancestor)) {
      if (ancestor === categoryId) throw conflict('work_order_category.cycle');
      seen.add(ancestor);
    }
  }

  async function checkDepartments(ex: Executor, ids: readonly number[]): Promise<void> {
    const unique = [...new Set(ids)];
    const existing = await categoriesRepository.existingDepartmentIds(ex, unique);
    if (unique.some((id) => !existing.has(id))) throw unprocessable('work_order.department_invalid');
  }

  function rowChanges(input: CategoryUpdate, locale: Locale): CategoryRowChanges {
    return {
      parent_id: input.parentId,
      name: input.name,
      default_department_id: input.defaultDepartmentId,
      default_priority: input.defaultPriority,
      requires_confirmation: input.requiresConfirmation === undefined ? undefined : Number(input.requiresConfirmation),
      fields: input.fields === undefined ? undefined : JSON.stringify(normalisedFields(input.fields, locale)),
      sort_order: input.sortOrder,
      active: input.active === undefined ? undefined : Number(input.active),
    };
  }

  async function settings(ex: Executor = db): Promise<WorkOrderSettings> {
    const row = await categoriesRepository.settings(ex);
    // Defaults first: a setting added by a later version reads as its default until saved.
    return { ...DEFAULT_WORK_ORDER_SETTINGS, ...(row ? (JSON.parse(row.data) as Partial<WorkOrderSettings>) : {}) };
  }

  return {
    list: () => list(),

    async create(actor, input, origin) {
      const row = rowChanges(input, actor.locale) as Required<CategoryRowChanges>;
      const id = await db.transaction().execute(async (trx) => {
        await checkParent(trx, null, input.parentId);
        if (input.defaultDepartmentId !== null) await checkDepartments(trx, [input.defaultDepartmentId]);
        const categoryId = await categoriesRepository.insert(trx, row, clock.now());
        await audit.record(trx, {
          action: 'work_order.category_created',
          outcome: 'success',
          ...performedBy(actor, origin),
          target: { type: 'work_order_category', id: categoryId },
          details: { ...input, fields: JSON.parse(row.fields) as CategoryField[] },
        });
        return categoryId;
      });
      return one(id);
    },

    async update(actor, id, input, origin) {
      const changes = rowChanges(input, actor.locale);
      await db.transaction().execute(async (trx) => {
        const before = await categoriesRepository.findById(trx, id);
        if (!before) throw notFound();
        if (input.parentId !== undefined) await checkParent(trx, id, input.parentId);
        if (input.defaultDepartmentId != null) await checkDepartments(trx, [input.defaultDepartmentId]);
        await categoriesRepository.update(trx, id, changes, clock.now());
        await audit.record(trx, {
          action: 'work_order.category_updated',
          outcome: 'success',
          ...performedBy(actor, origin),
          target: { type: 'work_order_category', id },
          details: { changes: input.fields === undefined ? input : { ...input, fields: JSON.parse(changes.fields!) as CategoryField[] } },
        });
      });
      return one(id);
    },

    async findForIntake(ex, id) {
      const row = await categoriesRepository.findById(ex, id);
      if (!row) return null;
      return {
        id: row.id,
        name: row.name,
        active: row.active === 1,
        defaultDepartmentId: row.default_department_id,
        defaultPriority: row.default_priority as Priority,
        requiresConfirmation: row.requires_confirmation === 1,
        fields: JSON.parse(row.fields) as CategoryField[],
      };
    },

    validateFormData: (fields, formData, locale = DEFAULT_LOCALE) => checkFormData(fields, formData, (key) => i18n.t(locale, key)),

    settings,

    async updateSettings(actor, changes, origin) {
      return db.transaction().execute(async (trx) => {
        const before = await settings(trx);
        const after: WorkOrderSettings = { ...before, ...changes };
        if (changes.backlogThresholdByDepartment) await checkDepartments(trx, Object.keys(changes.backlogThresholdByDepartment).map(Number));
        await categoriesRepository.saveSettings(trx, JSON.stringify(after), clock.now());
        await audit.record(trx, {
          action: 'work_order.settings_updated',
          outcome: 'success',
          ...performedBy(actor, origin),
          target: { type: 'work_order_settings', id: 1 },
          details: { before, after },
        });
        return after;
      });
    },
  };
}
