import type { Rule } from 'eslint';

declare const plugin: { rules: { 'module-boundaries': Rule.RuleModule } };
export default plugin;
export type Place =
  { area: 'outside' | 'test' | 'entry' | 'platform' | 'config' } | { area: 'domain'; domain: string; isFace: boolean };
export function resolveSpecifier(root: string, fromFile: string, spec: string): string | null;
export function classify(root: string, file: string): Place;
