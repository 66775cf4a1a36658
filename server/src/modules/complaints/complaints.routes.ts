import {
  caseArticleSchema,
  complaintCreateSchema,
  complaintLevelUpSchema,
  complaintListQuerySchema,
  complaintPageSchema,
  complaintSchema,
  complaintSettingsSchema,
  complaintUpdateSchema,
  idParamSchema,
  satisfactionSchema,
} from '@kefu/contracts';
import { actorOf, type KefuFastify } from '../../platform/http/types.js';
import type { ComplaintsService } from './complaints.service.js';

const tags = ['complaints'];

export function registerComplaintRoutes(app: KefuFastify, complaints: ComplaintsService): void {
  app.post(
    '/api/complaints',
    { config: { access: 'complaints.manage', idempotent: true }, schema: { tags, body: complaintCreateSchema, response: { 200: complaintSchema } } },
    (request) => complaints.create(actorOf(request), request.body, request.origin),
  );

  app.get(
    '/api/complaints',
    { config: { access: 'complaints.read' }, schema: { tags, querystring: complaintListQuerySchema, response: { 200: complaintPageSchema } } },
    (request) => complaints.list(actorOf(request), request.query),
  );

  app.get(
    '/api/complaints/settings',
    { config: { access: 'complaints.read' }, schema: { tags, response: { 200: complaintSettingsSchema } } },
    () => complaints.settings(),
  );

  app.put(
    '/api/complaints/settings',
    { config: { access: 'sla.configure' }, schema: { tags, body: complaintSettingsSchema, response: { 200: complaintSettingsSchema } } },
    (request) => complaints.updateSettings(actorOf(request), request.body, request.origin),
  );

  app.get(
    '/api/complaints/:id',
    { config: { access: 'complaints.read' }, schema: { tags, params: idParamSchema, response: { 200: complaintSchema } } },
    (request) => complaints.get(actorOf(request), request.params.id),
  );

  app.get(
    '/api/work-orders/:id/complaint',
    { config: { access: 'work_orders.read' }, schema: { tags, params: idParamSchema, response: { 200: complaintSchema } } },
    (request) => complaints.ofOrder(actorOf(request), request.params.id),
  );

  app.patch(
    '/api/complaints/:id',
    { config: { access: 'complaints.manage' }, schema: { tags, params: idParamSchema, body: complaintUpdateSchema, response: { 200: complaintSchema } } },
    (request) => complaints.update(actorOf(request), request.params.id, request.body, request.origin),
  );

  app.post(
    '/api/complaints/:id/level',
    { config: { access: 'complaints.manage', idempotent: true }, schema: { tags, params: idParamSchema, body: complaintLevelUpSchema, response: { 200: complaintSchema } } },
    (request) => complaints.levelUp(actorOf(request), request.params.id, request.body.reason, request.body.source),
  );

  app.post(
    '/api/complaints/:id/satisfaction',
    { config: { access: 'complaints.manage' }, schema: { tags, params: idParamSchema, body: satisfactionSchema, response: { 200: complaintSchema } } },
    (request) => complaints.recordSatisfaction(actorOf(request), request.params.id, request.body.satisfaction, request.body.note),
  );

  app.post(
    '/api/complaints/:id/case-article',
    { config: { access: 'complaints.manage', idempotent: true }, schema: { tags, params: idParamSchema, body: caseArticleSchema, response: { 200: complaintSchema } } },
    (request) => complaints.makeCaseArticle(actorOf(request), request.params.id, request.body.title, request.body.body),
  );
}
