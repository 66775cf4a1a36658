import { z } from 'zod';
import { idParamSchema, okSchema, savedViewCreateSchema, savedViewListQuerySchema, savedViewSchema } from '@kefu/contracts';
import { actorOf, type KefuFastify } from '../../platform/http/types.js';
import type { SavedViewsService } from './saved-views.service.js';

const tags = ['saved-views'];

export function registerSavedViewRoutes(app: KefuFastify, views: SavedViewsService): void {
  app.get(
    '/api/saved-views',
    { config: { access: 'authenticated' }, schema: { tags, querystring: savedViewListQuerySchema, response: { 200: z.array(savedViewSchema) } } },
    (request) => views.list(actorOf(request), request.query.scope),
  );

  app.post('/api/saved-views', { config: { access: 'authenticated' }, schema: { tags, body: savedViewCreateSchema, response: { 200: savedViewSchema } } }, (request) =>
    views.create(actorOf(request), request.body),
  );

  app.delete('/api/saved-views/:id', { config: { access: 'authenticated' }, schema: { tags, params: idParamSchema, response: { 200: okSchema } } }, async (request) => {
    await views.remove(actorOf(request), request.params.id);
    return { ok: true as const };
  });
}
