import assert from 'node:assert/strict';
import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, it } from 'node:test';
import { canonicalPath, isUnder, readRequestTarget, rewriteToCanonical } from './request-path.js';

describe('the canonical spelling of a request path', () => {
  it('keeps a path already spelled canonically, query and all', () => {
    for (const url of ['/', '/book', '/book/', '/book/a-b_c.d~e', '/a:b@c', '/caf%C3%A9', '/a%20b', '/x?next=%zz&y=/'])
      assert.equal(readRequestTarget(url).kind, 'canonical', url);
  });

  it('reads every other spelling as the path the router matches', () => {
    const cases: [string, string][] = [
      ['/%62ook', '/book'],
      ['/%62%6F%6f%6B/x', '/book/x'],
      ['/%69nvite/t', '/invite/t'],
      ['/%61pi/v1/me', '/api/v1/me'],
      ['//book', '/book'],
      ['/book//x', '/book/x'],
      ['///', '/'],
      ['/./book', '/book'],
      ['/x/../book', '/book'],
      ['/../../book', '/book'],
      ['/%2e/book', '/book'],
      ['/x/%2E%2e/book', '/book'],
      ['/book/.', '/book/'],
      ['/book/x/..', '/book/'],
      ['/book%2fx', '/book%2Fx'],
      ['/caf%c3%a9', '/caf%C3%A9'],
      ['/a\\b', '/a%5Cb'],
      ['/%7e', '/~'],
    ];
    for (const [url, path] of cases)
      assert.deepEqual(readRequestTarget(url), { kind: 'other-spelling', path, search: '' });
    assert.deepEqual(readRequestTarget('/%62ook?zip=02108'), {
      kind: 'other-spelling',
      path: '/book',
      search: '?zip=02108',
    });
  });

  it('keeps what the router keeps: an encoded slash, an encoded percent (double encoding) and case', () => {
    assert.equal(canonicalPath('/book%2Fx'), '/book%2Fx');
    assert.equal(isUnder('/book%2Fx', '/book'), false);
    assert.equal(canonicalPath('/%2562ook'), '/%2562ook');
    assert.equal(canonicalPath('/BOOK'), '/BOOK');
    assert.equal(isUnder('/BOOK', '/book'), false);
  });

  it('finds malformed every target that cannot be decoded', () => {
    const malformed = [
      '/assets/app/app.css%00.js',
      '/book%0A',
      '/book%7F',
      '/book%C2%85', // C1 control (NEL)
      '/%zz',
      '/%',
      '/book%2',
      '/%C0%AE', // overlong '.'
      '/%E0%80%AE', // overlong '.'
      '/%ED%A0%80', // a lone surrogate
      '/%FF',
      '/x#y',
      '/a b',
      '/caf\u00e9',
      '*',
      `/${'a'.repeat(2048)}`,
    ];
    for (const url of malformed) assert.equal(readRequestTarget(url).kind, 'malformed', url);
  });

  it('reads an absolute-form target as its path, and routes a malformed one nowhere', () => {
    const req = (url: string) => Object.assign(new IncomingMessage(new Socket()), { url });
    assert.equal(rewriteToCanonical(req('http://evil.example/book?x=1')), '/book?x=1');
    assert.equal(rewriteToCanonical(req('HTTPS://evil.example')), '/');
    assert.equal(rewriteToCanonical(req('http://evil.example/%62ook')), '/book');
    assert.equal(rewriteToCanonical(req('/%62ook?y')), '/book?y');
    assert.equal(rewriteToCanonical(req('/%zz')), '/.malformed');
  });

  it('says what is under a prefix', () => {
    assert.equal(isUnder('/api', '/api'), true);
    assert.equal(isUnder('/api/', '/api'), true);
    assert.equal(isUnder('/api/v1', '/api/'), true);
    assert.equal(isUnder('/apis', '/api'), false);
    assert.equal(isUnder('/x', '/'), true);
  });
});
