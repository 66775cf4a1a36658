import {
  COMPLAINT_SEVERITIES,
  complaintSettingsSchema,
  type Complaint,
  type complaintCreateSchema,
  type ComplaintLevel,
  type ComplaintSettings,
  type ComplaintSeverity,
  type ComplaintSource,
  type ComplaintUpdateInput,
  type SatisfactionLevel,
  type SeverityReason,
} from '@kefu/contracts';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DbDialect } from '../../db/database.js';
import type { Executor } from '../../db/executor.js';
import type { ComplaintRow, Database, WorkOrderRow } from '../../db/schema.js';
import type { Actor, RequestOrigin } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/errors.js';
import { performedBy, type AuditService } from '../audit/audit.service.js';
import type { OrderClocks } from '../sla/order-clocks.js';
import { workOrderPolicy } from '../work-orders/work-orders.policy.js';
import { workOrdersRepository } from '../work-orders/work-orders.repository.js';
import type { EffectsRecorder, WorkOrdersService } from '../work-orders/work-orders.service.js';
import { complaintsRepository } from './complaints.repository.js';

const DAY = 86_400_000;

/** The level after each, on the way 投诉 → 升级投诉 → 申诉. */
const NEXT_LEVEL: Record<ComplaintLevel, ComplaintLevel | null> = { complaint: 'escalated', escalated: 'appeal', appeal: null };

/** Where a resolved case's wording goes: the knowledge base's unified answers (CMP-5). */
export interface CaseArticleSink {
  createUnifiedAnswerDraft(ex: Executor, actor: Actor, draft: { title: string; body: string; sourceOrderNumber: string }): Promise<{ id: number; title: string }>;
}

export interface ComplaintsService {
  create(actor: Actor, input: z.infer<typeof complaintCreateSchema>, origin: RequestOrigin): Promise<Complaint>;
  list(actor: Actor, query: { level?: string; severity?: string; source?: string; open?: 'true' | 'false'; limit: number; offset: number }): Promise<{ items: Complaint[]; total: number }>;
  get(actor: Actor, id: number): Promise<Complaint>;
  ofOrder(actor: Actor, orderId: number): Promise<Complaint>;
  update(actor: Actor, id: number, input: ComplaintUpdateInput, origin: RequestOrigin): Promise<Complaint>;
  levelUp(actor: Actor, id: number, reason: string, source: ComplaintSource | undefined): Promise<Complaint>;
  recordSatisfaction(actor: Actor, id: number, satisfaction: SatisfactionLevel, note: string | undefined): Promise<Complaint>;
  makeCaseArticle(actor: Actor, id: number, title: string, body: string): Promise<Complaint>;
  settings(): Promise<ComplaintSettings>;
  updateSettings(actor: Actor, input: ComplaintSettings, origin: RequestOrigin): Promise<ComplaintSettings>;
}

function raise(severity: ComplaintSeverity, floor: ComplaintSeverity): ComplaintSeverity {
  return COMPLAINT_SEVERITIES.indexOf(floor) > COMPLAINT_SEVERITIES.indexOf(severity) ? floor : severity;
}

function oneUp(severity: ComplaintSeverity): ComplaintSeverity {
  return COMPLAINT_SEVERITIES[Math.min(COMPLAINT_SEVERITIES.indexOf(severity) + 1, COMPLAINT_SEVERITIES.length - 1)]!;
}

/**
 * Severity from the facts (CMP-2): a regulator makes a complaint 重大; a consumer association
 * or the mayor's mailbox makes it at least 严重; a repeat raises it one step. Never lower than
 * what the agent chose.
 */
export function assessSeverity(chosen: ComplaintSeverity, source: ComplaintSource, isRepeat: boolean): { severity: ComplaintSeverity; reasons: SeverityReason[] } {
  let severity = chosen;
  const reasons: SeverityReason[] = [];
  if (source === 'regulator') {
    severity = raise(severity, 'major');
    reasons.push('regulator');
  } else if (source === 'consumer_association' || source === 'mayor_mailbox') {
    severity = raise(severity, 'serious');
    reasons.push('external_body');
  }
  if (isRepeat) {
    severity = oneUp(severity);
    reasons.push('repeat');
  }
  if (chosen !== 'general' && reasons.length === 0) reasons.push('manual');
  return { severity, reasons };
}

