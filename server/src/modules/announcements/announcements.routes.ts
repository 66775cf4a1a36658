import {
  announcementInputSchema,
  announcementListSchema,
  announcementPageSchema,
  announcementReceiptsSchema,
  announcementSchema,
  idParamSchema,
  pageQuerySchema,
} from '@kefu/contracts';
import { actorOf, type KefuFastify } from '../../platform/http/types.js';
import type { AnnouncementsService } from './announcements.service.js';

const tags = ['announcements'];

export function registerAnnouncementRoutes(app: KefuFastify, announcements: AnnouncementsService): void {
  app.get(
    '/api/announcements',
    { config: { access: 'authenticated' }, schema: { tags, querystring: pageQuerySchema, response: { 200: announcementPageSchema } } },
    (request) => announcements.mine(actorOf(request), request.query.limit, request.query.offset),
  );
  app.get(
    '/api/announcements/managed',
    { config: { access: 'announcements.publish' }, schema: { tags, querystring: pageQuerySchema, response: { 200: announcementPageSchema } } },
    (request) => announcements.managed(actorOf(request), request.query.limit, request.query.offset),
  );
  app.get('/api/announcements/must-read', { config: { access: 'authenticated' }, schema: { tags, response: { 200: announcementListSchema } } }, async (request) => ({
    items: await announcements.unacknowledged(actorOf(request)),
  }));
  app.post(
    '/api/announcements',
    { config: { access: 'announcements.publish', idempotent: true }, schema: { tags, body: announcementInputSchema, response: { 200: announcementSchema } } },
    (request) => announcements.publish(actorOf(request), request.body, request.origin),
  );
  app.get('/api/announcements/:id', { config: { access: 'authenticated' }, schema: { tags, params: idParamSchema, response: { 200: announcementSchema } } }, (request) =>
    announcements.open(actorOf(request), request.params.id),
  );
  app.post(
    '/api/announcements/:id/acknowledge',
    { config: { access: 'authenticated' }, schema: { tags, params: idParamSchema, response: { 200: announcementSchema } } },
    (request) => announcements.acknowledge(actorOf(request), request.params.id),
  );
  app.post(
    '/api/announcements/:id/withdraw',
    { config: { access: 'announcements.publish' }, schema: { tags, params: idParamSchema, response: { 200: announcementSchema } } },
    (request) => announcements.withdraw(actorOf(request), request.params.id, request.origin),
  );
  app.get(
    '/api/announcements/:id/receipts',
    { config: { access: 'announcements.receipts' }, schema: { tags, params: idParamSchema, response: { 200: announcementReceiptsSchema } } },
    (request) => announcements.receipts(actorOf(request), request.params.id),
  );
}
