import type { Kysely } from 'kysely';
import {
  OPEN_STATUSES,
  normalizePhone,
  type Priority,
  type WorkOrder,
  type WorkOrderListQuery,
  type WorkOrderStatus,
  type WorkOrderSummary,
  type WorkOrderView,
  type intakeSchema,
  type transitionSchema,
  type workOrderUpdateSchema,
  type dispatchSchema,
  type stepActionSchema,
  type Step,
  type WorkOrderEvent,
  type customerCardSchema,
  type backlogSchema,
} from '@kefu/contracts';
import type { z } from 'zod';
import type { DbDialect } from '../../db/database.js';
import type { Executor } from '../../db/executor.js';
import type { Database, WorkOrderRow, WorkOrderStepRow } from '../../db/schema.js';
import type { Actor, RequestOrigin } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events.js';
import { highlight } from '../../platform/search/highlight.js';
import { searchRepository } from '../../platform/search/search.repository.js';
import { performedBy, type AuditService } from '../audit/audit.service.js';
import type { CustomersService } from '../customers/customers.service.js';
import type { CustomerTimeline } from '../customers/timeline.js';
import type { NewNotification, Notifier } from '../notifications/notifications.types.js';
import type { SettingsService } from '../settings/settings.service.js';
import type { WorkOrderCategoriesService } from './categories.service.js';
import { DISPATCHABLE, FINAL, TRANSITIONS, nextStatus } from './state-machine.js';
import { isActiveStep, workOrderPolicy } from './work-orders.policy.js';
import { presentEvents, presentOrder, presentSteps, presentSummaries } from './work-orders.presenter.js';
import { workOrdersRepository, type OrderListFilter } from './work-orders.repository.js';
import { highlightHtml } from './highlight-html.js';
import { backlogRepository } from './backlog.repository.js';
import type { AttachmentStore } from './attachment-files.js';
import { categoryChain, type OrderClocks } from '../sla/order-clocks.js';

type IntakeInput = z.output<typeof intakeSchema>;
type TransitionInput = z.output<typeof transitionSchema>;
type UpdateInput = z.output<typeof workOrderUpdateSchema>;
type DispatchInput = z.output<typeof dispatchSchema>;
type StepActionInput = z.output<typeof stepActionSchema>;
type CustomerCard = z.infer<typeof customerCardSchema>;
type Backlog = z.infer<typeof backlogSchema>;

export const SEARCH_ENTITY = 'work_order';
/** Number and title above description, description above the conversation. */
export const SEARCH_WEIGHTS = { number: 5, title: 3, description: 2, contact: 2, replies: 1 };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PRIORITY_RANK: Record<Priority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

/** What a service call changed, announced once its transaction has committed. */
interface Effects {
  changed: Map<number, WorkOrderRow>;
  notifications: Array<{ id: number; userId: number }>;
}

export interface WorkOrdersService {
  /**
   * Records a contact (WO-1). `within` runs inside the same transaction once the order exists,
   * for modules that create their own record with it (a complaint, say).
   */
  intake(actor: Actor, input: IntakeInput, origin: RequestOrigin, within?: (trx: Executor, effects: EffectsRecorder, order: WorkOrderRow) => Promise<WorkOrderRow | void>): Promise<WorkOrder>;
  get(actor: Actor, id: number): Promise<WorkOrder>;
  list(actor: Actor, query: WorkOrderListQuery): Promise<{ items: WorkOrderSummary[]; total: number }>;
  counts(actor: Actor): Promise<Record<WorkOrderView, number>>;
  update(actor: Actor, id: number, input: UpdateInput): Promise<WorkOrder>;
  transition(actor: Actor, id: number, input: TransitionInput): Promise<WorkOrder>;
  changeOwner(actor: Actor, id: number, ownerId: number, reason: string, origin: RequestOrigin): Promise<WorkOrder>;
  events(actor: Actor, id: number): Promise<WorkOrderEvent[]>;
  steps(actor: Actor, id: number): Promise<Step[]>;
  dispatch(actor: Actor, id: number, input: DispatchInput): Promise<Step[]>;
  stepAction(actor: Actor, id: number, stepId: number, input: StepActionInput): Promise<Step[]>;
  remind(actor: Actor, id: number, note: string | undefined): Promise<WorkOrder>;
  backlog(actor: Actor, departmentId: number | undefined, limit: number, offset: number): Promise<Backlog>;
  customerCard(actor: Actor, customerId: number): Promise<CustomerCard>;
  link(actor: Actor, id: number, otherId: number): Promise<WorkOrder>;
  unlink(actor: Actor, id: number, otherId: number): Promise<WorkOrder>;
  merge(actor: Actor, targetId: number, sourceId: number, origin: RequestOrigin): Promise<WorkOrder>;
  remove(actor: Actor, id: number, reason: string, origin: RequestOrigin): Promise<void>;
  bin(actor: Actor, limit: number, offset: number): Promise<{ items: WorkOrderSummary[]; total: number }>;
  restore(actor: Actor, id: number, origin: RequestOrigin): Promise<WorkOrder>;
  purge(actor: Actor, id: number, origin: RequestOrigin): Promise<void>;
  directory(): Promise<{
    departments: Array<{ id: number; name: string; parentId: number | null }>;
    users: Array<{ id: number; name: string; username: string; departmentId: number | null }>;
  }>;
  /** Re-indexes an order's text for search (after a reply, an edit …), inside the caller's transaction. */
  reindex(ex: Executor, orderId: number): Promise<void>;
  /** Shared with the conversation and assignment services: a visible, live order or 404. */
  loadVisible(ex: Executor, actor: Actor, id: number, options?: { forUpdate?: boolean; includeBinned?: boolean }): Promise<WorkOrderRow>;
  /** Records an event on the order and bumps its activity time (inside the caller's transaction). */
  recordEvent(ex: Executor, actor: Actor | null, order: WorkOrderRow, kind: string, data?: Record<string, unknown>, status?: { from: string | null; to: string }): Promise<void>;
  /** Runs `work` in one transaction and announces the changed orders and notifications after commit. */
  inTransaction<T>(work: (trx: Executor, effects: EffectsRecorder) => Promise<T>): Promise<T>;
  present(actor: Actor, row: WorkOrderRow): Promise<WorkOrder>;
  /**
   * A status change inside the caller's transaction (a complaint raised a level reopens its
   * order, whatever the reopening window says: the customer is back with the same matter).
   */
  transitionWithin(trx: Executor, effects: EffectsRecorder, actor: Actor, order: WorkOrderRow, input: TransitionInput, options?: { ignoreReopenWindow?: boolean }): Promise<WorkOrderRow>;
}

