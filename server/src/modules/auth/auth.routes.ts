import { z } from 'zod';
import { changePasswordRequestSchema, loginRequestSchema, okSchema, sessionInfoSchema, sessionSummarySchema, updateProfileRequestSchema } from '@kefu/contracts';
import { clearSessionCookie, sessionCookieName, setSessionCookie } from '../../platform/http/access.js';
import { actorOf, type KefuFastify } from '../../platform/http/types.js';
import type { AuthService } from './auth.service.js';

export function registerAuthRoutes(app: KefuFastify, auth: AuthService): void {
  app.post(
    '/api/auth/login',
    { config: { access: 'public' }, schema: { tags: ['auth'], body: loginRequestSchema, response: { 200: sessionInfoSchema } } },
    async (request, reply) => {
      const result = await auth.login(request.body, request.origin, request.cookies[sessionCookieName(request)]);
      setSessionCookie(request, reply, result.token, result.maxAgeMs);
      return result.info;
    },
  );

  app.post('/api/auth/logout', { config: { access: 'authenticated' }, schema: { tags: ['auth'], response: { 200: okSchema } } }, async (request, reply) => {
    await auth.logout(actorOf(request), request.origin);
    clearSessionCookie(request, reply);
    return { ok: true as const };
  });

  app.get('/api/auth/session', { config: { access: 'authenticated' }, schema: { tags: ['auth'], response: { 200: sessionInfoSchema } } }, (request) =>
    auth.sessionInfo(actorOf(request)),
  );

  app.get(
    '/api/auth/sessions',
    { config: { access: 'authenticated' }, schema: { tags: ['auth'], response: { 200: z.array(sessionSummarySchema) } } },
    (request) => auth.listSessions(actorOf(request)),
  );

  app.delete(
    '/api/auth/sessions/:id',
    { config: { access: 'authenticated' }, schema: { tags: ['auth'], params: z.object({ id: z.string().min(1).max(64) }), response: { 200: okSchema } } },
    async (request) => {
      await auth.revokeSession(actorOf(request), request.params.id, request.origin);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/auth/password',
    { config: { access: 'authenticated' }, schema: { tags: ['auth'], body: changePasswordRequestSchema, response: { 200: okSchema } } },
    async (request) => {
      await auth.changePassword(actorOf(request), request.body, request.origin);
      return { ok: true as const };
    },
  );

  app.patch(
    '/api/auth/profile',
    { config: { access: 'authenticated' }, schema: { tags: ['auth'], body: updateProfileRequestSchema, response: { 200: sessionInfoSchema } } },
    (request) => auth.updateProfile(actorOf(request), request.body),
  );
}
