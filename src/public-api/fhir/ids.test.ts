import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { fhirId } from './ids.js';

describe('FHIR ids for published resources', () => {
  it('fit both the specification (≤ 64 of [A-Za-z0-9_.]) and FHIR ([A-Za-z0-9.-]) even for two UUIDs, and are stable', () => {
    const a = randomUUID();
    const b = randomUUID();
    assert.match(fhirId(a, b), /^[a-z0-9.]{1,64}$/);
    assert.equal(fhirId(a, b).length, 51);
    assert.equal(fhirId(a, b), fhirId(a, b));
    assert.equal(fhirId('ffffffff-ffff-ffff-ffff-ffffffffffff'), 'f5lxx1zz5pnorynqglhzmsp33');
    assert.equal(fhirId('00000000-0000-0000-0000-000000000001'), '0000000000000000000000001');
  });

  it('never give two different pairs the same id', () => {
    const a = randomUUID();
    const b = randomUUID();
    assert.notEqual(fhirId(a, b), fhirId(b, a));
    const seen = new Set(Array.from({ length: 2000 }, () => fhirId(randomUUID(), a)));
    assert.equal(seen.size, 2000);
  });
});
