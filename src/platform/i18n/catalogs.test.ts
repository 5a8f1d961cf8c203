/**
 * Every module's catalogs: Spanish has exactly the English keys, placeholders match, and every key is used
 * somewhere in the module's code (so no dead or missing text ships).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function files(dir: string, test: (f: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p, test) : test(p) ? [p] : [];
  });
}

function argumentsOf(elements: MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time)
      out.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      out.add(el.value);
      for (const opt of Object.values(el.options)) argumentsOf(opt.value, out);
    }
    if (el.type === TYPE.tag) argumentsOf(el.children, out);
  }
  return out;
}

const catalogs = files(SRC, (f) => f.endsWith(`${path.sep}messages${path.sep}en.json`)).map((en) => path.dirname(en));

describe('message catalogs', () => {
  it('exist for every module that has messages', () => {
    assert.ok(catalogs.length >= 3, `found ${catalogs.length}`);
  });
  for (const dir of catalogs) {
    const owner = path.relative(SRC, path.dirname(dir));
    const en = JSON.parse(readFileSync(path.join(dir, 'en.json'), 'utf8')) as Record<string, string>;
    const es = JSON.parse(readFileSync(path.join(dir, 'es.json'), 'utf8')) as Record<string, string>;
    it(`${owner}: Spanish has exactly the English keys`, () => {
      assert.deepEqual(Object.keys(es).sort(), Object.keys(en).sort());
    });
    it(`${owner}: placeholders are the same in both languages and every message parses`, () => {
      for (const key of Object.keys(en)) {
        const a = argumentsOf(parse(en[key] ?? '', { ignoreTag: true }));
        const b = argumentsOf(parse(es[key] ?? '', { ignoreTag: true }));
        assert.deepEqual([...b].sort(), [...a].sort(), `placeholders differ for ${key}`);
      }
    });
    it(`${owner}: every key is used by the module's code`, () => {
      // The platform's messages (layout, errors) are shared by every module.
      const scope = owner === 'platform' ? SRC : path.dirname(dir);
      const code = files(scope, (f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
        .map((f) => readFileSync(f, 'utf8'))
        .join('\n');
      const unused = Object.keys(en).filter((k) => !code.includes(`'${k}'`) && !code.includes(`"${k}"`));
      assert.deepEqual(unused, []);
    });
  }
});
