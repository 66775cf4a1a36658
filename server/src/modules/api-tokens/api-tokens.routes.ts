import { z } from 'zod';
import { apiTokenCreatedSchema, apiTokenCreateSchema, apiTokenSchema, idParamSchema, okSchema } from '@kefu/contracts';
import { actorOf, type KefuFastify } from '../../platform/http/types.js';
import type { ApiTokensService } from './api-tokens.service.js';

const tags = ['api-tokens'];

export function registerApiTokenRoutes(app: KefuFastify, tokens: ApiTokensService): void {
  app.get('/api/api-tokens', { config: { access: 'api_tokens.manage' }, schema: { tags, response: { 200: z.array(apiTokenSchema) } } }, (request) =>
    tokens.list(actorOf(request)),
  );

  app.post(
    '/api/api-tokens',
    { config: { access: 'api_tokens.manage' }, schema: { tags, body: apiTokenCreateSchema, response: { 200: apiTokenCreatedSchema } } },
    (request) => tokens.create(actorOf(request), request.body, request.origin),
  );

  app.delete(
    '/api/api-tokens/:id',
    { config: { access: 'api_tokens.manage' }, schema: { tags, params: idParamSchema, response: { 200: okSchema } } },
    async (request) => {
      await tokens.revoke(actorOf(request), request.params.id, request.origin);
      return { ok: true as const };
    },
  );
}
