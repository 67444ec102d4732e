import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects';
import { createUserWithToken, postForm, sessionFor } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

type Session = Awaited<ReturnType<typeof sessionFor>>;

/** What a browser would send from the page's settings form as it stands, with some fields changed. */
function formFields(html: string, changes: Record<string, string>): URLSearchParams {
  const $ = cheerio.load(html);
  const out = new URLSearchParams();
  $('form.settings-form')
    .find('input, textarea')
    .each((_, el) => {
      const e = $(el);
      const name = e.attr('name');
      const type = e.attr('type');
      if (!name || ((type === 'radio' || type === 'checkbox') && e.attr('checked') === undefined)) return;
      out.append(name, el.tagName === 'textarea' ? e.text() : (e.attr('value') ?? ''));
    });
  for (const [name, value] of Object.entries(changes)) {
    out.delete(name);
    if (name.endsWith('.enabled')) out.append(name, '0');
    if (value !== '') out.append(name, value);
  }
  return out;
}

describe.each(DIALECTS)('the automatic rules in the discussion settings form on %s', (engine) => {
  let t: TestApp;
  let editor: Awaited<ReturnType<typeof createUserWithToken>>;
  let fr: Session;
  let en: Session;

  const page = async (s: Session) => (await t.app.inject({ method: 'GET', url: '/admin/settings', headers: { cookie: s.cookie } })).body;
  const post = async (s: Session, changes: Record<string, string>) => {
    const fields = formFields(await page(s), changes);
    return t.app.inject({ method: 'POST', url: '/admin/settings', headers: { ...s.headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: fields.toString() });
  };
  const saved = async () => (await t.app.inject({ method: 'GET', url: '/api/v1/settings/discussion', headers: editor.auth })).json<{ autoRules: Record<string, unknown>; maxLinks: number }>();

  beforeAll(async () => {
    t = await createTestApp(engine);
    editor = await createUserWithToken(t.deps, 'editor');
    const other = await createUserWithToken(t.deps, 'admin');
    fr = await sessionFor(t.deps, editor.id);
    en = await sessionFor(t.deps, other.id);
    expect((await postForm(t, en, '/admin/account/locale', { _csrf: en.csrf, locale: 'en' })).statusCode).toBe(200);
  });
  afterAll(async () => t?.close());

  it('shows every field of the rules, labelled in French and in English', async () => {
    const $ = cheerio.load(await page(fr));
    const group = $('fieldset#s-autoRules');
    expect(group.find('legend').first().text()).toBe('Règles automatiques par article');
    const names = group.find('input').map((_, el) => $(el).attr('name')).get();
    expect([...new Set(names)]).toEqual(['autoRules.enabled', 'autoRules.lastN', 'autoRules.share', 'autoRules.ratePerMinute', 'autoRules.durationMinutes', 'autoRules.action', 'autoRules.slowModeMinutes']);
    // Each number field has its label, and the defaults are shown.
    for (const id of ['lastN', 'share', 'ratePerMinute', 'durationMinutes', 'slowModeMinutes']) expect($(`label[for="s-autoRules-${id}"]`).text()).not.toBe('');
    expect($('#s-autoRules-lastN').attr('value')).toBe('20');
    expect($('#s-autoRules-share').attr('value')).toBe('0.4');
    expect($('label[for="s-autoRules-share"]').text()).toContain('0,4 = 40 %');
    expect(group.text()).toContain('Pré-modération');
    const english = cheerio.load(await page(en));
    expect(english('fieldset#s-autoRules legend').first().text()).toBe('Automatic per-article rules');
    expect(english('label[for="s-autoRules-durationMinutes"]').text()).toContain('How long the stricter mode lasts');
    expect(english('fieldset#s-autoRules').text()).toContain('Slow mode: one comment per reader');
  });

  it('saves the rules from the form, as the API then reads them', async () => {
    const res = await post(fr, { 'autoRules.lastN': '30', 'autoRules.share': '0,5', 'autoRules.ratePerMinute': '12', 'autoRules.durationMinutes': '120', 'autoRules.action': 'slow', 'autoRules.slowModeMinutes': '7' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('Réglages enregistrés.');
    expect((await saved()).autoRules).toEqual({ enabled: true, lastN: 30, share: 0.5, ratePerMinute: 12, durationMinutes: 120, action: 'slow', slowModeMinutes: 7 });
    // Unticked, the box still sends its hidden 0: the rules are off.
    expect((await post(fr, { 'autoRules.enabled': '' })).statusCode).toBe(200);
    expect((await saved()).autoRules).toMatchObject({ enabled: false, lastN: 30, action: 'slow' });
    expect((await post(fr, { 'autoRules.enabled': '1' })).statusCode).toBe(200);
    expect((await saved()).autoRules.enabled).toBe(true);
  });

  it('refuses a value out of bounds or not a number, names the field in the reader’s language, and saves nothing', async () => {
    const before = await saved();
    const high = await post(fr, { maxLinks: '9', 'autoRules.share': '2' });
    expect(high.statusCode).toBe(400);
    const $ = cheerio.load(high.body);
    expect($('[role="alert"]').text()).toContain('Règles automatiques par article — Part de commentaires retenus');
    expect($('[role="alert"]').text()).toContain('Trop grand');
    // What was typed comes back, the refused field marked.
    expect($('#s-autoRules-share').attr('value')).toBe('2');
    expect($('#s-autoRules-share').attr('aria-invalid')).toBe('true');
    expect($('#s-maxLinks').attr('value')).toBe('9');

    const word = await post(en, { 'autoRules.ratePerMinute': 'lots' });
    expect(word.statusCode).toBe(400);
    expect(word.body).toContain('Automatic per-article rules — Comments a minute beyond which the rule triggers (1 to 10,000): a number is needed');
    const half = await post(en, { 'autoRules.lastN': '3.5' });
    expect(half.statusCode).toBe(400);
    expect(half.body).toContain('Automatic per-article rules — Latest comments of an article looked at (5 to 500):');
    const action = await post(fr, { 'autoRules.action': 'fermer' });
    expect(action.statusCode).toBe(400);
    expect(action.body).toContain('Règles automatiques par article — Mode plus strict');
    expect(await saved()).toEqual(before);
  });

  it('refuses the form without its CSRF token', async () => {
    const before = await saved();
    const res = await t.app.inject({
      method: 'POST',
      url: '/admin/settings',
      headers: { ...fr.headers, 'content-type': 'application/x-www-form-urlencoded' },
      payload: formFields(await page(fr), { _csrf: '', 'autoRules.lastN': '99' }).toString(),
    });
    expect(res.statusCode).toBe(403);
    expect(await saved()).toEqual(before);
  });
});
