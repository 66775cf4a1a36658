import { z } from 'zod';
import {
  customerExportQuerySchema,
  customerImportSchema,
  importCommitQuerySchema,
  importUploadQuerySchema,
  customFieldCreateSchema,
  customFieldDefinitionSchema,
  customFieldUpdateSchema,
  completenessReportQuerySchema,
  completenessReportRowSchema,
  completenessSettingsSchema,
  customerInputSchema,
  customerListQuerySchema,
  customerPageSchema,
  customerSchema,
  customerUpdateSchema,
  duplicateCandidateSchema,
  eraseRequestSchema,
  idParamSchema,
  mergeRequestSchema,
  phoneAddSchema,
  phoneParamsSchema,
  revealRequestSchema,
  revealResponseSchema,
  timelineEntrySchema,
  timelineQuerySchema,
} from '@kefu/contracts';
import { actorOf, type KefuFastify } from '../../platform/http/types.js';
import type { CustomerImportsService } from './customer-imports.service.js';
import type { CustomFieldsService } from './custom-fields.service.js';
import type { CustomersService } from './customers.service.js';

const tags = ['customers'];
/** 100,000 rows of a spreadsheet fit comfortably. */
const IMPORT_BODY_LIMIT = 30 * 1024 * 1024;
const SPREADSHEET_TYPES = ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream'];
const EXPORT_TYPES = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

