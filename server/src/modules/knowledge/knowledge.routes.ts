import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ARTICLE_ACTIONS,
  articleDiffQuerySchema,
  articleDiffSchema,
  articleFeedbackEntrySchema,
  articleFeedbackSchema,
  articleImageSchema,
  articleImageTokenSchema,
  articleImageUploadQuerySchema,
  articleInputSchema,
  articleListQuerySchema,
  articlePageSchema,
  articleSchema,
  articleTransitionSchema,
  articleUpdateSchema,
  articleVersionQuerySchema,
  articleVersionSchema,
  idParamSchema,
  knowledgeCategoryInputSchema,
  knowledgeCategorySchema,
  knowledgeReportSchema,
  okSchema,
  suggestionsQuerySchema,
  suggestionsSchema,
  synonymsSchema,
  timestampSchema,
} from '@kefu/contracts';
import { notFound } from '../../platform/errors.js';
import { actorOf, type KefuFastify } from '../../platform/http/types.js';
import { contentDisposition } from '../work-orders/attachment-files.js';
import type { KnowledgeService } from './knowledge.service.js';

const tags = ['knowledge'];
const articleEventSchema = z.object({
  action: z.enum(ARTICLE_ACTIONS),
  version: z.number().int(),
  actorName: z.string(),
  comment: z.string().nullable(),
  at: timestampSchema,
});

