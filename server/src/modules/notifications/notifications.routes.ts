import { z } from 'zod';
import { notificationPageSchema, notificationReadSchema, okSchema } from '@kefu/contracts';
import { actorOf, type KefuFastify } from '../../platform/http/types.js';
import type { NotificationsService } from './notifications.service.js';

const tags = ['notifications'];
const notificationListQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export function registerNotificationRoutes(app: KefuFastify, notifications: NotificationsService): void {
  app.get(
    '/api/notifications',
    { config: { access: 'authenticated' }, schema: { tags, querystring: notificationListQuerySchema, response: { 200: notificationPageSchema } } },
    (request) => notifications.list(actorOf(request), request.query.limit),
  );

  app.post(
    '/api/notifications/read',
    { config: { access: 'authenticated' }, schema: { tags, body: notificationReadSchema, response: { 200: okSchema } } },
    async (request) => {
      await notifications.markRead(actorOf(request), request.body.ids);
      return { ok: true as const };
    },
  );
}
