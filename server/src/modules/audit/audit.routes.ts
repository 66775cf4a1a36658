import { auditPageSchema, auditQuerySchema, auditVerificationSchema } from '@kefu/contracts';
import type { KefuFastify } from '../../platform/http/types.js';
import type { AuditService } from './audit.service.js';

const tags = ['audit'];

export function registerAuditRoutes(app: KefuFastify, audit: AuditService): void {
  app.get('/api/audit', { config: { access: 'audit.read' }, schema: { tags, querystring: auditQuerySchema, response: { 200: auditPageSchema } } }, (request) =>
    audit.page(request.query),
  );

  app.post('/api/audit/verify', { config: { access: 'audit.read' }, schema: { tags, response: { 200: auditVerificationSchema } } }, () => audit.verify());
}
