/**
 * The only reader of the process environment.
 *
 * `loadConfig()` validates every variable at once and reports all problems together, reads `<NAME>_FILE`
 * variants for secrets (Docker/Kubernetes secrets), and in development generates the two keys once and keeps
 * them in `DATA_DIR/secrets.json` so a restart keeps sessions and encrypted data readable.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseOpeningHours, parsePhone, type AgencyContact } from '../platform/agency/contact.js';

/** Variables that may be given as `<NAME>_FILE` pointing at a file holding the value. */
const FILE_VARIANTS = [
  'SECRET_KEY',
  'DATA_ENCRYPTION_KEY',
  'DATABASE_URL',
  'SMTP_URL',
  'SMS_AUTH_TOKEN',
  'FEEDBACK_WEBHOOK_SECRET',
] as const;

const boolish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^(postgres|postgresql):\/\//, 'must start with postgres:// (leave unset for the embedded SQLite)')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().min(1).default('./data'),
  SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  DATA_ENCRYPTION_KEY: z.string().min(1).optional(),
  AGENCY_NAME: z.string().min(1).max(120).default('Demo County'),
  AGENCY_TIMEZONE: z
    .string()
    .refine(isValidTimeZone, 'must be an IANA time zone such as America/New_York')
    .default('America/New_York'),
  /** The county's public phone line (E.164 or a US number with spaces/dashes); a fictional number outside production. */
  AGENCY_PHONE: z
    .string()
    .refine((v) => parsePhone(v) !== null, 'must be a phone number in international form, e.g. +1 555 010 0100')
    .optional(),
  /** When the phone line is answered, e.g. `Mo-Fr 08:00-18:00; Sa 09:00-13:00`. */
  AGENCY_HOURS: z
    .string()
    .refine((v) => parseOpeningHours(v) !== null, 'must look like "Mo-Fr 08:00-18:00; Sa 09:00-13:00"')
    .default('Mo-Fr 08:00-18:00'),
  DEFAULT_LOCALE: z.enum(['en', 'es']).default('en'),
  /** Unset: on in development and tests, off when NODE_ENV=production. */
  SEED_DEMO: boolish.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Frontdoor <no-reply@frontdoor.invalid>'),
  /** `outbox`: write e-mail as files on purpose (refused by default in production). Unset: SMTP when SMTP_URL is set. */
  MAIL_TRANSPORT: z.enum(['smtp', 'outbox']).optional(),
  SMS_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  SMS_ACCOUNT_SID: z.string().min(1).optional(),
  SMS_AUTH_TOKEN: z.string().min(1).optional(),
  SMS_FROM: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number like +15550100100')
    .optional(),
  /** `outbox`: write texts as files on purpose (refused by default in production). Unset: the provider when set. */
  SMS_TRANSPORT: z.enum(['provider', 'outbox']).optional(),
  NOTIFY_EMAIL_PER_SECOND: z.coerce.number().min(0.1).max(10_000).default(20),
  NOTIFY_SMS_PER_SECOND: z.coerce.number().min(0.1).max(10_000).default(5),
  QUIET_HOURS: z
    .string()
    .regex(/^([01]?\d|2[0-3])-([01]?\d|2[0-3])$/, 'must be START-END hours, like 21-8')
    .default('21-8'),
  RUN_JOBS: boolish.default(true),
  JOB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  JOB_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  JOB_LEASE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  JOB_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
  FAILED_JOB_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  IDEMPOTENCY_RETENTION_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(60),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 14)
    .default(12),
  TRUST_PROXY: boolish.default(false),
  RATE_LIMITS: z.enum(['on', 'off']).default('on'),
  BOOKING_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  BOOKING_RATE_PER_PERSON_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(10),
  INVITATION_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  INVITATION_RATE_PER_PERSON_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(10),
  PREREGISTRATION_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(20),
  PREREGISTRATION_RATE_PER_PERSON_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(5),
  SIGN_IN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  SIGN_IN_RATE_PER_PERSON_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(20),
  AVAILABILITY_CACHE_MS: z.coerce.number().int().min(0).max(5000).default(5000),
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  NO_SHOW_AFTER_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 14)
    .default(12),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(1024 * 1024),
  SMART_CACHE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  SMART_WINDOW_DAYS: z.coerce.number().int().min(1).max(366).default(28),
  SMART_BOOKING_PHONE: z
    .string()
    .regex(/^(\+?1[ .-]?)?\(?\d{3}\)?[ .-]?\d{3}[ .-]?\d{4}$/, 'must be a US phone number like 555-010-0100')
    .optional(),
  FEEDBACK_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  FEEDBACK_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  FEEDBACK_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(10),
  WAITING_ROOM_PATHS: z
    .string()
    .regex(/^\/[^,\s]*(,\/[^,\s]*)*$/, 'must be path prefixes separated by commas, like /book,/invite')
    .default('/book,/invite'),
  WAITING_ROOM_API_PATHS: z
    .string()
    .regex(/^(none|\/[^,\s]*(,\/[^,\s]*)*)$/, 'must be API paths separated by commas, like /api/v1/bookings, or none')
    .default('/api/v1/bookings'),
  WAITING_ROOM_MODE: z.enum(['auto', 'on', 'off']).default('auto'),
  WAITING_ROOM_CAPACITY: z.coerce.number().int().min(1).max(1_000_000).default(200),
  WAITING_ROOM_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).optional(),
  WAITING_ROOM_PASS_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(20),
  WAITING_ROOM_ABANDON_SECONDS: z.coerce.number().int().min(60).max(86_400).default(90),
  RETENTION_ENABLED: boolish.default(true),
  RETENTION_BOOKINGS_DAYS: z.coerce.number().int().min(1).max(36_500).default(180),
  RETENTION_PREREGISTRATIONS_DAYS: z.coerce.number().int().min(1).max(36_500).default(180),
  RETENTION_MESSAGES_DAYS: z.coerce.number().int().min(1).max(36_500).default(90),
  RETENTION_SURVEY_CONTACTS_DAYS: z.coerce.number().int().min(1).max(36_500).default(90),
  RETENTION_AUDIT_DAYS: z.coerce
    .number()
    .int()
    .min(365, 'must be at least 365 (the database keeps audit entries at least 360 days)')
    .max(36_500)
    .default(2190),
});

