// @ts-check
/**
 * frontdoor/module-boundaries — keeps the modular monolith modular.
 *
 * Every module specifier is resolved to a path in the repository — relative paths AND the `#src/*` alias from
 * package.json (cal.com's rule matched only relative paths, and its own code walked through the gap). Checked
 * forms: `import`, `import type`, `export … from`, `import()` with a string or plain template literal,
 * `import x = require()` and type-level `import('…')`. Then:
 *  - src/platform and src/config never import a domain module;
 *  - a domain imports another domain only through its face, src/<domain>/index.ts(x);
 *  - entry points (files directly in src/, and src/cli) import domains only through their faces;
 *  - nothing but entry points and tests imports an entry point (app.ts wires every domain together, so a
 *    platform file importing it would depend on every domain);
 *  - nothing in src imports from test/, except test files (`*.test.ts`), which may use test/ support code.
 *
 * Pure path logic: the filesystem is read only to name a `.tsx` source in a message.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DEFAULT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE_EXTENSION = /\.(?:[cm]?[jt]sx?)$/;
const TEST_FILE = /\.test\.[cm]?[jt]sx?$/;
/** An import of `x.js` is compiled from `x.ts` or `x.tsx`. */
const SOURCE_FOR = /** @type {Record<string, string[]>} */ ({
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
});

/**
 * Resolve a module specifier to an absolute path, or null for a package import.
 * @param {string} root repository root (the folder holding src/)
 * @param {string} fromFile absolute path of the importing file
 * @param {string} spec the specifier as written
 * @returns {string | null}
 */
export function resolveSpecifier(root, fromFile, spec) {
  if (spec.startsWith('#src/')) return path.join(root, 'src', spec.slice('#src/'.length));
  if (spec === '.' || spec === '..' || spec.startsWith('./') || spec.startsWith('../')) {
    return path.resolve(path.dirname(fromFile), spec);
  }
  if (spec.startsWith('file:')) {
    try {
      return fileURLToPath(spec);
    } catch {
      return null;
    }
  }
  if (path.isAbsolute(spec)) return path.normalize(spec);
  return null;
}

/**
 * @typedef {{ area: 'outside' | 'test' | 'entry' | 'platform' | 'config' }
 *   | { area: 'domain', domain: string, isFace: boolean }} Place
 */

/**
 * Where a path sits in the architecture.
 * @param {string} root @param {string} file @returns {Place}
 */
export function classify(root, file) {
  const rel = path.relative(root, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return { area: 'outside' };
  const parts = rel.split(path.sep);
  if (parts[0] === 'test') return { area: 'test' };
  if (parts[0] !== 'src' || parts.length < 2) return { area: 'outside' };
  const top = parts[1] ?? '';
  // A file directly in src/ (main.ts, worker.ts, app.ts) is an entry point; a bare folder name is a directory
  // import of that module (not valid ESM, but it must not slip through as an "entry point").
  if (parts.length === 2 && path.extname(top) !== '') return { area: 'entry' };
  if (top === 'cli') return { area: 'entry' };
  if (top === 'platform' || top === 'config') return { area: top };
  const rest = parts.slice(2).join('/').replace(SOURCE_EXTENSION, '');
  return { area: 'domain', domain: top, isFace: rest === 'index' };
}

/** @param {string} root @param {string} resolved @returns {string} repository-relative source path */
function sourcePath(root, resolved) {
  const ext = path.extname(resolved);
  const candidates = (SOURCE_FOR[ext] ?? []).map((e) => resolved.slice(0, -ext.length) + e);
  const source = candidates.find((c) => fs.existsSync(c)) ?? candidates[0] ?? resolved;
  return path.relative(root, source).split(path.sep).join('/');
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'Modules talk to each other only through their index.ts; platform and config import no domain; ' +
        'aliases (#src/*) are checked like relative paths.',
    },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: {
      layerImportsDomain:
        '{{layer}} must not import the "{{domain}}" module ({{target}}): {{layer}} knows no domain. ' +
        'Invert the dependency — let the domain pass what is needed in, or wire it up in src/app.ts.',
      deepImport:
        '{{target}} is internal to the "{{domain}}" module. Import its public face, #src/{{domain}}/index.js, ' +
        'instead (export what you need from src/{{domain}}/index.ts).',
      importsEntry:
        '{{target}} is an entry point; only src/*.ts, src/cli and tests may import it. ' +
        'Import the module it wires up (#src/platform/… or #src/<domain>/index.js) instead.',
      srcImportsTest:
        'Code in src/ must not import test code ({{target}}); only *.test.ts files may use test/ support code.',
    },
  },
  create(context) {
    const options = /** @type {{ root?: string } | undefined} */ (context.options[0]);
    const root = path.resolve(options?.root ?? DEFAULT_ROOT);
    const filename = context.physicalFilename;
    const from = classify(root, filename);
    if (from.area === 'outside' || from.area === 'test') return {};
    const isTest = TEST_FILE.test(filename);

    /** @param {any} node @param {unknown} value */
    function check(node, value) {
      if (typeof value !== 'string') return;
      const resolved = resolveSpecifier(root, filename, value);
      if (resolved === null) return;
      const to = classify(root, resolved);
      const target = () => sourcePath(root, resolved);
      if (to.area === 'test') {
        if (!isTest) context.report({ node, messageId: 'srcImportsTest', data: { target: target() } });
        return;
      }
      if (to.area === 'entry') {
        if (from.area !== 'entry' && !isTest) {
          context.report({ node, messageId: 'importsEntry', data: { target: target() } });
        }
        return;
      }
      if (to.area !== 'domain') return;
      if (from.area === 'platform' || from.area === 'config') {
        const layer = `src/${from.area}`;
        context.report({
          node,
          messageId: 'layerImportsDomain',
          data: { layer, domain: to.domain, target: target() },
        });
        return;
      }
      if (from.area === 'domain' && from.domain === to.domain) return;
      if (!to.isFace) {
        context.report({ node, messageId: 'deepImport', data: { domain: to.domain, target: target() } });
      }
    }

    /** The string of a Literal or of a template literal without expressions. @param {any} node */
    function staticString(node) {
      if (node?.type === 'Literal') return node.value;
      if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked;
      return undefined;
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => check(node.source, staticString(node.source)),
      // TypeScript-only forms (typescript-eslint AST): `type T = import('…').X` and `import x = require('…')`.
      /** @param {any} node */
      TSImportType: (node) => check(node.argument, staticString(node.argument?.literal ?? node.argument)),
      /** @param {any} node */
      TSExternalModuleReference: (node) => check(node.expression, staticString(node.expression)),
    };
  },
};

export default { rules: { 'module-boundaries': rule } };
