/**
 * Same-day standby: staff offer a site's leftover doses to nearby standby volunteers by text; the first YES
 * replies are booked. The pre-registration module registers its pages, job, template and SMS handler.
 */
export { answerStandby, type StandbyAnswer } from './answer-offer.js';
export { endStandbyOffers } from './end-offers.js';
export { openStandbyOffer, REPLY_WINDOW, type OpenOfferResult } from './open-offer.js';
export { registerStandbyPages, standbyPath } from './routes.js';
export { standbyOfferTemplate } from './templates.js';
export { StandbyLink } from './views.js';
