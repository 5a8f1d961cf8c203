/** Error codes with a translated message and a status; the error handler renders them as page or JSON. */
export type HttpErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'csrf'
  | 'unsupported_media_type'
  | 'too_many_requests';

/** Throw from a route to answer with a status and a stable code. `message` overrides the generic text. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: HttpErrorCode | (string & {}),
    message?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message ?? code);
    this.name = 'HttpError';
  }
  /** True when a specific, already-translated message was given. */
  get hasMessage(): boolean {
    return this.message !== this.code;
  }
}
