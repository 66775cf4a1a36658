import {
  idParamSchema,
  okSchema,
  resetPasswordRequestSchema,
  userCreateSchema,
  userListQuerySchema,
  userPageSchema,
  userSchema,
  userUpdateSchema,
} from '@kefu/contracts';
import { actorOf, type KefuFastify } from '../../platform/http/types.js';
import type { UsersService } from './users.service.js';

const tags = ['users'];

export function registerUserRoutes(app: KefuFastify, users: UsersService): void {
  app.get('/api/users', { config: { access: 'users.read' }, schema: { tags, querystring: userListQuerySchema, response: { 200: userPageSchema } } }, (request) =>
    users.list(actorOf(request), request.query),
  );

  app.get('/api/users/:id', { config: { access: 'users.read' }, schema: { tags, params: idParamSchema, response: { 200: userSchema } } }, (request) =>
    users.get(actorOf(request), request.params.id),
  );

  app.post('/api/users', { config: { access: 'users.manage', idempotent: true }, schema: { tags, body: userCreateSchema, response: { 200: userSchema } } }, (request) =>
    users.create(actorOf(request), request.body, request.origin),
  );

  app.patch(
    '/api/users/:id',
    { config: { access: 'users.manage' }, schema: { tags, params: idParamSchema, body: userUpdateSchema, response: { 200: userSchema } } },
    (request) => users.update(actorOf(request), request.params.id, request.body, request.origin),
  );

  app.post(
    '/api/users/:id/password',
    { config: { access: 'users.manage' }, schema: { tags, params: idParamSchema, body: resetPasswordRequestSchema, response: { 200: okSchema } } },
    async (request) => {
      await users.resetPassword(actorOf(request), request.params.id, request.body.password, request.origin);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/users/:id/unlock',
    { config: { access: 'users.manage' }, schema: { tags, params: idParamSchema, response: { 200: userSchema } } },
    (request) => users.unlock(actorOf(request), request.params.id, request.origin),
  );
}
