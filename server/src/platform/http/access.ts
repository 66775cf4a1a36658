import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Locale, Permission } from '@kefu/contracts';
import type { Actor, RequestOrigin } from '../actor.js';
import { forbidden, unauthenticated } from '../errors.js';
import { negotiateLocale } from '../i18n.js';
import { constantTimeEqual } from '../secrets.js';
import type { AuditService } from '../../modules/audit/audit.service.js';

/**
 * What a route requires. Every /api route must declare one; registration fails otherwise,
 * and a test enumerates the routes to prove it.
 */
export type RouteAccess = 'public' | 'authenticated' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
    origin: RequestOrigin;
  }
}

export const SESSION_COOKIE = 'kefu_session';
/** Over HTTPS the cookie gets the __Host- prefix: Secure, Path=/, no Domain — cannot be planted by a subdomain. */
export const SECURE_SESSION_COOKIE = '__Host-kefu_session';
export const CSRF_HEADER = 'x-csrf-token';

export function sessionCookieName(request: FastifyRequest): string {
  return request.protocol === 'https' ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

export interface Authenticator {
  bySessionToken(token: string, origin: RequestOrigin): Promise<Actor | null>;
  byApiToken(token: string): Promise<Actor | null>;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess | undefined;
}

export function installAccessControl(
  app: FastifyInstance,
  deps: { authenticator: Authenticator; audit: AuditService; registeredRoutes: RegisteredRoute[] },
): void {
  const { authenticator, audit, registeredRoutes } = deps;

  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'zh-CN');
  app.decorateRequest('origin', null as unknown as RequestOrigin);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.method === 'HEAD') return;
    const access = route.config?.access;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) registeredRoutes.push({ method, url: route.url, access });
    if (!access && !route.url.startsWith('/api/docs')) {
      throw new Error(`Route ${methods.join(',')} ${route.url} declares no access rule (config.access)`);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    request.origin = { ip: request.ip ?? null, userAgent: request.headers['user-agent']?.slice(0, 300) ?? null };
    request.locale = negotiateLocale(request.headers['accept-language']);
    if (!request.url.startsWith('/api/')) return;

    request.actor = await resolveActor(request);
    if (request.actor) request.locale = negotiateLocale(undefined, request.actor.locale);

    const access = request.routeOptions.config?.access;
    if (!access || request.url.startsWith('/api/docs')) return;
    enforceCsrf(request, access);
    if (access === 'public') return;
    if (!request.actor) throw unauthenticated(sessionCookiePresent(request) ? 'session_expired' : 'unauthenticated');
    if (access === 'authenticated') return;
    if (!request.actor.permissions.has(access)) {
      await audit.recordAlone({
        action: 'access.denied',
        outcome: 'denied',
        actor: { id: request.actor.userId, name: request.actor.username },
        ip: request.origin.ip,
        details: { method: request.method, route: request.routeOptions.url, permission: access },
      });
      throw forbidden();
    }
  });

  async function resolveActor(request: FastifyRequest): Promise<Actor | null> {
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      const actor = await authenticator.byApiToken(authorization.slice('Bearer '.length).trim());
      if (!actor) throw unauthenticated();
      return actor;
    }
    const token = request.cookies[sessionCookieName(request)];
    return token ? authenticator.bySessionToken(token, request.origin) : null;
  }

  function sessionCookiePresent(request: FastifyRequest): boolean {
    return Boolean(request.cookies[sessionCookieName(request)]);
  }
}

/**
 * Cookie-authenticated writes must echo the session's CSRF token (synchronizer token).
 * Public writes (login, setup) need no session, so a browser still holding an old cookie
 * must not be asked for its token; they must come from our own origin when the browser
 * says where it came from, and SameSite=Lax and JSON-only bodies do the rest.
 */
function enforceCsrf(request: FastifyRequest, access: RouteAccess): void {
  if (SAFE_METHODS.has(request.method)) return;
  const via = request.actor?.via;
  if (via?.kind === 'api_token') return;
  if (via?.kind === 'session' && access !== 'public') {
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !constantTimeEqual(sent, via.csrfToken)) throw forbidden('csrf_failed');
    return;
  }
  const origin = request.headers.origin;
  if (origin && origin !== 'null') {
    let originHost: string | undefined;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = undefined;
    }
    if (originHost !== request.host) throw forbidden('csrf_failed');
  }
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, maxAgeMs: number): void {
  const secure = request.protocol === 'https';
  reply.setCookie(sessionCookieName(request), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(sessionCookieName(request), { path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https' });
}
