import {
  calendarBodySchema,
  policyInputSchema,
  type CalendarBody,
  type CalendarInput,
  type HolidayImportResult,
  type PolicyBody,
  type PolicyConditions,
  type PolicyInput,
  type SlaCalendar,
  type SlaPolicy,
  type SlaPreviewInput,
  type SlaPreviewResult,
  type SlaTarget,
} from '@kefu/contracts';
import type { Kysely } from 'kysely';
import type { Database, SlaCalendarRow, SlaPolicyRow } from '../../db/schema.js';
import type { Executor } from '../../db/executor.js';
import type { Actor, RequestOrigin } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { conflict, notFound, unprocessable } from '../../platform/errors.js';
import { performedBy, type AuditService } from '../audit/audit.service.js';
import { defineCalendar, isOpen, nextOpening, validateCalendar, type BusinessCalendar } from './calendar.js';
import { planClock, targetBudget } from './clocks.js';
import { importHolidayCalendar } from './ical.js';
import { slaRepository } from './sla.repository.js';

/** What a policy's conditions are matched against. */
export interface OrderFacts {
  type: string;
  categoryIds: readonly number[];
  channel: string;
  tier: string | null;
  priority: string;
}

/** A policy ready for the clocks: its targets and its calendar, compiled. */
export interface ResolvedPolicy {
  id: number;
  name: string;
  body: PolicyBody;
  calendar: BusinessCalendar;
}

export interface SlaConfigService {
  listCalendars(): Promise<SlaCalendar[]>;
  createCalendar(actor: Actor, input: CalendarInput, origin: RequestOrigin): Promise<SlaCalendar>;
  updateCalendar(actor: Actor, id: number, input: CalendarInput, origin: RequestOrigin): Promise<SlaCalendar>;
  deleteCalendar(actor: Actor, id: number, origin: RequestOrigin): Promise<void>;
  importIcs(ics: string): HolidayImportResult;
  preview(input: SlaPreviewInput): Promise<SlaPreviewResult>;
  listPolicies(): Promise<SlaPolicy[]>;
  createPolicy(actor: Actor, input: PolicyInput, origin: RequestOrigin): Promise<SlaPolicy>;
  updatePolicy(actor: Actor, id: number, input: PolicyInput, origin: RequestOrigin): Promise<SlaPolicy>;
  deletePolicy(actor: Actor, id: number, origin: RequestOrigin): Promise<void>;
  reorderPolicies(actor: Actor, ids: readonly number[], origin: RequestOrigin): Promise<SlaPolicy[]>;
  /** The first active policy whose conditions all hold, with its calendar. */
  match(ex: Executor, facts: OrderFacts): Promise<ResolvedPolicy | null>;
  resolvePolicy(ex: Executor, policyId: number): Promise<ResolvedPolicy | null>;
  /** The default calendar, for orders without a policy (manual escalations). */
  defaultCalendar(ex: Executor): Promise<BusinessCalendar>;
}

/** Turns a stored or submitted body into the arithmetic's calendar, refusing what it cannot count with. */
export function toBusinessCalendar(body: CalendarBody): BusinessCalendar {
  const calendar: BusinessCalendar = {
    timeZone: body.timeZone,
    alwaysOpen: body.alwaysOpen,
    weeklyHours: body.weeklyHours,
    holidays: body.holidays,
    adjustedWorkdays: body.adjustedWorkdays,
  };
  const problems = validateCalendar(calendar);
  if (problems.length > 0) {
    const error = unprocessable('sla_calendar.invalid', { problems: problems.map((problem) => `${problem.path.join('.')} (${problem.code})`).join('; ') });
    Object.assign(error, { fields: problems.map((problem) => ({ path: problem.path.join('.'), code: problem.code, message: problem.code })) });
    throw error;
  }
  return defineCalendar(calendar);
}

function storedBody(row: SlaCalendarRow): CalendarBody {
  return calendarBodySchema.parse(JSON.parse(row.body));
}

function presentCalendar(row: SlaCalendarRow, policyCount: number): SlaCalendar {
  return { id: row.id, name: row.name, isDefault: row.is_default === 1, policyCount, updatedAt: row.updated_at, ...storedBody(row) };
}