export function registerKnowledgeRoutes(app: KefuFastify, knowledge: KnowledgeService, maxImageBytes: number): void {
  app.get('/api/knowledge/categories', { config: { access: 'knowledge.read' }, schema: { tags, response: { 200: z.array(knowledgeCategorySchema) } } }, () =>
    knowledge.categories(),
  );
  app.post(
    '/api/knowledge/categories',
    { config: { access: 'knowledge.manage', idempotent: true }, schema: { tags, body: knowledgeCategoryInputSchema, response: { 200: knowledgeCategorySchema } } },
    (request) => knowledge.createCategory(actorOf(request), request.body, request.origin),
  );
  app.patch(
    '/api/knowledge/categories/:id',
    { config: { access: 'knowledge.manage' }, schema: { tags, params: idParamSchema, body: knowledgeCategoryInputSchema, response: { 200: knowledgeCategorySchema } } },
    (request) => knowledge.updateCategory(actorOf(request), request.params.id, request.body, request.origin),
  );
  app.delete(
    '/api/knowledge/categories/:id',
    { config: { access: 'knowledge.manage' }, schema: { tags, params: idParamSchema, response: { 200: okSchema } } },
    async (request) => {
      await knowledge.deleteCategory(actorOf(request), request.params.id, request.origin);
      return { ok: true as const };
    },
  );

  app.get('/api/knowledge/synonyms', { config: { access: 'knowledge.read' }, schema: { tags, response: { 200: synonymsSchema } } }, () => knowledge.synonyms());
  app.put(
    '/api/knowledge/synonyms',
    { config: { access: 'knowledge.manage' }, schema: { tags, body: synonymsSchema, response: { 200: synonymsSchema } } },
    (request) => knowledge.updateSynonyms(actorOf(request), request.body, request.origin),
  );

  app.get(
    '/api/knowledge/articles',
    { config: { access: 'knowledge.read' }, schema: { tags, querystring: articleListQuerySchema, response: { 200: articlePageSchema } } },
    (request) => knowledge.list(actorOf(request), request.query),
  );
  app.post(
    '/api/knowledge/articles',
    { config: { access: 'knowledge.edit', idempotent: true }, schema: { tags, body: articleInputSchema, response: { 200: articleSchema } } },
    (request) => knowledge.create(actorOf(request), request.body),
  );
  app.get(
    '/api/knowledge/suggestions',
    {
      config: { access: 'knowledge.read' },
      schema: { tags, querystring: suggestionsQuerySchema, response: { 200: suggestionsSchema } },
    },
    (request) => knowledge.suggestions(actorOf(request), request.query.workOrderId),
  );
  app.get('/api/knowledge/report', { config: { access: 'knowledge.manage' }, schema: { tags, response: { 200: knowledgeReportSchema } } }, (request) =>
    knowledge.report(actorOf(request)),
  );
  app.get(
    '/api/knowledge/articles/:id',
    { config: { access: 'knowledge.read' }, schema: { tags, params: idParamSchema, querystring: articleVersionQuerySchema, response: { 200: articleSchema } } },
    (request) => knowledge.get(actorOf(request), request.params.id, request.query.version),
  );
  app.put(
    '/api/knowledge/articles/:id',
    { config: { access: 'knowledge.edit' }, schema: { tags, params: idParamSchema, body: articleUpdateSchema, response: { 200: articleSchema } } },
    (request) => knowledge.update(actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/knowledge/articles/:id/transitions',
    { config: { access: 'knowledge.read' }, schema: { tags, params: idParamSchema, body: articleTransitionSchema, response: { 200: articleSchema } } },
    (request) => knowledge.transition(actorOf(request), request.params.id, request.body, request.origin),
  );
  app.get(
    '/api/knowledge/articles/:id/versions',
    { config: { access: 'knowledge.read' }, schema: { tags, params: idParamSchema, response: { 200: z.array(articleVersionSchema) } } },
    (request) => knowledge.versions(actorOf(request), request.params.id),
  );
  app.get(
    '/api/knowledge/articles/:id/diff',
    { config: { access: 'knowledge.read' }, schema: { tags, params: idParamSchema, querystring: articleDiffQuerySchema, response: { 200: articleDiffSchema } } },
    (request) => knowledge.diff(actorOf(request), request.params.id, request.query.from, request.query.to),
  );
  app.get(
    '/api/knowledge/articles/:id/events',
    { config: { access: 'knowledge.read' }, schema: { tags, params: idParamSchema, response: { 200: z.array(articleEventSchema) } } },
    (request) => knowledge.events(actorOf(request), request.params.id),
  );
  app.post(
    '/api/knowledge/articles/:id/feedback',
    { config: { access: 'knowledge.read' }, schema: { tags, params: idParamSchema, body: articleFeedbackSchema, response: { 200: articleSchema } } },
    (request) => knowledge.feedback(actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/knowledge/articles/:id/feedback',
    { config: { access: 'knowledge.read' }, schema: { tags, params: idParamSchema, response: { 200: z.array(articleFeedbackEntrySchema) } } },
    (request) => knowledge.feedbackEntries(actorOf(request), request.params.id),
  );
  app.get(
    '/api/knowledge/images/:token',
    { config: { access: 'knowledge.read' }, schema: { tags, params: articleImageTokenSchema } },
    async (request, reply) => {
      const image = await knowledge.image(actorOf(request), request.params.token);
      if (!image) throw notFound();
      // Only verified raster images are stored; the sandbox CSP keeps even an opened one inert.
      return reply
        .type(image.contentType)
        .header('content-disposition', contentDisposition('inline', image.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, max-age=3600')
        .send(image.bytes);
    },
  );

  // Images arrive as the file's raw bytes, in their own scope (as work-order attachments do).
  void app.register(async (scope) => {
    const uploads = scope.withTypeProvider<ZodTypeProvider>();
    uploads.removeAllContentTypeParsers();
    const bodyLimit = maxImageBytes * 2;
    uploads.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => done(null, body));
    uploads.post(
      '/api/knowledge/articles/:id/images',
      { config: { access: 'knowledge.edit' }, bodyLimit, schema: { tags, params: idParamSchema, querystring: articleImageUploadQuerySchema, response: { 200: articleImageSchema } } },
      (request) => knowledge.uploadImage(actorOf(request), request.params.id, request.query.fileName, Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)),
    );
  });

  app.post(
    '/api/knowledge/articles/:id/use',
    { config: { access: 'knowledge.read' }, schema: { tags, params: idParamSchema, response: { 200: okSchema } } },
    async (request) => {
      await knowledge.recordUse(actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
}
