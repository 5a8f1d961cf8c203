import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import plugin, { classify, resolveSpecifier } from './module-boundaries.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

// The rule finds the repository root from its own location; build every filename from the same root so the
// tests pass wherever the repository is checked out.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = (p: string) => path.join(root, ...p.split('/'));
const rule = plugin.rules['module-boundaries'];
const tester = new RuleTester({
  languageOptions: { parser: tseslint.parser, ecmaVersion: 2024, sourceType: 'module' },
});

const routes = file('src/appointments/routes.ts');
const platform = file('src/platform/http/server.ts');

tester.run('module-boundaries', rule, {
  valid: [
    // Another domain's face, relative and through the alias, in every import form.
    { filename: routes, code: "import { x } from '../staff/index.js';" },
    { filename: routes, code: "import { x } from '#src/staff/index.js';" },
    { filename: routes, code: "import type { X } from '#src/staff/index.js';" },
    { filename: routes, code: "const m = await import('#src/staff/index.js');" },
    { filename: routes, code: "type T = import('#src/staff/index.js').Staff;" },
    // Same domain: anything goes.
    { filename: routes, code: "import { x } from './repository.js';" },
    { filename: routes, code: "import { x } from '#src/appointments/repository.js';" },
    { filename: file('src/appointments/jobs/send.ts'), code: "import { x } from '../repository.js';" },
    // Domains use platform and config.
    { filename: routes, code: "import { x } from '#src/platform/db/index.js';" },
    { filename: routes, code: "import { x } from '../config/env.js';" },
    // Platform imports platform and config.
    { filename: platform, code: "import { x } from '../db/index.js';" },
    { filename: platform, code: "import { x } from '#src/platform/db/index.js';" },
    { filename: platform, code: "import { x } from '#src/config/env.js';" },
    // Entry points wire faces together; entry points import entry points.
    { filename: file('src/app.ts'), code: "import { x } from './staff/index.js';" },
    { filename: file('src/main.ts'), code: "import { buildApp } from './app.js';" },
    { filename: file('src/cli/admin.ts'), code: "import { x } from '#src/staff/index.js';" },
    // Tests may use test/ support code and build the whole app.
    {
      filename: file('src/staff/staff.integration.test.ts'),
      code: "import { db } from '../../test/support/db.js';",
    },
    { filename: file('src/platform/http/http.test.ts'), code: "import { buildApp } from '#src/app.js';" },
    // Packages are none of the rule's business; files outside src/ are not checked.
    { filename: routes, code: "import fastify from 'fastify';" },
    { filename: routes, code: "import { z } from 'zod/v4';" },
    { filename: file('test/support/app.ts'), code: "import { x } from '../../src/staff/repository.js';" },
    // A computed dynamic import cannot be resolved statically.
    { filename: routes, code: 'const m = await import(name);' },
  ],
  invalid: [
    // Deep imports across domains: relative, alias, type-only, re-export, dynamic, type-level, require.
    {
      filename: routes,
      code: "import { x } from '../staff/repository.js';",
      errors: [
        {
          message:
            'src/staff/repository.ts is internal to the "staff" module. Import its public face, ' +
            '#src/staff/index.js, instead (export what you need from src/staff/index.ts).',
        },
      ],
    },
    {
      filename: routes,
      code: "import { x } from '#src/staff/repository.js';",
      errors: [{ messageId: 'deepImport', data: { domain: 'staff', target: 'src/staff/repository.ts' } }],
    },
    {
      filename: routes,
      code: "import type { Row } from '#src/staff/repository.js';",
      errors: [{ messageId: 'deepImport' }],
    },
    { filename: routes, code: "export { x } from '#src/staff/users.js';", errors: [{ messageId: 'deepImport' }] },
    { filename: routes, code: "export * from '../staff/users.js';", errors: [{ messageId: 'deepImport' }] },
    {
      filename: routes,
      code: "const m = await import('#src/staff/repository.js');",
      errors: [{ messageId: 'deepImport' }],
    },
    {
      filename: routes,
      code: 'const m = await import(`#src/staff/repository.js`);',
      errors: [{ messageId: 'deepImport' }],
    },
    {
      filename: routes,
      code: "type Row = import('#src/staff/repository.js').StaffRow;",
      errors: [{ messageId: 'deepImport' }],
    },
    {
      filename: routes,
      code: "import repo = require('#src/staff/repository.js');",
      errors: [{ messageId: 'deepImport' }],
    },
    // A nested index is not the module's face; a bare directory is not one either.
    {
      filename: routes,
      code: "import { x } from '#src/staff/jobs/index.js';",
      errors: [{ messageId: 'deepImport' }],
    },
    { filename: routes, code: "import { x } from '#src/staff';", errors: [{ messageId: 'deepImport' }] },
    // Climbing out of src/ and back in does not help.
    {
      filename: routes,
      code: "import { x } from '../../src/staff/repository.js';",
      errors: [{ messageId: 'deepImport' }],
    },
    // Entry points and the CLI: faces only.
    {
      filename: file('src/app.ts'),
      code: "import { x } from './staff/repository.js';",
      errors: [{ messageId: 'deepImport' }],
    },
    {
      filename: file('src/cli/admin.ts'),
      code: "import { x } from '../staff/repository.js';",
      errors: [{ messageId: 'deepImport' }],
    },
    // Tests keep the boundaries too.
    {
      filename: file('src/appointments/booking.test.ts'),
      code: "import { x } from '#src/staff/repository.js';",
      errors: [{ messageId: 'deepImport' }],
    },
    // Platform and config import no domain — not even its face — relative or alias.
    {
      filename: platform,
      code: "import { x } from '../../staff/index.js';",
      errors: [
        {
          messageId: 'layerImportsDomain',
          data: { layer: 'src/platform', domain: 'staff', target: 'src/staff/index.ts' },
        },
      ],
    },
    {
      filename: platform,
      code: "import { x } from '#src/staff/index.js';",
      errors: [{ messageId: 'layerImportsDomain' }],
    },
    {
      filename: platform,
      code: "import { x } from '#src/staff/repository.js';",
      errors: [{ messageId: 'layerImportsDomain' }],
    },
    {
      filename: platform,
      code: "const m = await import('#src/staff/index.js');",
      errors: [{ messageId: 'layerImportsDomain' }],
    },
    { filename: platform, code: "import { x } from '#src/staff';", errors: [{ messageId: 'layerImportsDomain' }] },
    {
      filename: file('src/config/env.ts'),
      code: "import { x } from '../home/index.js';",
      errors: [
        {
          messageId: 'layerImportsDomain',
          data: { layer: 'src/config', domain: 'home', target: 'src/home/index.ts' },
        },
      ],
    },
    // Only entry points and tests import entry points (app.ts reaches every domain).
    {
      filename: platform,
      code: "import { buildApp } from '#src/app.js';",
      errors: [{ messageId: 'importsEntry' }],
    },
    {
      filename: routes,
      code: "import { main } from '../cli/admin.js';",
      errors: [{ messageId: 'importsEntry' }],
    },
    // src/ code does not reach into test/.
    {
      filename: file('src/staff/users.ts'),
      code: "import { x } from '../../test/support/db.js';",
      errors: [{ messageId: 'srcImportsTest', data: { target: 'test/support/db.ts' } }],
    },
    {
      filename: file('src/platform/db/index.ts'),
      code: "import { x } from '#src/../test/support/db.js';",
      errors: [{ messageId: 'srcImportsTest' }],
    },
  ],
});

