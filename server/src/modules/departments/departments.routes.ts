import { z } from 'zod';
import { departmentInputSchema, departmentSchema, idParamSchema, okSchema } from '@kefu/contracts';
import { actorOf, type KefuFastify } from '../../platform/http/types.js';
import type { DepartmentsService } from './departments.service.js';

const tags = ['departments'];

export function registerDepartmentRoutes(app: KefuFastify, departments: DepartmentsService): void {
  app.get('/api/departments', { config: { access: 'departments.read' }, schema: { tags, response: { 200: z.array(departmentSchema) } } }, (request) =>
    departments.list(actorOf(request)),
  );

  app.post(
    '/api/departments',
    { config: { access: 'departments.manage', idempotent: true }, schema: { tags, body: departmentInputSchema, response: { 200: departmentSchema } } },
    (request) => departments.create(actorOf(request), request.body, request.origin),
  );

  app.patch(
    '/api/departments/:id',
    {
      config: { access: 'departments.manage' },
      schema: { tags, params: idParamSchema, body: departmentInputSchema.partial(), response: { 200: departmentSchema } },
    },
    (request) => departments.update(actorOf(request), request.params.id, request.body, request.origin),
  );

  app.delete(
    '/api/departments/:id',
    { config: { access: 'departments.manage' }, schema: { tags, params: idParamSchema, response: { 200: okSchema } } },
    async (request) => {
      await departments.remove(actorOf(request), request.params.id, request.origin);
      return { ok: true as const };
    },
  );
}
