import { randomUUID } from 'node:crypto';
import { ESCALATION_LEVELS, type ClockState, type SlaTarget, type SlaTargetKind, type TimeBasis } from '@kefu/contracts';
import type { Kysely, Updateable } from 'kysely';
import type { DbDialect } from '../../db/database.js';
import type { Executor } from '../../db/executor.js';
import type { Database, WorkOrderRow, WorkOrderSlaRow } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { EventBus } from '../../platform/events.js';
import { unprocessable } from '../../platform/errors.js';
import type { NewNotification, Notifier } from '../notifications/notifications.types.js';
import { workOrdersRepository } from '../work-orders/work-orders.repository.js';
import { addBusinessTime, type BusinessCalendar, type Pause } from './calendar.js';
import { budgetUntil, clockState, deliverableAt, MINUTE, planClock, planPromise, type StoredClock } from './clocks.js';
import type { OrderFacts, ResolvedPolicy, SlaConfigService } from './sla-config.service.js';
import { slaRepository } from './sla.repository.js';

/** Column prefix of each clock in `work_order_sla`. */
const COLUMN: Record<SlaTargetKind, 'response' | 'resolution' | 'callback'> = { firstResponse: 'response', resolution: 'resolution', callback: 'callback' };
const KINDS: readonly SlaTargetKind[] = ['firstResponse', 'resolution', 'callback'];

/** How long a sweeper owns the clocks it claimed; another node may take them over after. */
const CLAIM_LEASE_MS = 60_000;

type SlaValues = Updateable<Database['work_order_sla']>;

/** The clock columns of one kind, read as a clock (null when the order has no such target, or it has not started). */
export function storedClock(row: WorkOrderSlaRow, kind: SlaTargetKind): StoredClock | null {
  const prefix = COLUMN[kind];
  const record = row as unknown as Record<string, number | string | null>;
  const maxMinutes = record[`${prefix}_max_minutes`] as number | null;
  const startedAt = record[`${prefix}_started_at`] as number | null;
  const dueAt = record[`${prefix}_due_at`] as number | null;
  if (maxMinutes === null || startedAt === null || dueAt === null) return null;
  return {
    kind,
    basis: record[`${prefix}_basis`] as TimeBasis,
    maxMinutes,
    averageMinutes: record[`${prefix}_average_minutes`] as number | null,
    startedAt,
    dueAt,
    warnAt: record[`${prefix}_warn_at`] as number,
    doneAt: record[`${prefix}_done_at`] as number | null,
  };
}

function flag(row: WorkOrderSlaRow, kind: SlaTargetKind, which: 'warned' | 'breached'): boolean {
  return (row as unknown as Record<string, number>)[`${COLUMN[kind]}_${which}`] === 1;
}

export function pausesOf(row: WorkOrderSlaRow): Pause[] {
  return JSON.parse(row.pauses) as Pause[];
}

/** The state the workspace shows for an order: its resolution clock, else its first-response clock. */
export function headlineState(row: WorkOrderSlaRow, now: number): ClockState | null {
  const clock = storedClock(row, 'resolution') ?? storedClock(row, 'firstResponse');
  return clock ? clockState(clock, now, row.paused_since !== null) : null;
}

