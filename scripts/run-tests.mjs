#!/usr/bin/env node
// Runs every test file through node's own test runner with tsx, on Node 20 (which has no --test globs) and
// later. Usage: node scripts/run-tests.mjs [folder-or-file …]   (default: src test eslint-rules)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const roots = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['src', 'eslint-rules', 'test'];
const files = [];
function walk(p) {
  const s = statSync(p, { throwIfNoEntry: false });
  if (!s) return;
  if (s.isFile()) {
    if (/\.test\.tsx?$/.test(p)) files.push(p);
    return;
  }
  for (const name of readdirSync(p).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    walk(path.join(p, name));
  }
}
roots.forEach(walk);
if (files.length === 0) {
  console.error('No test files found under', roots.join(', '));
  process.exit(1);
}
// Two files at a time by default: every file makes its own databases (a SQLite file, a PostgreSQL schema) and picks
// its own ports, so files do not share state; two keep both cores busy while one waits on a browser or a child process.
const concurrency = Number(process.env.TEST_CONCURRENCY ?? 2);
if (!Number.isInteger(concurrency) || concurrency < 1) {
  console.error('TEST_CONCURRENCY must be a whole number of 1 or more');
  process.exit(1);
}
const r = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    `--test-concurrency=${concurrency}`,
    '--test-timeout=180000',
    ...files,
  ],
  { stdio: 'inherit' },
);
process.exit(r.status ?? 1);
