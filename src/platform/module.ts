/**
 * The shape of a domain module as the composition root (src/app.ts) sees it. The platform defines the shape;
 * it never imports a module.
 */
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Config } from '../config/env.js';
import type { PolicyCheck } from './auth/index.js';
import type { FieldCipher } from './crypto/index.js';
import type { Db } from './db/index.js';
import type { Locale } from './i18n/index.js';
import type { AnyJobDefinition } from './jobs/index.js';
import type { Mailer } from './mail/index.js';
import type { ApiPaths } from './http/openapi.js';
import type { AnyMessageTemplate, InboundSmsHandler } from './message-template.js';
import type { Metrics } from './metrics/index.js';
import type { PersonalDataSource } from './personal-data.js';

/** What every module's routes, jobs and seeds receive. Tests pass a fixed clock through `now`. */
export interface ModuleDeps {
  config: Config;
  db: Db;
  mailer: Mailer;
  /** Field-level encryption for personal data (names, birth dates, contacts). */
  cipher: FieldCipher;
  logger: FastifyBaseLogger;
  metrics: Metrics;
  now: () => number;
  /** Where one-time messages for the operator go (the demo admin's password). Never the logger. */
  print: (text: string) => void;
  /** Every module's staff console entries, in menu order. */
  consoleLinks: () => ConsoleLink[];
}

/** A resident task listed on the home page (only tasks that exist are listed). */
export interface HomeTask {
  href: string;
  title: (locale: Locale) => string;
  description: (locale: Locale) => string;
}

/** A staff console entry, shown to roles the module's policy allows. */
export interface ConsoleLink {
  href: string;
  label: (locale: Locale) => string;
  allowed: PolicyCheck;
  /** Menu position: lower first (default 50). */
  order?: number;
}

export interface FrontdoorModule {
  name: string;
  /** Job definitions this module owns (names are stable strings). */
  jobs?: (deps: ModuleDeps) => AnyJobDefinition[];
  recurring?: { name: string; everyMs: number }[];
  homeTasks?: HomeTask[];
  consoleLinks?: ConsoleLink[];
  /** Message types this module sends (rendered, previewed and delivered by notifications). */
  messageTemplates?: AnyMessageTemplate[];
  /** The module's /api/v1 operations, for the OpenAPI description. */
  api?: ApiPaths;
  /** SMS replies this module understands (e.g. "YES" to an invitation). */
  inboundSms?: InboundSmsHandler[];
  /**
   * Runs at every start, after the migrations and before routes, jobs and seeds: brings rows an earlier version
   * wrote up to date where a migration cannot (e.g. encrypts values kept in plain text: migrations have no key).
   * Must find nothing to do once done, and be safe when several processes start at once.
   */
  prepareData?(deps: ModuleDeps): Promise<void>;
  /** The personal data this module holds about residents: found, exported, corrected, erased, retained (ADR 0021). */
  personalData?: PersonalDataSource;
  registerRoutes?(app: FastifyInstance, deps: ModuleDeps): Promise<void> | void;
  seedDemo?(deps: ModuleDeps): Promise<void>;
}
