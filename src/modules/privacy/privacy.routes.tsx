import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { Deps } from '../../deps';
import { sendPublicPage } from '../../web/public-page';
import { parseInput } from '../../web/validate';
import { clearSessionCookie, verifyFormCsrf } from '../accounts/session.service';
import { eraseFormSchema, guestFormSchema, guestTokenParams } from './privacy';
import { eraseGuest, eraseReader, guestData, purgeExpiredAddresses, readerData, requestGuestLink, verifyGuestToken, type PersonalData } from './privacy.service';
import { getPrivacySettings, privacySettingsSchema, savePrivacySettings } from './privacy.settings';
import { assertPrivacy } from './privacy.policy';
import { GuestPage, PrivacyPage } from './privacy.views';

function page(deps: Deps, request: FastifyRequest, reply: FastifyReply, title: string, body: ComponentChildren, status = 200): Promise<FastifyReply> {
  return sendPublicPage(deps, request, reply, { title, body, status, cacheControl: 'private, no-store' });
}

function download(reply: FastifyReply, data: PersonalData): FastifyReply {
  return reply
    .type('application/json; charset=utf-8')
    .header('cache-control', 'private, no-store')
    .header('content-disposition', 'attachment; filename="mes-donnees-palabre.json"')
    .send(JSON.stringify(data, null, 2));
}

/** Readers' own data: /privacy, the account's download and erasure, the guest's emailed link; the retention purge. */
export function registerPrivacyRoutes(app: FastifyInstance, deps: Deps): void {
  app.get('/privacy', async (request, reply) => {
    const { ipRetentionDays } = await getPrivacySettings(deps);
    const done = (request.query as { erased?: string }).erased;
    const message = done !== undefined && /^\d+$/.test(done) ? request.t('privacy.erased', { count: done }) : undefined;
    return page(deps, request, reply, request.t('privacy.title'), <PrivacyPage t={request.t} user={request.user} csrf={request.sessionCsrf} retentionDays={ipRetentionDays} message={message} />);
  });

  app.get('/account/data.json', async (request, reply) => {
    assertPrivacy(request.user, 'privacy:download-own');
    return download(reply, await readerData(deps, request.user));
  });

  app.post('/account/erase', { config: { rateLimit: { max: 5, timeWindow: '1 minute' } } }, async (request, reply) => {
    const user = request.user;
    assertPrivacy(user, 'privacy:erase-own');
    const form = parseInput(eraseFormSchema, request.body ?? {}, request.locale);
    verifyFormCsrf(request, form._csrf);
    const count = await eraseReader(deps, user, form.mode);
    clearSessionCookie(reply);
    if (request.authMethod === 'token') return reply.send({ erased: true, comments: count });
    return reply.redirect(`/privacy?erased=${count}`, 303);
  });

  app.post('/privacy/guest', { config: { rateLimit: { max: 5, timeWindow: '1 hour' } } }, async (request, reply) => {
    const { email } = parseInput(guestFormSchema, request.body ?? {}, request.locale);
    await requestGuestLink(deps, email);
    const { ipRetentionDays } = await getPrivacySettings(deps);
    return page(deps, request, reply, request.t('privacy.title'), <PrivacyPage t={request.t} user={request.user} csrf={request.sessionCsrf} retentionDays={ipRetentionDays} message={request.t('privacy.guest.sent')} />);
  });

  app.get('/privacy/guest/:token', async (request, reply) => {
    const { token } = parseInput(guestTokenParams, request.params);
    const email = verifyGuestToken(deps, token);
    const data = await guestData(deps, email);
    return page(deps, request, reply, request.t('privacy.title'), <GuestPage t={request.t} email={email} token={token} count={data.comments.length} />);
  });

  app.get('/privacy/guest/:token/data.json', async (request, reply) => {
    const { token } = parseInput(guestTokenParams, request.params);
    return download(reply, await guestData(deps, verifyGuestToken(deps, token)));
  });

  app.post('/privacy/guest/:token/erase', { config: { rateLimit: { max: 5, timeWindow: '1 minute' } } }, async (request, reply) => {
    const { token } = parseInput(guestTokenParams, request.params);
    const email = verifyGuestToken(deps, token);
    const form = parseInput(eraseFormSchema, request.body ?? {}, request.locale);
    const count = await eraseGuest(deps, email, form.mode);
    return reply.redirect(`/privacy?erased=${count}`, 303);
  });

  app.get('/api/v1/settings/privacy', async (request) => {
    assertPrivacy(request.user, 'privacy-settings:read');
    return getPrivacySettings(deps);
  });

  app.put('/api/v1/settings/privacy', async (request) => {
    assertPrivacy(request.user, 'privacy-settings:update');
    const s = parseInput(privacySettingsSchema, request.body, request.locale);
    await savePrivacySettings(deps, s);
    await purgeExpiredAddresses(deps);
    return s;
  });
}
