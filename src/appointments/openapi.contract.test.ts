import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, TestClient, type TestApp } from '../../test/support/app.js';

describe('OpenAPI description of /api/v1', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp('sqlite');
  });
  after(() => app.close());

  it('is OpenAPI 3.1 and names every call the contract requires, with its method', async () => {
    const doc = JSON.parse((await new TestClient(app.url).get('/api/openapi.json')).text) as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            parameters?: { name: string; in: string }[];
            responses: Record<string, { description: string; headers?: Record<string, unknown> }>;
            requestBody?: {
              content: {
                'application/json': {
                  schema: { required?: string[]; properties?: Record<string, { required?: string[] }> };
                };
              };
            };
          }
        >
      >;
    };
    assert.equal(doc.openapi, '3.1.0');
    const required: [string, string][] = [
      ['/api/v1/programs', 'post'],
      ['/api/v1/products', 'post'],
      ['/api/v1/sites', 'post'],
      ['/api/v1/sites/{siteId}/inventory', 'post'],
      ['/api/v1/sites/{siteId}/slots', 'post'],
      ['/api/v1/availability', 'get'],
      ['/api/v1/bookings', 'post'],
      ['/api/v1/bookings/{id}', 'get'],
      ['/api/v1/bookings/{id}/cancel', 'post'],
      ['/api/v1/bookings/{id}/check-in', 'post'],
    ];
    for (const [path, method] of required) assert.ok(doc.paths[path]?.[method], `${method.toUpperCase()} ${path}`);
    const booking = doc.paths['/api/v1/bookings']?.post?.requestBody?.content['application/json'].schema;
    assert.deepEqual(booking?.required?.sort(), ['dose', 'person', 'productId', 'slotId']);
    const post = doc.paths['/api/v1/bookings']?.post;
    assert.ok(post?.parameters?.some((p) => p.in === 'header' && p.name === 'Waiting-Room-Token'));
    assert.deepEqual(Object.keys(post?.responses['503']?.headers ?? {}).sort(), ['Retry-After', 'Waiting-Room-Token']);
    assert.match(post?.responses['503']?.description ?? '', /waiting_room.*position/);
    assert.ok(post?.responses['201']?.headers?.['Waiting-Room-Token'], 'the pass comes with the booking');
    assert.deepEqual(booking?.properties?.person?.required?.sort(), [
      'birthDate',
      'familyName',
      'givenName',
      'language',
    ]);
  });

  it('has a readable page', async () => {
    const page = await new TestClient(app.url).get('/api/docs');
    assert.equal(page.status, 200);
    assert.match(page.text, /POST \/api\/v1\/bookings/);
  });
});
