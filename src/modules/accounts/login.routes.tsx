import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { AppError, RateLimitedError } from '../../web/errors';
import { sendPublicPage } from '../../web/public-page';
import { isStaff, newPasswordSchema } from './account';
import { peekPasswordToken, requestPasswordReset, setPasswordWithToken, signIn } from './auth.service';
import { ForgotForm, LoginForm, ResetForm } from './login.views';
import { LoginThrottle } from './login-throttle';
import { clearSessionCookie, createSession, destroySession, sessionCookie, setSessionCookie, verifyFormCsrf } from './session.service';

const loginSchema = z.object({ email: z.string().max(320).default(''), password: z.string().max(1000).default(''), next: z.string().max(500).optional() });
const emailSchema = z.object({ email: z.string().max(320).default('') });
const resetSchema = z.object({ token: z.string().max(200).default(''), password: z.string().max(2000).default('') });

/** Setting a password from an emailed link: the token is unguessable, but nobody needs more tries than this. */
const RESET_LIMIT = { max: 10, timeWindow: 15 * 60_000 };

/** Stands for this site when resolving `next`: only the origin is compared. */
const LOCAL = 'http://palabre.invalid';

/**
 * A path of this site to return to after signing in, as the URL parser reads it
 * (the way browsers do: tabs and newlines dropped, backslashes as slashes), so
 * `/%09/evil.example` or `/\\evil.example` cannot lead elsewhere; anything that is
 * not a path on this site is ignored.
 */
export function safeNext(next: unknown): string | undefined {
  if (typeof next !== 'string' || !next.startsWith('/')) return undefined;
  let url: URL;
  try {
    url = new URL(next, LOCAL);
  } catch {
    return undefined;
  }
  if (url.origin !== LOCAL) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}

function page(deps: Deps, request: FastifyRequest, reply: FastifyReply, title: string, body: VNode, status = 200): Promise<FastifyReply> {
  return sendPublicPage(deps, request, reply, { title, body, status });
}

/** /login, /logout, and the emailed password links (reset and invitation). */
export function registerLoginRoutes(app: FastifyInstance, deps: Deps): void {
  const loginThrottle = new LoginThrottle(app, 'login');
  const forgotThrottle = new LoginThrottle(app, 'forgot', { perAddress: 20, perAccount: 3, windowMs: 60 * 60_000, accountKey: 'account' });

  app.get('/login', async function showLoginPage(request, reply) {
    const { next, reset } = request.query as { next?: string; reset?: string };
    if (request.user) return reply.redirect(safeNext(next) ?? (isStaff(request.user.role) ? '/admin' : '/'), 303);
    const message = reset === '1' ? { kind: 'ok' as const, text: request.t('reset.done') } : undefined;
    return page(deps, request, reply, request.t('login.title'), <LoginForm t={request.t} next={safeNext(next) ?? ''} {...(message ? { message } : {})} />);
  });

  app.post('/login', async function submitLogin(request, reply) {
    const input = loginSchema.safeParse(request.body ?? {});
    const { email, password, next } = input.success ? input.data : { email: '', password: '', next: undefined };
    const again = (status: number, text: string) =>
      page(deps, request, reply, request.t('login.title'), <LoginForm t={request.t} email={email} next={safeNext(next) ?? ''} message={{ kind: 'error', text }} />, status);
    try {
      await loginThrottle.check(request);
    } catch (err) {
      if (err instanceof RateLimitedError) return again(429, request.t('login.throttled'));
      throw err;
    }
    const user = await signIn(deps, email, password);
    if (!user) {
      await loginThrottle.fail(request);
      return again(401, request.t('login.failed'));
    }
    // A fresh session id at every sign-in: a session id planted before login is worthless after it.
    const previous = sessionCookie(deps, request);
    if (previous) await destroySession(deps, previous);
    setSessionCookie(deps, reply, await createSession(deps, user.id));
    return reply.redirect(safeNext(next) ?? (isStaff(user.role) ? '/admin' : '/'), 303);
  });

  app.post('/logout', async function submitLogout(request, reply) {
    const sid = sessionCookie(deps, request);
    if (sid && request.user) verifyFormCsrf(request, (request.body as { _csrf?: unknown } | undefined)?._csrf);
    if (sid) await destroySession(deps, sid);
    clearSessionCookie(reply);
    return reply.redirect('/login', 303);
  });

  app.get('/password/forgot', async function showForgotPage(request, reply) {
    return page(deps, request, reply, request.t('reset.forgot_title'), <ForgotForm t={request.t} />);
  });

  app.post('/password/forgot', async function submitForgot(request, reply) {
    const { email } = emailSchema.catch({ email: '' }).parse(request.body ?? {});
    try {
      await forgotThrottle.check(request);
    } catch (err) {
      if (err instanceof RateLimitedError) return page(deps, request, reply, request.t('reset.forgot_title'), <ForgotForm t={request.t} message={{ kind: 'error', text: request.t('login.throttled') }} />, 429);
      throw err;
    }
    await forgotThrottle.fail(request);
    // Not awaited: the answer must not take longer when the account exists.
    void requestPasswordReset(deps, email).catch((err: unknown) => request.log.error({ err }, 'password reset email failed'));
    return page(deps, request, reply, request.t('reset.forgot_title'), <ForgotForm t={request.t} message={{ kind: 'ok', text: request.t('reset.sent') }} />);
  });

  app.get('/password/reset', async function showResetPage(request, reply) {
    const { token = '' } = request.query as { token?: string };
    const live = typeof token === 'string' ? await peekPasswordToken(deps, token) : undefined;
    if (!live) return page(deps, request, reply, request.t('reset.expired_title'), <p class="notice notice-error">{request.t('reset.expired')}</p>, 400);
    return page(deps, request, reply, request.t('reset.new_password'), <ResetForm t={request.t} token={token} name={live.name} invite={live.purpose === 'invite'} />);
  });

  app.post('/password/reset', { config: { rateLimit: RESET_LIMIT } }, async function submitReset(request, reply) {
    const { token, password } = resetSchema.catch({ token: '', password: '' }).parse(request.body ?? {});
    const live = await peekPasswordToken(deps, token);
    if (!live) return page(deps, request, reply, request.t('reset.expired_title'), <p class="notice notice-error">{request.t('reset.expired')}</p>, 400);
    const ok = newPasswordSchema.safeParse(password);
    if (!ok.success)
      return page(
        deps,
        request,
        reply,
        request.t('reset.new_password'),
        <ResetForm t={request.t} token={token} name={live.name} invite={live.purpose === 'invite'} message={{ kind: 'error', text: request.t(password.length < 10 ? 'reset.too_short' : 'reset.guessable') }} />,
        400,
      );
    try {
      await setPasswordWithToken(deps, token, ok.data);
    } catch (err) {
      if (err instanceof AppError && err.status === 400) return page(deps, request, reply, request.t('reset.expired_title'), <p class="notice notice-error">{request.t('reset.expired')}</p>, 400);
      throw err;
    }
    clearSessionCookie(reply);
    return reply.redirect('/login?reset=1', 303);
  });
}
