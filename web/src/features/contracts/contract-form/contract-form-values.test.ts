import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TServiceCommitments } from '@contract/contracts';
import { commitmentsInput, commitmentValues, formPath, itemsInput, itemsSumFen } from './contract-form-values';

const commitments: TServiceCommitments = {
  coverage: { kind: 'custom', days: [5, 1, 3], startHour: 8, endHour: 18 },
  responseHours: 2,
  arrivalHours: 4,
  resolutionHours: null,
  pmVisitsPerYear: 4,
  onsiteVisitsIncluded: null,
  trainingDays: 1.5,
  trainingAttendees: null,
  warrantyMonths: 36,
  warrantyStart: '2026-01-10',
  warrantyEnd: '2029-01-09',
  vendorExtraYears: null,
  vendorScope: '  ',
  vendorRegion: '华东',
  remoteOnly: true,
};

describe('contract form values ↔ API shapes', () => {
  it("puts the server's coverage issues on the form's flattened coverage fields", () => {
    assert.deepEqual(formPath(['commitments', 'coverage', 'days', 0]), ['commitments', 'coverageDays']);
    assert.deepEqual(formPath(['commitments', 'coverage', 'startHour']), ['commitments', 'coverageStart']);
    assert.deepEqual(formPath(['commitments', 'coverage', 'endHour']), ['commitments', 'coverageEnd']);
    assert.deepEqual(formPath(['commitments', 'coverage']), ['commitments', 'coverage']);
    assert.deepEqual(formPath(['items', 2, 'unitPrice']), ['items', 2, 'unitPrice']);
  });

  it('commitments survive a round trip through the form, days sorted, blanks as null', () => {
    const sent = commitmentsInput(commitmentValues({ ...commitments }), true);
    assert.deepEqual(sent.coverage, { kind: 'custom', days: [1, 3, 5], startHour: 8, endHour: 18 });
    assert.equal(sent.warrantyStart, '2026-01-10');
    assert.equal(sent.warrantyEnd, '2029-01-09');
    assert.equal(sent.trainingDays, 1.5);
    assert.equal(sent.vendorScope, null);
    assert.equal(sent.vendorRegion, '华东');
    assert.equal(sent.remoteOnly, true);
    assert.equal(
      'remoteOnly' in commitmentsInput(commitmentValues(commitments), false),
      false,
      'remote-only is sent only once the user touched it',
    );
  });

  it('items are sent in fen, and their sum is worked out in fen', () => {
    const items = [
      { description: ' 硬盘 ', model: '', quantity: 3, unitPrice: 0.1 },
      { description: '内存', model: 'X1', quantity: 2, unitPrice: 1234.56 },
    ];
    assert.deepEqual(itemsInput(items), [
      { description: '硬盘', model: null, quantity: 3, unitPrice: 10 },
      { description: '内存', model: 'X1', quantity: 2, unitPrice: 123_456 },
    ]);
    assert.equal(itemsSumFen(items), 30 + 246_912);
    assert.equal(itemsSumFen(undefined), 0);
  });
});
