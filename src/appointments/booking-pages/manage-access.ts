/**
 * The manage link: `/my-appointment/{id}?token=…` in the confirmation message and the API's `manageUrl`. Opening it
 * moves the token into an HttpOnly, SameSite=Lax cookie scoped to that booking's path and redirects to the same
 * URL without the token, so the token leaves the address bar, the history and any Referer (the pages also send
 * `Referrer-Policy: no-referrer`). Every manage request checks the cookie's token against the booking's hash.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Queryable } from '../../platform/db/index.js';
import { manageTokenMatches } from '../manage-booking.js';
import type { BookingRow } from '../repository.js';
import { findBooking } from '../repository.js';

const COOKIE = 'fd_manage';
const LIFETIME_S = 180 * 86_400;

/** Where a person manages a booking. */
export const managePath = (bookingId: string): string => `/my-appointment/${encodeURIComponent(bookingId)}`;

/** The link sent to the person (and returned by the API): the manage page with the token. */
export function manageUrl(publicUrl: string, bookingId: string, token: string): string {
  return `${publicUrl}${managePath(bookingId)}?token=${encodeURIComponent(token)}`;
}

/** Keep the token in a cookie sent only to this booking's pages. */
export function rememberManageToken(reply: FastifyReply, bookingId: string, token: string, secure: boolean): void {
  reply.setCookie(COOKIE, token, {
    path: managePath(bookingId),
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: LIFETIME_S,
  });
}

/** The manage token this request carries in its cookie (sent only to the booking's own pages). */
export const manageTokenOf = (request: FastifyRequest): string | undefined => request.cookies[COOKIE];

export type ManageAccess = { ok: true; booking: BookingRow } | { ok: false; status: 403 | 404 };

/** The booking if `token` (or the cookie's token) opens it; 404 when there is no such booking, else 403. */
export async function residentBooking(
  db: Queryable,
  request: FastifyRequest,
  bookingId: string,
  token?: string,
): Promise<ManageAccess> {
  const booking = await findBooking(db, bookingId);
  if (!booking) return { ok: false, status: 404 };
  const given = token ?? manageTokenOf(request);
  if (!given || !manageTokenMatches(booking, given)) return { ok: false, status: 403 };
  return { ok: true, booking };
}
