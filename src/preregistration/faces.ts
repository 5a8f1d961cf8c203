/** What this module uses of other modules, through their faces only. */
export { BookingError, bookHeldSeats, findSeatHold, releaseHold, type SeatHold } from '../appointments/index.js';
export { loadContact } from '../notifications/index.js';
