import { sessionInfoSchema, setupRequestSchema, setupStatusSchema } from '@kefu/contracts';
import { setSessionCookie } from '../../platform/http/access.js';
import type { KefuFastify } from '../../platform/http/types.js';
import { unauthenticated } from '../../platform/errors.js';
import type { AuthService } from '../auth/auth.service.js';
import type { SetupService } from './setup.service.js';

export function registerSetupRoutes(app: KefuFastify, setup: SetupService, auth: AuthService): void {
  app.get('/api/setup', { config: { access: 'public' }, schema: { tags: ['setup'], response: { 200: setupStatusSchema } } }, () => setup.status());

  app.post(
    '/api/setup',
    { config: { access: 'public' }, schema: { tags: ['setup'], body: setupRequestSchema, response: { 200: sessionInfoSchema } } },
    async (request, reply) => {
      const session = await setup.complete(request.body, request.origin);
      setSessionCookie(request, reply, session.token, session.maxAgeMs);
      const actor = await auth.bySessionToken(session.token, request.origin);
      if (!actor) throw unauthenticated();
      return auth.sessionInfo(actor);
    },
  );
}
