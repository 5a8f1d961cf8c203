import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../auth/index.js';
import { platformMessages, type PlatformKey } from '../i18n/messages.js';
import type { Locale } from '../i18n/index.js';
import type { ConsoleLink } from '../module.js';
import type { ConsoleNav } from '../views/console-layout.js';
import type { PageContext } from '../views/context.js';

const ROLE_KEYS: Record<Role, PlatformKey> = {
  admin: 'role.admin',
  'site-manager': 'role.site-manager',
  'site-staff': 'role.site-staff',
  'call-agent': 'role.call-agent',
  analyst: 'role.analyst',
  'content-editor': 'role.content-editor',
};

/** A role's name in the reader's language. */
export function roleLabel(role: Role, locale: Locale): string {
  return platformMessages.for(locale)(ROLE_KEYS[role]);
}

function pathWithoutLang(url: string): string {
  const u = new URL(url, 'http://x');
  u.searchParams.delete('lang');
  return `${u.pathname}${u.search}`;
}

/** Everything a page template needs from the request: locale, CSRF token, who is signed in. */
export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  const p = request.principal;
  return {
    locale: request.locale,
    agencyName: request.server.frontdoor.agencyName,
    agencyContact: request.server.frontdoor.agencyContact,
    path: pathWithoutLang(request.url),
    csrfToken: reply.generateCsrf(),
    staff: p && p.kind === 'staff' ? { name: p.name, roleLabel: roleLabel(p.role, request.locale) } : undefined,
    requestId: request.id,
  };
}

/** Builds the console side navigation for the signed-in principal. */
export type NavFor = (request: FastifyRequest, current: string) => ConsoleNav;

/** The console navigation over every module's entries (`ModuleDeps.consoleLinks`). */
export function navBuilder(links: () => ConsoleLink[]): NavFor {
  return (request, current) => ({ links: links(), role: request.principal?.role ?? 'site-staff', current });
}
