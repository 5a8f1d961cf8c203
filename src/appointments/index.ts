/**
 * Appointments: programs, products, doses on hand, slots, and booking that never overbooks a slot or the doses
 * on hand, with dose series held together. (Resident pages, the staff console and the SMART Scheduling Links
 * publisher build on this core.)
 */
import type { FrontdoorModule } from '../platform/module.js';
import {
  bookingHomeTask,
  registerBookingPages,
  staffBookingLink,
  type ConfirmationExtra,
} from './booking-pages/index.js';
import { appointmentsApi } from './openapi.js';
import { clinicConsoleLinks, clinicJobs, clinicRecurring, registerClinicRoutes } from './clinic/index.js';
import { inventoryApi } from './inventory/openapi.js';
import { inventoryConsoleLink, registerInventoryRoutes } from './inventory/routes.js';
import { reindexPeople } from './people.js';
import { appointmentsPersonalData } from './personal-data.js';
import { registerAppointmentRoutes } from './routes.js';
import { seedDemoAppointments } from './seed-demo.js';
import { cancelledTemplate, changedTemplate, confirmationTemplate, reminderTemplate } from './templates.js';

/** Book dose 1 (holding the later doses); throws BookingError with the reason when refused. */
export { bookAppointment, type BookingInput, type BookingResult } from './book-appointment.js';
/**
 * Seat holds (an invitation's offer): hold a slot seat, the later doses' seats and the doses inside the caller's
 * transaction; release them; or book exactly the held seats (the only way to book an invitation-mode program).
 */
export {
  bookHeldSeats,
  findSeatHold,
  holdSeats,
  holdSeatsMany,
  releaseHold,
  tryHoldSeats,
  type BookHeldSeatsInput,
  type HoldSeatsInput,
  type HoldSeatsManyInput,
  type SeatHold,
} from './seat-holds.js';
/** Cancel a booking (and the later doses of its series) or check a person in. */
export { cancelBooking, checkIn, markNoShow, recordAdministration } from './manage-booking.js';
/** Move a booking (new seat held before the old one is released; later doses re-fitted; the person told). */
export { rescheduleBooking, type RescheduleInput, type RescheduleResult } from './reschedule-booking.js';
/** Why a booking was moved or cancelled (shown to the person in the notice). */
export { CHANGE_REASONS, type ChangeReason } from './schema.js';
/** Set up programs, products, inventory and slots. */
export { addSlot, createProduct, createProgram, receiveInventory } from './catalog.js';
/** Open slots that can be booked now. */
export { findAvailability, type AvailableSlot } from './availability.js';
/**
 * Everything open for booking in a window — products, which sites carry them, and each slot marked bookable by
 * the same rule as findAvailability — for publishers such as SMART Scheduling Links.
 */
export {
  publicationSnapshot,
  type PublicationSnapshot,
  type PublishedOffer,
  type PublishedProduct,
  type PublishedSlot,
} from './publishing.js';
/** Slot times from a schedule template, DST-safe in the site's zone. */
export { generateSlotTimes, type ScheduleTemplate } from './schedule.js';
/** Import slots from CSV in each site's local time (all or nothing). */
export { importSlots } from './import-slots.js';
/** The site managers' schedule console: templates, closures, publishing, the calendar, seat reductions with notice. */
export { scheduleConsoleModule } from './schedule-console/index.js';
/** Finished transactions (booked, checked in, administered, cancelled) for listeners such as feedback surveys. */
export {
  listTransactionsSince,
  listProgramNames,
  TRANSACTION_KINDS,
  type Transaction,
  type TransactionKind,
} from './transactions-feed.js';
/** The reasons a booking can be refused. */
export { BookingError, type BookingErrorCode } from './errors.js';
/**
 * The resident confirmation page's slot for other modules (the survey invitation): a function given the booking's
 * context (never the person) that returns something to show, or null. The composition root passes them in.
 */
export type { ConfirmationExtra, ConfirmedBooking } from './booking-pages/index.js';

export interface AppointmentsOptions {
  /** Shown in order under the resident's booking confirmation (ADR 0012). */
  confirmationExtras?: readonly ConfirmationExtra[];
}

/** The appointments module; other modules' additions to its pages come in through `o` (no imports of them). */
export const createAppointmentsModule = (o: AppointmentsOptions = {}): FrontdoorModule => ({
  name: 'appointments',
  messageTemplates: [confirmationTemplate, reminderTemplate, changedTemplate, cancelledTemplate],
  api: { ...appointmentsApi, ...inventoryApi },
  homeTasks: [bookingHomeTask],
  consoleLinks: [inventoryConsoleLink, staffBookingLink, ...clinicConsoleLinks],
  registerRoutes: (app, deps) => {
    registerAppointmentRoutes(app, deps);
    registerInventoryRoutes(app, deps);
    registerBookingPages(app, deps, o.confirmationExtras ?? []);
    registerClinicRoutes(app, deps);
  },
  jobs: clinicJobs,
  recurring: clinicRecurring,
  seedDemo: seedDemoAppointments,
  personalData: appointmentsPersonalData,
  async prepareData(deps) {
    const n = await reindexPeople(deps);
    if (n > 0) deps.logger.info({ people: n }, 'recomputed identity indexes of the old kind');
  },
});
