/**
 * The resident booking pages (and the same steps for staff booking for a caller), registered by the appointments
 * module. Nothing outside appointments imports this folder; its public face is the appointments module's.
 */
import type { ConsoleLink, HomeTask } from '../../platform/module.js';
import { canManageBookings } from '../policy.js';
import { bookingPagesMessages } from './messages.js';

export { registerBookingPages } from './routes.js';
export type { ConfirmationExtra, ConfirmedBooking } from './confirmation-extras.js';
export { manageUrl } from './manage-access.js';

/** "Book an appointment" on the home page. */
export const bookingHomeTask: HomeTask = {
  href: '/book',
  title: (locale) => bookingPagesMessages.for(locale)('task.title'),
  description: (locale) => bookingPagesMessages.for(locale)('task.description'),
};

/** "Book for a caller" in the staff console. */
export const staffBookingLink: ConsoleLink = {
  href: '/staff/book',
  label: (locale) => bookingPagesMessages.for(locale)('nav.staffBook'),
  allowed: canManageBookings,
  order: 20,
};
