import { z } from 'zod';
import {
  calendarInputSchema,
  escalateSchema,
  escalationParamsSchema,
  holidayImportSchema,
  idParamSchema,
  instructionSchema,
  okSchema,
  orderSlaSchema,
  policyInputSchema,
  policyOrderSchema,
  postponeSchema,
  slaCalendarSchema,
  slaFiguresQuerySchema,
  slaFiguresSchema,
  slaPolicySchema,
  slaPreviewResultSchema,
  slaPreviewSchema,
} from '@kefu/contracts';
import { actorOf, type KefuFastify } from '../../platform/http/types.js';
import type { SlaFiguresService } from './figures.service.js';
import type { OrderSlaService } from './order-sla.service.js';
import type { SlaConfigService } from './sla-config.service.js';

const tags = ['sla'];

export function registerSlaRoutes(app: KefuFastify, services: { config: SlaConfigService; orderSla: OrderSlaService; figures: SlaFiguresService }): void {
  const { config, orderSla, figures } = services;

  app.get('/api/sla/calendars', { config: { access: 'work_orders.read' }, schema: { tags, response: { 200: z.array(slaCalendarSchema) } } }, () => config.listCalendars());

  app.post(
    '/api/sla/calendars',
    { config: { access: 'sla.configure', idempotent: true }, schema: { tags, body: calendarInputSchema, response: { 200: slaCalendarSchema } } },
    (request) => config.createCalendar(actorOf(request), request.body, request.origin),
  );

  app.put(
    '/api/sla/calendars/:id',
    { config: { access: 'sla.configure' }, schema: { tags, params: idParamSchema, body: calendarInputSchema, response: { 200: slaCalendarSchema } } },
    (request) => config.updateCalendar(actorOf(request), request.params.id, request.body, request.origin),
  );

  app.delete(
    '/api/sla/calendars/:id',
    { config: { access: 'sla.configure' }, schema: { tags, params: idParamSchema, response: { 200: okSchema } } },
    async (request) => {
      await config.deleteCalendar(actorOf(request), request.params.id, request.origin);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/sla/calendars/import-ics',
    { config: { access: 'sla.configure' }, schema: { tags, body: z.object({ ics: z.string().min(1).max(1_000_000) }), response: { 200: holidayImportSchema } } },
    (request) => config.importIcs(request.body.ics),
  );

  app.post(
    '/api/sla/preview',
    { config: { access: 'sla.configure' }, schema: { tags, body: slaPreviewSchema, response: { 200: slaPreviewResultSchema } } },
    (request) => config.preview(request.body),
  );

  app.get('/api/sla/policies', { config: { access: 'work_orders.read' }, schema: { tags, response: { 200: z.array(slaPolicySchema) } } }, () => config.listPolicies());

  app.post(
    '/api/sla/policies',
    { config: { access: 'sla.configure', idempotent: true }, schema: { tags, body: policyInputSchema, response: { 200: slaPolicySchema } } },
    (request) => config.createPolicy(actorOf(request), request.body, request.origin),
  );

  app.put(
    '/api/sla/policies/order',
    { config: { access: 'sla.configure' }, schema: { tags, body: policyOrderSchema, response: { 200: z.array(slaPolicySchema) } } },
    (request) => config.reorderPolicies(actorOf(request), request.body.ids, request.origin),
  );

  app.put(
    '/api/sla/policies/:id',
    { config: { access: 'sla.configure' }, schema: { tags, params: idParamSchema, body: policyInputSchema, response: { 200: slaPolicySchema } } },
    (request) => config.updatePolicy(actorOf(request), request.params.id, request.body, request.origin),
  );

  app.delete(
    '/api/sla/policies/:id',
    { config: { access: 'sla.configure' }, schema: { tags, params: idParamSchema, response: { 200: okSchema } } },
    async (request) => {
      await config.deletePolicy(actorOf(request), request.params.id, request.origin);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/sla/figures',
    { config: { access: 'sla.figures' }, schema: { tags, querystring: slaFiguresQuerySchema, response: { 200: slaFiguresSchema } } },
    (request) => figures.figures(actorOf(request), request.query),
  );

  app.get(
    '/api/work-orders/:id/sla',
    { config: { access: 'work_orders.read' }, schema: { tags, params: idParamSchema, response: { 200: orderSlaSchema } } },
    (request) => orderSla.get(actorOf(request), request.params.id),
  );

  app.post(
    '/api/work-orders/:id/sla/postpone',
    { config: { access: 'work_orders.handle', idempotent: true }, schema: { tags, params: idParamSchema, body: postponeSchema, response: { 200: orderSlaSchema } } },
    (request) => orderSla.postpone(actorOf(request), request.params.id, request.body, request.origin),
  );

  app.post(
    '/api/work-orders/:id/escalations',
    { config: { access: 'work_orders.handle', idempotent: true }, schema: { tags, params: idParamSchema, body: escalateSchema, response: { 200: orderSlaSchema } } },
    (request) => orderSla.escalate(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/work-orders/:id/escalations/:escalationId/instruction',
    { config: { access: 'work_orders.read' }, schema: { tags, params: escalationParamsSchema, body: instructionSchema, response: { 200: orderSlaSchema } } },
    (request) => orderSla.instruct(actorOf(request), request.params.id, request.params.escalationId, request.body.instruction),
  );
}
