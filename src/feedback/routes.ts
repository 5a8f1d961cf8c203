/** Every feedback route: residents' survey pages, the analyst's console and API, the staff pulse. */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../platform/module.js';
import { registerSurveyRoutes } from './survey-routes.js';

export function registerFeedbackRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  registerSurveyRoutes(app, deps);
}
