import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalisePhone, phoneMatchKey, phonesMatch } from './phone';

const n = (raw: string) => normalisePhone(raw);

describe('phone normalisation', () => {
  it('R-CALL-1 strips spaces, dashes, dots and parentheses; full-width becomes half-width', () => {
    assert.deepEqual(n('138 0013 8000'), { number: '13800138000', extension: null, kind: 'mobile' });
    assert.deepEqual(n('138-0013-8000'), { number: '13800138000', extension: null, kind: 'mobile' });
    assert.deepEqual(n('010.6543.2100'), { number: '01065432100', extension: null, kind: 'landline' });
    assert.deepEqual(n('(010) 6543 2100'), { number: '01065432100', extension: null, kind: 'landline' });
    assert.deepEqual(n('（０７５５）８８８８－９９９９'), { number: '075588889999', extension: null, kind: 'landline' });
  });

  it('R-CALL-1 drops +86, 0086 and 86 in front of mobile numbers', () => {
    for (const raw of ['+86 138 0013 8000', '+86-13800138000', '0086 13800138000', '8613800138000', '+86（138）00138000']) {
      assert.equal(n(raw)?.number, '13800138000', raw);
      assert.equal(n(raw)?.kind, 'mobile', raw);
    }
  });

  it('R-CALL-1 keeps the area code of landlines, and +86 before one becomes the trunk 0', () => {
    assert.equal(n('010-12345678')?.number, '01012345678');
    assert.equal(n('0571-8765432')?.number, '05718765432');
    assert.equal(n('+86 10 1234 5678')?.number, '01012345678');
    assert.equal(n('0086-21-61234567')?.number, '02161234567');
  });

  it('R-CALL-1 stores extensions apart: 转, 分机, ext, x, #, and -n after a full landline', () => {
    const cases: [string, string, string][] = [
      ['010-12345678 转 123', '01012345678', '123'],
      ['010-12345678转8', '01012345678', '8'],
      ['021-61234567 分机 2201', '02161234567', '2201'],
      ['021 6123 4567 ext. 88', '02161234567', '88'],
      ['0755-88889999 x123', '075588889999', '123'],
      ['0755-88889999#9', '075588889999', '9'],
      ['010-12345678-123', '01012345678', '123'],
      ['021-6123-4567-89', '02161234567', '89'],
    ];
    for (const [raw, number, extension] of cases) assert.deepEqual(n(raw), { number, extension, kind: 'landline' }, raw);
    // A dash inside a landline is not an extension.
    assert.deepEqual(n('0755-8888-9999'), { number: '075588889999', extension: null, kind: 'landline' });
  });

  it('R-CALL-1 recognises service and local numbers, keeps foreign numbers with +, refuses text without digits', () => {
    assert.deepEqual(n('400-810-8888'), { number: '4008108888', extension: null, kind: 'service' });
    assert.equal(n('95588')?.kind, 'service');
    assert.deepEqual(n('8765 4321'), { number: '87654321', extension: null, kind: 'local' });
    assert.deepEqual(n('+1 (408) 555-1234'), { number: '+14085551234', extension: null, kind: 'other' });
    assert.equal(n('无'), null);
    assert.equal(n(' - '), null);
  });

  it('R-CALL-1 a landline matches by its local part, but not the same local number in another city', () => {
    const beijing = n('010-87654321')!;
    const shanghai = n('021-87654321')!;
    const local = n('87654321')!;
    assert.equal(phoneMatchKey(beijing), '87654321');
    assert.equal(phoneMatchKey(n('0755-88889999')!), '88889999');
    assert.equal(phonesMatch(beijing, n('(010)8765-4321')!), true);
    assert.equal(phonesMatch(local, beijing), true);
    assert.equal(phonesMatch(beijing, local), true);
    assert.equal(phonesMatch(beijing, shanghai), false);
    assert.equal(phonesMatch(n('13800138000')!, n('+86 138 0013 8000')!), true);
  });
});