export interface EffectsRecorder {
  changed(order: WorkOrderRow): void;
  notify(ex: Executor, notifications: readonly NewNotification[]): Promise<void>;
}

export function createWorkOrdersService(deps: {
  db: Kysely<Database>;
  dialect: DbDialect;
  clock: Clock;
  audit: AuditService;
  timeline: CustomerTimeline;
  customers: CustomersService;
  categories: WorkOrderCategoriesService;
  settings: SettingsService;
  notifier: Notifier;
  bus: EventBus;
  attachments: AttachmentStore;
  /** SLA clocks (SLA-2 … SLA-4): started at intake, moved by transitions and edits. */
  clocks: OrderClocks;
}): WorkOrdersService {
  const { db, dialect, clock, audit, timeline, customers, categories, settings, notifier, bus, attachments, clocks } = deps;

  async function inTransaction<T>(work: (trx: Executor, effects: EffectsRecorder) => Promise<T>): Promise<T> {
    const effects: Effects = { changed: new Map(), notifications: [] };
    const result = await db.transaction().execute((trx) =>
      work(trx, {
        changed: (order) => effects.changed.set(order.id, order),
        notify: async (ex, notifications) => {
          effects.notifications.push(...(await notifier.notify(ex, notifications)));
        },
      }),
    );
    await announceChanges([...effects.changed.values()]);
    notifier.announce(effects.notifications);
    return result;
  }

  /**
   * After commit: everyone with a stake in a changed order hears of it — owner, handler, the
   * teams of both, and every receiver (person or team) of its dispatch steps.
   */
  async function announceChanges(orders: readonly WorkOrderRow[]): Promise<void> {
    if (orders.length === 0) return;
    const steps = await workOrdersRepository.stepsOfMany(db, orders.map((order) => order.id));
    for (const order of orders) {
      const own = steps.filter((step) => step.order_id === order.id);
      const userIds = [order.owner_id, order.handler_id, ...own.map((step) => step.assignee_id)].filter((id): id is number => id !== null);
      const departmentIds = [order.department_id, order.owner_department_id, ...own.map((step) => step.department_id)].filter((id): id is number => id !== null);
      bus.publish({
        event: { type: 'work_order.changed', orderId: order.id, number: order.number },
        audience: { userIds: [...new Set(userIds)], departmentIds: [...new Set(departmentIds)] },
      });
    }
  }

  async function loadVisible(ex: Executor, actor: Actor, id: number, options: { forUpdate?: boolean; includeBinned?: boolean } = {}): Promise<WorkOrderRow> {
    const row = options.forUpdate ? await workOrdersRepository.findForUpdate(ex, dialect, id) : await workOrdersRepository.find(ex, id);
    if (!row) throw notFound();
    if (!(await workOrdersRepository.isReachable(ex, id, await workOrderPolicy.reachOf(ex, actor)))) throw notFound();
    if (row.deleted_at !== null && !(options.includeBinned && actor.permissions.has('work_orders.delete'))) throw notFound();
    return row;
  }

  async function recordEvent(
    ex: Executor,
    actor: Actor | null,
    order: WorkOrderRow,
    kind: string,
    data: Record<string, unknown> = {},
    status?: { from: string | null; to: string },
  ): Promise<void> {
    const now = clock.now();
    await workOrdersRepository.addEvents(ex, [
      {
        order_id: order.id,
        at: now,
        kind,
        actor_id: actor?.userId ?? null,
        actor_name: actor?.displayName ?? null,
        from_status: status?.from ?? null,
        to_status: status?.to ?? null,
        data: JSON.stringify(data),
      },
    ]);
  }

  /** Applies changes to the order row, stamps its activity, and returns the new row. */
  async function change(ex: Executor, order: WorkOrderRow, values: Partial<WorkOrderRow>, options: { activity?: boolean } = {}): Promise<WorkOrderRow> {
    const now = clock.now();
    const next: WorkOrderRow = { ...order, ...values, updated_at: now, last_activity_at: options.activity === false ? order.last_activity_at : now };
    const { id: _id, ...columns } = next;
    await workOrdersRepository.update(ex, order.id, columns);
    return next;
  }

  async function reindex(ex: Executor, orderId: number): Promise<void> {
    const order = await workOrdersRepository.find(ex, orderId);
    if (!order) return;
    const replies = await workOrdersRepository.messageTexts(ex, orderId);
    await searchRepository.upsert(ex, dialect, searchDocument(order, replies));
  }

  function searchDocument(order: WorkOrderRow, replies: readonly string[]) {
    return {
      entityType: SEARCH_ENTITY,
      entityId: order.id,
      fields: {
        number: order.number,
        title: order.title,
        description: order.description,
        contact: [order.contact_name, order.contact_phone].filter(Boolean).join(' '),
        replies: replies.join('\n'),
      },
    };
  }

  async function stepsOf(ex: Executor, orderId: number): Promise<WorkOrderStepRow[]> {
    return workOrdersRepository.steps(ex, orderId);
  }

  /** `knownSteps`: the caller already has them (a new order has none). */
  async function present(actor: Actor, row: WorkOrderRow, knownSteps?: WorkOrderStepRow[]): Promise<WorkOrder> {
    const steps = knownSteps ?? (await stepsOf(db, row.id));
    const live = row.deleted_at === null;
    const handles = actor.permissions.has('work_orders.handle');
    const party = workOrderPolicy.isParty(actor, row, steps) || workOrderPolicy.isSupervisor(actor);
    const working = live && !FINAL.includes(row.status as WorkOrderStatus);
    return presentOrder(db, row, {
      allowedActions: workOrderPolicy.allowedActions(actor, row, steps),
      clearPhone: actor.permissions.has('pii.view'),
      now: clock.now(),
      can: {
        dispatch: live && handles && party && DISPATCHABLE.includes(row.status as WorkOrderStatus),
        reply: live && handles && row.merged_into_id === null,
        assign: working && handles && (party || workOrderPolicy.isSupervisor(actor)),
        changeOwner: working && workOrderPolicy.isSupervisor(actor),
        delete: live && actor.permissions.has('work_orders.delete'),
        remind: working && OPEN_STATUSES.includes(row.status as WorkOrderStatus),
      },
    });
  }

  // Building a formatter costs more than the rest of numbering together: one per time zone.
  const dayFormats = new Map<string, Intl.DateTimeFormat>();
  async function orgDay(): Promise<string> {
    const { timeZone } = await settings.get();
    let format = dayFormats.get(timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
      dayFormats.set(timeZone, format);
    }
    const parts = format.formatToParts(clock.now());
    const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value ?? '';
    return `${part('year')}${part('month')}${part('day')}`;
  }

  function timelineEvent(actor: Actor, order: WorkOrderRow, kind: string, data: Record<string, unknown> = {}) {
    return {
      customerId: order.customer_id!,
      kind: `work_order.${kind}`,
      source: { type: 'work_order', id: order.id },
      actor: { id: actor.userId, name: actor.displayName },
      data: { number: order.number, title: order.title, ...data },
    };
  }

  async function notifyParties(
    ex: Executor,
    effects: EffectsRecorder,
    actor: Actor,
    order: WorkOrderRow,
    kind: NewNotification['kind'],
    recipients: ReadonlyArray<number | null>,
    data: Record<string, unknown> = {},
  ): Promise<void> {
    const users = [...new Set(recipients.filter((id): id is number => id !== null && id !== actor.userId))];
    await effects.notify(
      ex,
      users.map((userId) => ({ userId, kind, workOrderId: order.id, actorId: actor.userId, data: { number: order.number, ...data } })),
    );
  }

  async function listFilter(actor: Actor, query: Partial<WorkOrderListQuery> & { view: WorkOrderView }): Promise<OrderListFilter> {
    const { breachingWindowHours } = await categories.settings();
    const [reach, team] = await Promise.all([workOrderPolicy.reachOf(db, actor), workOrderPolicy.teamOf(db, actor)]);
    return {
      view: query.view,
      userId: actor.userId,
      reach,
      teamDepartmentIds: team,
      statuses: query.status,
      type: query.type,
      channel: query.channel,
      priority: query.priority,
      categoryIds: query.categoryId ? await categoryWithDescendants(query.categoryId) : undefined,
      departmentId: query.departmentId,
      customerId: query.customerId,
      createdFrom: query.createdFrom,
      createdTo: query.createdTo,
      breachingBefore: clock.now() + breachingWindowHours * HOUR,
    };
  }

  async function categoryWithDescendants(id: number): Promise<number[]> {
    const all = await categories.list();
    const ids = new Set([id]);
    // Parents come before children in no particular order: repeat until nothing is added.
    for (let added = true; added; ) {
      added = false;
      for (const category of all) {
        if (category.parentId !== null && ids.has(category.parentId) && !ids.has(category.id)) {
          ids.add(category.id);
          added = true;
        }
      }
    }
    return [...ids];
  }

  /**
   * A search excerpt per order: from whichever indexed text holds the most matches (title,
   * description, conversation, contact, number), with the matches marked.
   */
  async function excerpts(rows: readonly WorkOrderRow[], query: string): Promise<Map<number, string>> {
    const conversations = await workOrdersRepository.messageTextsOfMany(db, rows.map((row) => row.id));
    const result = new Map<number, string>();
    for (const row of rows) {
      const texts = [
        row.title,
        row.description,
        (conversations.get(row.id) ?? []).join(' '),
        [row.contact_name, row.contact_phone].filter(Boolean).join(' '),
        row.number,
      ];
      let best = row.description;
      let bestMatches = 0;
      for (const text of texts) {
        const matches = highlight(text, query, { maxLength: 80 }).filter((segment) => segment.match).length;
        if (matches > bestMatches) {
          best = text;
          bestMatches = matches;
        }
      }
      result.set(row.id, highlightHtml(best, query, 80));
    }
    return result;
  }

  function requireText(value: string | undefined, code: 'work_order.reason_required' | 'work_order.result_required'): string {
    const text = value?.trim();
    if (!text) throw unprocessable(code);
    return text;
  }

  async function transitionIn(trx: Executor, effects: EffectsRecorder, actor: Actor, order: WorkOrderRow, input: TransitionInput, options: { ignoreReopenWindow?: boolean } = {}): Promise<WorkOrderRow> {
    const from = order.status as WorkOrderStatus;
    const to = nextStatus(from, input.action, order.suspended_from as WorkOrderStatus | null);
    if (to === null || order.merged_into_id !== null) {
      throw conflict('work_order.illegal_transition', { status: from, action: input.action });
    }
    const steps = await stepsOf(trx, order.id);
    if (!workOrderPolicy.mayTakeAction(actor, order, steps, input.action)) {
      throw forbidden(TRANSITIONS[input.action].by === 'owner' ? 'work_order.owner_only' : 'work_order.not_a_party');
    }
    const now = clock.now();
    const values: Partial<WorkOrderRow> = { status: to };
    const data: Record<string, unknown> = { action: input.action };
    const requires = TRANSITIONS[input.action].requires;
    if (requires.includes('reason')) data.reason = requireText(input.reason, 'work_order.reason_required');
    if (requires.includes('result')) {
      if (steps.some((step) => isActiveStep(step) || step.status === 'queued')) throw unprocessable('work_order.steps_open');
      values.result = requireText(input.result, 'work_order.result_required');
      data.result = values.result;
    }
    switch (input.action) {
      case 'accept':
        if (order.handler_id === null) values.handler_id = actor.userId;
        break;
      case 'confirm': {
        const category = await categories.findForIntake(trx, order.category_id);
        if (category?.requiresConfirmation && !input.confirmation) throw unprocessable('work_order.confirmation_required');
        if (input.confirmation) {
          values.confirmation_method = input.confirmation.method;
          values.confirmation_note = input.confirmation.note?.trim() || null;
          values.confirmed_at = now;
          values.confirmed_by = actor.userId;
          data.confirmation = input.confirmation;
        }
        values.resolved_at = now;
        break;
      }
      case 'close':
        values.closed_at = now;
        break;
      case 'suspend':
        values.suspended_from = from;
        break;
      case 'resume':
        values.suspended_from = null;
        break;
      case 'reopen': {
        const { reopenWindowDays } = await categories.settings(trx);
        const finishedAt = order.closed_at ?? order.resolved_at ?? order.updated_at;
        if (!options.ignoreReopenWindow && now - finishedAt > reopenWindowDays * DAY) throw unprocessable('work_order.reopen_window_passed', { days: reopenWindowDays });
        values.reopen_count = order.reopen_count + 1;
        values.resolved_at = null;
        values.closed_at = null;
        values.handler_id = order.handler_id ?? order.owner_id;
        break;
      }
      default:
        break;
    }
    values.unclosed = FINAL.includes(to) ? 0 : 1;
    const sla = await clocks.transition(trx, order, input.action, actor, input.action === 'accept' ? input.promisedAt : undefined);
    if (sla.dueAt !== undefined) values.due_at = sla.dueAt;
    if (to === 'cancelled') await withdrawSteps(trx, steps, now);
    const next = await change(trx, order, values);
    await recordEvent(trx, actor, next, 'transition', data, { from, to });
    if (next.customer_id !== null) await timeline.record(trx, timelineEvent(actor, next, 'transition', { from, to }));
    await notifyParties(trx, effects, actor, next, 'work_order.transition', [next.owner_id, next.handler_id], { from, to, action: input.action });
    effects.changed(next);
    return next;
  }

  /** A cancelled order owes nobody work: its open and queued steps are withdrawn. */
  async function withdrawSteps(ex: Executor, steps: readonly WorkOrderStepRow[], now: number): Promise<void> {
    for (const step of steps.filter((candidate) => isActiveStep(candidate) || candidate.status === 'queued')) {
      await workOrdersRepository.updateStep(ex, step.id, { status: 'cancelled', finished_at: now });
    }
  }

  async function assertUser(ex: Executor, userId: number) {
    const user = await workOrdersRepository.activeUser(ex, userId);
    if (!user) throw unprocessable('work_order.user_invalid');
    return user;
  }

  async function assertDepartment(ex: Executor, departmentId: number) {
    const department = await workOrdersRepository.department(ex, departmentId);
    if (!department) throw unprocessable('work_order.department_invalid');
    return department;
  }

  async function presentStepsFor(ex: Executor, actor: Actor, orderId: number): Promise<Step[]> {
    const steps = await stepsOf(ex, orderId);
    const team = await workOrderPolicy.teamOf(ex, actor);
    return presentSteps(ex, steps, (step) => isActiveStep(step) && workOrderPolicy.mayWorkStep(actor, step, team));
  }

  return {
    reindex,
    loadVisible,
    recordEvent,
    inTransaction,
    present,
    transitionWithin: transitionIn,

    async intake(actor, input, origin, within) {
      // Everything that can be refused is checked before a new customer profile is written.
      const category = await categories.findForIntake(db, input.categoryId);
      if (!category || !category.active) throw unprocessable('work_order.category_invalid');
      const formData = categories.validateFormData(category.fields, input.formData, actor.locale);
      const departmentId = input.departmentId ?? category.defaultDepartmentId ?? actor.departmentId;
      if (departmentId !== null) await assertDepartment(db, departmentId);
      let customerId: number | null = null;
      let tier: string | null = null;
      if (input.customer.mode === 'existing') {
        const customer = await workOrdersRepository.customerStatus(db, input.customer.customerId);
        if (!customer || customer.status !== 'active') throw unprocessable('work_order.customer_invalid');
        customerId = customer.id;
        tier = customer.tier;
      } else if (input.customer.mode === 'create') {
        if (!actor.permissions.has('customers.write')) throw forbidden();
        tier = input.customer.customer.tier ?? 'regular';
      }
      const now = clock.now();
      const answered = input.resolution.mode === 'answered';
      const priority = input.priority ?? (category.defaultPriority as Priority);
      const slaPlan = await clocks.planIntake(
        db,
        { type: input.type, categoryIds: await categoryChain(db, category.id), channel: input.channel, tier, priority },
        now,
        input.dueAt ?? null,
        actor,
        answered,
      );
      if (input.customer.mode === 'create') customerId = (await customers.create(actor, input.customer.customer, origin)).id;
      const contactPhone = input.contactPhone ? normalizePhone(input.contactPhone) || input.contactPhone : null;
      const { numberPrefix } = await categories.settings();
      const day = await orgDay();

      const row = await inTransaction(async (trx, effects) => {
        const sequence = await workOrdersRepository.nextNumber(trx, day);
        const number = `${numberPrefix}${day}-${String(sequence).padStart(4, '0')}`;
        const status: WorkOrderStatus = answered ? 'closed' : 'new';
        const order = await workOrdersRepository.insert(trx, {
          number,
          type: input.type,
          category_id: category.id,
          channel: input.channel,
          priority,
          priority_rank: PRIORITY_RANK[priority],
          status,
          title: input.title,
          description: input.description,
          reason: input.reason,
          requested_handling: input.requestedHandling,
          location: input.location ?? null,
          contact_name: input.contactName ?? null,
          contact_phone: contactPhone,
          customer_id: customerId,
          occurred_at: input.occurredAt ?? now,
          owner_id: actor.userId,
          owner_department_id: actor.departmentId,
          // An answered contact was handled by the agent who answered it.
          handler_id: answered ? actor.userId : null,
          department_id: departmentId,
          due_at: slaPlan.dueAt,
          form_data: JSON.stringify(formData),
          first_contact_resolution: answered ? 1 : 0,
          result: answered && input.resolution.mode === 'answered' ? input.resolution.answer : null,
          confirmation_method: null,
          confirmation_note: null,
          confirmed_at: null,
          confirmed_by: null,
          resolved_at: answered ? now : null,
          closed_at: answered ? now : null,
          suspended_from: null,
          reopen_count: 0,
          reminder_count: 0,
          last_activity_at: now,
          merged_into_id: null,
          unclosed: answered ? 0 : 1,
          deleted_at: null,
          deleted_by: null,
          delete_reason: null,
          created_by: actor.userId,
          created_at: now,
          updated_at: now,
        });
        const id = order.id;
        await recordEvent(trx, actor, order, 'created', { channel: input.channel }, { from: null, to: 'new' });
        await clocks.start(trx, id, slaPlan);
        if (answered) await recordEvent(trx, actor, order, 'answered', { result: order.result }, { from: 'new', to: 'closed' });
        if (customerId !== null) await timeline.record(trx, timelineEvent(actor, order, answered ? 'answered' : 'created'));
        // A new order has no replies and nothing indexed yet.
        await searchRepository.indexNew(trx, dialect, searchDocument(order, []));
        const final = (within && (await within(trx, effects, order))) || order;
        effects.changed(final);
        return final;
      });
      // Nothing is dispatched at intake; a `within` hook never adds steps either.
      return present(actor, row, []);
    },

    async get(actor, id) {
      const row = await loadVisible(db, actor, id, { includeBinned: true });
      return present(actor, row);
    },

    async list(actor, query) {
      const filter = await listFilter(actor, query);
      if (query.q) {
        const search = await searchRepository.plan(db, dialect, { entityType: SEARCH_ENTITY, query: query.q, fieldWeights: SEARCH_WEIGHTS });
        if (!search) return { items: [], total: 0 };
        const { rows, total } = await workOrdersRepository.searchPage(db, dialect, filter, search, query.sort, query.limit, query.offset);
        return { items: await presentSummaries(db, rows, clock.now(), await excerpts(rows, query.q)), total };
      }
      const [rows, total] = await Promise.all([
        workOrdersRepository.page(db, filter, query.sort, query.limit, query.offset),
        workOrdersRepository.count(db, filter),
      ]);
      return { items: await presentSummaries(db, rows, clock.now()), total };
    },

    async counts(actor) {
      const views: WorkOrderView[] = ['accountable', 'handling', 'team', 'unassigned', 'suspended', 'breaching', 'all'];
      const base = await listFilter(actor, { view: 'all' });
      const counts = await Promise.all(views.map((view) => workOrdersRepository.count(db, { ...base, view })));
      return Object.fromEntries(views.map((view, index) => [view, counts[index]!])) as Record<WorkOrderView, number>;
    },

    async update(actor, id, input) {
      const row = await inTransaction(async (trx, effects) => {
        const order = await loadVisible(trx, actor, id, { forUpdate: true });
        const steps = await stepsOf(trx, id);
        if (FINAL.includes(order.status as WorkOrderStatus)) throw conflict('work_order.illegal_transition', { status: order.status, action: 'update' });
        if (!workOrderPolicy.isParty(actor, order, steps) && !workOrderPolicy.isSupervisor(actor)) throw forbidden('work_order.not_a_party');
        const values: Partial<WorkOrderRow> = {};
        const changed: Record<string, { from: unknown; to: unknown }> = {};
        const set = <K extends keyof WorkOrderRow>(key: K, value: WorkOrderRow[K] | undefined) => {
          if (value === undefined || value === order[key]) return;
          values[key] = value;
          changed[key] = { from: order[key], to: value };
        };
        set('title', input.title);
        set('description', input.description);
        set('type', input.type);
        set('location', input.location);
        set('due_at', input.dueAt);
        if (input.priority) {
          set('priority', input.priority);
          set('priority_rank', PRIORITY_RANK[input.priority]);
        }
        const categoryId = input.categoryId ?? order.category_id;
        if (input.categoryId !== undefined || input.formData !== undefined) {
          const category = await categories.findForIntake(trx, categoryId);
          if (!category || (!category.active && categoryId !== order.category_id)) throw unprocessable('work_order.category_invalid');
          const formData = categories.validateFormData(category.fields, input.formData ?? (JSON.parse(order.form_data) as Record<string, string | number>), actor.locale);
          set('category_id', categoryId);
          set('form_data', JSON.stringify(formData));
        }
        if (Object.keys(values).length === 0) return order;
        if (values.due_at !== undefined && (await clocks.hasPromiseClock(trx, id))) throw unprocessable('sla.use_postpone');
        let next = await change(trx, order, values);
        await recordEvent(trx, actor, next, 'updated', { changed });
        const reasons = (['type', 'category_id', 'priority'] as const).filter((key) => key in values).map((key) => (key === 'category_id' ? 'category' : key));
        if (reasons.length > 0) {
          const sla = await clocks.recompute(trx, next, reasons, actor);
          if (sla.dueAt !== undefined && sla.dueAt !== next.due_at) next = await change(trx, next, { due_at: sla.dueAt }, { activity: false });
        }
        if (values.title !== undefined || values.description !== undefined) await reindex(trx, id);
        effects.changed(next);
        return next;
      });
      return present(actor, row);
    },

    async transition(actor, id, input) {
      const row = await inTransaction(async (trx, effects) => {
        const order = await loadVisible(trx, actor, id, { forUpdate: true });
        return transitionIn(trx, effects, actor, order, input);
      });
      return present(actor, row);
    },

    async changeOwner(actor, id, ownerId, reason, origin) {
      const row = await inTransaction(async (trx, effects) => {
        const order = await loadVisible(trx, actor, id, { forUpdate: true });
        if (FINAL.includes(order.status as WorkOrderStatus)) throw conflict('work_order.illegal_transition', { status: order.status, action: 'change_owner' });
        const owner = await assertUser(trx, ownerId);
        if (owner.id === order.owner_id) return order;
        const next = await change(trx, order, { owner_id: owner.id, owner_department_id: owner.department_id });
        await recordEvent(trx, actor, next, 'owner_changed', { from: order.owner_id, to: owner.id, toName: owner.display_name, reason });
        await audit.record(trx, {
          action: 'work_order.owner_changed',
          outcome: 'success',
          ...performedBy(actor, origin),
          target: { type: 'work_order', id },
          details: { number: order.number, from: order.owner_id, to: owner.id, reason },
        });
        await notifyParties(trx, effects, actor, next, 'work_order.owner_changed', [order.owner_id, owner.id], { reason });
        effects.changed(order);
        effects.changed(next);
        return next;
      });
      return present(actor, row);
    },

    async events(actor, id) {
      await loadVisible(db, actor, id, { includeBinned: true });
      return presentEvents(await workOrdersRepository.events(db, id));
    },

    async steps(actor, id) {
      await loadVisible(db, actor, id, { includeBinned: true });
      return presentStepsFor(db, actor, id);
    },

    async dispatch(actor, id, input) {
      await inTransaction(async (trx, effects) => {
        const order = await loadVisible(trx, actor, id, { forUpdate: true });
        const from = order.status as WorkOrderStatus;
        if (!DISPATCHABLE.includes(from) || order.merged_into_id !== null) throw conflict('work_order.illegal_transition', { status: from, action: 'dispatch' });
        const steps = await stepsOf(trx, id);
        if (!workOrderPolicy.isParty(actor, order, steps) && !workOrderPolicy.isSupervisor(actor)) throw forbidden('work_order.not_a_party');
        const now = clock.now();
        const batch = await workOrdersRepository.nextBatch(trx, id);
        const targets = [];
        for (const target of input.steps) {
          const user = target.userId !== undefined ? await assertUser(trx, target.userId) : undefined;
          const departmentId = target.departmentId ?? user?.department_id ?? null;
          if (target.departmentId !== undefined) await assertDepartment(trx, target.departmentId);
          targets.push({ ...target, assigneeId: user?.id ?? null, departmentId });
        }
        await workOrdersRepository.insertSteps(
          trx,
          targets.map((target, index) => ({
            order_id: id,
            batch,
            sequence: index + 1,
            mode: input.mode,
            department_id: target.departmentId,
            assignee_id: target.assigneeId,
            instructions: target.instructions,
            due_at: target.dueAt ?? null,
            // In a sequence only the first step starts now; the others wait their turn.
            status: input.mode === 'sequence' && index > 0 ? 'queued' : 'pending',
            result: null,
            return_reason: null,
            created_by: actor.userId,
            created_at: now,
            accepted_at: null,
            finished_at: null,
          })),
        );
        const started = input.mode === 'parallel' ? targets : targets.slice(0, 1);
        const single = started.length === 1 ? started[0]! : undefined;
        const next = await change(trx, order, {
          status: 'in_progress',
          handler_id: single ? single.assigneeId : null,
          department_id: started[0]!.departmentId ?? order.department_id,
          suspended_from: null,
        });
        await recordEvent(
          trx,
          actor,
          next,
          'dispatched',
          { mode: input.mode, batch, steps: targets.map((target) => ({ departmentId: target.departmentId, userId: target.assigneeId, instructions: target.instructions })) },
          { from, to: 'in_progress' },
        );
        await clocks.responded(trx, id);
        if (next.customer_id !== null) await timeline.record(trx, timelineEvent(actor, next, 'dispatched'));
        await notifyParties(
          trx,
          effects,
          actor,
          next,
          'work_order.assigned',
          started.map((target) => target.assigneeId),
          { batch },
        );
        await notifyParties(trx, effects, actor, next, 'work_order.step', [next.owner_id], { event: 'dispatched', batch });
        effects.changed(order);
        effects.changed(next);
      });
      return presentStepsFor(db, actor, id);
    },

    async stepAction(actor, id, stepId, input) {
      await inTransaction(async (trx, effects) => {
        const order = await loadVisible(trx, actor, id, { forUpdate: true });
        const steps = await stepsOf(trx, id);
        const step = steps.find((candidate) => candidate.id === stepId);
        if (!step) throw notFound();
        if (!isActiveStep(step) || (input.action === 'accept' && step.status !== 'pending')) {
          throw conflict('work_order.step_illegal_transition', { status: step.status });
        }
        const team = await workOrderPolicy.teamOf(trx, actor);
        if (!workOrderPolicy.mayWorkStep(actor, step, team)) throw forbidden('work_order.step_not_yours');
        const now = clock.now();
        const assigneeId = step.assignee_id ?? actor.userId;
        const others = steps.filter((candidate) => candidate.id !== stepId);
        let next: WorkOrderRow;
        const stepData = { stepId, departmentId: step.department_id, assigneeId };

        if (input.action === 'accept') {
          await workOrdersRepository.updateStep(trx, stepId, { status: 'accepted', assignee_id: assigneeId, accepted_at: now });
          const onlyActive = !others.some(isActiveStep);
          next = await change(trx, order, onlyActive && order.handler_id === null ? { handler_id: assigneeId } : {});
          await recordEvent(trx, actor, next, 'step_accepted', stepData);
          await notifyParties(trx, effects, actor, next, 'work_order.step', [next.owner_id], { event: 'accepted', stepId });
        } else if (input.action === 'return') {
          const reason = requireText(input.reason, 'work_order.reason_required');
          await workOrdersRepository.updateStep(trx, stepId, { status: 'returned', assignee_id: assigneeId, return_reason: reason, finished_at: now });
          // A returned step stops its sequence: the owner decides what happens next.
          for (const queued of others.filter((candidate) => candidate.batch === step.batch && candidate.status === 'queued')) {
            await workOrdersRepository.updateStep(trx, queued.id, { status: 'cancelled', finished_at: now });
          }
          const stillActive = others.some(isActiveStep);
          next = await change(trx, order, stillActive ? {} : { handler_id: order.owner_id, department_id: order.owner_department_id ?? order.department_id });
          await recordEvent(trx, actor, next, 'step_returned', { ...stepData, reason });
          await notifyParties(trx, effects, actor, next, 'work_order.step', [next.owner_id], { event: 'returned', stepId, reason });
        } else {
          const result = requireText(input.result, 'work_order.result_required');
          await workOrdersRepository.updateStep(trx, stepId, {
            status: 'completed',
            assignee_id: assigneeId,
            result,
            accepted_at: step.accepted_at ?? now,
            finished_at: now,
          });
          await recordEvent(trx, actor, order, 'step_completed', { ...stepData, result });
          const following = others
            .filter((candidate) => candidate.batch === step.batch && candidate.status === 'queued')
            .sort((a, b) => a.sequence - b.sequence)[0];
          if (following) {
            await workOrdersRepository.updateStep(trx, following.id, { status: 'pending' });
            next = await change(trx, order, { handler_id: following.assignee_id, department_id: following.department_id ?? order.department_id });
            await recordEvent(trx, null, next, 'step_started', { stepId: following.id, departmentId: following.department_id, assigneeId: following.assignee_id });
            await notifyParties(trx, effects, actor, next, 'work_order.assigned', [following.assignee_id], { stepId: following.id });
          } else if (!others.some(isActiveStep) && order.status === 'in_progress') {
            // The last open step is done: the order goes back to its owner to confirm with the customer.
            next = await change(trx, order, {
              status: 'pending_confirmation',
              result,
              handler_id: order.owner_id,
              department_id: order.owner_department_id ?? order.department_id,
            });
            await recordEvent(trx, null, next, 'transition', { action: 'submit_result', cause: 'steps_completed', result }, { from: 'in_progress', to: 'pending_confirmation' });
            if (next.customer_id !== null) await timeline.record(trx, timelineEvent(actor, next, 'transition', { from: 'in_progress', to: 'pending_confirmation' }));
          } else {
            next = await change(trx, order, {});
          }
          await notifyParties(trx, effects, actor, next, 'work_order.step', [next.owner_id], { event: 'completed', stepId, result });
        }
        effects.changed(order);
        effects.changed(next);
      });
      return presentStepsFor(db, actor, id);
    },

    async remind(actor, id, note) {
      const row = await inTransaction(async (trx, effects) => {
        const order = await loadVisible(trx, actor, id, { forUpdate: true });
        if (!OPEN_STATUSES.includes(order.status as WorkOrderStatus)) throw conflict('work_order.illegal_transition', { status: order.status, action: 'remind' });
        // A reminder is not progress: the order stays idle for the backlog.
        const next = await change(trx, order, { reminder_count: order.reminder_count + 1 }, { activity: false });
        await recordEvent(trx, actor, next, 'reminded', { note: note ?? null, count: next.reminder_count });
        const steps = await stepsOf(trx, id);
        await notifyParties(
          trx,
          effects,
          actor,
          next,
          'work_order.reminded',
          [next.owner_id, next.handler_id, ...steps.filter(isActiveStep).map((step) => step.assignee_id)],
          { note: note ?? null },
        );
        effects.changed(next);
        return next;
      });
      return present(actor, row);
    },

    async backlog(actor, departmentId, limit, offset) {
      const settings = await categories.settings();
      const reach = await workOrderPolicy.reachOf(db, actor);
      const now = clock.now();
      const overrides = Object.entries(settings.backlogThresholdByDepartment).map(([id, hours]) => [Number(id), hours] as const);
      const thresholds = { defaultHours: settings.backlogThresholdHours, overrides };
      const [teams, page] = await Promise.all([
        backlogRepository.teams(db, reach, thresholds, now, departmentId),
        backlogRepository.orders(db, reach, thresholds, now, departmentId, limit, offset),
      ]);
      const names = await workOrdersRepository.departmentNames(
        db,
        teams.map((team) => team.department_id).filter((id): id is number => id !== null),
      );
      const thresholdOf = (id: number | null) => overrides.find(([candidate]) => candidate === id)?.[1] ?? settings.backlogThresholdHours;
      return {
        teams: teams.map((team) => ({
          department: team.department_id === null ? null : { id: team.department_id, name: names.get(team.department_id) ?? '' },
          thresholdHours: thresholdOf(team.department_id),
          count: team.count,
          oldestActivityAt: team.oldest,
        })),
        orders: { items: await presentSummaries(db, page.rows, clock.now()), total: page.total },
      };
    },

    async customerCard(actor, customerId) {
      const customer = await customers.get(actor, customerId);
      const [recent, openOrders] = await Promise.all([
        workOrdersRepository.recentByCustomer(db, customerId, 5),
        workOrdersRepository.openCountByCustomer(db, customerId),
      ]);
      return {
        id: customer.id,
        name: customer.name,
        tier: customer.tier,
        personality: customer.personality,
        primaryPhone: customer.phones.find((phone) => phone.primary)?.number ?? customer.phones[0]?.number ?? null,
        tags: customer.tags,
        openOrders,
        recentOrders: recent.map((order) => ({
          id: order.id,
          number: order.number,
          title: order.title,
          status: order.status as WorkOrderStatus,
          createdAt: order.created_at,
        })),
      };
    },

    async link(actor, id, otherId) {
      if (id === otherId) throw unprocessable('work_order.link_self');
      const row = await inTransaction(async (trx, effects) => {
        const order = await loadVisible(trx, actor, id);
        const other = await loadVisible(trx, actor, otherId);
        await workOrdersRepository.link(trx, id, otherId, actor.userId, clock.now());
        await recordEvent(trx, actor, order, 'linked', { otherId, number: other.number });
        await recordEvent(trx, actor, other, 'linked', { otherId: id, number: order.number });
        effects.changed(order);
        effects.changed(other);
        return order;
      });
      return present(actor, row);
    },

    async unlink(actor, id, otherId) {
      const row = await inTransaction(async (trx, effects) => {
        const order = await loadVisible(trx, actor, id);
        await workOrdersRepository.unlink(trx, id, otherId);
        await recordEvent(trx, actor, order, 'unlinked', { otherId });
        effects.changed(order);
        return order;
      });
      return present(actor, row);
    },

    async merge(actor, targetId, sourceId, origin) {
      if (targetId === sourceId) throw unprocessable('work_order.merge_self');
      const row = await inTransaction(async (trx, effects) => {
        const target = await loadVisible(trx, actor, targetId, { forUpdate: true });
        const source = await loadVisible(trx, actor, sourceId, { forUpdate: true });
        if (FINAL.includes(source.status as WorkOrderStatus) || FINAL.includes(target.status as WorkOrderStatus) || target.merged_into_id !== null) {
          throw conflict('work_order.illegal_transition', { status: source.status, action: 'merge' });
        }
        // Merging changes both orders: the caller must work both (or supervise).
        const [sourceSteps, targetSteps] = await Promise.all([stepsOf(trx, sourceId), stepsOf(trx, targetId)]);
        const works = (order: WorkOrderRow, steps: WorkOrderStepRow[]) => workOrderPolicy.isParty(actor, order, steps) || workOrderPolicy.isSupervisor(actor);
        if (!works(source, sourceSteps) || !works(target, targetSteps)) throw forbidden('work_order.not_a_party');
        await withdrawSteps(trx, sourceSteps, clock.now());
        const merged = await change(trx, source, { status: 'cancelled', merged_into_id: targetId, unclosed: 0 });
        await workOrdersRepository.link(trx, targetId, sourceId, actor.userId, clock.now());
        await recordEvent(trx, actor, merged, 'merged_away', { targetId, number: target.number }, { from: source.status, to: 'cancelled' });
        const next = await change(trx, target, {});
        await recordEvent(trx, actor, next, 'merged_in', { sourceId, number: source.number });
        await audit.record(trx, {
          action: 'work_order.merged',
          outcome: 'success',
          ...performedBy(actor, origin),
          target: { type: 'work_order', id: targetId },
          details: { target: target.number, source: source.number },
        });
        await notifyParties(trx, effects, actor, merged, 'work_order.transition', [source.owner_id, source.handler_id], { mergedInto: target.number });
        effects.changed(merged);
        effects.changed(next);
        return next;
      });
      return present(actor, row);
    },

    async remove(actor, id, reason, origin) {
      await inTransaction(async (trx, effects) => {
        const order = await loadVisible(trx, actor, id, { forUpdate: true });
        // Binned orders leave every open-work view through `unclosed` (its indexes need no other check).
        const next = await change(trx, order, { deleted_at: clock.now(), deleted_by: actor.userId, delete_reason: reason, unclosed: 0 }, { activity: false });
        await recordEvent(trx, actor, next, 'deleted', { reason });
        await audit.record(trx, {
          action: 'work_order.deleted',
          outcome: 'success',
          ...performedBy(actor, origin),
          target: { type: 'work_order', id },
          details: { number: order.number, title: order.title, reason },
        });
        effects.changed(next);
      });
    },

    async bin(actor, limit, offset) {
      const filter = { ...(await listFilter(actor, { view: 'all' })), binned: true };
      const [rows, total] = await Promise.all([
        workOrdersRepository.page(db, filter, 'updated_desc', limit, offset),
        workOrdersRepository.count(db, filter),
      ]);
      return { items: await presentSummaries(db, rows, clock.now()), total };
    },

    async restore(actor, id, origin) {
      const row = await inTransaction(async (trx, effects) => {
        const order = await loadVisible(trx, actor, id, { forUpdate: true, includeBinned: true });
        if (order.deleted_at === null) throw conflict('work_order.not_deleted');
        const next = await change(
          trx,
          order,
          { deleted_at: null, deleted_by: null, delete_reason: null, unclosed: FINAL.includes(order.status as WorkOrderStatus) ? 0 : 1 },
          { activity: false },
        );
        await recordEvent(trx, actor, next, 'restored');
        await audit.record(trx, {
          action: 'work_order.restored',
          outcome: 'success',
          ...performedBy(actor, origin),
          target: { type: 'work_order', id },
          details: { number: order.number },
        });
        effects.changed(next);
        return next;
      });
      return present(actor, row);
    },

    async purge(actor, id, origin) {
      const files = await inTransaction(async (trx) => {
        const order = await loadVisible(trx, actor, id, { forUpdate: true, includeBinned: true });
        if (order.deleted_at === null) throw conflict('work_order.not_deleted');
        const stored = await workOrdersRepository.attachmentStorage(trx, id);
        await workOrdersRepository.purge(trx, id);
        await searchRepository.remove(trx, dialect, SEARCH_ENTITY, id);
        await audit.record(trx, {
          action: 'work_order.purged',
          outcome: 'success',
          ...performedBy(actor, origin),
          target: { type: 'work_order', id },
          details: { number: order.number, title: order.title, deletedAt: order.deleted_at, deleteReason: order.delete_reason },
        });
        return stored;
      });
      // Files go only once the rows are gone for good.
      for (const file of files) await attachments.remove(file);
    },

    async directory() {
      const { departments, users } = await workOrdersRepository.directory(db);
      return {
        departments: departments.map((department) => ({ id: department.id, name: department.name, parentId: department.parent_id })),
        users: users.map((user) => ({ id: user.id, name: user.display_name, username: user.username, departmentId: user.department_id })),
      };
    },
  };
}

