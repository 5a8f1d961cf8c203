/**
 * Server-rendered form parsing: `{ ok: true, value } | { ok: false, errors }` with errors keyed by field.
 * Schemas carry message keys of the module's catalog as their error messages; views translate them.
 */
import type { z } from 'zod';
import { readRequestTarget } from './request-path.js';

export type FormResult<T> =
  | { ok: true; value: T; values: Record<string, string> }
  | { ok: false; errors: Record<string, string>; values: Record<string, string> };

/** What was typed, to show the form again (string fields only; views never echo password fields). */
function echo(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof body !== 'object' || body === null) return out;
  for (const [k, v] of Object.entries(body)) {
    if (k === '_csrf') continue;
    if (typeof v === 'string') out[k] = v;
    // Several checkboxes with one name arrive as an array: echoed comma-separated.
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) out[k] = v.join(',');
  }
  return out;
}

export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.infer<S>> {
  const r = schema.safeParse(body ?? {});
  if (r.success) return { ok: true, value: r.data, values: echo(body) };
  const errors: Record<string, string> = {};
  for (const issue of r.error.issues) {
    const field = String(issue.path[0] ?? '_form');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, values: echo(body) };
}

/** Longest `next` accepted. */
export const MAX_NEXT_LENGTH = 2048;

// A path and an optional query of RFC 3986 characters only: no scheme, no host, no backslash, no whitespace or
// control character (which URL parsers drop, turning `/\t/evil` into `//evil`), no fragment, nothing non-ASCII.
const NEXT = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*(\?[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*)?$/;
const ORIGIN = 'http://frontdoor.invalid';

/**
 * A safe in-app redirect target: a path on this site in its canonical spelling (ADR 0018), with an optional query,
 * never another origin; anything else is `fallback`. `//evil`, `/\evil`, `/%2F%2Fevil`, `https://x`, `javascript:`,
 * controls, non-ASCII (U+3002 …) and over-long values all fall back, so the Location header is always ours and valid.
 */
export function safeNext(next: unknown, fallback: string): string {
  if (typeof next !== 'string' || next.length > MAX_NEXT_LENGTH || !NEXT.test(next)) return fallback;
  const target = readRequestTarget(next);
  // The path exactly as the router reads it, with no encoded slash or backslash a later decoding could turn into `//`.
  if (target.kind !== 'canonical' || /%(2F|5C)/i.test(target.path) || /%(?![0-9A-Fa-f]{2})/.test(next)) return fallback;
  return new URL(next, ORIGIN).origin === ORIGIN ? next : fallback;
}

/**
 * The text of an upload: the file field when a file came (multipart bodies parsed with `attachFieldsToBody:
 * 'keyValues'` hold it as a Buffer), otherwise the pasted text field.
 */
export function uploadedText(body: unknown, fileField: string, textField: string): string {
  if (typeof body !== 'object' || body === null) return '';
  const file: unknown = Reflect.get(body, fileField);
  if (Buffer.isBuffer(file) && file.length > 0) return file.toString('utf8');
  const text: unknown = Reflect.get(body, textField);
  return typeof text === 'string' ? text : '';
}
