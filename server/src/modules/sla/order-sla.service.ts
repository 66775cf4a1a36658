import { ESCALATION_LEVELS, SUPERIOR_LEVELS, type EscalateInput, type Escalation, type OrderSla, type PostponeInput, type SuperiorLevel, type WorkOrderStatus } from '@kefu/contracts';
import type { Kysely } from 'kysely';
import type { DbDialect } from '../../db/database.js';
import type { Executor } from '../../db/executor.js';
import type { Database, WorkOrderRow } from '../../db/schema.js';
import type { Actor, RequestOrigin } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { forbidden, notFound, unprocessable } from '../../platform/errors.js';
import { performedBy, type AuditService } from '../audit/audit.service.js';
import { FINAL } from '../work-orders/state-machine.js';
import { workOrderPolicy } from '../work-orders/work-orders.policy.js';
import { workOrdersRepository } from '../work-orders/work-orders.repository.js';
import type { WorkOrdersService } from '../work-orders/work-orders.service.js';
import { clockState, planClock, planPromise, remainingMs } from './clocks.js';
import { formatInZone, pausesOf, storedClock, type OrderClocks } from './order-clocks.js';
import { slaRepository } from './sla.repository.js';

/** Statuses in which the promise may still move: the order is not yet resolved. */
const PROMISE_STATUSES: readonly WorkOrderStatus[] = ['new', 'accepted', 'in_progress', 'pending_confirmation', 'suspended'];

/** The rank on the ladder a user's roles give them (0: none of the superior roles). */
function ladderRank(roleCodes: readonly string[]): number {
  return Math.max(0, ...roleCodes.map((code) => ESCALATION_LEVELS.indexOf(code as (typeof ESCALATION_LEVELS)[number])));
}

export interface OrderSlaService {
  get(actor: Actor, orderId: number): Promise<OrderSla>;
  postpone(actor: Actor, orderId: number, input: PostponeInput, origin: RequestOrigin): Promise<OrderSla>;
  escalate(actor: Actor, orderId: number, input: EscalateInput): Promise<OrderSla>;
  instruct(actor: Actor, orderId: number, escalationId: number, instruction: string): Promise<OrderSla>;
}

