import type { Kysely } from 'kysely';
import {
  normalizePhone,
  type CompletenessField,
  type CompletenessSettings,
  type CompletenessReportRow,
  type Customer,
  type CustomerListQuery,
  type CustomerStatus,
  type CustomerSummary,
  type CustomerTier,
  type CustomerType,
  type PersonalityType,
  type TimelineEntry,
  type customerInputSchema,
  type customerUpdateSchema,
  type customerExportQuerySchema,
  CUSTOMER_COLUMNS,
  MAX_PHONES,
  type duplicateCandidateSchema,
} from '@kefu/contracts';
import type { z } from 'zod';
import type { DbDialect } from '../../db/database.js';
import type { Executor } from '../../db/executor.js';
import type { CustomerRow, Database } from '../../db/schema.js';
import type { Actor, RequestOrigin } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { forbidden, notFound, unprocessable } from '../../platform/errors.js';
import { searchRepository } from '../../platform/search/search.repository.js';
import { performedBy, type AuditService } from '../audit/audit.service.js';
import type { CustomFieldValues, CustomFieldsService } from './custom-fields.service.js';
import { customersRepository, type PhoneRow, type StoredPhone } from './customers.repository.js';
import type { Translator } from '../../platform/i18n.js';
import { writeSheet } from './customer-sheet.js';
import { completenessOf, maskIdNumber, maskPhone } from './privacy.js';
import type { CustomerTimeline } from './timeline.js';

export type CustomerInput = z.output<typeof customerInputSchema>;
type CustomerUpdate = z.output<typeof customerUpdateSchema>;
type CustomerExportQuery = z.output<typeof customerExportQuerySchema>;

/** More rows than this are not exported in one file. */
const EXPORT_MAX_ROWS = 100_000;
const EXPORT_PAGE = 1000;
type DuplicateCandidate = z.infer<typeof duplicateCandidateSchema>;

const SEARCH_ENTITY = 'customer';
/** Name matches rank above note matches. */
const SEARCH_WEIGHTS = { name: 3, notes: 1 };

/**
 * Later modules that keep a customer id (work orders, complaints, …) register one of these,
 * so a merge moves their records to the surviving profile too.
 */
export type CustomerMergeHook = (ex: Executor, sourceId: number, targetId: number) => Promise<void>;

export interface CustomersService {
  list(actor: Actor, query: CustomerListQuery, origin: RequestOrigin): Promise<{ items: CustomerSummary[]; total: number }>;
  get(actor: Actor, id: number): Promise<Customer>;
  create(actor: Actor, input: CustomerInput, origin: RequestOrigin): Promise<Customer>;
  /** Writes imported rows invisibly (status `importing`); the import activates them all at once. */
  stageImported(trx: Executor, actor: Actor, inputs: readonly CustomerInput[], importId: number): Promise<void>;
  update(actor: Actor, id: number, input: CustomerUpdate, origin: RequestOrigin): Promise<Customer>;
  reveal(actor: Actor, id: number, field: 'phones' | 'idNumber', origin: RequestOrigin): Promise<{ phones?: PhoneView[]; idNumber?: string | null }>;
  timeline(actor: Actor, id: number, before: number | undefined, limit: number): Promise<TimelineEntry[]>;
  /** One number at a time, so callers who see only masked numbers can still keep phones current. */
  changePhones(actor: Actor, id: number, change: PhoneChange, origin: RequestOrigin): Promise<Customer>;
  duplicates(actor: Actor, id: number): Promise<DuplicateCandidate[]>;
  merge(actor: Actor, targetId: number, sourceId: number, origin: RequestOrigin): Promise<Customer>;
  erase(actor: Actor, id: number, reason: string, origin: RequestOrigin): Promise<Customer>;
  exportData(actor: Actor, id: number, origin: RequestOrigin): Promise<{ customer: Customer; timeline: TimelineEntry[] }>;
  /** The current filtered list as CSV or .xlsx, masked unless the caller holds pii.view; audited. */
  exportList(actor: Actor, query: CustomerExportQuery, origin: RequestOrigin): Promise<{ file: Buffer; count: number }>;
  completenessSettings(): Promise<CompletenessSettings>;
  /** Completeness rate per account manager or per their team (CUS-7). */
  completenessReport(groupBy: 'accountManager' | 'team'): Promise<CompletenessReportRow[]>;
  updateCompletenessSettings(actor: Actor, settings: CompletenessSettings, origin: RequestOrigin): Promise<CompletenessSettings>;
}

