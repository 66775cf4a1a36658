import { z } from 'zod';
import { categoryInputSchema, categorySchema, categoryUpdateSchema, idParamSchema, workOrderSettingsSchema, workOrderSettingsUpdateSchema } from '@kefu/contracts';
import { actorOf, type KefuFastify } from '../../platform/http/types.js';
import type { WorkOrderCategoriesService } from './categories.service.js';

const tags = ['work-orders'];

export function registerWorkOrderCategoryRoutes(app: KefuFastify, categories: WorkOrderCategoriesService): void {
  app.get(
    '/api/work-orders/categories',
    { config: { access: 'work_orders.read' }, schema: { tags, response: { 200: z.array(categorySchema) } } },
    () => categories.list(),
  );

  app.post(
    '/api/work-orders/categories',
    { config: { access: 'work_orders.configure', idempotent: true }, schema: { tags, body: categoryInputSchema, response: { 200: categorySchema } } },
    (request) => categories.create(actorOf(request), request.body, request.origin),
  );

  app.patch(
    '/api/work-orders/categories/:id',
    { config: { access: 'work_orders.configure' }, schema: { tags, params: idParamSchema, body: categoryUpdateSchema, response: { 200: categorySchema } } },
    (request) => categories.update(actorOf(request), request.params.id, request.body, request.origin),
  );

  app.get(
    '/api/work-orders/settings',
    { config: { access: 'work_orders.read' }, schema: { tags, response: { 200: workOrderSettingsSchema } } },
    () => categories.settings(),
  );

  app.patch(
    '/api/work-orders/settings',
    { config: { access: 'work_orders.configure' }, schema: { tags, body: workOrderSettingsUpdateSchema, response: { 200: workOrderSettingsSchema } } },
    (request) => categories.updateSettings(actorOf(request), request.body, request.origin),
  );
}
