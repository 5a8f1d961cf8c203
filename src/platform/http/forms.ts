/**
 * Server-rendered form parsing: `{ ok: true, value } | { ok: false, errors }` with errors keyed by field.
 * Schemas carry message keys of the module's catalog as their error messages; views translate them.
 */
import type { z } from 'zod';

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

/** A safe in-app redirect target: a path on this site, never another origin. */
export function safeNext(next: unknown, fallback: string): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.includes('\\'))
    return fallback;
  return next;
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
