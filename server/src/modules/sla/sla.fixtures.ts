import { expect } from 'vitest';
import { orderSlaSchema, type OrderSla, type PolicyInput, type SlaCalendar, type SlaPolicy, type SlaTarget } from '@kefu/contracts';
import type { Harness } from '../../../test/harness.js';
import { DAY, HOUR, person, unique, type Person } from '../work-orders/work-orders.fixtures.js';
import type { OrderClocks } from './order-clocks.js';
import type { Client } from '../../../test/harness.js';

/**
 * Test data for the SLA and complaint tests. Policies are global to a database, so every
 * test names a category of its own in its policy's conditions: no policy of one test ever
 * matches another test's orders.
 */

export const MINUTE = 60_000;
const BEIJING_OFFSET = 8 * HOUR;

/** An instant given as Beijing wall-clock time (China keeps no daylight saving time). */
export function beijing(year: number, month: number, day: number, hour = 0, minute = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute) - BEIJING_OFFSET;
}

/** 'YYYY-MM-DD HH:mm' in Beijing, for readable failures. */
export function inBeijing(at: number): string {
  return new Date(at + BEIJING_OFFSET).toISOString().slice(0, 16).replace('T', ' ');
}

/** The first instant at or after `from` that is `weekday` (0 Sunday … 6 Saturday) at hh:mm in Beijing. */
export function nextBeijing(from: number, weekday: number, hour: number, minute = 0): number {
  const local = new Date(from + BEIJING_OFFSET);
  const first = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), hour, minute) - BEIJING_OFFSET;
  for (let days = 0; days < 15; days += 1) {
    const candidate = first + days * DAY;
    if (candidate >= from && new Date(candidate + BEIJING_OFFSET).getUTCDay() === weekday) return candidate;
  }
  throw new Error('unreachable');
}

/** Moves the test clock forward to `at` (it never goes back). */
export function advanceTo(h: Harness, at: number): void {
  expect(at, `advance to ${inBeijing(at)} from ${inBeijing(h.clock.now())}`).toBeGreaterThanOrEqual(h.clock.now());
  h.clock.advance(at - h.clock.now());
}

export function target(maxMinutes: number, basis: SlaTarget['basis'] = 'calendar', averageMinutes: number | null = null): SlaTarget {
  return { maxMinutes, averageMinutes, basis };
}

export async function calendars(h: Harness): Promise<SlaCalendar[]> {
  const response = await h.admin.get('/api/sla/calendars');
  expect(response.statusCode, response.body).toBe(200);
  return response.json<SlaCalendar[]>();
}

/** The seeded 7×24 calendar's id. */
export async function alwaysOpenCalendarId(h: Harness): Promise<number> {
  return (await calendars(h)).find((calendar) => calendar.name === '7×24 小时')!.id;
}

/** A policy created through POST /api/sla/policies as the administrator (appended last). */
export async function createPolicy(h: Harness, input: Partial<PolicyInput> & Pick<PolicyInput, 'targets'>): Promise<SlaPolicy> {
  const response = await h.admin.post('/api/sla/policies', { name: unique('时限规则'), ...input });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<SlaPolicy>();
}

/** GET /api/work-orders/:id/sla, checked against the contract. */
export async function slaOf(client: Client, orderId: number): Promise<OrderSla> {
  const response = await client.get(`/api/work-orders/${orderId}/sla`);
  expect(response.statusCode, response.body).toBe(200);
  return orderSlaSchema.parse(response.json());
}

export function clockOf(sla: OrderSla, kind: 'firstResponse' | 'resolution' | 'callback') {
  const clock = sla.clocks.find((candidate) => candidate.kind === kind);
  expect(clock, `${kind} clock`).toBeDefined();
  return clock!;
}

/** Sweeps until nothing more is claimed (bounded: a sweeper that never settles fails the test). */
export async function sweepUntilIdle(h: Harness, clocks: OrderClocks = h.kefu.services.orderClocks): Promise<number> {
  let notifications = 0;
  for (let round = 0; round < 20; round += 1) {
    const result = await clocks.sweep();
    notifications += result.notifications;
    if (result.claimed === 0) return notifications;
  }
  throw new Error('the sweeper kept claiming rows: something stays due');
}

export interface NotificationRow {
  user_id: number;
  kind: string;
  work_order_id: number | null;
  created_at: number;
  data: string;
}

/** Notifications about these orders, straight from the table (what exactly-once is about). */
export async function notificationsAbout(h: Harness, orderIds: readonly number[], kinds?: readonly string[]): Promise<NotificationRow[]> {
  if (orderIds.length === 0) return [];
  let query = h.testDb.db.kysely
    .selectFrom('notification')
    .select(['user_id', 'kind', 'work_order_id', 'created_at', 'data'])
    .where('work_order_id', 'in', [...orderIds]);
  if (kinds) query = query.where('kind', 'in', [...kinds]);
  const rows = await query.orderBy('id').execute();
  return rows.map((row) => ({ ...row, created_at: Number(row.created_at) }));
}

/** Recipients of one kind of notification about one order, sorted. */
export async function recipients(h: Harness, orderId: number, kind: string): Promise<number[]> {
  return (await notificationsAbout(h, [orderId], [kind])).map((row) => row.user_id).sort((a, b) => a - b);
}

export const ids = (...people: Person[]): number[] => people.map((one) => one.id).sort((a, b) => a - b);

/**
 * A center → department → team chain with a person at every rung of the ladder: two agents
 * in the team (the owner takes orders in, the handler accepts them), the team leader, the
 * department head and the center director.
 */
export interface Ladder {
  centerId: number;
  departmentId: number;
  teamId: number;
  owner: Person;
  handler: Person;
  teamLeader: Person;
  departmentHead: Person;
  director: Person;
}

export async function ladder(h: Harness): Promise<Ladder> {
  const centerId = await h.createDepartment(unique('客服中心'), null, 'center');
  const departmentId = await h.createDepartment(unique('服务部'), centerId, 'department');
  const teamId = await h.createDepartment(unique('班组'), departmentId, 'team');
  return {
    centerId,
    departmentId,
    teamId,
    owner: await person(h, 'agent', teamId),
    handler: await person(h, 'agent', teamId),
    teamLeader: await person(h, 'team_leader', teamId),
    departmentHead: await person(h, 'department_head', departmentId),
    director: await person(h, 'center_director', centerId),
  };
}

export { DAY, HOUR };
