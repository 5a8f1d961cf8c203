/** The code systems, identifier systems and extension URLs the SMART Scheduling Links specification fixes. */

/** HL7 service types: "57" is Immunization. */
export const HL7_SERVICE_TYPE = 'http://terminology.hl7.org/CodeSystem/service-type';
/** SMART's service types: "covid19-immunization". */
export const SMART_SERVICE_TYPE = 'http://fhir-registry.smarthealthit.org/CodeSystem/service-type';
/** CDC vaccine codes. */
export const CVX = 'http://hl7.org/fhir/sid/cvx';
/** The CDC's Vaccine Tracking System: a site's VTrckS PIN. */
export const VTRCKS = 'https://cdc.gov/vaccines/programs/vtrcks';
/** RFC 3986 URIs as identifiers: our own site ids as urn:uuid:… */
export const URI_IDENTIFIER = 'urn:ietf:rfc:3986';

const SD = 'http://fhir-registry.smarthealthit.org/StructureDefinition';
/** Schedule extensions. */
export const VACCINE_PRODUCT = `${SD}/vaccine-product`;
export const VACCINE_DOSE = `${SD}/vaccine-dose`;
/** Slot extensions. */
export const BOOKING_DEEP_LINK = `${SD}/booking-deep-link`;
export const BOOKING_PHONE = `${SD}/booking-phone`;
export const SLOT_CAPACITY = `${SD}/slot-capacity`;

/**
 * CVX codes of COVID-19 vaccines used in the United States (CDC, "COVID-19 vaccine related codes"): a Schedule
 * for one of these carries the covid19-immunization coding as well as Immunization.
 */
export const COVID19_CVX = new Set([
  '207', '208', '210', '211', '212', '213', '217', '218', '219', '221', '225', '226', '227', '228', '229', '230',
  '300', '301', '302', '308', '309', '310', '311', '312', '313',
]); // prettier-ignore

/** The resource types a publication holds, in manifest order. */
export const RESOURCE_TYPES = ['Location', 'Schedule', 'Slot'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** The media type of the published files. */
export const NDJSON = 'application/fhir+ndjson';