function policyBody(row: SlaPolicyRow): PolicyBody {
  return policyInputSchema.parse({
    name: row.name,
    active: row.active === 1,
    conditions: JSON.parse(row.conditions),
    calendarId: row.calendar_id,
    targets: JSON.parse(row.targets),
    warnAtPercent: row.warn_at_percent,
    notifyOutsideHours: row.notify_outside_hours === 1,
    escalationMinutes: JSON.parse(row.escalation_minutes),
  });
}

function presentPolicy(row: SlaPolicyRow): SlaPolicy {
  return { id: row.id, position: row.position, updatedAt: row.updated_at, ...policyBody(row) };
}

function matches(conditions: PolicyConditions, facts: OrderFacts): boolean {
  const holds = <T>(list: readonly T[], value: T | null) => list.length === 0 || (value !== null && list.includes(value));
  return (
    holds(conditions.types as readonly string[], facts.type) &&
    holds(conditions.channels as readonly string[], facts.channel) &&
    holds(conditions.priorities as readonly string[], facts.priority) &&
    holds(conditions.tiers as readonly string[], facts.tier) &&
    (conditions.categoryIds.length === 0 || conditions.categoryIds.some((id) => facts.categoryIds.includes(id)))
  );
}

/**
 * How long this node keeps its copy of the policies and calendars. Intake and every sweep
 * consult them, so they are read once and compiled once, not per order. Edits made through
 * this node apply at once; another node's edit is seen within this time.
 */
const SNAPSHOT_TTL_MS = 5_000;

interface Snapshot {
  /** In position order, inactive ones included (an order keeps a policy that was switched off). */
  policies: Array<ResolvedPolicy & { active: boolean }>;
  defaultCalendar: BusinessCalendar;
}

