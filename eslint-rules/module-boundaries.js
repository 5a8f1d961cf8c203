// @ts-check
/**
 * frontdoor/module-boundaries — keeps the modular monolith modular.
 *
 * Every import specifier (static, re-export and dynamic with a string literal) is resolved to a path in the
 * repository — relative paths AND the `#src/*` alias from package.json — so an alias cannot walk around the
 * rule (cal.com's rule matched only relative paths). Then:
 *  - src/platform and src/config never import a domain module;
 *  - a domain imports another domain only through its face, src/<domain>/index.ts;
 *  - entry points (src/*.ts, src/cli) import domains only through their faces;
 *  - nothing in src imports from test/.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DEFAULT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NOT_DOMAINS = new Set(['platform', 'config', 'cli']);

/** @param {string} root @param {string} fromFile @param {string} spec @returns {string | null} */
export function resolveSpecifier(root, fromFile, spec) {
  if (spec.startsWith('#src/')) return path.join(root, 'src', spec.slice('#src/'.length));
  if (spec.startsWith('./') || spec.startsWith('../')) return path.resolve(path.dirname(fromFile), spec);
  return null;
}

/** @param {string} root @param {string} file */
function classify(root, file) {
  const rel = path.relative(root, file).split(path.sep);
  if (rel[0] === 'test') return { area: 'test' };
  if (rel[0] !== 'src') return { area: 'outside' };
  if (rel.length === 2) return { area: 'entry' };
  const top = rel[1] ?? '';
  if (top === 'platform' || top === 'config') return { area: top };
  if (top === 'cli') return { area: 'entry' };
  const rest = rel
    .slice(2)
    .join('/')
    .replace(/\.(js|ts|tsx|jsx)$/, '');
  return { area: 'domain', domain: top, isFace: rest === 'index' };
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Modules talk to each other only through their index.ts; platform imports no domain.' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: {
      platformImportsDomain:
        '{{from}} must not import the domain module "{{domain}}" ({{target}}). Platform code knows no domain.',
      deepImport: 'Import "{{domain}}" through its face: {{face}} (not {{target}}).',
      srcImportsTest: 'Code in src/ must not import test code ({{target}}).',
    },
  },
  create(context) {
    const options = /** @type {{ root?: string } | undefined} */ (context.options[0]);
    const root = options?.root ?? DEFAULT_ROOT;
    const filename = context.filename;
    const from = classify(root, filename);
    if (from.area === 'outside' || from.area === 'test') return {};

    /** @param {import('estree').Node} node @param {unknown} value */
    function check(node, value) {
      if (typeof value !== 'string') return;
      const resolved = resolveSpecifier(root, filename, value);
      if (!resolved) return;
      const to = classify(root, resolved);
      const target = path.relative(root, resolved);
      if (to.area === 'test') {
        context.report({ node, messageId: 'srcImportsTest', data: { target } });
        return;
      }
      if (to.area !== 'domain' || !to.domain || NOT_DOMAINS.has(to.domain)) return;
      if (from.area === 'platform' || from.area === 'config') {
        context.report({
          node,
          messageId: 'platformImportsDomain',
          data: { from: from.area === 'platform' ? 'src/platform' : 'src/config', domain: to.domain, target },
        });
        return;
      }
      const sameDomain = from.area === 'domain' && from.domain === to.domain;
      if (!sameDomain && !to.isFace) {
        context.report({
          node,
          messageId: 'deepImport',
          data: { domain: to.domain, face: `src/${to.domain}/index.js`, target },
        });
      }
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

export default { rules: { 'module-boundaries': rule } };
