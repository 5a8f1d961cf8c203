import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasNoSites, isCountyWide, mayActAtSite, siteScopeOf, withinSites } from './index.js';

describe('site scope', () => {
  it('site managers and site staff reach their assigned sites; every other role reaches every site', () => {
    assert.deepEqual(siteScopeOf('site-staff', ['b', 'a', 'b']), ['a', 'b']);
    assert.deepEqual(siteScopeOf('site-manager', []), []);
    for (const role of ['admin', 'analyst', 'call-agent', 'content-editor'] as const)
      assert.equal(siteScopeOf(role, ['a']), 'all', role);
  });

  it('decides one site, filters lists, and says when there is none', () => {
    const desk = { sites: ['a'] };
    assert.equal(mayActAtSite(desk, 'a'), true);
    assert.equal(mayActAtSite(desk, 'b'), false);
    assert.equal(mayActAtSite({ sites: 'all' }, 'b'), true);
    assert.equal(mayActAtSite(null, 'a'), false, 'nobody is no one');
    const rows = [{ site: 'a' }, { site: 'b' }, { site: 'a' }];
    assert.deepEqual(
      withinSites(desk, rows, (r) => r.site),
      [{ site: 'a' }, { site: 'a' }],
    );
    assert.equal(withinSites({ sites: 'all' }, rows, (r) => r.site).length, 3);
    assert.equal(hasNoSites({ sites: [] }), true);
    assert.equal(hasNoSites({ sites: 'all' }), false);
    assert.equal(hasNoSites(desk), false);
    assert.equal(isCountyWide({ sites: 'all' }), true);
    assert.equal(isCountyWide(desk), false);
  });
});
