import type { SlaFigures, SlaFiguresRow, TimeBasis } from '@kefu/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { badRequest } from '../../platform/errors.js';
import { workOrderPolicy } from '../work-orders/work-orders.policy.js';
import { businessTimeBetweenWithPauses, type BusinessCalendar, type Pause } from './calendar.js';
import { calendarFor, MINUTE } from './clocks.js';
import type { SlaConfigService } from './sla-config.service.js';
import { slaRepository } from './sla.repository.js';

type FigureRow = Awaited<ReturnType<typeof slaRepository.figureRows>>[number];

export interface SlaFiguresService {
  figures(actor: Actor, query: { from: number; to: number; departmentId?: number }): Promise<SlaFigures>;
}

const MAX_RANGE_MS = 400 * 86_400_000;

/** Running sums for one group of orders (a category, or all of them). */
class Tally {
  orders = 0;
  responseMeasured = 0;
  responseMet = 0;
  resolutionMeasured = 0;
  resolutionMet = 0;
  resolvedCount = 0;
  resolvedMinutesSum = 0;
  resolvedMinutesMax: number | null = null;
  averageTargetSum = 0;
  averageTargetCount = 0;
  withResolutionClock = 0;
  postponed = 0;
  overrides = 0;
  escalated = 0;

  row(category: { id: number; name: string } | null): SlaFiguresRow {
    const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);
    const averageResolutionMinutes = this.resolvedCount === 0 ? null : this.resolvedMinutesSum / this.resolvedCount;
    const averageTargetMinutes = this.averageTargetCount === 0 ? null : this.averageTargetSum / this.averageTargetCount;
    return {
      category,
      orders: this.orders,
      responseMeasured: this.responseMeasured,
      responseMet: this.responseMet,
      responseAttainment: share(this.responseMet, this.responseMeasured),
      resolutionMeasured: this.resolutionMeasured,
      resolutionMet: this.resolutionMet,
      resolutionAttainment: share(this.resolutionMet, this.resolutionMeasured),
      averageResolutionMinutes,
      maxResolutionMinutes: this.resolvedMinutesMax,
      averageTargetMinutes,
      averageTargetMet: averageResolutionMinutes === null || averageTargetMinutes === null ? null : averageResolutionMinutes <= averageTargetMinutes,
      postponed: this.postponed,
      postponementRate: share(this.postponed, this.withResolutionClock),
      overrides: this.overrides,
      escalated: this.escalated,
    };
  }
}

/**
 * Compliance figures (SLA-6) in exactly the terms targets are stated in: attainment of the
 * first-response and resolution targets, mean and maximum time to resolve (in each target's
 * own basis, pauses taken out), the policies' average targets beside them, and how often
 * promises were postponed. A clock counts once it is decided: done, or past its due time.
 */
export function createSlaFiguresService(deps: { db: Kysely<Database>; clock: Clock; config: SlaConfigService }): SlaFiguresService {
  const { db, clock, config } = deps;

  return {
    async figures(actor, query) {
      if (query.to <= query.from || query.to - query.from > MAX_RANGE_MS) throw badRequest();
      const now = clock.now();
      const reach = await workOrderPolicy.reachOf(db, actor);
      const [rows, counts] = await Promise.all([
        slaRepository.figureRows(db, reach, query.from, query.to, query.departmentId),
        slaRepository.orderCountsByCategory(db, reach, query.from, query.to, query.departmentId),
      ]);
      const calendars = new Map<number | null, BusinessCalendar>();
      const calendarOf = async (policyId: number | null) => {
        if (!calendars.has(policyId)) {
          const policy = policyId === null ? null : await config.resolvePolicy(db, policyId);
          calendars.set(policyId, policy?.calendar ?? (await config.defaultCalendar(db)));
        }
        return calendars.get(policyId)!;
      };
      const total = new Tally();
      const byCategory = new Map<number, Tally>();
      for (const [categoryId, count] of counts) {
        const tally = new Tally();
        tally.orders = count;
        byCategory.set(categoryId, tally);
        total.orders += count;
      }
      for (const row of rows) {
        const calendar = await calendarOf(row.policy_id);
        for (const tally of [total, byCategory.get(row.category_id)!]) add(tally, row, calendar, now);
      }
      const names = await slaRepository.categoryNames(db, [...byCategory.keys()]);
      return {
        from: query.from,
        to: query.to,
        totals: total.row(null),
        byCategory: [...byCategory.entries()]
          .map(([id, tally]) => tally.row({ id, name: names.get(id) ?? '' }))
          .sort((left, right) => right.orders - left.orders),
      };
    },
  };
}

function add(tally: Tally, row: FigureRow, calendar: BusinessCalendar, now: number): void {
  if (row.response_due_at !== null) {
    const decided = row.response_done_at !== null || now >= row.response_due_at;
    if (decided) {
      tally.responseMeasured += 1;
      if (row.response_done_at !== null && row.response_done_at <= row.response_due_at) tally.responseMet += 1;
    }
  }
  if (row.resolution_due_at !== null && row.resolution_started_at !== null) {
    tally.withResolutionClock += 1;
    const decided = row.resolution_done_at !== null || now >= row.resolution_due_at;
    if (decided) {
      tally.resolutionMeasured += 1;
      if (row.resolution_done_at !== null && row.resolution_done_at <= row.resolution_due_at) tally.resolutionMet += 1;
    }
    if (row.resolution_done_at !== null) {
      const counting = calendarFor(calendar, (row.resolution_basis ?? 'business') as TimeBasis);
      const minutes = businessTimeBetweenWithPauses(counting, row.resolution_started_at, Math.max(row.resolution_started_at, row.resolution_done_at), JSON.parse(row.pauses) as Pause[]) / MINUTE;
      tally.resolvedCount += 1;
      tally.resolvedMinutesSum += minutes;
      tally.resolvedMinutesMax = Math.max(tally.resolvedMinutesMax ?? 0, Math.round(minutes));
    }
    if (row.resolution_average_minutes !== null) {
      tally.averageTargetSum += row.resolution_average_minutes;
      tally.averageTargetCount += 1;
    }
    if (row.postpone_count > 0) tally.postponed += 1;
  }
  tally.overrides += row.violations;
  if (row.escalation_level > 0) tally.escalated += 1;
}
