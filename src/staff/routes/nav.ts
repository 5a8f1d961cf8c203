import type { FastifyRequest } from 'fastify';
import type { ConsoleLink } from '../../platform/module.js';
import type { ConsoleNav } from '../views/console-layout.js';

/** Builds the side navigation for the signed-in principal. */
export type NavFor = (request: FastifyRequest, current: string) => ConsoleNav;

export function navBuilder(links: () => ConsoleLink[]): NavFor {
  return (request, current) => ({ links: links(), role: request.principal?.role ?? 'site-staff', current });
}
