import type { FastifyInstance } from 'fastify';
import type { ConsoleLink, ModuleDeps } from '../platform/module.js';
import { registerPrincipalHook } from './hooks.js';
import { registerAuditRoutes } from './routes/audit.js';
import { registerAuthRoutes } from './routes/auth.js';
import { registerConsoleRoutes } from './routes/console.js';
import { registerJobRoutes } from './routes/jobs.js';
import { navBuilder } from './routes/nav.js';
import { registerTokenRoutes } from './routes/tokens.js';
import { registerUserRoutes } from './routes/users.js';

/** Register the staff module's hook and routes. `links` gives every module's console entries. */
export function registerStaffRoutes(app: FastifyInstance, deps: ModuleDeps, links: () => ConsoleLink[]): void {
  registerPrincipalHook(app, deps);
  const nav = navBuilder(links);
  registerAuthRoutes(app, deps);
  registerConsoleRoutes(app, deps, nav);
  registerUserRoutes(app, deps, nav);
  registerTokenRoutes(app, deps, nav);
  registerAuditRoutes(app, deps, nav);
  registerJobRoutes(app, deps, nav);
}
