import { organizationSettingsSchema, organizationSettingsUpdateSchema } from '@kefu/contracts';
import { actorOf, type KefuFastify } from '../../platform/http/types.js';
import type { SettingsService } from './settings.service.js';

const tags = ['settings'];

export function registerSettingsRoutes(app: KefuFastify, settings: SettingsService): void {
  app.get('/api/settings', { config: { access: 'settings.manage' }, schema: { tags, response: { 200: organizationSettingsSchema } } }, () => settings.get());

  app.patch(
    '/api/settings',
    { config: { access: 'settings.manage' }, schema: { tags, body: organizationSettingsUpdateSchema, response: { 200: organizationSettingsSchema } } },
    (request) => settings.update(actorOf(request), request.body, request.origin),
  );
}
