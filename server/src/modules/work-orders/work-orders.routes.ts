import { z } from 'zod';
import {
  assignSchema,
  attachmentSchema,
  attachmentTokenParamsSchema,
  attachmentUploadQuerySchema,
  availabilitySchema,
  availabilityQuerySchema,
  availabilityUpdateSchema,
  backlogQuerySchema,
  backlogSchema,
  bulkActionSchema,
  bulkResultSchema,
  customerCardSchema,
  deleteOrderSchema,
  dispatchSchema,
  idParamSchema,
  intakeSchema,
  linkSchema,
  mergeOrdersSchema,
  messageInputSchema,
  messageSchema,
  okSchema,
  ownerChangeSchema,
  pageQuerySchema,
  reminderSchema,
  stepActionSchema,
  stepParamsSchema,
  stepSchema,
  transitionSchema,
  workOrderEventSchema,
  workOrderListQuerySchema,
  workOrderPageSchema,
  workOrderSchema,
  workOrderUpdateSchema,
  workOrderViewCountsSchema,
} from '@kefu/contracts';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, type KefuFastify } from '../../platform/http/types.js';
import { contentDisposition } from './attachment-files.js';
import type { AssignmentService } from './assignment.service.js';
import type { ConversationService } from './conversation.service.js';
import type { WorkOrdersService } from './work-orders.service.js';

const tags = ['work-orders'];
const linkParamsSchema = z.object({ id: z.coerce.number().int().positive(), otherId: z.coerce.number().int().positive() });
const directorySchema = z.object({
  departments: z.array(z.object({ id: z.number().int(), name: z.string(), parentId: z.number().int().nullable() })),
  users: z.array(z.object({ id: z.number().int(), name: z.string(), username: z.string(), departmentId: z.number().int().nullable() })),
});