export interface OrderClocks {
  /** Before intake writes the order: the policy that applies and the due time to store on it. */
  planIntake(ex: Executor, facts: OrderFacts, now: number, promisedAt: number | null, actor: Actor, answered: boolean): Promise<IntakePlan>;
  /** After intake wrote the order: starts its clocks. */
  start(ex: Executor, orderId: number, plan: IntakePlan): Promise<void>;
  /**
   * A status change: accept (with the promise), suspend/resume (pauses), resolve, callback,
   * close, cancel, reopen. Returns the order's new due time when it changes.
   */
  transition(ex: Executor, order: WorkOrderRow, action: string, actor: Actor, promisedAt: number | undefined): Promise<{ dueAt?: number | null }>;
  /** Whether the order's due time is kept by a resolution clock (then only a postponement moves it). */
  hasPromiseClock(ex: Executor, orderId: number): Promise<boolean>;
  /** The first reply or dispatch answers the first-response target. */
  responded(ex: Executor, orderId: number): Promise<void>;
  /** Type, category, channel, priority or the customer's tier changed: match the policy again. */
  recompute(ex: Executor, order: WorkOrderRow, reasons: readonly string[], actor: Actor | null): Promise<{ dueAt?: number | null }>;
  /** A customer's tier changed: every open order of theirs is matched again (and its due time moved if the policy changes). */
  recomputeForCustomer(ex: Executor, customerId: number, actor: Actor): Promise<void>;
  /** A complaint level restarts the resolution clock with the level's own limit (calendar time). */
  restartResolution(ex: Executor, order: WorkOrderRow, limitMinutes: number, reason: string, actor: Actor | null): Promise<number>;
  /** People at a level of the ladder for this order (team leader / department head / director). */
  ladder(ex: Executor, order: WorkOrderRow, level: number): Promise<number[]>;
  /** The calendar and escalation times that apply to an order (its policy's, else the defaults). */
  contextOf(ex: Executor, row: WorkOrderSlaRow | undefined): Promise<{ policy: ResolvedPolicy | null; calendar: BusinessCalendar; escalationMinutes: Record<string, number> }>;
  /** A row for an order that has none yet (orders without a policy can still be escalated). */
  ensureRow(ex: Executor, orderId: number, now: number): Promise<WorkOrderSlaRow>;
  /** When the sweeper must look at this row next. */
  nextCheck(row: WorkOrderSlaRow, escalationDue: number | null): number | null;
  /** One pass of the sweeper: every due warning, breach and superior's deadline, each exactly once. */
  sweep(limit?: number): Promise<{ claimed: number; notifications: number }>;
  /** Raises the order one level (or to the director in an emergency), notifying the right people. */
  escalate(ex: Executor, order: WorkOrderRow, row: WorkOrderSlaRow, kind: 'breach' | 'timeout' | 'manual' | 'emergency', raisedBy: Actor | null, proposedHandling: string | null, now: number): Promise<NewNotification[]>;
}

export interface IntakePlan {
  policy: ResolvedPolicy | null;
  dueAt: number | null;
  values: Omit<Database['work_order_sla'], 'order_id'> | null;
}

const DEFAULT_ESCALATION_MINUTES = { team_leader: 120, department_head: 240, center_director: 480 };

