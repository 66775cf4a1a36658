import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyServerOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { DEFAULT_SECURITY_POLICY, type SecurityPolicy } from './config.js';
import type { Db } from './db/database.js';
import { systemClock, type Clock } from './platform/clock.js';
import { createLocalEventBus, type EventBus } from './platform/events.js';
import { createTranslator, type Translator } from './platform/i18n.js';
import { installAccessControl, type RegisteredRoute } from './platform/http/access.js';
import { installErrorHandler } from './platform/http/error-handler.js';
import { installIdempotency } from './platform/idempotency/idempotency.js';
import type { KefuFastify } from './platform/http/types.js';
import { createApiTokensService } from './modules/api-tokens/api-tokens.service.js';
import { registerApiTokenRoutes } from './modules/api-tokens/api-tokens.routes.js';
import { createAuditService } from './modules/audit/audit.service.js';
import { registerAuditRoutes } from './modules/audit/audit.routes.js';
import { createAuthService } from './modules/auth/auth.service.js';
import { registerAuthRoutes } from './modules/auth/auth.routes.js';
import { createCustomerImportsService } from './modules/customers/customer-imports.service.js';
import { createCustomersService } from './modules/customers/customers.service.js';
import { createCustomFieldsService } from './modules/customers/custom-fields.service.js';
import { createSavedViewsService } from './modules/saved-views/saved-views.service.js';
import { registerSavedViewRoutes } from './modules/saved-views/saved-views.routes.js';
import { registerCustomerRoutes } from './modules/customers/customers.routes.js';
import { createCustomerTimeline } from './modules/customers/timeline.js';
import { createDepartmentsService } from './modules/departments/departments.service.js';
import { registerDepartmentRoutes } from './modules/departments/departments.routes.js';
import { registerHealthRoutes } from './modules/health/health.routes.js';
import { createRolesService } from './modules/roles/roles.service.js';
import { registerRoleRoutes } from './modules/roles/roles.routes.js';
import { createSettingsService } from './modules/settings/settings.service.js';
import { registerSettingsRoutes } from './modules/settings/settings.routes.js';
import { createSetupService } from './modules/setup/setup.service.js';
import { registerSetupRoutes } from './modules/setup/setup.routes.js';
import { createUsersService } from './modules/users/users.service.js';
import { registerUserRoutes } from './modules/users/users.routes.js';
import { registerLiveEventRoutes } from './modules/notifications/live-events.routes.js';
import { createLiveEventsService } from './modules/notifications/live-events.service.js';
import { registerNotificationRoutes } from './modules/notifications/notifications.routes.js';
import { createNotificationsService, createNotifier } from './modules/notifications/notifications.service.js';
import { registerWorkOrderCategoryRoutes } from './modules/work-orders/categories.routes.js';
import { createWorkOrderCategoriesService } from './modules/work-orders/categories.service.js';
import { createAttachmentStore, type AttachmentStorageConfig } from './modules/work-orders/attachment-files.js';
import { createAssignmentService } from './modules/work-orders/assignment.service.js';
import { createConversationService } from './modules/work-orders/conversation.service.js';
import { registerWorkOrderRoutes } from './modules/work-orders/work-orders.routes.js';
import { workOrdersRepository } from './modules/work-orders/work-orders.repository.js';
import { createWorkOrdersService } from './modules/work-orders/work-orders.service.js';
import { createComplaintsService, type CaseArticleSink } from './modules/complaints/complaints.service.js';
import { registerComplaintRoutes } from './modules/complaints/complaints.routes.js';
import { createSlaFiguresService } from './modules/sla/figures.service.js';
import { createOrderClocks } from './modules/sla/order-clocks.js';
import { createOrderSlaService } from './modules/sla/order-sla.service.js';
import { createSlaConfigService } from './modules/sla/sla-config.service.js';
import { registerSlaRoutes } from './modules/sla/sla.routes.js';
import { registerTestClockRoutes, type AdjustableClock } from './modules/sla/test-clock.routes.js';
import { registerKnowledgeRoutes } from './modules/knowledge/knowledge.routes.js';
import { createKnowledgeService, type KnowledgeService } from './modules/knowledge/knowledge.service.js';
import { registerHelpRoutes } from './modules/knowledge/help.routes.js';
import { registerAnnouncementRoutes } from './modules/announcements/announcements.routes.js';
import { createAnnouncementsService } from './modules/announcements/announcements.service.js';
import packageJson from '../package.json' with { type: 'json' };

