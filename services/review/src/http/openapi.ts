import { z } from 'zod';
import { isStateChanging, openApiPath, type RouteSpec } from './route';

/** The OpenAPI 3.1 document of the review API, generated from the same route table the guard mounts. */
export function openApiDocument(specs: RouteSpec[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const s of specs) {
    const p = openApiPath(s.path);
    const params = [...s.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const responses: Record<string, { description: string }> = {};
    for (const [status, text] of Object.entries(s.responses ?? { 200: 'OK' })) responses[status] = { description: text };
    if (s.access !== 'public') {
      responses['401'] = { description: 'No valid session or API token.' };
      responses['403'] = { description: isStateChanging(s.method) ? 'Wrong role, missing CSRF token, or re-authentication required.' : 'Wrong role.' };
    }
    (paths[p] ??= {})[s.method] = {
      summary: s.summary,
      'x-access': s.access,
      ...(s.reauth ? { 'x-reauth': true } : {}),
      ...(s.sessionOnly ? { 'x-session-only': true } : {}),
      ...(params.length ? { parameters: params } : {}),
      ...(s.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(s.body, { io: 'input', unrepresentable: 'any' }) } } } }
        : {}),
      ...(s.access === 'public' ? { security: [] } : {}),
      ...(isStateChanging(s.method) && s.access !== 'public' ? { 'x-csrf': true } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Hotline review API', version: '1' },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'hotline_session', description: 'State changes also need the X-CSRF-Token header.' },
        apiToken: { type: 'http', scheme: 'bearer', description: 'A per-account API token for scripts.' },
      },
    },
    security: [{ session: [] }, { apiToken: [] }],
    paths,
  };
}