export function createComplaintsService(deps: {
  db: Kysely<Database>;
  dialect: DbDialect;
  clock: Clock;
  audit: AuditService;
  workOrders: WorkOrdersService;
  clocks: OrderClocks;
  caseArticles: CaseArticleSink;
}): ComplaintsService {
  const { db, dialect, clock, audit, workOrders, clocks, caseArticles } = deps;

  async function currentSettings(ex: Executor): Promise<ComplaintSettings> {
    return complaintSettingsSchema.parse(JSON.parse(await complaintsRepository.settings(ex)));
  }

  async function presentMany(ex: Executor, rows: readonly ComplaintRow[]): Promise<Complaint[]> {
    const orders = await complaintsRepository.orderRefs(
      ex,
      rows.map((row) => row.order_id),
    );
    const history = rows.map((row) => JSON.parse(row.level_history) as Array<{ level: ComplaintLevel; at: number; byId: number | null; reason: string | null }>);
    const [customers, departments, users, repeats] = await Promise.all([
      complaintsRepository.customerNames(ex, rows.map((row) => row.customer_id).filter((id): id is number => id !== null)),
      workOrdersRepository.departmentNames(ex, rows.map((row) => row.responsible_department_id).filter((id): id is number => id !== null)),
      workOrdersRepository.userNames(ex, history.flat().map((entry) => entry.byId).filter((id): id is number => id !== null)),
      complaintsRepository.complaintNumbers(ex, rows.map((row) => row.repeat_of_id).filter((id): id is number => id !== null)),
    ]);
    return rows.map((row, index) => {
      const order = orders.get(row.order_id)!;
      return {
        id: row.id,
        order: { id: order.id, number: order.number, title: order.title, status: order.status as Complaint['order']['status'] },
        customer: row.customer_id === null ? null : { id: row.customer_id, name: customers.get(row.customer_id) ?? '' },
        level: row.level as ComplaintLevel,
        source: row.source as ComplaintSource,
        severity: row.severity as ComplaintSeverity,
        severityReasons: JSON.parse(row.severity_reasons) as SeverityReason[],
        customerSeeks: row.customer_seeks as Complaint['customerSeeks'],
        responsibleDepartment: row.responsible_department_id === null ? null : { id: row.responsible_department_id, name: departments.get(row.responsible_department_id) ?? '' },
        rootCause: row.root_cause as Complaint['rootCause'],
        remedy: row.remedy,
        compensationFen: row.compensation_fen,
        satisfaction: row.satisfaction as Complaint['satisfaction'],
        satisfactionNote: row.satisfaction_note,
        repeatOf: row.repeat_of_id === null ? null : { id: row.repeat_of_id, orderNumber: repeats.get(row.repeat_of_id) ?? '' },
        repeatCount: row.repeat_count,
        levelDueAt: row.level_due_at,
        levelHistory: history[index]!.map((entry) => ({ level: entry.level, at: entry.at, by: entry.byId === null ? null : { id: entry.byId, name: users.get(entry.byId) ?? '' }, reason: entry.reason })),
        caseArticle: row.case_article_id === null ? null : { id: row.case_article_id, title: row.case_article_title ?? '' },
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      };
    });
  }

  async function presentOne(ex: Executor, row: ComplaintRow): Promise<Complaint> {
    return (await presentMany(ex, [row]))[0]!;
  }

  /** A complaint the caller can see: its order must be visible to them. */
  async function loadVisible(ex: Executor, actor: Actor, id: number, forUpdate = false): Promise<{ complaint: ComplaintRow; order: WorkOrderRow }> {
    const complaint = forUpdate ? await complaintsRepository.findForUpdate(ex, dialect === 'postgres', id) : await complaintsRepository.find(ex, id);
    if (!complaint) throw notFound();
    const order = await workOrders.loadVisible(ex, actor, complaint.order_id, { forUpdate });
    return { complaint, order };
  }

  async function mayHandle(ex: Executor, actor: Actor, order: WorkOrderRow): Promise<boolean> {
    if (!actor.permissions.has('complaints.manage')) return false;
    return workOrderPolicy.isSupervisor(actor) || workOrderPolicy.isParty(actor, order, await workOrdersRepository.steps(ex, order.id));
  }

  async function notifyDirectors(ex: Executor, effects: EffectsRecorder, actor: Actor, order: WorkOrderRow, severity: ComplaintSeverity): Promise<void> {
    const directors = await clocks.ladder(ex, order, 3);
    await effects.notify(
      ex,
      directors.filter((userId) => userId !== actor.userId).map((userId) => ({ userId, kind: 'complaint.major', workOrderId: order.id, actorId: actor.userId, data: { number: order.number, severity } })),
    );
  }

  return {
    async create(actor, input, origin) {
      let complaintId = 0;
      await workOrders.intake(actor, { ...input.order, type: 'complaint', resolution: { mode: 'order' } }, origin, async (trx, effects, order) => {
        const settings = await currentSettings(trx);
        const now = clock.now();
        const earlier = order.customer_id === null ? { latest: undefined, count: 0 } : await complaintsRepository.earlierOf(trx, order.customer_id, order.category_id, now - settings.repeatWindowDays * DAY);
        const { severity, reasons } = assessSeverity(input.severity ?? 'general', input.source, earlier.latest !== undefined);
        const dueAt = await clocks.restartResolution(trx, order, settings.levelLimitHours.complaint * 60, 'complaint_level', actor);
        complaintId = await complaintsRepository.insert(trx, {
          order_id: order.id,
          customer_id: order.customer_id,
          category_id: order.category_id,
          level: 'complaint',
          source: input.source,
          severity,
          severity_reasons: JSON.stringify(reasons),
          customer_seeks: input.customerSeeks,
          responsible_department_id: null,
          root_cause: null,
          remedy: null,
          compensation_fen: 0,
          satisfaction: null,
          satisfaction_note: null,
          repeat_of_id: earlier.latest?.id ?? null,
          repeat_count: earlier.count,
          level_due_at: dueAt,
          level_history: JSON.stringify([{ level: 'complaint', at: now, byId: actor.userId, reason: null }]),
          case_article_id: null,
          case_article_title: null,
          created_at: now,
          updated_at: now,
        });
        await workOrders.recordEvent(trx, actor, order, 'complaint_recorded', { source: input.source, severity, reasons, repeatOf: earlier.latest?.id ?? null });
        await workOrdersRepository.update(trx, order.id, { due_at: dueAt });
        if (severity === 'major') await notifyDirectors(trx, effects, actor, order, severity);
        return { ...order, due_at: dueAt };
      });
      return presentOne(db, (await complaintsRepository.find(db, complaintId))!);
    },

    async list(actor, query) {
      const reach = await workOrderPolicy.reachOf(db, actor);
      const page = await complaintsRepository.page(
        db,
        { reach, level: query.level, severity: query.severity, source: query.source, open: query.open === undefined ? undefined : query.open === 'true' },
        query.limit,
        query.offset,
      );
      return { items: await presentMany(db, page.rows), total: page.total };
    },

    async get(actor, id) {
      const { complaint } = await loadVisible(db, actor, id);
      return presentOne(db, complaint);
    },

    async ofOrder(actor, orderId) {
      await workOrders.loadVisible(db, actor, orderId, { includeBinned: true });
      const complaint = await complaintsRepository.findByOrder(db, orderId);
      if (!complaint) throw notFound();
      return presentOne(db, complaint);
    },

    async update(actor, id, input, origin) {
      await workOrders.inTransaction(async (trx, effects) => {
        const { complaint, order } = await loadVisible(trx, actor, id, true);
        if (!(await mayHandle(trx, actor, order))) throw forbidden('work_order.not_a_party');
        if (input.responsibleDepartmentId != null && !(await complaintsRepository.departmentExists(trx, input.responsibleDepartmentId))) throw unprocessable('complaint.department_invalid');
        const values: Record<string, unknown> = {};
        const changed: Record<string, unknown> = {};
        const set = (column: keyof ComplaintRow, value: unknown) => {
          if (value === undefined || value === complaint[column]) return;
          values[column] = value;
          changed[column] = value;
        };
        set('responsible_department_id', input.responsibleDepartmentId);
        set('root_cause', input.rootCause);
        set('remedy', input.remedy === undefined ? undefined : input.remedy?.trim() || null);
        set('compensation_fen', input.compensationFen);
        set('customer_seeks', input.customerSeeks);
        if (input.severity !== undefined && input.severity !== complaint.severity) {
          set('severity', input.severity);
          const reasons = JSON.parse(complaint.severity_reasons) as SeverityReason[];
          values.severity_reasons = JSON.stringify(reasons.includes('manual') ? reasons : [...reasons, 'manual']);
        }
        if (Object.keys(values).length === 0) return;
        await complaintsRepository.update(trx, id, { ...values, updated_at: clock.now() });
        await workOrders.recordEvent(trx, actor, order, 'complaint_updated', { changed });
        if (input.compensationFen !== undefined && input.compensationFen !== complaint.compensation_fen) {
          await audit.record(trx, {
            action: 'complaint.compensation_recorded',
            outcome: 'success',
            ...performedBy(actor, origin),
            target: { type: 'complaint', id },
            details: { number: order.number, from: complaint.compensation_fen, to: input.compensationFen },
          });
        }
        if (input.severity === 'major' && complaint.severity !== 'major') await notifyDirectors(trx, effects, actor, order, 'major');
        effects.changed(order);
      });
      return presentOne(db, (await complaintsRepository.find(db, id))!);
    },

    async levelUp(actor, id, reason, source) {
      await workOrders.inTransaction(async (trx, effects) => {
        const { complaint, order } = await loadVisible(trx, actor, id, true);
        if (!(await mayHandle(trx, actor, order))) throw forbidden('work_order.not_a_party');
        // A withdrawn (cancelled) complaint cannot climb: the customer has to complain afresh.
        if (order.status === 'cancelled') throw conflict('work_order.illegal_transition', { status: order.status, action: 'reopen' });
        const next = NEXT_LEVEL[complaint.level as ComplaintLevel];
        if (!next) throw unprocessable('complaint.top_level');
        const settings = await currentSettings(trx);
        const now = clock.now();
        let current = order;
        // A customer not satisfied with a resolved complaint brings it back to work.
        if (['resolved', 'visited', 'closed'].includes(order.status)) {
          current = await workOrders.transitionWithin(trx, effects, actor, order, { action: 'reopen', reason }, { ignoreReopenWindow: true });
        }
        const dueAt = await clocks.restartResolution(trx, current, settings.levelLimitHours[next] * 60, 'complaint_level', actor);
        const newSource = source ?? (complaint.source as ComplaintSource);
        const assessed = assessSeverity(complaint.severity as ComplaintSeverity, newSource, false);
        const history = [...(JSON.parse(complaint.level_history) as unknown[]), { level: next, at: now, byId: actor.userId, reason }];
        const reasons = [...new Set([...(JSON.parse(complaint.severity_reasons) as SeverityReason[]), ...assessed.reasons])];
        await complaintsRepository.update(trx, id, {
          level: next,
          source: newSource,
          severity: assessed.severity,
          severity_reasons: JSON.stringify(reasons),
          level_due_at: dueAt,
          level_history: JSON.stringify(history),
          updated_at: now,
        });
        await workOrdersRepository.update(trx, order.id, { due_at: dueAt, updated_at: now });
        await workOrders.recordEvent(trx, actor, current, 'complaint_level_changed', { from: complaint.level, to: next, reason, source: newSource });
        if (assessed.severity === 'major' && complaint.severity !== 'major') await notifyDirectors(trx, effects, actor, current, 'major');
        effects.changed({ ...current, due_at: dueAt });
      });
      return presentOne(db, (await complaintsRepository.find(db, id))!);
    },

    async recordSatisfaction(actor, id, satisfaction, note) {
      await workOrders.inTransaction(async (trx, effects) => {
        const { complaint, order } = await loadVisible(trx, actor, id, true);
        if (!(await mayHandle(trx, actor, order))) throw forbidden('work_order.not_a_party');
        if (order.resolved_at === null) throw unprocessable('complaint.not_resolved');
        await complaintsRepository.update(trx, complaint.id, { satisfaction, satisfaction_note: note?.trim() || null, updated_at: clock.now() });
        await workOrders.recordEvent(trx, actor, order, 'satisfaction_recorded', { satisfaction, note: note?.trim() || null });
        effects.changed(order);
      });
      return presentOne(db, (await complaintsRepository.find(db, id))!);
    },

    async makeCaseArticle(actor, id, title, body) {
      await workOrders.inTransaction(async (trx, effects) => {
        const { complaint, order } = await loadVisible(trx, actor, id, true);
        if (!(await mayHandle(trx, actor, order))) throw forbidden('work_order.not_a_party');
        if (order.resolved_at === null) throw unprocessable('complaint.not_resolved');
        if (complaint.case_article_id !== null) throw unprocessable('complaint.case_exists');
        const article = await caseArticles.createUnifiedAnswerDraft(trx, actor, { title: title.trim(), body, sourceOrderNumber: order.number });
        await complaintsRepository.update(trx, complaint.id, { case_article_id: article.id, case_article_title: article.title, updated_at: clock.now() });
        effects.changed(order);
      });
      return presentOne(db, (await complaintsRepository.find(db, id))!);
    },

    async settings() {
      return currentSettings(db);
    },

    async updateSettings(actor, input, origin) {
      const settings = complaintSettingsSchema.parse(input);
      await db.transaction().execute(async (trx) => {
        await complaintsRepository.saveSettings(trx, JSON.stringify(settings), clock.now());
        await audit.record(trx, { action: 'complaint.settings_updated', outcome: 'success', ...performedBy(actor, origin), target: { type: 'complaint_settings', id: 1 }, details: settings });
      });
      return settings;
    },
  };
}