export function registerWorkOrderRoutes(
  app: KefuFastify,
  services: { orders: WorkOrdersService; conversation: ConversationService; assignment: AssignmentService; maxAttachmentBytes: number },
): void {
  const { orders, conversation, assignment } = services;

  app.post(
    '/api/work-orders',
    { config: { access: 'work_orders.create', idempotent: true }, schema: { tags, body: intakeSchema, response: { 200: workOrderSchema } } },
    (request) => orders.intake(actorOf(request), request.body, request.origin),
  );

  app.get(
    '/api/work-orders',
    { config: { access: 'work_orders.read' }, schema: { tags, querystring: workOrderListQuerySchema, response: { 200: workOrderPageSchema } } },
    (request) => orders.list(actorOf(request), request.query),
  );

  app.get('/api/work-orders/counts', { config: { access: 'work_orders.read' }, schema: { tags, response: { 200: workOrderViewCountsSchema } } }, (request) =>
    orders.counts(actorOf(request)),
  );

  app.get('/api/work-orders/directory', { config: { access: 'work_orders.read' }, schema: { tags, response: { 200: directorySchema } } }, () => orders.directory());

  app.get(
    '/api/work-orders/backlog',
    { config: { access: 'work_orders.read' }, schema: { tags, querystring: backlogQuerySchema, response: { 200: backlogSchema } } },
    (request) => orders.backlog(actorOf(request), request.query.departmentId, request.query.limit, request.query.offset),
  );

  app.get(
    '/api/work-orders/bin',
    { config: { access: 'work_orders.delete' }, schema: { tags, querystring: pageQuerySchema, response: { 200: workOrderPageSchema } } },
    (request) => orders.bin(actorOf(request), request.query.limit, request.query.offset),
  );

  app.post(
    '/api/work-orders/bulk',
    { config: { access: 'work_orders.handle' }, schema: { tags, body: bulkActionSchema, response: { 200: bulkResultSchema } } },
    (request) => assignment.bulk(actorOf(request), request.body, request.origin),
  );

  app.get(
    '/api/work-orders/customer-card/:id',
    { config: { access: 'work_orders.read' }, schema: { tags, params: idParamSchema, response: { 200: customerCardSchema } } },
    (request) => orders.customerCard(actorOf(request), request.params.id),
  );

  app.get(
    '/api/work-orders/attachments/:token',
    { config: { access: 'work_orders.read' }, schema: { tags, params: attachmentTokenParamsSchema } },
    async (request, reply) => {
      const file = await conversation.download(actorOf(request), request.params.token);
      // Inline files are verified images or PDFs; everything else, SVG and HTML included,
      // is an opaque download. The sandbox CSP keeps even an opened file from running script.
      return reply
        .type(file.inline ? file.contentType : 'application/octet-stream')
        .header('content-disposition', contentDisposition(file.inline ? 'inline' : 'attachment', file.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
        .header('cache-control', 'private, no-store')
        .send(file.bytes);
    },
  );

  app.get('/api/work-orders/:id', { config: { access: 'work_orders.read' }, schema: { tags, params: idParamSchema, response: { 200: workOrderSchema } } }, (request) =>
    orders.get(actorOf(request), request.params.id),
  );

  app.patch(
    '/api/work-orders/:id',
    { config: { access: 'work_orders.handle' }, schema: { tags, params: idParamSchema, body: workOrderUpdateSchema, response: { 200: workOrderSchema } } },
    (request) => orders.update(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/work-orders/:id/transitions',
    { config: { access: 'work_orders.handle' }, schema: { tags, params: idParamSchema, body: transitionSchema, response: { 200: workOrderSchema } } },
    (request) => orders.transition(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/work-orders/:id/owner',
    { config: { access: 'work_orders.supervise' }, schema: { tags, params: idParamSchema, body: ownerChangeSchema, response: { 200: workOrderSchema } } },
    (request) => orders.changeOwner(actorOf(request), request.params.id, request.body.ownerId, request.body.reason, request.origin),
  );

  app.get(
    '/api/work-orders/:id/events',
    { config: { access: 'work_orders.read' }, schema: { tags, params: idParamSchema, response: { 200: z.array(workOrderEventSchema) } } },
    (request) => orders.events(actorOf(request), request.params.id),
  );

  app.get(
    '/api/work-orders/:id/steps',
    { config: { access: 'work_orders.read' }, schema: { tags, params: idParamSchema, response: { 200: z.array(stepSchema) } } },
    (request) => orders.steps(actorOf(request), request.params.id),
  );

  app.post(
    '/api/work-orders/:id/dispatch',
    { config: { access: 'work_orders.handle' }, schema: { tags, params: idParamSchema, body: dispatchSchema, response: { 200: z.array(stepSchema) } } },
    (request) => orders.dispatch(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/work-orders/:id/steps/:stepId',
    { config: { access: 'work_orders.handle' }, schema: { tags, params: stepParamsSchema, body: stepActionSchema, response: { 200: z.array(stepSchema) } } },
    (request) => orders.stepAction(actorOf(request), request.params.id, request.params.stepId, request.body),
  );

  app.get(
    '/api/work-orders/:id/messages',
    { config: { access: 'work_orders.read' }, schema: { tags, params: idParamSchema, response: { 200: z.array(messageSchema) } } },
    (request) => conversation.messages(actorOf(request), request.params.id),
  );

  app.post(
    '/api/work-orders/:id/messages',
    { config: { access: 'work_orders.handle', idempotent: true }, schema: { tags, params: idParamSchema, body: messageInputSchema, response: { 200: messageSchema } } },
    (request) => conversation.post(actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/work-orders/:id/attachments',
    { config: { access: 'work_orders.read' }, schema: { tags, params: idParamSchema, response: { 200: z.array(attachmentSchema) } } },
    (request) => conversation.attachments(actorOf(request), request.params.id),
  );

  // Uploads arrive as the file's raw bytes, in their own scope so every content type is
  // accepted as bytes here (and only here).
  void app.register(async (scope) => {
    const uploads = scope.withTypeProvider<ZodTypeProvider>();
    uploads.removeAllContentTypeParsers();
    // Twice the limit is read, so a file somewhat over it gets the attachment's own message
    // (with the limit) rather than the generic "payload too large".
    const bodyLimit = services.maxAttachmentBytes * 2;
    uploads.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => done(null, body));
    uploads.post(
      '/api/work-orders/:id/attachments',
      {
        config: { access: 'work_orders.handle' },
        bodyLimit,
        schema: { tags, params: idParamSchema, querystring: attachmentUploadQuerySchema, response: { 200: attachmentSchema } },
      },
      (request) => conversation.upload(actorOf(request), request.params.id, request.query.fileName, Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)),
    );
  });

  app.post(
    '/api/work-orders/:id/links',
    { config: { access: 'work_orders.handle' }, schema: { tags, params: idParamSchema, body: linkSchema, response: { 200: workOrderSchema } } },
    (request) => orders.link(actorOf(request), request.params.id, request.body.otherId),
  );

  app.delete(
    '/api/work-orders/:id/links/:otherId',
    { config: { access: 'work_orders.handle' }, schema: { tags, params: linkParamsSchema, response: { 200: workOrderSchema } } },
    (request) => orders.unlink(actorOf(request), request.params.id, request.params.otherId),
  );

  app.post(
    '/api/work-orders/:id/merge',
    { config: { access: 'work_orders.handle' }, schema: { tags, params: idParamSchema, body: mergeOrdersSchema, response: { 200: workOrderSchema } } },
    (request) => orders.merge(actorOf(request), request.params.id, request.body.sourceId, request.origin),
  );

  app.post(
    '/api/work-orders/:id/assign',
    { config: { access: 'work_orders.handle' }, schema: { tags, params: idParamSchema, body: assignSchema, response: { 200: workOrderSchema } } },
    (request) => assignment.assign(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/work-orders/:id/reminders',
    { config: { access: 'work_orders.read' }, schema: { tags, params: idParamSchema, body: reminderSchema, response: { 200: workOrderSchema } } },
    (request) => orders.remind(actorOf(request), request.params.id, request.body.note),
  );

  app.delete(
    '/api/work-orders/:id',
    { config: { access: 'work_orders.delete' }, schema: { tags, params: idParamSchema, body: deleteOrderSchema, response: { 200: okSchema } } },
    async (request) => {
      await orders.remove(actorOf(request), request.params.id, request.body.reason, request.origin);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/work-orders/:id/restore',
    { config: { access: 'work_orders.delete' }, schema: { tags, params: idParamSchema, response: { 200: workOrderSchema } } },
    (request) => orders.restore(actorOf(request), request.params.id, request.origin),
  );

  app.delete(
    '/api/work-orders/:id/purge',
    { config: { access: 'work_orders.purge' }, schema: { tags, params: idParamSchema, response: { 200: okSchema } } },
    async (request) => {
      await orders.purge(actorOf(request), request.params.id, request.origin);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/agents/availability',
    { config: { access: 'work_orders.read' }, schema: { tags: ['agents'], querystring: availabilityQuerySchema, response: { 200: z.array(availabilitySchema) } } },
    (request) => assignment.board(actorOf(request), request.query.departmentId),
  );

  app.put(
    '/api/agents/me/availability',
    { config: { access: 'work_orders.handle' }, schema: { tags: ['agents'], body: availabilityUpdateSchema, response: { 200: availabilitySchema } } },
    (request) => assignment.setAvailability(actorOf(request), actorOf(request).userId, request.body),
  );

  app.put(
    '/api/agents/:id/availability',
    { config: { access: 'work_orders.supervise' }, schema: { tags: ['agents'], params: idParamSchema, body: availabilityUpdateSchema, response: { 200: availabilitySchema } } },
    (request) => assignment.setAvailability(actorOf(request), request.params.id, request.body),
  );
}