export interface AppDeps {
  db: Db;
  clock?: Clock;
  securityPolicy?: SecurityPolicy;
  logger?: FastifyServerOptions['logger'];
  /** Behind a reverse proxy: trust X-Forwarded-* (client IP, HTTPS for the __Host- cookie). */
  trustProxy?: boolean;
  /** Directory of the built SPA; omitted or missing means the API is served alone. */
  webDist?: string;
  /** Live events (SSE); one process keeps them in memory unless a shared bus is given. */
  bus?: EventBus;
  /** Where work-order attachments are kept; tests keep them in the database. */
  attachments?: AttachmentStorageConfig;
  /**
   * Browser tests only (KEFU_TEST_CLOCK=1): a clock `POST /api/test/clock` moves forward,
   * sweeping the SLA clocks after each move. Never set in production.
   */
  testClock?: AdjustableClock;
}

const DEFAULT_ATTACHMENTS: AttachmentStorageConfig = { storage: 'db', directory: '', maxBytes: 20 * 1024 * 1024 };



export type Services = ReturnType<typeof createServices>;

export interface KefuApp {
  app: KefuFastify;
  services: Services;
  /** Every /api route with its declared access rule (filled as routes register). */
  routes: RegisteredRoute[];
  i18n: Translator;
}

export const VERSION: string = packageJson.version;

function createServices(deps: { db: Db; clock: Clock; i18n: Translator; policy: SecurityPolicy; bus: EventBus; attachments: AttachmentStorageConfig }) {
  const { db, clock, i18n, policy, bus } = deps;
  const kysely = db.kysely;
  const audit = createAuditService({ db: kysely, dialect: db.dialect, clock });
  const auth = createAuthService({ db: kysely, clock, audit, i18n, policy });
  const customerTimeline = createCustomerTimeline({ clock });
  const customFields = createCustomFieldsService({ db: kysely, clock, audit, i18n });
  const settings = createSettingsService({ db: kysely, clock, audit });
  const notifier = createNotifier({ db: kysely, clock, bus });
  const slaConfig = createSlaConfigService({ db: kysely, clock, audit });
  const orderClocks = createOrderClocks({ db: kysely, dialect: db.dialect, clock, config: slaConfig, notifier, bus });
  const customers = createCustomersService({
    db: kysely,
    dialect: db.dialect,
    clock,
    audit,
    timeline: customerTimeline,
    i18n,
    customFields,
    mergeHooks: [workOrdersRepository.moveCustomer],
    tierHooks: [(ex, customerId, actor) => orderClocks.recomputeForCustomer(ex, customerId, actor)],
  });

  const workOrderCategories = createWorkOrderCategoriesService({ db: kysely, clock, audit, i18n });
  const attachmentStore = createAttachmentStore(deps.attachments);
  const workOrders = createWorkOrdersService({
    db: kysely,
    dialect: db.dialect,
    clock,
    audit,
    timeline: customerTimeline,
    customers,
    categories: workOrderCategories,
    settings,
    notifier,
    bus,
    attachments: attachmentStore,
    clocks: orderClocks,
  });
  const knowledge = createKnowledgeService({ db: kysely, dialect: db.dialect, clock, audit, orders: workOrders, store: attachmentStore });
  return {
    audit,
    auth,
    setup: createSetupService({ db: kysely, clock, audit, auth }),
    departments: createDepartmentsService({ db: kysely, clock, audit }),
    roles: createRolesService({ db: kysely, clock, audit, i18n }),
    users: createUsersService({ db: kysely, clock, audit, i18n }),
    apiTokens: createApiTokensService({ db: kysely, clock, audit }),
    settings,
    customerTimeline,
    customFields,
    customers,
    savedViews: createSavedViewsService({ db: kysely, clock }),
    bus,
    notifier,
    liveEvents: createLiveEventsService({ db: kysely, bus, clock }),
    notifications: createNotificationsService({ db: kysely, clock }),
    workOrderCategories,
    workOrders,
    attachmentStore,
    conversation: createConversationService({ db: kysely, clock, orders: workOrders, timeline: customerTimeline, store: attachmentStore, clocks: orderClocks }),
    slaConfig,
    orderClocks,
    orderSla: createOrderSlaService({ db: kysely, dialect: db.dialect, clock, audit, clocks: orderClocks, workOrders }),
    slaFigures: createSlaFiguresService({ db: kysely, clock, config: slaConfig }),
    complaints: createComplaintsService({ db: kysely, dialect: db.dialect, clock, audit, workOrders, clocks: orderClocks, caseArticles: unifiedAnswerDrafts(knowledge, i18n) }),
    assignment: createAssignmentService({ db: kysely, dialect: db.dialect, clock, audit, i18n, orders: workOrders, categories: workOrderCategories }),
    customerImports: createCustomerImportsService({ db: kysely, dialect: db.dialect, clock, audit, i18n, customers }),
    knowledge,
    announcements: createAnnouncementsService({ db: kysely, clock, audit }),
  };
}