// Another checkout, given through the root option (a folder that cannot be this checkout's root).
const elsewhere = path.join(root, 'another-checkout');
const elsewhereRoutes = path.join(elsewhere, 'src', 'appointments', 'routes.ts');

tester.run('module-boundaries with the root option', rule, {
  valid: [
    { filename: elsewhereRoutes, code: "import { x } from '#src/staff/index.js';", options: [{ root: elsewhere }] },
    // Files outside the given root are not checked.
    { filename: routes, code: "import { x } from '#src/staff/repository.js';", options: [{ root: elsewhere }] },
  ],
  invalid: [
    {
      filename: elsewhereRoutes,
      code: "import { x } from '#src/staff/repository.js';",
      options: [{ root: elsewhere }],
      errors: [{ messageId: 'deepImport' }],
    },
  ],
});

describe('resolveSpecifier and classify', () => {
  const from = elsewhereRoutes;

  it('maps the #src/* alias and relative paths into the given root', () => {
    const repository = path.join(elsewhere, 'src', 'staff', 'repository.js');
    assert.equal(resolveSpecifier(elsewhere, from, '#src/staff/repository.js'), repository);
    assert.equal(resolveSpecifier(elsewhere, from, '../staff/repository.js'), repository);
    assert.equal(resolveSpecifier(elsewhere, from, 'fastify'), null);
    assert.equal(resolveSpecifier(elsewhere, from, 'node:path'), null);
  });

  it('tells faces, internals, layers and entry points apart', () => {
    const at = (p: string) => classify(elsewhere, path.join(elsewhere, ...p.split('/')));
    assert.deepEqual(at('src/staff/index.js'), { area: 'domain', domain: 'staff', isFace: true });
    assert.deepEqual(at('src/staff/index.tsx'), { area: 'domain', domain: 'staff', isFace: true });
    assert.deepEqual(at('src/staff/repository.js'), { area: 'domain', domain: 'staff', isFace: false });
    assert.deepEqual(at('src/public-api/fhir/patient.js'), {
      area: 'domain',
      domain: 'public-api',
      isFace: false,
    });
    assert.deepEqual(at('src/platform/db/index.js'), { area: 'platform' });
    assert.deepEqual(at('src/config/env.js'), { area: 'config' });
    assert.deepEqual(at('src/main.ts'), { area: 'entry' });
    assert.deepEqual(at('src/cli/admin.ts'), { area: 'entry' });
    assert.deepEqual(at('test/support/db.ts'), { area: 'test' });
    assert.deepEqual(at('bench/booking.ts'), { area: 'outside' });
    assert.deepEqual(classify(elsewhere, path.join(root, 'src', 'staff', 'index.ts')), { area: 'outside' });
  });
});
