import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fenToYuan, formatBytes, formatFen, yuanToFen } from './formats';

describe('money and sizes as people read them', () => {
  it('fen ↔ yuan keeps empty values empty and rounds to the fen', () => {
    assert.equal(fenToYuan(123_450), 1234.5);
    assert.equal(fenToYuan(null), null);
    assert.equal(fenToYuan(undefined), null);
    assert.equal(yuanToFen(0.1 + 0.2), 30);
    assert.equal(yuanToFen(1234.567), 123_457);
    assert.equal(yuanToFen(Number.NaN), null);
    assert.equal(yuanToFen(null), null);
    assert.equal(yuanToFen(fenToYuan(555_000_000)), 555_000_000);
  });

  it('formats fen as yuan in either language', () => {
    assert.equal(formatFen(123_450_000, 'en'), 'CN¥1,234,500.00');
    assert.match(formatFen(123_450_000, 'zh-CN'), /^¥1,234,500\.00$/);
  });

  it('formats a file size', () => {
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(1536), '1.5 KB');
    assert.equal(formatBytes(2 * 1024 * 1024), '2.0 MB');
  });
});