export type PhoneChange =
  | { kind: 'add'; number: string; label?: string; primary: boolean }
  | { kind: 'remove'; phoneId: number }
  | { kind: 'make_primary'; phoneId: number };

interface PhoneView {
  id?: number;
  number: string;
  label: string | null;
  primary: boolean;
}

export function createCustomersService(deps: {
  db: Kysely<Database>;
  dialect: DbDialect;
  clock: Clock;
  audit: AuditService;
  timeline: CustomerTimeline;
  i18n: Translator;
  customFields: CustomFieldsService;
  mergeHooks?: readonly CustomerMergeHook[];
  /** Run in the update's transaction when a customer's tier changes (SLA policies may match on tier). */
  tierHooks?: ReadonlyArray<(ex: Executor, customerId: number, actor: Actor) => Promise<void>>;
}): CustomersService {
  const { db, dialect, clock, audit, timeline, i18n, customFields } = deps;
  const mergeHooks = deps.mergeHooks ?? [];
  const tierHooks = deps.tierHooks ?? [];

  const seesPii = (actor: Actor) => actor.permissions.has('pii.view');

  function phoneView(phone: StoredPhone, clear: boolean): PhoneView & { id: number } {
    return { id: phone.id, number: clear ? phone.number : maskPhone(phone.number), label: phone.label, primary: phone.is_primary === 1 };
  }

  /** Masking happens here, on the server, for every response (CUS-8). */
  async function toCustomers(ex: Executor, actor: Actor, rows: CustomerRow[]): Promise<Customer[]> {
    const ids = rows.map((row) => row.id);
    const [phones, tags, names] = await Promise.all([
      customersRepository.phonesOf(ex, ids),
      customersRepository.tagsOf(ex, ids),
      customersRepository.namesOf(
        ex,
        rows.flatMap((row) => [row.organization_id, row.family_id].filter((id): id is number => id !== null)),
        rows.map((row) => row.account_manager_id).filter((id): id is number => id !== null),
      ),
    ]);
    const clear = seesPii(actor);
    const ref = (id: number | null, map: Map<number, string>) => (id === null ? null : { id, name: map.get(id) ?? '' });
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      type: row.type as CustomerType,
      tier: row.tier as CustomerTier,
      segment: row.segment,
      source: row.source,
      email: row.email,
      address: row.address,
      idNumber: row.id_number === null ? null : clear ? row.id_number : maskIdNumber(row.id_number),
      birthday: row.birthday,
      personality: row.personality as PersonalityType | null,
      accountManager: ref(row.account_manager_id, names.users),
      organization: ref(row.organization_id, names.customers),
      family: ref(row.family_id, names.customers),
      tags: tags.get(row.id) ?? [],
      notes: row.notes,
      customFields: JSON.parse(row.custom_fields) as CustomFieldValues,
      phones: (phones.get(row.id) ?? []).map((phone) => phoneView(phone, clear)),
      completeness: row.completeness,
      missingFields: JSON.parse(row.missing_fields) as CompletenessField[],
      status: row.status as CustomerStatus,
      mergedIntoId: row.merged_into_id,
      piiMasked: !clear,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }));
  }

  async function one(ex: Executor, actor: Actor, id: number): Promise<Customer> {
    const row = await customersRepository.findById(ex, id);
    if (!row) throw notFound();
    return (await toCustomers(ex, actor, [row]))[0]!;
  }

  async function activeRow(ex: Executor, id: number): Promise<CustomerRow> {
    const row = await customersRepository.findById(ex, id);
    if (!row) throw notFound();
    if (row.status !== 'active') throw unprocessable('customer.not_active');
    return row;
  }

  /** One entry per number, exactly one primary when there are any. */
  function normalizedPhones(phones: CustomerInput['phones']): PhoneRow[] {
    const byNumber = new Map<string, PhoneRow>();
    for (const phone of phones) {
      const number = normalizePhone(phone.number);
      if (!byNumber.has(number)) byNumber.set(number, { number, label: phone.label ?? null, is_primary: phone.primary ? 1 : 0 });
    }
    const list = [...byNumber.values()];
    const primary = list.find((phone) => phone.is_primary === 1) ?? list[0];
    return list.map((phone) => ({ ...phone, is_primary: phone === primary ? 1 : 0 })).sort((a, b) => b.is_primary - a.is_primary);
  }

  async function assertReferences(ex: Executor, input: Partial<Pick<CustomerInput, 'organizationId' | 'familyId' | 'accountManagerId'>>) {
    if (input.organizationId) {
      const organization = await customersRepository.findById(ex, input.organizationId);
      if (!organization || organization.type !== 'group' || organization.status !== 'active') throw unprocessable('customer.organization_invalid');
    }
    if (input.familyId) {
      const family = await customersRepository.findById(ex, input.familyId);
      if (!family || family.type !== 'family' || family.status !== 'active') throw unprocessable('customer.family_invalid');
    }
    if (input.accountManagerId && !(await customersRepository.activeUser(ex, input.accountManagerId))) {
      throw unprocessable('customer.account_manager_invalid');
    }
  }

  async function requiredFields(ex: Executor): Promise<CompletenessField[]> {
    return (await customersRepository.requiredFields(ex)) as CompletenessField[];
  }

  function completenessInput(row: Omit<CustomerRow, 'id' | 'completeness' | 'missing_fields'>, phones: PhoneRow[]) {
    return {
      primaryPhone: phones[0]?.number ?? null,
      email: row.email,
      address: row.address,
      idNumber: row.id_number,
      birthday: row.birthday,
      personality: row.personality,
      segment: row.segment,
      source: row.source,
      accountManager: row.account_manager_id,
    };
  }

  async function completenessFor(ex: Executor, row: Omit<CustomerRow, 'id' | 'completeness' | 'missing_fields'>, phones: PhoneRow[]) {
    return completenessOf(completenessInput(row, phones), await requiredFields(ex));
  }

  function rowValues(
    actor: Actor,
    input: CustomerInput,
    placement: { status: 'active' | 'importing'; importId: number | null },
    now: number,
    custom: CustomFieldValues = {},
  ) {
    return {
      custom_fields: JSON.stringify(custom),
      name: input.name,
      type: input.type,
      tier: input.tier,
      segment: input.segment ?? null,
      source: input.source ?? null,
      email: input.email ?? null,
      address: input.address ?? null,
      id_number: input.idNumber?.toUpperCase() ?? null,
      id_suffix: input.idNumber ? input.idNumber.toUpperCase().slice(-6) : null,
      birthday: input.birthday ?? null,
      personality: input.personality ?? null,
      account_manager_id: input.accountManagerId ?? null,
      organization_id: input.organizationId ?? null,
      family_id: input.familyId ?? null,
      notes: input.notes ?? null,
      status: placement.status,
      merged_into_id: null,
      import_id: placement.importId,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    };
  }

  async function insertCustomer(trx: Executor, actor: Actor, input: CustomerInput, placement: { status: 'active' | 'importing'; importId: number | null }) {
    const phones = normalizedPhones(input.phones);
    const custom = await customFields.apply(trx, {}, input.customFields, actor.locale);
    const values = rowValues(actor, input, placement, clock.now(), custom);
    const completeness = await completenessFor(trx, values, phones);
    const customerId = await customersRepository.insert(trx, { ...values, completeness: completeness.percent, missing_fields: JSON.stringify(completeness.missing) });
    await customersRepository.insertPhonesAndTags(
      trx,
      phones.map((phone) => ({ customer_id: customerId, ...phone })),
      [...new Set(input.tags)].map((tag) => ({ customer_id: customerId, tag })),
    );
    await indexForSearch(trx, customerId, values);
    return customerId;
  }

  function indexForSearch(ex: Executor, id: number, row: { name: string; notes: string | null }) {
    return searchRepository.upsert(ex, dialect, { entityType: SEARCH_ENTITY, entityId: id, fields: { name: row.name, notes: row.notes } });
  }

  function summaryOf(customer: Customer, accountManagerName: string | null): CustomerSummary {
    return {
      id: customer.id,
      name: customer.name,
      type: customer.type,
      tier: customer.tier,
      personality: customer.personality,
      primaryPhone: customer.phones[0]?.number ?? null,
      tags: customer.tags,
      accountManagerName,
      completeness: customer.completeness,
      updatedAt: customer.updatedAt,
    };
  }

  const actorRef = (actor: Actor) => ({ id: actor.userId, name: actor.displayName });

  return {
    async list(actor, query, origin) {
      const matches = query.q ? await searchRepository.matching(db, dialect, { entityType: SEARCH_ENTITY, query: query.q, fieldWeights: SEARCH_WEIGHTS }) : undefined;
      const phone = query.phone === undefined ? undefined : normalizePhone(query.phone);
      const { items, total } = await customersRepository.page(db, query, { phone, matches });
      const customers = await toCustomers(db, actor, items);
      // Lists with clear numbers are bulk views of personal data: on the record (CUS-8).
      if (seesPii(actor) && customers.length > 1) {
        await audit.recordAlone({
          action: 'customer.bulk_viewed',
          outcome: 'success',
          ...performedBy(actor, origin),
          details: { count: customers.length, query: { ...query, phone: query.phone ? maskPhone(normalizePhone(query.phone)) : undefined } },
        });
      }
      return { items: customers.map((customer, index) => summaryOf(customer, items[index]!.account_manager_name ?? null)), total };
    },

    get: (actor, id) => one(db, actor, id),

    async create(actor, input, origin) {
      const id = await db.transaction().execute(async (trx) => {
        await assertReferences(trx, input);
        const customerId = await insertCustomer(trx, actor, input, { status: 'active', importId: null });
        await timeline.record(trx, { customerId, kind: 'customer.created', actor: actorRef(actor) });
        await audit.record(trx, { action: 'customer.created', outcome: 'success', ...performedBy(actor, origin), target: { type: 'customer', id: customerId } });
        return customerId;
      });
      return one(db, actor, id);
    },

    async stageImported(trx, actor, inputs, importId) {
      // Bulk path: one insert per customer, then one batch each for phones, tags, the
      // timeline and the search index — an import chunk costs a few statements, not dozens per row.
      const required = await requiredFields(trx);
      const now = clock.now();
      const staged: Array<{ id: number; input: CustomerInput; phones: PhoneRow[] }> = [];
      for (const input of inputs) {
        const phones = normalizedPhones(input.phones);
        const values = rowValues(actor, input, { status: 'importing', importId }, now);
        const completeness = completenessOf(completenessInput(values, phones), required);
        const id = await customersRepository.insert(trx, { ...values, completeness: completeness.percent, missing_fields: JSON.stringify(completeness.missing) });
        staged.push({ id, input, phones });
      }
      await customersRepository.insertPhonesAndTags(
        trx,
        staged.flatMap(({ id, phones }) => phones.map((phone) => ({ customer_id: id, ...phone }))),
        staged.flatMap(({ id, input }) => [...new Set(input.tags)].map((tag) => ({ customer_id: id, tag }))),
      );
      await timeline.recordMany(
        trx,
        staged.map(({ id }) => ({ customerId: id, kind: 'customer.imported', actor: actorRef(actor), source: { type: 'customer_import', id: importId }, at: now })),
      );
      await searchRepository.upsertMany(
        trx,
        dialect,
        staged.map(({ id, input }) => ({ entityType: SEARCH_ENTITY, entityId: id, fields: { name: input.name, notes: input.notes ?? null } })),
      );
    },

    async update(actor, id, input, origin) {
      await db.transaction().execute(async (trx) => {
        const current = await activeRow(trx, id);
        await assertReferences(trx, input);
        const pick = <T>(value: T | undefined, fallback: T) => (value === undefined ? fallback : value);
        const idNumber = input.idNumber === undefined ? current.id_number : (input.idNumber?.toUpperCase() ?? null);
        const next = {
          ...current,
          name: pick(input.name, current.name),
          type: pick(input.type, current.type),
          tier: pick(input.tier, current.tier),
          segment: pick(input.segment, current.segment),
          source: pick(input.source, current.source),
          email: pick(input.email, current.email),
          address: pick(input.address, current.address),
          id_number: idNumber,
          id_suffix: idNumber ? idNumber.slice(-6) : null,
          birthday: pick(input.birthday, current.birthday),
          personality: pick(input.personality, current.personality),
          account_manager_id: pick(input.accountManagerId, current.account_manager_id),
          organization_id: pick(input.organizationId, current.organization_id),
          family_id: pick(input.familyId, current.family_id),
          notes: pick(input.notes, current.notes),
          custom_fields: JSON.stringify(
            await customFields.apply(trx, JSON.parse(current.custom_fields) as CustomFieldValues, input.customFields ?? {}, actor.locale),
          ),
          updated_at: clock.now(),
        };
        const phones = input.phones === undefined ? ((await customersRepository.phonesOf(trx, [id])).get(id) ?? []) : normalizedPhones(input.phones);
        const completeness = await completenessFor(trx, next, phones);
        const { id: _id, ...changes } = next;
        await customersRepository.update(trx, id, { ...changes, completeness: completeness.percent, missing_fields: JSON.stringify(completeness.missing) });
        if (input.phones !== undefined) await customersRepository.replacePhones(trx, id, phones);
        if (input.tags !== undefined) await customersRepository.replaceTags(trx, id, [...new Set(input.tags)]);
        await indexForSearch(trx, id, next);
        // The timeline and the audit say which fields changed, never their (personal) values.
        const changed = Object.keys(input).filter((key) => key !== 'tierReason');
        await timeline.record(trx, { customerId: id, kind: 'customer.updated', actor: actorRef(actor), data: { fields: changed } });
        if (next.tier !== current.tier) {
          await timeline.record(trx, { customerId: id, kind: 'customer.tier_changed', actor: actorRef(actor), data: { from: current.tier, to: next.tier, reason: input.tierReason ?? null } });
          for (const hook of tierHooks) await hook(trx, id, actor);
        }
        await audit.record(trx, { action: 'customer.updated', outcome: 'success', ...performedBy(actor, origin), target: { type: 'customer', id }, details: { fields: changed } });
      });
      return one(db, actor, id);
    },

    async reveal(actor, id, field, origin) {
      if (!seesPii(actor)) throw forbidden('customer.pii_not_permitted');
      return db.transaction().execute(async (trx) => {
        const row = await customersRepository.findById(trx, id);
        if (!row) throw notFound();
        await audit.record(trx, { action: 'customer.pii_revealed', outcome: 'success', ...performedBy(actor, origin), target: { type: 'customer', id }, details: { field } });
        if (field === 'idNumber') return { idNumber: row.id_number };
        return { phones: ((await customersRepository.phonesOf(trx, [id])).get(id) ?? []).map((phone) => phoneView(phone, true)) };
      });
    },

    async changePhones(actor, id, change, origin) {
      await db.transaction().execute(async (trx) => {
        const current = await activeRow(trx, id);
        if (change.kind === 'add') {
          const [phone] = normalizedPhones([{ number: change.number, label: change.label, primary: change.primary }]);
          const existing = (await customersRepository.phonesOf(trx, [id])).get(id) ?? [];
          const known = existing.some((kept) => kept.number === phone!.number);
          if (!known && existing.length >= MAX_PHONES) throw unprocessable('customer.too_many_phones', { max: MAX_PHONES });
          if (!known) {
            await customersRepository.addPhone(trx, id, { ...phone!, is_primary: change.primary || existing.length === 0 ? 1 : 0 });
          }
        } else if (change.kind === 'remove') {
          if (!(await customersRepository.removePhone(trx, id, change.phoneId))) throw notFound();
          const rest = (await customersRepository.phonesOf(trx, [id])).get(id) ?? [];
          // The primary number went: the next one takes its place.
          if (rest.length > 0 && !rest.some((phone) => phone.is_primary === 1)) await customersRepository.makePrimary(trx, id, rest[0]!.id);
        } else if (!(await customersRepository.makePrimary(trx, id, change.phoneId))) {
          throw notFound();
        }
        const phones = (await customersRepository.phonesOf(trx, [id])).get(id) ?? [];
        const completeness = await completenessFor(trx, current, phones);
        await customersRepository.update(trx, id, { completeness: completeness.percent, missing_fields: JSON.stringify(completeness.missing), updated_at: clock.now() });
        await timeline.record(trx, { customerId: id, kind: 'customer.updated', actor: actorRef(actor), data: { fields: ['phones'] } });
        await audit.record(trx, {
          action: 'customer.updated',
          outcome: 'success',
          ...performedBy(actor, origin),
          target: { type: 'customer', id },
          details: { fields: ['phones'], change: change.kind },
        });
      });
      return one(db, actor, id);
    },

    async timeline(_actor, id, before, limit) {
      if (!(await customersRepository.findById(db, id))) throw notFound();
      return timeline.list(db, id, before, limit);
    },

    async duplicates(actor, id) {
      const row = await customersRepository.findById(db, id);
      if (!row) throw notFound();
      const phones = ((await customersRepository.phonesOf(db, [id])).get(id) ?? []).map((phone) => phone.number);
      const found = await customersRepository.duplicateCandidates(db, id, phones, row.id_number, row.name);
      // "Similar name": other profiles whose name contains this one (张伟 → 张伟伟, 张伟（公司）).
      if (row.name.length >= 2) {
        const hits = await searchRepository.search(db, dialect, { entityType: SEARCH_ENTITY, query: row.name, fieldWeights: { name: 1, notes: 0 }, limit: 50 });
        const inName = hits.items.filter((hit) => hit.entityId !== id && hit.matchedFields.includes('name')).map((hit) => hit.entityId);
        found.byName = [...new Set([...found.byName, ...inName])];
      }
      const reasons = new Map<number, DuplicateCandidate['reasons']>();
      const add = (ids: number[], reason: DuplicateCandidate['reasons'][number]) => ids.forEach((candidate) => reasons.set(candidate, [...(reasons.get(candidate) ?? []), reason]));
      add(found.byPhone, 'phone');
      add(found.byId, 'id_number');
      add(found.byName, 'name');
      const rows = await Promise.all([...reasons.keys()].map((candidate) => customersRepository.findById(db, candidate)));
      const customers = await toCustomers(db, actor, rows.filter((candidate): candidate is CustomerRow => candidate?.status === 'active'));
      const names = await customersRepository.namesOf(db, [], customers.map((c) => c.accountManager?.id).filter((x): x is number => x !== undefined));
      return customers
        .map((customer) => ({ customer: summaryOf(customer, customer.accountManager ? (names.users.get(customer.accountManager.id) ?? null) : null), reasons: reasons.get(customer.id)! }))
        .sort((a, b) => b.reasons.length - a.reasons.length);
    },

    async merge(actor, targetId, sourceId, origin) {
      if (targetId === sourceId) throw unprocessable('customer.merge_self');
      await db.transaction().execute(async (trx) => {
        const target = await activeRow(trx, targetId);
        const source = await activeRow(trx, sourceId);
        const phoneMap = await customersRepository.phonesOf(trx, [targetId, sourceId]);
        const targetPhones = phoneMap.get(targetId) ?? [];
        const phones = [
          ...targetPhones,
          ...(phoneMap.get(sourceId) ?? []).filter((phone) => !targetPhones.some((kept) => kept.number === phone.number)).map((phone) => ({ ...phone, is_primary: targetPhones.length ? 0 : phone.is_primary })),
        ];
        const tagMap = await customersRepository.tagsOf(trx, [targetId, sourceId]);
        const tags = [...new Set([...(tagMap.get(targetId) ?? []), ...(tagMap.get(sourceId) ?? [])])];
        // The surviving profile keeps its own values and fills its gaps from the duplicate.
        const filled = {
          ...target,
          segment: target.segment ?? source.segment,
          source: target.source ?? source.source,
          email: target.email ?? source.email,
          address: target.address ?? source.address,
          id_number: target.id_number ?? source.id_number,
          id_suffix: target.id_suffix ?? source.id_suffix,
          birthday: target.birthday ?? source.birthday,
          personality: target.personality ?? source.personality,
          account_manager_id: target.account_manager_id ?? source.account_manager_id,
          organization_id: target.organization_id ?? source.organization_id,
          family_id: target.family_id ?? source.family_id,
          notes: [target.notes, source.notes].filter(Boolean).join('\n') || null,
          updated_at: clock.now(),
        };
        await customersRepository.repointChildren(trx, sourceId, targetId);
        for (const hook of mergeHooks) await hook(trx, sourceId, targetId);
        await customersRepository.deletePhonesAndTags(trx, sourceId);
        await customersRepository.replacePhones(trx, targetId, phones);
        await customersRepository.replaceTags(trx, targetId, tags);
        const completeness = await completenessFor(trx, filled, phones);
        const { id: _id, ...changes } = filled;
        await customersRepository.update(trx, targetId, { ...changes, completeness: completeness.percent, missing_fields: JSON.stringify(completeness.missing) });
        await customersRepository.update(trx, sourceId, { status: 'merged', merged_into_id: targetId, updated_at: clock.now() });
        await searchRepository.remove(trx, dialect, SEARCH_ENTITY, sourceId);
        await indexForSearch(trx, targetId, filled);
        await timeline.record(trx, { customerId: targetId, kind: 'customer.merged', actor: actorRef(actor), data: { sourceId, sourceName: source.name } });
        // The retired profile's history moved with the merge; it keeps one entry saying where to.
        await timeline.record(trx, { customerId: sourceId, kind: 'customer.merged_away', actor: actorRef(actor), data: { targetId, targetName: target.name } });
        await audit.record(trx, { action: 'customer.merged', outcome: 'success', ...performedBy(actor, origin), target: { type: 'customer', id: targetId }, details: { sourceId } });
      });
      return one(db, actor, targetId);
    },

    async erase(actor, id, reason, origin) {
      await db.transaction().execute(async (trx) => {
        await activeRow(trx, id);
        // What stays is anonymous: type, tier, segment and source still count in statistics.
        await customersRepository.update(trx, id, {
          name: '',
          email: null,
          address: null,
          id_number: null,
          id_suffix: null,
          birthday: null,
          personality: null,
          notes: null,
          account_manager_id: null,
          status: 'erased',
          updated_at: clock.now(),
        });
        await customersRepository.deletePhonesAndTags(trx, id);
        await searchRepository.remove(trx, dialect, SEARCH_ENTITY, id);
        await timeline.scrub(trx, id);
        await timeline.record(trx, { customerId: id, kind: 'customer.erased' });
        await audit.record(trx, { action: 'customer.erased', outcome: 'success', ...performedBy(actor, origin), target: { type: 'customer', id }, details: { reason } });
      });
      return one(db, actor, id);
    },

    async exportData(actor, id, origin) {
      if (!seesPii(actor)) throw forbidden('customer.pii_not_permitted');
      return db.transaction().execute(async (trx) => {
        const customer = await one(trx, actor, id);
        const entries = await timeline.list(trx, id, undefined, 10_000);
        await audit.record(trx, { action: 'customer.exported', outcome: 'success', ...performedBy(actor, origin), target: { type: 'customer', id }, details: { timelineEntries: entries.length } });
        return { customer, timeline: entries };
      });
    },

    async exportList(actor, query, origin) {
      const matches = query.q ? await searchRepository.matching(db, dialect, { entityType: SEARCH_ENTITY, query: query.q, fieldWeights: SEARCH_WEIGHTS }) : undefined;
      const phone = query.phone === undefined ? undefined : normalizePhone(query.phone);
      const label = (prefix: string, value: string | null) => (value === null ? '' : i18n.t(actor.locale, `${prefix}.${value}`));
      const rows: string[][] = [];
      for (let offset = 0; offset < EXPORT_MAX_ROWS; offset += EXPORT_PAGE) {
        const page = await customersRepository.page(db, { ...query, limit: EXPORT_PAGE, offset }, { phone, matches });
        for (const customer of await toCustomers(db, actor, page.items)) {
          rows.push([
            customer.name,
            label('customers.types', customer.type),
            label('customers.tiers', customer.tier),
            customer.phones.map((p) => p.number).join(';'),
            customer.email ?? '',
            customer.address ?? '',
            customer.idNumber ?? '',
            customer.birthday ?? '',
            label('customers.personalities', customer.personality),
            customer.segment ?? '',
            customer.source ?? '',
            customer.tags.join(';'),
            customer.notes ?? '',
          ]);
        }
        if (page.items.length < EXPORT_PAGE) break;
      }
      const headers = CUSTOMER_COLUMNS.map((column) => i18n.t(actor.locale, `customers.columns.${column}`));
      const file = await writeSheet(headers, rows, query.format);
      await audit.recordAlone({
        action: 'customer.exported',
        outcome: 'success',
        ...performedBy(actor, origin),
        details: { count: rows.length, format: query.format, masked: !seesPii(actor), filters: { ...query, phone: phone ? maskPhone(phone) : undefined } },
      });
      return { file, count: rows.length };
    },

    async completenessReport(groupBy) {
      const rows = await customersRepository.completenessByGroup(db, groupBy);
      return rows.map((row) => ({
        id: row.group_id,
        name: row.group_name,
        customers: Number(row.customers),
        averageCompleteness: Math.round(Number(row.average_completeness)),
        incomplete: Number(row.incomplete),
      }));
    },

    async completenessSettings() {
      return { requiredFields: (await customersRepository.requiredFields(db)) as CompletenessField[] };
    },

    async updateCompletenessSettings(actor, settings, origin) {
      await db.transaction().execute(async (trx) => {
        await customersRepository.setRequiredFields(trx, [...new Set(settings.requiredFields)], clock.now());
        await recomputeAllCompleteness(trx);
        await audit.record(trx, { action: 'customer.completeness_settings_updated', outcome: 'success', ...performedBy(actor, origin), details: settings });
      });
      return this.completenessSettings();
    },
  };

  async function recomputeAllCompleteness(trx: Executor) {
    const required = await requiredFields(trx);
    let afterId = 0;
    for (;;) {
      const batch = await customersRepository.activeBatch(trx, afterId, 500);
      if (batch.length === 0) return;
      const phones = await customersRepository.phonesOf(trx, batch.map((row) => row.id));
      for (const row of batch) {
        const completeness = completenessOf(completenessInput(row, phones.get(row.id) ?? []), required);
        await customersRepository.update(trx, row.id, { completeness: completeness.percent, missing_fields: JSON.stringify(completeness.missing) });
      }
      afterId = batch[batch.length - 1]!.id;
    }
  }
}