export type Env = z.infer<typeof EnvSchema>;

/** The validated configuration every part of Frontdoor receives. */
export interface Config {
  nodeEnv: Env['NODE_ENV'];
  isProduction: boolean;
  port: number;
  host: string;
  publicUrl: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; poolSize: number };
  dataDir: string;
  secretKey: string;
  dataEncryptionKey: string;
  agencyName: string;
  agencyTimeZone: string;
  /** The county's phone line and its hours, shown on every resident page and in messages that say "call us". */
  agencyContact: AgencyContact;
  defaultLocale: 'en' | 'es';
  seedDemo: boolean;
  logLevel: Env['LOG_LEVEL'];
  /** `transport` is `smtp` exactly when `smtpUrl` is set; `outbox` writes .eml files under DATA_DIR/outbox. */
  mail: { smtpUrl: string | undefined; from: string; transport: 'smtp' | 'outbox' };
  /** SMS provider (Twilio-compatible API); `outbox` (no `apiUrl`) writes messages to DATA_DIR/outbox/sms. */
  sms: {
    transport: 'provider' | 'outbox';
    apiUrl: string | undefined;
    accountSid: string | undefined;
    authToken: string | undefined;
    from: string | undefined;
  };
  notify: { emailPerSecond: number; smsPerSecond: number; quietHours: { start: number; end: number } };
  /**
   * The job runner; finished jobs are deleted by the hourly `prune-jobs` job this many days after they ended:
   * succeeded ones after `keepSucceededDays`, failed and cancelled ones (kept longer, for an admin to retry) after
   * `keepFailedDays`.
   */
  jobs: {
    runInProcess: boolean;
    concurrency: number;
    pollMs: number;
    leaseMs: number;
    keepSucceededDays: number;
    keepFailedDays: number;
  };
  /** How long an `Idempotency-Key`'s answer is kept for replays (hours); the hourly prune deletes older keys. */
  idempotencyRetentionHours: number;
  sessions: { idleMinutes: number; maxHours: number };
  trustProxy: boolean;
  /**
   * Per-client request limits; `RATE_LIMITS=off` turns them off (load tests on loopback). Each action is limited per
   * client address (per minute) and per person (per hour), in each web process.
   */
  rateLimits: {
    enabled: boolean;
    bookingsPerMinute: number;
    booking: ActionLimit;
    invitation: ActionLimit;
    preregistration: ActionLimit;
    signIn: ActionLimit;
  };
  /** How long (ms, at most 5 000) a web process may reuse an availability answer; 0 turns the cache off. */
  availabilityCacheMs: number;
  /** Web processes `npm start` runs (node:cluster); 1 serves from the started process itself. */
  webConcurrency: number;
  bodyLimitBytes: number;
  /** Bookings never checked in become no-shows this many hours after their slot ends (hourly job). */
  noShowAfterHours: number;
  /** Survey answers per client per minute, and the signed webhook told of each new response (when set). */
  feedback: { answersPerMinute: number; webhookUrl: string | undefined; webhookSecret: string | undefined };
  /**
   * The SMART Scheduling Links publication (/fhir/$bulk-publish): how long clients and this process may reuse it,
   * how many days ahead slots are published, and the phone number to book by when a site has none.
   */
  smartScheduling: { cacheSeconds: number; windowDays: number; bookingPhone: string | undefined };
  /**
   * The virtual waiting room: the path prefixes it protects and the API calls that wait in the same line, its first
   * settings (mode, capacity, admission rate — staff change them in the console afterwards), how long an admitted
   * visitor's pass lasts and how long an unseen place in line is kept.
   */
  waitingRoom: {
    paths: string[];
    /** API paths (exact) whose calls other than GET/HEAD/OPTIONS wait in the same line, answered in JSON. */
    apiPaths: string[];
    initialMode: 'auto' | 'on' | 'off';
    initialCapacity: number;
    initialRatePerMinute: number | null;
    passMinutes: number;
    abandonSeconds: number;
  };
  /**
   * How long personal data is kept, in days, per kind of record (ADR 0021): people and bookings after the person's
   * last appointment, pre-registrations after their last change, messages (and contacts nothing uses any more)
   * after they were sent, survey contacts after they were left, audit entries after they were written. `enabled`
   * false stops the daily retention job (a legal hold).
   */
  retention: {
    enabled: boolean;
    bookingsDays: number;
    preregistrationsDays: number;
    messagesDays: number;
    surveyContactsDays: number;
    auditDays: number;
  };
}

