import type { Kysely } from 'kysely';
import {
  isCalendarDate,
  type CustomFieldDefinition,
  type CustomFieldType,
  type FieldError,
  type Locale,
  type customFieldCreateSchema,
  type customFieldUpdateSchema,
} from '@kefu/contracts';
import type { z } from 'zod';
import type { Executor } from '../../db/executor.js';
import type { Database } from '../../db/schema.js';
import type { Actor, RequestOrigin } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import type { Translator } from '../../platform/i18n.js';
import { performedBy, type AuditService } from '../audit/audit.service.js';
import { customFieldsRepository } from './custom-fields.repository.js';

export type CustomFieldValues = Record<string, string | number>;

export interface CustomFieldsService {
  list(): Promise<CustomFieldDefinition[]>;
  create(actor: Actor, input: z.output<typeof customFieldCreateSchema>, origin: RequestOrigin): Promise<CustomFieldDefinition>;
  update(actor: Actor, id: number, input: z.output<typeof customFieldUpdateSchema>, origin: RequestOrigin): Promise<CustomFieldDefinition>;
  /**
   * Checks submitted values against the definitions and merges them onto the current ones
   * (null removes a value). Bad values fail like schema validation: 400 with field errors.
   */
  apply(ex: Executor, current: CustomFieldValues, submitted: Record<string, string | number | null>, locale: Locale): Promise<CustomFieldValues>;
}

export function createCustomFieldsService(deps: { db: Kysely<Database>; clock: Clock; audit: AuditService; i18n: Translator }): CustomFieldsService {
  const { db, clock, audit, i18n } = deps;

  async function list(ex: Executor = db): Promise<CustomFieldDefinition[]> {
    const rows = await customFieldsRepository.list(ex);
    return rows.map((row) => ({
      id: row.id,
      key: row.key,
      label: row.label,
      type: row.type as CustomFieldType,
      options: JSON.parse(row.options) as string[],
      sortOrder: row.sort_order,
      archived: row.archived_at !== null,
    }));
  }

  async function one(id: number): Promise<CustomFieldDefinition> {
    const found = (await list()).find((field) => field.id === id);
    if (!found) throw notFound();
    return found;
  }

  return {
    list: () => list(),

    async create(actor, input, origin) {
      const id = await db.transaction().execute(async (trx) => {
        if (await customFieldsRepository.findByKey(trx, input.key)) throw conflict('custom_field.key_taken', { key: input.key });
        const fieldId = await customFieldsRepository.insert(trx, {
          key: input.key,
          label: input.label,
          type: input.type,
          options: JSON.stringify(input.type === 'select' ? input.options : []),
          sort_order: input.sortOrder,
          created_at: clock.now(),
        });
        await audit.record(trx, { action: 'customer.field_defined', outcome: 'success', ...performedBy(actor, origin), target: { type: 'customer_field', id: fieldId }, details: input });
        return fieldId;
      });
      return one(id);
    },

    async update(actor, id, input, origin) {
      await db.transaction().execute(async (trx) => {
        const current = await customFieldsRepository.findById(trx, id);
        if (!current) throw notFound();
        await customFieldsRepository.update(trx, id, {
          label: input.label,
          options: input.options === undefined || current.type !== 'select' ? undefined : JSON.stringify(input.options),
          sort_order: input.sortOrder,
          archived_at: input.archived === undefined ? undefined : input.archived ? clock.now() : null,
        });
        await audit.record(trx, { action: 'customer.field_changed', outcome: 'success', ...performedBy(actor, origin), target: { type: 'customer_field', id }, details: input });
      });
      return one(id);
    },

    async apply(ex, current, submitted, locale) {
      const keys = Object.keys(submitted);
      if (keys.length === 0) return current;
      const definitions = new Map((await list(ex)).filter((field) => !field.archived).map((field) => [field.key, field]));
      const errors: FieldError[] = [];
      const next: CustomFieldValues = { ...current };
      const fail = (key: string, code: string, messageKey: string) =>
        errors.push({ path: `customFields.${key}`, code, message: i18n.t(locale, messageKey) });
      for (const key of keys) {
        const value = submitted[key];
        const definition = definitions.get(key);
        if (!definition) {
          fail(key, 'unknown_field', 'validation.custom_unknown');
          continue;
        }
        if (value === null || value === '') {
          delete next[key];
          continue;
        }
        const text = String(value).trim();
        if (definition.type === 'number') {
          const number = typeof value === 'number' ? value : Number(text);
          if (!Number.isFinite(number)) fail(key, 'invalid_type', 'validation.custom_number');
          else next[key] = number;
        } else if (definition.type === 'date') {
          if (!isCalendarDate(text)) fail(key, 'invalid_format', 'validation.date');
          else next[key] = text;
        } else if (definition.type === 'select') {
          if (!definition.options.includes(text)) fail(key, 'invalid_value', 'validation.custom_option');
          else next[key] = text;
        } else {
          next[key] = text;
        }
      }
      if (errors.length > 0) throw new AppError('validation_failed', 400, {}, errors);
      return next;
    },
  };
}
