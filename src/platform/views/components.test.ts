import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { componentExamples } from './examples.js';
import { renderHtml } from './render.js';

describe('design-system components', () => {
  for (const [component, examples] of Object.entries(componentExamples)) {
    for (const [name, node] of Object.entries(examples)) {
      it(`${component}: "${name}" renders escaped USWDS markup`, () => {
        const html = renderHtml(node);
        assert.match(html, /class="usa-/);
        assert.doesNotMatch(html, /<script/);
      });
    }
  }
  it('escapes text by default', async () => {
    const { TextInput } = await import('./text-input/index.js');
    const html = renderHtml(TextInput({ name: 'n', label: '<img src=x onerror=alert(1)>', value: '"><script>' }));
    assert.doesNotMatch(html, /<img src=x/);
    assert.doesNotMatch(html, /"><script>/);
    assert.match(html, /&lt;img src=x/);
  });
  it('ties errors and hints to their field for screen readers', async () => {
    const html = renderHtml(componentExamples['text-input']?.['with hint and error'] ?? assert.fail('missing example'));
    assert.match(html, /aria-describedby="ex-email-hint ex-email-error"/);
    assert.match(html, /aria-invalid="true"/);
  });
});