/** CMP-5: a resolved complaint's wording goes to the editors as a draft 统一答复口径. */
function unifiedAnswerDrafts(knowledge: KnowledgeService, i18n: Translator): CaseArticleSink {
  return {
    createUnifiedAnswerDraft: (ex, actor, draft) =>
      knowledge.draftWithin(ex, actor, {
        kind: 'unified_answer',
        title: draft.title,
        bodyHtml: draft.body,
        changeNote: i18n.t(actor.locale, 'complaints.caseChangeNote', { number: draft.sourceOrderNumber }).slice(0, 200),
      }),
  };
}

export async function buildApp(deps: AppDeps): Promise<KefuApp> {
  const clock = deps.testClock ?? deps.clock ?? systemClock;
  const i18n = await createTranslator();
  const services = createServices({ db: deps.db, clock, i18n, policy: deps.securityPolicy ?? DEFAULT_SECURITY_POLICY, bus: deps.bus ?? createLocalEventBus(),
    attachments: deps.attachments ?? DEFAULT_ATTACHMENTS,
  });
  const routes: RegisteredRoute[] = [];

  const app = Fastify({
    logger: deps.logger ?? false,
    trustProxy: deps.trustProxy ?? false,
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    // Ant Design writes its styles at run time (CSS-in-JS), so inline styles are allowed;
    // scripts only ever come from our own origin.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // Only meaningful over HTTPS, which a proxy in front decides.
    strictTransportSecurity: false,
  });
  installErrorHandler(app, i18n);
  installAccessControl(app, { authenticator: services.auth, audit: services.audit, registeredRoutes: routes });
  installIdempotency(app, { db: deps.db.kysely, clock });

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Kefu API', version: VERSION, description: 'Kefu (客服) customer service management system' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'kefu_session' },
          apiToken: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { apiToken: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  registerHealthRoutes(app, { db: deps.db, version: VERSION });
  registerSetupRoutes(app, services.setup, services.auth);
  registerAuthRoutes(app, services.auth);
  registerDepartmentRoutes(app, services.departments);
  registerRoleRoutes(app, services.roles);
  registerUserRoutes(app, services.users);
  registerAuditRoutes(app, services.audit);
  registerApiTokenRoutes(app, services.apiTokens);
  registerSettingsRoutes(app, services.settings);
  registerCustomerRoutes(app, services.customers, services.customerImports, services.customFields);
  registerSavedViewRoutes(app, services.savedViews);
  registerWorkOrderCategoryRoutes(app, services.workOrderCategories);
  registerWorkOrderRoutes(app, {
    orders: services.workOrders,
    conversation: services.conversation,
    assignment: services.assignment,
    maxAttachmentBytes: services.attachmentStore.config.maxBytes,
  });
  registerNotificationRoutes(app, services.notifications);
  registerLiveEventRoutes(app, services.liveEvents);
  registerSlaRoutes(app, { config: services.slaConfig, orderSla: services.orderSla, figures: services.slaFigures });
  registerComplaintRoutes(app, services.complaints);
  if (deps.testClock) registerTestClockRoutes(app, deps.testClock, services.orderClocks);
  registerKnowledgeRoutes(app, services.knowledge, services.attachmentStore.config.maxBytes);
  registerAnnouncementRoutes(app, services.announcements);
  registerHelpRoutes(app, { knowledge: services.knowledge, settings: services.settings, i18n });

  if (deps.webDist && existsSync(join(deps.webDist, 'index.html'))) {
    await serveSpa(app, deps.webDist);
  }

  await app.ready();
  return { app, services, routes, i18n };
}

/** The built SPA: hashed assets cached for good, index.html for every client-side route. */
async function serveSpa(app: KefuFastify, webDist: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: webDist,
    wildcard: false,
    index: false,
    setHeaders: (reply, path) => {
      reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, (request, reply) => {
    // A missing asset is a 404, not the SPA: an old tab after a deploy must not get HTML as script.
    if (request.url.startsWith('/api/') || request.url.startsWith('/assets/')) return reply.callNotFound();
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
