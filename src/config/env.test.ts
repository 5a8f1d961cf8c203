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

  it('requires real secrets, PUBLIC_URL, the county phone, mail and SMS providers in production, and names them all', () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', DATA_DIR: dir() }),
      (err: unknown) =>
        err instanceof ConfigError &&
        err.problems.length === 6 &&
        ['SECRET_KEY', 'DATA_ENCRYPTION_KEY', 'PUBLIC_URL', 'AGENCY_PHONE', 'SMTP_URL', 'SMS_API_URL'].every((n) =>
          err.problems.some((p) => p.startsWith(n)),
        ),
    );
  });

  const production = {
    NODE_ENV: 'production',
    SECRET_KEY: 's'.repeat(40),
    DATA_ENCRYPTION_KEY: 'k1:abc',
    PUBLIC_URL: 'https://services.example.gov',
    AGENCY_PHONE: '+1 555 010 0199',
  };
  const providers = {
    SMTP_URL: 'smtp://mail.example.gov:587',
    SMS_API_URL: 'https://sms.example.gov',
    SMS_ACCOUNT_SID: 'AC1',
    SMS_AUTH_TOKEN: 'token',
    SMS_FROM: '+15550100100',
  };

  it('in production, mail and texts go to files only when MAIL_TRANSPORT/SMS_TRANSPORT=outbox say so', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ DATA_DIR: dir(), ...env });
        return [];
      } catch (err) {
        assert.ok(err instanceof ConfigError);
        return err.problems;
      }
    };
    const missing = problems(production);
    assert.equal(missing.length, 2, missing.join('\n'));
    assert.match(missing[0] ?? '', /^SMTP_URL: required when NODE_ENV=production/);
    assert.match(missing[1] ?? '', /^SMS_API_URL .*required when NODE_ENV=production/);
    // With only the SMS settings, mail alone is named (and the other way round).
    const { SMTP_URL: _smtp, ...smsOnly } = providers;
    assert.deepEqual(
      problems({ ...production, ...smsOnly }).map((p) => p.split(':')[0]),
      ['SMTP_URL'],
    );
    const c = loadConfig({ DATA_DIR: dir(), ...production, ...providers });
    assert.equal(c.mail.transport, 'smtp');
    assert.equal(c.sms.transport, 'provider');
    const files = loadConfig({ DATA_DIR: dir(), ...production, MAIL_TRANSPORT: 'outbox', SMS_TRANSPORT: 'outbox' });
    assert.equal(files.mail.transport, 'outbox');
    assert.equal(files.sms.transport, 'outbox');
    // Contradictions are refused everywhere, all at once.
    const both = problems({ ...providers, MAIL_TRANSPORT: 'outbox', SMS_TRANSPORT: 'outbox' });
    assert.equal(both.length, 2, both.join('\n'));
    const none = problems({ MAIL_TRANSPORT: 'smtp', SMS_TRANSPORT: 'provider' });
    assert.deepEqual(
      none.map((p) => p.split(/[=:]/)[0]),
      ['MAIL_TRANSPORT', 'SMS_TRANSPORT'],
    );
  });

  it('in development without providers, mail and texts go to the outbox as before', () => {
    const c = loadConfig({ DATA_DIR: dir() });
    assert.equal(c.mail.transport, 'outbox');
    assert.equal(c.sms.transport, 'outbox');
  });

  it('seeds demo data by default except in production, where SEED_DEMO=true is needed', () => {
    assert.equal(loadConfig({ DATA_DIR: dir() }).seedDemo, true);
    assert.equal(loadConfig({ DATA_DIR: dir(), SEED_DEMO: 'false' }).seedDemo, false);
    assert.equal(loadConfig({ DATA_DIR: dir(), ...production, ...providers }).seedDemo, false);
    assert.equal(loadConfig({ DATA_DIR: dir(), ...production, ...providers, SEED_DEMO: 'true' }).seedDemo, true);
  });

  it('keeps finished jobs 7 days (failed 30) and idempotency keys 24 hours unless told otherwise', () => {
    const d = loadConfig({ DATA_DIR: dir() });
    assert.equal(d.jobs.keepSucceededDays, 7);
    assert.equal(d.jobs.keepFailedDays, 30);
    assert.equal(d.idempotencyRetentionHours, 24);
    const c = loadConfig({
      DATA_DIR: dir(),
      JOB_RETENTION_DAYS: '2',
      FAILED_JOB_RETENTION_DAYS: '90',
      IDEMPOTENCY_RETENTION_HOURS: '48',
    });
    assert.deepEqual([c.jobs.keepSucceededDays, c.jobs.keepFailedDays, c.idempotencyRetentionHours], [2, 90, 48]);
    assert.throws(
      () => loadConfig({ DATA_DIR: dir(), JOB_RETENTION_DAYS: '0', IDEMPOTENCY_RETENTION_HOURS: '0' }),
      (err: unknown) =>
        err instanceof ConfigError &&
        ['JOB_RETENTION_DAYS', 'IDEMPOTENCY_RETENTION_HOURS'].every((n) => err.message.includes(n)),
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
      apiPaths: ['/api/v1/bookings'],
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
    assert.deepEqual(loadConfig({ DATA_DIR: dir(), WAITING_ROOM_API_PATHS: 'none' }).waitingRoom.apiPaths, []);
    assert.deepEqual(
      loadConfig({ DATA_DIR: dir(), WAITING_ROOM_API_PATHS: '/api/v1/bookings/,/api/v1/x' }).waitingRoom.apiPaths,
      ['/api/v1/bookings', '/api/v1/x'],
    );
    assert.throws(
      () =>
        loadConfig({
          DATA_DIR: dir(),
          WAITING_ROOM_PATHS: 'book',
          WAITING_ROOM_API_PATHS: 'api/v1/bookings',
          WAITING_ROOM_MODE: 'sometimes',
          WAITING_ROOM_ABANDON_SECONDS: '10',
        }),
      (err: unknown) =>
        err instanceof ConfigError &&
        ['WAITING_ROOM_PATHS', 'WAITING_ROOM_API_PATHS', 'WAITING_ROOM_MODE', 'WAITING_ROOM_ABANDON_SECONDS'].every(
          (n) => err.message.includes(n),
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

  it('reads the county phone and hours, and refuses a malformed number or hours', () => {
    const c = loadConfig({
      DATA_DIR: dir(),
      AGENCY_PHONE: '+1 (617) 555-0100',
      AGENCY_HOURS: 'Mo-Fr 08:00-17:00; Sa 09:00-12:00',
    });
    assert.deepEqual(c.agencyContact, {
      phone: '+16175550100',
      hours: [
        { days: [0, 1, 2, 3, 4], from: 480, to: 1020 },
        { days: [5], from: 540, to: 720 },
      ],
    });
    assert.equal(
      loadConfig({ DATA_DIR: dir() }).agencyContact.phone,
      '+15550100100',
      'a fictional number in development',
    );
    assert.throws(
      () => loadConfig({ DATA_DIR: dir(), AGENCY_PHONE: 'call us', AGENCY_HOURS: 'weekdays 9 to 5' }),
      (err: unknown) =>
        err instanceof ConfigError &&
        err.problems.some((p) => p.startsWith('AGENCY_PHONE')) &&
        err.problems.some((p) => p.startsWith('AGENCY_HOURS')),
    );
  });
});
