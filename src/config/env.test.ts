import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './env.js';

const dir = () => mkdtempSync(path.join(tmpdir(), 'fd-config-'));

describe('configuration', () => {
  it('has working defaults: SQLite in DATA_DIR, port 3000 on 127.0.0.1', () => {
    const d = dir();
    const c = loadConfig({ DATA_DIR: d });
    assert.deepEqual(c.database, { kind: 'sqlite', file: path.join(d, 'frontdoor.db') });
    assert.equal(c.port, 3000);
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.publicUrl, 'http://127.0.0.1:3000');
  });

  it('generates development secrets once and keeps them', () => {
    const d = dir();
    const a = loadConfig({ DATA_DIR: d });
    const b = loadConfig({ DATA_DIR: d });
    assert.equal(a.secretKey, b.secretKey);
    assert.equal(a.dataEncryptionKey, b.dataEncryptionKey);
    assert.ok(readFileSync(path.join(d, 'secrets.json'), 'utf8').includes('SECRET_KEY'));
  });

  it('reports every problem at once', () => {
    try {
      loadConfig({ PORT: 'eighty', AGENCY_TIMEZONE: 'Mars/Olympus', DATABASE_URL: 'mysql://x', DEFAULT_LOCALE: 'fr' });
      assert.fail('should throw');
    } catch (err) {
      assert.ok(err instanceof ConfigError);
      const text = err.problems.join('\n');
      for (const name of ['PORT', 'AGENCY_TIMEZONE', 'DATABASE_URL', 'DEFAULT_LOCALE'])
        assert.match(text, new RegExp(name));
    }
  });

  it('requires real secrets and PUBLIC_URL in production, and names them all', () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', DATA_DIR: dir() }),
      (err: unknown) =>
        err instanceof ConfigError &&
        err.problems.length === 3 &&
        /SECRET_KEY/.test(err.message) &&
        /DATA_ENCRYPTION_KEY/.test(err.message),
    );
  });

  it('reads <NAME>_FILE secrets and refuses both forms at once', () => {
    const d = dir();
    const f = path.join(d, 'secret');
    writeFileSync(f, `${'s'.repeat(40)}\n`);
    const c = loadConfig({ DATA_DIR: d, SECRET_KEY_FILE: f, DATA_ENCRYPTION_KEY: 'k1:abc' });
    assert.equal(c.secretKey, 's'.repeat(40));
    assert.throws(() => loadConfig({ DATA_DIR: d, SECRET_KEY_FILE: f, SECRET_KEY: 'x'.repeat(40) }), /both set/);
  });

  it('selects PostgreSQL for a postgres:// DATABASE_URL', () => {
    const c = loadConfig({ DATA_DIR: dir(), DATABASE_URL: 'postgres://u@h/db' });
    assert.equal(c.database.kind, 'postgres');
  });

  it('configures the SMART Scheduling Links publication: 300 s, 28 days, no booking phone by default', () => {
    assert.deepEqual(loadConfig({ DATA_DIR: dir() }).smartScheduling, {
      cacheSeconds: 300,
      windowDays: 28,
      bookingPhone: undefined,
    });
    const c = loadConfig({
      DATA_DIR: dir(),
      SMART_CACHE_SECONDS: '60',
      SMART_WINDOW_DAYS: '14',
      SMART_BOOKING_PHONE: '555-010-0999',
    });
    assert.deepEqual(c.smartScheduling, { cacheSeconds: 60, windowDays: 14, bookingPhone: '555-010-0999' });
    assert.throws(
      () =>
        loadConfig({
          DATA_DIR: dir(),
          SMART_CACHE_SECONDS: '-1',
          SMART_WINDOW_DAYS: '0',
          SMART_BOOKING_PHONE: 'call us',
        }),
      (err: unknown) =>
        err instanceof ConfigError &&
        ['SMART_CACHE_SECONDS', 'SMART_WINDOW_DAYS', 'SMART_BOOKING_PHONE'].every((n) => err.message.includes(n)),
    );
  });

  it('configures the waiting room: /book and /invite, automatic, 200 at once, 20-minute passes by default', () => {
    assert.deepEqual(loadConfig({ DATA_DIR: dir() }).waitingRoom, {
      paths: ['/book', '/invite'],
      initialMode: 'auto',
      initialCapacity: 200,
      initialRatePerMinute: null,
      passMinutes: 20,
      abandonSeconds: 90,
    });
    const c = loadConfig({
      DATA_DIR: dir(),
      WAITING_ROOM_PATHS: '/book/,/invite,/preregister',
      WAITING_ROOM_MODE: 'on',
      WAITING_ROOM_CAPACITY: '50',
      WAITING_ROOM_RATE_PER_MINUTE: '30',
    });
    assert.deepEqual(c.waitingRoom.paths, ['/book', '/invite', '/preregister']);
    assert.equal(c.waitingRoom.initialRatePerMinute, 30);
    assert.throws(
      () =>
        loadConfig({
          DATA_DIR: dir(),
          WAITING_ROOM_PATHS: 'book',
          WAITING_ROOM_MODE: 'sometimes',
          WAITING_ROOM_ABANDON_SECONDS: '10',
        }),
      (err: unknown) =>
        err instanceof ConfigError &&
        ['WAITING_ROOM_PATHS', 'WAITING_ROOM_MODE', 'WAITING_ROOM_ABANDON_SECONDS'].every((n) =>
          err.message.includes(n),
        ),
    );
  });

  it('configures retention: 180/180/90/90 days and six years of audit log by default; at least a year of audit', () => {
    assert.deepEqual(loadConfig({ DATA_DIR: dir() }).retention, {
      enabled: true,
      bookingsDays: 180,
      preregistrationsDays: 180,
      messagesDays: 90,
      surveyContactsDays: 90,
      auditDays: 2190,
    });
    const c = loadConfig({ DATA_DIR: dir(), RETENTION_ENABLED: 'false', RETENTION_BOOKINGS_DAYS: '400' });
    assert.equal(c.retention.enabled, false);
    assert.equal(c.retention.bookingsDays, 400);
    assert.throws(
      () => loadConfig({ DATA_DIR: dir(), RETENTION_AUDIT_DAYS: '30', RETENTION_MESSAGES_DAYS: '0' }),
      (err: unknown) =>
        err instanceof ConfigError &&
        ['RETENTION_AUDIT_DAYS', 'RETENTION_MESSAGES_DAYS'].every((n) => err.message.includes(n)),
    );
  });
});
