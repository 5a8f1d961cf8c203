import type { FastifyInstance } from 'fastify';
import { navBuilder } from '../platform/http/page.js';
import type { ModuleDeps } from '../platform/module.js';
import { registerPrincipalHook } from './hooks.js';
import { registerAuditRoutes } from './routes/audit.js';
import { registerAuthRoutes } from './routes/auth.js';
import { registerConsoleRoutes } from './routes/console.js';
import { registerJobRoutes } from './routes/jobs.js';
import { registerTokenRoutes } from './routes/tokens.js';
import { registerUserRoutes } from './routes/users.js';

/** Register the staff module's hook and routes. */
export function registerStaffRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  registerPrincipalHook(app, deps);
  const nav = navBuilder(deps.consoleLinks);
  registerAuthRoutes(app, deps);
  registerConsoleRoutes(app, deps, nav);
  registerUserRoutes(app, deps, nav);
  registerTokenRoutes(app, deps, nav);
  registerAuditRoutes(app, deps, nav);
  registerJobRoutes(app, deps, nav);
}
