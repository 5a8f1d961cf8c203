/**
 * The OpenAPI 3.1 description of /api/v1, assembled from every module's paths: served as JSON at
 * /api/openapi.json and as a readable page at /api/docs (from our own origin; no external viewer).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Layout, sendPage } from '../views/index.js';
import { pageContext } from './page.js';

/** One operation as a module describes it. */
export interface ApiOperation {
  summary: string;
  /** Who may call it: 'public', or the roles allowed. */
  access: string;
  request?: z.ZodType;
  query?: z.ZodType;
  /** Request headers it reads: name → what to send. */
  headers?: Record<string, string>;
  /** status → what it means, or that and the response headers it sets (name → meaning). */
  responses: Record<string, string | { description: string; headers: Record<string, string> }>;
}

/** path → method → operation */
export type ApiPaths = Record<string, Partial<Record<'get' | 'post' | 'patch', ApiOperation>>>;

const toSchema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });

const stringHeaders = (headers: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }]),
  );

function headerParameters(headers: Record<string, string>) {
  return Object.entries(headers).map(([name, description]) => ({
    name,
    in: 'header',
    required: false,
    description,
    schema: { type: 'string' },
  }));
}

function queryParameters(s: z.ZodType) {
  const json = toSchema(s) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema,
  }));
}

export function buildOpenApi(o: { title: string; version: string; serverUrl: string; paths: ApiPaths }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, methods] of Object.entries(o.paths)) {
    paths[path] = {};
    for (const [method, op] of Object.entries(methods)) {
      if (!op) continue;
      paths[path][method] = {
        summary: op.summary,
        description: `Access: ${op.access}.`,
        ...(op.access === 'public' ? { security: [] } : {}),
        ...(op.query || op.headers
          ? {
              parameters: [
                ...(op.query ? queryParameters(op.query) : []),
                ...(op.headers ? headerParameters(op.headers) : []),
              ],
            }
          : {}),
        ...(op.request
          ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(op.request) } } } }
          : {}),
        responses: Object.fromEntries(
          Object.entries(op.responses).map(([code, r]) => [
            code,
            typeof r === 'string'
              ? { description: r }
              : { description: r.description, headers: stringHeaders(r.headers) },
          ]),
        ),
      };
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: o.title,
      version: o.version,
      description: 'Errors are JSON: { "error": { "code", "message", "fields"? } }.',
    },
    servers: [{ url: o.serverUrl }],
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API token (fd_…) or, for one booking, its manage token.',
        },
      },
    },
    security: [{ bearer: [] }],
    paths,
  };
}

export function registerOpenApi(
  app: FastifyInstance,
  o: { title: string; serverUrl: string; paths: () => ApiPaths },
): void {
  const doc = () => buildOpenApi({ title: o.title, version: '1', serverUrl: o.serverUrl, paths: o.paths() });
  app.get('/api/openapi.json', async () => doc());
  app.get('/api/docs', async (request, reply) => {
    const ctx = pageContext(request, reply);
    const ops = Object.entries(o.paths()).flatMap(([path, methods]) =>
      Object.entries(methods).map(([m, op]) => ({ path, method: m.toUpperCase(), op })),
    );
    return sendPage(
      reply,
      <Layout ctx={ctx} title="API">
        {/* The API reference is written for integrators in English only; say so to assistive technology. */}
        <div lang="en">
          <h1>{o.title} API</h1>
          <p>
            The machine-readable description is at{' '}
            <a class="usa-link" href="/api/openapi.json">
              /api/openapi.json
            </a>{' '}
            (OpenAPI 3.1).
          </p>
          <table class="usa-table usa-table--stacked">
            <caption>Operations</caption>
            <thead>
              <tr>
                <th scope="col">Operation</th>
                <th scope="col">What it does</th>
                <th scope="col">Who may call it</th>
              </tr>
            </thead>
            <tbody>
              {ops.map(({ path, method, op }) => (
                <tr key={`${method} ${path}`}>
                  <th scope="row" data-label="Operation">
                    <code>{`${method} ${path}`}</code>
                  </th>
                  <td data-label="What it does">{op?.summary}</td>
                  <td data-label="Who may call it">{op?.access}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Layout>,
    );
  });
}
