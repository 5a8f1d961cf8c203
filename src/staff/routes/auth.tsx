/** Sign-in, sign-out, forgotten and set-password, and changing one's own password. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorFromRequest } from '../../platform/audit/index.js';
import { authorize } from '../../platform/auth/index.js';
import { parseForm, safeNext } from '../../platform/http/forms.js';
import { bodyField, personKey } from '../../platform/http/rate-limits.js';
import { pageContext } from '../../platform/http/page.js';
import { formatDateTime } from '../../platform/i18n/index.js';
import type { ModuleDeps } from '../../platform/module.js';
import { sendPage } from '../../platform/views/index.js';
import { changeOwnPassword } from '../change-password.js';
import { staffMessages, translateFormErrors, type StaffKey } from '../messages.js';
import {
  checkPasswordLink,
  requestPasswordReset,
  setPasswordWithLink,
  type PasswordProblem,
} from '../password-links.js';
import { canUseConsole } from '../policy.js';
import { ChangePasswordSchema, ForgotPasswordSchema, SetPasswordSchema, SignInSchema } from '../schema.js';
import { endSession } from '../sessions.js';
import { signIn } from '../sign-in.js';
import { ForgotPasswordPage } from '../views/forgot-password-page.js';
import { ChangePasswordPage, LinkInvalidPage, SetPasswordPage, type PasswordErrors } from '../views/password-pages.js';
import { SignInPage } from '../views/sign-in-page.js';
import { clearSessionCookie, sessionCookieName, setSessionCookie } from './cookies.js';

const NOTICES: Record<string, StaffKey> = {
  'signed-out': 'signIn.done.signedOut',
  'password-set': 'signIn.done.passwordSet',
  'reset-sent': 'signIn.done.resetSent',
  expired: 'signIn.done.expired',
};

const PASSWORD_ERRORS: Record<PasswordProblem | 'wrong_current', { field: keyof PasswordErrors; key: StaffKey }> = {
  too_short: { field: 'password', key: 'password.error.tooShort' },
  too_long: { field: 'password', key: 'password.error.tooLong' },
  too_common: { field: 'password', key: 'password.error.tooCommon' },
  mismatch: { field: 'confirm', key: 'password.error.mismatch' },
  wrong_current: { field: 'current', key: 'password.error.wrongCurrent' },
};

function passwordErrors(request: FastifyRequest, problem: PasswordProblem | 'wrong_current'): PasswordErrors {
  const e = PASSWORD_ERRORS[problem];
  return { [e.field]: staffMessages.for(request.locale)(e.key) };
}

function query(request: FastifyRequest): Record<string, string | undefined> {
  return request.query as Record<string, string | undefined>;
}

async function postSignIn(request: FastifyRequest, reply: FastifyReply, deps: ModuleDeps) {
  const form = parseForm(SignInSchema, request.body);
  const show = (errors: Record<string, string>, email?: string, next?: string) =>
    sendPage(reply, <SignInPage ctx={pageContext(request, reply)} view={{ errors, email, next }} />, 400);
  if (!form.ok) return show(translateFormErrors(request.locale, form.errors), form.values.email, form.values.next);
  const result = await signIn(
    {
      email: form.value.email,
      password: form.value.password,
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
    },
    { db: deps.db, now: deps.now, sessions: deps.config.sessions, actor: actorFromRequest(request) },
  );
  const t = staffMessages.for(request.locale);
  if (!result.ok) {
    const message =
      result.reason === 'locked'
        ? t('signIn.locked', {
            time: formatDateTime(result.lockedUntil, request.locale, deps.config.agencyTimeZone, 'time'),
          })
        : t('signIn.invalid');
    return show({ email: message }, form.value.email, form.value.next);
  }
  setSessionCookie(reply, result.sessionToken, deps);
  return reply.redirect(
    result.mustChangePassword ? '/staff/account/password' : safeNext(form.value.next, '/staff'),
    303,
  );
}

export function registerAuthRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  app.get('/staff/sign-in', async (request, reply) => {
    const q = query(request);
    if (request.principal?.kind === 'staff') return reply.redirect('/staff', 303);
    const view = { errors: {}, next: safeNext(q.next, '') || undefined, notice: NOTICES[q.done ?? ''] };
    return sendPage(reply, <SignInPage ctx={pageContext(request, reply)} view={view} />);
  });
  // Per address and per e-mail address typed (on top of the account lock after five failures).
  const signInLimit = app.limitRequests({
    name: 'sign-in',
    ...deps.config.rateLimits.signIn,
    person: (request) => personKey(bodyField(request, 'email')),
  });
  app.post('/staff/sign-in', { preHandler: signInLimit }, async (request, reply) => postSignIn(request, reply, deps));

  app.post('/staff/sign-out', async (request, reply) => {
    const token = request.cookies[sessionCookieName(deps)];
    if (token) await endSession(deps.db.kysely, token);
    clearSessionCookie(reply, deps);
    return reply.redirect('/staff/sign-in?done=signed-out', 303);
  });

  app.get('/staff/forgot-password', async (request, reply) =>
    sendPage(reply, <ForgotPasswordPage ctx={pageContext(request, reply)} />),
  );
  // Per client address and per e-mail address typed (the sign-in figures, counted apart). Both count every address
  // alike, so a 429 says nothing about accounts; the account's own limit (one e-mail per 15 minutes) is silent.
  const resetLimit = app.limitRequests({
    name: 'forgot-password',
    ...deps.config.rateLimits.signIn,
    person: (request) => personKey(bodyField(request, 'email')),
  });
  app.post('/staff/forgot-password', { preHandler: resetLimit }, async (request, reply) => {
    const form = parseForm(ForgotPasswordSchema, request.body);
    if (!form.ok) {
      const error = staffMessages.for(request.locale)('signIn.emailRequired');
      return sendPage(
        reply,
        <ForgotPasswordPage ctx={pageContext(request, reply)} error={error} email={form.values.email} />,
        400,
      );
    }
    await requestPasswordReset(
      { email: form.value.email, locale: request.locale },
      { db: deps.db, now: deps.now, actor: actorFromRequest(request) },
    );
    return reply.redirect('/staff/sign-in?done=reset-sent', 303);
  });

  app.get<{ Params: { token: string } }>('/staff/password/:token', async (request, reply) => {
    const link = await checkPasswordLink(deps.db, request.params.token, deps.now());
    const ctx = pageContext(request, reply);
    if (!link) return sendPage(reply, <LinkInvalidPage ctx={ctx} />, 410);
    return sendPage(
      reply,
      <SetPasswordPage ctx={ctx} email={link.email} action={`/staff/password/${request.params.token}`} errors={{}} />,
    );
  });
  app.post<{ Params: { token: string } }>('/staff/password/:token', async (request, reply) => {
    const form = parseForm(SetPasswordSchema, request.body);
    const { token } = request.params;
    const result = form.ok
      ? await setPasswordWithLink(
          { token, ...form.value },
          { db: deps.db, now: deps.now, actor: actorFromRequest(request) },
        )
      : ({ ok: false, error: 'too_short' } as const);
    if (result.ok) return reply.redirect('/staff/sign-in?done=password-set', 303);
    const ctx = pageContext(request, reply);
    if (result.error === 'link_invalid') return sendPage(reply, <LinkInvalidPage ctx={ctx} />, 410);
    const link = await checkPasswordLink(deps.db, token, deps.now());
    const errors = passwordErrors(request, result.error);
    return sendPage(
      reply,
      <SetPasswordPage ctx={ctx} email={link?.email ?? ''} action={`/staff/password/${token}`} errors={errors} />,
      400,
    );
  });

  const console = { preHandler: authorize(canUseConsole) };
  app.get('/staff/account/password', console, async (request, reply) => {
    const must = request.principal?.mustChangePassword ?? false;
    const done = query(request).done === 'changed';
    return sendPage(
      reply,
      <ChangePasswordPage ctx={pageContext(request, reply)} errors={{}} mustChange={must} done={done} />,
    );
  });
  app.post('/staff/account/password', console, async (request, reply) => {
    const p = request.principal;
    const form = parseForm(ChangePasswordSchema, request.body);
    const sessionHash = request.staffSessionHash ?? '';
    const result =
      p && form.ok
        ? await changeOwnPassword(
            { userId: p.id, sessionHash, ...form.value },
            { db: deps.db, now: deps.now, actor: actorFromRequest(request) },
          )
        : ({ ok: false, error: 'wrong_current' } as const);
    if (result.ok)
      return reply.redirect(p?.mustChangePassword ? '/staff' : '/staff/account/password?done=changed', 303);
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      <ChangePasswordPage
        ctx={ctx}
        errors={passwordErrors(request, result.error)}
        mustChange={p?.mustChangePassword ?? false}
        done={false}
      />,
      400,
    );
  });
}