export function createOrderSlaService(deps: { db: Kysely<Database>; dialect: DbDialect; clock: Clock; audit: AuditService; clocks: OrderClocks; workOrders: WorkOrdersService }): OrderSlaService {
  const { db, clock, audit, clocks, workOrders } = deps;

  async function mayWork(ex: Executor, actor: Actor, order: WorkOrderRow): Promise<boolean> {
    if (!actor.permissions.has('work_orders.handle')) return false;
    return workOrderPolicy.isSupervisor(actor) || workOrderPolicy.isParty(actor, order, await workOrdersRepository.steps(ex, order.id));
  }

  async function present(actor: Actor, order: WorkOrderRow): Promise<OrderSla> {
    const now = clock.now();
    const row = await slaRepository.orderSla(db, order.id);
    const { policy, calendar } = await clocks.contextOf(db, row);
    const [postponements, escalations, roleCodes] = await Promise.all([
      slaRepository.postponements(db, order.id),
      slaRepository.escalations(db, order.id),
      slaRepository.roleCodesOf(db, actor.userId),
    ]);
    const names = await workOrdersRepository.userNames(db, escalations.flatMap((escalation) => [escalation.raised_by, escalation.instructed_by]).filter((id): id is number => id !== null));
    const rank = ladderRank(roleCodes);
    const paused = row?.paused_since !== null && row?.paused_since !== undefined;
    const pauses = row ? pausesOf(row) : [];
    const open = PROMISE_STATUSES.includes(order.status as WorkOrderStatus) && order.deleted_at === null;
    const works = await mayWork(db, actor, order);
    const resolutionTarget = policy?.body.targets.resolution ?? null;
    return {
      policy: policy ? { id: policy.id, name: policy.name } : null,
      timeZone: calendar.timeZone,
      paused,
      pauses: [...pauses.map((pause) => ({ from: pause.from, to: pause.to })), ...(paused ? [{ from: row!.paused_since!, to: null }] : [])],
      clocks: row
        ? (['firstResponse', 'resolution', 'callback'] as const).flatMap((kind) => {
            const stored = storedClock(row, kind);
            if (!stored) return [];
            return [
              {
                kind,
                basis: stored.basis,
                targetMinutes: stored.maxMinutes,
                averageMinutes: stored.averageMinutes,
                startedAt: stored.startedAt,
                dueAt: stored.dueAt,
                warnAt: stored.warnAt,
                completedAt: stored.doneAt,
                state: clockState(stored, now, paused),
                remainingMs: remainingMs(calendar, stored, now, pauses, row.paused_since),
              },
            ];
          })
        : [],
      promisedAt: row?.promised_at ?? order.due_at,
      latestPromiseAt: resolutionTarget && row ? planClock(calendar, resolutionTarget.basis, row.started_at, resolutionTarget.maxMinutes * 60_000, pauses, 100).dueAt : null,
      postponements: postponements.map((postponement) => ({
        at: postponement.at,
        by: { id: postponement.by_id, name: postponement.by_name },
        from: postponement.from_at,
        to: postponement.to_at,
        reason: postponement.reason,
        noticeMethod: postponement.notice_method as OrderSla['postponements'][number]['noticeMethod'],
        noticeNote: postponement.notice_note,
        override: postponement.override === 1,
      })),
      violations: row?.violations ?? 0,
      escalationLevel: ESCALATION_LEVELS[row?.escalation_level ?? 0]!,
      escalations: escalations.map(
        (escalation): Escalation => ({
          id: escalation.id,
          kind: escalation.kind as Escalation['kind'],
          fromLevel: ESCALATION_LEVELS[escalation.from_level]!,
          toLevel: ESCALATION_LEVELS[escalation.to_level] as SuperiorLevel,
          skippedLevels: JSON.parse(escalation.skipped_levels) as SuperiorLevel[],
          raisedBy: escalation.raised_by === null ? null : { id: escalation.raised_by, name: names.get(escalation.raised_by) ?? '' },
          raisedAt: escalation.raised_at,
          proposedHandling: escalation.proposed_handling,
          respondBy: escalation.respond_by,
          instruction: escalation.instruction,
          instructedBy: escalation.instructed_by === null ? null : { id: escalation.instructed_by, name: names.get(escalation.instructed_by) ?? '' },
          instructedAt: escalation.instructed_at,
          status: escalation.status as Escalation['status'],
          canInstruct: escalation.status === 'awaiting' && rank >= escalation.to_level,
        }),
      ),
      canPostpone: open && works && row !== undefined && storedClock(row, 'resolution') !== null && row.postpone_count === 0,
      canOverride: open && workOrderPolicy.isSupervisor(actor) && row !== undefined && storedClock(row, 'resolution') !== null,
      canEscalate: open && works && (row?.escalation_level ?? 0) < ESCALATION_LEVELS.length - 1,
    };
  }

  return {
    async get(actor, orderId) {
      const order = await workOrders.loadVisible(db, actor, orderId, { includeBinned: true });
      return present(actor, order);
    },

    async postpone(actor, orderId, input, origin) {
      const order = await workOrders.inTransaction(async (trx, effects) => {
        const order = await workOrders.loadVisible(trx, actor, orderId, { forUpdate: true });
        if (!PROMISE_STATUSES.includes(order.status as WorkOrderStatus)) throw unprocessable('sla.order_finished');
        if (!(await mayWork(trx, actor, order))) throw forbidden('work_order.not_a_party');
        const row = await slaRepository.orderSlaForUpdate(trx, deps.dialect, orderId);
        const resolution = row ? storedClock(row, 'resolution') : null;
        if (!row || !resolution) throw unprocessable('sla.no_clock');
        const override = input.override === true;
        if (row.postpone_count >= 1) {
          if (!override) throw unprocessable('sla.second_postponement');
          if (!workOrderPolicy.isSupervisor(actor)) throw forbidden('sla.override_forbidden');
        }
        const now = clock.now();
        if (input.until <= resolution.dueAt || input.until <= now) throw unprocessable('sla.postpone_not_later');
        const { policy, calendar } = await clocks.contextOf(trx, row);
        const pauses = pausesOf(row);
        const plan = planPromise(calendar, resolution.basis, resolution.startedAt, input.until, pauses, policy?.body.warnAtPercent ?? 75);
        const counted = override && row.postpone_count >= 1;
        await slaRepository.insertPostponement(trx, {
          order_id: orderId,
          at: now,
          by_id: actor.userId,
          from_at: resolution.dueAt,
          to_at: plan.dueAt,
          reason: input.reason.trim(),
          notice_method: input.notice.method,
          notice_note: input.notice.note?.trim() || null,
          override: counted ? 1 : 0,
        });
        const values = {
          promised_at: input.until,
          promise_explicit: 1,
          resolution_due_at: plan.dueAt,
          resolution_warn_at: plan.warnAt,
          resolution_warned: now >= plan.warnAt ? 1 : 0,
          resolution_breached: 0,
          postpone_count: row.postpone_count + 1,
          violations: row.violations + (counted ? 1 : 0),
          updated_at: now,
        };
        const next = { ...row, ...values };
        next.next_check_at = clocks.nextCheck(next, null);
        const escalations = await slaRepository.escalations(trx, orderId);
        const awaiting = escalations.filter((escalation) => escalation.status === 'awaiting').map((escalation) => escalation.respond_by);
        if (awaiting.length > 0) next.next_check_at = Math.min(next.next_check_at ?? Infinity, ...awaiting);
        await slaRepository.updateOrderSla(trx, orderId, { ...values, next_check_at: next.next_check_at });
        await workOrdersRepository.update(trx, orderId, { due_at: plan.dueAt, updated_at: now });
        await workOrders.recordEvent(trx, actor, order, 'postponed', {
          from: resolution.dueAt,
          to: plan.dueAt,
          reason: input.reason.trim(),
          notice: input.notice,
          override: counted,
          fromText: formatInZone(resolution.dueAt, calendar.timeZone),
          toText: formatInZone(plan.dueAt, calendar.timeZone),
        });
        if (counted) {
          await audit.record(trx, {
            action: 'sla.postponement_overridden',
            outcome: 'success',
            ...performedBy(actor, origin),
            target: { type: 'work_order', id: orderId },
            details: { number: order.number, from: resolution.dueAt, to: plan.dueAt, reason: input.reason },
          });
        }
        const updated = { ...order, due_at: plan.dueAt, updated_at: now };
        effects.changed(updated);
        return updated;
      });
      return present(actor, order);
    },

    async escalate(actor, orderId, input) {
      const order = await workOrders.inTransaction(async (trx, effects) => {
        const order = await workOrders.loadVisible(trx, actor, orderId, { forUpdate: true });
        if (FINAL.includes(order.status as WorkOrderStatus) || order.deleted_at !== null) throw unprocessable('sla.order_finished');
        if (!(await mayWork(trx, actor, order))) throw forbidden('work_order.not_a_party');
        const now = clock.now();
        const row = await clocks.ensureRow(trx, orderId, now);
        if (row.escalation_level >= ESCALATION_LEVELS.length - 1) throw unprocessable('escalation.top_reached');
        const notifications = await clocks.escalate(trx, order, row, input.emergency ? 'emergency' : 'manual', actor, input.proposedHandling.trim(), now);
        await effects.notify(trx, notifications.filter((notification) => notification.userId !== actor.userId));
        effects.changed(order);
        return order;
      });
      return present(actor, order);
    },

    async instruct(actor, orderId, escalationId, instruction) {
      const order = await workOrders.inTransaction(async (trx, effects) => {
        const order = await workOrders.loadVisible(trx, actor, orderId, { forUpdate: true });
        const escalation = (await slaRepository.escalations(trx, orderId)).find((candidate) => candidate.id === escalationId);
        if (!escalation) throw notFound();
        if (escalation.status !== 'awaiting') throw unprocessable('escalation.not_awaiting');
        const rank = ladderRank(await slaRepository.roleCodesOf(trx, actor.userId));
        if (rank < escalation.to_level) throw forbidden('escalation.not_your_level', { level: SUPERIOR_LEVELS[escalation.to_level - 1]! });
        const now = clock.now();
        await slaRepository.updateEscalation(trx, escalationId, { instruction: instruction.trim(), instructed_by: actor.userId, instructed_at: now, status: 'instructed' });
        const row = await slaRepository.orderSlaForUpdate(trx, deps.dialect, orderId);
        if (row) {
          const next = clocks.nextCheck(row, null);
          await slaRepository.updateOrderSla(trx, orderId, { next_check_at: next, updated_at: now });
        }
        await workOrders.recordEvent(trx, actor, order, 'instructed', { escalationId, level: ESCALATION_LEVELS[escalation.to_level], instruction: instruction.trim() });
        const recipients = [...new Set([escalation.raised_by, order.handler_id, order.owner_id].filter((id): id is number => id !== null && id !== actor.userId))];
        await effects.notify(
          trx,
          recipients.map((userId) => ({ userId, kind: 'sla.instructed', workOrderId: orderId, actorId: actor.userId, data: { number: order.number, escalationId } })),
        );
        effects.changed(order);
        return order;
      });
      return present(actor, order);
    },
  };
}
