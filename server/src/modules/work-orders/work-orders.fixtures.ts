import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type {
  AuditEntry,
  BuiltinRoleCode,
  Category,
  CategoryInput,
  IntakeInput,
  Notification,
  Step,
  TimelineEntry,
  TransitionInput,
  WorkOrder,
  WorkOrderAction,
  WorkOrderEvent,
  WorkOrderStatus,
  WorkOrderSummary,
} from '@kefu/contracts';
import { createHarness, type Client, type Harness } from '../../../test/harness.js';

/**
 * Test data for the work-order tests. Names carry a per-file sequence number, so no two
 * calls create the same department, category or title and tests never see each other's data.
 */
let sequence = 0;
export const unique = (prefix: string): string => `${prefix}${(sequence += 1)}`;

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/**
 * A harness whose sign-ins outlast the clock jumps of these tests (days for reopen windows
 * and backlog thresholds) — session expiry is tested elsewhere.
 */
export function createWorkOrderHarness(): Promise<Harness> {
  return createHarness({ policy: { sessionIdleMs: 365 * DAY, sessionMaxMs: 365 * DAY } });
}

/** A signed-in user with their id and display name (the name the API shows for them). */
export interface Person {
  client: Client;
  id: number;
  name: string;
  departmentId: number | null;
}

export async function person(h: Harness, role: BuiltinRoleCode, departmentId: number | null = null): Promise<Person> {
  const client = await h.signInAs(role, departmentId);
  const user = client.info!.user;
  return { client, id: user.id, name: user.displayName, departmentId };
}

/** A new department (a team by default) with a name nobody else in the file uses. */
export function team(h: Harness, parentId: number | null = null, prefix = '班组'): Promise<number> {
  return h.createDepartment(unique(prefix), parentId, 'team');
}

/** A category created as the administrator through POST /api/work-orders/categories. */
export async function createCategory(h: Harness, input: Partial<CategoryInput> = {}): Promise<Category> {
  const response = await h.admin.post('/api/work-orders/categories', { name: unique('分类'), ...input });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Category>();
}

export async function updateSettings(h: Harness, changes: Record<string, unknown>): Promise<void> {
  const response = await h.admin.patch('/api/work-orders/settings', changes);
  expect(response.statusCode, response.body).toBe(200);
}

/** A complete intake (5W1H) of an anonymous caller; `overrides` replace any field. */
export function intakeBody(overrides: Partial<IntakeInput> & { categoryId: number }): IntakeInput {
  return {
    customer: { mode: 'anonymous' },
    contactName: '王先生',
    contactPhone: '13800138000',
    channel: 'phone',
    location: '营业厅',
    type: 'fault',
    title: unique('宽带断线'),
    description: '家中宽带从昨晚开始无法上网，光猫红灯闪烁。',
    reason: '线路故障',
    requestedHandling: '请尽快派人上门检修',
    resolution: { mode: 'order' },
    ...overrides,
  };
}

/** Takes a contact through POST /api/work-orders and returns the new order. */
export async function intake(client: Client, overrides: Partial<IntakeInput> & { categoryId: number }): Promise<WorkOrder> {
  const response = await client.post('/api/work-orders', intakeBody(overrides));
  expect(response.statusCode, response.body).toBe(200);
  return response.json<WorkOrder>();
}

/** Everything any action could ask for: the actions that need nothing ignore it. */
export function fullTransition(action: WorkOrderAction): TransitionInput {
  return { action, reason: '客户要求', result: '已更换光猫，恢复上网', confirmation: { method: 'phone', note: '电话确认' } };
}

export function transition(client: Client, id: number, input: TransitionInput): Promise<LightMyRequestResponse> {
  return client.post(`/api/work-orders/${id}/transitions`, input);
}

/** Takes a legal action (with everything it may need) and expects it to succeed. */
export async function act(client: Client, id: number, action: WorkOrderAction): Promise<WorkOrder> {
  const response = await transition(client, id, fullTransition(action));
  expect(response.statusCode, `${action}: ${response.body}`).toBe(200);
  return response.json<WorkOrder>();
}

/** The legal actions that bring a new order to each status (WO-3). */
export const PATH_TO: Record<WorkOrderStatus, readonly WorkOrderAction[]> = {
  new: [],
  accepted: ['accept'],
  in_progress: ['accept', 'start'],
  pending_confirmation: ['accept', 'start', 'submit_result'],
  resolved: ['accept', 'start', 'submit_result', 'confirm'],
  visited: ['accept', 'start', 'submit_result', 'confirm', 'record_callback'],
  closed: ['accept', 'start', 'submit_result', 'confirm', 'close'],
  suspended: ['accept', 'start', 'suspend'],
  cancelled: ['cancel'],
};

/** Brings a new order to `status` through legal transitions taken by `client` (its owner or a supervisor). */
export async function driveTo(client: Client, order: WorkOrder, status: WorkOrderStatus): Promise<WorkOrder> {
  let current = order;
  for (const action of PATH_TO[status]) current = await act(client, order.id, action);
  expect(current.status).toBe(status);
  return current;
}

/** A new order taken in by `client` and brought to `status`. */
export async function orderIn(client: Client, status: WorkOrderStatus, overrides: Partial<IntakeInput> & { categoryId: number }): Promise<WorkOrder> {
  return driveTo(client, await intake(client, overrides), status);
}

export async function getOrder(client: Client, id: number): Promise<WorkOrder> {
  const response = await client.get(`/api/work-orders/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<WorkOrder>();
}

export async function eventsOf(client: Client, id: number): Promise<WorkOrderEvent[]> {
  const response = await client.get(`/api/work-orders/${id}/events`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<WorkOrderEvent[]>();
}

export async function stepsOf(client: Client, id: number): Promise<Step[]> {
  const response = await client.get(`/api/work-orders/${id}/steps`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Step[]>();
}

export async function timelineOf(client: Client, customerId: number): Promise<TimelineEntry[]> {
  const response = await client.get(`/api/customers/${customerId}/timeline?limit=200`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<TimelineEntry[]>();
}

export async function notificationsOf(client: Client): Promise<Notification[]> {
  const response = await client.get('/api/notifications?limit=200');
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: Notification[] }>().items;
}

export type Page = { items: WorkOrderSummary[]; total: number };

export async function listOrders(client: Client, params: Record<string, string | number | undefined> = {}): Promise<Page> {
  const search = new URLSearchParams({ limit: '200' });
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  const response = await client.get(`/api/work-orders?${search}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Page>();
}

/** Ids of the orders a list returns, in its order. */
export async function listIds(client: Client, params: Record<string, string | number | undefined> = {}): Promise<number[]> {
  return (await listOrders(client, params)).items.map((item) => item.id);
}

/** Audit entries of one action (newest first), optionally only those about one order. */
export async function auditOf(h: Harness, action: string, targetId?: number): Promise<AuditEntry[]> {
  const response = await h.admin.get(`/api/audit?action=${action}&limit=200`);
  expect(response.statusCode, response.body).toBe(200);
  const items = response.json<{ items: AuditEntry[] }>().items;
  return targetId === undefined ? items : items.filter((entry) => entry.targetId === String(targetId));
}

/** Expects an error response with this status and code, and returns its message. */
export function expectError(response: LightMyRequestResponse, status: number, code: string): string {
  expect(response.statusCode, response.body).toBe(status);
  const error = response.json<{ error: { code: string; message: string } }>().error;
  expect(error.code).toBe(code);
  return error.message;
}