/** One action's limits: requests per client address per minute, and for one person per hour. */
export interface ActionLimit {
  perIpPerMinute: number;
  perPersonPerHour: number;
}

/** Thrown when the environment is invalid; `problems` lists every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type RawEnv = Record<string, string | undefined>;

function resolveFileVariants(env: RawEnv, problems: string[]): RawEnv {
  const out: RawEnv = { ...env };
  for (const name of FILE_VARIANTS) {
    const file = env[`${name}_FILE`];
    if (!file) continue;
    if (env[name]) {
      problems.push(`${name} and ${name}_FILE are both set; set only one`);
      continue;
    }
    try {
      out[name] = readFileSync(file, 'utf8').trim();
    } catch (err) {
      problems.push(`${name}_FILE: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  // Empty strings mean "unset" (a common .env habit), so defaults apply.
  for (const [k, v] of Object.entries(out)) if (v === '') out[k] = undefined;
  return out;
}

interface DevSecrets {
  SECRET_KEY: string;
  DATA_ENCRYPTION_KEY: string;
}

/** In development, generate the secrets once and keep them beside the data so restarts keep working. */
function loadOrCreateDevSecrets(dataDir: string): DevSecrets {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    const parsed = z
      .object({ SECRET_KEY: z.string().min(32), DATA_ENCRYPTION_KEY: z.string().min(1) })
      .parse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed;
  }
  mkdirSync(dataDir, { recursive: true });
  const secrets: DevSecrets = {
    SECRET_KEY: randomBytes(48).toString('base64url'),
    DATA_ENCRYPTION_KEY: `k1:${randomBytes(32).toString('base64')}`,
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  return secrets;
}

/**
 * Mail and SMS must reach real providers in production: written to files, staff reset links and residents' manage
 * and invitation links would sit in plain text on the server's disk. Files only with an explicit `…_TRANSPORT=outbox`.
 */
