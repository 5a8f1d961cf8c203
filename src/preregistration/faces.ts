/** What this module uses of other modules, through their faces only. */
export {
  addSlot,
  BookingError,
  bookHeldSeats,
  createProduct,
  createProgram,
  findSeatHold,
  holdSeatsMany,
  receiveInventory,
  releaseHold,
  tryHoldSeats,
  type SeatHold,
} from '../appointments/index.js';
export { createContact, loadContact, notifyMany, type BulkNotice } from '../notifications/index.js';
export { findSiteById, siteLists } from '../sites/index.js';
