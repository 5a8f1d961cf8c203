/** What this module uses of other modules, through their faces only. */
export {
  addSlot,
  BookingError,
  bookHeldSeats,
  createProduct,
  createProgram,
  findSeatHold,
  receiveInventory,
  releaseHold,
  tryHoldSeats,
  type SeatHold,
} from '../appointments/index.js';
export { createContact, loadContact } from '../notifications/index.js';
export { findSiteById, siteLists } from '../sites/index.js';