function transportProblems(e: Env, isProduction: boolean): string[] {
  const problems: string[] = [];
  if (e.MAIL_TRANSPORT === 'smtp' && !e.SMTP_URL) problems.push('MAIL_TRANSPORT=smtp: SMTP_URL is required too');
  if (e.MAIL_TRANSPORT === 'outbox' && e.SMTP_URL)
    problems.push('MAIL_TRANSPORT=outbox and SMTP_URL are both set; set only one');
  if (e.SMS_TRANSPORT === 'provider' && !e.SMS_API_URL)
    problems.push(
      'SMS_TRANSPORT=provider: SMS_API_URL (with SMS_ACCOUNT_SID, SMS_AUTH_TOKEN, SMS_FROM) is required too',
    );
  if (e.SMS_TRANSPORT === 'outbox' && e.SMS_API_URL)
    problems.push('SMS_TRANSPORT=outbox and SMS_API_URL are both set; set only one');
  if (!isProduction) return problems;
  if (!e.SMTP_URL && !e.MAIL_TRANSPORT)
    problems.push(
      'SMTP_URL: required when NODE_ENV=production (or SMTP_URL_FILE); MAIL_TRANSPORT=outbox writes e-mail, ' +
        'with its sign-in and manage links, to files under DATA_DIR/outbox instead',
    );
  if (!e.SMS_API_URL && !e.SMS_TRANSPORT)
    problems.push(
      'SMS_API_URL (with SMS_ACCOUNT_SID, SMS_AUTH_TOKEN, SMS_FROM): required when NODE_ENV=production; ' +
        'SMS_TRANSPORT=outbox writes texts, with their links, to files under DATA_DIR/outbox/sms instead',
    );
  return problems;
}

/**
 * Validate the environment and build the configuration. Reports every problem at once.
 * @param env defaults to `process.env`; tests pass their own.
 */