export function createSlaConfigService(deps: { db: Kysely<Database>; clock: Clock; audit: AuditService }): SlaConfigService {
  const { db, clock, audit } = deps;
  let snapshot: Promise<Snapshot> | null = null;
  let snapshotTakenAt = 0;

  async function loadSnapshot(ex: Executor): Promise<Snapshot> {
    const policyRows = await slaRepository.policies(ex);
    const calendarRows = await slaRepository.calendars(ex);
    const compiled = new Map(calendarRows.map((row) => [row.id, defineCalendar(storedBody(row))]));
    const fallbackRow = calendarRows.find((row) => row.is_default === 1);
    // Without any calendar the clocks still count: in calendar time, in Beijing.
    const defaultCalendar = (fallbackRow && compiled.get(fallbackRow.id)) ?? defineCalendar({ alwaysOpen: true });
    return {
      defaultCalendar,
      policies: policyRows.map((row) => {
        const body = policyBody(row);
        return { id: row.id, name: row.name, body, active: row.active === 1, calendar: (body.calendarId !== null && compiled.get(body.calendarId)) || defaultCalendar };
      }),
    };
  }

  /**
   * The snapshot, loaded through the caller's executor when stale: on SQLite's single
   * connection a read outside the caller's open transaction would wait for it forever.
   */
  function current(ex: Executor): Promise<Snapshot> {
    const now = Date.now();
    if (!snapshot || now - snapshotTakenAt > SNAPSHOT_TTL_MS || now < snapshotTakenAt) {
      snapshotTakenAt = now;
      const loading = loadSnapshot(ex);
      snapshot = loading;
      loading.catch(() => {
        if (snapshot === loading) snapshot = null;
      });
    }
    return snapshot;
  }

  /** After a committed edit: the next read loads afresh. */
  function refresh(): void {
    snapshot = null;
  }

  async function oneCalendar(ex: Executor, id: number): Promise<SlaCalendar> {
    const row = await slaRepository.calendar(ex, id);
    if (!row) throw notFound();
    return presentCalendar(row, (await slaRepository.policyCountsByCalendar(ex)).get(id) ?? 0);
  }

  async function calendarById(ex: Executor, id: number | null): Promise<BusinessCalendar> {
    const row = id === null ? undefined : await slaRepository.calendar(ex, id);
    return row ? defineCalendar(storedBody(row)) : (await current(ex)).defaultCalendar;
  }

  async function checkPolicy(ex: Executor, input: PolicyBody): Promise<void> {
    if (!input.targets.firstResponse && !input.targets.resolution && !input.targets.callback) throw unprocessable('sla_policy.no_targets');
    if (input.calendarId !== null && !(await slaRepository.calendar(ex, input.calendarId))) throw unprocessable('sla_policy.calendar_invalid');
    if (input.conditions.categoryIds.length > 0) {
      const found = await ex.selectFrom('work_order_category').select('id').where('id', 'in', input.conditions.categoryIds).execute();
      if (found.length !== new Set(input.conditions.categoryIds).size) throw unprocessable('sla_policy.category_invalid');
    }
  }

  function policyColumns(input: PolicyBody, now: number) {
    return {
      name: input.name,
      active: input.active ? 1 : 0,
      conditions: JSON.stringify(input.conditions),
      calendar_id: input.calendarId,
      targets: JSON.stringify(input.targets),
      warn_at_percent: input.warnAtPercent,
      notify_outside_hours: input.notifyOutsideHours ? 1 : 0,
      escalation_minutes: JSON.stringify(input.escalationMinutes),
      updated_at: now,
    };
  }

  function due(calendar: BusinessCalendar, at: number, target: SlaTarget | null | undefined, useAverage = false): number | null {
    if (!target) return null;
    const minutes = useAverage ? target.averageMinutes : target.maxMinutes;
    if (minutes === null) return null;
    return planClock(calendar, target.basis, at, targetBudget({ ...target, maxMinutes: minutes }), [], 100).dueAt;
  }

  return {
    async listCalendars() {
      const [rows, counts] = await Promise.all([slaRepository.calendars(db), slaRepository.policyCountsByCalendar(db)]);
      return rows.map((row) => presentCalendar(row, counts.get(row.id) ?? 0));
    },

    async createCalendar(actor, input, origin) {
      const body = calendarBodySchema.parse(input);
      toBusinessCalendar(body);
      const id = await db.transaction().execute(async (trx) => {
        const now = clock.now();
        const existing = await slaRepository.defaultCalendar(trx);
        const isDefault = input.isDefault === true || !existing;
        const id = await slaRepository.insertCalendar(trx, { name: input.name.trim(), body: JSON.stringify(body), is_default: isDefault ? 1 : 0, created_at: now, updated_at: now });
        if (isDefault) await slaRepository.clearDefaultCalendar(trx, id);
        await audit.record(trx, { action: 'sla.calendar_created', outcome: 'success', ...performedBy(actor, origin), target: { type: 'sla_calendar', id }, details: { name: input.name, ...body } });
        return id;
      });
      refresh();
      return oneCalendar(db, id);
    },

    async updateCalendar(actor, id, input, origin) {
      const body = calendarBodySchema.parse(input);
      toBusinessCalendar(body);
      await db.transaction().execute(async (trx) => {
        const row = await slaRepository.calendar(trx, id);
        if (!row) throw notFound();
        if (row.is_default === 1 && input.isDefault === false) throw unprocessable('sla_calendar.default_required');
        await slaRepository.updateCalendar(trx, id, { name: input.name.trim(), body: JSON.stringify(body), is_default: input.isDefault || row.is_default === 1 ? 1 : 0, updated_at: clock.now() });
        if (input.isDefault) await slaRepository.clearDefaultCalendar(trx, id);
        await audit.record(trx, { action: 'sla.calendar_updated', outcome: 'success', ...performedBy(actor, origin), target: { type: 'sla_calendar', id }, details: { name: input.name, ...body } });
      });
      refresh();
      return oneCalendar(db, id);
    },

    async deleteCalendar(actor, id, origin) {
      await db.transaction().execute(async (trx) => {
        const row = await slaRepository.calendar(trx, id);
        if (!row) throw notFound();
        if (row.is_default === 1) throw unprocessable('sla_calendar.default_required');
        const inUse = (await slaRepository.policyCountsByCalendar(trx)).get(id) ?? 0;
        if (inUse > 0) throw conflict('sla_calendar.in_use', { count: inUse });
        await slaRepository.deleteCalendar(trx, id);
        await audit.record(trx, { action: 'sla.calendar_deleted', outcome: 'success', ...performedBy(actor, origin), target: { type: 'sla_calendar', id }, details: { name: row.name } });
      });
      refresh();
    },

    importIcs(ics) {
      const result = importHolidayCalendar(ics);
      if (result.holidays.length === 0 && result.workdays.length === 0 && result.skipped.length === 0) throw unprocessable('sla_calendar.ics_invalid');
      return result;
    },

    async preview(input) {
      const calendar = input.calendar ? toBusinessCalendar(calendarBodySchema.parse(input.calendar)) : await calendarById(db, input.calendarId ?? null);
      const at = input.at ?? clock.now();
      const targets = input.targets;
      const open = isOpen(calendar, at);
      return {
        at,
        openNow: open,
        nextOpening: calendar.alwaysOpen || open ? null : nextOpening(calendar, at),
        firstResponseDueAt: due(calendar, at, targets.firstResponse ? policyInputSchema.shape.targets.shape.firstResponse.parse(targets.firstResponse) : null),
        resolutionDueAt: due(calendar, at, targets.resolution ? policyInputSchema.shape.targets.shape.resolution.parse(targets.resolution) : null),
        resolutionAverageDueAt: due(calendar, at, targets.resolution ? policyInputSchema.shape.targets.shape.resolution.parse(targets.resolution) : null, true),
        callbackDueAt: due(calendar, at, targets.callback ? policyInputSchema.shape.targets.shape.callback.parse(targets.callback) : null),
      };
    },

    async listPolicies() {
      return (await slaRepository.policies(db)).map(presentPolicy);
    },

    async createPolicy(actor, input, origin) {
      const body = policyInputSchema.parse(input);
      const id = await db.transaction().execute(async (trx) => {
        await checkPolicy(trx, body);
        const now = clock.now();
        const id = await slaRepository.insertPolicy(trx, { ...policyColumns(body, now), position: await slaRepository.nextPolicyPosition(trx), created_at: now });
        await audit.record(trx, { action: 'sla.policy_created', outcome: 'success', ...performedBy(actor, origin), target: { type: 'sla_policy', id }, details: body });
        return id;
      });
      refresh();
      return presentPolicy((await slaRepository.policy(db, id))!);
    },

    async updatePolicy(actor, id, input, origin) {
      const body = policyInputSchema.parse(input);
      await db.transaction().execute(async (trx) => {
        if (!(await slaRepository.policy(trx, id))) throw notFound();
        await checkPolicy(trx, body);
        await slaRepository.updatePolicy(trx, id, policyColumns(body, clock.now()));
        await audit.record(trx, { action: 'sla.policy_updated', outcome: 'success', ...performedBy(actor, origin), target: { type: 'sla_policy', id }, details: body });
      });
      refresh();
      return presentPolicy((await slaRepository.policy(db, id))!);
    },

    async deletePolicy(actor, id, origin) {
      await db.transaction().execute(async (trx) => {
        const row = await slaRepository.policy(trx, id);
        if (!row) throw notFound();
        // Orders keep the due times they were given; they just no longer name a policy.
        await slaRepository.deletePolicy(trx, id);
        await audit.record(trx, { action: 'sla.policy_deleted', outcome: 'success', ...performedBy(actor, origin), target: { type: 'sla_policy', id }, details: { name: row.name } });
      });
      refresh();
    },

    async reorderPolicies(actor, ids, origin) {
      await db.transaction().execute(async (trx) => {
        const existing = (await slaRepository.policies(trx)).map((row) => row.id);
        if (ids.length !== existing.length || new Set(ids).size !== ids.length || existing.some((id) => !ids.includes(id))) throw unprocessable('sla_policy.order_mismatch');
        for (const [index, id] of ids.entries()) await slaRepository.updatePolicy(trx, id, { position: index + 1 });
        await audit.record(trx, { action: 'sla.policies_reordered', outcome: 'success', ...performedBy(actor, origin), target: { type: 'sla_policy', id: 'order' }, details: { ids } });
      });
      refresh();
      return (await slaRepository.policies(db)).map(presentPolicy);
    },

    async match(ex, facts) {
      const found = (await current(ex)).policies.find((policy) => policy.active && matches(policy.body.conditions, facts));
      return found ?? null;
    },

    async resolvePolicy(ex, policyId) {
      return (await current(ex)).policies.find((policy) => policy.id === policyId) ?? null;
    },

    async defaultCalendar(ex) {
      return (await current(ex)).defaultCalendar;
    },
  };
}