export function createOrderClocks(deps: {
  db: Kysely<Database>;
  dialect: DbDialect;
  clock: Clock;
  config: SlaConfigService;
  notifier: Notifier;
  bus: EventBus;
}): OrderClocks {
  const { db, dialect, clock, config, notifier, bus } = deps;

  /** A clock's columns from its target, started at `startedAt` (null: not yet), running to `promise` when one was given. */
  function clockColumns(kind: SlaTargetKind, target: SlaTarget | null, calendar: BusinessCalendar, startedAt: number | null, promise: number | null, pauses: readonly Pause[], warnAtPercent: number): Record<string, number | string | null> {
    const prefix = COLUMN[kind];
    if (!target) {
      return { [`${prefix}_max_minutes`]: null, [`${prefix}_average_minutes`]: null, [`${prefix}_basis`]: null, [`${prefix}_started_at`]: null, [`${prefix}_due_at`]: null, [`${prefix}_warn_at`]: null };
    }
    const plan =
      startedAt === null
        ? null
        : promise !== null
          ? planPromise(calendar, target.basis, startedAt, promise, pauses, warnAtPercent)
          : planClock(calendar, target.basis, startedAt, target.maxMinutes * MINUTE, pauses, warnAtPercent);
    return {
      [`${prefix}_max_minutes`]: target.maxMinutes,
      [`${prefix}_average_minutes`]: target.averageMinutes,
      [`${prefix}_basis`]: target.basis,
      [`${prefix}_started_at`]: plan?.startedAt ?? null,
      [`${prefix}_due_at`]: plan?.dueAt ?? null,
      [`${prefix}_warn_at`]: plan?.warnAt ?? null,
    };
  }

  async function contextOf(ex: Executor, row: WorkOrderSlaRow | undefined) {
    const policy = row?.policy_id ? await config.resolvePolicy(ex, row.policy_id) : null;
    const calendar = policy?.calendar ?? (await config.defaultCalendar(ex));
    return { policy, calendar, escalationMinutes: policy?.body.escalationMinutes ?? DEFAULT_ESCALATION_MINUTES };
  }

  function latestPromise(policy: ResolvedPolicy, startedAt: number): number | null {
    const target = policy.body.targets.resolution;
    return target ? planClock(policy.calendar, target.basis, startedAt, target.maxMinutes * MINUTE, [], 100).dueAt : null;
  }

  function checkPromise(promisedAt: number, latest: number | null, now: number, actor: Actor, timeZone: string): void {
    if (promisedAt <= now) throw unprocessable('sla.promise_in_past');
    if (latest !== null && promisedAt > latest && !actor.permissions.has('work_orders.supervise')) {
      throw unprocessable('sla.promise_beyond_policy', { latest: formatInZone(latest, timeZone) });
    }
  }

  /** Re-plans every running clock after pauses changed or the budget moved, keeping each clock's budget. */
  function replan(row: WorkOrderSlaRow, calendar: BusinessCalendar, warnAtPercent: number, newPauses: readonly Pause[]): SlaValues {
    const values: Record<string, number | string | null> = {};
    for (const kind of KINDS) {
      const stored = storedClock(row, kind);
      if (!stored || stored.doneAt !== null) continue;
      const budget = budgetUntil(calendar, stored.basis, stored.startedAt, stored.dueAt, pausesOf(row));
      const plan = planClock(calendar, stored.basis, stored.startedAt, budget, newPauses, warnAtPercent);
      values[`${COLUMN[kind]}_due_at`] = plan.dueAt;
      values[`${COLUMN[kind]}_warn_at`] = plan.warnAt;
    }
    return values as SlaValues;
  }

  function nextCheck(row: WorkOrderSlaRow, escalationDue: number | null): number | null {
    let next: number | null = escalationDue;
    const consider = (at: number) => {
      next = next === null ? at : Math.min(next, at);
    };
    if (row.paused_since === null) {
      for (const kind of KINDS) {
        const stored = storedClock(row, kind);
        if (!stored || stored.doneAt !== null) continue;
        if (!flag(row, kind, 'warned')) consider(stored.warnAt);
        else if (!flag(row, kind, 'breached')) consider(stored.dueAt);
      }
    }
    return next;
  }

  async function awaitingEscalationDue(ex: Executor, orderId: number): Promise<number | null> {
    const awaiting = (await slaRepository.escalations(ex, orderId)).filter((escalation) => escalation.status === 'awaiting' && escalation.to_level < ESCALATION_LEVELS.length - 1);
    return awaiting.length === 0 ? null : Math.min(...awaiting.map((escalation) => escalation.respond_by));
  }

  /** Writes the row's changes and re-derives when the sweeper must look next. */
  async function save(ex: Executor, row: WorkOrderSlaRow, values: SlaValues, now: number): Promise<WorkOrderSlaRow> {
    const next = { ...row, ...values, updated_at: now } as WorkOrderSlaRow;
    next.next_check_at = nextCheck(next, await awaitingEscalationDue(ex, row.order_id));
    const { order_id: _orderId, ...columns } = next;
    await slaRepository.updateOrderSla(ex, row.order_id, columns);
    return next;
  }

  async function addEvent(ex: Executor, orderId: number, kind: string, actor: Actor | null, data: Record<string, unknown>, at: number): Promise<void> {
    await workOrdersRepository.addEvents(ex, [
      { order_id: orderId, at, kind, actor_id: actor?.userId ?? null, actor_name: actor?.displayName ?? null, from_status: null, to_status: null, data: JSON.stringify(data) },
    ]);
  }

  function resolutionDue(row: WorkOrderSlaRow): number | null {
    return storedClock(row, 'resolution')?.dueAt ?? null;
  }

  async function ladder(ex: Executor, order: WorkOrderRow, level: number): Promise<number[]> {
    const code = ESCALATION_LEVELS[level];
    if (!code || code === 'agent') return [];
    if (code === 'center_director') return (await slaRepository.activeUsersWithRole(ex, code, null)).map((user) => user.id);
    const home = order.department_id ?? order.owner_department_id;
    if (home === null) return [];
    const chain = await slaRepository.departmentChain(ex, home);
    const holders = await slaRepository.activeUsersWithRole(ex, code, chain);
    // The nearest unit up the tree that has someone in that role.
    for (const departmentId of chain) {
      const here = holders.filter((user) => user.department_id === departmentId).map((user) => user.id);
      if (here.length > 0) return here;
    }
    return [];
  }

  async function ensureRow(ex: Executor, orderId: number, now: number): Promise<WorkOrderSlaRow> {
    const existing = await slaRepository.orderSlaForUpdate(ex, dialect, orderId);
    if (existing) return existing;
    const row: WorkOrderSlaRow = { ...emptyRow(now), order_id: orderId };
    await slaRepository.insertOrderSla(ex, row);
    return row;
  }

  async function escalate(
    ex: Executor,
    order: WorkOrderRow,
    row: WorkOrderSlaRow,
    kind: 'breach' | 'timeout' | 'manual' | 'emergency',
    raisedBy: Actor | null,
    proposedHandling: string | null,
    now: number,
  ): Promise<NewNotification[]> {
    const top = ESCALATION_LEVELS.length - 1;
    const fromLevel = row.escalation_level;
    if (fromLevel >= top) return [];
    const toLevel = kind === 'emergency' ? top : fromLevel + 1;
    const skipped = kind === 'emergency' ? Array.from({ length: toLevel - fromLevel - 1 }, (_, index) => fromLevel + 1 + index) : [];
    const { calendar, escalationMinutes } = await contextOf(ex, row);
    const levelCode = ESCALATION_LEVELS[toLevel]!;
    const respondBy = addBusinessTime(calendar, now, ((escalationMinutes as Record<string, number>)[levelCode] ?? 120) * MINUTE);
    await slaRepository.supersedeAwaiting(ex, order.id);
    const escalationId = await slaRepository.insertEscalation(ex, {
      order_id: order.id,
      kind,
      from_level: fromLevel,
      to_level: toLevel,
      skipped_levels: JSON.stringify(skipped.map((level) => ESCALATION_LEVELS[level])),
      raised_by: raisedBy?.userId ?? null,
      raised_at: now,
      proposed_handling: proposedHandling,
      respond_by: respondBy,
      instruction: null,
      instructed_by: null,
      instructed_at: null,
      status: 'awaiting',
    });
    await save(ex, row, { escalation_level: toLevel }, now);
    await addEvent(ex, order.id, 'escalated', raisedBy, { kind, from: ESCALATION_LEVELS[fromLevel], to: levelCode, proposedHandling, skipped: skipped.map((level) => ESCALATION_LEVELS[level]) }, now);
    const data = { number: order.number, escalationId, kind, level: levelCode };
    const notifications: NewNotification[] = (await ladder(ex, order, toLevel)).map((userId) => ({ userId, kind: 'sla.escalated', workOrderId: order.id, actorId: raisedBy?.userId ?? null, data }));
    for (const level of skipped) {
      for (const userId of await ladder(ex, order, level)) {
        notifications.push({ userId, kind: 'sla.escalation_informed', workOrderId: order.id, actorId: raisedBy?.userId ?? null, data: { ...data, informedAs: ESCALATION_LEVELS[level] } });
      }
    }
    return notifications;
  }

  /** Handler, owner and the team leader hear of a warning or a breach. */
  async function clockAudience(ex: Executor, order: WorkOrderRow): Promise<number[]> {
    const leaders = await ladder(ex, order, 1);
    return [...new Set([order.handler_id, order.owner_id, ...leaders].filter((id): id is number => id !== null))];
  }

  /** Everything due on one claimed row, in one transaction; returns what was sent. */
  async function processClaimed(orderId: number, token: string): Promise<Array<{ id: number; userId: number }>> {
    let order: WorkOrderRow | undefined;
    const created = await db.transaction().execute(async (trx) => {
      const now = clock.now();
      let row = await slaRepository.orderSlaForUpdate(trx, dialect, orderId);
      // Another sweeper took the row over after our lease ran out: it is theirs now.
      if (!row || row.claim_token !== token) return [];
      order = await workOrdersRepository.find(trx, orderId);
      if (!order || order.deleted_at !== null || order.status === 'cancelled') {
        // A binned order may be restored: its clock stays due (claimDue passes binned orders by)
        // and runs on once it is back. A cancelled or vanished one is finished for good.
        const finished = !order || order.status === 'cancelled';
        await slaRepository.updateOrderSla(trx, orderId, { ...(finished ? { next_check_at: null } : {}), claimed_until: null, claim_token: null });
        return [];
      }
      const { policy, calendar } = await contextOf(trx, row);
      const deliverFrom = deliverableAt(calendar, policy?.body.notifyOutsideHours ?? false, now);
      const notifications: NewNotification[] = [];
      const values: Record<string, number> = {};
      let breachedResolution = false;
      if (deliverFrom <= now && row.paused_since === null) {
        for (const kind of KINDS) {
          const stored = storedClock(row, kind);
          if (!stored || stored.doneAt !== null || flag(row, kind, 'breached')) continue;
          const prefix = COLUMN[kind];
          if (now >= stored.dueAt) {
            // A breach makes a warning that was never sent (it waited for opening hours) moot.
            values[`${prefix}_breached`] = 1;
            values[`${prefix}_warned`] = 1;
            await addEvent(trx, orderId, 'sla_breached', null, { clock: kind, dueAt: stored.dueAt }, now);
            for (const userId of await clockAudience(trx, order)) notifications.push({ userId, kind: 'sla.breached', workOrderId: orderId, actorId: null, data: { number: order.number, clock: kind, dueAt: stored.dueAt } });
            if (kind !== 'callback') breachedResolution = true;
          } else if (now >= stored.warnAt && !flag(row, kind, 'warned')) {
            values[`${prefix}_warned`] = 1;
            await addEvent(trx, orderId, 'sla_warning', null, { clock: kind, dueAt: stored.dueAt }, now);
            for (const userId of await clockAudience(trx, order)) notifications.push({ userId, kind: 'sla.warning', workOrderId: orderId, actorId: null, data: { number: order.number, clock: kind, dueAt: stored.dueAt } });
          }
        }
      }
      row = await save(trx, row, values as SlaValues, now);
      if (deliverFrom <= now) {
        const overdue = (await slaRepository.escalations(trx, orderId)).find((escalation) => escalation.status === 'awaiting' && escalation.respond_by <= now);
        if (breachedResolution && !overdue && !(await hasAwaiting(trx, orderId))) {
          notifications.push(...(await escalate(trx, order, row, 'breach', null, null, now)));
        } else if (overdue) {
          notifications.push(...(await escalate(trx, order, row, 'timeout', null, null, now)));
        }
      }
      row = (await slaRepository.orderSla(trx, orderId))!;
      const next = nextCheck(row, await awaitingEscalationDue(trx, orderId));
      // Outside opening hours nothing is sent: look again when the calendar opens.
      const nextAt = next === null ? null : deliverFrom > now ? Math.max(next, deliverFrom) : next;
      await slaRepository.updateOrderSla(trx, orderId, { next_check_at: nextAt, claimed_until: null, claim_token: null });
      return notifier.notify(trx, notifications);
    });
    notifier.announce(created);
    if (order && created.length > 0) {
      bus.publish({
        event: { type: 'work_order.changed', orderId: order.id, number: order.number },
        audience: { userIds: [...new Set([order.owner_id, order.handler_id, ...created.map((item) => item.userId)].filter((id): id is number => id !== null))], departmentIds: [order.department_id, order.owner_department_id].filter((id): id is number => id !== null) },
      });
    }
    return created;
  }

  async function hasAwaiting(ex: Executor, orderId: number): Promise<boolean> {
    return (await slaRepository.escalations(ex, orderId)).some((escalation) => escalation.status === 'awaiting');
  }

  const api: OrderClocks = {
    contextOf,
    ladder,
    ensureRow,
    nextCheck,
    escalate,

    async planIntake(ex, facts, now, promisedAt, actor, answered) {
      const policy = await config.match(ex, facts);
      if (!policy) return { policy: null, dueAt: promisedAt, values: null };
      const latest = latestPromise(policy, now);
      if (promisedAt !== null && !answered) checkPromise(promisedAt, latest, now, actor, policy.calendar.timeZone);
      const { targets } = policy.body;
      const promise = answered ? null : promisedAt;
      const values = {
        ...emptyRow(now),
        policy_id: policy.id,
        ...clockColumns('firstResponse', targets.firstResponse, policy.calendar, now, null, [], policy.body.warnAtPercent),
        ...clockColumns('resolution', targets.resolution, policy.calendar, now, promise, [], policy.body.warnAtPercent),
        ...clockColumns('callback', targets.callback, policy.calendar, null, null, [], policy.body.warnAtPercent),
        promised_at: promise,
        promise_explicit: promise === null ? 0 : 1,
      } as Omit<WorkOrderSlaRow, 'order_id'>;
      if (answered) {
        // Answered on the spot: responded and resolved at first contact.
        if (values.response_due_at !== null) values.response_done_at = now;
        if (values.resolution_due_at !== null) values.resolution_done_at = now;
      }
      values.next_check_at = nextCheck({ ...values, order_id: 0 }, null);
      return { policy, dueAt: values.resolution_due_at ?? promisedAt, values };
    },

    async start(ex, orderId, plan) {
      if (!plan.values) return;
      await slaRepository.insertOrderSla(ex, { ...plan.values, order_id: orderId });
      await addEvent(ex, orderId, 'sla_applied', null, { policy: plan.policy?.name, dueAt: plan.dueAt }, plan.values.updated_at);
    },

    async transition(ex, order, action, actor, promisedAt) {
      const now = clock.now();
      const row = await slaRepository.orderSlaForUpdate(ex, dialect, order.id);
      if (!row) return promisedAt !== undefined && action === 'accept' ? { dueAt: promisedAt } : {};
      const { policy, calendar } = await contextOf(ex, row);
      const warnAtPercent = policy?.body.warnAtPercent ?? 75;
      const values: Record<string, number | string | null> = {};
      const done = (kind: SlaTargetKind) => {
        const stored = storedClock(row, kind);
        if (stored && stored.doneAt === null) values[`${COLUMN[kind]}_done_at`] = now;
      };
      let dueAt: number | null | undefined;
      switch (action) {
        case 'accept': {
          done('firstResponse');
          const resolution = storedClock(row, 'resolution');
          if (promisedAt !== undefined && resolution) {
            const latest = policy ? latestPromise(policy, row.started_at) : null;
            checkPromise(promisedAt, latest, now, actor, calendar.timeZone);
            const plan = planPromise(calendar, resolution.basis, resolution.startedAt, promisedAt, pausesOf(row), warnAtPercent);
            Object.assign(values, { promised_at: promisedAt, promise_explicit: 1, resolution_due_at: plan.dueAt, resolution_warn_at: plan.warnAt, resolution_warned: 0, resolution_breached: 0 });
            dueAt = plan.dueAt;
            await addEvent(ex, order.id, 'promised', actor, { promisedAt }, now);
          } else if (promisedAt !== undefined) {
            dueAt = promisedAt;
            await addEvent(ex, order.id, 'promised', actor, { promisedAt }, now);
          } else if (resolution && row.promised_at === null) {
            // The policy's time is what the customer is told when the agent names none.
            values.promised_at = resolution.dueAt;
          }
          break;
        }
        case 'start':
          done('firstResponse');
          break;
        case 'suspend':
          values.paused_since = now;
          break;
        case 'resume': {
          if (row.paused_since === null) break;
          const pauses = [...pausesOf(row), { from: row.paused_since, to: now }];
          Object.assign(values, replan(row, calendar, warnAtPercent, pauses), { pauses: JSON.stringify(pauses), paused_since: null });
          // The promise moves with the clock it sets: a recompute re-plans from the promise and,
          // were it left behind, would take the time spent suspended off the order again.
          if (row.promised_at !== null && values.resolution_due_at !== undefined) values.promised_at = values.resolution_due_at;
          dueAt = (values.resolution_due_at as number | undefined) ?? undefined;
          break;
        }
        case 'confirm': {
          done('firstResponse');
          done('resolution');
          const callback = policy?.body.targets.callback;
          if (callback) Object.assign(values, clockColumns('callback', callback, calendar, now, null, pausesOf(row), warnAtPercent), { callback_done_at: null, callback_warned: 0, callback_breached: 0 });
          break;
        }
        case 'record_callback':
        case 'close':
          done('callback');
          break;
        case 'reopen':
          Object.assign(values, { resolution_done_at: null, callback_started_at: null, callback_due_at: null, callback_warn_at: null, callback_done_at: null });
          break;
        case 'cancel':
          Object.assign(values, { next_check_at: null });
          break;
        default:
          break;
      }
      if (Object.keys(values).length > 0) {
        const saved = await save(ex, row, values as SlaValues, now);
        if (action === 'cancel') await slaRepository.updateOrderSla(ex, order.id, { next_check_at: null });
        if (action === 'reopen') dueAt = resolutionDue(saved);
      }
      return dueAt === undefined ? {} : { dueAt };
    },

    async hasPromiseClock(ex, orderId) {
      const row = await slaRepository.orderSla(ex, orderId);
      return row !== undefined && storedClock(row, 'resolution') !== null;
    },

    async responded(ex, orderId) {
      const row = await slaRepository.orderSlaForUpdate(ex, dialect, orderId);
      if (!row) return;
      const stored = storedClock(row, 'firstResponse');
      if (!stored || stored.doneAt !== null) return;
      await save(ex, row, { response_done_at: clock.now() }, clock.now());
    },

    async recompute(ex, order, reasons, actor) {
      const now = clock.now();
      const tier = order.customer_id === null ? null : await slaRepository.customerTier(ex, order.customer_id);
      const categoryIds = await categoryChain(ex, order.category_id);
      const policy = await config.match(ex, { type: order.type, categoryIds, channel: order.channel, tier, priority: order.priority });
      const row = await slaRepository.orderSlaForUpdate(ex, dialect, order.id);
      if (!row && !policy) return {};
      const current = row ?? { ...emptyRow(order.created_at), order_id: order.id };
      if (!row) await slaRepository.insertOrderSla(ex, current);
      if (row && row.policy_id === (policy?.id ?? null) && reasons.every((reason) => reason !== 'policy')) {
        // Same policy, same targets: nothing moves (a tier change that keeps the rule, say).
        return {};
      }
      const pauses = pausesOf(current);
      const values: Record<string, number | string | null> = { policy_id: policy?.id ?? null };
      // A complaint's resolution clock runs to its level's own limit (CMP-1), which no service policy moves.
      const keepResolution = await slaRepository.isComplaint(ex, order.id);
      if (policy) {
        const { targets, warnAtPercent } = policy.body;
        const started = current.started_at;
        Object.assign(values, clockColumns('firstResponse', targets.firstResponse, policy.calendar, started, null, pauses, warnAtPercent));
        // A time the agent told the customer stands; the policy's own default follows the new policy.
        const promise = current.promise_explicit === 1 ? current.promised_at : null;
        if (!keepResolution) {
          Object.assign(values, clockColumns('resolution', targets.resolution, policy.calendar, started, promise, pauses, warnAtPercent));
          if (promise === null && current.promised_at !== null) values.promised_at = (values.resolution_due_at as number | null) ?? current.promised_at;
        }
        const callbackStart = storedClock(current, 'callback')?.startedAt ?? null;
        Object.assign(values, clockColumns('callback', targets.callback, policy.calendar, callbackStart, null, pauses, warnAtPercent));
        for (const kind of KINDS) {
          const due = values[`${COLUMN[kind]}_due_at`] as number | null;
          // A clock given more time may warn and breach again; one already overdue stays breached.
          if (due !== null && due > now) Object.assign(values, { [`${COLUMN[kind]}_warned`]: 0, [`${COLUMN[kind]}_breached`]: 0 });
        }
      } else {
        for (const kind of KINDS) if (kind !== 'resolution' || !keepResolution) Object.assign(values, clockColumns(kind, null, await config.defaultCalendar(ex), null, null, [], 75));
      }
      const saved = await save(ex, current, values as SlaValues, now);
      const dueAt = resolutionDue(saved) ?? current.promised_at;
      await addEvent(ex, order.id, 'sla_recomputed', actor, { reasons, policy: policy?.name ?? null, from: resolutionDue(current), to: dueAt }, now);
      return { dueAt };
    },

    async recomputeForCustomer(ex, customerId, actor) {
      for (const orderId of await slaRepository.openOrdersOfCustomer(ex, customerId)) {
        const order = await workOrdersRepository.find(ex, orderId);
        if (!order || order.resolved_at !== null) continue;
        const { dueAt } = await api.recompute(ex, order, ['tier'], actor);
        if (dueAt !== undefined && dueAt !== order.due_at) await workOrdersRepository.update(ex, orderId, { due_at: dueAt, updated_at: clock.now() });
      }
    },

    async restartResolution(ex, order, limitMinutes, reason, actor) {
      const now = clock.now();
      const row = await ensureRow(ex, order.id, now);
      const { policy, calendar } = await contextOf(ex, row);
      const target: SlaTarget = { maxMinutes: limitMinutes, averageMinutes: null, basis: 'calendar' };
      const values = {
        ...clockColumns('resolution', target, calendar, now, null, [], policy?.body.warnAtPercent ?? 75),
        resolution_done_at: null,
        resolution_warned: 0,
        resolution_breached: 0,
        promised_at: null,
        promise_explicit: 0,
      };
      const saved = await save(ex, row, values as SlaValues, now);
      const dueAt = resolutionDue(saved)!;
      await addEvent(ex, order.id, 'sla_recomputed', actor, { reasons: [reason], from: resolutionDue(row), to: dueAt }, now);
      return dueAt;
    },

    async sweep(limit = 200) {
      const token = randomUUID();
      const claimed = await db.transaction().execute((trx) => slaRepository.claimDue(trx, dialect, clock.now(), CLAIM_LEASE_MS, token, limit));
      let notifications = 0;
      for (const orderId of claimed) notifications += (await processClaimed(orderId, token)).length;
      return { claimed: claimed.length, notifications };
    },
  };
  return api;
}

