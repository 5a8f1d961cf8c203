/** Response rows → API and webhook DTOs (anonymous: context and answers only). */
import { decodeDrivers } from './drivers.js';
import type { ResponseRow } from './repository.js';
import type { OpenResponseRow } from './sealed-text.js';

export interface ResponseDto {
  id: string;
  form: ResponseRow['form'];
  origin: ResponseRow['origin'];
  context: { programId: string; siteId: string | null; channel: string; language: string; transactionDate: string };
  answers: {
    trust: number | null;
    satisfaction: number | null;
    effectiveness: number | null;
    ease: number | null;
    efficiency: number | null;
    equity: number | null;
    employee: number | null;
    wentWell: string[];
    notWell: string[];
    comment: string | null;
    commentWell: string | null;
    custom: Record<string, unknown>;
  };
}

export function parseCustom(value: string): Record<string, number | string> {
  const parsed: unknown = JSON.parse(value);
  if (typeof parsed !== 'object' || parsed === null) return {};
  return Object.fromEntries(
    Object.entries(parsed).filter(
      (e): e is [string, number | string] => typeof e[1] === 'number' || typeof e[1] === 'string',
    ),
  );
}

export function responseDto(r: OpenResponseRow): ResponseDto {
  return {
    id: r.id,
    form: r.form,
    origin: r.origin,
    context: {
      programId: r.program_id,
      siteId: r.site_id,
      channel: r.channel,
      language: r.language,
      transactionDate: r.transaction_date,
    },
    answers: {
      trust: r.trust,
      satisfaction: r.satisfaction,
      effectiveness: r.effectiveness,
      ease: r.ease,
      efficiency: r.efficiency,
      equity: r.equity,
      employee: r.employee,
      wentWell: decodeDrivers(r.went_well),
      notWell: decodeDrivers(r.not_well),
      comment: r.comment,
      commentWell: r.comment_well,
      custom: parseCustom(r.custom_answers),
    },
  };
}
