import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { descriptionRows } from './light-descriptions';

const shape = (rows: { item: { key: string }; span: number }[][]) => rows.map((r) => r.map((c) => `${c.item.key}:${c.span}`));

describe('descriptionRows', () => {
  it('fills rows of three, the last item of a short row taking what is left', () => {
    const items = [{ key: 'a' }, { key: 'b' }, { key: 'c' }, { key: 'd', span: 3 }, { key: 'e' }, { key: 'f' }];
    assert.deepEqual(shape(descriptionRows(items, 3)), [['a:1', 'b:1', 'c:1'], ['d:3'], ['e:1', 'f:2']]);
  });

  it('starts a new row when an item does not fit what is left, stretching the one before', () => {
    const items = [{ key: 'a' }, { key: 'b', span: 3 }, { key: 'c' }];
    assert.deepEqual(shape(descriptionRows(items, 3)), [['a:3'], ['b:3'], ['c:3']]);
  });

  it('one column: one item a row, spans capped', () => {
    const items = [{ key: 'a', span: 3 }, { key: 'b' }];
    assert.deepEqual(shape(descriptionRows(items, 1)), [['a:1'], ['b:1']]);
  });

  it('no items, no rows', () => {
    assert.deepEqual(descriptionRows([], 3), []);
  });
});
