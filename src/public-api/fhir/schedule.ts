/**
 * (Site, product) → FHIR Schedule: one vaccine product per Schedule, as the specification asks, so a client can
 * send a person straight to the product they want. Published slots book dose 1 (later doses are held by the
 * booking), so the dose extension is always 1.
 */
import type { PublishedProduct } from '../../appointments/index.js';
import { COVID19_CVX, CVX, HL7_SERVICE_TYPE, SMART_SERVICE_TYPE, VACCINE_DOSE, VACCINE_PRODUCT } from './codes.js';
import { fhirId } from './ids.js';

export interface Coding {
  system: string;
  code: string;
  display: string;
}

export interface FhirSchedule {
  resourceType: 'Schedule';
  id: string;
  actor: [{ reference: string; display: string }];
  serviceType: { coding: Coding[] }[];
  extension: ({ url: string; valueCoding: Coding } | { url: string; valueInteger: number })[];
}

/** Only products with a CVX code (vaccines) are published. */
export type PublishableProduct = PublishedProduct & { cvxCode: string };

/** The Schedule id for a product at a site (Slots refer to it). */
export const scheduleId = (siteId: string, productId: string) => fhirId(siteId, productId);

export function toSchedule(site: { id: string; name: string }, product: PublishableProduct): FhirSchedule {
  const coding: Coding[] = [{ system: HL7_SERVICE_TYPE, code: '57', display: 'Immunization' }];
  if (COVID19_CVX.has(product.cvxCode))
    coding.push({
      system: SMART_SERVICE_TYPE,
      code: 'covid19-immunization',
      display: 'COVID-19 Immunization Appointment',
    });
  return {
    resourceType: 'Schedule',
    id: scheduleId(site.id, product.id),
    actor: [{ reference: `Location/${fhirId(site.id)}`, display: site.name }],
    serviceType: [{ coding }],
    extension: [
      { url: VACCINE_PRODUCT, valueCoding: { system: CVX, code: product.cvxCode, display: product.name } },
      { url: VACCINE_DOSE, valueInteger: 1 },
    ],
  };
}