export function loadConfig(env: RawEnv = process.env): Config {
  const problems: string[] = [];
  const raw = resolveFileVariants(env, problems);
  const parsed = EnvSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push(`${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  const dataDir = path.resolve(e.DATA_DIR);

  let secretKey = e.SECRET_KEY;
  let dataEncryptionKey = e.DATA_ENCRYPTION_KEY;
  if (e.SMS_API_URL && !(e.SMS_ACCOUNT_SID && e.SMS_AUTH_TOKEN && e.SMS_FROM)) {
    problems.push('SMS_API_URL is set: SMS_ACCOUNT_SID, SMS_AUTH_TOKEN and SMS_FROM are required too');
  }
  if (e.FEEDBACK_WEBHOOK_URL && !e.FEEDBACK_WEBHOOK_SECRET) {
    problems.push('FEEDBACK_WEBHOOK_URL is set: FEEDBACK_WEBHOOK_SECRET is required too (it signs each delivery)');
  }
  problems.push(...transportProblems(e, isProduction));
  if (isProduction) {
    if (!secretKey) problems.push('SECRET_KEY: required when NODE_ENV=production (or SECRET_KEY_FILE)');
    if (!dataEncryptionKey)
      problems.push('DATA_ENCRYPTION_KEY: required when NODE_ENV=production (or DATA_ENCRYPTION_KEY_FILE)');
    if (!e.PUBLIC_URL) problems.push('PUBLIC_URL: required when NODE_ENV=production');
    if (!e.AGENCY_PHONE)
      problems.push('AGENCY_PHONE: required when NODE_ENV=production (residents are told to call it)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  if (!isProduction && (!secretKey || !dataEncryptionKey)) {
    const dev = loadOrCreateDevSecrets(dataDir);
    secretKey ??= dev.SECRET_KEY;
    dataEncryptionKey ??= dev.DATA_ENCRYPTION_KEY;
  }

  return {
    nodeEnv: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' ? '127.0.0.1' : e.HOST}:${e.PORT}`).replace(/\/$/, ''),
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
      : { kind: 'sqlite', file: path.join(dataDir, 'frontdoor.db') },
    dataDir,
    // Both are set by now: from the environment, or generated above (production throws when missing).
    secretKey: secretKey ?? '',
    dataEncryptionKey: dataEncryptionKey ?? '',
    agencyName: e.AGENCY_NAME,
    agencyTimeZone: e.AGENCY_TIMEZONE,
    agencyContact: {
      // The fictional 555-01xx range outside production (production requires AGENCY_PHONE, checked above).
      phone: parsePhone(e.AGENCY_PHONE ?? '+15550100100') ?? '+15550100100',
      hours: parseOpeningHours(e.AGENCY_HOURS) ?? [],
    },
    defaultLocale: e.DEFAULT_LOCALE,
    seedDemo: e.SEED_DEMO ?? !isProduction,
    logLevel: e.LOG_LEVEL,
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, transport: e.SMTP_URL ? 'smtp' : 'outbox' },
    sms: {
      transport: e.SMS_API_URL ? 'provider' : 'outbox',
      apiUrl: e.SMS_API_URL,
      accountSid: e.SMS_ACCOUNT_SID,
      authToken: e.SMS_AUTH_TOKEN,
      from: e.SMS_FROM,
    },
    notify: {
      emailPerSecond: e.NOTIFY_EMAIL_PER_SECOND,
      smsPerSecond: e.NOTIFY_SMS_PER_SECOND,
      quietHours: { start: Number(e.QUIET_HOURS.split('-')[0]), end: Number(e.QUIET_HOURS.split('-')[1]) },
    },
    jobs: {
      runInProcess: e.RUN_JOBS,
      concurrency: e.JOB_CONCURRENCY,
      pollMs: e.JOB_POLL_MS,
      leaseMs: e.JOB_LEASE_MS,
      keepSucceededDays: e.JOB_RETENTION_DAYS,
      keepFailedDays: e.FAILED_JOB_RETENTION_DAYS,
    },
    idempotencyRetentionHours: e.IDEMPOTENCY_RETENTION_HOURS,
    sessions: { idleMinutes: e.SESSION_IDLE_MINUTES, maxHours: e.SESSION_MAX_HOURS },
    trustProxy: e.TRUST_PROXY,
    rateLimits: {
      enabled: e.RATE_LIMITS === 'on',
      bookingsPerMinute: e.BOOKING_RATE_PER_MINUTE,
      booking: { perIpPerMinute: e.BOOKING_RATE_PER_MINUTE, perPersonPerHour: e.BOOKING_RATE_PER_PERSON_PER_HOUR },
      invitation: {
        perIpPerMinute: e.INVITATION_RATE_PER_MINUTE,
        perPersonPerHour: e.INVITATION_RATE_PER_PERSON_PER_HOUR,
      },
      preregistration: {
        perIpPerMinute: e.PREREGISTRATION_RATE_PER_MINUTE,
        perPersonPerHour: e.PREREGISTRATION_RATE_PER_PERSON_PER_HOUR,
      },
      signIn: { perIpPerMinute: e.SIGN_IN_RATE_PER_MINUTE, perPersonPerHour: e.SIGN_IN_RATE_PER_PERSON_PER_HOUR },
    },
    availabilityCacheMs: e.AVAILABILITY_CACHE_MS,
    webConcurrency: e.WEB_CONCURRENCY,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    noShowAfterHours: e.NO_SHOW_AFTER_HOURS,
    feedback: {
      answersPerMinute: e.FEEDBACK_RATE_PER_MINUTE,
      webhookUrl: e.FEEDBACK_WEBHOOK_URL,
      webhookSecret: e.FEEDBACK_WEBHOOK_SECRET,
    },
    smartScheduling: {
      cacheSeconds: e.SMART_CACHE_SECONDS,
      windowDays: e.SMART_WINDOW_DAYS,
      bookingPhone: e.SMART_BOOKING_PHONE,
    },
    waitingRoom: {
      paths: e.WAITING_ROOM_PATHS.split(',').map((p) => (p.length > 1 ? p.replace(/\/$/, '') : p)),
      apiPaths:
        e.WAITING_ROOM_API_PATHS === 'none'
          ? []
          : e.WAITING_ROOM_API_PATHS.split(',').map((p) => (p.length > 1 ? p.replace(/\/$/, '') : p)),
      initialMode: e.WAITING_ROOM_MODE,
      initialCapacity: e.WAITING_ROOM_CAPACITY,
      initialRatePerMinute: e.WAITING_ROOM_RATE_PER_MINUTE ?? null,
      passMinutes: e.WAITING_ROOM_PASS_MINUTES,
      abandonSeconds: e.WAITING_ROOM_ABANDON_SECONDS,
    },
    retention: {
      enabled: e.RETENTION_ENABLED,
      bookingsDays: e.RETENTION_BOOKINGS_DAYS,
      preregistrationsDays: e.RETENTION_PREREGISTRATIONS_DAYS,
      messagesDays: e.RETENTION_MESSAGES_DAYS,
      surveyContactsDays: e.RETENTION_SURVEY_CONTACTS_DAYS,
      auditDays: e.RETENTION_AUDIT_DAYS,
    },
  };
}

/** Test-only helpers read the environment through here too (TEST_DATABASE_URL, CI). */
export function readTestEnv(env: RawEnv = process.env): { testDatabaseUrl: string | undefined; ci: boolean } {
  return { testDatabaseUrl: env.TEST_DATABASE_URL || undefined, ci: env.CI === 'true' || env.CI === '1' };
}
