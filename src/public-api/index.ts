/**
 * Public APIs for other systems, built on the domain modules' faces only (never their rows). Today: the SMART
 * Scheduling Links publisher under /fhir (fhir/), which slot-discovery clients poll for open appointments.
 */
import type { FrontdoorModule } from '../platform/module.js';
import { fhirApi } from './fhir/openapi.js';
import { registerFhirRoutes } from './fhir/routes.js';

/** The SMART Scheduling Links publisher: GET /fhir/$bulk-publish and the Location, Schedule and Slot files. */
export const fhirPublisherModule: FrontdoorModule = {
  name: 'public-api-fhir',
  api: fhirApi,
  registerRoutes: registerFhirRoutes,
};
