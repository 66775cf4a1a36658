import type { Db } from '../../server/src/db/database.js';
import type { WorkOrderRow } from '../../server/src/db/schema.js';
import { calendarBodySchema, type SlaTarget } from '@kefu/contracts';
import { defineCalendar, type BusinessCalendar } from '../../server/src/modules/sla/calendar.js';
import { MINUTE, planClock } from '../../server/src/modules/sla/clocks.js';
import type { BulkWriter, TableShape } from './bulk.js';

const HOUR = 60 * MINUTE;
const BATCH = 5_000;
const WARN_AT_PERCENT = 75;
/** The generated history looks as if a sweeper had run until this long before `now`. */
export const SWEPT_UNTIL_BEFORE_NOW = HOUR;

interface BenchPolicy {
  name: string;
  types: string[];
  calendar: '标准营业时间' | '7×24 小时';
  firstResponse: SlaTarget;
  resolution: SlaTarget;
}

/** The commitments of a telecom center, as the seeds state them, first match wins. */
export const BENCH_POLICIES: readonly BenchPolicy[] = [
  {
    name: '故障修复（平均 24 小时，最长 48 小时）',
    types: ['fault'],
    calendar: '7×24 小时',
    firstResponse: { maxMinutes: 30, averageMinutes: null, basis: 'calendar' },
    resolution: { maxMinutes: 48 * 60, averageMinutes: 24 * 60, basis: 'calendar' },
  },
  {
    name: '投诉处理（2 个工作小时响应，48 小时办结）',
    types: ['complaint'],
    calendar: '标准营业时间',
    firstResponse: { maxMinutes: 120, averageMinutes: null, basis: 'business' },
    resolution: { maxMinutes: 48 * 60, averageMinutes: 24 * 60, basis: 'calendar' },
  },
  {
    name: '一般服务承诺（24 小时答复，7 天办结）',
    types: [],
    calendar: '标准营业时间',
    firstResponse: { maxMinutes: 24 * 60, averageMinutes: null, basis: 'calendar' },
    resolution: { maxMinutes: 7 * 24 * 60, averageMinutes: 24 * 60, basis: 'calendar' },
  },
];

const SLA_SHAPE: TableShape<'work_order_sla'> = {
  table: 'work_order_sla',
  columns: [
    ['order_id', 'int'], ['policy_id', 'int'], ['started_at', 'bigint'], ['pauses', 'text'], ['paused_since', 'bigint'],
    ['response_max_minutes', 'int'], ['response_average_minutes', 'int'], ['response_basis', 'text'], ['response_started_at', 'bigint'],
    ['response_due_at', 'bigint'], ['response_warn_at', 'bigint'], ['response_done_at', 'bigint'], ['response_warned', 'int'], ['response_breached', 'int'],
    ['resolution_max_minutes', 'int'], ['resolution_average_minutes', 'int'], ['resolution_basis', 'text'], ['resolution_started_at', 'bigint'],
    ['resolution_due_at', 'bigint'], ['resolution_warn_at', 'bigint'], ['resolution_done_at', 'bigint'], ['resolution_warned', 'int'], ['resolution_breached', 'int'],
    ['callback_warned', 'int'], ['callback_breached', 'int'],
    ['promised_at', 'bigint'], ['promise_explicit', 'int'], ['postpone_count', 'int'], ['violations', 'int'], ['escalation_level', 'int'],
    ['next_check_at', 'bigint'], ['updated_at', 'bigint'],
  ],
};

type OrderFacts = Pick<WorkOrderRow, 'id' | 'type' | 'status' | 'created_at' | 'resolved_at' | 'last_activity_at'>;

/**
 * Clocks for every generated order, planned with the product's own arithmetic under three
 * policies: first responses come 2–240 minutes after intake (so some miss), resolution is the
 * order's own resolved time, about one order in twelve was postponed. The history looks as if
 * a sweeper had run until an hour ago: what fell due before then is flagged as warned or
 * breached, and `next_check_at` says what is left for the next sweep.
 */
