import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { uploadedText } from './forms.js';

describe('uploadedText', () => {
  it('prefers an uploaded file (a Buffer from a multipart body) over the pasted text', () => {
    assert.equal(uploadedText({ file: Buffer.from('a,b\n1,2\n'), csv: 'ignored' }, 'file', 'csv'), 'a,b\n1,2\n');
  });
  it('falls back to the pasted text when no file (or an empty one) came', () => {
    assert.equal(uploadedText({ file: Buffer.alloc(0), csv: 'x\n1' }, 'file', 'csv'), 'x\n1');
    assert.equal(uploadedText({ csv: 'x\n1' }, 'file', 'csv'), 'x\n1');
    assert.equal(uploadedText(undefined, 'file', 'csv'), '');
  });
});
