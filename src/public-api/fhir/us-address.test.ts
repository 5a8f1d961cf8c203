import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stateForZip, toUsAddress } from './us-address.js';

describe('a site address as a USPS address', () => {
  it('takes the state the address names, with or without a ZIP code after it', () => {
    assert.deepEqual(toUsAddress('173 Elm St, Pittsfield, MA', '01201'), {
      line: ['173 Elm St'],
      city: 'Pittsfield',
      state: 'MA',
      postalCode: '01201',
    });
    assert.deepEqual(toUsAddress('173 Elm St, Suite 2, Pittsfield ma 01201-7223', '01201-7223'), {
      line: ['173 Elm St', 'Suite 2'],
      city: 'Pittsfield',
      state: 'MA',
      postalCode: '01201-7223',
    });
  });

  it('falls back to the state of the ZIP code when the address names none', () => {
    assert.deepEqual(toUsAddress('100 Main Street, Springfield', '62701'), {
      line: ['100 Main Street'],
      city: 'Springfield',
      state: 'IL',
      postalCode: '62701',
    });
    assert.equal(toUsAddress('1 Dock Rd, Newport, ZZ', '02840').state, 'RI', 'ZZ is no state');
  });

  it('keeps an address without a city as one line', () => {
    assert.deepEqual(toUsAddress('1 Elm St', '10001'), { line: ['1 Elm St'], state: 'NY', postalCode: '10001' });
  });

  it('knows the state of each ZIP prefix, and none for military or unassigned ones', () => {
    const cases: [string, string | undefined][] = [
      ['02840', 'RI'], ['05501', 'MA'], ['05401', 'VT'], ['20500', 'DC'], ['20166', 'VA'], ['73301', 'TX'],
      ['73101', 'OK'], ['88510', 'TX'], ['96813', 'HI'], ['99501', 'AK'], ['00901', 'PR'], ['09001', undefined],
      ['00000', undefined], ['1234', undefined],
    ]; // prettier-ignore
    for (const [zip, state] of cases) assert.equal(stateForZip(zip), state, zip);
  });
});
