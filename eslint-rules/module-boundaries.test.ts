import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { RuleTester } from 'eslint';
import plugin from './module-boundaries.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = (p: string) => path.join(root, p);
const rule = plugin.rules['module-boundaries'];
const tester = new RuleTester({ languageOptions: { ecmaVersion: 2024, sourceType: 'module' } });

tester.run('module-boundaries', rule, {
  valid: [
    { filename: file('src/appointments/routes.ts'), code: "import { x } from '../staff/index.js';" },
    { filename: file('src/appointments/routes.ts'), code: "import { x } from '#src/staff/index.js';" },
    { filename: file('src/appointments/routes.ts'), code: "import { x } from './repository.js';" },
    { filename: file('src/platform/http/server.ts'), code: "import { x } from '../db/index.js';" },
    { filename: file('src/platform/http/server.ts'), code: "import { x } from '#src/platform/db/index.js';" },
    { filename: file('src/app.ts'), code: "import { x } from './staff/index.js';" },
    { filename: file('src/appointments/routes.ts'), code: "import fastify from 'fastify';" },
  ],
  invalid: [
    {
      filename: file('src/appointments/routes.ts'),
      code: "import { x } from '../staff/repository.js';",
      errors: [{ messageId: 'deepImport' }],
    },
    {
      filename: file('src/appointments/routes.ts'),
      code: "import { x } from '#src/staff/repository.js';",
      errors: [{ messageId: 'deepImport' }],
    },
    {
      filename: file('src/appointments/routes.ts'),
      code: "export { x } from '#src/staff/users.js';",
      errors: [{ messageId: 'deepImport' }],
    },
    {
      filename: file('src/appointments/routes.ts'),
      code: "const m = await import('#src/staff/repository.js');",
      errors: [{ messageId: 'deepImport' }],
    },
    {
      filename: file('src/platform/http/server.ts'),
      code: "import { x } from '../../staff/index.js';",
      errors: [{ messageId: 'platformImportsDomain' }],
    },
    {
      filename: file('src/platform/http/server.ts'),
      code: "import { x } from '#src/staff/index.js';",
      errors: [{ messageId: 'platformImportsDomain' }],
    },
    {
      filename: file('src/config/env.ts'),
      code: "import { x } from '../home/index.js';",
      errors: [{ messageId: 'platformImportsDomain' }],
    },
    {
      filename: file('src/cli/admin.ts'),
      code: "import { x } from '../staff/repository.js';",
      errors: [{ messageId: 'deepImport' }],
    },
    {
      filename: file('src/staff/users.ts'),
      code: "import { x } from '../../test/support/db.js';",
      errors: [{ messageId: 'srcImportsTest' }],
    },
  ],
});