export async function writeSlaClocks(db: Db, writer: BulkWriter, options: { now: number; log: (line: string) => void }): Promise<{ clocks: number }> {
  const { now } = options;
  const kysely = db.kysely;
  const calendarRows = await kysely.selectFrom('sla_calendar').select(['id', 'name', 'body']).execute();
  const calendars = new Map<string, { id: number; calendar: BusinessCalendar }>(
    calendarRows.map((row) => [row.name, { id: row.id, calendar: defineCalendar(calendarBodySchema.parse(JSON.parse(row.body))) }]),
  );
  const policies: Array<BenchPolicy & { id: number; compiled: BusinessCalendar }> = [];
  for (const [index, policy] of BENCH_POLICIES.entries()) {
    const calendar = calendars.get(policy.calendar)!;
    const inserted = await kysely
      .insertInto('sla_policy')
      .values({
        name: policy.name,
        position: index + 1,
        active: 1,
        conditions: JSON.stringify({ types: policy.types, categoryIds: [], channels: [], tiers: [], priorities: [] }),
        calendar_id: calendar.id,
        targets: JSON.stringify({ firstResponse: policy.firstResponse, resolution: policy.resolution, callback: null }),
        warn_at_percent: WARN_AT_PERCENT,
        notify_outside_hours: 0,
        escalation_minutes: JSON.stringify({ team_leader: 120, department_head: 240, center_director: 480 }),
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    policies.push({ ...policy, id: inserted.id, compiled: calendar.calendar });
  }
  const sweptUntil = now - SWEPT_UNTIL_BEFORE_NOW;
  let clocks = 0;
  let lastId = 0;
  for (;;) {
    const orders: OrderFacts[] = await kysely
      .selectFrom('work_order')
      .select(['id', 'type', 'status', 'created_at', 'resolved_at', 'last_activity_at'])
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (orders.length === 0) break;
    lastId = orders.at(-1)!.id;
    const rows = orders.map((order) => {
      const policy = policies.find((candidate) => candidate.types.length === 0 || candidate.types.includes(order.type))!;
      const start = order.created_at;
      const response = planClock(policy.compiled, policy.firstResponse.basis, start, policy.firstResponse.maxMinutes * MINUTE, [], WARN_AT_PERCENT);
      const resolution = planClock(policy.compiled, policy.resolution.basis, start, policy.resolution.maxMinutes * MINUTE, [], WARN_AT_PERCENT);
      const responded = order.status === 'new' ? null : Math.min(start + (2 + ((order.id * 7919) % 239)) * MINUTE, order.resolved_at ?? now, now);
      const resolved = order.resolved_at;
      const postponed = order.id % 12 === 0 && resolved === null ? 1 : 0;
      const paused = order.status === 'suspended' ? Math.max(start, Math.min(order.last_activity_at, now)) : null;
      const flags = (clock: { dueAt: number; warnAt: number }, done: number | null) => {
        const until = Math.min(done ?? sweptUntil, sweptUntil);
        return [clock.warnAt <= until ? 1 : 0, clock.dueAt <= until ? 1 : 0] as const;
      };
      const [responseWarned, responseBreached] = flags(response, responded);
      const [resolutionWarned, resolutionBreached] = flags(resolution, resolved);
      let nextCheck: number | null = null;
      if (paused === null && order.status !== 'cancelled') {
        for (const [clock, done, warned, breached] of [
          [response, responded, responseWarned, responseBreached],
          [resolution, resolved, resolutionWarned, resolutionBreached],
        ] as const) {
          if (done !== null) continue;
          const pending = !warned ? clock.warnAt : !breached ? clock.dueAt : null;
          if (pending !== null) nextCheck = nextCheck === null ? pending : Math.min(nextCheck, pending);
        }
      }
      return [
        order.id, policy.id, start, '[]', paused,
        policy.firstResponse.maxMinutes, policy.firstResponse.averageMinutes, policy.firstResponse.basis, start,
        response.dueAt, response.warnAt, responded, responseWarned, responseBreached,
        policy.resolution.maxMinutes, policy.resolution.averageMinutes, policy.resolution.basis, start,
        resolution.dueAt, resolution.warnAt, resolved, resolutionWarned, resolutionBreached,
        0, 0,
        resolution.dueAt, 0, postponed, 0, 0,
        nextCheck, now,
      ];
    });
    await kysely.transaction().execute((trx) => writer.insert(trx, SLA_SHAPE, rows));
    clocks += rows.length;
    if (clocks % 200_000 < BATCH) options.log(`SLA clocks: ${clocks.toLocaleString('en')}`);
  }
  return { clocks };
}

