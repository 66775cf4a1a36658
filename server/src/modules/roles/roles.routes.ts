import { z } from 'zod';
import { idParamSchema, okSchema, roleCreateSchema, roleSchema, roleUpdateSchema } from '@kefu/contracts';
import { actorOf, type KefuFastify } from '../../platform/http/types.js';
import type { RolesService } from './roles.service.js';

const tags = ['roles'];

export function registerRoleRoutes(app: KefuFastify, roles: RolesService): void {
  app.get('/api/roles', { config: { access: 'roles.read' }, schema: { tags, response: { 200: z.array(roleSchema) } } }, (request) =>
    roles.list(actorOf(request)),
  );

  app.post('/api/roles', { config: { access: 'roles.manage', idempotent: true }, schema: { tags, body: roleCreateSchema, response: { 200: roleSchema } } }, (request) =>
    roles.create(actorOf(request), request.body, request.origin),
  );

  app.patch(
    '/api/roles/:id',
    { config: { access: 'roles.manage' }, schema: { tags, params: idParamSchema, body: roleUpdateSchema, response: { 200: roleSchema } } },
    (request) => roles.update(actorOf(request), request.params.id, request.body, request.origin),
  );

  app.delete('/api/roles/:id', { config: { access: 'roles.manage' }, schema: { tags, params: idParamSchema, response: { 200: okSchema } } }, async (request) => {
    await roles.remove(actorOf(request), request.params.id, request.origin);
    return { ok: true as const };
  });
}