/** A category and its ancestors: a policy naming 宽带业务 also covers 宽带故障. */
export async function categoryChain(ex: Executor, categoryId: number): Promise<number[]> {
  const chain: number[] = [];
  let current: number | null = categoryId;
  while (current !== null && !chain.includes(current)) {
    chain.push(current);
    const row: { parent_id: number | null } | undefined = await ex.selectFrom('work_order_category').select('parent_id').where('id', '=', current).executeTakeFirst();
    current = row?.parent_id ?? null;
  }
  return chain;
}

function emptyRow(now: number): Omit<WorkOrderSlaRow, 'order_id'> {
  const clocks: Record<string, number | string | null> = {};
  for (const prefix of Object.values(COLUMN)) {
    Object.assign(clocks, {
      [`${prefix}_max_minutes`]: null,
      [`${prefix}_average_minutes`]: null,
      [`${prefix}_basis`]: null,
      [`${prefix}_started_at`]: null,
      [`${prefix}_due_at`]: null,
      [`${prefix}_warn_at`]: null,
      [`${prefix}_done_at`]: null,
      [`${prefix}_warned`]: 0,
      [`${prefix}_breached`]: 0,
    });
  }
  return {
    policy_id: null,
    started_at: now,
    pauses: '[]',
    paused_since: null,
    ...(clocks as unknown as Omit<WorkOrderSlaRow, 'order_id' | 'policy_id' | 'started_at' | 'pauses' | 'paused_since' | 'promised_at' | 'promise_explicit' | 'postpone_count' | 'violations' | 'escalation_level' | 'next_check_at' | 'claimed_until' | 'claim_token' | 'updated_at'>),
    promised_at: null,
    promise_explicit: 0,
    postpone_count: 0,
    violations: 0,
    escalation_level: 0,
    next_check_at: null,
    claimed_until: null,
    claim_token: null,
    updated_at: now,
  };
}

const formats = new Map<string, Intl.DateTimeFormat>();
/** 'YYYY-MM-DD HH:mm' in a zone, for messages. */
export function formatInZone(at: number, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
    formats.set(timeZone, format);
  }
  return format.format(at);
}
