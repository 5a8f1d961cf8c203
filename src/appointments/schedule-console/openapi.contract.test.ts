import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, TestClient, type TestApp } from '../../../test/support/app.js';

describe('OpenAPI description of the schedule API', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp('sqlite');
  });
  after(() => app.close());

  it('names every schedule call with its method and request body', async () => {
    const doc = JSON.parse((await new TestClient(app.url).get('/api/openapi.json')).text) as {
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    };
    const required: [string, string][] = [
      ['/api/v1/sites/{siteId}/schedule-templates', 'get'],
      ['/api/v1/sites/{siteId}/schedule-templates', 'post'],
      ['/api/v1/sites/{siteId}/schedule-templates/publish', 'post'],
      ['/api/v1/sites/{siteId}/closures', 'post'],
      ['/api/v1/slots/{slotId}', 'patch'],
    ];
    for (const [path, method] of required) assert.ok(doc.paths[path]?.[method], `${method.toUpperCase()} ${path}`);
    assert.ok(doc.paths['/api/v1/slots/{slotId}']?.patch?.requestBody);
  });
});