export function registerCustomerRoutes(
  app: KefuFastify,
  customers: CustomersService,
  imports: CustomerImportsService,
  customFields: CustomFieldsService,
): void {
  app.get('/api/customers/fields', { config: { access: 'customers.read' }, schema: { tags, response: { 200: z.array(customFieldDefinitionSchema) } } }, () =>
    customFields.list(),
  );

  app.post(
    '/api/customers/fields',
    { config: { access: 'settings.manage', idempotent: true }, schema: { tags, body: customFieldCreateSchema, response: { 200: customFieldDefinitionSchema } } },
    (request) => customFields.create(actorOf(request), request.body, request.origin),
  );

  app.patch(
    '/api/customers/fields/:id',
    {
      config: { access: 'settings.manage' },
      schema: { tags, params: idParamSchema, body: customFieldUpdateSchema, response: { 200: customFieldDefinitionSchema } },
    },
    (request) => customFields.update(actorOf(request), request.params.id, request.body, request.origin),
  );

  // Uploads arrive as the raw file (CSV or .xlsx) rather than multipart: simpler for
  // integrations (`curl --data-binary @file`), and the browser sends a File as-is.
  app.addContentTypeParser(SPREADSHEET_TYPES, { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_request, body, done) => done(null, body));

  app.post(
    '/api/customers/imports',
    {
      config: { access: 'customers.import' },
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: { tags, querystring: importUploadQuerySchema, response: { 200: customerImportSchema } },
    },
    (request) => imports.upload(actorOf(request), request.body as Buffer, request.query.fileName),
  );

  app.get(
    '/api/customers/imports/:id',
    { config: { access: 'customers.import' }, schema: { tags, params: idParamSchema, response: { 200: customerImportSchema } } },
    (request) => imports.get(actorOf(request), request.params.id),
  );

  app.post(
    '/api/customers/imports/:id/commit',
    {
      config: { access: 'customers.import' },
      schema: { tags, params: idParamSchema, querystring: importCommitQuerySchema, response: { 200: customerImportSchema } },
    },
    (request) => imports.commit(actorOf(request), request.params.id, request.query.wait, request.origin),
  );

  app.get(
    '/api/customers/export',
    { config: { access: 'customers.export' }, schema: { tags, querystring: customerExportQuerySchema } },
    async (request, reply) => {
      const { file } = await customers.exportList(actorOf(request), request.query, request.origin);
      return reply
        .type(EXPORT_TYPES[request.query.format])
        .header('content-disposition', `attachment; filename="customers.${request.query.format}"`)
        .send(file);
    },
  );

  app.get(
    '/api/customers',
    { config: { access: 'customers.read' }, schema: { tags, querystring: customerListQuerySchema, response: { 200: customerPageSchema } } },
    (request) => customers.list(actorOf(request), request.query, request.origin),
  );

  app.post(
    '/api/customers',
    { config: { access: 'customers.write', idempotent: true }, schema: { tags, body: customerInputSchema, response: { 200: customerSchema } } },
    (request) => customers.create(actorOf(request), request.body, request.origin),
  );

  app.get(
    '/api/customers/completeness',
    {
      config: { access: 'customers.read' },
      schema: { tags, querystring: completenessReportQuerySchema, response: { 200: z.array(completenessReportRowSchema) } },
    },
    (request) => customers.completenessReport(request.query.groupBy),
  );

  app.get(
    '/api/customers/settings/completeness',
    { config: { access: 'customers.read' }, schema: { tags, response: { 200: completenessSettingsSchema } } },
    () => customers.completenessSettings(),
  );

  app.put(
    '/api/customers/settings/completeness',
    { config: { access: 'settings.manage' }, schema: { tags, body: completenessSettingsSchema, response: { 200: completenessSettingsSchema } } },
    (request) => customers.updateCompletenessSettings(actorOf(request), request.body, request.origin),
  );

  app.get('/api/customers/:id', { config: { access: 'customers.read' }, schema: { tags, params: idParamSchema, response: { 200: customerSchema } } }, (request) =>
    customers.get(actorOf(request), request.params.id),
  );

  app.patch(
    '/api/customers/:id',
    { config: { access: 'customers.write' }, schema: { tags, params: idParamSchema, body: customerUpdateSchema, response: { 200: customerSchema } } },
    (request) => customers.update(actorOf(request), request.params.id, request.body, request.origin),
  );

  app.post(
    '/api/customers/:id/phones',
    { config: { access: 'customers.write' }, schema: { tags, params: idParamSchema, body: phoneAddSchema, response: { 200: customerSchema } } },
    (request) => customers.changePhones(actorOf(request), request.params.id, { kind: 'add', ...request.body }, request.origin),
  );

  app.delete(
    '/api/customers/:id/phones/:phoneId',
    { config: { access: 'customers.write' }, schema: { tags, params: phoneParamsSchema, response: { 200: customerSchema } } },
    (request) => customers.changePhones(actorOf(request), request.params.id, { kind: 'remove', phoneId: request.params.phoneId }, request.origin),
  );

  app.post(
    '/api/customers/:id/phones/:phoneId/primary',
    { config: { access: 'customers.write' }, schema: { tags, params: phoneParamsSchema, response: { 200: customerSchema } } },
    (request) => customers.changePhones(actorOf(request), request.params.id, { kind: 'make_primary', phoneId: request.params.phoneId }, request.origin),
  );

  app.post(
    '/api/customers/:id/reveal',
    { config: { access: 'pii.view' }, schema: { tags, params: idParamSchema, body: revealRequestSchema, response: { 200: revealResponseSchema } } },
    (request) => customers.reveal(actorOf(request), request.params.id, request.body.field, request.origin),
  );

  app.get(
    '/api/customers/:id/timeline',
    {
      config: { access: 'customers.read' },
      schema: { tags, params: idParamSchema, querystring: timelineQuerySchema, response: { 200: z.array(timelineEntrySchema) } },
    },
    (request) => customers.timeline(actorOf(request), request.params.id, request.query.before, request.query.limit),
  );

  app.get(
    '/api/customers/:id/duplicates',
    { config: { access: 'customers.read' }, schema: { tags, params: idParamSchema, response: { 200: z.array(duplicateCandidateSchema) } } },
    (request) => customers.duplicates(actorOf(request), request.params.id),
  );

  app.post(
    '/api/customers/:id/merge',
    { config: { access: 'customers.merge' }, schema: { tags, params: idParamSchema, body: mergeRequestSchema, response: { 200: customerSchema } } },
    (request) => customers.merge(actorOf(request), request.params.id, request.body.sourceId, request.origin),
  );

  app.post(
    '/api/customers/:id/erase',
    { config: { access: 'customers.erase' }, schema: { tags, params: idParamSchema, body: eraseRequestSchema, response: { 200: customerSchema } } },
    (request) => customers.erase(actorOf(request), request.params.id, request.body.reason, request.origin),
  );

  app.get(
    '/api/customers/:id/export',
    {
      config: { access: 'customers.export' },
      schema: { tags, params: idParamSchema, response: { 200: z.object({ customer: customerSchema, timeline: z.array(timelineEntrySchema) }) } },
    },
    async (request, reply) => {
      const data = await customers.exportData(actorOf(request), request.params.id, request.origin);
      reply.header('content-disposition', `attachment; filename="customer-${request.params.id}.json"`);
      return data;
    },
  );
}
