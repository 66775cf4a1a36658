import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/harness.js';

describe('health and API documentation', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it('GET /api/health answers ok with the database kind and version', async () => {
    const response = await h.anonymous().get('/api/health');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', db: h.testDb.db.dialect, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(response.headers['x-request-id']).toMatch(/[0-9a-f-]{36}/);
  });

  it('sends security headers: a same-origin script policy, no framing, no sniffing', async () => {
    const response = await h.anonymous().get('/api/health');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves an OpenAPI document generated from the Zod contracts that lists every route', async () => {
    const response = await h.anonymous().get('/api/docs/json');
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    const documented = new Set(Object.entries(document.paths as Record<string, object>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)));
    for (const route of h.kefu.routes.filter((r) => !r.url.startsWith('/api/docs'))) {
      const openApiPath = route.url.replace(/:(\w+)/g, '{$1}');
      expect(documented.has(`${route.method} ${openApiPath}`), `${route.method} ${openApiPath}`).toBe(true);
    }
    expect(document.components.schemas).toHaveProperty('User');
    const ui = await h.anonymous().get('/api/docs/');
    expect(ui.statusCode).toBe(200);
  });

  it('answers unknown API paths with the error model, malformed JSON with 400', async () => {
    const missing = await h.anonymous().get('/api/nowhere');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
    const malformed = await h.admin.request('PATCH', '/api/settings', undefined, { 'content-type': 'application/json', 'x-csrf-token': h.admin.csrfToken! });
    expect([400, 415]).toContain(malformed.statusCode);
    const broken = await h.kefu.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('bad_request');
  });
});
