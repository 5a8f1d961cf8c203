/** Every feedback route: residents' survey pages, the analyst's console and API, settings, the staff pulse. */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../platform/module.js';
import { registerInsightRoutes } from './insight-routes.js';
import { registerPulseRoutes } from './pulse-routes.js';
import { registerSettingsRoutes } from './settings-routes.js';
import { registerSurveyRoutes } from './survey-routes.js';

export function registerFeedbackRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  registerSurveyRoutes(app, deps);
  registerInsightRoutes(app, deps);
  registerSettingsRoutes(app, deps);
  registerPulseRoutes(app, deps);
}
