import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, parseConfig } from './config';

describe('configuration', () => {
  it('R-ORG-1 applies the documented defaults', () => {
    const c = parseConfig({});
    assert.equal(c.PORT, 3000);
    assert.equal(c.HOST, '0.0.0.0');
    assert.equal(c.FUWU_TIMEZONE, 'Asia/Shanghai');
    assert.equal(c.FUWU_UPLOAD_MAX_MB, 50);
    assert.equal(c.DATABASE_URL, undefined);
    assert.ok(c.dataDir.endsWith('data'));
    assert.ok(Object.isFrozen(c));
  });

  it('R-ORG-1 a bad value stops start-up with a message naming the variable and what is allowed', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ PORT: 'eighty' }, /PORT/],
      [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL: must start with postgres:\/\//],
      [{ FUWU_TIMEZONE: 'Mars/Olympus' }, /FUWU_TIMEZONE: must be an IANA time zone/],
      [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
      [{ FUWU_ADMIN_PASSWORD: 'short' }, /FUWU_ADMIN_PASSWORD: must be at least 10 characters/],
    ];
    for (const [env, message] of cases) {
      assert.throws(
        () => parseConfig(env),
        (e: unknown) => e instanceof ConfigError && message.test(e.message),
      );
    }
  });

  it('R-ORG-1 selects PostgreSQL by DATABASE_URL', () => {
    assert.equal(parseConfig({ DATABASE_URL: 'postgres://u@h/db' }).DATABASE_URL, 'postgres://u@h/db');
  });
});
