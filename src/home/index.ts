/**
 * The public home page. It lists the resident tasks that the other modules offer, so it never links to a
 * page that does not exist.
 */
import type { FrontdoorModule } from '../platform/module.js';
import { registerHomeRoutes } from './routes.js';

/** Build the home module from the modules whose tasks it lists. */
export function createHomeModule(others: FrontdoorModule[]): FrontdoorModule {
  const tasks = others.flatMap((m) => m.homeTasks ?? []);
  return {
    name: 'home',
    registerRoutes: (app) => registerHomeRoutes(app, tasks),
  };
}
