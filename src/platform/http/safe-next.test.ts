import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HOSTILE_NEXT } from '../../../test/support/hostile-input.js';
import { safeNext } from './forms.js';

describe('safeNext', () => {
  it('keeps a local path with its query', () => {
    for (const next of ['/staff', '/staff/users?page=2', '/staff/book/abc?date=2026-01-02&product=x', '/'])
      assert.equal(safeNext(next, '/fallback'), next);
  });

  it('answers the fallback for every hostile value, never another origin', () => {
    for (const next of HOSTILE_NEXT) {
      const got = safeNext(next, '/staff');
      assert.equal(got, '/staff', JSON.stringify(next));
    }
    for (const value of [undefined, null, 42, ['/staff'], { next: '/staff' }]) assert.equal(safeNext(value, '/'), '/');
  });
});
