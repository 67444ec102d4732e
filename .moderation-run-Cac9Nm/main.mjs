var __defProp = Object.defineProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};

// scripts/eval-moderation.ts
import { readFileSync as readFileSync5 } from "node:fs";
import { join as join6 } from "node:path";

// src/app.ts
import cookie from "@fastify/cookie";
import formbody from "@fastify/formbody";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic3 from "@fastify/static";
import { createServer } from "node:http";
import Fastify from "fastify";
import { Redis as Redis2 } from "ioredis";
import Negotiator from "negotiator";

// src/config.ts
import { z } from "zod";
var LOCALES = ["fr", "en"];
var envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3e3),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z.string().regex(/^(sqlite:|postgres:\/\/|postgresql:\/\/)/, "must start with sqlite: or postgres://").default("sqlite:./data/palabre.db"),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "must start with redis://").optional(),
  PALABRE_REDIS_PREFIX: z.string().regex(/^[\w:.-]{1,64}$/, "letters, digits, : . _ - only").default("palabre:"),
  PALABRE_BASE_URL: z.string().url().optional(),
  PALABRE_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  PALABRE_LOCALE: z.enum(LOCALES).default("fr"),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must start with smtp://").optional(),
  PALABRE_DEMO: z.enum(["0", "1"]).default("1"),
  PALABRE_TRUST_PROXY: z.string().optional(),
  PALABRE_MEDIA_DIR: z.string().min(1).optional(),
  PALABRE_EMBED_ORIGINS: z.string().max(4e3).optional(),
  PALABRE_STREAMS_PER_ADDRESS: z.coerce.number().int().min(1).max(1e5).default(100),
  PALABRE_STATIC_DIR: z.string().min(1).optional(),
  PALABRE_WORKERS: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(256, "must be at most 256").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info")
});
var ConfigError = class extends Error {
};
function loadConfig(env = process.env) {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== void 0 && v !== ""));
  const parsed2 = envSchema.safeParse(cleaned);
  if (!parsed2.success) {
    const issue = parsed2.error.issues[0];
    throw new ConfigError(`${issue?.path.join(".") ?? "environment"}: ${issue?.message ?? "invalid"}`);
  }
  const e = parsed2.data;
  const trust = e.PALABRE_TRUST_PROXY;
  const trustProxy = trust === void 0 || trust === "0" ? false : trust === "1" || trust === "true" ? true : trust.split(",").map((s2) => s2.trim());
  const host = e.HOST;
  const baseUrl = (e.PALABRE_BASE_URL ?? `http://${host.includes(":") ? `[${host}]` : host === "0.0.0.0" ? "localhost" : host}:${e.PORT}`).replace(/\/+$/, "");
  return {
    port: e.PORT,
    host,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.PALABRE_REDIS_PREFIX,
    baseUrl,
    secret: e.PALABRE_SECRET,
    locale: e.PALABRE_LOCALE,
    smtpUrl: e.SMTP_URL,
    demo: e.PALABRE_DEMO === "1",
    trustProxy,
    logLevel: e.LOG_LEVEL,
    mediaDir: e.PALABRE_MEDIA_DIR ?? defaultMediaDir(e.DATABASE_URL),
    embedOrigins: parseEmbedOrigins(e.PALABRE_EMBED_ORIGINS),
    streamsPerAddress: e.PALABRE_STREAMS_PER_ADDRESS,
    staticDir: e.PALABRE_STATIC_DIR,
    workers: e.PALABRE_WORKERS
  };
}
function parseEmbedOrigins(value) {
  if (value === void 0 || value.trim() === "") return void 0;
  return value.trim().split(/\s+/).map((item2) => {
    let url;
    try {
      url = new URL(item2);
    } catch {
      url = void 0;
    }
    if (!url || url.protocol !== "http:" && url.protocol !== "https:" || url.origin !== item2.replace(/\/$/, "")) {
      throw new ConfigError(`PALABRE_EMBED_ORIGINS: "${item2}" is not an origin like https://blog.example (scheme and host, no path)`);
    }
    return url.origin;
  });
}
function defaultMediaDir(databaseUrl) {
  const file = databaseUrl.startsWith("sqlite:") ? databaseUrl.slice("sqlite:".length) : "";
  if (!file || file === ":memory:") return "./data/media";
  const slash = file.lastIndexOf("/");
  return slash >= 0 ? `${file.slice(0, slash) || "/"}/media` : "./media";
}

// src/web/errors.ts
import { AsyncLocalStorage } from "node:async_hooks";

// src/modules/accounts/account.messages.ts
var fr = {
  "admin.title": "R\xE9daction",
  "admin.nav": "Navigation de la r\xE9daction",
  "admin.nav.articles": "Articles",
  "admin.nav.media": "M\xE9dias",
  "admin.nav.sections": "Rubriques",
  "admin.nav.moderation": "Mod\xE9ration",
  "admin.nav.users": "Comptes",
  "admin.nav.settings": "R\xE9glages",
  "admin.nav.site": "Voir le site",
  "admin.logout": "Se d\xE9connecter",
  "login.title": "Connexion",
  "login.email": "Adresse e-mail",
  "login.password": "Mot de passe",
  "login.submit": "Se connecter",
  "login.forgot": "Mot de passe oubli\xE9 ?",
  "login.failed": "Adresse e-mail ou mot de passe incorrect.",
  "login.throttled": "Trop de tentatives. R\xE9essayez dans quelques minutes.",
  "reset.forgot_title": "Mot de passe oubli\xE9",
  "reset.send": "Recevoir un lien",
  "reset.sent": "Si un compte utilise cette adresse, un lien pour choisir un nouveau mot de passe vient d\u2019y \xEAtre envoy\xE9.",
  "reset.title": "Nouveau mot de passe pour {name}",
  "password.guessable": "trop courant ou trop facile \xE0 deviner ; choisissez-en un autre, par exemple quelques mots sans rapport entre eux",
  "reset.invite_title": "Bienvenue, {name} : choisissez votre mot de passe",
  "reset.new_password": "Nouveau mot de passe",
  "reset.hint": "Au moins 10 caract\xE8res.",
  "reset.save": "Enregistrer le mot de passe",
  "reset.too_short": "Le mot de passe doit compter au moins 10 caract\xE8res.",
  "reset.guessable": "Ce mot de passe est trop courant ou trop facile \xE0 deviner ; choisissez-en un autre, par exemple quelques mots sans rapport entre eux.",
  "reset.expired_title": "Lien expir\xE9",
  "reset.expired": "Ce lien a expir\xE9 ou a d\xE9j\xE0 servi. Demandez-en un nouveau depuis la page de connexion.",
  "reset.done": "Mot de passe enregistr\xE9. Vous pouvez vous connecter.",
  "account.mail.reset_subject": "Votre nouveau mot de passe Palabre",
  "account.mail.reset_text": "Bonjour {name},\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valable {minutes} minutes, une seule fois) :\n{link}\n\nSi vous n\u2019avez rien demand\xE9, ignorez ce message.",
  "account.mail.invite_subject": "{inviter} vous invite dans la r\xE9daction",
  "account.mail.invite_text": "Bonjour {name},\n\n{inviter} vous invite \xE0 rejoindre la r\xE9daction (r\xF4le : {role}). Choisissez votre mot de passe avec ce lien (valable {days} jours, une seule fois) :\n{link}",
  "role.admin": "Administrateur",
  "role.editor": "\xC9diteur",
  "role.author": "Auteur",
  "role.moderator": "Mod\xE9rateur",
  "role.reader": "Lecteur",
  "users.title": "Comptes",
  "users.name": "Nom",
  "users.email": "E-mail",
  "users.role": "R\xF4le",
  "users.state": "\xC9tat",
  "users.active": "Actif",
  "users.invited": "Invitation envoy\xE9e",
  "users.disabled": "Suspendu",
  "users.save": "Enregistrer",
  "users.suspend": "Suspendre",
  "users.invite": "Inviter quelqu\u2019un",
  "users.invite_submit": "Envoyer l\u2019invitation",
  "users.invited_ok": "Invitation envoy\xE9e \xE0 {email}.",
  "users.saved": "Compte mis \xE0 jour.",
  "account.title": "Mon compte",
  "account.language": "Langue de la r\xE9daction",
  "account.language_save": "Changer de langue",
  "account.tokens": "Jetons d\u2019API",
  "account.tokens_hint": "Pour vos scripts : envoyez \xAB Authorization: Bearer JETON \xBB. Le jeton n\u2019est affich\xE9 qu\u2019une fois.",
  "account.token_label": "Nom du jeton",
  "account.token_create": "Cr\xE9er un jeton",
  "account.token_created": "Votre nouveau jeton (copiez-le maintenant, il ne sera plus affich\xE9) :",
  "account.token_revoke": "R\xE9voquer",
  "account.token_revoked": "R\xE9voqu\xE9",
  "account.token_none": "Aucun jeton.",
  "account.created": "Cr\xE9\xE9 le"
};
var en = {
  "admin.title": "Newsroom",
  "admin.nav": "Newsroom navigation",
  "admin.nav.articles": "Articles",
  "admin.nav.media": "Media",
  "admin.nav.sections": "Sections",
  "admin.nav.moderation": "Moderation",
  "admin.nav.users": "Accounts",
  "admin.nav.settings": "Settings",
  "admin.nav.site": "View the site",
  "admin.logout": "Sign out",
  "login.title": "Sign in",
  "login.email": "Email address",
  "login.password": "Password",
  "login.submit": "Sign in",
  "login.forgot": "Forgot your password?",
  "login.failed": "Wrong email address or password.",
  "login.throttled": "Too many attempts. Try again in a few minutes.",
  "reset.forgot_title": "Forgotten password",
  "reset.send": "Send me a link",
  "reset.sent": "If an account uses this address, a link to choose a new password has just been sent to it.",
  "reset.title": "New password for {name}",
  "password.guessable": "too common or too easy to guess; choose another, for instance a few unrelated words",
  "reset.invite_title": "Welcome, {name}: choose your password",
  "reset.new_password": "New password",
  "reset.hint": "At least 10 characters.",
  "reset.save": "Save the password",
  "reset.too_short": "The password must be at least 10 characters long.",
  "reset.guessable": "This password is too common or too easy to guess; choose another, for instance a few unrelated words.",
  "reset.expired_title": "Link expired",
  "reset.expired": "This link has expired or was already used. Ask for a new one from the sign-in page.",
  "reset.done": "Password saved. You can sign in.",
  "account.mail.reset_subject": "Your new Palabre password",
  "account.mail.reset_text": "Hello {name},\n\nTo choose a new password, open this link (valid for {minutes} minutes, once):\n{link}\n\nIf you did not ask for it, ignore this message.",
  "account.mail.invite_subject": "{inviter} invites you to the newsroom",
  "account.mail.invite_text": "Hello {name},\n\n{inviter} invites you to join the newsroom (role: {role}). Choose your password with this link (valid for {days} days, once):\n{link}",
  "role.admin": "Administrator",
  "role.editor": "Editor",
  "role.author": "Author",
  "role.moderator": "Moderator",
  "role.reader": "Reader",
  "users.title": "Accounts",
  "users.name": "Name",
  "users.email": "Email",
  "users.role": "Role",
  "users.state": "State",
  "users.active": "Active",
  "users.invited": "Invitation sent",
  "users.disabled": "Suspended",
  "users.save": "Save",
  "users.suspend": "Suspend",
  "users.invite": "Invite someone",
  "users.invite_submit": "Send the invitation",
  "users.invited_ok": "Invitation sent to {email}.",
  "users.saved": "Account updated.",
  "account.title": "My account",
  "account.language": "Language of the newsroom",
  "account.language_save": "Change language",
  "account.tokens": "API tokens",
  "account.tokens_hint": 'For your scripts: send "Authorization: Bearer TOKEN". The token is shown only once.',
  "account.token_label": "Token name",
  "account.token_create": "Create a token",
  "account.token_created": "Your new token (copy it now, it will not be shown again):",
  "account.token_revoke": "Revoke",
  "account.token_revoked": "Revoked",
  "account.token_none": "No token.",
  "account.created": "Created"
};
var accountMessages = { fr, en };

// src/modules/admin/admin.messages.ts
var fr2 = {
  "dash.title": "Tableau de bord",
  "dash.hello": "Bonjour, {name}.",
  "dash.drafts": "Brouillons : {n}",
  "dash.scheduled": "Programm\xE9s : {n}",
  "dash.new_article": "\xC9crire un article",
  "dash.queue": "Ouvrir la file de mod\xE9ration",
  "dash.recent": "Derniers articles",
  "dash.account": "Mon compte et mes jetons d\u2019API",
  "dash.api": "L\u2019API d\xE9crite (OpenAPI)",
  "apidocs.title": "API",
  "apidocs.intro": "L\u2019API JSON du site, d\xE9crite par le document OpenAPI 3.1 que le serveur produit \xE0 partir des sch\xE9mas qui valident les requ\xEAtes.",
  "apidocs.download": "Le document (openapi.json)",
  "articles.title": "Articles",
  "articles.filters": "Filtrer les articles",
  "articles.all": "Tous",
  "articles.status": "Statut",
  "articles.section": "Rubrique",
  "articles.author": "Auteur",
  "articles.filter": "Filtrer",
  "articles.none": "Aucun article ne correspond.",
  "articles.edit": "Modifier",
  "articles.view": "Voir",
  "articles.when": "Date",
  "articles.title_col": "Titre",
  "status.draft": "Brouillon",
  "status.scheduled": "Programm\xE9",
  "status.published": "Publi\xE9",
  "editor.new": "Nouvel article",
  "editor.edit": "Modifier \xAB {title} \xBB",
  "editor.title": "Titre",
  "editor.slug": "Adresse (slug)",
  "editor.slug_hint": "Laissez vide pour la d\xE9duire du titre. Les anciennes adresses redirigent vers la nouvelle.",
  "editor.summary": "Chap\xF4",
  "editor.dateline": "Lieu (dateline)",
  "editor.section": "Rubrique",
  "editor.no_section": "\u2014 aucune \u2014",
  "editor.tags": "Mots-cl\xE9s",
  "editor.tags_hint": "S\xE9par\xE9s par des virgules.",
  "editor.byline": "Signature (dans l\u2019ordre)",
  "editor.author_n": "Auteur {n}",
  "editor.nobody": "\u2014 personne \u2014",
  "editor.image": "Image principale",
  "editor.no_image": "\u2014 aucune \u2014",
  "editor.image_no_alt": "(sans texte alternatif)",
  "editor.body": "Texte (Markdown)",
  "editor.preview": "Aper\xE7u",
  "editor.preview_button": "Pr\xE9visualiser",
  "editor.correction": "Correction / mise \xE0 jour",
  "editor.correction_hint": "Affich\xE9e en t\xEAte de l\u2019article quand elle est remplie.",
  "editor.comments_open": "Commentaires ouverts",
  "editor.slow_mode": "Mode lent (minutes)",
  "editor.slow_mode_hint": "Chaque lecteur peut commenter cet article une fois toutes les N minutes (0 : pas de limite ; la r\xE9daction n\u2019est pas limit\xE9e).",
  "editor.publication": "Publication",
  "editor.as_draft": "Brouillon",
  "editor.publish_now": "Publier",
  "editor.schedule": "Programmer le",
  "editor.publish_at": "Date et heure de publication (UTC)",
  "editor.save": "Enregistrer",
  "editor.saved": "Article enregistr\xE9.",
  "editor.autosaved": "Enregistr\xE9 automatiquement \xE0 {time}.",
  "editor.autosave_found": "Une version enregistr\xE9e automatiquement le {time} est plus r\xE9cente que l\u2019article.",
  "editor.autosave_resume": "La reprendre",
  "editor.revisions": "Historique des versions",
  "editor.view_public": "Voir la page publique",
  "editor.error": "L\u2019article n\u2019a pas \xE9t\xE9 enregistr\xE9 : {message}",
  "revisions.title": "Historique : {title}",
  "revisions.current": "version actuelle",
  "revisions.by": "par {name}",
  "revisions.compare": "Voir les changements",
  "revisions.diff_title": "Version du {date}",
  "revisions.diff_hint": "Changements entre cette version et la suivante : en vert ce qui a \xE9t\xE9 ajout\xE9, barr\xE9 en rouge ce qui a \xE9t\xE9 retir\xE9.",
  "revisions.restore": "Restaurer cette version",
  "revisions.restored": "Version restaur\xE9e.",
  "revisions.back": "Retour \xE0 l\u2019historique",
  "revisions.field_title": "Titre",
  "revisions.field_summary": "Chap\xF4",
  "revisions.field_body": "Texte",
  "revisions.none": "Aucun changement.",
  "sections.title": "Rubriques et mots-cl\xE9s",
  "sections.name": "Nom",
  "sections.slug": "Adresse",
  "sections.create": "Cr\xE9er la rubrique",
  "sections.new": "Nouvelle rubrique",
  "sections.created": "Rubrique cr\xE9\xE9e.",
  "sections.rename": "Renommer",
  "sections.renamed": "Rubrique renomm\xE9e.",
  "sections.tags": "Mots-cl\xE9s",
  "sections.articles": "Articles",
  "sections.none": "Aucune rubrique.",
  "tags.none": "Aucun mot-cl\xE9.",
  "tags.name": "Nom du mot-cl\xE9",
  "tags.slug": "Adresse du mot-cl\xE9",
  "tags.page": "Page",
  "tags.rename": "Renommer",
  "tags.renamed": "Mot-cl\xE9 renomm\xE9 ; son ancienne adresse redirige vers la nouvelle.",
  "tags.merge_into": "Fusionner dans (adresse du mot-cl\xE9)",
  "tags.merge": "Fusionner",
  "tags.merged": "Mots-cl\xE9s fusionn\xE9s : {n} article(s) portent d\xE9sormais \xAB {name} \xBB.",
  "settings.title": "R\xE9glages de la discussion",
  "settings.closeAfterDays": "Fermer les commentaires apr\xE8s (jours, 0 = jamais)",
  "settings.moderation": "Mod\xE9ration",
  "settings.moderation.post": "Publier, puis mod\xE9rer",
  "settings.moderation.pre": "Tout valider avant publication",
  "settings.moderation.first-time": "Valider le premier commentaire de chacun",
  "settings.maxLinks": "Liens au-del\xE0 desquels un commentaire est retenu",
  "settings.holdWords": "Mots qui retiennent un commentaire (un par ligne)",
  "settings.blockWords": "Mots qui font refuser un commentaire (un par ligne)",
  "settings.guests": "Visiteurs sans compte",
  "settings.guests.allowed": "Peuvent commenter librement",
  "settings.guests.name-email": "Doivent donner un nom et un e-mail",
  "settings.guests.accounts-only": "Comptes seulement",
  "settings.threadDepth": "Profondeur des fils de r\xE9ponses",
  "settings.pageSize": "Commentaires par page",
  "settings.editWindowMinutes": "D\xE9lai de modification d\u2019un commentaire (minutes)",
  "settings.floodSeconds": "Attente minimale entre deux commentaires d\u2019une m\xEAme personne (secondes)",
  "settings.minSubmitSeconds": "Temps minimal entre l\u2019affichage du formulaire et l\u2019envoi (secondes, pi\xE8ge \xE0 robots)",
  "settings.reportThreshold": "Signalements qui masquent un commentaire en attendant un mod\xE9rateur (0 = jamais)",
  "settings.falseHoldBudget": "Part des commentaires l\xE9gitimes que la mod\xE9ration automatique peut retenir (0 \xE0 0,2 ; 0,03 = 3 %)",
  "settings.save": "Enregistrer les r\xE9glages",
  "settings.saved": "R\xE9glages enregistr\xE9s.",
  "settings.queue": "Les commentaires retenus attendent dans la file de mod\xE9ration."
};
var en2 = {
  "dash.title": "Dashboard",
  "dash.hello": "Hello, {name}.",
  "dash.drafts": "Drafts: {n}",
  "dash.scheduled": "Scheduled: {n}",
  "dash.new_article": "Write an article",
  "dash.queue": "Open the moderation queue",
  "dash.recent": "Latest articles",
  "dash.account": "My account and API tokens",
  "dash.api": "The API described (OpenAPI)",
  "apidocs.title": "API",
  "apidocs.intro": "The site\u2019s JSON API, described by the OpenAPI 3.1 document the server builds from the schemas that validate requests.",
  "apidocs.download": "The document (openapi.json)",
  "articles.title": "Articles",
  "articles.filters": "Filter the articles",
  "articles.all": "All",
  "articles.status": "Status",
  "articles.section": "Section",
  "articles.author": "Author",
  "articles.filter": "Filter",
  "articles.none": "No article matches.",
  "articles.edit": "Edit",
  "articles.view": "View",
  "articles.when": "Date",
  "articles.title_col": "Title",
  "status.draft": "Draft",
  "status.scheduled": "Scheduled",
  "status.published": "Published",
  "editor.new": "New article",
  "editor.edit": "Edit \u201C{title}\u201D",
  "editor.title": "Title",
  "editor.slug": "Address (slug)",
  "editor.slug_hint": "Leave empty to derive it from the title. Former addresses redirect to the new one.",
  "editor.summary": "Summary",
  "editor.dateline": "Dateline",
  "editor.section": "Section",
  "editor.no_section": "\u2014 none \u2014",
  "editor.tags": "Tags",
  "editor.tags_hint": "Separated by commas.",
  "editor.byline": "Byline (in order)",
  "editor.author_n": "Author {n}",
  "editor.nobody": "\u2014 nobody \u2014",
  "editor.image": "Featured image",
  "editor.no_image": "\u2014 none \u2014",
  "editor.image_no_alt": "(no alt text)",
  "editor.body": "Text (Markdown)",
  "editor.preview": "Preview",
  "editor.preview_button": "Preview",
  "editor.correction": "Correction / update notice",
  "editor.correction_hint": "Shown at the top of the article when filled in.",
  "editor.comments_open": "Comments open",
  "editor.slow_mode": "Slow mode (minutes)",
  "editor.slow_mode_hint": "Each reader may comment on this article once every N minutes (0: no limit; staff are not limited).",
  "editor.publication": "Publication",
  "editor.as_draft": "Draft",
  "editor.publish_now": "Publish",
  "editor.schedule": "Schedule for",
  "editor.publish_at": "Publication date and time (UTC)",
  "editor.save": "Save",
  "editor.saved": "Article saved.",
  "editor.autosaved": "Saved automatically at {time}.",
  "editor.autosave_found": "A version saved automatically on {time} is newer than the article.",
  "editor.autosave_resume": "Resume it",
  "editor.revisions": "Revision history",
  "editor.view_public": "View the public page",
  "editor.error": "The article was not saved: {message}",
  "revisions.title": "History: {title}",
  "revisions.current": "current version",
  "revisions.by": "by {name}",
  "revisions.compare": "See the changes",
  "revisions.diff_title": "Version of {date}",
  "revisions.diff_hint": "Changes between this version and the next: added text in green, removed text struck through in red.",
  "revisions.restore": "Restore this version",
  "revisions.restored": "Version restored.",
  "revisions.back": "Back to the history",
  "revisions.field_title": "Title",
  "revisions.field_summary": "Summary",
  "revisions.field_body": "Text",
  "revisions.none": "No change.",
  "sections.title": "Sections and tags",
  "sections.name": "Name",
  "sections.slug": "Address",
  "sections.create": "Create the section",
  "sections.new": "New section",
  "sections.created": "Section created.",
  "sections.rename": "Rename",
  "sections.renamed": "Section renamed.",
  "sections.tags": "Tags",
  "sections.articles": "Articles",
  "sections.none": "No section.",
  "tags.none": "No tag.",
  "tags.name": "Tag name",
  "tags.slug": "Tag address",
  "tags.page": "Page",
  "tags.rename": "Rename",
  "tags.renamed": "Tag renamed; its former address redirects to the new one.",
  "tags.merge_into": "Merge into (tag address)",
  "tags.merge": "Merge",
  "tags.merged": "Tags merged: {n} article(s) now carry \u201C{name}\u201D.",
  "settings.title": "Discussion settings",
  "settings.closeAfterDays": "Close comments after (days, 0 = never)",
  "settings.moderation": "Moderation",
  "settings.moderation.post": "Publish, then moderate",
  "settings.moderation.pre": "Approve everything before publication",
  "settings.moderation.first-time": "Approve each person\u2019s first comment",
  "settings.maxLinks": "Links beyond which a comment is held",
  "settings.holdWords": "Words that hold a comment (one per line)",
  "settings.blockWords": "Words that get a comment refused (one per line)",
  "settings.guests": "Visitors without an account",
  "settings.guests.allowed": "May comment freely",
  "settings.guests.name-email": "Must give a name and an email",
  "settings.guests.accounts-only": "Accounts only",
  "settings.threadDepth": "Depth of reply threads",
  "settings.pageSize": "Comments per page",
  "settings.editWindowMinutes": "Time to edit a comment (minutes)",
  "settings.floodSeconds": "Minimum wait between two comments from the same person (seconds)",
  "settings.minSubmitSeconds": "Minimum time between showing the form and sending it (seconds, bot trap)",
  "settings.reportThreshold": "Reports that hide a comment until a moderator looks (0 = never)",
  "settings.falseHoldBudget": "Share of legitimate comments automatic moderation may hold (0 to 0.2; 0.03 = 3 %)",
  "settings.save": "Save the settings",
  "settings.saved": "Settings saved.",
  "settings.queue": "Held comments wait in the moderation queue."
};
var adminMessages = { fr: fr2, en: en2 };

// src/modules/media/media.messages.ts
var fr3 = {
  "media.title": "M\xE9diath\xE8que",
  "media.malformed": "envoi multipart illisible : envoyez l\u2019image dans le champ \xAB file \xBB d\u2019un formulaire multipart/form-data complet",
  "media.upload": "Ajouter une image",
  "media.file": "Fichier (JPEG, PNG, WebP ou AVIF, {max} Mo au plus)",
  "media.alt": "Texte alternatif",
  "media.alt_hint": "D\xE9crit l\u2019image pour qui ne la voit pas. Obligatoire.",
  "media.submit": "Envoyer",
  "media.uploaded": "Image ajout\xE9e.",
  "media.none": "Aucune image pour le moment.",
  "media.alt_missing": "Texte alternatif manquant",
  "media.alt_save": "Enregistrer le texte",
  "media.alt_saved": "Texte alternatif enregistr\xE9.",
  "media.error": "L\u2019image n\u2019a pas \xE9t\xE9 ajout\xE9e : {message}",
  "media.size": "{width} \xD7 {height} px"
};
var en3 = {
  "media.title": "Media library",
  "media.malformed": 'unreadable multipart body: send the image in the "file" field of a complete multipart/form-data form',
  "media.upload": "Add an image",
  "media.file": "File (JPEG, PNG, WebP or AVIF, {max} MB at most)",
  "media.alt": "Alternative text",
  "media.alt_hint": "Describes the image for those who cannot see it. Required.",
  "media.submit": "Upload",
  "media.uploaded": "Image added.",
  "media.none": "No image yet.",
  "media.alt_missing": "Alternative text missing",
  "media.alt_save": "Save the text",
  "media.alt_saved": "Alternative text saved.",
  "media.error": "The image was not added: {message}",
  "media.size": "{width} \xD7 {height} px"
};
var mediaMessages = { fr: fr3, en: en3 };

// src/modules/articles/article.messages.ts
var fr4 = {
  "home.latest": "Derniers articles",
  "home.empty": "Aucun article publi\xE9 pour le moment.",
  "article.by": "Par",
  "article.and": "et",
  "article.published": "Publi\xE9 le",
  "article.updated": "Mis \xE0 jour le",
  "article.correction": "Correction",
  "article.tags": "Mots-cl\xE9s",
  "section.empty": "Aucun article dans cette rubrique pour le moment.",
  "tag.title": "Mot-cl\xE9 : {name}",
  "author.title": "Articles de {name}"
};
var en4 = {
  "home.latest": "Latest articles",
  "home.empty": "No article has been published yet.",
  "article.by": "By",
  "article.and": "and",
  "article.published": "Published",
  "article.updated": "Updated",
  "article.correction": "Correction",
  "article.tags": "Tags",
  "section.empty": "No article in this section yet.",
  "tag.title": "Tag: {name}",
  "author.title": "Articles by {name}"
};
var articleMessages = { fr: fr4, en: en4 };

// src/modules/comments/comment.messages.ts
var fr5 = {
  "comments.title": "Discussion",
  "comments.count_zero": "Aucun commentaire pour l\u2019instant. Lancez la discussion !",
  "comments.count_one": "1 commentaire",
  "comments.count_many": "{count} commentaires",
  "comments.closed": "Les commentaires sont ferm\xE9s.",
  "comments.form_title": "R\xE9agir",
  "comments.reply_to": "R\xE9pondre \xE0 {name}",
  "comments.reply": "R\xE9pondre",
  "comments.name": "Nom",
  "comments.email": "Adresse e-mail (jamais publi\xE9e)",
  "comments.body": "Votre commentaire",
  "comments.submit": "Publier le commentaire",
  "comments.accounts_only": "Connectez-vous pour commenter.",
  "comments.posted_published": "Merci ! Votre commentaire est publi\xE9.",
  "comments.posted_pending": "Merci ! Votre commentaire sera publi\xE9 apr\xE8s relecture par la mod\xE9ration.",
  "comments.posted_refused": "Votre commentaire n\u2019a pas \xE9t\xE9 publi\xE9.",
  "comments.error": "Votre commentaire n\u2019a pas pu \xEAtre envoy\xE9 : {message}",
  "comments.wait": "vous avez d\xE9j\xE0 comment\xE9 cet article il y a peu ; vous pourrez \xE0 nouveau dans {wait}.",
  "comments.new_live": "Nouveau commentaire",
  "comments.said_at": "le {date}",
  "comments.likes": "{count} j\u2019aime",
  "comments.honeypot": "Laissez ce champ vide",
  "comments.required": "obligatoire",
  "comments.error.parent": "le commentaire auquel vous r\xE9pondez n\u2019existe pas",
  "comments.error.idempotency_key": "la cl\xE9 d\u2019idempotence doit faire 1 \xE0 200 caract\xE8res ASCII visibles",
  "comments.error.idempotency_in_progress": "ce commentaire est d\xE9j\xE0 en cours d\u2019envoi ; r\xE9essayez dans un instant",
  "comments.error.too_many_streams": "trop de discussions suivies en direct depuis cette adresse (au plus {max}) ; fermez des onglets",
  "comments.like": "J\u2019aime",
  "comments.edited": "modifi\xE9",
  "comments.edit": "Modifier",
  "comments.edit_save": "Enregistrer la modification",
  "comments.edit_cancel": "Annuler",
  "comments.edit_body": "Modifier votre commentaire",
  "comments.edit_held": "Votre modification sera publi\xE9e apr\xE8s relecture par la mod\xE9ration.",
  "comments.edit_failed": "La modification n\u2019a pas pu \xEAtre enregistr\xE9e.",
  "comments.sort_label": "Trier les commentaires",
  "comments.sort.oldest": "Plus anciens",
  "comments.sort.newest": "Plus r\xE9cents",
  "comments.sort.top": "Les plus aim\xE9s",
  "comments.sort.picks": "S\xE9lection de la r\xE9daction",
  "comments.badge.pick": "S\xE9lection de la r\xE9daction",
  "comments.badge.staff": "R\xE9daction",
  /** The `edited` reason of a comment moderated again after its author's edit (the queue's words). */
  "moderation.reason.edited": "Modifi\xE9 par son auteur apr\xE8s publication"
};
var en5 = {
  "comments.title": "Discussion",
  "comments.count_zero": "No comment yet. Start the discussion!",
  "comments.count_one": "1 comment",
  "comments.count_many": "{count} comments",
  "comments.closed": "Comments are closed.",
  "comments.form_title": "Join the discussion",
  "comments.reply_to": "Reply to {name}",
  "comments.reply": "Reply",
  "comments.name": "Name",
  "comments.email": "Email address (never published)",
  "comments.body": "Your comment",
  "comments.submit": "Post comment",
  "comments.accounts_only": "Sign in to comment.",
  "comments.posted_published": "Thank you! Your comment is published.",
  "comments.posted_pending": "Thank you! Your comment will appear once a moderator has read it.",
  "comments.posted_refused": "Your comment was not published.",
  "comments.error": "Your comment could not be sent: {message}",
  "comments.wait": "you commented on this article a moment ago; you may again in {wait}.",
  "comments.new_live": "New comment",
  "comments.said_at": "on {date}",
  "comments.likes": "{count} likes",
  "comments.honeypot": "Leave this field empty",
  "comments.required": "required",
  "comments.error.parent": "the comment you are replying to does not exist",
  "comments.error.idempotency_key": "the idempotency key must be 1 to 200 visible ASCII characters",
  "comments.error.idempotency_in_progress": "this comment is already being sent; try again in a moment",
  "comments.error.too_many_streams": "too many live discussions followed from this address (at most {max}); close some tabs",
  "comments.like": "Like",
  "comments.edited": "edited",
  "comments.edit": "Edit",
  "comments.edit_save": "Save the change",
  "comments.edit_cancel": "Cancel",
  "comments.edit_body": "Edit your comment",
  "comments.edit_held": "Your change will appear once a moderator has read it.",
  "comments.edit_failed": "The change could not be saved.",
  "comments.sort_label": "Sort comments",
  "comments.sort.oldest": "Oldest",
  "comments.sort.newest": "Newest",
  "comments.sort.top": "Most liked",
  "comments.sort.picks": "Editors\u2019 picks",
  "comments.badge.pick": "Editors\u2019 pick",
  "comments.badge.staff": "Staff",
  "moderation.reason.edited": "Edited by its author after publication"
};
var commentMessages = { fr: fr5, en: en5 };

// src/modules/moderation/moderation.messages.ts
var fr6 = {
  "moderation.reason.staff": "Membre de la r\xE9daction",
  "moderation.reason.block_word": "Contient un mot interdit ({detail})",
  "moderation.reason.hold_word": "Contient un mot \xE0 surveiller ({detail})",
  "moderation.reason.too_many_links": "Trop de liens ({detail})",
  "moderation.reason.honeypot": "Pi\xE8ge \xE0 robots rempli (champ invisible)",
  "moderation.reason.form_token": "Jeton du formulaire absent ou invalide ({detail})",
  "moderation.reason.too_fast": "Formulaire envoy\xE9 trop vite ({detail} s)",
  "moderation.reason.repeat": "Texte d\xE9j\xE0 publi\xE9 (doublon)",
  "moderation.reason.profanity": "Mots grossiers ({detail})",
  "moderation.reason.unreadable": "Texte illisible : mots inconnus ({detail})",
  "moderation.reason.spam": "Ressemble \xE0 du spam (score {detail})",
  "moderation.reason.learned_spam": "Ressemble aux commentaires refus\xE9s par la mod\xE9ration de ce site (score {detail})",
  "moderation.reason.toxic": "Propos possiblement injurieux ou haineux (score {detail})",
  "moderation.reason.learned_toxic": "Ressemble aux propos rejet\xE9s par la mod\xE9ration de ce site (score {detail})",
  "moderation.reason.review": "\xC0 relire : publi\xE9 mais douteux ({detail})",
  "moderation.reason.pre_moderation": "Pr\xE9-mod\xE9ration : chaque commentaire est relu",
  "moderation.reason.first_time": "Premier commentaire de cette personne",
  "moderation.reason.reported": "Signal\xE9 par des lecteurs ({detail})",
  "moderation.reason.moderator": "D\xE9cision de la mod\xE9ration ({detail})",
  "moderation.reason.unknown": "Motif : {code}",
  "moderation.title": "Mod\xE9ration",
  "moderation.queue.pending": "En attente",
  "moderation.queue.spam": "Spam",
  "moderation.queue.reported": "Signal\xE9s",
  "moderation.queue.review": "\xC0 relire",
  "moderation.falseHold.rate": "Retenus \xE0 tort sur 30 jours : {rate} ({approved} approuv\xE9s sur {held} retenus d\xE9cid\xE9s), budget {budget}",
  "moderation.falseHold.none": "Retenus \xE0 tort sur 30 jours : aucun commentaire retenu d\xE9cid\xE9 encore, budget {budget}",
  "moderation.queue.nav": "Files de mod\xE9ration",
  "moderation.queue.empty": "Rien \xE0 relire ici. Bravo !",
  "moderation.queue.help": "Raccourcis : j / k pour passer d\u2019un commentaire \xE0 l\u2019autre, a pour approuver, r pour refuser, s pour spam, x pour cocher.",
  "moderation.action.approve": "Approuver",
  "moderation.action.reject": "Refuser",
  "moderation.action.spam": "Spam",
  "moderation.action.restore": "R\xE9tablir",
  "moderation.bulk.legend": "Pour les commentaires coch\xE9s",
  "moderation.done": "{count} d\xE9cision(s) enregistr\xE9e(s).",
  "moderation.on_article": "sur \xAB {title} \xBB",
  "moderation.reasons": "Motifs",
  "moderation.scores": "Scores",
  "moderation.reports": "{count} signalement(s)",
  "moderation.history": "Historique de la personne ({count})",
  "moderation.history.none": "Aucun autre commentaire.",
  "moderation.history.decisions": "D\xE9cisions de la mod\xE9ration",
  "moderation.status.published": "publi\xE9",
  "moderation.status.pending": "en attente",
  "moderation.status.spam": "spam",
  "moderation.status.rejected": "refus\xE9",
  "moderation.status.deleted": "supprim\xE9",
  "moderation.commenter": "Par {name}",
  "moderation.ban.title": "Bannir",
  "moderation.ban.kind": "Bannir par",
  "moderation.ban.account": "compte",
  "moderation.ban.email": "adresse e-mail",
  "moderation.ban.address": "adresse r\xE9seau (hach\xE9e)",
  "moderation.ban.until": "Jusqu\u2019au (facultatif)",
  "moderation.ban.reason": "Motif (facultatif)",
  "moderation.ban.submit": "Bannir",
  "moderation.ban.done": "Bannissement enregistr\xE9.",
  "moderation.bans.title": "Bannissements en cours",
  "moderation.bans.none": "Aucun bannissement en cours.",
  "moderation.bans.forever": "sans fin",
  "moderation.bans.lift": "Lever",
  "moderation.bans.lifted": "Bannissement lev\xE9.",
  "moderation.log.title": "Journal des d\xE9cisions",
  "moderation.log.when": "Quand",
  "moderation.log.who": "Qui",
  "moderation.log.what": "Quoi",
  "moderation.log.why": "Pourquoi",
  "moderation.log.comment": "Commentaire",
  "moderation.log.system": "automatique",
  "moderation.decision.reason": "Motif de la d\xE9cision (facultatif)",
  "moderation.report": "Signaler",
  "moderation.report.done": "Merci, votre signalement a \xE9t\xE9 transmis \xE0 la mod\xE9ration.",
  "moderation.mine.pending": "En attente de mod\xE9ration : visible par vous seul\xB7e"
};
var en6 = {
  "moderation.reason.staff": "Newsroom member",
  "moderation.reason.block_word": "Contains a blocked word ({detail})",
  "moderation.reason.hold_word": "Contains a word on the watch list ({detail})",
  "moderation.reason.too_many_links": "Too many links ({detail})",
  "moderation.reason.honeypot": "Bot trap filled in (hidden field)",
  "moderation.reason.form_token": "Form token missing or invalid ({detail})",
  "moderation.reason.too_fast": "Form sent too fast ({detail} s)",
  "moderation.reason.repeat": "Text already posted (duplicate)",
  "moderation.reason.profanity": "Crude words ({detail})",
  "moderation.reason.unreadable": "Unreadable text: unknown words ({detail})",
  "moderation.reason.spam": "Looks like spam (score {detail})",
  "moderation.reason.learned_spam": "Looks like comments this site\u2019s moderators refused (score {detail})",
  "moderation.reason.toxic": "Possibly abusive or hateful (score {detail})",
  "moderation.reason.learned_toxic": "Looks like remarks this site\u2019s moderators rejected (score {detail})",
  "moderation.reason.review": "To review: published but doubtful ({detail})",
  "moderation.reason.pre_moderation": "Pre-moderation: every comment is reviewed",
  "moderation.reason.first_time": "First comment from this person",
  "moderation.reason.reported": "Reported by readers ({detail})",
  "moderation.reason.moderator": "Moderator decision ({detail})",
  "moderation.reason.unknown": "Reason: {code}",
  "moderation.title": "Moderation",
  "moderation.queue.pending": "Pending",
  "moderation.queue.spam": "Spam",
  "moderation.queue.reported": "Reported",
  "moderation.queue.review": "To review",
  "moderation.falseHold.rate": "Held by mistake over 30 days: {rate} ({approved} approved of {held} held comments decided), budget {budget}",
  "moderation.falseHold.none": "Held by mistake over 30 days: no held comment decided yet, budget {budget}",
  "moderation.queue.nav": "Moderation queues",
  "moderation.queue.empty": "Nothing to review here. Well done!",
  "moderation.queue.help": "Shortcuts: j / k to move between comments, a to approve, r to reject, s for spam, x to tick.",
  "moderation.action.approve": "Approve",
  "moderation.action.reject": "Reject",
  "moderation.action.spam": "Spam",
  "moderation.action.restore": "Restore",
  "moderation.bulk.legend": "For the ticked comments",
  "moderation.done": "{count} decision(s) recorded.",
  "moderation.on_article": "on \u201C{title}\u201D",
  "moderation.reasons": "Reasons",
  "moderation.scores": "Scores",
  "moderation.reports": "{count} report(s)",
  "moderation.history": "This person\u2019s history ({count})",
  "moderation.history.none": "No other comment.",
  "moderation.history.decisions": "Moderators\u2019 decisions",
  "moderation.status.published": "published",
  "moderation.status.pending": "pending",
  "moderation.status.spam": "spam",
  "moderation.status.rejected": "rejected",
  "moderation.status.deleted": "deleted",
  "moderation.commenter": "By {name}",
  "moderation.ban.title": "Ban",
  "moderation.ban.kind": "Ban by",
  "moderation.ban.account": "account",
  "moderation.ban.email": "email address",
  "moderation.ban.address": "network address (hashed)",
  "moderation.ban.until": "Until (optional)",
  "moderation.ban.reason": "Reason (optional)",
  "moderation.ban.submit": "Ban",
  "moderation.ban.done": "Ban recorded.",
  "moderation.bans.title": "Bans in force",
  "moderation.bans.none": "No ban in force.",
  "moderation.bans.forever": "no end",
  "moderation.bans.lift": "Lift",
  "moderation.bans.lifted": "Ban lifted.",
  "moderation.log.title": "Decision log",
  "moderation.log.when": "When",
  "moderation.log.who": "Who",
  "moderation.log.what": "What",
  "moderation.log.why": "Why",
  "moderation.log.comment": "Comment",
  "moderation.log.system": "automatic",
  "moderation.decision.reason": "Reason for the decision (optional)",
  "moderation.report": "Report",
  "moderation.report.done": "Thank you, your report was sent to the moderators.",
  "moderation.mine.pending": "Awaiting moderation: only you can see it"
};
var moderationMessages = { fr: fr6, en: en6 };

// src/modules/moderation/auto-rules.messages.ts
var fr7 = {
  "rules.mode.pre": "pr\xE9-mod\xE9ration",
  "rules.mode.slow": "mode lent ({minutes} min entre deux commentaires par lecteur)",
  "rules.why.share": "{bad} des {n} derniers commentaires retenus, signal\xE9s ou refus\xE9s ({percent} % ; seuil {threshold} %)",
  "rules.why.rate": "{count} commentaires dans la derni\xE8re minute (limite {limit})",
  "rules.mail.subject": "Palabre : \xAB {title} \xBB passe en {mode}",
  "rules.mail.body": "L\u2019article \xAB {title} \xBB est pass\xE9 de lui-m\xEAme en {mode} jusqu\u2019au {until}.\n\nPourquoi : {why}.\n\nLes autres articles ne changent pas. Annuler ou relire la file : {url}\n\nVous recevez ce courriel parce que vous avez demand\xE9 les alertes des r\xE8gles automatiques ({prefs}).",
  "rules.banner.title": "Articles prot\xE9g\xE9s par une r\xE8gle automatique",
  "rules.banner.item": "\xAB {title} \xBB en {mode} jusqu\u2019au {until} \u2014 {why}.",
  "rules.banner.undo": "Annuler",
  "rules.log": "R\xE8gle automatique : {mode} pour {minutes} min \u2014 {why}",
  "rules.log.undo": "R\xE8gle automatique annul\xE9e par la mod\xE9ration",
  "rules.none": "aucune",
  "rules.prefs.title": "Mes courriels de mod\xE9ration",
  "rules.prefs.alerts": "M\u2019\xE9crire quand un article passe de lui-m\xEAme en pr\xE9-mod\xE9ration ou en mode lent",
  "rules.prefs.digest": "M\u2019envoyer au plus une fois par heure ce qui attend dans la file",
  "rules.prefs.save": "Enregistrer",
  "rules.prefs.saved": "Pr\xE9f\xE9rences enregistr\xE9es."
};
var en7 = {
  "rules.mode.pre": "pre-moderation",
  "rules.mode.slow": "slow mode ({minutes} min between two comments per reader)",
  "rules.why.share": "{bad} of the last {n} comments held, reported or rejected ({percent} %; threshold {threshold} %)",
  "rules.why.rate": "{count} comments in the last minute (limit {limit})",
  "rules.mail.subject": "Palabre: \u201C{title}\u201D switched to {mode}",
  "rules.mail.body": "The article \u201C{title}\u201D switched itself to {mode} until {until}.\n\nWhy: {why}.\n\nOther articles are unchanged. Undo it or review the queue: {url}\n\nYou receive this email because you asked for automatic rule alerts ({prefs}).",
  "rules.banner.title": "Articles protected by an automatic rule",
  "rules.banner.item": "\u201C{title}\u201D in {mode} until {until} \u2014 {why}.",
  "rules.banner.undo": "Undo",
  "rules.log": "Automatic rule: {mode} for {minutes} min \u2014 {why}",
  "rules.log.undo": "Automatic rule undone by a moderator",
  "rules.none": "none",
  "rules.prefs.title": "My moderation emails",
  "rules.prefs.alerts": "Email me when an article switches itself to pre-moderation or slow mode",
  "rules.prefs.digest": "Email me at most hourly what waits in the queue",
  "rules.prefs.save": "Save",
  "rules.prefs.saved": "Preferences saved."
};
var autoRuleMessages = { fr: fr7, en: en7 };

// src/modules/moderation/stats.messages.ts
var fr8 = {
  "stats.title": "La mod\xE9ration en un coup d\u2019\u0153il",
  "stats.csv": "T\xE9l\xE9charger ces chiffres (CSV)",
  "stats.hourly.title": "Commentaires par heure sur trois jours, selon leur sort",
  "stats.hourly.hour": "Heure (UTC)",
  "stats.outcome.published": "Publi\xE9s",
  "stats.outcome.held": "Retenus",
  "stats.outcome.review": "Publi\xE9s, \xE0 relire",
  "stats.outcome.rejected": "Refus\xE9s",
  "stats.outcome.spam": "Ind\xE9sirables",
  "stats.delay.title": "D\xE9lai entre la publication et la d\xE9cision d\u2019un mod\xE9rateur (30 jours, minutes)",
  "stats.delay.count": "D\xE9cisions",
  "stats.delay.median": "M\xE9diane (min)",
  "stats.delay.p90": "90e centile (min)",
  "stats.falseHolds.title": "Commentaires retenus puis approuv\xE9s (30 jours), face au budget",
  "stats.falseHolds.held": "Retenus d\xE9cid\xE9s",
  "stats.falseHolds.approved": "Puis approuv\xE9s",
  "stats.falseHolds.rate": "Taux (%)",
  "stats.falseHolds.budget": "Budget (%)",
  "stats.hot.title": "Les articles les plus comment\xE9s dans l\u2019heure",
  "stats.hot.story": "Article",
  "stats.hot.comments": "Commentaires (1 h)",
  "stats.hot.mode": "Mode",
  "stats.hot.until": "R\xE8gle automatique jusqu\u2019\xE0",
  "stats.hot.none": "Aucun commentaire dans l\u2019heure.",
  "stats.mode.pre": "Pr\xE9mod\xE9ration",
  "stats.mode.slow": "Mode lent",
  "stats.mode.post": "Postmod\xE9ration",
  "stats.mode.first-time": "Premier commentaire retenu",
  "stats.mode.default": "R\xE9glage du site",
  "digest.subject": "{count} commentaire(s) attendent une d\xE9cision",
  "digest.body": "{count} commentaire(s) retenu(s) attendent une d\xE9cision ; le plus ancien attend depuis {minutes} min ({since}).\n\nPar article :\n{stories}\n\nLa file de mod\xE9ration : {url}\nNe plus recevoir ce r\xE9sum\xE9 : {prefs}",
  "digest.story": "- {title} : {count}"
};
var en8 = {
  "stats.title": "Moderation at a glance",
  "stats.csv": "Download these figures (CSV)",
  "stats.hourly.title": "Comments per hour over three days, by outcome",
  "stats.hourly.hour": "Hour (UTC)",
  "stats.outcome.published": "Published",
  "stats.outcome.held": "Held",
  "stats.outcome.review": "Published, listed for review",
  "stats.outcome.rejected": "Rejected",
  "stats.outcome.spam": "Spam",
  "stats.delay.title": "Time from posting to a moderator\u2019s decision (30 days, minutes)",
  "stats.delay.count": "Decisions",
  "stats.delay.median": "Median (min)",
  "stats.delay.p90": "90th percentile (min)",
  "stats.falseHolds.title": "Held comments later approved (30 days), against the budget",
  "stats.falseHolds.held": "Held, decided",
  "stats.falseHolds.approved": "Then approved",
  "stats.falseHolds.rate": "Rate (%)",
  "stats.falseHolds.budget": "Budget (%)",
  "stats.hot.title": "Most commented stories in the last hour",
  "stats.hot.story": "Story",
  "stats.hot.comments": "Comments (1 h)",
  "stats.hot.mode": "Mode",
  "stats.hot.until": "Automatic rule until",
  "stats.hot.none": "No comments in the last hour.",
  "stats.mode.pre": "Pre-moderation",
  "stats.mode.slow": "Slow mode",
  "stats.mode.post": "Post-moderation",
  "stats.mode.first-time": "First comment held",
  "stats.mode.default": "Site setting",
  "digest.subject": "{count} comment(s) waiting for a decision",
  "digest.body": "{count} held comment(s) wait for a decision; the oldest has waited {minutes} min (since {since}).\n\nBy story:\n{stories}\n\nThe moderation queue: {url}\nStop this digest: {prefs}",
  "digest.story": "- {title}: {count}"
};
var statsMessages = { fr: fr8, en: en8 };

// src/modules/search/search.messages.ts
var fr9 = {
  "search.title": "Rechercher",
  "search.results_for": "R\xE9sultats pour \xAB {q} \xBB",
  "search.query": "Mots recherch\xE9s",
  "search.section": "Rubrique",
  "search.all_sections": "Toutes les rubriques",
  "search.from": "Publi\xE9 \xE0 partir du",
  "search.to": "Publi\xE9 jusqu\u2019au",
  "search.submit": "Rechercher",
  "search.prompt": "Tapez un ou plusieurs mots : les majuscules, les accents et les pluriels ne comptent pas.",
  "search.none": "Aucun article ne correspond \xE0 \xAB {q} \xBB.",
  "search.showing": "R\xE9sultats {from} \xE0 {to}",
  "search.results": "R\xE9sultats de la recherche",
  "search.refine": "Recherche d\xE9taill\xE9e",
  "related.title": "Sur le m\xEAme sujet",
  "listing.empty": "Aucun article publi\xE9 ici pour le moment."
};
var en9 = {
  "search.title": "Search",
  "search.results_for": "Results for \u201C{q}\u201D",
  "search.query": "Search terms",
  "search.section": "Section",
  "search.all_sections": "All sections",
  "search.from": "Published from",
  "search.to": "Published until",
  "search.submit": "Search",
  "search.prompt": "Type one or more words: capitals, accents and plurals do not matter.",
  "search.none": "No article matches \u201C{q}\u201D.",
  "search.showing": "Results {from} to {to}",
  "search.results": "Search results",
  "search.refine": "Detailed search",
  "related.title": "Related articles",
  "listing.empty": "No article published here yet."
};
var searchMessages = { fr: fr9, en: en9 };

// src/modules/privacy/privacy.messages.ts
var fr10 = {
  "privacy.title": "Vos donn\xE9es",
  "privacy.intro": "Vous pouvez t\xE9l\xE9charger tout ce que ce site garde sur vous, et l\u2019effacer.",
  "privacy.retention": "Les adresses IP ne sont jamais enregistr\xE9es en clair : seule une empreinte chiffr\xE9e est gard\xE9e, {days} jours au plus, pour lutter contre les abus.",
  "privacy.signed_in_as": "Vous \xEAtes connect\xE9 en tant que {name} ({email}).",
  "privacy.download.title": "T\xE9l\xE9charger vos donn\xE9es",
  "privacy.download.text": "Un fichier JSON avec votre compte, tous vos commentaires quel que soit leur statut (et leurs textes d\u2019avant vos modifications) et les commentaires que vous avez aim\xE9s.",
  "privacy.download.text_guest": "Un fichier JSON avec tous les commentaires \xE9crits avec cette adresse, quel que soit leur statut, et leurs textes d\u2019avant vos modifications.",
  "privacy.download.button": "T\xE9l\xE9charger mes donn\xE9es (JSON)",
  "privacy.erase.title": "Effacer vos donn\xE9es",
  "privacy.erase.text": "Choisissez ce que deviennent vos commentaires. L\u2019effacement est d\xE9finitif.",
  "privacy.erase.mode": "Vos commentaires",
  "privacy.erase.remove": "Les supprimer (texte et nom)",
  "privacy.erase.anonymize": "Les garder sans mon nom (\xAB Anonyme \xBB)",
  "privacy.erase.confirm": "Je comprends que cet effacement est d\xE9finitif",
  "privacy.erase.button_account": "Effacer mon compte",
  "privacy.erase.button_guest": "Effacer mes commentaires",
  "privacy.erase.staff": "Les comptes de la r\xE9daction sont ferm\xE9s par un administrateur.",
  "privacy.erased": "C\u2019est fait : {count} commentaire(s) trait\xE9(s), et plus rien ne vous nomme sur ce site.",
  "privacy.guest.title": "Vous avez comment\xE9 sans compte ?",
  "privacy.guest.text": "Indiquez l\u2019adresse \xE9lectronique donn\xE9e avec vos commentaires : nous y enverrons un lien, valable 24 heures, pour les t\xE9l\xE9charger ou les effacer.",
  "privacy.guest.email": "Adresse \xE9lectronique",
  "privacy.guest.button": "Recevoir le lien",
  "privacy.guest.sent": "Si des commentaires ont \xE9t\xE9 \xE9crits avec cette adresse, un lien vient d\u2019y \xEAtre envoy\xE9.",
  "privacy.guest.link_title": "Les commentaires de {email}",
  "privacy.anonymous": "Anonyme",
  "privacy.mail.subject": "Vos commentaires : t\xE9l\xE9chargement et effacement",
  "privacy.mail.text": "Bonjour,\n\nVoici le lien demand\xE9 pour t\xE9l\xE9charger ou effacer les commentaires \xE9crits avec cette adresse. Il est valable 24 heures :\n\n{link}\n\nSi vous n\u2019avez rien demand\xE9, ignorez ce message.",
  "privacy.footer_link": "Vos donn\xE9es"
};
var en10 = {
  "privacy.title": "Your data",
  "privacy.intro": "You can download everything this site keeps about you, and erase it.",
  "privacy.retention": "IP addresses are never stored in the clear: only a keyed fingerprint is kept, for {days} days at most, to fight abuse.",
  "privacy.signed_in_as": "You are signed in as {name} ({email}).",
  "privacy.download.title": "Download your data",
  "privacy.download.text": "A JSON file with your account, all your comments whatever their status (and their texts before your edits) and the comments you liked.",
  "privacy.download.text_guest": "A JSON file with all the comments written with this address, whatever their status, and their texts before your edits.",
  "privacy.download.button": "Download my data (JSON)",
  "privacy.erase.title": "Erase your data",
  "privacy.erase.text": "Choose what happens to your comments. Erasure is final.",
  "privacy.erase.mode": "Your comments",
  "privacy.erase.remove": "Remove them (text and name)",
  "privacy.erase.anonymize": "Keep them without my name (\u201CAnonymous\u201D)",
  "privacy.erase.confirm": "I understand that erasure is final",
  "privacy.erase.button_account": "Erase my account",
  "privacy.erase.button_guest": "Erase my comments",
  "privacy.erase.staff": "Newsroom accounts are closed by an administrator.",
  "privacy.erased": "Done: {count} comment(s) handled, and nothing on this site names you any more.",
  "privacy.guest.title": "Commented without an account?",
  "privacy.guest.text": "Enter the email address you gave with your comments: we will send it a link, valid for 24 hours, to download or erase them.",
  "privacy.guest.email": "Email address",
  "privacy.guest.button": "Send me the link",
  "privacy.guest.sent": "If comments were written with this address, a link has just been sent to it.",
  "privacy.guest.link_title": "Comments by {email}",
  "privacy.anonymous": "Anonymous",
  "privacy.mail.subject": "Your comments: download and erasure",
  "privacy.mail.text": "Hello,\n\nHere is the link you asked for to download or erase the comments written with this address. It is valid for 24 hours:\n\n{link}\n\nIf you did not ask for anything, ignore this message.",
  "privacy.footer_link": "Your data"
};
var privacyMessages = { fr: fr10, en: en10 };

// src/modules/notifications/notification.messages.ts
var fr11 = {
  "notifications.opt_in": "Me pr\xE9venir par e-mail des r\xE9ponses",
  "notifications.email_needed": "indiquez votre adresse e-mail pour \xEAtre pr\xE9venu des r\xE9ponses",
  "notifications.mail.subject": "Nouvelle r\xE9ponse \xE0 votre commentaire sur \xAB {title} \xBB",
  "notifications.mail.text": "Bonjour {name},\n\n{replier} a r\xE9pondu \xE0 votre commentaire sous l\u2019article \xAB {title} \xBB :\n\n{excerpt}\n\nLire la r\xE9ponse : {link}\n\n--\nVous recevez ce message parce que vous avez demand\xE9 \xE0 \xEAtre pr\xE9venu des r\xE9ponses \xE0 ce commentaire.\nPour ne plus en recevoir, en un clic : {unsubscribe}",
  "notifications.unsubscribed.title": "D\xE9sabonnement confirm\xE9",
  "notifications.unsubscribed.text": "Vous ne recevrez plus d\u2019e-mail pour les r\xE9ponses \xE0 ce commentaire.",
  "notifications.unsubscribed.article": "Retour \xE0 l\u2019article \xAB {title} \xBB",
  "notifications.confirm.title": "Ne plus recevoir les r\xE9ponses ?",
  "notifications.confirm.text": "Vous ne recevrez plus d\u2019e-mail pour les r\xE9ponses \xE0 ce commentaire.",
  "notifications.confirm.button": "Me d\xE9sabonner",
  "notifications.link_invalid.title": "Lien de d\xE9sabonnement non valide",
  "notifications.link_invalid.text": "Ce lien est incomplet ou a \xE9t\xE9 modifi\xE9. Copiez-le en entier depuis l\u2019e-mail re\xE7u."
};
var en11 = {
  "notifications.opt_in": "Email me when someone replies",
  "notifications.email_needed": "enter your email address to be told of replies",
  "notifications.mail.subject": "New reply to your comment on \u201C{title}\u201D",
  "notifications.mail.text": "Hello {name},\n\n{replier} replied to your comment on the article \u201C{title}\u201D:\n\n{excerpt}\n\nRead the reply: {link}\n\n--\nYou receive this email because you asked to be told of replies to this comment.\nTo stop these emails, in one click: {unsubscribe}",
  "notifications.unsubscribed.title": "Unsubscribed",
  "notifications.unsubscribed.text": "You will no longer receive emails about replies to this comment.",
  "notifications.unsubscribed.article": "Back to the article \u201C{title}\u201D",
  "notifications.confirm.title": "Stop receiving replies?",
  "notifications.confirm.text": "You will no longer receive emails about replies to this comment.",
  "notifications.confirm.button": "Unsubscribe",
  "notifications.link_invalid.title": "Invalid unsubscribe link",
  "notifications.link_invalid.text": "This link is incomplete or was altered. Copy it whole from the email you received."
};
var notificationMessages = { fr: fr11, en: en11 };

// src/modules/embed/embed.messages.ts
var fr12 = {
  "embed.title": "Discussion : {title}",
  "embed.read_article": "Lire l\u2019article \xAB {title} \xBB",
  "embed.new_tab": "(nouvel onglet)",
  "embed.not_found.title": "Discussion introuvable",
  "embed.not_found.text": "Aucun article publi\xE9 ne correspond \xE0 l\u2019adresse {url}.",
  "embed.invalid.title": "Adresse invalide",
  "embed.invalid.text": "Le param\xE8tre url doit \xEAtre l\u2019adresse compl\xE8te (http:// ou https://) d\u2019un article, de 2 048 caract\xE8res au plus."
};
var en12 = {
  "embed.title": "Discussion: {title}",
  "embed.read_article": "Read the article \u201C{title}\u201D",
  "embed.new_tab": "(new tab)",
  "embed.not_found.title": "Discussion not found",
  "embed.not_found.text": "No published article matches the address {url}.",
  "embed.invalid.title": "Invalid address",
  "embed.invalid.text": "The url parameter must be the full address (http:// or https://) of an article, at most 2,048 characters."
};
var embedMessages = { fr: fr12, en: en12 };

// src/web/web.messages.ts
var fr13 = {
  "site.name": "Palabre",
  "site.tagline": "L\u2019actualit\xE9, et la discussion qui reste ouverte",
  "nav.main": "Navigation principale",
  "nav.home": "Accueil",
  "nav.search": "Rechercher",
  "nav.skip": "Aller au contenu",
  "footer.text": "Propuls\xE9 par Palabre \u2014 l\u2019arbre \xE0 palabres de l\u2019information.",
  "error.title": "Erreur",
  "error.not_found": "Page introuvable.",
  "error.not_found_hint": "Cette page n\u2019existe pas ou n\u2019est plus publi\xE9e.",
  "error.internal": "Une erreur est survenue. R\xE9essayez dans un instant.",
  "error.invalid_input": "Saisie invalide : {message}",
  "error.invalid_json": "Le corps de la requ\xEAte n\u2019est pas du JSON valide.",
  "error.payload_too_large": "La requ\xEAte est trop volumineuse.",
  "error.unsupported_media_type": "Type de contenu non pris en charge.",
  "error.csrf": "Requ\xEAte refus\xE9e : elle ne vient pas de ce site.",
  "error.rate_limited": "Trop de requ\xEAtes ; r\xE9essayez dans quelques instants.",
  "error.unauthorized": "Authentification requise.",
  "error.forbidden": "Action non autoris\xE9e.",
  "error.back_home": "Retour \xE0 l\u2019accueil",
  "error.field_reason": "{field} : {reason}",
  "error.conflict": "Cette valeur est d\xE9j\xE0 prise (par exemple un identifiant ou une adresse) ; choisissez-en une autre.",
  "error.out_of_range": "Une valeur num\xE9rique est hors des limites accept\xE9es.",
  "error.bad_text": "Le texte contient un caract\xE8re interdit (NUL).",
  "error.unavailable": "Le service est momentan\xE9ment indisponible. R\xE9essayez dans quelques secondes.",
  "validation.required": "obligatoire",
  "validation.email": "adresse \xE9lectronique invalide",
  "validation.cursor": "curseur de pagination invalide",
  "validation.nul": "contient un caract\xE8re interdit (NUL)",
  "field.name": "nom",
  "field.email": "adresse \xE9lectronique",
  "field.body": "texte",
  "field.title": "titre",
  "field.password": "mot de passe",
  "field.slug": "adresse (slug)",
  "field.summary": "r\xE9sum\xE9",
  "field.section": "rubrique",
  "field.tags": "mots-cl\xE9s",
  "field.role": "r\xF4le",
  "field.label": "libell\xE9",
  "field.reason": "motif",
  "field.id": "identifiant",
  "field.after": "curseur",
  "field.file": "fichier",
  "field.alt": "texte alternatif",
  "field.publishAt": "date de publication",
  "field.parentId": "commentaire parent",
  "field.status": "statut",
  "field.sort": "ordre",
  "pagination.label": "Pagination",
  "pagination.prev": "Page pr\xE9c\xE9dente",
  "pagination.next": "Page suivante"
};
var en13 = {
  "site.name": "Palabre",
  "site.tagline": "The news, and a discussion that stays open",
  "nav.main": "Main navigation",
  "nav.home": "Home",
  "nav.search": "Search",
  "nav.skip": "Skip to content",
  "footer.text": "Powered by Palabre \u2014 the palaver tree of the news.",
  "error.title": "Error",
  "error.not_found": "Page not found.",
  "error.not_found_hint": "This page does not exist or is no longer published.",
  "error.internal": "Something went wrong. Please try again in a moment.",
  "error.invalid_input": "Invalid input: {message}",
  "error.invalid_json": "The request body is not valid JSON.",
  "error.payload_too_large": "The request is too large.",
  "error.unsupported_media_type": "Unsupported content type.",
  "error.csrf": "Request refused: it does not come from this site.",
  "error.rate_limited": "Too many requests; try again in a moment.",
  "error.unauthorized": "Authentication required.",
  "error.forbidden": "Not allowed.",
  "error.back_home": "Back to the home page",
  "error.field_reason": "{field}: {reason}",
  "error.conflict": "This value is already taken (a slug or an address, for instance); choose another.",
  "error.out_of_range": "A number is out of the accepted range.",
  "error.bad_text": "The text contains a forbidden character (NUL).",
  "error.unavailable": "The service is briefly unavailable. Try again in a few seconds.",
  "validation.required": "required",
  "validation.email": "not a valid email address",
  "validation.cursor": "invalid pagination cursor",
  "validation.nul": "contains a forbidden character (NUL)",
  "field.name": "name",
  "field.email": "email",
  "field.body": "text",
  "field.title": "title",
  "field.password": "password",
  "field.slug": "slug",
  "field.summary": "summary",
  "field.section": "section",
  "field.tags": "tags",
  "field.role": "role",
  "field.label": "label",
  "field.reason": "reason",
  "field.id": "id",
  "field.after": "cursor",
  "field.file": "file",
  "field.alt": "alternative text",
  "field.publishAt": "publication date",
  "field.parentId": "parent comment",
  "field.status": "status",
  "field.sort": "order",
  "pagination.label": "Pagination",
  "pagination.prev": "Previous page",
  "pagination.next": "Next page"
};
var webMessages = { fr: fr13, en: en13 };

// src/web/i18n/catalogue.ts
var fr14 = {
  ...webMessages.fr,
  ...articleMessages.fr,
  ...commentMessages.fr,
  ...moderationMessages.fr,
  ...autoRuleMessages.fr,
  ...statsMessages.fr,
  ...searchMessages.fr,
  ...accountMessages.fr,
  ...adminMessages.fr,
  ...mediaMessages.fr,
  ...privacyMessages.fr,
  ...notificationMessages.fr,
  ...embedMessages.fr
};
var en14 = {
  ...webMessages.en,
  ...articleMessages.en,
  ...commentMessages.en,
  ...moderationMessages.en,
  ...autoRuleMessages.en,
  ...statsMessages.en,
  ...searchMessages.en,
  ...accountMessages.en,
  ...adminMessages.en,
  ...mediaMessages.en,
  ...privacyMessages.en,
  ...notificationMessages.en,
  ...embedMessages.en
};
var catalogue = { fr: fr14, en: en14 };

// src/web/i18n/i18n.ts
function t(locale, key, params) {
  const text = catalogue[locale][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name) => name in params ? String(params[name]) : m);
}
function translator(locale) {
  return (key, params) => t(locale, key, params);
}
var dateFormats = /* @__PURE__ */ new Map();
var formatted = /* @__PURE__ */ new Map();
var FORMATTED_MAX = 2e4;
function formatDate(locale, iso) {
  const key = locale + iso;
  const done = formatted.get(key);
  if (done !== void 0) return done;
  if (formatted.size >= FORMATTED_MAX) formatted.clear();
  let f = dateFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });
    dateFormats.set(locale, f);
  }
  const text = f.format(new Date(iso));
  formatted.set(key, text);
  return text;
}
function waitInWords(locale, seconds) {
  const tag = locale === "fr" ? "fr-FR" : "en-GB";
  if (seconds < 60) return new Intl.NumberFormat(tag, { style: "unit", unit: "second", unitDisplay: "long" }).format(Math.max(1, Math.ceil(seconds)));
  return new Intl.NumberFormat(tag, { style: "unit", unit: "minute", unitDisplay: "long" }).format(Math.ceil(seconds / 60));
}

// src/web/errors.ts
var requestLocale = new AsyncLocalStorage();
function runWithLocale(locale, next) {
  requestLocale.run(locale, next);
}
var ENGLISH_REASONS = {
  required: "validation.required",
  "not a valid email address": "validation.email",
  "invalid cursor": "validation.cursor"
};
function fieldLabel(locale, field2) {
  const key = `field.${field2.split(".").pop() ?? field2}`;
  return Object.hasOwn(catalogue[locale], key) ? t(locale, key) : field2;
}
var AppError = class extends Error {
  constructor(code, status, message, details = {}) {
    super(message);
    this.code = code;
    this.status = status;
    this.details = details;
    this.name = new.target.name;
  }
  code;
  status;
  details;
};
var ValidationError = class extends AppError {
  field;
  reason;
  localized;
  constructor(field2, reason, localized) {
    super("invalid_input", 400, field2 ? `${field2}: ${reason}` : reason, field2 ? { field: field2 } : {});
    this.field = field2;
    this.reason = reason;
    this.localized = localized;
    const english = this.message;
    Object.defineProperty(this, "message", {
      configurable: true,
      enumerable: false,
      get: () => {
        const locale = requestLocale.getStore();
        return locale ? this.messageIn(locale) : english;
      }
    });
  }
  /** "nom : obligatoire", "name: required": the field and the reason in that language. */
  messageIn(locale) {
    const known2 = ENGLISH_REASONS[this.reason];
    if (!this.localized && !known2) return this.field ? `${this.field}: ${this.reason}` : this.reason;
    const reason = this.localized?.[locale] ?? (known2 ? t(locale, known2) : this.reason);
    return this.field ? t(locale, "error.field_reason", { field: fieldLabel(locale, this.field), reason }) : reason;
  }
};
var NotFoundError = class extends AppError {
  constructor(what = "resource") {
    super("not_found", 404, `${what} not found`, { what });
  }
};
var UnauthorizedError = class extends AppError {
  constructor(message = "authentication required") {
    super("unauthorized", 401, message);
  }
};
var ForbiddenError = class extends AppError {
  constructor(message = "not allowed") {
    super("forbidden", 403, message);
  }
};
var CsrfError = class extends AppError {
  constructor() {
    super("csrf", 403, "cross-site request refused");
  }
};
var ConflictError = class extends AppError {
  constructor(message, field2) {
    super("conflict", 409, message, field2 ? { field: field2 } : {});
  }
};
var CommentsClosedError = class extends AppError {
  constructor() {
    super("comments_closed", 403, "comments are closed on this article");
  }
};
var RateLimitedError = class extends AppError {
  constructor(retryAfterSeconds) {
    super("rate_limited", 429, "too many requests; try again later", { retryAfter: retryAfterSeconds });
  }
};

// src/web/security.ts
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
var CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'"
].join("; ");
var SECURITY_HEADERS = {
  "content-security-policy": CSP,
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()"
};
var HSTS_MAX_AGE = 31536e3;
var UNSAFE = /* @__PURE__ */ new Set(["POST", "PUT", "PATCH", "DELETE"]);
function sha256(value) {
  return createHash("sha256").update(value).digest("hex");
}
function hashIp(secret, ip) {
  return createHmac("sha256", secret).update(`ip:${ip}`).digest("base64url").slice(0, 32);
}
function safeEqual(a, b) {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
function originOf(url) {
  try {
    const u = new URL(url);
    return u.origin === "null" ? void 0 : u.origin;
  } catch {
    return void 0;
  }
}
function registerSecurity(app, baseUrl) {
  const siteOrigin = originOf(baseUrl);
  const headers = baseUrl.startsWith("https:") ? { ...SECURITY_HEADERS, "strict-transport-security": `max-age=${HSTS_MAX_AGE}` } : SECURITY_HEADERS;
  app.addHook("onRequest", async (request, reply) => {
    reply.headers(headers);
    if (!UNSAFE.has(request.method)) return;
    if (request.headers.authorization?.startsWith("Bearer ")) return;
    if (request.routeOptions.config.crossSitePost === true) return;
    checkSameOrigin(request, siteOrigin);
  });
}
function checkSameOrigin(request, siteOrigin) {
  const origin = request.headers.origin ?? (request.headers.referer ? originOf(request.headers.referer) : void 0);
  if (origin === void 0 || origin === "null") {
    const type = request.headers["content-type"] ?? "";
    const isForm = type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/") || type.startsWith("text/plain");
    if (request.headers.cookie || isForm || request.headers.origin === "null") throw new CsrfError();
    return;
  }
  const allowed = /* @__PURE__ */ new Set();
  if (siteOrigin) allowed.add(siteOrigin);
  const host = request.headers.host;
  if (host) allowed.add(`${request.protocol}://${host}`);
  if (!allowed.has(origin)) throw new CsrfError();
}

// src/modules/accounts/user.repository.ts
var AUTH_COLUMNS = ["id", "email", "name", "role", "locale"];
async function findUserById(db, id) {
  return db.selectFrom("users").select(AUTH_COLUMNS).where("id", "=", id).executeTakeFirst();
}
async function findUserByEmail(db, email) {
  return db.selectFrom("users").select([...AUTH_COLUMNS, "password_hash", "disabled_at"]).where("email", "=", email.trim().toLowerCase()).executeTakeFirst();
}
async function findUsersByIds(db, ids2) {
  if (ids2.length === 0) return [];
  return db.selectFrom("users").select(AUTH_COLUMNS).where("id", "in", ids2).execute();
}
async function insertUser(db, u) {
  const row = await db.insertInto("users").values({ email: u.email.trim().toLowerCase(), name: u.name, role: u.role, password_hash: u.passwordHash, created_at: u.createdAt }).returning("id").executeTakeFirstOrThrow();
  return row.id;
}
async function insertApiToken(db, userId, tokenHash, label2, now) {
  await db.insertInto("api_tokens").values({ user_id: userId, token_hash: tokenHash, label: label2, created_at: now }).execute();
}
async function findUserByTokenHash(db, tokenHash) {
  return db.selectFrom("api_tokens").innerJoin("users", "users.id", "api_tokens.user_id").select(["users.id", "users.email", "users.name", "users.role", "users.locale"]).where("api_tokens.token_hash", "=", tokenHash).where("api_tokens.revoked_at", "is", null).where("users.disabled_at", "is", null).executeTakeFirst();
}
async function findSession(db, idHash, nowIso) {
  return db.selectFrom("sessions").innerJoin("users", "users.id", "sessions.user_id").select(["users.id", "users.email", "users.name", "users.role", "users.locale", "sessions.csrf"]).where("sessions.id", "=", idHash).where("users.disabled_at", "is", null).where("sessions.expires_at", ">", nowIso).executeTakeFirst();
}
async function listUsers(db) {
  return db.selectFrom("users").select([...AUTH_COLUMNS, "created_at", "disabled_at", (eb) => eb("password_hash", "is not", null).as("has_password")]).orderBy("id").execute();
}
async function listBylineUsers(db) {
  return db.selectFrom("users").select(["id", "name"]).where("role", "in", ["admin", "editor", "author"]).where("disabled_at", "is", null).orderBy("name").execute();
}
async function updateUserRow(db, id, v) {
  if (Object.keys(v).length === 0) return;
  await db.updateTable("users").set(v).where("id", "=", id).execute();
}
async function listApiTokens(db, userId) {
  return db.selectFrom("api_tokens").select(["id", "label", "created_at", "last_used_at", "revoked_at"]).where("user_id", "=", userId).orderBy("id", "desc").execute();
}
async function insertApiTokenReturningId(db, userId, tokenHash, label2, now) {
  const r = await db.insertInto("api_tokens").values({ user_id: userId, token_hash: tokenHash, label: label2, created_at: now }).returning("id").executeTakeFirstOrThrow();
  return r.id;
}
async function findApiToken(db, id) {
  return db.selectFrom("api_tokens").select(["id", "user_id", "revoked_at"]).where("id", "=", id).executeTakeFirst();
}
async function revokeApiTokenRow(db, id, now) {
  await db.updateTable("api_tokens").set({ revoked_at: now }).where("id", "=", id).where("revoked_at", "is", null).execute();
}
async function insertPasswordToken(db, t2) {
  await db.insertInto("password_tokens").values(t2).execute();
}
async function findLivePasswordToken(db, tokenHash, now) {
  return db.selectFrom("password_tokens").innerJoin("users", "users.id", "password_tokens.user_id").select(["password_tokens.id", "password_tokens.user_id", "password_tokens.purpose", "users.email", "users.name"]).where("password_tokens.token_hash", "=", tokenHash).where("password_tokens.used_at", "is", null).where("password_tokens.expires_at", ">", now).where("users.disabled_at", "is", null).executeTakeFirst();
}
async function markPasswordTokenUsed(db, id, now) {
  const r = await db.updateTable("password_tokens").set({ used_at: now }).where("id", "=", id).where("used_at", "is", null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// src/modules/accounts/user.service.ts
import { randomBytes } from "node:crypto";

// src/web/validate.ts
import { z as z2 } from "zod";
var zodLocales = { fr: z2.locales.fr().localeError, en: z2.locales.en().localeError };
function isMissing(issue) {
  if (issue.code === "invalid_type" && issue.input === void 0) return true;
  return issue.code === "too_small" && issue.origin === "string" && Number(issue.minimum) === 1 && issue.input === "";
}
function catalogueKey(issue) {
  if (issue.code !== "custom") return void 0;
  const key = issue.params?.messageKey;
  return typeof key === "string" && Object.hasOwn(catalogue.fr, key) ? key : void 0;
}
function errorMap(locale) {
  return (issue) => {
    if (isMissing(issue)) return t(locale, "validation.required");
    const key = catalogueKey(issue);
    return key ? t(locale, key) : zodLocales[locale](issue);
  };
}
var errorMaps = { fr: errorMap("fr"), en: errorMap("en") };
function parseInput(schema, input, locale = "fr") {
  const result = schema.safeParse(input, { error: errorMaps[locale] });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field2 = issue ? issue.path.join(".") : "";
  const localized = {};
  for (const l of LOCALES) {
    localized[l] = l === locale ? issue?.message ?? "invalid" : schema.safeParse(input, { error: errorMaps[l] }).error?.issues[0]?.message ?? "invalid";
  }
  throw new ValidationError(field2 || "body", issue?.message ?? "invalid", localized);
}

// src/modules/accounts/account.ts
import { z as z3 } from "zod";

// src/modules/accounts/account.tables.ts
var ROLES = ["admin", "editor", "author", "moderator", "reader"];

// src/modules/accounts/password.ts
import { hash, verify } from "@node-rs/argon2";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as zxcvbnCommon from "@zxcvbn-ts/language-common";
var OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };
function hashPassword(password) {
  return hash(password, OPTIONS);
}
async function verifyPassword(stored, password) {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
var dummy;
function dummyHash() {
  dummy ??= hashPassword("palabre-no-such-account-placeholder");
  return dummy;
}
var MIN_PASSWORD_SCORE = 3;
var estimator;
function isGuessablePassword(password, context = []) {
  estimator ??= new ZxcvbnFactory({ dictionary: { ...zxcvbnCommon.dictionary }, graphs: zxcvbnCommon.adjacencyGraphs });
  return estimator.check(password.slice(0, 256), context).score < MIN_PASSWORD_SCORE;
}

// src/modules/accounts/account.ts
var passwordSchema = z3.string().min(10, "at least 10 characters").max(1e3).refine((p) => p.length < 10 || !isGuessablePassword(p), { params: { messageKey: "password.guessable" } });
var userInputSchema = z3.object({
  email: z3.email(),
  name: z3.string().trim().min(1).max(200),
  role: z3.enum(ROLES),
  password: passwordSchema.optional()
});
function isStaff(role) {
  return role !== "reader";
}
var EDITOR_INVITABLE_ROLES = ["editor", "author", "moderator", "reader"];
var invitationSchema = z3.object({
  email: z3.email(),
  name: z3.string().trim().min(1).max(200),
  role: z3.enum(ROLES)
}).strict();
var userPatchSchema = z3.object({
  role: z3.enum(ROLES),
  disabled: z3.boolean(),
  name: z3.string().trim().min(1).max(200)
}).partial().strict();
var accountIdParams = z3.object({ id: z3.coerce.number().int().positive() });
var tokenSchema = z3.object({ label: z3.string().trim().min(1).max(100) }).strict();
var newPasswordSchema = passwordSchema;

// src/modules/accounts/user.service.ts
async function addUser(deps, input) {
  const u = parseInput(userInputSchema, input, deps.config.locale);
  if (await findUserByEmail(deps.db, u.email)) throw new ConflictError(`an account already uses ${u.email}`, "email");
  const passwordHash = u.password ? await hashPassword(u.password) : null;
  const id = await insertUser(deps.db, { ...u, passwordHash, createdAt: deps.clock.now().toISOString() });
  return { id, email: u.email.toLowerCase(), name: u.name, role: u.role };
}
function listAccounts(deps) {
  return listUsers(deps.db);
}
function listBylineAccounts(deps) {
  return listBylineUsers(deps.db);
}
async function createApiToken(deps, email, label2 = "cli") {
  const user = await findUserByEmail(deps.db, email);
  if (!user) throw new NotFoundError(`account ${email}`);
  const token = `plb_${randomBytes(32).toString("base64url")}`;
  await insertApiToken(deps.db, user.id, sha256(token), label2, deps.clock.now().toISOString());
  return token;
}
async function authenticateToken(deps, token) {
  if (!token.startsWith("plb_") || token.length > 200) return void 0;
  return findUserByTokenHash(deps.db, sha256(token));
}
function usersByIds(deps, ids2) {
  return findUsersByIds(deps.db, ids2);
}

// src/modules/accounts/auth.plugin.ts
var SESSION_COOKIE = "palabre_session";
function sessionCookieName(baseUrl) {
  return baseUrl.startsWith("https:") ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}
function registerAuth(app, deps) {
  const cookieName = sessionCookieName(deps.config.baseUrl);
  app.decorateRequest("user", null);
  app.decorateRequest("authMethod", null);
  app.decorateRequest("sessionCsrf", null);
  app.addHook("preHandler", async (request) => {
    const auth = request.headers.authorization;
    if (auth?.startsWith("Bearer ")) {
      const user = await authenticateToken(deps, auth.slice(7).trim());
      if (!user) throw new UnauthorizedError("invalid or revoked token");
      request.user = user;
      request.authMethod = "token";
      return;
    }
    const sid = request.cookies[cookieName];
    if (sid && sid.length <= 100) {
      const s2 = await findSession(deps.db, sha256(sid), deps.clock.now().toISOString());
      if (s2) {
        request.user = { id: s2.id, email: s2.email, name: s2.name, role: s2.role, locale: s2.locale };
        request.authMethod = "session";
        request.sessionCsrf = s2.csrf;
      }
    }
  });
}

// src/web/layout.tsx
import { render } from "preact-render-to-string";

// src/web/assets.ts
import { createHash as createHash2 } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
function publicDir() {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, "public"), resolve(here, "../../dist/public"), resolve(here, "../dist/public")]) {
    if (existsSync(join(candidate, "site.css"))) return candidate;
  }
  return resolve(process.cwd(), "dist/public");
}
var versions = /* @__PURE__ */ new Map();
function assetUrl(name) {
  let v = versions.get(name);
  if (v === void 0) {
    try {
      v = createHash2("sha1").update(readFileSync(join(publicDir(), name))).digest("hex").slice(0, 10);
    } catch {
      v = "dev";
    }
    versions.set(name, v);
  }
  return `/assets/${name}?v=${v}`;
}

// src/web/layout.tsx
import { jsx, jsxs } from "preact/jsx-runtime";
function Layout({ locale, t: t2, meta, sections = [], children }) {
  const siteName = t2("site.name");
  return /* @__PURE__ */ jsxs("html", { lang: locale, children: [
    /* @__PURE__ */ jsxs("head", { children: [
      /* @__PURE__ */ jsx("meta", { charSet: "utf-8" }),
      /* @__PURE__ */ jsx("meta", { name: "viewport", content: "width=device-width, initial-scale=1" }),
      /* @__PURE__ */ jsx("title", { children: meta.title === siteName ? siteName : `${meta.title} \u2014 ${siteName}` }),
      meta.description ? /* @__PURE__ */ jsx("meta", { name: "description", content: meta.description }) : null,
      meta.canonical ? /* @__PURE__ */ jsx("link", { rel: "canonical", href: meta.canonical }) : null,
      meta.noindex ? /* @__PURE__ */ jsx("meta", { name: "robots", content: "noindex" }) : null,
      /* @__PURE__ */ jsx("link", { rel: "icon", href: assetUrl("favicon.svg"), type: "image/svg+xml" }),
      /* @__PURE__ */ jsx("link", { rel: "stylesheet", href: assetUrl("site.css") }),
      meta.head,
      (meta.scripts ?? []).map((s2) => /* @__PURE__ */ jsx("script", { src: assetUrl(s2), defer: true }))
    ] }),
    /* @__PURE__ */ jsxs("body", { children: [
      /* @__PURE__ */ jsx("a", { class: "skip-link", href: "#main", children: t2("nav.skip") }),
      /* @__PURE__ */ jsx("header", { class: "site-header", children: /* @__PURE__ */ jsxs("div", { class: "wrap", children: [
        /* @__PURE__ */ jsx("p", { class: "site-title", children: /* @__PURE__ */ jsx("a", { href: "/", children: siteName }) }),
        /* @__PURE__ */ jsx("p", { class: "site-tagline", children: t2("site.tagline") }),
        /* @__PURE__ */ jsx("nav", { "aria-label": t2("nav.main"), children: /* @__PURE__ */ jsxs("ul", { class: "nav", children: [
          /* @__PURE__ */ jsx("li", { children: /* @__PURE__ */ jsx("a", { href: "/", children: t2("nav.home") }) }),
          sections.map((s2) => /* @__PURE__ */ jsx("li", { children: /* @__PURE__ */ jsx("a", { href: `/${s2.slug}`, children: s2.name }) }))
        ] }) }),
        /* @__PURE__ */ jsxs("form", { class: "search-form", role: "search", method: "get", action: "/search", children: [
          /* @__PURE__ */ jsx("label", { for: "site-search", class: "visually-hidden", children: t2("nav.search") }),
          /* @__PURE__ */ jsx("input", { id: "site-search", type: "search", name: "q", placeholder: t2("nav.search") }),
          /* @__PURE__ */ jsx("button", { type: "submit", children: t2("nav.search") })
        ] })
      ] }) }),
      /* @__PURE__ */ jsx("main", { id: "main", class: "wrap", tabIndex: -1, children }),
      /* @__PURE__ */ jsx("footer", { class: "site-footer", children: /* @__PURE__ */ jsxs("div", { class: "wrap", children: [
        /* @__PURE__ */ jsx("p", { children: t2("footer.text") }),
        /* @__PURE__ */ jsx("p", { children: /* @__PURE__ */ jsx("a", { href: "/privacy", children: t2("privacy.footer_link") }) })
      ] }) })
    ] })
  ] });
}
function renderDocument(vnode) {
  return `<!doctype html>${render(vnode)}`;
}

// src/web/markdown.ts
import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";
var articleMd = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
var commentMd = new MarkdownIt("zero", { html: false, linkify: true, breaks: true }).enable([
  "paragraph",
  "newline",
  "emphasis",
  "blockquote",
  "link",
  "linkify",
  "escape",
  "backticks"
]);
var ARTICLE_POLICY = {
  allowedTags: ["p", "br", "h2", "h3", "h4", "blockquote", "ul", "ol", "li", "em", "strong", "a", "code", "pre", "hr", "img", "figure", "figcaption", "table", "thead", "tbody", "tr", "th", "td", "del", "s", "sup", "sub"],
  allowedAttributes: { a: ["href", "title"], img: ["src", "alt", "title", "width", "height"], th: ["align"], td: ["align"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href", "src"],
  allowProtocolRelative: false
};
var COMMENT_POLICY = {
  allowedTags: ["p", "br", "blockquote", "em", "strong", "a", "code"],
  allowedAttributes: { a: ["href", "rel"] },
  allowedSchemes: ["http", "https"],
  allowProtocolRelative: false,
  transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "nofollow ugc noopener" }) }
};
var rendered = /* @__PURE__ */ new Map();
var RENDER_CACHE_SIZE = 200;
function renderArticleMarkdown(md2) {
  const hit = rendered.get(md2);
  if (hit !== void 0) return hit;
  const html = sanitizeHtml(articleMd.render(md2), ARTICLE_POLICY);
  if (rendered.size >= RENDER_CACHE_SIZE) {
    const oldest = rendered.keys().next().value;
    if (oldest !== void 0) rendered.delete(oldest);
  }
  rendered.set(md2, html);
  return html;
}
function renderCommentMarkdown(text) {
  return sanitizeHtml(commentMd.render(text), COMMENT_POLICY);
}

// src/web/page.ts
var HTML = "text/html; charset=utf-8";
async function sendPage(deps, request, reply, spec) {
  const anonymous = request.user === null;
  const hit = anonymous ? deps.cache.get(spec.key) : void 0;
  if (hit) return rememberFast(request, reply, spec.key, sendCached(request, reply, hit, true));
  if (!anonymous || spec.ttlMs <= 0) return sendFresh(reply, await spec.render(), spec, anonymous);
  const made = await deps.cache.once(spec.key, async () => {
    const since = deps.cache.generation;
    const out = await spec.render();
    if ((out.status ?? 200) !== 200) return { out };
    return { out, page: deps.cache.set(spec.key, { body: out.body, contentType: spec.contentType ?? HTML, status: 200, tags: spec.tags }, spec.ttlMs, since) };
  });
  return made.page ? rememberFast(request, reply, spec.key, sendCached(request, reply, made.page, true)) : sendFresh(reply, made.out, spec, anonymous);
}
function rememberFast(request, reply, key, sent) {
  if (request.headers.cookie === void 0 && request.headers.authorization === void 0 && request.method === "GET" && reply.statusCode === 200) {
    request.server.fastPages.remember(request.raw.url ?? request.url, key, reply.getHeaders());
  }
  return sent;
}
function sendFresh(reply, out, spec, anonymous) {
  return reply.code(out.status ?? 200).header("content-type", spec.contentType ?? HTML).header("cache-control", anonymous ? "no-cache" : "private, no-store").send(out.body);
}
function sendCached(request, reply, page4, shared) {
  reply.header("content-type", page4.contentType);
  reply.header("vary", "Accept-Encoding, Cookie");
  reply.header(
    "cache-control",
    shared ? "public, max-age=0, must-revalidate, s-maxage=5, stale-while-revalidate=30" : "private, no-store"
  );
  if (page4.status !== 200) return reply.code(page4.status).send(page4.body);
  reply.header("etag", page4.etag);
  if (request.headers["if-none-match"] === page4.etag) return reply.code(304).send();
  const accept = request.headers["accept-encoding"];
  if (typeof accept === "string" && /\bgzip\b/.test(accept)) {
    reply.header("content-encoding", "gzip");
    return reply.code(200).send(page4.gzip);
  }
  return reply.code(200).send(page4.body);
}

// src/modules/moderation/form-token.ts
import { createHmac as createHmac2 } from "node:crypto";
var MAX_AGE_MS = 2 * 24 * 3600 * 1e3;
function sign(secret, articleId, issuedAt) {
  return createHmac2("sha256", secret).update(`comment-form:${articleId}:${issuedAt}`).digest("base64url").slice(0, 22);
}
function issueFormToken(secret, articleId, now) {
  const t2 = now.getTime();
  return `${t2.toString(36)}.${sign(secret, articleId, t2)}`;
}
function checkFormToken(secret, articleId, token, now) {
  if (!token) return { ok: false, problem: "missing" };
  const [ts, sig] = token.split(".");
  const issuedAt = ts ? Number.parseInt(ts, 36) : Number.NaN;
  if (!sig || !Number.isFinite(issuedAt) || !safeEqual(sig, sign(secret, articleId, issuedAt))) return { ok: false, problem: "invalid" };
  const ageMs = now.getTime() - issuedAt;
  if (ageMs > MAX_AGE_MS || ageMs < -6e4) return { ok: false, problem: "expired" };
  return { ok: true, ageMs };
}

// src/modules/moderation/settings.ts
import { z as z4 } from "zod";

// src/infra/settings.repository.ts
async function findSetting(db, key) {
  const row = await db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst();
  return row ? JSON.parse(row.value) : void 0;
}
async function upsertSetting(db, key, value) {
  const json2 = JSON.stringify(value);
  await db.insertInto("settings").values({ key, value: json2 }).onConflict((oc) => oc.column("key").doUpdateSet({ value: json2 })).execute();
}

// src/modules/moderation/classifier/calibration.ts
var DEFAULT_FALSE_HOLD_BUDGET = 0.03;
var MAX_FALSE_HOLD_BUDGET = 0.2;
var REVIEW_SHARE = 0.12;
var MIN_SITE_LEGITIMATE = 200;
var TAIL_STEP = 25e-4;
var TAIL_MAX = 0.3;
var MARGIN_Z = 1;
var RULE_HELD_SCORE = 1;
function tailTable(legitScores, z31 = MARGIN_Z) {
  const sorted = [...legitScores].sort((a, b) => b - a);
  const n = sorted.length;
  const out = [];
  for (let i = 0; i * TAIL_STEP <= TAIL_MAX + 1e-9; i++) {
    const s2 = i * TAIL_STEP;
    const share = n ? Math.max(0, s2 - z31 * Math.sqrt(s2 * (1 - s2) / n)) : 0;
    const allowed = Math.floor(share * n + 1e-9);
    out.push(Number(Math.min(1, (sorted[allowed] ?? 0) + 1e-5).toFixed(5)));
  }
  return out;
}
function scoreAtShare(table, s2) {
  const x = Math.max(0, Math.min(TAIL_MAX, s2)) / TAIL_STEP;
  const i = Math.floor(x);
  const a = table[i] ?? table[table.length - 1] ?? 1;
  const b = table[i + 1] ?? a;
  return a + (b - a) * (x - i);
}
function shareAbove(table, p) {
  if (!table.length || p > table[0]) return 0;
  for (let i = 1; i < table.length; i++) {
    const hi = table[i - 1];
    const lo = table[i];
    if (p > lo) return TAIL_STEP * (i - 1 + (hi === lo ? 0 : (hi - p) / (hi - lo)));
  }
  return TAIL_MAX;
}
function budgetOf(settings) {
  const b = settings.falseHoldBudget;
  return typeof b === "number" && Number.isFinite(b) ? Math.max(0, Math.min(MAX_FALSE_HOLD_BUDGET, b)) : DEFAULT_FALSE_HOLD_BUDGET;
}
function thresholdsFromTable(table, budget, reviewShare = REVIEW_SHARE) {
  const hold = scoreAtShare(table, budget);
  return { hold, review: Math.min(hold, scoreAtShare(table, budget + reviewShare)) };
}
function calibrate(shippedTable, budget, siteLegitScores = [], reviewShare = REVIEW_SHARE) {
  const table = siteLegitScores.length >= MIN_SITE_LEGITIMATE ? tailTable(siteLegitScores) : shippedTable;
  return thresholdsFromTable(table, budget, reviewShare);
}
function riskOf(table, p) {
  return 1 - shareAbove(table, p);
}

// src/modules/moderation/settings.ts
var MODERATION_MODES = ["post", "pre", "first-time"];
var words = z4.array(z4.string().trim().min(1).max(200)).max(5e3);
var autoRulesSchema = z4.object({
  enabled: z4.boolean().default(true),
  lastN: z4.number().int().min(5).max(500).default(20),
  share: z4.number().min(0.05).max(1).default(0.4),
  ratePerMinute: z4.number().int().min(1).max(1e4).default(30),
  durationMinutes: z4.number().int().min(5).max(10080).default(360),
  action: z4.enum(["pre", "slow"]).default("pre"),
  /** Slow mode's minutes when `action` is 'slow'. */
  slowModeMinutes: z4.number().int().min(1).max(1440).default(5)
}).strict();
var discussionSettingsSchema = z4.object({
  closeAfterDays: z4.number().int().min(0).max(36500),
  moderation: z4.enum(MODERATION_MODES),
  maxLinks: z4.number().int().min(0).max(100),
  holdWords: words,
  blockWords: words,
  guests: z4.enum(["allowed", "name-email", "accounts-only"]),
  threadDepth: z4.number().int().min(1).max(10),
  pageSize: z4.number().int().min(1).max(500),
  editWindowMinutes: z4.number().int().min(0).max(10080),
  /** Palabre's own: seconds a client must wait between two comments (0 = no limit). */
  floodSeconds: z4.number().int().min(0).max(3600),
  /** Seconds a human needs at least between seeing the form and sending it (bot trap; 0 = off). */
  minSubmitSeconds: z4.number().int().min(0).max(600),
  /** Reader reports that hide a published comment until a moderator looks (0 = never hide). */
  reportThreshold: z4.number().int().min(0).max(1e3),
  /** Share of legitimate comments the automatic statistical phases may hold (issue 11). */
  falseHoldBudget: z4.number().min(0).max(MAX_FALSE_HOLD_BUDGET),
  /** Automatic per-story rules (issue 14). */
  autoRules: autoRulesSchema
}).strict();
var DEFAULT_DISCUSSION_SETTINGS = {
  closeAfterDays: 0,
  moderation: "post",
  maxLinks: 2,
  holdWords: [],
  blockWords: [],
  guests: "name-email",
  threadDepth: 5,
  pageSize: 50,
  editWindowMinutes: 15,
  floodSeconds: 15,
  minSubmitSeconds: 3,
  reportThreshold: 3,
  falseHoldBudget: DEFAULT_FALSE_HOLD_BUDGET,
  autoRules: autoRulesSchema.parse({})
};
var KEY = "discussion";
async function getDiscussionSettings(deps) {
  const saved = await findSetting(deps.db, KEY);
  return { ...DEFAULT_DISCUSSION_SETTINGS, ...saved ?? {}, autoRules: autoRulesSchema.parse(saved?.autoRules ?? {}) };
}
async function saveDiscussionSettings(deps, s2) {
  await upsertSetting(deps.db, KEY, s2);
}
function isDiscussionOpen(article, settings, now) {
  if (!article.commentsOpen) return false;
  if (settings.closeAfterDays > 0 && article.publishAt) {
    const closesAt = new Date(article.publishAt).getTime() + settings.closeAfterDays * 864e5;
    if (now.getTime() >= closesAt) return false;
  }
  return true;
}

// src/modules/comments/comment.ts
import { z as z5 } from "zod";
var COMMENT_STATUSES = ["published", "pending", "spam", "rejected", "deleted"];
var COMMENT_SORTS = ["oldest", "newest", "top", "picks"];
var commentInputSchema = z5.object({
  body: z5.string({ error: "body is required" }),
  parentId: z5.number().int().positive().nullish(),
  name: z5.string().max(200).optional(),
  email: z5.string().max(320).optional(),
  /** Email me when someone replies (needs an email: the guest's, or the account's). */
  notifyReplies: z5.boolean().optional()
});
var commentEditSchema = z5.object({ body: z5.string({ error: "body is required" }).max(2e4) }).strict();
var ERASE_MODES = ["remove", "anonymize"];
var reasonSchema = z5.looseObject({ code: z5.string(), detail: z5.string().optional() });
var storedReasons = z5.array(reasonSchema);
function parseReasons(json2) {
  let value;
  try {
    value = JSON.parse(json2);
  } catch {
    return [];
  }
  const r = storedReasons.safeParse(value);
  return r.success ? r.data : [];
}
var storedScores = z5.record(z5.string(), z5.number());
function parseScores(json2) {
  let value;
  try {
    value = JSON.parse(json2);
  } catch {
    return {};
  }
  const r = storedScores.safeParse(value);
  return r.success ? r.data : {};
}
var commentIdParams = z5.object({ id: z5.coerce.number().int().positive() });
var commentListQuery = z5.object({ sort: z5.enum(COMMENT_SORTS).default("oldest"), after: z5.string().max(50).optional() });
var commentFormSchema = z5.object({
  body: z5.string().default(""),
  name: z5.string().max(200).optional(),
  email: z5.string().max(320).optional(),
  parentId: z5.string().max(20).optional(),
  website: z5.string().max(500).optional(),
  token: z5.string().max(500).optional(),
  /** The opt-in checkbox: sent ("1") only when ticked. */
  notifyReplies: z5.string().max(10).optional(),
  /** Idempotency key of this form (one per render, renewed per page load by the script): a resent form writes nothing twice. */
  idempotencyKey: z5.string().max(200).optional(),
  /** Posted from the embedded discussion: the /embed page to come back to (checked by embedReturnPath). */
  return: z5.string().max(1e4).optional()
});
var commentReportSchema = z5.object({ reason: z5.string().trim().max(500).optional() });
var likeFormSchema = z5.object({ like: z5.enum(["0", "1"]).default("1"), return: z5.string().max(8e3).optional() });

// src/modules/comments/comment.presenter.ts
function presentComment(r) {
  return {
    id: r.id,
    articleId: r.article_id,
    parentId: r.parent_id,
    author: { name: r.author_name },
    body: r.body,
    html: r.html,
    createdAt: r.created_at,
    status: r.status,
    likes: r.likes,
    editedAt: r.edited_at ?? null
  };
}
function hasPick(n) {
  return n.comment.picked === true || n.children.some(hasPick);
}
function buildThreads(rows, maxDepth) {
  const nodes = /* @__PURE__ */ new Map();
  const roots = [];
  for (const r of rows) {
    const parent = r.parent_id !== null ? nodes.get(r.parent_id) : void 0;
    let host = parent;
    while (host && host.depth >= maxDepth) host = host.parentNode;
    const node = { comment: r, depth: host ? host.depth + 1 : 1, children: [] };
    if (host) {
      node.parentNode = host;
      host.children.push(node);
    } else roots.push(node);
    nodes.set(r.id, node);
  }
  return roots;
}
function sortThreads(roots, sort) {
  if (sort === "oldest") return roots;
  if (sort === "newest") return [...roots].reverse();
  if (sort === "picks") return [...roots.filter(hasPick), ...roots.filter((r) => !hasPick(r))];
  return [...roots].sort((a, b) => b.comment.likes - a.comment.likes || a.comment.id - b.comment.id);
}

// src/modules/comments/comment.reader.ts
function readerKey(deps, request) {
  return request.user ? `user:${request.user.id}` : `address:${hashIp(deps.secret, request.ip)}`;
}

// src/modules/articles/article.ts
import { z as z6 } from "zod";

// src/modules/articles/slug.ts
function slugify(text) {
  const folded = text.replace(/œ/g, "oe").replace(/Œ/g, "OE").replace(/æ/g, "ae").replace(/Æ/g, "AE").replace(/ß/g, "ss").normalize("NFKD").replace(new RegExp("\\p{M}+", "gu"), "").toLowerCase();
  const slug2 = folded.replace(/['’`]/g, "-").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80).replace(/-+$/g, "");
  return slug2 || "article";
}
var SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

// src/modules/articles/article.ts
var ARTICLE_STATUSES = ["draft", "scheduled", "published"];
var slug = z6.string().regex(SLUG_RE, "lower-case letters, digits and hyphens only").max(80);
var isoDate = z6.iso.datetime({ offset: true });
var articleCreateSchema = z6.object({
  title: z6.string().trim().min(1).max(300),
  slug: slug.optional(),
  body: z6.string().max(5e5).default(""),
  summary: z6.string().max(2e3).default(""),
  section: slug.nullish(),
  tags: z6.array(z6.string().trim().min(1).max(80)).max(50).default([]),
  authors: z6.array(z6.number().int().positive()).max(20).optional(),
  dateline: z6.string().max(200).default(""),
  status: z6.enum(ARTICLE_STATUSES).default("draft"),
  publishAt: isoDate.nullish(),
  commentsOpen: z6.boolean().default(true),
  slowModeMinutes: z6.number().int().min(0).max(1440).optional(),
  image: z6.number().int().positive().nullish(),
  correction: z6.string().max(5e3).nullish(),
  lang: z6.enum(["fr", "en"]).optional()
}).strict();
var articlePatchSchema = z6.object({
  title: z6.string().trim().min(1).max(300),
  slug,
  body: z6.string().max(5e5),
  summary: z6.string().max(2e3),
  section: slug.nullable(),
  tags: z6.array(z6.string().trim().min(1).max(80)).max(50),
  authors: z6.array(z6.number().int().positive()).min(1).max(20),
  dateline: z6.string().max(200),
  status: z6.enum(ARTICLE_STATUSES),
  publishAt: isoDate.nullable(),
  commentsOpen: z6.boolean(),
  image: z6.number().int().positive().nullable(),
  correction: z6.string().max(5e3).nullable(),
  lang: z6.enum(["fr", "en"]),
  moderation: z6.enum(["post", "pre", "first-time"]).nullable(),
  /** One comment per reader per N minutes on this article (0 = off). */
  slowModeMinutes: z6.number().int().min(0).max(1440)
}).partial().strict();
var articleListQuerySchema = z6.object({
  status: z6.enum(ARTICLE_STATUSES).optional(),
  section: slug.optional(),
  q: z6.string().max(200).optional(),
  after: z6.string().max(200).optional(),
  limit: z6.coerce.number().int().min(1).max(100).default(20)
});
var articleIdParams = z6.object({ id: z6.coerce.number().int().positive() });
var revisionParams = z6.object({ id: z6.coerce.number().int().positive(), rid: z6.coerce.number().int().positive() });
var previewSchema = z6.object({ body: z6.string().max(5e5) }).strict();
var autosaveSchema = z6.object({ title: z6.string().max(300).default(""), summary: z6.string().max(2e3).default(""), body: z6.string().max(5e5).default("") }).strict();
var sectionSchema = z6.object({
  name: z6.string().trim().min(1).max(120),
  slug: z6.string().regex(SLUG_RE, "lower-case letters, digits and hyphens only").max(60).optional()
}).strict();
var sectionRenameSchema = z6.object({ name: z6.string().trim().min(1).max(120) }).strict();
function activeProtection(a, now) {
  return a.protection && a.protection.until > now.toISOString() ? a.protection : null;
}
function effectiveModeration(a, now) {
  return activeProtection(a, now)?.mode === "pre" ? "pre" : a.moderation;
}
function effectiveSlowMode(a, now) {
  const p = activeProtection(a, now);
  return Math.max(a.slowModeMinutes, p?.mode === "slow" ? p.slowModeMinutes : 0);
}
function effectiveStatus(a, now) {
  if (a.storedStatus === "draft") return "draft";
  return a.publishAt !== null && a.publishAt > now.toISOString() ? "scheduled" : "published";
}
function isVisible(a, now) {
  return effectiveStatus(a, now) === "published";
}
function articlePath(a) {
  return `/${a.section?.slug ?? "a"}/${a.slug}`;
}

// src/modules/articles/article.policy.ts
function canArticle(user, action, subject2) {
  if (!user) return false;
  switch (user.role) {
    case "admin":
    case "editor":
      return true;
    case "author":
      if (action === "article:create") return true;
      if (action === "article:read-unpublished" || action === "revision:read")
        return subject2 === void 0 ? action === "article:read-unpublished" : subject2.authorIds.includes(user.id);
      if (action === "article:update" || action === "article:delete" || action === "revision:restore")
        return subject2 !== void 0 && subject2.authorIds.includes(user.id) && subject2.storedStatus === "draft";
      return false;
    default:
      return false;
  }
}
function seesOwnWorkOnly(user) {
  return canArticle(user, "article:read-unpublished") && !canArticle(user, "article:read-any");
}
function assertArticle(user, action, subject2) {
  if (!user) throw new UnauthorizedError();
  if (!canArticle(user, action, subject2)) throw new ForbiddenError(`your role (${user.role}) may not ${action.replace(":", " ")}`);
}

// src/modules/articles/article.repository.ts
function articlesQuery(db) {
  return db.selectFrom("articles").leftJoin("sections", "sections.id", "articles.section_id").select([
    "articles.id",
    "articles.slug",
    "articles.title",
    "articles.summary",
    "articles.body",
    "articles.section_id",
    "sections.slug as section_slug",
    "sections.name as section_name",
    "articles.dateline",
    "articles.status",
    "articles.publish_at",
    "articles.created_at",
    "articles.updated_at",
    "articles.comments_open",
    "articles.image_id",
    "articles.correction",
    "articles.lang",
    "articles.moderation",
    "articles.slow_mode_minutes",
    "articles.protect_mode",
    "articles.protect_slow_minutes",
    "articles.protect_until",
    "articles.version"
  ]);
}
async function hydrateArticles(db, rows) {
  if (rows.length === 0) return [];
  const ids2 = rows.map((r) => r.id);
  const [tags5, authors] = await Promise.all([
    db.selectFrom("article_tags").innerJoin("tags", "tags.id", "article_tags.tag_id").select(["article_tags.article_id", "tags.slug", "tags.name"]).where("article_tags.article_id", "in", ids2).orderBy("tags.slug").execute(),
    db.selectFrom("article_authors").innerJoin("users", "users.id", "article_authors.user_id").select(["article_authors.article_id", "users.id", "users.name"]).where("article_authors.article_id", "in", ids2).orderBy("article_authors.position").execute()
  ]);
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    summary: r.summary,
    body: r.body,
    section: r.section_id !== null && r.section_slug !== null ? { id: r.section_id, slug: r.section_slug, name: r.section_name ?? r.section_slug } : null,
    tags: tags5.filter((t2) => t2.article_id === r.id).map((t2) => ({ slug: t2.slug, name: t2.name })),
    authors: authors.filter((a) => a.article_id === r.id).map((a) => ({ id: a.id, name: a.name })),
    dateline: r.dateline,
    storedStatus: r.status,
    publishAt: r.publish_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    commentsOpen: r.comments_open === 1,
    image: r.image_id,
    correction: r.correction,
    lang: r.lang,
    moderation: r.moderation,
    slowModeMinutes: r.slow_mode_minutes,
    protection: (r.protect_mode === "pre" || r.protect_mode === "slow") && r.protect_until ? { mode: r.protect_mode, slowModeMinutes: r.protect_slow_minutes ?? 0, until: r.protect_until } : null,
    version: r.version
  }));
}
async function findArticleById(db, id) {
  const rows = await articlesQuery(db).where("articles.id", "=", id).execute();
  return (await hydrateArticles(db, rows))[0];
}
async function findArticleBySlug(db, slug2) {
  const rows = await articlesQuery(db).where("articles.slug", "=", slug2).execute();
  return (await hydrateArticles(db, rows))[0];
}
async function findArticleIdByOldSlug(db, slug2) {
  const r = await db.selectFrom("article_slugs").select("article_id").where("slug", "=", slug2).executeTakeFirst();
  return r?.article_id;
}
async function listArticles(db, f) {
  let q = articlesQuery(db);
  if (f.visibleAt !== void 0) q = q.where("articles.status", "=", "published").where("articles.publish_at", "<=", f.visibleAt);
  if (f.status === "draft") q = q.where("articles.status", "=", "draft");
  if (f.status === "published") q = q.where("articles.status", "=", "published").where("articles.publish_at", "<=", f.now);
  if (f.status === "scheduled") q = q.where("articles.status", "=", "published").where("articles.publish_at", ">", f.now);
  if (f.sectionId !== void 0) q = q.where("articles.section_id", "=", f.sectionId);
  if (f.authorId !== void 0) {
    const authorId = f.authorId;
    q = q.where(
      (eb) => eb.exists(eb.selectFrom("article_authors").select("article_authors.article_id").whereRef("article_authors.article_id", "=", "articles.id").where("article_authors.user_id", "=", authorId))
    );
  }
  if (f.tagId !== void 0) {
    const tagId = f.tagId;
    q = q.where(
      (eb) => eb.exists(eb.selectFrom("article_tags").select("article_tags.article_id").whereRef("article_tags.article_id", "=", "articles.id").where("article_tags.tag_id", "=", tagId))
    );
  }
  const sortKey = (eb) => eb.fn.coalesce("articles.publish_at", "articles.created_at");
  if (f.before) {
    const { key, id } = f.before;
    q = q.where((eb) => eb.or([eb(sortKey(eb), "<", key), eb.and([eb(sortKey(eb), "=", key), eb("articles.id", "<", id)])]));
  }
  const rows = await q.orderBy((eb) => sortKey(eb), "desc").orderBy("articles.id", "desc").limit(f.limit).execute();
  return hydrateArticles(db, rows);
}
async function findNextScheduledAt(db, now) {
  const r = await db.selectFrom("articles").select((eb) => eb.fn.min("publish_at").as("next")).where("status", "=", "published").where("publish_at", ">", now).executeTakeFirst();
  return r?.next ?? void 0;
}
async function slugExists(db, slug2, exceptId) {
  let q = db.selectFrom("articles").select("id").where("slug", "=", slug2);
  if (exceptId !== void 0) q = q.where("id", "!=", exceptId);
  if (await q.executeTakeFirst()) return true;
  let o = db.selectFrom("article_slugs").select("article_id").where("slug", "=", slug2);
  if (exceptId !== void 0) o = o.where("article_id", "!=", exceptId);
  return await o.executeTakeFirst() !== void 0;
}
async function insertArticle(db, v, now) {
  const r = await db.insertInto("articles").values({ ...v, created_at: now, updated_at: now, version: 1, moderation: null }).returning("id").executeTakeFirstOrThrow();
  return r.id;
}
async function updateArticleRow(db, id, v, now) {
  await db.updateTable("articles").set((eb) => ({ ...v, updated_at: now, version: eb("version", "+", 1) })).where("id", "=", id).execute();
}
async function updateProtection(db, id, p) {
  await db.updateTable("articles").set((eb) => ({ ...p, version: eb("version", "+", 1) })).where("id", "=", id).execute();
}
async function bumpArticleVersion(db, id) {
  await db.updateTable("articles").set((eb) => ({ version: eb("version", "+", 1) })).where("id", "=", id).execute();
}
async function deleteArticleRow(db, id) {
  const r = await db.deleteFrom("articles").where("id", "=", id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
async function replaceArticleTags(db, articleId, tags5) {
  await db.deleteFrom("article_tags").where("article_id", "=", articleId).execute();
  for (const t2 of tags5) {
    await db.insertInto("tags").values(t2).onConflict((oc) => oc.column("slug").doNothing()).execute();
    const tag = await db.selectFrom("tags").select("id").where("slug", "=", t2.slug).executeTakeFirstOrThrow();
    await db.insertInto("article_tags").values({ article_id: articleId, tag_id: tag.id }).onConflict((oc) => oc.doNothing()).execute();
  }
}
async function replaceArticleAuthors(db, articleId, userIds) {
  await db.deleteFrom("article_authors").where("article_id", "=", articleId).execute();
  if (userIds.length === 0) return;
  await db.insertInto("article_authors").values(userIds.map((user_id, position) => ({ article_id: articleId, user_id, position }))).execute();
}
async function insertOldSlug(db, slug2, articleId) {
  await db.insertInto("article_slugs").values({ slug: slug2, article_id: articleId }).onConflict((oc) => oc.column("slug").doUpdateSet({ article_id: articleId })).execute();
}
async function insertRevision(db, r) {
  await db.insertInto("revisions").values(r).execute();
}
async function listRevisions(db, articleId) {
  return db.selectFrom("revisions").leftJoin("users", "users.id", "revisions.author_id").select(["revisions.id", "revisions.created_at", "revisions.title", "users.id as author_id", "users.name as author_name"]).where("revisions.article_id", "=", articleId).orderBy("revisions.id", "desc").execute();
}
async function findRevision(db, articleId, revisionId) {
  return db.selectFrom("revisions").leftJoin("users", "users.id", "revisions.author_id").select(["revisions.id", "revisions.created_at", "revisions.title", "revisions.summary", "revisions.body", "users.id as author_id", "users.name as author_name"]).where("revisions.article_id", "=", articleId).where("revisions.id", "=", revisionId).executeTakeFirst();
}
async function findNextRevision(db, articleId, revisionId) {
  return db.selectFrom("revisions").select(["id", "created_at", "title", "summary", "body"]).where("article_id", "=", articleId).where("id", ">", revisionId).orderBy("id").limit(1).executeTakeFirst();
}

// src/modules/media/media.service.ts
import { createHash as createHash3 } from "node:crypto";
import { mkdir, unlink, writeFile } from "node:fs/promises";
import { join as join2 } from "node:path";
import sharp from "sharp";

// src/modules/media/media.ts
import { z as z7 } from "zod";
var MEDIA_MAX_BYTES = 10 * 1024 * 1024;
var MEDIA_MAX_PIXELS = 5e7;
var RENDITION_WIDTHS = [320, 640, 1024, 1600];
var UnsupportedImageError = class extends AppError {
  constructor(detail) {
    super("unsupported_image", 415, `not an accepted image (JPEG, PNG, WebP or AVIF): ${detail}`, { field: "file" });
  }
};
var MediaTooLargeError = class extends AppError {
  constructor() {
    super("payload_too_large", 413, `the file is over ${MEDIA_MAX_BYTES / 1024 / 1024} MB`, { field: "file" });
  }
};
var mediaIdParams = z7.object({ id: z7.coerce.number().int().positive() });
var mediaListQuery = z7.object({ before: z7.coerce.number().int().positive().optional(), limit: z7.coerce.number().int().min(1).max(100).default(50) });
var mediaAltSchema = z7.object({ alt: z7.string().trim().min(1).max(500) }).strict();
function mediaPath(file) {
  return `/media/${file}`;
}
function presentMedia(m, baseUrl) {
  return {
    id: m.id,
    url: baseUrl + mediaPath(m.file),
    width: m.width,
    height: m.height,
    type: m.type,
    alt: m.alt,
    renditions: m.renditions.map((r) => ({ width: r.width, url: baseUrl + mediaPath(r.file), type: r.type })),
    createdAt: m.createdAt
  };
}

// src/modules/media/media.policy.ts
function canMedia(user, action) {
  if (!user) return false;
  if (user.role === "admin" || user.role === "editor") return true;
  return user.role === "author" && action !== "media:delete";
}
function assertMedia(user, action) {
  if (!user) throw new UnauthorizedError();
  if (!canMedia(user, action)) throw new ForbiddenError(`your role (${user.role}) may not ${action.replace(":", " ")}`);
}

// src/modules/media/media.repository.ts
async function insertMedia(db, m) {
  const r = await db.insertInto("media").values(m).returning("id").executeTakeFirstOrThrow();
  return r.id;
}
async function findMediaById(db, id) {
  return db.selectFrom("media").selectAll().where("id", "=", id).executeTakeFirst();
}
async function listMedia(db, limit, beforeId) {
  let q = db.selectFrom("media").selectAll();
  if (beforeId !== void 0) q = q.where("id", "<", beforeId);
  return q.orderBy("id", "desc").limit(limit).execute();
}
async function updateMediaAlt(db, id, alt) {
  await db.updateTable("media").set({ alt }).where("id", "=", id).execute();
}
async function deleteMediaRow(db, id) {
  await db.deleteFrom("media").where("id", "=", id).execute();
}
async function countMediaWithFile(db, file) {
  const r = await db.selectFrom("media").select((eb) => eb.fn.countAll().as("n")).where("file", "=", file).executeTakeFirstOrThrow();
  return Number(r.n);
}

// src/modules/media/media.service.ts
var ACCEPTED = {
  jpeg: { type: "image/jpeg", ext: "jpg" },
  png: { type: "image/png", ext: "png" },
  webp: { type: "image/webp", ext: "webp" },
  avif: { type: "image/avif", ext: "avif" }
};
function toMedia(r) {
  return {
    id: r.id,
    originalName: r.original_name,
    alt: r.alt,
    type: r.type,
    width: r.width,
    height: r.height,
    bytes: r.bytes,
    file: r.file,
    renditions: JSON.parse(r.renditions),
    createdAt: r.created_at
  };
}
async function sniff(buffer) {
  let meta;
  try {
    meta = await sharp(buffer, { limitInputPixels: MEDIA_MAX_PIXELS }).metadata();
  } catch {
    throw new UnsupportedImageError("the content is not an image");
  }
  const format = meta.format === "heif" ? meta.compression === "av1" ? "avif" : "heic" : meta.format;
  if (!format || !(format in ACCEPTED) || !meta.width || !meta.height) throw new UnsupportedImageError(`the content is ${format ?? "unknown"}`);
  if (meta.width * meta.height > MEDIA_MAX_PIXELS) throw new UnsupportedImageError("the image has too many pixels");
  const turned = (meta.orientation ?? 1) >= 5;
  return { format, width: turned ? meta.height : meta.width, height: turned ? meta.width : meta.height };
}
function renditionWidths(width) {
  const max = Math.max(...RENDITION_WIDTHS);
  const below = RENDITION_WIDTHS.filter((w) => w < width);
  return width <= max ? [...below, width] : [...below];
}
async function uploadMedia(deps, user, upload) {
  assertMedia(user, "media:upload");
  if (upload.buffer.length === 0) throw new ValidationError("file", "the file is empty");
  const { format, width, height } = await sniff(upload.buffer);
  const name = createHash3("sha256").update(upload.buffer).digest("hex").slice(0, 24);
  const source = () => sharp(upload.buffer, { limitInputPixels: MEDIA_MAX_PIXELS }).rotate();
  const accepted = ACCEPTED[format];
  const file = `${name}.${accepted.ext}`;
  const outputs = [{ file, make: () => (format === "avif" ? source().avif({ effort: 2 }) : source().toFormat(format)).toBuffer() }];
  const renditions = [];
  for (const w of renditionWidths(width)) {
    renditions.push({ width: w, type: "image/avif", file: `${name}-${w}.avif` }, { width: w, type: "image/webp", file: `${name}-${w}.webp` });
    outputs.push(
      { file: `${name}-${w}.avif`, make: () => source().resize({ width: w }).avif({ quality: 55, effort: 2 }).toBuffer() },
      { file: `${name}-${w}.webp`, make: () => source().resize({ width: w }).webp({ quality: 80 }).toBuffer() }
    );
  }
  await mkdir(deps.config.mediaDir, { recursive: true });
  try {
    await Promise.all(outputs.map(async (o) => writeFile(join2(deps.config.mediaDir, o.file), await o.make())));
  } catch (err) {
    deps.log.warn({ err }, "image could not be processed");
    throw new UnsupportedImageError("the image could not be decoded");
  }
  const row = {
    user_id: user.id,
    original_name: upload.filename.slice(0, 200),
    alt: upload.alt.trim().slice(0, 500),
    type: accepted.type,
    width,
    height,
    bytes: upload.buffer.length,
    file,
    renditions: JSON.stringify(renditions),
    created_at: deps.clock.now().toISOString()
  };
  const id = await insertMedia(deps.db, row);
  return toMedia({ id, ...row });
}
async function getMedia(deps, id) {
  const r = await findMediaById(deps.db, id);
  return r ? toMedia(r) : void 0;
}
async function listLibrary(deps, user, limit, beforeId) {
  assertMedia(user, "media:list");
  return (await listMedia(deps.db, limit, beforeId)).map(toMedia);
}
async function describeMedia(deps, user, id, alt) {
  assertMedia(user, "media:update");
  const m = await getMedia(deps, id);
  if (!m) throw new NotFoundError("media");
  await updateMediaAlt(deps.db, id, alt.trim());
  await deps.cache.invalidate(["*"]);
  return { ...m, alt: alt.trim() };
}
async function deleteMedia(deps, user, id) {
  assertMedia(user, "media:delete");
  const m = await getMedia(deps, id);
  if (!m) throw new NotFoundError("media");
  await deleteMediaRow(deps.db, id);
  if (await countMediaWithFile(deps.db, m.file) === 0) {
    for (const f of [m.file, ...m.renditions.map((r) => r.file)]) await unlink(join2(deps.config.mediaDir, f)).catch(() => void 0);
  }
  await deps.cache.invalidate(["*"]);
}

// src/modules/articles/section.repository.ts
async function listSections(db) {
  return db.selectFrom("sections").select(["id", "slug", "name"]).orderBy("name").execute();
}
async function findSectionBySlug(db, slug2) {
  return db.selectFrom("sections").select(["id", "slug", "name"]).where("slug", "=", slug2).executeTakeFirst();
}
async function insertSection(db, s2) {
  const r = await db.insertInto("sections").values(s2).returning("id").executeTakeFirstOrThrow();
  return r.id;
}
async function findTagBySlug(db, slug2) {
  return db.selectFrom("tags").select(["id", "slug", "name"]).where("slug", "=", slug2).executeTakeFirst();
}
async function renameSection(db, id, name) {
  await db.updateTable("sections").set({ name }).where("id", "=", id).execute();
}
async function listSectionsWithCounts(db) {
  const rows = await db.selectFrom("sections").leftJoin("articles", "articles.section_id", "sections.id").select(["sections.id", "sections.slug", "sections.name", (eb) => eb.fn.count("articles.id").as("count")]).groupBy(["sections.id", "sections.slug", "sections.name"]).orderBy("sections.name").execute();
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

// src/modules/search/search.api.ts
import { z as z8 } from "zod";

// src/modules/search/search.fts5.repository.ts
import { sql } from "kysely";

// src/modules/search/search.tiers.ts
async function pageThroughTiers(tiers3, offset, limit) {
  const found = [];
  let skip = offset;
  for (const tier of tiers3) {
    if (found.length >= limit) break;
    if (skip > 0) {
      const n = await tier.count();
      if (n <= skip) {
        skip -= n;
        continue;
      }
    }
    found.push(...await tier.rows(limit - found.length, skip));
    skip = 0;
  }
  return found;
}

// src/modules/search/search.text.ts
import { stemmer as englishStemmer } from "@orama/stemmers/english";
import { stemmer as frenchStemmer } from "@orama/stemmers/french";
import { stopwords as englishStopwords } from "@orama/stopwords/english";
import { stopwords as frenchStopwords } from "@orama/stopwords/french";
var SEARCH_LANGS = ["fr", "en"];
var STEMMERS = { fr: frenchStemmer, en: englishStemmer };
function searchLang(lang) {
  return lang === "en" ? "en" : "fr";
}
var WORD = /[\p{L}\p{N}]+/gu;
var MARKS = new RegExp("\\p{M}+", "gu");
var LIGATURES = { \u0153: "oe", \u00E6: "ae", \u00DF: "ss" };
function fold(word) {
  return word.toLowerCase().normalize("NFD").replace(MARKS, "").replace(/[œæß]/g, (c) => LIGATURES[c] ?? c);
}
var STOPWORDS = {
  fr: new Set(frenchStopwords.map(fold)),
  en: new Set(englishStopwords.map(fold))
};
function term(word, lang) {
  const memo = MEMO[lang];
  let t2 = memo.get(word);
  if (t2 === void 0) {
    if (memo.size >= MEMO_SIZE) memo.clear();
    const folded = fold(word);
    t2 = STOPWORDS[lang].has(folded) ? "" : STEMMERS[lang](folded);
    memo.set(word, t2);
  }
  return t2;
}
var MEMO_SIZE = 2e5;
var MEMO = { fr: /* @__PURE__ */ new Map(), en: /* @__PURE__ */ new Map() };
function words2(text) {
  const out = [];
  for (const m of text.matchAll(WORD)) out.push({ word: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}
function terms(text, lang) {
  return (text.match(WORD) ?? []).map((w) => term(w, lang)).filter(Boolean).join(" ");
}
var MAX_QUERY_WORDS = 12;
function queryWords(q) {
  return [...new Set((q.match(WORD) ?? []).map((w) => w.toLowerCase()))].slice(0, MAX_QUERY_WORDS);
}
function queryTerms(q) {
  const ws = queryWords(q);
  const of = (lang) => [...new Set(ws.map((w) => term(w, lang)).filter(Boolean))];
  return { fr: of("fr"), en: of("en") };
}

// src/modules/search/search.fts5.repository.ts
function matchExpression(words4) {
  const groups = /* @__PURE__ */ new Set();
  for (const lang of SEARCH_LANGS) {
    const ts = [...new Set(words4.map((w) => term(w, lang)).filter(Boolean))];
    if (ts.length > 0) groups.add(`(${ts.map((t2) => `"${t2}"`).join(" AND ")})`);
  }
  return groups.size > 0 ? [...groups].join(" OR ") : void 0;
}
var ID_SPAN = 2 ** 11;
var LAST_MS = Math.floor(Number.MAX_SAFE_INTEGER / ID_SPAN) - 1;
var keyOf = (iso, id = 0) => Math.min(Date.parse(iso), LAST_MS) * ID_SPAN + id % ID_SPAN;
function tiers(e) {
  const within = (cols) => `${cols} : (${e})`;
  return [
    { table: "search_headline", expr: within("{title}") },
    { table: "search_headline", expr: `${within("{title summary}")} NOT ${within("{title}")}` },
    { table: "search_headline", expr: `(${e}) NOT ${within("{title summary}")}` },
    { table: "search_index", expr: `(${e}) NOT ${within("{title summary extra}")}` }
  ];
}
function conditions(table, expr, q) {
  const rowid = sql.ref(`${table}.rowid`);
  const parts = [sql`${sql.table(table)} match ${expr}`, sql`${rowid} < ${keyOf(q.now) + ID_SPAN}`];
  if (q.from !== void 0) parts.push(sql`${rowid} >= ${keyOf(q.from)}`);
  if (q.before !== void 0) parts.push(sql`${rowid} < ${keyOf(q.before)}`);
  if (q.sectionId !== void 0) parts.push(sql`search_meta.section_id = ${q.sectionId}`);
  return sql.join(parts, sql` and `);
}
async function tierRows(db, table, expr, q, limit, offset) {
  const r = await sql`
    select search_meta.article_id as id, search_meta.rank_key as key
    from ${sql.table(table)} cross join search_meta on search_meta.rank_key = ${sql.ref(`${table}.rowid`)}
    where ${conditions(table, expr, q)}
    order by ${sql.ref(`${table}.rowid`)} desc
    limit ${limit} offset ${offset}`.execute(db);
  return r.rows;
}
async function tierCount(db, table, expr, q) {
  const r = await sql`
    select count(*) as n from ${sql.table(table)} cross join search_meta on search_meta.rank_key = ${sql.ref(`${table}.rowid`)}
    where ${conditions(table, expr, q)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
var fts5Index = {
  async upsert(db, doc) {
    await this.remove(db, doc.articleId);
    let key = keyOf(doc.publishAt, doc.articleId);
    while ((await sql`select 1 from search_meta where rank_key = ${key}`.execute(db)).rows.length > 0) key += 1;
    await sql`insert into search_meta (rank_key, article_id, section_id) values (${key}, ${doc.articleId}, ${doc.sectionId})`.execute(db);
    const [title, summary, extra] = [terms(doc.title, doc.lang), terms(doc.summary, doc.lang), terms(doc.extra, doc.lang)];
    await sql`insert into search_index (rowid, title, summary, body, extra, plain) values (
      ${key}, ${title}, ${summary}, ${terms(doc.body, doc.lang)}, ${extra}, ${doc.plain})`.execute(db);
    await sql`insert into search_headline (rowid, title, summary, extra) values (${key}, ${title}, ${summary}, ${extra})`.execute(db);
  },
  async remove(db, articleId) {
    await sql`delete from search_index where rowid in (select rank_key from search_meta where article_id = ${articleId})`.execute(db);
    await sql`delete from search_headline where rowid in (select rank_key from search_meta where article_id = ${articleId})`.execute(db);
    await sql`delete from search_meta where article_id = ${articleId}`.execute(db);
  },
  async clear(db) {
    await sql`delete from search_index`.execute(db);
    await sql`delete from search_headline`.execute(db);
    await sql`delete from search_meta`.execute(db);
  },
  async rebuilt() {
  },
  async query(db, q) {
    const expr = matchExpression(q.words);
    if (expr === void 0) return [];
    const found = await pageThroughTiers(
      tiers(expr).map(({ table, expr: e }) => ({
        count: () => tierCount(db, table, e, q),
        rows: (limit, offset) => tierRows(db, table, e, q, limit, offset)
      })),
      q.offset,
      q.limit
    );
    if (found.length === 0) return [];
    const texts = await sql`
      select rowid as key, plain from search_index where rowid in (${sql.join(found.map((f) => f.key))})`.execute(db);
    const plain = new Map(texts.rows.map((r) => [r.key, r.plain]));
    return found.map((f) => ({ id: f.id, plain: plain.get(f.key) ?? "" }));
  }
};

// src/modules/search/search.tsvector.repository.ts
import { sql as sql2 } from "kysely";
var CONFIG = { fr: "palabre_fr", en: "palabre_en" };
function tsquery(words4, weights) {
  const text = words4.map((w) => weights ? `${w}:${weights}` : w).join(" & ");
  return sql2`(to_tsquery('palabre_fr', ${text}) || to_tsquery('palabre_en', ${text}))`;
}
function tiers2(words4) {
  const [a, ab, abc] = ["A", "AB", "ABC"].map((w) => tsquery(words4, w));
  return [
    sql2`search_index.headline @@ ${a}`,
    sql2`search_index.headline @@ ${ab} and not search_index.headline @@ ${a}`,
    sql2`search_index.headline @@ ${abc} and not search_index.headline @@ ${ab}`,
    sql2`search_index.document @@ ${tsquery(words4, "")} and not search_index.headline @@ ${abc}`
  ];
}
function filters(q) {
  const parts = [sql2`search_index.publish_at <= ${q.now}`];
  if (q.sectionId !== void 0) parts.push(sql2`search_index.section_id = ${q.sectionId}`);
  if (q.from !== void 0) parts.push(sql2`search_index.publish_at >= ${q.from}`);
  if (q.before !== void 0) parts.push(sql2`search_index.publish_at < ${q.before}`);
  return sql2.join(parts, sql2` and `);
}
var tsvectorIndex = {
  async upsert(db, doc) {
    const cfg = CONFIG[doc.lang];
    const v = (text, weight) => sql2`setweight(to_tsvector(${cfg}::regconfig, ${text}), ${weight})`;
    const headline = sql2`${v(doc.title, "A")} || ${v(doc.summary, "B")} || ${v(doc.extra, "C")}`;
    await sql2`insert into search_index (article_id, headline, document, plain, publish_at, section_id) values (
      ${doc.articleId}, ${headline}, ${headline} || ${v(doc.body, "D")}, ${doc.plain}, ${doc.publishAt}, ${doc.sectionId})
      on conflict (article_id) do update set headline = excluded.headline, document = excluded.document, plain = excluded.plain,
        publish_at = excluded.publish_at, section_id = excluded.section_id`.execute(db);
  },
  async remove(db, articleId) {
    await sql2`delete from search_index where article_id = ${articleId}`.execute(db);
  },
  async clear(db) {
    await sql2`delete from search_index`.execute(db);
  },
  async rebuilt(db) {
    await sql2`analyze search_index`.execute(db);
  },
  async query(db, q) {
    if (q.words.length === 0) return [];
    const upTo = q.offset + q.limit;
    const branches = tiers2(q.words).map(
      (tier) => sql2`(select search_index.article_id as id, search_index.plain as plain from search_index
        where ${tier} and ${filters(q)}
        order by search_index.publish_at desc, search_index.article_id desc
        limit ${upTo})`
    );
    const r = await sql2`select id, plain from (${sql2.join(branches, sql2` union all `)}) as found
      limit ${q.limit} offset ${q.offset}`.execute(db);
    return r.rows;
  }
};

// src/modules/search/search.index.ts
var INDEXES = { fts5: fts5Index, tsvector: tsvectorIndex };
function searchIndexFor(dialect) {
  return INDEXES[dialect.fullText];
}

// src/modules/search/search.plain.ts
import MarkdownIt2 from "markdown-it";
var md = new MarkdownIt2({ html: false, linkify: false, typographer: false });
function inlineText(children) {
  let out = "";
  for (const c of children ?? []) {
    if (c.type === "text" || c.type === "code_inline" || c.type === "html_inline") out += c.content;
    else if (c.type === "softbreak" || c.type === "hardbreak") out += " ";
    else if (c.type === "image") out += inlineText(c.children);
  }
  return out;
}
function markdownToText(markdown) {
  const blocks = [];
  for (const t2 of md.parse(markdown, {})) {
    if (t2.type === "inline") blocks.push(inlineText(t2.children));
    else if (t2.type === "fence" || t2.type === "code_block" || t2.type === "html_block") blocks.push(t2.content.trim());
  }
  return blocks.filter(Boolean).join("\n");
}

// src/modules/articles/article-lists.repository.ts
async function countUnpublished(db, now, authorId) {
  let q = db.selectFrom("articles").select([
    (eb) => eb.fn.sum(eb.case().when("status", "=", "draft").then(1).else(0).end()).as("drafts"),
    (eb) => eb.fn.sum(eb.case().when(eb.and([eb("status", "=", "published"), eb("publish_at", ">", now)])).then(1).else(0).end()).as("scheduled")
  ]);
  if (authorId !== void 0)
    q = q.where((eb) => eb.exists(eb.selectFrom("article_authors").select("article_id").whereRef("article_authors.article_id", "=", "articles.id").where("article_authors.user_id", "=", authorId)));
  const r = await q.executeTakeFirstOrThrow();
  return { drafts: Number(r.drafts ?? 0), scheduled: Number(r.scheduled ?? 0) };
}
async function findArticlesByIds(db, ids2) {
  if (ids2.length === 0) return [];
  const rows = await articlesQuery(db).where("articles.id", "in", ids2).execute();
  const byId = new Map((await hydrateArticles(db, rows)).map((a) => [a.id, a]));
  return ids2.flatMap((id) => byId.get(id) ?? []);
}

// src/modules/articles/tag.repository.ts
import { sql as sql3 } from "kysely";
async function listTagArticleIds(db, tagId) {
  const rows = await db.selectFrom("article_tags").select("article_id").where("tag_id", "=", tagId).execute();
  return rows.map((r) => r.article_id);
}
async function findTagIdByOldSlug(db, slug2) {
  const r = await db.selectFrom("tag_slugs").select("tag_id").where("slug", "=", slug2).executeTakeFirst();
  return r?.tag_id;
}
async function findTagById(db, id) {
  return db.selectFrom("tags").select(["id", "slug", "name"]).where("id", "=", id).executeTakeFirst();
}
async function updateTag(db, tag, next) {
  await db.updateTable("tags").set(next).where("id", "=", tag.id).execute();
  if (next.slug === tag.slug) return;
  await db.deleteFrom("tag_slugs").where("slug", "=", next.slug).execute();
  await recordOldTagSlug(db, tag.slug, tag.id);
}
async function recordOldTagSlug(db, slug2, tagId) {
  await db.insertInto("tag_slugs").values({ slug: slug2, tag_id: tagId }).onConflict((oc) => oc.column("slug").doUpdateSet({ tag_id: tagId })).execute();
}
async function mergeTags(db, from, into) {
  await db.insertInto("article_tags").columns(["article_id", "tag_id"]).expression(db.selectFrom("article_tags").select(["article_id", sql3.lit(into.id).as("tag_id")]).where("tag_id", "=", from.id)).onConflict((oc) => oc.columns(["article_id", "tag_id"]).doNothing()).execute();
  await db.updateTable("tag_slugs").set({ tag_id: into.id }).where("tag_id", "=", from.id).execute();
  await recordOldTagSlug(db, from.slug, into.id);
  await db.deleteFrom("tags").where("id", "=", from.id).execute();
}
async function bumpArticleVersions(db, ids2) {
  if (ids2.length === 0) return;
  await db.updateTable("articles").set((eb) => ({ version: eb("version", "+", 1) })).where("id", "in", ids2).execute();
}
async function listTagsWithCounts(db, limit = 500) {
  const rows = await db.selectFrom("tags").leftJoin("article_tags", "article_tags.tag_id", "tags.id").select(["tags.slug", "tags.name", (eb) => eb.fn.count("article_tags.article_id").as("count")]).groupBy(["tags.id", "tags.slug", "tags.name"]).orderBy("count", "desc").orderBy("tags.name").limit(limit).execute();
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

// src/modules/articles/article.read-model.ts
function getArticleById(deps, id) {
  return findArticleById(deps.db, id);
}
function getArticleBySlug(deps, slug2) {
  return findArticleBySlug(deps.db, slug2);
}
function getArticleIdByFormerSlug(deps, slug2) {
  return findArticleIdByOldSlug(deps.db, slug2);
}
function getArticlesByIds(deps, ids2) {
  return findArticlesByIds(deps.db, ids2);
}
function listArticleRows(deps, filter) {
  return listArticles(deps.db, filter);
}
function countUnpublishedArticles(deps, now, authorId) {
  return countUnpublished(deps.db, now, authorId);
}
function bumpArticleVersion2(deps, id) {
  return bumpArticleVersion(deps.db, id);
}
function getSections(deps) {
  return listSections(deps.db);
}
function getSectionBySlug(deps, slug2) {
  return findSectionBySlug(deps.db, slug2);
}
function getTagBySlug(deps, slug2) {
  return findTagBySlug(deps.db, slug2);
}
function getSectionsWithCounts(deps) {
  return listSectionsWithCounts(deps.db);
}
function getTagsWithCounts(deps) {
  return listTagsWithCounts(deps.db);
}

// src/modules/search/search.snippet.ts
var SNIPPET_WORDS = 32;
var LEAD = 8;
function matcher(wanted, lang) {
  return (word) => {
    const t2 = term(word, lang);
    return wanted.has(t2) ? t2 : void 0;
  };
}
function highlight(text, lang, wanted, maxWords) {
  const ws = words2(text);
  const match = matcher(wanted, lang);
  const hits = ws.map((w) => match(w.word));
  let first = 0;
  let last = ws.length;
  if (maxWords !== void 0 && ws.length > maxWords) {
    let best = -1;
    for (let i = 0; i < ws.length; i++) {
      if (hits[i] === void 0) continue;
      const start = Math.max(0, Math.min(i - LEAD, ws.length - maxWords));
      const distinct = new Set(hits.slice(start, start + maxWords).filter((h) => h !== void 0)).size;
      if (distinct > best) {
        best = distinct;
        first = start;
      }
    }
    last = Math.min(ws.length, first + maxWords);
  }
  const from = first === 0 ? 0 : ws[first]?.start ?? 0;
  const to = last === ws.length ? text.length : ws[last - 1]?.end ?? text.length;
  const out = [];
  const plain = (s2) => {
    const t2 = s2.replace(/\s+/g, " ");
    if (t2) out.push({ text: t2, mark: false });
  };
  if (from > 0) plain("\u2026 ");
  let at = from;
  for (let i = first; i < last; i++) {
    const w = ws[i];
    if (!w || hits[i] === void 0) continue;
    plain(text.slice(at, w.start));
    out.push({ text: w.word, mark: true });
    at = w.end;
  }
  plain(text.slice(at, to));
  if (to < text.length) plain(" \u2026");
  return out;
}

// src/modules/search/search.service.ts
function toDocument(a) {
  const body = markdownToText(a.body);
  return {
    articleId: a.id,
    lang: searchLang(a.lang),
    title: a.title,
    summary: a.summary,
    body,
    extra: [...a.tags.map((t2) => t2.name), a.section?.name ?? ""].join(" "),
    plain: a.summary ? `${a.summary}
${body}` : body,
    publishAt: a.publishAt ?? a.createdAt,
    sectionId: a.section?.id ?? null
  };
}
async function indexArticle(deps, articleId) {
  const index = searchIndexFor(deps.dialect);
  const a = await getArticleById(deps, articleId);
  if (!a || a.storedStatus !== "published") return index.remove(deps.db, articleId);
  await index.upsert(deps.db, toDocument(a));
}
function installSearchHooks(deps) {
  const safely = async (articleId, fn) => {
    try {
      await fn();
    } catch (err) {
      deps.log.error({ err, articleId }, "search indexing failed");
    }
  };
  deps.hooks.on("article.saved", ({ articleId }) => safely(articleId, () => indexArticle(deps, articleId)));
  deps.hooks.on("article.deleted", ({ articleId }) => safely(articleId, () => searchIndexFor(deps.dialect).remove(deps.db, articleId)));
}
var DAY_MS = 864e5;
async function searchArticles(deps, o) {
  const words4 = queryWords(o.q);
  const terms2 = queryTerms(o.q);
  if (terms2.fr.length === 0 && terms2.en.length === 0) return { hits: [], more: false };
  if (o.from && o.to && o.to < o.from) throw new ValidationError("to", "the end date is before the start date");
  let sectionId2;
  if (o.section) {
    const s2 = await getSectionBySlug(deps, o.section);
    if (!s2) return { hits: [], more: false };
    sectionId2 = s2.id;
  }
  const found = await searchIndexFor(deps.dialect).query(deps.db, {
    words: words4,
    now: deps.clock.now().toISOString(),
    sectionId: sectionId2,
    from: o.from ? (/* @__PURE__ */ new Date(`${o.from}T00:00:00.000Z`)).toISOString() : void 0,
    before: o.to ? new Date((/* @__PURE__ */ new Date(`${o.to}T00:00:00.000Z`)).getTime() + DAY_MS).toISOString() : void 0,
    offset: o.offset,
    limit: o.limit + 1
  });
  const page4 = found.slice(0, o.limit);
  const articles = await getArticlesByIds(deps, page4.map((h) => h.id));
  const wanted = /* @__PURE__ */ new Set([...terms2.fr, ...terms2.en]);
  const plain = new Map(page4.map((h) => [h.id, h.plain]));
  const hits = articles.map((article) => {
    const lang = searchLang(article.lang);
    return {
      article,
      title: highlight(article.title, lang, wanted),
      snippet: highlight(plain.get(article.id) ?? "", lang, wanted, SNIPPET_WORDS)
    };
  });
  return { hits, more: found.length > o.limit };
}

// src/modules/search/search.api.ts
var cursorSchema = z8.object({ offset: z8.number().int().min(0).max(1e4) });
function encodeOffset(offset) {
  return Buffer.from(JSON.stringify({ offset })).toString("base64url");
}
function decodeOffset(after) {
  try {
    const parsed2 = cursorSchema.safeParse(JSON.parse(Buffer.from(after, "base64url").toString("utf8")));
    if (parsed2.success) return parsed2.data.offset;
  } catch {
  }
  throw new ValidationError("after", "invalid cursor");
}
async function searchArticlesPage(deps, o) {
  const offset = o.after ? decodeOffset(o.after) : 0;
  const found = await searchArticles(deps, { q: o.q, section: o.section, offset, limit: o.limit });
  return { articles: found.hits.map((h) => h.article), next: found.more ? encodeOffset(offset + o.limit) : null };
}

// src/modules/articles/article.service.ts
async function uniqueSlug(deps, wanted, exceptId) {
  let candidate = wanted;
  for (let n = 2; await slugExists(deps.db, candidate, exceptId); n++) candidate = `${wanted.slice(0, 75)}-${n}`;
  return candidate;
}
async function sectionId(deps, slug2) {
  if (!slug2) return null;
  const s2 = await findSectionBySlug(deps.db, slug2);
  if (!s2) throw new ValidationError("section", `no section with slug "${slug2}"`);
  return s2.id;
}
function tagValues(tags5) {
  const seen = /* @__PURE__ */ new Map();
  for (const t2 of tags5) seen.set(slugify(t2), t2);
  return [...seen].map(([slug2, name]) => ({ slug: slug2, name }));
}
async function checkImage(deps, id) {
  if (id === null || id === void 0) return;
  if (!await getMedia(deps, id)) throw new ValidationError("image", `no media with id ${id}`);
}
async function checkAuthors(deps, ids2) {
  const found = await usersByIds(deps, ids2);
  const missing = ids2.find((id) => !found.some((u) => u.id === id));
  if (missing !== void 0) throw new ValidationError("authors", `no account with id ${missing}`);
}
function publication(status, publishAt, now, current) {
  if (status === "draft") return { status: "draft", publish_at: publishAt ?? current ?? null };
  if (status === "scheduled") {
    if (!publishAt && !current) throw new ValidationError("publishAt", "a scheduled article needs publishAt");
    return { status: "published", publish_at: new Date(publishAt ?? current ?? now).toISOString() };
  }
  return { status: "published", publish_at: publishAt ? new Date(publishAt).toISOString() : current ?? now.toISOString() };
}
async function afterChange(deps, articleId) {
  await deps.hooks.emit("article.saved", { articleId });
  await deps.cache.invalidate([`article:${articleId}`, "lists"]);
}
async function createArticle(deps, user, input) {
  assertArticle(user, "article:create");
  if (input.status !== "draft") assertArticle(user, "article:publish");
  const now = deps.clock.now();
  const iso = now.toISOString();
  const authors = input.authors ?? [user.id];
  const id = await conflictOnDuplicateSlug(deps, () => deps.dialect.writeTransaction(deps.db, async (db) => {
    const scoped = { ...deps, db };
    await checkAuthors(scoped, authors);
    await checkImage(scoped, input.image);
    const values = {
      slug: await uniqueSlug(scoped, input.slug ?? slugify(input.title)),
      title: input.title,
      summary: input.summary,
      body: input.body,
      section_id: await sectionId(scoped, input.section),
      dateline: input.dateline,
      ...publication(input.status, input.publishAt, now),
      comments_open: input.commentsOpen ? 1 : 0,
      slow_mode_minutes: input.slowModeMinutes ?? 0,
      image_id: input.image ?? null,
      correction: input.correction ?? null,
      lang: input.lang ?? deps.config.locale
    };
    const articleId = await insertArticle(db, values, iso);
    await replaceArticleTags(db, articleId, tagValues(input.tags));
    await replaceArticleAuthors(db, articleId, authors);
    await insertRevision(db, { article_id: articleId, author_id: user.id, title: values.title, summary: values.summary, body: values.body, created_at: iso });
    return articleId;
  }));
  await afterChange(deps, id);
  return getArticle(deps, user, id);
}
async function conflictOnDuplicateSlug(deps, write2) {
  try {
    return await write2();
  } catch (err) {
    if (deps.dialect.classifyError(err) === "unique") throw new ConflictError("another article took this slug at the same time; try again", "slug");
    throw err;
  }
}
async function getArticle(deps, user, id) {
  const a = await findArticleById(deps.db, id);
  if (!a) throw new NotFoundError("article");
  if (!isVisible(a, deps.clock.now()) && !canArticle(user, "article:read-unpublished", subject(a))) throw new NotFoundError("article");
  return a;
}
function subject(a) {
  return { authorIds: a.authors.map((x) => x.id), storedStatus: a.storedStatus };
}
async function updateArticle(deps, user, id, patch) {
  const current = await findArticleById(deps.db, id);
  if (!current) throw new NotFoundError("article");
  assertArticle(user, "article:update", subject(current));
  const wantsPublication = patch.status !== void 0 && patch.status !== "draft";
  if (wantsPublication || current.storedStatus === "published" && patch.publishAt !== void 0) assertArticle(user, "article:publish", subject(current));
  const now = deps.clock.now();
  const iso = now.toISOString();
  await conflictOnDuplicateSlug(deps, () => deps.dialect.writeTransaction(deps.db, async (db) => {
    const scoped = { ...deps, db };
    const v = {};
    if (patch.title !== void 0) v.title = patch.title;
    if (patch.summary !== void 0) v.summary = patch.summary;
    if (patch.body !== void 0) v.body = patch.body;
    if (patch.dateline !== void 0) v.dateline = patch.dateline;
    if (patch.commentsOpen !== void 0) v.comments_open = patch.commentsOpen ? 1 : 0;
    if (patch.image !== void 0) {
      await checkImage(scoped, patch.image);
      v.image_id = patch.image;
    }
    if (patch.correction !== void 0) v.correction = patch.correction;
    if (patch.lang !== void 0) v.lang = patch.lang;
    if (patch.moderation !== void 0) v.moderation = patch.moderation;
    if (patch.slowModeMinutes !== void 0) v.slow_mode_minutes = patch.slowModeMinutes;
    if (patch.section !== void 0) v.section_id = await sectionId(scoped, patch.section);
    if (patch.status !== void 0 || patch.publishAt !== void 0) {
      const status = patch.status ?? effectiveStatus(current, now);
      Object.assign(v, publication(status, patch.publishAt === null ? void 0 : patch.publishAt, now, patch.publishAt === null ? null : current.publishAt));
    }
    if (patch.slug !== void 0 && patch.slug !== current.slug) {
      v.slug = await uniqueSlug(scoped, patch.slug, id);
      await insertOldSlug(db, current.slug, id);
    }
    await updateArticleRow(db, id, v, iso);
    if (patch.tags !== void 0) await replaceArticleTags(db, id, tagValues(patch.tags));
    if (patch.authors !== void 0) {
      await checkAuthors(scoped, patch.authors);
      await replaceArticleAuthors(db, id, patch.authors);
    }
    const textChanged = patch.title !== void 0 && patch.title !== current.title || patch.summary !== void 0 && patch.summary !== current.summary || patch.body !== void 0 && patch.body !== current.body;
    if (textChanged) {
      await insertRevision(db, {
        article_id: id,
        author_id: user.id,
        title: patch.title ?? current.title,
        summary: patch.summary ?? current.summary,
        body: patch.body ?? current.body,
        created_at: iso
      });
    }
  }));
  await afterChange(deps, id);
  return getArticle(deps, user, id);
}
async function deleteArticle(deps, user, id) {
  const current = await findArticleById(deps.db, id);
  if (!current) throw new NotFoundError("article");
  assertArticle(user, "article:delete", subject(current));
  await deleteArticleRow(deps.db, id);
  await deps.hooks.emit("article.deleted", { articleId: id });
  await deps.cache.invalidate([`article:${id}`, "lists"]);
}
async function listArticlesPage(deps, user, o) {
  if (o.q?.trim()) return searchArticlesPage(deps, { ...o, q: o.q });
  const now = deps.clock.now().toISOString();
  const staff2 = canArticle(user, "article:read-unpublished");
  if (o.status && o.status !== "published" && !staff2) assertArticle(user, "article:read-unpublished");
  let sectionIdValue;
  if (o.section) {
    const s2 = await findSectionBySlug(deps.db, o.section);
    if (!s2) return { articles: [], next: null };
    sectionIdValue = s2.id;
  }
  const before = o.after ? decodeCursor(o.after) : void 0;
  const rows = await listArticles(deps.db, {
    now,
    limit: o.limit + 1,
    ...o.status ? { status: o.status } : staff2 ? {} : { visibleAt: now },
    ...sectionIdValue !== void 0 ? { sectionId: sectionIdValue } : {},
    ...before ? { before } : {}
  });
  let articles = rows.slice(0, o.limit);
  if (seesOwnWorkOnly(user)) articles = articles.filter((a) => isVisible(a, deps.clock.now()) || a.authors.some((x) => x.id === user.id));
  const last = rows.length > o.limit ? rows[o.limit - 1] : void 0;
  return { articles, next: last ? encodeCursor({ key: last.publishAt ?? last.createdAt, id: last.id }) : null };
}
function encodeCursor(c) {
  return Buffer.from(JSON.stringify([c.key, c.id])).toString("base64url");
}
function decodeCursor(s2) {
  try {
    const v = JSON.parse(Buffer.from(s2, "base64url").toString("utf8"));
    if (Array.isArray(v) && typeof v[0] === "string" && typeof v[1] === "number") return { key: v[0], id: v[1] };
  } catch {
  }
  throw new ValidationError("after", "invalid cursor");
}
async function discussionChanged(deps, id) {
  await bumpArticleVersion(deps.db, id);
  await deps.cache.invalidate([`article:${id}`]);
}
async function setArticleProtection(deps, id, p) {
  await updateProtection(deps.db, id, p ? { protect_mode: p.mode, protect_slow_minutes: p.slowModeMinutes, protect_until: p.until } : { protect_mode: null, protect_slow_minutes: null, protect_until: null });
  await afterChange(deps, id);
}

// src/modules/comments/comment.repository.ts
var PUBLIC_COLUMNS = ["id", "article_id", "parent_id", "user_id", "author_name", "body", "html", "status", "created_at", "likes", "edited_at"];
async function insertComment(db, c) {
  const r = await db.insertInto("comments").values({ ...c, reasons: JSON.stringify(c.reasons), scores: JSON.stringify(c.scores), updated_at: c.created_at, likes: 0 }).returning("id").executeTakeFirstOrThrow();
  return r.id;
}
async function findCommentById(db, id) {
  return db.selectFrom("comments").select(PUBLIC_COLUMNS).where("id", "=", id).executeTakeFirst();
}
async function listPublishedComments(db, articleId) {
  return db.selectFrom("comments").select(PUBLIC_COLUMNS).where("article_id", "=", articleId).where("status", "=", "published").orderBy("created_at").orderBy("id").execute();
}
async function listCommentsPage(db, articleId, order, offset, limit) {
  let q = db.selectFrom("comments").select(PUBLIC_COLUMNS).where("article_id", "=", articleId).where("status", "=", "published");
  if (order === "oldest") q = q.orderBy("created_at", "asc").orderBy("id", "asc");
  else if (order === "newest") q = q.orderBy("created_at", "desc").orderBy("id", "desc");
  else if (order === "top") q = q.orderBy("likes", "desc").orderBy("created_at", "asc").orderBy("id", "asc");
  else {
    q = q.orderBy((eb) => eb.selectFrom("comment_picks").select("picked_at").whereRef("comment_picks.comment_id", "=", "comments.id"), (ob) => ob.desc().nullsLast()).orderBy("created_at", "asc").orderBy("id", "asc");
  }
  return q.offset(offset).limit(limit).execute();
}
async function updateCommentStatus(db, id, status, reasons, now) {
  await db.updateTable("comments").set({ status, reasons: JSON.stringify(reasons), updated_at: now }).where("id", "=", id).execute();
}
async function findReplyPair(db, replyId) {
  return db.selectFrom("comments as r").innerJoin("comments as p", "p.id", "r.parent_id").select([
    "r.id as replyId",
    "r.article_id as articleId",
    "r.body as replyBody",
    "r.author_name as replierName",
    "r.user_id as replierUserId",
    "r.author_email as replierGuestEmail",
    "p.id as parentId",
    "p.status as parentStatus",
    "p.notify_replies as parentNotify",
    "p.author_name as parentName",
    "p.user_id as parentUserId",
    "p.author_email as parentGuestEmail"
  ]).where("r.id", "=", replyId).executeTakeFirst();
}
async function markReplyNotified(db, replyId, now) {
  const r = await db.updateTable("comments").set({ reply_notified_at: now }).where("id", "=", replyId).where("parent_id", "is not", null).where("status", "=", "published").where("reply_notified_at", "is", null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
async function clearNotifyReplies(db, commentId) {
  await db.updateTable("comments").set({ notify_replies: 0 }).where("id", "=", commentId).execute();
  const row = await db.selectFrom("comments").select("article_id").where("id", "=", commentId).executeTakeFirst();
  return row?.article_id;
}
async function listOwnPending(db, articleId, ids2) {
  if (ids2.length === 0) return [];
  return db.selectFrom("comments").select(["id", "article_id", "parent_id", "user_id", "author_name", "body", "html", "status", "created_at", "likes"]).where("article_id", "=", articleId).where("id", "in", ids2).where("status", "=", "pending").orderBy("id").execute();
}

// src/modules/moderation/moderation.policy.ts
var MODERATORS = ["admin", "editor", "moderator"];
var MANAGERS = ["admin", "editor"];
var STAFF = ["admin", "editor", "author", "moderator"];
var RULES = {
  "moderation:queue": MODERATORS,
  "moderation:decide": MODERATORS,
  "moderation:evaluate": MODERATORS,
  "moderation:ban": MODERATORS,
  "moderation:log": MODERATORS,
  "moderation:read-edits": MODERATORS,
  "moderation:skip": STAFF,
  "settings:read": MANAGERS,
  "settings:update": MANAGERS
};
var REFUSALS = {
  "settings:read": "only editors and admins manage discussion settings",
  "settings:update": "only editors and admins manage discussion settings",
  "moderation:read-edits": "only moderators, editors and admins see former texts"
};
function canModerate(user, action) {
  return user !== null && RULES[action].includes(user.role);
}
function assertModeration(user, action) {
  if (!user) throw new UnauthorizedError();
  if (!canModerate(user, action)) throw new ForbiddenError(REFUSALS[action] ?? "only moderators, editors and admins moderate comments");
}

// src/modules/comments/comment.policy.ts
function canComment(user, action, subject2) {
  switch (action) {
    case "comment:edit":
      if (!subject2) return false;
      return subject2.authorUserId !== null ? user?.id === subject2.authorUserId : subject2.ownIds.includes(subject2.commentId);
    case "comment:read-edits":
      return canModerate(user, "moderation:read-edits");
    case "comment:pick":
      return user !== null && ["admin", "editor", "author", "moderator"].some((r) => r === user.role);
    case "comment:post-unthrottled":
      return user !== null && user.role !== "reader";
  }
}
var REFUSALS2 = {
  "comment:edit": "only its author may edit a comment",
  "comment:read-edits": "only moderators, editors and admins see former texts",
  "comment:post-unthrottled": "not allowed",
  "comment:pick": "only moderators and journalists pick comments"
};
function assertComment(user, action, subject2) {
  if (canComment(user, action, subject2)) return;
  if (!user && action !== "comment:edit") throw new UnauthorizedError();
  throw new ForbiddenError(REFUSALS2[action]);
}

// src/modules/comments/comment.picks.repository.ts
async function insertPick(db, commentId, by, at) {
  await db.insertInto("comment_picks").values({ comment_id: commentId, picked_by: by, picked_at: at }).onConflict((oc) => oc.column("comment_id").doNothing()).execute();
}
async function deletePick(db, commentId) {
  await db.deleteFrom("comment_picks").where("comment_id", "=", commentId).execute();
}
async function listPickedOfArticle(db, articleId) {
  return db.selectFrom("comment_picks").innerJoin("comments", "comments.id", "comment_picks.comment_id").select(["comment_picks.comment_id", "comment_picks.picked_at"]).where("comments.article_id", "=", articleId).orderBy("comment_picks.picked_at", "desc").execute();
}

// src/modules/comments/comment.picks.ts
async function setPick(deps, user, commentId, picked) {
  assertComment(user, "comment:pick");
  const who = user;
  const c = await findCommentById(deps.db, commentId);
  if (!c || c.status !== "published") throw new NotFoundError("comment");
  if (picked) await insertPick(deps.db, c.id, who.id, deps.clock.now().toISOString());
  else await deletePick(deps.db, c.id);
  await discussionChanged(deps, c.article_id);
  return { id: c.id, picked };
}
async function pickedOfArticle(deps, articleId) {
  return (await listPickedOfArticle(deps.db, articleId)).map((p) => p.comment_id);
}
async function markPicksAndStaff(deps, articleId, rows) {
  const picked = new Set(await pickedOfArticle(deps, articleId));
  const userIds = [...new Set(rows.map((r) => r.user_id).filter((id) => id !== null))];
  const staff2 = new Set((await usersByIds(deps, userIds)).filter((u) => u.role !== "reader").map((u) => u.id));
  return rows.map((r) => ({ ...r, picked: picked.has(r.id), staff: r.user_id !== null && staff2.has(r.user_id) }));
}

// src/modules/comments/reaction.views.tsx
import { jsx as jsx2, jsxs as jsxs2 } from "preact/jsx-runtime";
function LikeButton({ c, t: t2, liked, returnTo }) {
  return /* @__PURE__ */ jsxs2("form", { method: "post", action: `/comments/${c.id}/like`, class: "like-form", "data-comment-id": c.id, children: [
    /* @__PURE__ */ jsx2("input", { type: "hidden", name: "like", value: liked ? "0" : "1" }),
    returnTo ? /* @__PURE__ */ jsx2("input", { type: "hidden", name: "return", value: returnTo }) : null,
    /* @__PURE__ */ jsxs2("button", { type: "submit", class: "like-button", "aria-pressed": liked ? "true" : "false", children: [
      /* @__PURE__ */ jsx2("span", { class: "like-label", children: t2("comments.like") }),
      " ",
      /* @__PURE__ */ jsx2("span", { class: "like-count", children: c.likes })
    ] })
  ] });
}
function EditedMark({ editedAt, t: t2, locale }) {
  if (!editedAt) return null;
  return /* @__PURE__ */ jsxs2("span", { class: "comment-edited", children: [
    " \xB7 ",
    /* @__PURE__ */ jsx2("time", { dateTime: editedAt, title: formatDate(locale, editedAt), children: t2("comments.edited") })
  ] });
}
var sameQuerySort = (s2) => s2 === "oldest" ? "?#comments" : `?sort=${s2}#comments`;
function SortLinks({ sort, t: t2, href = sameQuerySort }) {
  return /* @__PURE__ */ jsx2("nav", { class: "comment-sort", "aria-label": t2("comments.sort_label"), children: /* @__PURE__ */ jsx2("ul", { children: COMMENT_SORTS.map((s2) => /* @__PURE__ */ jsx2("li", { children: /* @__PURE__ */ jsx2("a", { href: href(s2), "aria-current": s2 === sort ? "page" : void 0, children: t2(`comments.sort.${s2}`) }) })) }) });
}

// src/modules/comments/comment.views.tsx
import { jsx as jsx3, jsxs as jsxs3 } from "preact/jsx-runtime";
var defaultReplyHref = (id) => `?replyTo=${id}#comment-form`;
function CommentItem({
  node,
  t: t2,
  locale,
  open,
  replyHref = defaultReplyHref,
  liked,
  returnTo
}) {
  const c = node.comment;
  return /* @__PURE__ */ jsxs3("li", { class: "comment", id: `comment-${c.id}`, "data-id": c.id, children: [
    /* @__PURE__ */ jsxs3("article", { "aria-labelledby": `comment-${c.id}-author`, children: [
      /* @__PURE__ */ jsxs3("header", { class: "comment-meta", children: [
        /* @__PURE__ */ jsx3("span", { class: "comment-author", id: `comment-${c.id}-author`, children: c.author_name }),
        " ",
        /* @__PURE__ */ jsx3("a", { class: "comment-date", href: `#comment-${c.id}`, children: /* @__PURE__ */ jsx3("time", { dateTime: c.created_at, children: t2("comments.said_at", { date: formatDate(locale, c.created_at) }) }) }),
        /* @__PURE__ */ jsx3(EditedMark, { editedAt: c.edited_at, t: t2, locale }),
        c.staff ? /* @__PURE__ */ jsx3("span", { class: "badge badge-staff", children: t2("comments.badge.staff") }) : null,
        c.picked ? /* @__PURE__ */ jsx3("span", { class: "badge badge-pick", children: t2("comments.badge.pick") }) : null
      ] }),
      /* @__PURE__ */ jsx3("div", { class: "comment-body", dangerouslySetInnerHTML: { __html: c.html } }),
      open ? /* @__PURE__ */ jsx3("p", { class: "comment-actions", children: /* @__PURE__ */ jsx3("a", { class: "reply-link", href: replyHref(c.id), "data-reply-to": c.id, "data-reply-name": c.author_name, children: t2("comments.reply") }) }) : null,
      /* @__PURE__ */ jsx3(LikeButton, { c, t: t2, liked: liked?.has(c.id) ?? false, returnTo }),
      /* @__PURE__ */ jsx3("form", { method: "post", action: `/comments/${c.id}/report`, class: "report-form", "data-comment-id": c.id, children: /* @__PURE__ */ jsx3("button", { type: "submit", class: "report-button", children: t2("moderation.report") }) })
    ] }),
    node.children.length > 0 ? /* @__PURE__ */ jsx3("ol", { class: "comment-replies", children: node.children.map((child) => /* @__PURE__ */ jsx3(CommentItem, { node: child, t: t2, locale, open, replyHref, liked, returnTo })) }) : null
  ] });
}
function Discussion(p) {
  const { t: t2 } = p;
  const countText = p.count === 0 ? t2("comments.count_zero") : p.count === 1 ? t2("comments.count_one") : t2("comments.count_many", { count: p.count });
  return /* @__PURE__ */ jsxs3("section", { class: "discussion", "aria-labelledby": "discussion-title", "data-article-id": p.articleId, "data-open": p.open ? "1" : "0", children: [
    /* @__PURE__ */ jsx3("h2", { id: "discussion-title", children: t2("comments.title") }),
    /* @__PURE__ */ jsx3("p", { class: "comment-count", "aria-live": "polite", children: countText }),
    /* @__PURE__ */ jsx3("p", { class: "notice notice-ok report-done", role: "status", hidden: true, children: t2("moderation.report.done") }),
    p.sort !== void 0 && p.count > 1 ? /* @__PURE__ */ jsx3(SortLinks, { sort: p.sort, t: t2, href: p.sortHref }) : null,
    /* @__PURE__ */ jsx3(
      "ol",
      {
        class: "comments",
        id: "comments",
        "data-pending-label": t2("moderation.mine.pending"),
        "data-edit-label": t2("comments.edit"),
        "data-edit-body-label": t2("comments.edit_body"),
        "data-save-label": t2("comments.edit_save"),
        "data-cancel-label": t2("comments.edit_cancel"),
        "data-edited-label": t2("comments.edited"),
        "data-edit-held": t2("comments.edit_held"),
        "data-edit-failed": t2("comments.edit_failed"),
        children: p.threads.map((n) => /* @__PURE__ */ jsx3(CommentItem, { node: n, t: t2, locale: p.locale, open: p.open, replyHref: p.replyHref, liked: p.liked, returnTo: p.returnTo }))
      }
    ),
    p.open ? /* @__PURE__ */ jsx3(CommentForm, { ...p }) : /* @__PURE__ */ jsx3("p", { class: "comments-closed", children: t2("comments.closed") })
  ] });
}
function CommentForm(p) {
  const { t: t2, form } = p;
  const guestsAllowed = p.settings.guests !== "accounts-only";
  const required = p.settings.guests === "name-email";
  return /* @__PURE__ */ jsxs3("section", { class: "comment-form-section", "aria-labelledby": "comment-form-title", children: [
    /* @__PURE__ */ jsx3("h3", { id: "comment-form-title", children: form.replyTo ? t2("comments.reply_to", { name: form.replyTo.name }) : t2("comments.form_title") }),
    form.message ? /* @__PURE__ */ jsx3("p", { class: `notice notice-${form.message.kind}`, role: form.message.kind === "error" ? "alert" : "status", children: form.message.text }) : null,
    guestsAllowed ? /* @__PURE__ */ jsxs3("form", { id: "comment-form", class: "comment-form", method: "post", action: `/articles/${p.articleId}/comments`, children: [
      /* @__PURE__ */ jsx3("input", { type: "hidden", name: "parentId", value: form.replyTo ? String(form.replyTo.id) : "" }),
      p.formToken ? /* @__PURE__ */ jsx3("input", { type: "hidden", name: "token", value: p.formToken }) : null,
      /* @__PURE__ */ jsx3("input", { type: "hidden", name: "idempotencyKey", value: crypto.randomUUID() }),
      p.returnTo ? /* @__PURE__ */ jsx3("input", { type: "hidden", name: "return", value: p.returnTo }) : null,
      /* @__PURE__ */ jsxs3("div", { class: "field", children: [
        /* @__PURE__ */ jsxs3("label", { for: "comment-name", children: [
          t2("comments.name"),
          required ? /* @__PURE__ */ jsxs3("span", { class: "req", children: [
            " (",
            t2("comments.required"),
            ")"
          ] }) : null
        ] }),
        /* @__PURE__ */ jsx3("input", { id: "comment-name", name: "name", autocomplete: "name", maxLength: 100, required, value: form.values?.name ?? "" })
      ] }),
      /* @__PURE__ */ jsxs3("div", { class: "field", children: [
        /* @__PURE__ */ jsxs3("label", { for: "comment-email", children: [
          t2("comments.email"),
          required ? /* @__PURE__ */ jsxs3("span", { class: "req", children: [
            " (",
            t2("comments.required"),
            ")"
          ] }) : null
        ] }),
        /* @__PURE__ */ jsx3("input", { id: "comment-email", name: "email", type: "email", autocomplete: "email", maxLength: 320, required, value: form.values?.email ?? "" })
      ] }),
      /* @__PURE__ */ jsxs3("div", { class: "field hp", "aria-hidden": "true", children: [
        /* @__PURE__ */ jsx3("label", { for: "comment-website", children: t2("comments.honeypot") }),
        /* @__PURE__ */ jsx3("input", { id: "comment-website", name: "website", tabIndex: -1, autocomplete: "off" })
      ] }),
      /* @__PURE__ */ jsxs3("div", { class: "field", children: [
        /* @__PURE__ */ jsx3("label", { for: "comment-body", children: t2("comments.body") }),
        /* @__PURE__ */ jsx3("textarea", { id: "comment-body", name: "body", rows: 6, required: true, maxLength: 5e3, children: form.values?.body ?? "" })
      ] }),
      /* @__PURE__ */ jsxs3("div", { class: "field field-check", children: [
        /* @__PURE__ */ jsx3("input", { id: "comment-notify", name: "notifyReplies", type: "checkbox", value: "1", checked: form.values?.notifyReplies === true }),
        /* @__PURE__ */ jsx3("label", { for: "comment-notify", children: t2("notifications.opt_in") })
      ] }),
      /* @__PURE__ */ jsx3("button", { type: "submit", children: t2("comments.submit") })
    ] }) : /* @__PURE__ */ jsx3("p", { children: /* @__PURE__ */ jsx3("a", { href: "/login", children: t2("comments.accounts_only") }) })
  ] });
}

// src/modules/comments/reaction.repository.ts
async function insertLike(db, commentId, liker, now) {
  const r = await db.insertInto("comment_likes").values({ comment_id: commentId, liker, created_at: now }).onConflict((oc) => oc.columns(["comment_id", "liker"]).doNothing()).executeTakeFirst();
  if (Number(r.numInsertedOrUpdatedRows ?? 0) > 0) await db.updateTable("comments").set((eb) => ({ likes: eb("likes", "+", 1) })).where("id", "=", commentId).execute();
  return countOf(db, commentId);
}
async function deleteLike(db, commentId, liker) {
  const r = await db.deleteFrom("comment_likes").where("comment_id", "=", commentId).where("liker", "=", liker).executeTakeFirst();
  if (Number(r.numDeletedRows) > 0) await db.updateTable("comments").set((eb) => ({ likes: eb("likes", "-", 1) })).where("id", "=", commentId).execute();
  return countOf(db, commentId);
}
async function countOf(db, commentId) {
  const r = await db.selectFrom("comments").select("likes").where("id", "=", commentId).executeTakeFirst();
  return Number(r?.likes ?? 0);
}
async function removeLikesBy(db, liker) {
  const liked = db.selectFrom("comment_likes").select("comment_id").where("liker", "=", liker);
  await db.updateTable("comments").set((eb) => ({ likes: eb("likes", "-", 1) })).where("id", "in", liked).execute();
  await db.deleteFrom("comment_likes").where("liker", "=", liker).execute();
}
async function purgeAddressLikes(db, cutoff) {
  const r = await db.deleteFrom("comment_likes").where("liker", "like", "address:%").where("created_at", "<", cutoff).executeTakeFirst();
  return Number(r.numDeletedRows);
}
async function listLikedIds(db, articleId, liker) {
  const rows = await db.selectFrom("comment_likes").innerJoin("comments", "comments.id", "comment_likes.comment_id").select("comment_likes.comment_id").where("comment_likes.liker", "=", liker).where("comments.article_id", "=", articleId).where("comments.status", "=", "published").execute();
  return rows.map((r) => r.comment_id);
}
async function listLikeCounts(db, articleId, ids2) {
  if (ids2 && ids2.length === 0) return {};
  let q = db.selectFrom("comments").select(["id", "likes"]).where("article_id", "=", articleId).where("status", "=", "published").where("likes", ">", 0);
  if (ids2) q = q.where("id", "in", ids2);
  const rows = await q.execute();
  return Object.fromEntries(rows.map((r) => [String(r.id), Number(r.likes)]));
}
async function findEditableComment(db, id) {
  return db.selectFrom("comments").select(["id", "article_id", "user_id", "author_name", "author_email", "ip_hash", "body", "body_hash", "status", "reasons", "created_at"]).where("id", "=", id).executeTakeFirst();
}
async function listRecentOwnComments(db, articleId, who, since) {
  if (who.userId === null && who.ids.length === 0) return [];
  let q = db.selectFrom("comments").select(["id", "created_at", "body"]).where("article_id", "=", articleId).where("status", "=", "published").where("created_at", ">=", since);
  q = who.userId !== null ? q.where("user_id", "=", who.userId) : q.where("id", "in", who.ids).where("user_id", "is", null);
  return q.orderBy("id").execute();
}
async function applyEdit(db, before, change) {
  await db.insertInto("comment_edits").values({ comment_id: before.id, body: before.body, status: before.status, reasons: before.reasons, edited_at: change.edited_at }).execute();
  await db.updateTable("comments").set({ ...change, updated_at: change.edited_at }).where("id", "=", before.id).execute();
}
async function listCommentEdits(db, commentId) {
  return db.selectFrom("comment_edits").select(["id", "body", "status", "reasons", "edited_at"]).where("comment_id", "=", commentId).orderBy("id").execute();
}

// src/modules/comments/discussion.tsx
import { jsx as jsx4 } from "preact/jsx-runtime";
async function buildDiscussion(deps, request, article, form = {}, view = {}, links2 = {}) {
  const [settings, stored] = await Promise.all([getDiscussionSettings(deps), listPublishedComments(deps.db, article.id)]);
  const rows = await markPicksAndStaff(deps, article.id, stored);
  const sort = view.sort ?? "oldest";
  const parent = view.replyToId !== void 0 ? rows.find((r) => r.id === view.replyToId) : void 0;
  return /* @__PURE__ */ jsx4(
    Discussion,
    {
      articleId: article.id,
      threads: sortThreads(buildThreads(rows, settings.threadDepth), sort),
      sort,
      ...links2.sortHref ? { sortHref: links2.sortHref } : {},
      ...view.liked ? { liked: view.liked } : {},
      count: rows.length,
      open: isDiscussionOpen(article, settings, deps.clock.now()),
      settings,
      t: request.t,
      locale: request.locale,
      form: parent ? { ...form, replyTo: { id: parent.id, name: parent.author_name } } : form,
      formToken: issueFormToken(deps.secret, article.id, deps.clock.now()),
      ...links2.replyHref ? { replyHref: links2.replyHref } : {},
      ...links2.returnTo !== void 0 ? { returnTo: links2.returnTo } : {}
    }
  );
}
function discussionSort(asked) {
  return COMMENT_SORTS.find((s2) => s2 === asked) ?? "oldest";
}
async function readerLikes(deps, request, articleId) {
  return new Set(await listLikedIds(deps.db, articleId, readerKey(deps, request)));
}
function postOutcome(request, outcome) {
  if (outcome === "published") return { kind: "ok", text: request.t("comments.posted_published") };
  if (outcome === "pending") return { kind: "ok", text: request.t("comments.posted_pending") };
  if (outcome === "refused") return { kind: "error", text: request.t("comments.posted_refused") };
  return void 0;
}

// src/modules/accounts/login.views.tsx
import { jsx as jsx5, jsxs as jsxs4 } from "preact/jsx-runtime";
function FormMessage({ kind, text }) {
  return /* @__PURE__ */ jsx5("p", { class: `notice notice-${kind}`, role: kind === "error" ? "alert" : "status", children: text });
}
function LoginForm({ t: t2, email = "", next = "", message }) {
  return /* @__PURE__ */ jsxs4("div", { class: "auth-box", children: [
    /* @__PURE__ */ jsx5("h1", { children: t2("login.title") }),
    message ? /* @__PURE__ */ jsx5(FormMessage, { ...message }) : null,
    /* @__PURE__ */ jsxs4("form", { method: "post", action: "/login", class: "auth-form", children: [
      /* @__PURE__ */ jsx5("input", { type: "hidden", name: "next", value: next }),
      /* @__PURE__ */ jsxs4("p", { class: "field", children: [
        /* @__PURE__ */ jsx5("label", { for: "login-email", children: t2("login.email") }),
        /* @__PURE__ */ jsx5("input", { id: "login-email", type: "email", name: "email", value: email, autocomplete: "username", required: true })
      ] }),
      /* @__PURE__ */ jsxs4("p", { class: "field", children: [
        /* @__PURE__ */ jsx5("label", { for: "login-password", children: t2("login.password") }),
        /* @__PURE__ */ jsx5("input", { id: "login-password", type: "password", name: "password", autocomplete: "current-password", required: true })
      ] }),
      /* @__PURE__ */ jsx5("p", { children: /* @__PURE__ */ jsx5("button", { type: "submit", children: t2("login.submit") }) })
    ] }),
    /* @__PURE__ */ jsx5("p", { children: /* @__PURE__ */ jsx5("a", { href: "/password/forgot", children: t2("login.forgot") }) })
  ] });
}
function ForgotForm({ t: t2, message }) {
  return /* @__PURE__ */ jsxs4("div", { class: "auth-box", children: [
    /* @__PURE__ */ jsx5("h1", { children: t2("reset.forgot_title") }),
    message ? /* @__PURE__ */ jsx5(FormMessage, { ...message }) : null,
    /* @__PURE__ */ jsxs4("form", { method: "post", action: "/password/forgot", class: "auth-form", children: [
      /* @__PURE__ */ jsxs4("p", { class: "field", children: [
        /* @__PURE__ */ jsx5("label", { for: "forgot-email", children: t2("login.email") }),
        /* @__PURE__ */ jsx5("input", { id: "forgot-email", type: "email", name: "email", autocomplete: "username", required: true })
      ] }),
      /* @__PURE__ */ jsx5("p", { children: /* @__PURE__ */ jsx5("button", { type: "submit", children: t2("reset.send") }) })
    ] })
  ] });
}
function ResetForm({ t: t2, token, name, invite, message }) {
  return /* @__PURE__ */ jsxs4("div", { class: "auth-box", children: [
    /* @__PURE__ */ jsx5("h1", { children: invite ? t2("reset.invite_title", { name }) : t2("reset.title", { name }) }),
    message ? /* @__PURE__ */ jsx5(FormMessage, { ...message }) : null,
    /* @__PURE__ */ jsxs4("form", { method: "post", action: "/password/reset", class: "auth-form", children: [
      /* @__PURE__ */ jsx5("input", { type: "hidden", name: "token", value: token }),
      /* @__PURE__ */ jsxs4("p", { class: "field", children: [
        /* @__PURE__ */ jsx5("label", { for: "reset-password", children: t2("reset.new_password") }),
        /* @__PURE__ */ jsx5("input", { id: "reset-password", type: "password", name: "password", autocomplete: "new-password", minLength: 10, required: true, "aria-describedby": "reset-hint" }),
        /* @__PURE__ */ jsx5("span", { id: "reset-hint", class: "hint", children: t2("reset.hint") })
      ] }),
      /* @__PURE__ */ jsx5("p", { children: /* @__PURE__ */ jsx5("button", { type: "submit", children: t2("reset.save") }) })
    ] })
  ] });
}

// src/modules/media/media.views.tsx
import { Fragment, jsx as jsx6, jsxs as jsxs5 } from "preact/jsx-runtime";
var FEATURED_SIZES = "(min-width: 44rem) 42rem, 100vw";
function srcset(m, type) {
  return m.renditions.filter((r) => r.type === type).map((r) => `${mediaPath(r.file)} ${r.width}w`).join(", ");
}
function Picture({ media, sizes = FEATURED_SIZES, eager = false }) {
  return /* @__PURE__ */ jsxs5("picture", { children: [
    /* @__PURE__ */ jsx6("source", { type: "image/avif", srcset: srcset(media, "image/avif"), sizes }),
    /* @__PURE__ */ jsx6("source", { type: "image/webp", srcset: srcset(media, "image/webp"), sizes }),
    /* @__PURE__ */ jsx6("img", { src: mediaPath(media.file), alt: media.alt, width: media.width, height: media.height, sizes, loading: eager ? "eager" : "lazy", decoding: "async" })
  ] });
}
function FeaturedImage({ media }) {
  return /* @__PURE__ */ jsx6("figure", { class: "featured-image", children: /* @__PURE__ */ jsx6(Picture, { media, eager: true }) });
}
function MediaLibrary({ t: t2, csrf, media, message }) {
  return /* @__PURE__ */ jsxs5(Fragment, { children: [
    message ? /* @__PURE__ */ jsx6(FormMessage, { ...message }) : null,
    /* @__PURE__ */ jsx6("h2", { id: "upload", children: t2("media.upload") }),
    /* @__PURE__ */ jsxs5("form", { method: "post", action: "/admin/media", enctype: "multipart/form-data", class: "upload-form", "aria-labelledby": "upload", children: [
      /* @__PURE__ */ jsx6("input", { type: "hidden", name: "_csrf", value: csrf }),
      /* @__PURE__ */ jsxs5("p", { class: "field", children: [
        /* @__PURE__ */ jsx6("label", { for: "media-alt", children: t2("media.alt") }),
        /* @__PURE__ */ jsx6("input", { id: "media-alt", name: "alt", required: true, maxLength: 500, "aria-describedby": "media-alt-hint" }),
        /* @__PURE__ */ jsx6("span", { class: "hint", id: "media-alt-hint", children: t2("media.alt_hint") })
      ] }),
      /* @__PURE__ */ jsxs5("p", { class: "field", children: [
        /* @__PURE__ */ jsx6("label", { for: "media-file", children: t2("media.file", { max: MEDIA_MAX_BYTES / 1024 / 1024 }) }),
        /* @__PURE__ */ jsx6("input", { id: "media-file", name: "file", type: "file", accept: "image/jpeg,image/png,image/webp,image/avif", required: true })
      ] }),
      /* @__PURE__ */ jsx6("button", { type: "submit", children: t2("media.submit") })
    ] }),
    /* @__PURE__ */ jsx6("h2", { children: t2("media.title") }),
    media.length === 0 ? /* @__PURE__ */ jsx6("p", { class: "empty", children: t2("media.none") }) : /* @__PURE__ */ jsx6("ul", { class: "media-grid", children: media.map((m) => /* @__PURE__ */ jsxs5("li", { class: "media-item", children: [
      /* @__PURE__ */ jsx6(Picture, { media: m, sizes: "12rem" }),
      /* @__PURE__ */ jsxs5("p", { class: "hint", children: [
        "#",
        m.id,
        " \xB7 ",
        t2("media.size", { width: m.width, height: m.height })
      ] }),
      m.alt ? null : /* @__PURE__ */ jsx6("p", { class: "notice notice-error", children: t2("media.alt_missing") }),
      /* @__PURE__ */ jsxs5("form", { method: "post", action: `/admin/media/${m.id}/alt`, class: "row-form", children: [
        /* @__PURE__ */ jsx6("input", { type: "hidden", name: "_csrf", value: csrf }),
        /* @__PURE__ */ jsx6("label", { for: `alt-${m.id}`, class: "visually-hidden", children: t2("media.alt") }),
        /* @__PURE__ */ jsx6("input", { id: `alt-${m.id}`, name: "alt", value: m.alt, required: true, maxLength: 500 }),
        /* @__PURE__ */ jsx6("button", { type: "submit", children: t2("media.alt_save") })
      ] })
    ] })) })
  ] });
}

// src/modules/feeds/listing.repository.ts
import { sql as sql4 } from "kysely";
function hasVisibleArticle(link, column, owner, now) {
  return sql4`exists (select 1 from ${sql4.table(link)} l join articles a on a.id = l.article_id
    where l.${sql4.ref(column)} = ${sql4.ref(owner)} and a.status = 'published' and a.publish_at <= ${now})`;
}
async function findPublishedAuthor(db, userId, now) {
  return db.selectFrom("users").select(["users.id", "users.name"]).where("users.id", "=", userId).where(hasVisibleArticle("article_authors", "user_id", "users.id", now)).executeTakeFirst();
}
function visibleArticles(db, now) {
  return db.selectFrom("articles").leftJoin("sections", "sections.id", "articles.section_id").select(["articles.id", "articles.slug", "sections.slug as section_slug", "articles.title", "articles.lang", "articles.publish_at", "articles.updated_at"]).where("articles.status", "=", "published").where("articles.publish_at", "<=", now);
}
async function countVisibleArticles(db, now) {
  const r = await db.selectFrom("articles").select((eb) => eb.fn.countAll().as("n")).where("status", "=", "published").where("publish_at", "<=", now).executeTakeFirstOrThrow();
  return Number(r.n);
}
async function listSitemapArticles(db, now, offset, limit) {
  const rows = await visibleArticles(db, now).orderBy("articles.id").limit(limit).offset(offset).execute();
  return rows;
}
async function listRecentArticles(db, since, now, limit) {
  const rows = await visibleArticles(db, now).where("articles.publish_at", ">=", since).orderBy("articles.publish_at", "desc").limit(limit).execute();
  return rows;
}
async function listUsedTags(db, now) {
  return db.selectFrom("tags").select("tags.slug").where(hasVisibleArticle("article_tags", "tag_id", "tags.id", now)).orderBy("tags.slug").execute();
}

// src/modules/feeds/listing.ts
function authorPath(userId) {
  return `/author/${userId}`;
}
function tagPath(slug2) {
  return `/tag/${slug2}`;
}
function siteListing(deps) {
  const t2 = translator(deps.config.locale);
  return { path: "/", name: t2("site.name"), heading: t2("home.latest") };
}
async function findListing(deps, kind, key) {
  const t2 = translator(deps.config.locale);
  if (kind === "section") {
    const s2 = await getSectionBySlug(deps, key);
    if (!s2) throw new NotFoundError("section");
    return { path: `/${s2.slug}`, name: s2.name, heading: s2.name, sectionId: s2.id };
  }
  if (kind === "tag") {
    const tag = await getTagBySlug(deps, key);
    if (!tag) throw new NotFoundError("tag");
    return { path: tagPath(tag.slug), name: tag.name, heading: t2("tag.title", { name: tag.name }), tagId: tag.id };
  }
  const id = /^[1-9][0-9]{0,9}$/.test(key) ? Number(key) : void 0;
  const author = id !== void 0 ? await findPublishedAuthor(deps.db, id, deps.clock.now().toISOString()) : void 0;
  if (!author) throw new NotFoundError("author");
  return { path: authorPath(author.id), name: author.name, heading: t2("author.title", { name: author.name }), authorId: author.id };
}
function listingFilter(l) {
  return {
    ...l.sectionId !== void 0 ? { sectionId: l.sectionId } : {},
    ...l.tagId !== void 0 ? { tagId: l.tagId } : {},
    ...l.authorId !== void 0 ? { authorId: l.authorId } : {}
  };
}

// src/modules/articles/article.head.tsx
import { Fragment as Fragment2, jsx as jsx7, jsxs as jsxs6 } from "preact/jsx-runtime";
var OG_LOCALES = { fr: "fr_FR", en: "en_GB" };
function jsonForScript(value) {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
function newsArticleData(deps, article, canonical, imageUrl) {
  const base = deps.config.baseUrl;
  const published = article.publishAt ?? article.createdAt;
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    mainEntityOfPage: { "@type": "WebPage", "@id": canonical },
    url: canonical,
    headline: article.title,
    ...article.summary ? { description: article.summary } : {},
    datePublished: published,
    dateModified: article.updatedAt > published ? article.updatedAt : published,
    author: article.authors.map((a) => ({ "@type": "Person", name: a.name, url: base + authorPath(a.id) })),
    publisher: { "@type": "Organization", name: translator(deps.config.locale)("site.name"), url: `${base}/` },
    ...imageUrl ? { image: [imageUrl] } : {},
    ...article.section ? { articleSection: article.section.name } : {},
    ...article.tags.length > 0 ? { keywords: article.tags.map((t2) => t2.name).join(", ") } : {},
    inLanguage: article.lang,
    isAccessibleForFree: true
  };
}
function articleHead(deps, article, canonical, imageUrl) {
  const data = newsArticleData(deps, article, canonical, imageUrl);
  const prop = (property, content) => /* @__PURE__ */ jsx7("meta", { property, content });
  const name = (n, content) => /* @__PURE__ */ jsx7("meta", { name: n, content });
  return /* @__PURE__ */ jsxs6(Fragment2, { children: [
    /* @__PURE__ */ jsx7("script", { type: "application/ld+json", dangerouslySetInnerHTML: { __html: jsonForScript(data) } }),
    prop("og:type", "article"),
    prop("og:title", article.title),
    article.summary ? prop("og:description", article.summary) : null,
    prop("og:url", canonical),
    prop("og:site_name", translator(deps.config.locale)("site.name")),
    prop("og:locale", OG_LOCALES[article.lang] ?? article.lang),
    imageUrl ? prop("og:image", imageUrl) : null,
    prop("article:published_time", String(data.datePublished)),
    prop("article:modified_time", String(data.dateModified)),
    article.section ? prop("article:section", article.section.name) : null,
    article.tags.map((t2) => prop("article:tag", t2.name)),
    article.authors.map((a) => prop("article:author", deps.config.baseUrl + authorPath(a.id))),
    name("twitter:card", imageUrl ? "summary_large_image" : "summary"),
    name("twitter:title", article.title),
    article.summary ? name("twitter:description", article.summary) : null,
    imageUrl ? name("twitter:image", imageUrl) : null
  ] });
}

// src/modules/feeds/feed.service.ts
import { escapeUTF8 } from "entities";
import { Feed } from "feed";
var FEED_SIZE = 30;
var FEED_FORMATS = {
  "feed.xml": { type: "application/rss+xml; charset=utf-8" },
  "atom.xml": { type: "application/atom+xml; charset=utf-8" },
  "feed.json": { type: "application/feed+json; charset=utf-8" }
};
function feedPath(listing, format) {
  return `${listing.path === "/" ? "" : listing.path}/${format}`;
}
function articleGuid(baseUrl, a) {
  return `tag:${new URL(baseUrl).hostname},${a.createdAt.slice(0, 10)}:article:${a.id}`;
}
function item(deps, a, full) {
  const base = deps.config.baseUrl;
  const published = new Date(a.publishAt ?? a.createdAt);
  const updated = new Date(a.updatedAt);
  return {
    title: escapeUTF8(a.title),
    id: articleGuid(base, a),
    guid: articleGuid(base, a),
    link: base + articlePath(a),
    date: updated > published ? updated : published,
    published,
    description: a.summary ? escapeUTF8(a.summary) : "",
    ...full ? { content: renderArticleMarkdown(a.body) } : {},
    author: a.authors.map((x) => ({ name: x.name, link: base + authorPath(x.id) })),
    category: [...a.section ? [{ name: a.section.name, term: a.section.slug }] : [], ...a.tags.map((t2) => ({ name: t2.name, term: t2.slug }))]
  };
}
function jsonFeed11(json2, articles, language, base, full) {
  const data = JSON.parse(json2);
  const { author: _siteAuthor, items: _items, ...feed } = data;
  const items = articles.map((a) => {
    const published = new Date(a.publishAt ?? a.createdAt);
    const updated = new Date(a.updatedAt);
    return {
      id: articleGuid(base, a),
      url: base + articlePath(a),
      title: a.title,
      ...a.summary ? { summary: a.summary } : {},
      ...full ? { content_html: renderArticleMarkdown(a.body) } : { content_text: a.summary || a.title },
      date_published: published.toISOString(),
      date_modified: (updated > published ? updated : published).toISOString(),
      language: a.lang,
      // An article may have no author left (an erased account): no `authors` then, as the spec allows.
      ...a.authors.length > 0 ? { authors: a.authors.map((x) => ({ name: x.name, url: base + authorPath(x.id) })) } : {},
      tags: [...a.section ? [a.section.name] : [], ...a.tags.map((t2) => t2.name)]
    };
  });
  return JSON.stringify({ ...feed, version: "https://jsonfeed.org/version/1.1", language, items });
}
async function buildFeed(deps, listing, format, full) {
  const now = deps.clock.now().toISOString();
  const articles = await listArticleRows(deps, { now, visibleAt: now, limit: FEED_SIZE, ...listingFilter(listing) });
  const base = deps.config.baseUrl;
  const siteName = translator(deps.config.locale)("site.name");
  const items = articles.map((a) => item(deps, a, full));
  const feed = new Feed({
    title: listing.path === "/" ? siteName : `${listing.name} \u2014 ${siteName}`,
    description: listing.heading,
    id: base + listing.path,
    link: base + listing.path,
    language: deps.config.locale,
    // The newest change, not the time of rendering: the same articles give the same bytes (and ETag).
    updated: items.reduce((d, i) => i.date > d ? i.date : d, /* @__PURE__ */ new Date(0)),
    generator: "Palabre",
    feedLinks: { rss: base + feedPath(listing, "feed.xml"), atom: base + feedPath(listing, "atom.xml"), json: base + feedPath(listing, "feed.json") },
    copyright: siteName
  });
  if (format === "feed.json") return jsonFeed11(feed.json1(), articles, deps.config.locale, base, full);
  for (const i of items) feed.addItem(i);
  return format === "feed.xml" ? feed.rss2() : feed.atom1();
}

// src/modules/feeds/feed.views.tsx
import { Fragment as Fragment3, jsx as jsx8 } from "preact/jsx-runtime";
function feedLinks(deps, path, title) {
  return /* @__PURE__ */ jsx8(Fragment3, { children: Object.keys(FEED_FORMATS).map((f) => /* @__PURE__ */ jsx8("link", { rel: "alternate", type: FEED_FORMATS[f].type.split(";")[0], title, href: deps.config.baseUrl + feedPath({ path }, f) })) });
}

// src/modules/search/related.repository.ts
import { sql as sql5 } from "kysely";
async function findRelatedIds(db, articleId, now, limit) {
  const r = await sql5`
    select articles.id as id
    from article_tags mine
    join article_tags theirs on theirs.tag_id = mine.tag_id and theirs.article_id <> mine.article_id
    join articles on articles.id = theirs.article_id
    where mine.article_id = ${articleId} and articles.status = 'published' and articles.publish_at <= ${now}
    group by articles.id, articles.publish_at
    order by count(*) desc, articles.publish_at desc, articles.id desc
    limit ${limit}`.execute(db);
  return r.rows.map((row) => row.id);
}

// src/modules/search/related.service.ts
var RELATED_COUNT = 4;
async function findRelatedArticles(deps, article) {
  if (article.tags.length === 0) return [];
  const ids2 = await findRelatedIds(deps.db, article.id, deps.clock.now().toISOString(), RELATED_COUNT);
  return getArticlesByIds(deps, ids2);
}

// src/modules/articles/article.views.tsx
import { Fragment as Fragment4, jsx as jsx9, jsxs as jsxs7 } from "preact/jsx-runtime";
function Byline({ article, t: t2 }) {
  if (article.authors.length === 0) return null;
  const names = article.authors.map((a) => a.name);
  const text = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} ${t2("article.and")} ${names[names.length - 1]}`;
  return /* @__PURE__ */ jsxs7("p", { class: "byline", children: [
    t2("article.by"),
    " ",
    /* @__PURE__ */ jsx9("span", { class: "authors", children: text })
  ] });
}
function PublishedAt({ article, t: t2, locale }) {
  if (!article.publishAt) return null;
  return /* @__PURE__ */ jsxs7("p", { class: "dates", children: [
    article.dateline ? /* @__PURE__ */ jsxs7("span", { class: "dateline", children: [
      article.dateline,
      " \u2014 "
    ] }) : null,
    t2("article.published"),
    " ",
    /* @__PURE__ */ jsx9("time", { dateTime: article.publishAt, children: formatDate(locale, article.publishAt) }),
    article.updatedAt > article.createdAt && article.updatedAt > article.publishAt ? /* @__PURE__ */ jsxs7(Fragment4, { children: [
      " \xB7 ",
      t2("article.updated"),
      " ",
      /* @__PURE__ */ jsx9("time", { dateTime: article.updatedAt, children: formatDate(locale, article.updatedAt) })
    ] }) : null
  ] });
}
function ArticleCard({ article, t: t2, locale, level = 2 }) {
  const Heading = level === 2 ? "h2" : "h3";
  return /* @__PURE__ */ jsxs7("article", { class: "card", children: [
    article.section ? /* @__PURE__ */ jsx9("p", { class: "kicker", children: /* @__PURE__ */ jsx9("a", { href: `/${article.section.slug}`, children: article.section.name }) }) : null,
    /* @__PURE__ */ jsx9(Heading, { class: "card-title", children: /* @__PURE__ */ jsx9("a", { href: articlePath(article), children: article.title }) }),
    article.summary ? /* @__PURE__ */ jsx9("p", { class: "summary", children: article.summary }) : null,
    /* @__PURE__ */ jsx9(PublishedAt, { article, t: t2, locale })
  ] });
}
function ArticleList({ articles, t: t2, locale, empty }) {
  if (articles.length === 0) return /* @__PURE__ */ jsx9("p", { class: "empty", children: empty });
  return /* @__PURE__ */ jsx9("div", { class: "cards", children: articles.map((a) => /* @__PURE__ */ jsx9(ArticleCard, { article: a, t: t2, locale })) });
}
function Pagination({ t: t2, prev, next }) {
  if (!prev && !next) return null;
  return /* @__PURE__ */ jsxs7("nav", { class: "pagination", "aria-label": t2("pagination.label"), children: [
    prev ? /* @__PURE__ */ jsx9("a", { rel: "prev", href: prev, children: t2("pagination.prev") }) : null,
    next ? /* @__PURE__ */ jsx9("a", { rel: "next", href: next, children: t2("pagination.next") }) : null
  ] });
}
function ArticleBody({
  article,
  html,
  t: t2,
  locale,
  children,
  figure
}) {
  return /* @__PURE__ */ jsxs7("article", { class: "article", lang: article.lang, children: [
    /* @__PURE__ */ jsxs7("header", { class: "article-header", children: [
      article.section ? /* @__PURE__ */ jsx9("p", { class: "kicker", children: /* @__PURE__ */ jsx9("a", { href: `/${article.section.slug}`, children: article.section.name }) }) : null,
      /* @__PURE__ */ jsx9("h1", { children: article.title }),
      article.summary ? /* @__PURE__ */ jsx9("p", { class: "standfirst", children: article.summary }) : null,
      /* @__PURE__ */ jsx9(Byline, { article, t: t2 }),
      /* @__PURE__ */ jsx9(PublishedAt, { article, t: t2, locale })
    ] }),
    figure,
    article.correction ? /* @__PURE__ */ jsxs7("aside", { class: "correction", role: "note", "aria-label": t2("article.correction"), children: [
      /* @__PURE__ */ jsxs7("strong", { children: [
        t2("article.correction"),
        " : "
      ] }),
      article.correction
    ] }) : null,
    /* @__PURE__ */ jsx9("div", { class: "article-body", dangerouslySetInnerHTML: { __html: html } }),
    article.tags.length > 0 ? /* @__PURE__ */ jsxs7("footer", { class: "article-tags", children: [
      /* @__PURE__ */ jsxs7("span", { children: [
        t2("article.tags"),
        " : "
      ] }),
      /* @__PURE__ */ jsx9("ul", { children: article.tags.map((tag) => /* @__PURE__ */ jsx9("li", { children: /* @__PURE__ */ jsx9("a", { href: `/tag/${tag.slug}`, children: tag.name }) })) })
    ] }) : null,
    children
  ] });
}

// src/modules/search/related.views.tsx
import { jsx as jsx10, jsxs as jsxs8 } from "preact/jsx-runtime";
function RelatedArticles({ articles, t: t2, locale }) {
  if (articles.length === 0) return null;
  return /* @__PURE__ */ jsxs8("aside", { class: "related", "aria-labelledby": "related-title", children: [
    /* @__PURE__ */ jsx10("h2", { id: "related-title", children: t2("related.title") }),
    /* @__PURE__ */ jsx10("div", { class: "cards", children: articles.map((a) => /* @__PURE__ */ jsx10(ArticleCard, { article: a, t: t2, locale, level: 3 })) })
  ] });
}

// src/modules/articles/article.pages.tsx
import { jsx as jsx11, jsxs as jsxs9 } from "preact/jsx-runtime";
var ARTICLE_TTL_MS = 6e4;
var LIST_TTL_MS = 3e4;
var PAGE_SIZE = 20;
async function listTtl(deps) {
  const now = deps.clock.now();
  const next = await findNextScheduledAt(deps.db, now.toISOString());
  if (!next) return LIST_TTL_MS;
  return Math.max(0, Math.min(LIST_TTL_MS, new Date(next).getTime() - now.getTime()));
}
async function renderArticlePage(deps, request, article, form = {}, view = {}) {
  const t2 = request.t;
  const [discussion, sections, related, image] = await Promise.all([
    buildDiscussion(deps, request, article, form, view),
    listSections(deps.db),
    findRelatedArticles(deps, article),
    article.image !== null ? getMedia(deps, article.image) : void 0
  ]);
  const canonical = deps.config.baseUrl + articlePath(article);
  return renderDocument(
    /* @__PURE__ */ jsx11(
      Layout,
      {
        locale: request.locale,
        t: t2,
        sections,
        meta: {
          title: article.title,
          description: article.summary,
          canonical,
          head: articleHead(deps, article, canonical, image ? deps.config.baseUrl + mediaPath(image.file) : void 0),
          scripts: ["article.js", "comment-form.js", "comment-reactions.js"]
        },
        children: /* @__PURE__ */ jsxs9(ArticleBody, { article, html: renderArticleMarkdown(article.body), t: t2, locale: request.locale, figure: image ? /* @__PURE__ */ jsx11(FeaturedImage, { media: image }) : void 0, children: [
          /* @__PURE__ */ jsx11(RelatedArticles, { articles: related, t: t2, locale: request.locale }),
          discussion
        ] })
      }
    )
  );
}
async function listPage(deps, request, opts) {
  const { after } = request.query;
  const before = after ? decodeCursor(after) : void 0;
  const now = deps.clock.now().toISOString();
  const [rows, sections] = await Promise.all([
    listArticles(deps.db, {
      now,
      visibleAt: now,
      limit: PAGE_SIZE + 1,
      ...opts.sectionId !== void 0 ? { sectionId: opts.sectionId } : {},
      ...opts.tagId !== void 0 ? { tagId: opts.tagId } : {},
      ...opts.authorId !== void 0 ? { authorId: opts.authorId } : {},
      ...before ? { before } : {}
    }),
    listSections(deps.db)
  ]);
  const articles = rows.slice(0, PAGE_SIZE);
  const last = rows.length > PAGE_SIZE ? articles[articles.length - 1] : void 0;
  const next = last ? `${opts.basePath}?after=${encodeCursor({ key: last.publishAt ?? last.createdAt, id: last.id })}` : void 0;
  const t2 = request.t;
  return renderDocument(
    /* @__PURE__ */ jsxs9(Layout, { locale: request.locale, t: t2, sections, meta: { title: opts.title, canonical: deps.config.baseUrl + opts.basePath, head: feedLinks(deps, opts.basePath, opts.title) }, children: [
      /* @__PURE__ */ jsx11("h1", { children: opts.heading }),
      /* @__PURE__ */ jsx11(ArticleList, { articles, t: t2, locale: request.locale, empty: opts.empty }),
      /* @__PURE__ */ jsx11(Pagination, { t: t2, next, prev: after ? opts.basePath : void 0 })
    ] })
  );
}
function cacheKey(request) {
  return request.url;
}
function registerArticlePages(app, deps) {
  app.get("/", async function showHomePage(request, reply) {
    return sendPage(deps, request, reply, {
      key: cacheKey(request),
      tags: ["lists"],
      ttlMs: await listTtl(deps),
      render: async () => ({
        body: await listPage(deps, request, { title: request.t("site.name"), heading: request.t("home.latest"), empty: request.t("home.empty"), basePath: "/" })
      })
    });
  });
  app.get("/:section", async function showSectionPage(request, reply) {
    const { section } = request.params;
    const s2 = await findSectionBySlug(deps.db, section);
    if (!s2) throw new NotFoundError("section");
    return sendPage(deps, request, reply, {
      key: cacheKey(request),
      tags: ["lists"],
      ttlMs: await listTtl(deps),
      render: async () => ({
        body: await listPage(deps, request, {
          title: s2.name,
          heading: s2.name,
          empty: request.t("section.empty"),
          sectionId: s2.id,
          basePath: `/${s2.slug}`
        })
      })
    });
  });
  app.get("/:section/:slug", async function showArticlePage(request, reply) {
    const { slug: slug2 } = request.params;
    const article = await findVisibleArticle(deps, slug2);
    if (!article) {
      const movedId = await findArticleIdByOldSlug(deps.db, slug2);
      const moved = movedId !== void 0 ? await findArticleById(deps.db, movedId) : void 0;
      if (moved && isVisible(moved, deps.clock.now())) return reply.redirect(articlePath(moved), 301);
      throw new NotFoundError("article");
    }
    const canonicalPath = articlePath(article);
    if (request.url.split("?")[0] !== canonicalPath) return reply.redirect(canonicalPath, 301);
    const query = request.query;
    const replyTo = query.replyTo ? Number(query.replyTo) : void 0;
    if (replyTo !== void 0 && Number.isInteger(replyTo)) {
      const html = await renderArticlePage(deps, request, article, {}, { replyToId: replyTo });
      return reply.type("text/html; charset=utf-8").header("cache-control", "private, no-store").send(html);
    }
    const sort = discussionSort(query.sort);
    const liked = query.liked ? Number(query.liked) : void 0;
    if (liked !== void 0 && Number.isInteger(liked)) {
      const html = await renderArticlePage(deps, request, article, {}, { sort, liked: await readerLikes(deps, request, article.id) });
      return reply.type("text/html; charset=utf-8").header("cache-control", "private, no-store").send(html);
    }
    const message = postOutcome(request, query.comment);
    if (message) {
      const html = await renderArticlePage(deps, request, article, { message });
      return reply.type("text/html; charset=utf-8").header("cache-control", "private, no-store").send(html);
    }
    return sendPage(deps, request, reply, {
      key: sort === "oldest" ? canonicalPath : `${canonicalPath}?sort=${sort}`,
      tags: [`article:${article.id}`],
      ttlMs: ARTICLE_TTL_MS,
      render: async () => ({ body: await renderArticlePage(deps, request, article, {}, { sort }) })
    });
  });
}
async function findVisibleArticle(deps, slug2) {
  const a = await findArticleBySlug(deps.db, slug2);
  return a && isVisible(a, deps.clock.now()) ? a : void 0;
}

// src/modules/articles/article.presenter.ts
function presentArticle(a, baseUrl, now) {
  return {
    id: a.id,
    title: a.title,
    slug: a.slug,
    body: a.body,
    summary: a.summary,
    section: a.section?.slug ?? null,
    tags: a.tags.map((t2) => t2.slug),
    authors: a.authors.map((x) => x.id),
    dateline: a.dateline,
    status: effectiveStatus(a, now),
    publishAt: a.publishAt,
    publishedAt: isVisible(a, now) ? a.publishAt : null,
    updatedAt: a.updatedAt,
    commentsOpen: a.commentsOpen,
    image: a.image,
    correction: a.correction,
    lang: a.lang,
    // While an automatic rule protects the article, its override reads 'pre' (CONTRACT: issue 14).
    moderation: effectiveModeration(a, now),
    slowModeMinutes: a.slowModeMinutes,
    protection: activeProtection(a, now),
    url: baseUrl + articlePath(a)
  };
}

// src/modules/articles/section.service.ts
var RESERVED_SLUGS = /* @__PURE__ */ new Set([
  "a",
  "admin",
  "api",
  "assets",
  "author",
  "auteur",
  "tag",
  "search",
  "recherche",
  "login",
  "logout",
  "media",
  "password",
  "feed.xml",
  "atom.xml",
  "feed.json",
  "sitemap.xml",
  "news-sitemap.xml",
  "robots.txt",
  "embed.js",
  "embed",
  "me",
  "account",
  "articles"
]);
async function createSection(deps, user, input) {
  assertArticle(user, "section:create");
  const slug2 = input.slug || slugify(input.name);
  if (RESERVED_SLUGS.has(slug2)) throw new ConflictError(`"${slug2}" is reserved by the site`, "slug");
  if (await findSectionBySlug(deps.db, slug2)) throw new ConflictError(`a section already uses "${slug2}"`, "slug");
  const id = await insertSection(deps.db, { slug: slug2, name: input.name, created_at: deps.clock.now().toISOString() });
  await deps.cache.invalidate(["lists"]);
  return { id, slug: slug2, name: input.name };
}
async function updateSectionName(deps, user, slug2, name) {
  assertArticle(user, "section:update");
  const s2 = await findSectionBySlug(deps.db, slug2);
  if (!s2) throw new NotFoundError("section");
  await renameSection(deps.db, s2.id, name);
  await deps.cache.invalidate(["*"]);
  return { ...s2, name };
}

// src/modules/articles/tag.service.ts
import { z as z9 } from "zod";
var tagSlug = z9.string().regex(SLUG_RE, "lower-case letters, digits and hyphens only").max(80);
var tagRenameSchema = z9.object({ name: z9.string().trim().min(1).max(120), slug: tagSlug.optional() }).strict();
var tagMergeSchema = z9.object({ into: tagSlug }).strict();
async function requireTag(deps, slug2) {
  const tag = await findTagBySlug(deps.db, slug2);
  if (!tag) throw new NotFoundError("tag");
  return tag;
}
async function afterTagChange(deps, articleIds) {
  await bumpArticleVersions(deps.db, articleIds);
  for (const articleId of articleIds) await deps.hooks.emit("article.saved", { articleId });
  await deps.cache.invalidate(["*"]);
}
async function renameTag(deps, user, slug2, input) {
  assertArticle(user, "tag:update");
  const tag = await requireTag(deps, slug2);
  const next = { name: input.name, slug: input.slug || tag.slug };
  if (next.slug !== tag.slug && await findTagBySlug(deps.db, next.slug))
    throw new ConflictError(`a tag already uses "${next.slug}"; merge the two tags instead`, "slug");
  await deps.dialect.writeTransaction(deps.db, (db) => updateTag(db, tag, next));
  await afterTagChange(deps, await listTagArticleIds(deps.db, tag.id));
  return { id: tag.id, ...next };
}
async function mergeTag(deps, user, slug2, intoSlug) {
  assertArticle(user, "tag:merge");
  const from = await requireTag(deps, slug2);
  const into = await findTagBySlug(deps.db, intoSlug);
  if (!into) throw new ValidationError("into", `no tag "${intoSlug}"`);
  if (into.id === from.id) throw new ValidationError("into", "a tag cannot be merged into itself");
  const articleIds = await listTagArticleIds(deps.db, from.id);
  await deps.dialect.writeTransaction(deps.db, (db) => mergeTags(db, from, into));
  await afterTagChange(deps, articleIds);
  return { ...into, articles: articleIds.length };
}
var TAG_PATH = /^\/tag\/([a-z0-9-]+)((?:\/[^?]*)?(?:\?.*)?)$/;
async function resolveTagUrl(deps, url) {
  const m = TAG_PATH.exec(url);
  if (!m?.[1]) return void 0;
  const id = await findTagIdByOldSlug(deps.db, m[1]);
  const tag = id === void 0 ? void 0 : await findTagById(deps.db, id);
  if (!tag || tag.slug === m[1]) return void 0;
  return `/tag/${tag.slug}${m[2] ?? ""}`;
}

// src/modules/articles/article.routes.ts
function registerArticleRoutes(app, deps) {
  const present2 = (a) => presentArticle(a, deps.config.baseUrl, deps.clock.now());
  app.post("/api/v1/articles", async (request, reply) => {
    const input = parseInput(articleCreateSchema, request.body, request.locale);
    const a = await createArticle(deps, request.user, input);
    return reply.code(201).send(present2(a));
  });
  app.get("/api/v1/articles", async (request) => {
    const q = parseInput(articleListQuerySchema, request.query, request.locale);
    const page4 = await listArticlesPage(deps, request.user, q);
    return { articles: page4.articles.map(present2), next: page4.next };
  });
  app.get("/api/v1/articles/:id", async (request) => {
    const { id } = parseInput(articleIdParams, request.params);
    return present2(await getArticle(deps, request.user, id));
  });
  app.patch("/api/v1/articles/:id", async (request) => {
    const { id } = parseInput(articleIdParams, request.params);
    const patch = parseInput(articlePatchSchema, request.body, request.locale);
    return present2(await updateArticle(deps, request.user, id, patch));
  });
  app.delete("/api/v1/articles/:id", async (request, reply) => {
    const { id } = parseInput(articleIdParams, request.params);
    await deleteArticle(deps, request.user, id);
    return reply.code(204).send();
  });
  app.get("/api/v1/sections", async () => ({ sections: await listSections(deps.db) }));
  app.post("/api/v1/sections", async (request, reply) => {
    assertArticle(request.user, "section:create");
    const input = parseInput(sectionSchema, request.body, request.locale);
    return reply.code(201).send(await createSection(deps, request.user, input));
  });
  app.patch("/api/v1/sections/:slug", async (request) => {
    const { slug: slug2 } = request.params;
    assertArticle(request.user, "section:update");
    const { name } = parseInput(sectionRenameSchema, request.body, request.locale);
    return updateSectionName(deps, request.user, slug2, name);
  });
  app.get("/api/v1/sections/:slug", async (request) => {
    const { slug: slug2 } = request.params;
    const s2 = await findSectionBySlug(deps.db, slug2);
    if (!s2) throw new NotFoundError("section");
    return s2;
  });
  app.patch("/api/v1/tags/:slug", async (request) => {
    const { slug: slug2 } = request.params;
    assertArticle(request.user, "tag:update");
    return renameTag(deps, request.user, slug2, parseInput(tagRenameSchema, request.body, request.locale));
  });
  app.post("/api/v1/tags/:slug/merge", async (request) => {
    const { slug: slug2 } = request.params;
    assertArticle(request.user, "tag:merge");
    const { into } = parseInput(tagMergeSchema, request.body, request.locale);
    return mergeTag(deps, request.user, slug2, into);
  });
}

// src/modules/comments/idempotency.ts
import { setTimeout as delay } from "node:timers/promises";
import { z as z11 } from "zod";

// src/modules/comments/comment.service.ts
import { z as z10 } from "zod";

// src/modules/moderation/profanity.ts
import { createRequire } from "node:module";

// src/modules/moderation/classifier/features.ts
function foldText(s2) {
  return s2.normalize("NFKD").replace(new RegExp("\\p{M}+", "gu"), "").toLowerCase();
}
var URL_RE = /\bhttps?:\/\/\S+|\bwww\.\S+|\b[a-z0-9-]+\.(?:com|net|org|info|biz|ly|me|io|tk|ru|fr|co)\b\S*/gi;
function words3(text) {
  return foldText(text.replace(URL_RE, " __url__ ")).match(/__url__|[\p{L}\p{N}]+/gu) ?? [];
}
function shape(text, out) {
  const letters = text.match(new RegExp("\\p{L}", "gu"))?.length ?? 0;
  const upper = text.match(new RegExp("\\p{Lu}", "gu"))?.length ?? 0;
  if (letters >= 12 && upper / letters > 0.6) out.add("m:shout");
  if (/https?:\/\/|www\./i.test(text)) out.add("m:link");
  if (/\S+@\S+\.\w+/.test(text)) out.add("m:email");
  if ((text.match(/!/g)?.length ?? 0) >= 3) out.add("m:bangs");
  if (/\d{5,}/.test(text)) out.add("m:longnum");
  if (/[$€£]\s?\d|\d\s?[$€£]/.test(text)) out.add("m:money");
  const len = text.length;
  out.add(`m:len${len < 20 ? 0 : len < 60 ? 1 : len < 150 ? 2 : len < 400 ? 3 : 4}`);
}
function featurize(text, markers = []) {
  const set = new Set(markers);
  const ws = words3(text);
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i];
    set.add(`w:${w}`);
    if (i > 0) set.add(`b:${ws[i - 1]}_${w}`);
    if (w === "__url__" || w.length > 30) continue;
    const padded = ` ${w} `;
    for (let n = 3; n <= 4; n++) for (let j = 0; j + n <= padded.length; j++) set.add(`c:${padded.slice(j, j + n)}`);
  }
  shape(text, set);
  const v = /* @__PURE__ */ new Map();
  const norm = set.size > 0 ? 1 / Math.sqrt(set.size) : 0;
  for (const f of set) v.set(f, norm);
  return v;
}

// src/modules/moderation/profanity.ts
var lists;
function load() {
  if (lists) return lists;
  const require2 = createRequire(import.meta.url);
  const all = [...require2("naughty-words/fr.json"), ...require2("naughty-words/en.json")].map((w) => foldText(w.trim())).filter(Boolean);
  lists = { single: new Set(all.filter((w) => !w.includes(" "))), phrases: all.filter((w) => w.includes(" ")) };
  return lists;
}
function findProfanity(text) {
  const { single, phrases } = load();
  const folded = foldText(text);
  const found = /* @__PURE__ */ new Set();
  for (const w of folded.match(/[\p{L}\p{N}]+/gu) ?? []) if (single.has(w)) found.add(w);
  const spaced = ` ${folded.replace(/[^\p{L}\p{N}]+/gu, " ")} `;
  for (const p of phrases) if (spaced.includes(` ${p} `)) found.add(p);
  return [...found];
}

// src/modules/moderation/model-files.ts
import { existsSync as existsSync2, readFileSync as readFileSync2 } from "node:fs";
import { dirname as dirname2, join as join3, resolve as resolve2 } from "node:path";
import { fileURLToPath as fileURLToPath2 } from "node:url";
import { gunzipSync } from "node:zlib";
function modelDir() {
  const here = dirname2(fileURLToPath2(import.meta.url));
  const candidates = [join3(here, "model"), resolve2(here, "../src/modules/moderation/model"), resolve2(process.cwd(), "src/modules/moderation/model")];
  for (const c of candidates) if (existsSync2(join3(c, "spam.json.gz"))) return c;
  return candidates[candidates.length - 1];
}
function readModelFile(name) {
  return gunzipSync(readFileSync2(join3(modelDir(), name))).toString("utf8");
}

// src/modules/moderation/classifier/harm-lexicon.ts
var LEXICON = {
  // Groups people are attacked for being (not a harm alone: a condition for the combinations below).
  identity: `
    femme meuf gonzesse nana bonne-femme feminin feministe feminisme neofeministe
    masculiniste
    noir black renoi noiche blanc blanche babtou gaulois
    arabe rebeu beur reubeu maghrebin africain afro asiatique chinois chinoise jaune
    juif juive feuj israelien sioniste musulman musulmane islam islamiste muslim
    chretien catho gitan tzigane manouche rom roms migrant immigre immigration immigrationniste
    etranger refugie clandestin sans-papiers exile
    homo homosexuel homosexualite gay gai lesbienne bi bisexuel trans transgenre lgbt lgbtq queer
    handicape autiste trisomique
    vieux vieille boomer
    banlieusard banlieue
    gauchiste gaucho droitard facho fasciste wokiste woke islamogauchiste
    palestinien iranien algerien marocain tunisien senegalais malien congolais turc afghan syrien roumain
    pakistanais indien ukrainien russe americain
    women woman girl girls female lady ladies
    black blacks white whites asian asians arab arabs african africans mexican mexicans latino latinos
    jew jews jewish muslim muslims islam christian christians
    immigrant immigrants migrant migrants refugee refugees foreigner foreigners illegals
    gay gays lesbian lesbians homosexual homosexuals trans transgender queer
    disabled retards autistic boomer boomers liberal liberals leftist leftists conservative conservatives
  `,
  // Slurs: words whose only use is to demean a group.
  slur: `
    muzz muzzs moustachu bounty negro-* sale-arabe sale-noir sale-juif bougnoul arriere arrieres sous-race races-de-boue pedo pedophile zoophile consanguin kahba
    bougnoule bicot raton crouille negre negresse negro bamboula macaque singe-* youpin youtre
    chinetoque niakoue citrouille romanichel
    pd pede pedale tapette tarlouze tantouze gouine travelo fiotte encul\xE9 encule
    gogol mongol triso attarde debile-mental
    feminazi feminazie gauchiasse islamo-gauchiste
    racaille racailles sous-race sous-homme
    nigger niggers nigga niggas faggot faggots fag fags dyke tranny kike kikes spic spics chink chinks
    gook gooks wetback raghead towelhead retard retarded
  `,
  // Words that make people animals, vermin or waste.
  dehumanizing: `
    engeance engeances primitif primitifs arrieres degenere degeneres dechet-humain consanguins
    animal animaux bete betes bestiole singe singes primate primates porc porcs chien chiens chienne
    cafard cafards rat rats vermine parasite parasites cancrelat sangsue
    sauvage sauvages barbare barbares sous-homme dechet dechets ordure ordures raclure raclures
    detritus fumier fumiers pourriture vermines nuisible nuisibles betail cheptel
    invasion envahisseur envahisseurs grand-remplacement
    animals beasts vermin parasites cockroaches rats pigs dogs savages subhuman subhumans
    filth trash scum garbage invaders infestation
  `,
  // Insults aimed at a person.
  insult: `
    lavette larbin soumis soumise ksos kassos sdf teub\xE9 mongole abrutis ahuri ahurie incel simp cocu cuck cucks fragile tocard tocards charlot charlots schizo psychopathe
    connard connasse con conne abruti abrutie idiot idiote cretin cretine debile imbecile
    bouffon bouffonne clown guignol golem cassos cas-social clochard clodo
    salaud salope salopard pute putain-de pouffiasse poufiasse grognasse thon
    batard enfoire encul\xE9 encule fdp ntm tg tagueule trouduc trou-du-cul
    merdeux merdeuse minable pauvre-con pauvre-type loser looser
    mongolien demeure attarde tare tares neuneu teub\xE9 teube stupide
    naze bolos boloss baltringue sale-* gros-con
    crevard crevarde gueux plouc beauf beaufs
    idiot idiots moron morons stupid dumb dumbass imbecile asshole assholes bastard bitch bitches
    cunt cunts dickhead douche douchebag jerk loser losers pathetic scumbag slut sluts whore whores
    twat wanker prick clown clowns brain-dead braindead pervert perverts pervers worthless
    degenerate degenerates lowlife
  `,
  // Sexual harassment and sexual content aimed at people.
  sexual: `
    enculer enculerais encul* sperme milf cochonne ramoner fion bandeur bander baisodrome titties onlyfans leaks hentai copuler inseminer culbuter bonasse bonnasses chaudasse trainee salope s-lope p-te branler branlette gicler ejaculer orgasme porno porn sodomie sodomiser levrette a-quatre-pattes bukkake partouze teton tetons string
    sucer suce suceuse pipe fellation baiser baise niquer nique niquez bz
    nudes nude seins nichons boobs fesses chatte bite zizi
    viol violer viole violee violeur violeurs tournante chaudasse
    minette bonnasse coquine
    blowjob rape raped rapist tits boobs pussy dick cock nudes
  `,
  // Violence wished or threatened.
  threat: `
    guillotine guillotiner napalm coma crucifier cogner balles-reelles genocide genocidaire purge purger nettoyer karcher pendaison gibet potence lapider decapiter decapite poignarder couteau kalash kalachnikov attentat bombe bombarder atomiser fusillade suicide suicider suicidee meurtre assassiner cancer crever-la-bouche coup-de-pied coup-de-poing
    tuer tue tuez crever creve crevez buter bute butez egorger egorge fusiller fusille
    pendre pendu pendez lyncher lynche gazer gaze exterminer extermine
    eliminer massacre massacrer abattre abattu defoncer defonce eclater
    mort-aux a-mort une-balle au-four chambre-a-gaz
    kill die hang lynch shoot burn exterminate slaughter gas
    death-to should-die must-die bullet kill-yourself kys hope-you-die suicide-toi va-te-pendre
    va-crever
  `,
  // Bodies mocked.
  body: `
    obese obesite baleine vache truie thon laide laideron moche mochet\xE9
    bourrelet bourrelets
    fat fatty obese ugly pig whale
  `,
  // One person standing for a whole group.
  generalizing: `
    tous-les toutes-les tous-des toutes-des tous-pareils toutes-pareilles toutes-les-memes tous-les-memes
    ces-gens ces-gens-la cette-race leur-race cette-engeance ces-individus
    ils-sont-tous elles-sont-toutes c-est-genetique c-est-culturel dans-leur-culture chez-eux
    chez-ces-gens leur-pays rentrer-chez-eux retourne-dans-ton-pays rentre-chez-toi dehors
    comme-d-habitude encore-eux evidemment-c-est toujours-les-memes
    all-of-them they-are-all they-re-all all-the-same these-people those-people their-kind go-back
    your-kind you-people back-to-your-country go-back-to typical typique typiquement stay-in-the-kitchen
    a-la-cuisine retourne-a-la-cuisine
  `,
  // Contempt and mockery aimed at someone.
  contempt: `
    degueulasse degueu pathetique lamentable ridicule honte honteux gerbe gerber vomir vomi
    malaise malaisant pitoyable mis\xE9rable cringe risible
    ferme-la ferme-ta-gueule ta-gueule tais-toi
    disgusting pathetic shut-up shut-your
  `
};
var compiled;
function compile() {
  if (compiled) return compiled;
  const out = { words: /* @__PURE__ */ new Map(), prefixes: [], phrases: [] };
  const addWord = (w, c) => {
    const list = out.words.get(w) ?? [];
    if (!list.includes(c)) list.push(c);
    out.words.set(w, list);
  };
  for (const [category, text] of Object.entries(LEXICON)) {
    for (const raw of text.split(/\s+/).filter(Boolean)) {
      const entry = foldText(raw);
      if (entry.endsWith("*")) out.prefixes.push({ stem: entry.slice(0, -1).replace(/-/g, " "), category });
      else if (entry.includes("-")) out.phrases.push({ phrase: entry.replace(/-/g, " "), category });
      else for (const form of [entry, `${entry}s`, `${entry}x`, `${entry}e`, `${entry}es`]) addWord(form, category);
    }
  }
  compiled = out;
  return out;
}
var LEET = { "4": "a", "@": "a", "3": "e", "1": "i", "0": "o", "$": "s" };
function unLeet(folded) {
  return folded.replace(new RegExp("(?<=\\p{L})[4@310$]+(?=\\p{L})|(?<=\\p{L}{2})[4@310$](?!\\p{N})|(?<![\\p{L}\\p{N}])[4@$](?=\\p{L}{2})", "gu"), (m) => [...m].map((ch) => LEET[ch] ?? ch).join(""));
}
function harmSignals(text) {
  const lex = compile();
  const folded = unLeet(foldText(text)).replace(/[’']/g, " ");
  const tokens = folded.match(/[\p{L}\p{N}]+/gu) ?? [];
  const found = /* @__PURE__ */ new Map();
  const add = (c, w) => {
    const list = found.get(c) ?? [];
    if (!list.includes(w)) list.push(w);
    found.set(c, list);
  };
  for (const t2 of tokens) for (const c of lex.words.get(t2) ?? []) add(c, t2);
  const spaced = ` ${tokens.join(" ")} `;
  for (const { phrase, category } of lex.phrases) if (spaced.includes(` ${phrase} `)) add(category, phrase);
  for (const { stem, category } of lex.prefixes) if (spaced.includes(` ${stem}`)) add(category, `${stem}\u2026`);
  return found;
}
function addressesSomeone(text) {
  return /(?:^|[^\p{L}])(?:tu|t|toi|ton|ta|tes|te|vous|you|your|ur|u)(?=[^\p{L}]|$)/iu.test(foldText(text).replace(/[’']/g, " "));
}
function callsForIt(text) {
  return /\b(?:faut|faudrait|faudra|devrait|devraient|doit|doivent|on va|je vais|je vois bien|qu ils|qu on|should|must|gonna|deserve|deserves|ought)\b/.test(foldText(text).replace(/[’']/g, " "));
}
var CONTEXTUAL = /* @__PURE__ */ new Set(["identity", "threat", "dehumanizing", "body"]);
function harmFeatures(text, s2 = harmSignals(text)) {
  const has = (c) => s2.has(c);
  const out = [...s2.keys()].filter((c) => !CONTEXTUAL.has(c)).map((c) => `h:${c}`);
  const you = addressesSomeone(text);
  const aimed = you || has("identity") || /\b(?:elle|lui|cette|celle|she|her|him)\b/.test(foldText(text));
  if (has("threat") && (you || has("identity") || callsForIt(text))) out.push("h:threat+target");
  if (has("dehumanizing") && (aimed || has("generalizing"))) out.push("h:dehumanizing+target");
  if (has("body") && aimed) out.push("h:body+target");
  if (has("identity") && has("generalizing")) out.push("h:identity+generalizing");
  if (has("identity") && (has("dehumanizing") || has("contempt"))) out.push("h:identity+dehumanizing");
  if (has("identity") && (has("insult") || has("threat") || has("sexual"))) out.push("h:identity+attack");
  if (you && (has("insult") || has("contempt"))) out.push("h:you+insult");
  if (you && has("sexual")) out.push("h:you+sexual");
  const strength = s2.size;
  if (strength >= 2) out.push("h:two");
  if (strength >= 3) out.push("h:three");
  return out;
}

// src/modules/moderation/classifier/models.ts
var cache = /* @__PURE__ */ new Map();
function shippedModel(name) {
  let m = cache.get(name);
  if (!m) {
    const json2 = JSON.parse(readModelFile(`${name}.json.gz`));
    m = {
      name,
      bias: json2.bias,
      hold: json2.hold,
      ...json2.file !== void 0 ? { file: json2.file } : {},
      tail: json2.tail,
      budgetShare: json2.budgetShare,
      docFreq: new Map(Object.entries(json2.docFreq ?? {})),
      docCount: json2.docCount ?? 0,
      weights: new Map(Object.entries(json2.weights))
    };
    cache.set(name, m);
  }
  return m;
}
function commentFeatures(text) {
  return featurize(text, findProfanity(text).length > 0 ? ["m:profane"] : []);
}
var HARM_FEATURE_VALUE = 2;
function readToxicity(text) {
  const profane = findProfanity(text);
  const signals = harmSignals(text);
  const harm = harmFeatures(text, signals);
  const features = featurize(text, profane.length > 0 ? ["m:profane"] : []);
  const lexicon2 = /* @__PURE__ */ new Map();
  for (const f of harm) {
    features.set(f, HARM_FEATURE_VALUE);
    if (f !== "h:sexual") lexicon2.set(f, HARM_FEATURE_VALUE);
  }
  const words4 = new Set(profane);
  for (const list of signals.values()) for (const w of list) words4.add(w);
  return { features, lexicon: lexicon2, backed: { toxicity: harm.length > 0 || profane.length > 0, lexicon: lexicon2.size > 0 }, words: [...words4] };
}
function toxicityFeatures(text) {
  return readToxicity(text).features;
}
function lexiconFeatures(text) {
  return readToxicity(text).lexicon;
}
function featuresFor(model, text) {
  if (model === "spam") return commentFeatures(text);
  return model === "toxicity" ? toxicityFeatures(text) : lexiconFeatures(text);
}

// src/modules/moderation/classifier/logistic.ts
function logit(model, x, extra) {
  let z31 = model.bias;
  for (const [f, v] of x) {
    const w = model.weights.get(f);
    if (w !== void 0) z31 += w * v;
    if (extra) {
      const d = extra.get(f);
      if (d !== void 0) z31 += d * v;
    }
  }
  return z31;
}
function sigmoid(z31) {
  return 1 / (1 + Math.exp(-z31));
}

// src/modules/moderation/learning.repository.ts
async function findModelVersion(db, model) {
  const r = await db.selectFrom("moderation_models").select(["version", "decisions"]).where("model", "=", model).executeTakeFirst();
  return r ? { version: Number(r.version), decisions: Number(r.decisions) } : { version: 0, decisions: 0 };
}
async function listWeightsSince(db, model, version) {
  const rows = await db.selectFrom("moderation_weights").select(["feature", "delta"]).where("model", "=", model).where("version", ">", version).execute();
  return rows.map((r) => ({ feature: r.feature, delta: Number(r.delta) }));
}
async function addWeightChanges(db, model, changes, now) {
  await db.insertInto("moderation_models").values({ model, version: 1, decisions: 1, updated_at: now }).onConflict(
    (oc) => oc.column("model").doUpdateSet((eb) => ({ version: eb("moderation_models.version", "+", 1), decisions: eb("moderation_models.decisions", "+", 1), updated_at: now }))
  ).execute();
  const { version } = await findModelVersion(db, model);
  const rows = [...changes].map(([feature, delta]) => ({ model, feature, delta, version }));
  for (let i = 0; i < rows.length; i += 200) {
    await db.insertInto("moderation_weights").values(rows.slice(i, i + 200)).onConflict(
      (oc) => oc.columns(["model", "feature"]).doUpdateSet((eb) => ({ delta: eb("moderation_weights.delta", "+", eb.ref("excluded.delta")), version }))
    ).execute();
  }
  return version;
}

// src/modules/moderation/text.ts
import { createHash as createHash4 } from "node:crypto";
var fold2 = foldText;
function bodyHash(text) {
  const norm = fold2(text).replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  return createHash4("sha256").update(norm).digest("base64url").slice(0, 32);
}

// src/modules/moderation/phases/rules.ts
var staff = (ctx) => canModerate(ctx.user, "moderation:skip") ? { status: "published", reasons: [{ code: "staff" }] } : void 0;
function matchWord(list, texts) {
  const hay = texts.map(fold2);
  for (const w of list) {
    const needle = fold2(w.trim());
    if (!needle) continue;
    const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const re = new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, "u");
    if (hay.some((h) => re.test(h))) return w;
  }
  return void 0;
}
var fields = (ctx) => [ctx.body, ctx.name, ctx.email ?? "", ctx.ip ?? ""];
var blockWords = (ctx) => {
  const w = matchWord(ctx.settings.blockWords, fields(ctx));
  return w ? { status: "rejected", reasons: [{ code: "block_word", detail: w }] } : void 0;
};
var holdWords = (ctx) => {
  const w = matchWord(ctx.settings.holdWords, fields(ctx));
  return w ? { status: "pending", reasons: [{ code: "hold_word", detail: w }] } : void 0;
};
function countLinks(text) {
  return (text.match(/\bhttps?:\/\/|\bwww\.[a-z0-9-]+\.[a-z]{2,}/gi) ?? []).length;
}
var links = (ctx) => {
  const n = countLinks(ctx.body);
  return ctx.settings.maxLinks > 0 && n >= ctx.settings.maxLinks ? { status: "pending", reasons: [{ code: "too_many_links", detail: String(n) }] } : void 0;
};
function modeOf(ctx) {
  return ctx.article.moderation ?? ctx.settings.moderation;
}
var preModeration = (ctx) => modeOf(ctx) === "pre" ? { status: "pending", reasons: [{ code: "pre_moderation" }] } : void 0;
var firstTime = async (ctx) => {
  if (modeOf(ctx) !== "first-time") return void 0;
  return await ctx.lookups.hasApprovedComment() ? void 0 : { status: "pending", reasons: [{ code: "first_time" }] };
};

// src/modules/moderation/readability.ts
import { franc } from "franc-min";
var SortedWords = class {
  constructor(text) {
    this.text = text;
    let n = 1;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
    this.starts = new Uint32Array(n + 1);
    let k = 1;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts[k++] = i + 1;
    this.starts[n] = text.length + 1;
  }
  text;
  starts;
  has(word) {
    let lo = 0;
    let hi = this.starts.length - 2;
    while (lo <= hi) {
      const mid = lo + hi >> 1;
      const w = this.text.slice(this.starts[mid], this.starts[mid + 1] - 1);
      if (w === word) return true;
      if (w < word) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
};
var lexicon;
function load2() {
  lexicon ??= { fr: new SortedWords(readModelFile("words-fr.txt.gz")), en: new SortedWords(readModelFile("words-en.txt.gz")) };
  return lexicon;
}
function warmUpReadability() {
  load2();
  franc("Une phrase pour charger les trigrammes.");
}
var INFORMAL = new Set(
  `
  lol lmao lmfao rofl omg omfg wtf btw imo imho idk idc irl tbh fyi asap brb gtg ttyl cya bff bf gf bro bros sis fam
  thx thnx tnx ty tysm pls plz plss ppl coz cuz cos bcoz bcos ur urs msg msgs txt txts wat wot wut dunno gonna wanna
  gotta kinda sorta lemme gimme ya yah yea yeh yup yep nope nah naw ok okay okie okies kk lor lah leh hor meh dun
  nt bt jus juz abt tho thru luv wen wer hav gud gd da dat dis dem dey nite tonite tmr tmrw tmrrw tomoz smth sth
  hun bday wk wkend xx xxx xoxo btw bday fone nxt ltr pic pics vid vids fav fave prob probs obvs def srsly rly wud
  cud shud wiv ard hw aight ima imma ain yall ye yer cmon tho nvm np yw omw hbu wbu hmu smh ngl fr lowkey highkey
  mdr ptdr jsp jpp tkt wesh wsh stp svp bcp pk pq pcq dsl slt cc bjr bsr osef askip frero frerot oklm chui chuis
  jvais jsais jveux jpense jcrois chai tjrs tjs qd qqn qqch vrmt ptn bg relou chelou vener venere zarbi ouais ouai
  wallah wlh starfoullah hamdoulah inchallah frr nrv jte jme jle jsuis cmb bref mdrr mdrrr xptdr bae ahah ahahah
  cimer reuf renoi khey kheys steuple stoplait rdv mcdo covoit jvous jtai jtaime tmtc vazy vasy tg ntm chanme ouf
  relou keuf meuf teuf zinc ptit ptite dac daccord okk bjr bsr biz bisous jsp jss chepa chais ptdrr
  gr wif dnt cnt wnt knw sry soz yr hrs mins pple tht wht whr bcz thk thkz tks nd n im ive wan dont cant wont didnt
  doesnt isnt wasnt aint bruh shant havent hasnt couldnt wouldnt shouldnt youre theyre yall
  `.split(/\s+/).filter(Boolean)
);
var LAUGHTER = /^(?:a?(?:ha|he|hi|ho|ah|eh|xd)+h?|l+o+l+[lo]*|m+d+r+|p+t+d+r+)$/;
function known(word, lex) {
  const has = (w) => lex.fr.has(w) || lex.en.has(w) || INFORMAL.has(w);
  if (has(word)) return true;
  if (LAUGHTER.test(word)) return true;
  if (word.length >= 4 && word.endsWith("in") && lex.en.has(`${word}g`)) return true;
  if (new RegExp("(\\p{L})\\1\\1", "u").test(word)) return has(word.replace(new RegExp("(\\p{L})\\1+", "gu"), "$1$1")) || has(word.replace(new RegExp("(\\p{L})\\1+", "gu"), "$1"));
  return false;
}
function knownToken(tok, lex) {
  const folded = foldText(tok).replace(/’/g, "'");
  if (known(folded, lex)) return true;
  const elided = new RegExp("^(qu|[ljmntsdc])(\\p{L}{2,})$", "u").exec(folded);
  if (elided && known(elided[2], lex)) return true;
  if (!folded.includes("'")) return false;
  return folded.split("'").every((part) => part.length < 2 || known(part, lex));
}
var ALPHABET = "abcdefghijklmnopqrstuvwxyz";
var MAX_TYPO_CHECKS = 3;
function englishTypo(tok, lex) {
  const w = foldText(tok);
  if (w.length < 4 || w.length > 15 || !/^[a-z]+$/.test(w)) return false;
  const has = (c) => lex.en.has(c);
  for (let i = 0; i < w.length; i++) {
    if (has(w.slice(0, i) + w.slice(i + 1))) return true;
    if (i + 1 < w.length && has(w.slice(0, i) + w.charAt(i + 1) + w.charAt(i) + w.slice(i + 2))) return true;
  }
  for (let i = 0; i <= w.length; i++) {
    for (const ch of ALPHABET) {
      if (i < w.length && ch !== w[i] && has(w.slice(0, i) + ch + w.slice(i + 1))) return true;
      if (has(w.slice(0, i) + ch + w.slice(i))) return true;
    }
  }
  return false;
}
var InventedRuns = class {
  longest = 0;
  words = 0;
  letters = 0;
  last = "";
  /** A known word or a sentence's end breaks a run. */
  reset() {
    this.words = 0;
    this.letters = 0;
    this.last = "";
  }
  add(word) {
    const w = foldText(word);
    if (w === this.last) return;
    this.words++;
    this.letters += w.length;
    this.last = w;
    if (this.words >= 2) this.longest = Math.max(this.longest, this.letters);
  }
};
var lastLanguage;
function languageOf(clean) {
  if (lastLanguage?.text !== clean) lastLanguage = { text: clean, lang: franc(clean, { minLength: 20 }) };
  return lastLanguage.lang;
}
function languageOfText(text) {
  return languageOf(text.replace(LINKS, " "));
}
var LINKS = /<[^>]*>|\bhttps?:\/\/\S+|\bwww\.\S+|\S+@\S+\.\w+|[@#]\w+/gi;
function measureReadability(text) {
  const lex = load2();
  const clean = text.replace(LINKS, " ");
  const lang = languageOf(clean);
  const unknownWords = [];
  let letters = 0;
  let unknownLetters = 0;
  const re = /[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*|[.!?\n]+/gu;
  let sentenceStart = true;
  let typoChecks = 0;
  const runs = new InventedRuns();
  for (const m of clean.matchAll(re)) {
    const tok = m[0];
    if (/^[.!?\n]+$/.test(tok)) {
      sentenceStart = true;
      runs.reset();
      continue;
    }
    const atStart = sentenceStart;
    sentenceStart = false;
    if (tok.length < 2) continue;
    const isCapitalised = new RegExp("^\\p{Lu}", "u").test(tok);
    const isAllCaps = tok === tok.toUpperCase();
    if (isAllCaps && tok.length <= 5) continue;
    if (isCapitalised && !isAllCaps && !atStart) continue;
    letters += tok.length;
    if (!knownToken(tok, lex) && !(lang === "eng" && typoChecks++ < MAX_TYPO_CHECKS && englishTypo(tok, lex))) {
      unknownLetters += tok.length;
      unknownWords.push(tok);
      if (!isAllCaps) runs.add(tok);
    } else runs.reset();
  }
  return { unknownShare: letters ? unknownLetters / letters : 0, unknownWords, checkedLetters: letters, inventedRunLetters: runs.longest, lang };
}
var MASH_SHARE = 0.8;
var COVERED = /* @__PURE__ */ new Set(["fra", "eng", "und"]);
function isUnreadable(r, threshold) {
  if (r.checkedLetters < 12) return false;
  if (!COVERED.has(r.lang) && r.unknownShare < MASH_SHARE) return false;
  return r.unknownWords.length >= 2 && r.unknownShare >= threshold;
}
var HOLD_RUN_LETTERS = 8;
function unreadableCall(r, threshold) {
  if (!isUnreadable(r, threshold)) return void 0;
  return r.inventedRunLetters >= HOLD_RUN_LETTERS || r.unknownShare >= MASH_SHARE ? "hold" : "review";
}

// src/modules/moderation/phases/content.ts
var UNREADABLE_SHARE = 0.25;
var UNREADABLE_REVIEW_RISK = 0.9;
var unreadable = (ctx) => {
  const r = measureReadability(ctx.body);
  const scores = { unknownWords: Number(r.unknownShare.toFixed(3)) };
  const c = unreadableCall(r, UNREADABLE_SHARE);
  const detail = r.unknownWords.slice(0, 5).join(", ");
  if (c === void 0) return { scores, metadata: { lang: r.lang } };
  if (c === "review") return { reasons: [{ code: "review", detail: `unreadable \xB7 ${detail}` }], scores: { ...scores, reviewRisk: UNREADABLE_REVIEW_RISK }, metadata: { lang: r.lang } };
  return { status: "pending", reasons: [{ code: "unreadable", detail }], scores, metadata: { lang: r.lang } };
};
var profanity = (ctx) => {
  const found = findProfanity(ctx.body);
  return found.length ? { reasons: [{ code: "profanity", detail: found.slice(0, 5).join(", ") }] } : void 0;
};
function modelThresholds(model, settings) {
  return thresholdsFromTable(model.tail, budgetOf(settings) * model.budgetShare, REVIEW_SHARE * model.budgetShare);
}
async function thresholdsFor(model, ctx) {
  const own = await ctx.lookups.siteThresholds(model.name, budgetOf(ctx.settings));
  return own ? { ...own, own: true } : { ...modelThresholds(model, ctx.settings), own: false };
}
function call(base, learned, t2, lessonsMayHold) {
  const holdScore = t2.own || lessonsMayHold ? learned : Math.min(base, learned);
  return holdScore >= t2.hold ? "hold" : learned >= t2.review ? "review" : void 0;
}
function review(model, p, words4 = []) {
  const detail = [`${model.name} ${p.toFixed(2)}`, ...words4.length ? [words4.slice(0, 5).join(", ")] : []].join(" \xB7 ");
  const risk = Number(riskOf(model.tail, p).toFixed(4));
  return { reasons: [{ code: "review", detail }], scores: { reviewRisk: risk }, metadata: { review: { model: model.name, score: p, risk } } };
}
var spam = async (ctx) => {
  const model = shippedModel("spam");
  const x = commentFeatures(ctx.body);
  const base = sigmoid(logit(model, x));
  const learned = sigmoid(logit(model, x, await ctx.lookups.learnedWeights("spam")));
  const scores = { spam: Number(learned.toFixed(4)), spamBase: Number(base.toFixed(4)) };
  const t2 = await thresholdsFor(model, ctx);
  const c = call(base, learned, t2, true);
  if (c === void 0) return { scores };
  if (c === "review") return merge({ scores }, review(model, learned));
  const code = base >= t2.hold ? "spam" : "learned_spam";
  const status = model.file !== void 0 && learned >= model.file ? "spam" : "pending";
  return { status, reasons: [{ code, detail: learned.toFixed(2) }], scores };
};
function merge(a, b) {
  return { ...a, ...b, reasons: [...a.reasons ?? [], ...b.reasons ?? []], scores: { ...a.scores, ...b.scores } };
}
var LEARNED_LANGUAGES = /* @__PURE__ */ new Set(["fra", "eng", "und"]);
var toxicity = async (ctx) => {
  const learnedLanguage = LEARNED_LANGUAGES.has(languageOfText(ctx.body));
  const model = shippedModel(learnedLanguage ? "toxicity" : "toxicity-lexicon");
  const reading = readToxicity(ctx.body);
  const x = learnedLanguage ? reading.features : new Map([...reading.features, ...reading.lexicon]);
  const base = sigmoid(logit(model, x));
  const learned = sigmoid(logit(model, x, await ctx.lookups.learnedWeights("toxicity")));
  const scores = { toxicity: Number(learned.toFixed(4)), toxicityBase: Number(base.toFixed(4)), ...model.name === "toxicity-lexicon" ? { toxicityLexiconOnly: 1 } : {} };
  const t2 = await thresholdsFor(model, ctx);
  const c = call(base, learned, t2, false);
  if (c === void 0) return { scores };
  if (c === "review") return merge({ scores }, review(model, learned, reading.words));
  const words4 = reading.words.slice(0, 5);
  const detail = [learned.toFixed(2), ...words4.length ? [words4.join(", ")] : []].join(" \xB7 ");
  return { status: "pending", reasons: [{ code: base >= t2.hold ? "toxic" : "learned_toxic", detail }], scores };
};

// src/modules/moderation/rule-holds.ts
var DEFAULT_MAX_LINKS = 2;
function heldByTextRules(text, maxLinks = DEFAULT_MAX_LINKS) {
  if (maxLinks > 0 && countLinks(text) >= maxLinks) return true;
  return unreadableCall(measureReadability(text), UNREADABLE_SHARE) === "hold";
}

// src/modules/moderation/learning.service.ts
function createLearnedCache() {
  return /* @__PURE__ */ new Map();
}
async function learnedWeights(deps, model) {
  const perModel = deps.learned;
  const mine = perModel.get(model) ?? { version: 0, deltas: /* @__PURE__ */ new Map() };
  perModel.set(model, mine);
  const { version } = await findModelVersion(deps.db, model);
  if (version < mine.version) {
    mine.version = 0;
    mine.deltas.clear();
  }
  if (version > mine.version) {
    for (const r of await listWeightsSince(deps.db, model, mine.version)) mine.deltas.set(r.feature, r.delta);
    mine.version = version;
  }
  return mine.deltas;
}
var logOdds = (p) => Math.log(Math.max(1e-6, Math.min(1 - 1e-6, p)) / (1 - Math.max(1e-6, Math.min(1 - 1e-6, p))));
function targets(model) {
  const m = shippedModel(model);
  const t2 = thresholdsFromTable(m.tail, DEFAULT_FALSE_HOLD_BUDGET * m.budgetShare, REVIEW_SHARE * m.budgetShare);
  return { unwanted: logOdds(t2.hold) + 0.5, wanted: logOdds(t2.review) - 0.5, listed: logOdds(t2.review) };
}
var MAX_STEP = 1;
var MAX_FEATURE_CHANGE = 3;
var SPECIFICITY_POWER = 4;
function specificity(model, feature) {
  if (feature.startsWith("h:") || feature.startsWith("m:")) return 0;
  const n = model.docCount;
  if (n < 2) return 1;
  const of = (f) => Math.max(0, Math.min(1, Math.log(n / Math.max(1, model.docFreq.get(f) ?? 1)) / Math.log(n))) ** SPECIFICITY_POWER;
  const s2 = of(feature);
  const pair = /^b:([^_]+)_(.+)$/.exec(feature);
  return pair ? Math.min(s2, Math.max(of(`w:${pair[1]}`), of(`w:${pair[2]}`))) : s2;
}
async function planLesson(deps, model, x, unwanted) {
  const deltas = await learnedWeights(deps, model);
  const m = shippedModel(model);
  const z31 = logit(m, x, deltas);
  const target = targets(model);
  const gap = (unwanted ? target.unwanted : target.wanted) - z31;
  if (unwanted && gap <= 0 || !unwanted && (gap >= 0 || z31 < target.listed) || x.size === 0) return void 0;
  const step = Math.max(-MAX_STEP, Math.min(MAX_STEP, gap));
  const spec = /* @__PURE__ */ new Map();
  let norm2 = 0;
  for (const [f, v] of x) {
    const sp = specificity(m, f);
    spec.set(f, sp);
    norm2 += v * v * sp;
  }
  if (norm2 <= 0) return void 0;
  const changes = /* @__PURE__ */ new Map();
  for (const [f, v] of x) {
    const c = step * v * spec.get(f) / norm2;
    if (Math.abs(c) >= 1e-4) changes.set(f, Math.max(-MAX_FEATURE_CHANGE, Math.min(MAX_FEATURE_CHANGE, c)));
  }
  return changes.size ? changes : void 0;
}
async function recordLesson(db, model, changes, now) {
  await addWeightChanges(db, model, changes, now);
}
async function siteThresholds(deps, model, budget, legitimateBodies) {
  const m = shippedModel(model);
  const deltas = await learnedWeights(deps, model);
  const paysForRules = model === "toxicity";
  const scores = legitimateBodies.map((b) => paysForRules && heldByTextRules(b) ? RULE_HELD_SCORE : sigmoid(logit(m, featuresFor(model, b), deltas)));
  return calibrate(m.tail, budget * m.budgetShare, scores, REVIEW_SHARE * m.budgetShare);
}

// src/modules/comments/comment.review.repository.ts
async function findLastCommentAt(db, who) {
  let q = db.selectFrom("comments").select("created_at").orderBy("created_at", "desc").limit(1);
  if (who.userId !== null) q = q.where("user_id", "=", who.userId);
  else if (who.ipHash !== null) q = q.where("ip_hash", "=", who.ipHash);
  else return void 0;
  return (await q.executeTakeFirst())?.created_at;
}
async function existsRepeat(db, bodyHash2, articleId, who) {
  const r = await db.selectFrom("comments").select("id").where("body_hash", "=", bodyHash2).where((eb) => {
    const ors = [eb("article_id", "=", articleId)];
    if (who.userId !== null) ors.push(eb("user_id", "=", who.userId));
    if (who.email !== null) ors.push(eb("author_email", "=", who.email));
    if (who.ipHash !== null) ors.push(eb("ip_hash", "=", who.ipHash));
    return eb.or(ors);
  }).limit(1).executeTakeFirst();
  return r !== void 0;
}
async function existsApprovedComment(db, who) {
  if (who.userId === null && who.email === null) return false;
  let q = db.selectFrom("comments").select("id").where("status", "=", "published").limit(1);
  q = who.userId !== null ? q.where("user_id", "=", who.userId) : q.where("author_email", "=", who.email);
  return await q.executeTakeFirst() !== void 0;
}
function reviewQuery(db) {
  return db.selectFrom("comments").innerJoin("articles", "articles.id", "comments.article_id").select([
    "comments.id",
    "comments.article_id",
    "comments.parent_id",
    "comments.user_id",
    "comments.author_name",
    "comments.author_email",
    "comments.ip_hash",
    "comments.body",
    "comments.html",
    "comments.status",
    "comments.created_at",
    "comments.reasons",
    "comments.scores",
    "articles.title as article_title"
  ]);
}
function parsed(r) {
  return { ...r, reasons: parseReasons(r.reasons), scores: parseScores(r.scores) };
}
async function listByStatus(db, status, limit) {
  const rows = await reviewQuery(db).where("comments.status", "=", status).orderBy("comments.created_at", "asc").orderBy("comments.id").limit(limit).execute();
  return rows.map(parsed);
}
var REVIEW_LIKE = '%"code":"review"%';
var DECIDED_LIKE = '%"code":"moderator"%';
async function listPublishedForReview(db, limit) {
  const rows = await reviewQuery(db).where("comments.status", "=", "published").where("comments.reasons", "like", REVIEW_LIKE).where("comments.reasons", "not like", DECIDED_LIKE).orderBy("comments.id", "desc").limit(5e3).execute();
  const risk = (r) => r.scores.reviewRisk ?? 0;
  return rows.map(parsed).filter((r) => r.reasons.some((x) => x.code === "review") && !r.reasons.some((x) => x.code === "moderator")).sort((a, b) => risk(b) - risk(a) || b.id - a.id).slice(0, limit);
}
async function listLegitimate(db, settledBefore, limit) {
  const rows = await db.selectFrom("comments").select(["id", "body", "reasons", "created_at"]).where("status", "=", "published").where((eb) => eb.or([eb("created_at", "<=", settledBefore), eb("reasons", "like", DECIDED_LIKE)])).orderBy("id", "desc").limit(limit).execute();
  return rows.map((r) => ({ id: r.id, body: r.body, approved: parseReasons(r.reasons).some((x) => x.code === "moderator") }));
}
async function countPublishedForReview(db) {
  const r = await db.selectFrom("comments").select((eb) => eb.fn.countAll().as("n")).where("status", "=", "published").where("reasons", "like", REVIEW_LIKE).where("reasons", "not like", DECIDED_LIKE).executeTakeFirst();
  return Number(r?.n ?? 0);
}
async function listAmong(db, ids2, statuses, limit) {
  if (ids2.length === 0) return [];
  const rows = await reviewQuery(db).where("comments.id", "in", ids2).where("comments.status", "in", statuses).orderBy("comments.created_at", "desc").orderBy("comments.id").limit(limit).execute();
  return rows.map(parsed);
}
async function countStatuses(db, statuses) {
  const rows = await db.selectFrom("comments").select(["status", (eb) => eb.fn.countAll().as("n")]).where("status", "in", statuses).groupBy("status").execute();
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}
async function countAmong(db, ids2, statuses) {
  if (ids2.length === 0) return 0;
  const r = await db.selectFrom("comments").select((eb) => eb.fn.countAll().as("n")).where("id", "in", ids2).where("status", "in", statuses).executeTakeFirst();
  return Number(r?.n ?? 0);
}
async function findForReview(db, id) {
  const r = await reviewQuery(db).where("comments.id", "=", id).executeTakeFirst();
  return r ? parsed(r) : void 0;
}
async function listCommenterHistory(db, c, limit) {
  if (c.user_id === null && c.author_email === null && c.ip_hash === null) return [];
  const rows = await reviewQuery(db).where("comments.id", "!=", c.id).where((eb) => {
    const ors = [];
    if (c.user_id !== null) ors.push(eb("comments.user_id", "=", c.user_id));
    if (c.author_email !== null) ors.push(eb("comments.author_email", "=", c.author_email));
    if (c.ip_hash !== null) ors.push(eb("comments.ip_hash", "=", c.ip_hash));
    return eb.or(ors);
  }).orderBy("comments.created_at", "desc").limit(limit).execute();
  return rows.map(parsed);
}
async function listLatestOfArticle(db, articleId, limit, since) {
  let q = db.selectFrom("comments").select(["id", "status", "reasons"]).where("article_id", "=", articleId);
  if (since !== null) q = q.where("created_at", ">", since);
  const rows = await q.orderBy("created_at", "desc").orderBy("id", "desc").limit(limit).execute();
  return rows.map((r) => ({ id: r.id, status: r.status, reasons: parseReasons(r.reasons) }));
}
async function countPostedSince(db, articleId, since) {
  const r = await db.selectFrom("comments").select((eb) => eb.fn.countAll().as("n")).where("article_id", "=", articleId).where("created_at", ">=", since).executeTakeFirst();
  return Number(r?.n ?? 0);
}
async function listPostedSince(db, since) {
  const rows = await db.selectFrom("comments").select(["id", "article_id", "status", "created_at", "reasons"]).where("created_at", ">=", since).orderBy("created_at", "asc").orderBy("id", "asc").execute();
  return rows.map((r) => ({ id: r.id, article_id: r.article_id, status: r.status, created_at: r.created_at, listed: parseReasons(r.reasons).some((x) => x.code === "review") }));
}
async function findPostedTimes(db, ids2) {
  const out = /* @__PURE__ */ new Map();
  for (let i = 0; i < ids2.length; i += 500) {
    const rows = await db.selectFrom("comments").select(["id", "created_at"]).where("id", "in", ids2.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.id, r.created_at);
  }
  return out;
}

// src/modules/comments/comment.review.ts
var lastCommentAt = (deps, who) => findLastCommentAt(deps.db, who);
var isRepeatComment = (deps, bodyHash2, articleId, who) => existsRepeat(deps.db, bodyHash2, articleId, who);
var hasApprovedComment = (deps, who) => existsApprovedComment(deps.db, who);
var reviewByStatus = (deps, status, limit) => listByStatus(deps.db, status, limit);
var reviewAmong = (deps, ids2, statuses, limit) => listAmong(deps.db, ids2, statuses, limit);
var countByStatus = (deps, statuses) => countStatuses(deps.db, statuses);
var countAmongStatuses = (deps, ids2, statuses) => countAmong(deps.db, ids2, statuses);
var reviewComment = (deps, id) => findForReview(deps.db, id);
var commenterHistory = (deps, c, limit) => listCommenterHistory(deps.db, c, limit);
var reviewListed = (deps, limit) => listPublishedForReview(deps.db, limit);
var countReviewListed = (deps) => countPublishedForReview(deps.db);
var latestOfArticle = (deps, articleId, limit, since = null) => listLatestOfArticle(deps.db, articleId, limit, since);
var postedSince = (deps, articleId, since) => countPostedSince(deps.db, articleId, since);
var postedSinceAll = (deps, since) => listPostedSince(deps.db, since);
var postedTimes = (deps, ids2) => findPostedTimes(deps.db, ids2);
var legitimateComments = (deps, settledBefore, limit) => listLegitimate(deps.db, settledBefore, limit);

// src/modules/moderation/moderation.repository.ts
async function findActiveBan(db, who, now) {
  const keys = [];
  if (who.userId !== null) keys.push({ kind: "account", value: String(who.userId) });
  if (who.email !== null) keys.push({ kind: "email", value: who.email });
  if (who.ipHash !== null) keys.push({ kind: "address", value: who.ipHash });
  if (keys.length === 0) return void 0;
  return db.selectFrom("moderation_bans").select(["id", "kind"]).where("revoked_at", "is", null).where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now)])).where((eb) => eb.or(keys.map((k) => eb.and([eb("kind", "=", k.kind), eb("value", "=", k.value)])))).limit(1).executeTakeFirst();
}
async function countOpenReportsOf(db, ids2) {
  if (ids2.length === 0) return /* @__PURE__ */ new Map();
  const rows = await db.selectFrom("comment_reports").select(["comment_id", (eb) => eb.fn.countAll().as("n")]).where("comment_id", "in", ids2).where("resolved_at", "is", null).groupBy("comment_id").execute();
  return new Map(rows.map((r) => [r.comment_id, Number(r.n)]));
}
async function listReportedIds(db) {
  const rows = await db.selectFrom("comment_reports").select("comment_id").distinct().where("resolved_at", "is", null).execute();
  return rows.map((r) => r.comment_id);
}
async function countHeldDecisions(db, since) {
  const r = await db.selectFrom("moderation_log").select([(eb) => eb.fn.countAll().as("decided"), (eb) => eb.fn.sum(eb.case().when("action", "=", "approve").then(1).else(0).end()).as("approved")]).where("created_at", ">=", since).where("previous_status", "=", "pending").where("action", "in", ["approve", "reject", "spam"]).where("comment_id", "is not", null).where("comment_id", "not in", (eb) => eb.selectFrom("moderation_log as hidden").select("hidden.comment_id").where("hidden.action", "=", "auto_hide").where("hidden.comment_id", "is not", null).$castTo()).executeTakeFirst();
  return { decided: Number(r?.decided ?? 0), approved: Number(r?.approved ?? 0) };
}
async function insertLog(db, row) {
  await db.insertInto("moderation_log").values(row).execute();
}
async function listLogRows(db, opts) {
  let q = db.selectFrom("moderation_log").select([
    "moderation_log.id",
    "moderation_log.comment_id",
    "moderation_log.action",
    "moderation_log.reason",
    "moderation_log.previous_status",
    "moderation_log.status",
    "moderation_log.target",
    "moderation_log.created_at",
    "moderation_log.actor_id"
  ]).orderBy("moderation_log.id", "desc").limit(opts.limit);
  if (opts.commentIds) {
    if (opts.commentIds.length === 0) return [];
    q = q.where("moderation_log.comment_id", "in", opts.commentIds);
  }
  return q.execute();
}
async function findStatusBeforeLastDecision(db, commentId) {
  const actions = ["reject", "spam", "auto_hide"];
  const r = await db.selectFrom("moderation_log").select("previous_status").where("comment_id", "=", commentId).where("action", "in", actions).orderBy("id", "desc").limit(1).executeTakeFirst();
  return COMMENT_STATUSES.find((s2) => s2 === r?.previous_status);
}
async function insertReport(db, r) {
  const res = await db.insertInto("comment_reports").values(r).onConflict((oc) => oc.columns(["comment_id", "reporter"]).doNothing()).executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}
async function countOpenReports(db, commentId) {
  const r = await db.selectFrom("comment_reports").select((eb) => eb.fn.countAll().as("n")).where("comment_id", "=", commentId).where("resolved_at", "is", null).executeTakeFirst();
  return Number(r?.n ?? 0);
}
async function resolveReports(db, commentId, now) {
  await db.updateTable("comment_reports").set({ resolved_at: now }).where("comment_id", "=", commentId).where("resolved_at", "is", null).execute();
}
async function insertBan(db, b) {
  const r = await db.insertInto("moderation_bans").values({ ...b, revoked_at: null }).returning("id").executeTakeFirstOrThrow();
  return r.id;
}
async function listActiveBans(db, now) {
  return db.selectFrom("moderation_bans").select(["id", "kind", "label", "reason", "created_at", "expires_at"]).where("revoked_at", "is", null).where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now)])).orderBy("id", "desc").execute();
}
async function revokeBan(db, id, now) {
  const ban2 = await db.selectFrom("moderation_bans").select(["kind", "label"]).where("id", "=", id).where("revoked_at", "is", null).executeTakeFirst();
  if (!ban2) return void 0;
  await db.updateTable("moderation_bans").set({ revoked_at: now }).where("id", "=", id).execute();
  return ban2;
}

// src/modules/moderation/site-calibration.service.ts
var RECALIBRATE_EVERY = 50;
var SETTLED_DAYS = 7;
var MAX_LEGITIMATE = 5e3;
function createSiteCalibration() {
  return { thresholds: /* @__PURE__ */ new Map(), bodies: void 0, decisionsSinceReset: 0 };
}
function resetSiteCalibration(c) {
  c.thresholds.clear();
  c.bodies = void 0;
  c.decisionsSinceReset = 0;
}
function noteModeratorDecision(deps) {
  deps.calibration.decisionsSinceReset++;
  if (deps.calibration.decisionsSinceReset >= RECALIBRATE_EVERY) resetSiteCalibration(deps.calibration);
}
async function siteLegitimateBodies(deps) {
  const settledBefore = new Date(deps.clock.now().getTime() - SETTLED_DAYS * 864e5).toISOString();
  const [rows, reported] = await Promise.all([legitimateComments(deps, settledBefore, MAX_LEGITIMATE), listReportedIds(deps.db)]);
  const open = new Set(reported);
  return rows.filter((r) => r.approved || !open.has(r.id)).map((r) => r.body);
}
function siteCalibratedThresholds(deps, model, budget) {
  if (model === "toxicity-lexicon") return Promise.resolve(void 0);
  const c = deps.calibration;
  const key = `${model}:${budget}`;
  let found = c.thresholds.get(key);
  if (!found) {
    const bodies = c.bodies ??= siteLegitimateBodies(deps);
    found = bodies.then((b) => b.length < MIN_SITE_LEGITIMATE ? void 0 : siteThresholds(deps, model, budget, b));
    c.thresholds.set(key, found);
    found.catch(() => resetSiteCalibration(c));
  }
  return found;
}

// src/modules/moderation/phases/refusals.ts
var MIN_LENGTH = 2;
var MAX_LENGTH = 5e3;
var BannedError = class extends AppError {
  constructor() {
    super("banned", 403, "you may not comment on this site");
  }
};
var closed = (ctx) => {
  if (!isDiscussionOpen(ctx.article, ctx.settings, ctx.now)) throw new CommentsClosedError();
  return void 0;
};
var length = (ctx) => {
  const len = ctx.body.trim().length;
  if (len < MIN_LENGTH) throw new ValidationError("body", `too short (at least ${MIN_LENGTH} characters)`);
  if (len > MAX_LENGTH) throw new ValidationError("body", `too long (at most ${MAX_LENGTH} characters)`);
  return { body: ctx.body.trim() };
};
var banned = async (ctx) => {
  if (await ctx.lookups.activeBan()) throw new BannedError();
  return void 0;
};

// src/modules/moderation/phases/traps.ts
var honeypot = (ctx) => ctx.form?.honeypot ? { status: "spam", reasons: [{ code: "honeypot" }], metadata: { disguise: "pending" } } : void 0;
var formToken = (ctx) => {
  if (!ctx.form || ctx.settings.minSubmitSeconds === 0) return void 0;
  const check = checkFormToken(ctx.secret, ctx.article.id, ctx.form.token, ctx.now);
  if (!check.ok) return { status: "pending", reasons: [{ code: "form_token", detail: check.problem }] };
  const seconds = check.ageMs / 1e3;
  if (seconds < ctx.settings.minSubmitSeconds) return { status: "pending", reasons: [{ code: "too_fast", detail: seconds.toFixed(1) }], scores: { submitSeconds: seconds } };
  return void 0;
};
var flood = async (ctx) => {
  if (ctx.settings.floodSeconds === 0) return void 0;
  const last = await ctx.lookups.lastCommentAt();
  if (!last) return void 0;
  const wait = ctx.settings.floodSeconds - (ctx.now.getTime() - new Date(last).getTime()) / 1e3;
  if (wait > 0) throw new RateLimitedError(Math.ceil(wait));
  return void 0;
};
var repeat = async (ctx) => await ctx.lookups.isRepeat(bodyHash(ctx.body)) ? { status: "pending", reasons: [{ code: "repeat" }] } : void 0;
var slowMode = async (ctx) => {
  if (ctx.article.slowModeMinutes <= 0 || ctx.dryRun) return void 0;
  const wait = await ctx.lookups.claimSlowSlot(ctx.article.slowModeMinutes);
  if (wait !== void 0) throw new RateLimitedError(wait);
  return void 0;
};

// src/modules/moderation/phases.ts
var PHASES = [
  // — Refusals the commenter is told about —
  { name: "closed", run: closed },
  { name: "length", run: length },
  { name: "banned", run: banned },
  // — Staff are trusted —
  { name: "staff", run: staff },
  // — The article's slow mode (before the traps: a held form still counts as a post) —
  { name: "slow-mode", run: slowMode },
  // — Bot traps of the HTML form —
  { name: "honeypot", run: honeypot },
  { name: "form-token", run: formToken },
  // — Flood and repeats —
  { name: "flood", run: flood },
  { name: "repeat", run: repeat },
  // — The newsroom's own rules (WordPress: disallowed_keys, moderation_keys, comment_max_links) —
  { name: "block-words", run: blockWords },
  { name: "hold-words", run: holdWords },
  { name: "links", run: links },
  // — What the text says —
  { name: "profanity", run: profanity },
  { name: "unreadable", run: unreadable },
  { name: "spam", run: spam },
  { name: "toxicity", run: toxicity },
  // — Modes that hold for a human (per-article override first) —
  { name: "pre-moderation", run: preModeration },
  { name: "first-time", run: firstTime }
];

// src/modules/moderation/pipeline.ts
async function runPipeline(phases, input) {
  let ctx = { ...input };
  const reasons = [];
  const scores = {};
  const metadata = {};
  for (const phase of phases) {
    const r = await phase.run(ctx);
    if (!r) continue;
    if (r.reasons) reasons.push(...r.reasons);
    if (r.scores) Object.assign(scores, r.scores);
    if (r.metadata) Object.assign(metadata, r.metadata);
    if (r.body !== void 0) ctx = { ...ctx, body: r.body };
    if (r.status) return { status: r.status, reasons, scores, body: ctx.body, metadata };
  }
  return { status: "published", reasons, scores, body: ctx.body, metadata };
}

// src/modules/moderation/review.service.ts
function isListedForReview(v) {
  return v.status === "published" && v.reasons.some((r) => r.code === "review");
}
var listForReview = (deps, limit) => reviewListed(deps, limit);
var countForReview = (deps) => countReviewListed(deps);

// src/modules/moderation/moderation.service.ts
function articleContext(a, now) {
  return {
    id: a.id,
    commentsOpen: a.commentsOpen,
    publishAt: a.publishAt,
    moderation: effectiveModeration(a, now),
    lang: a.lang,
    slowModeMinutes: effectiveSlowMode(a, now)
  };
}
function evaluate(ctx) {
  return runPipeline(PHASES, ctx);
}
function commenterLookups(deps, articleId, who) {
  return {
    lastCommentAt: () => lastCommentAt(deps, who),
    isRepeat: (hash2) => isRepeatComment(deps, hash2, articleId, who),
    hasApprovedComment: () => hasApprovedComment(deps, who),
    activeBan: () => findActiveBan(deps.db, who, deps.clock.now().toISOString()),
    claimSlowSlot: (minutes) => deps.slowMode.claim(slowKey(articleId, who), minutes),
    learnedWeights: (model) => learnedWeights(deps, model),
    siteThresholds: (model, budget) => siteCalibratedThresholds(deps, model, budget)
  };
}
function slowKey(articleId, who) {
  const reader = who.userId !== null ? `u${who.userId}` : who.ipHash !== null ? `a${who.ipHash}` : `e${who.email ?? ""}`;
  return `${articleId}:${reader}`;
}
function newGuestLookups(deps) {
  return {
    lastCommentAt: async () => void 0,
    isRepeat: async () => false,
    hasApprovedComment: async () => false,
    activeBan: async () => void 0,
    claimSlowSlot: async () => void 0,
    learnedWeights: (model) => learnedWeights(deps, model),
    siteThresholds: (model, budget) => siteCalibratedThresholds(deps, model, budget)
  };
}
async function evaluateText(deps, input) {
  const settings = await getDiscussionSettings(deps);
  let article = { id: 0, commentsOpen: true, publishAt: null, moderation: null, lang: deps.config.locale, slowModeMinutes: 0 };
  if (input.articleId !== void 0) {
    const a = await getArticleById(deps, input.articleId);
    if (!a) throw new NotFoundError("article");
    article = articleContext(a, deps.clock.now());
  }
  const v = await evaluate({
    body: input.body,
    name: input.name ?? "",
    email: input.email ?? null,
    ip: null,
    ipHash: null,
    user: null,
    article,
    parentId: null,
    settings,
    now: deps.clock.now(),
    secret: deps.secret,
    lookups: newGuestLookups(deps),
    dryRun: true
  });
  return { status: v.status, reasons: v.reasons, scores: v.scores, review: isListedForReview(v) };
}
function warmUpModeration() {
  const timer = setTimeout(() => {
    warmUpReadability();
    shippedModel("spam");
    shippedModel("toxicity");
  }, 0);
  timer.unref();
  return () => clearTimeout(timer);
}

// src/modules/comments/comment.status.ts
async function setCommentStatus(deps, change) {
  const c = change.comment;
  const next = change.status;
  const publicChange = c.status === "published" !== (next === "published");
  await deps.dialect.writeTransaction(deps.db, async (db) => {
    await updateCommentStatus(db, c.id, next, change.reasons, change.at);
    if (publicChange) await bumpArticleVersion2({ db }, c.article_id);
    if (change.alongside) await change.alongside(db);
  });
  if (publicChange) await deps.cache.invalidate([`article:${c.article_id}`]);
  await deps.hooks.emit("comment.changed", { kind: "status", commentId: c.id, articleId: c.article_id, status: next, previousStatus: c.status });
  if (next === "published" && c.status !== "published") await announceComment(deps, c.id);
}
async function announceComment(deps, commentId) {
  const c = await findCommentById(deps.db, commentId);
  if (!c || c.status !== "published") return;
  await deps.cache.invalidate([`article:${c.article_id}`]);
  await deps.pubsub.publish(`article:${c.article_id}`, JSON.stringify(presentComment(c)));
}

// src/modules/comments/idempotency.repository.ts
async function dropExpiredKey(db, keyHash, expired, stale) {
  await db.deleteFrom("comment_idempotency").where("key_hash", "=", keyHash).where((eb) => eb.or([eb("created_at", "<", expired), eb.and([eb("result", "is", null), eb("created_at", "<", stale)])])).execute();
}
async function insertKeyClaim(db, keyHash, now) {
  const r = await db.insertInto("comment_idempotency").values({ key_hash: keyHash, created_at: now, comment_id: null, result: null }).onConflict((oc) => oc.column("key_hash").doNothing()).returning("key_hash").executeTakeFirst();
  return r !== void 0;
}
async function findKey(db, keyHash) {
  return db.selectFrom("comment_idempotency").select(["result", "created_at"]).where("key_hash", "=", keyHash).executeTakeFirst();
}
async function completeKey(db, keyHash, commentId, result) {
  await db.updateTable("comment_idempotency").set({ comment_id: commentId, result }).where("key_hash", "=", keyHash).execute();
}
async function releaseKey(db, keyHash) {
  await db.deleteFrom("comment_idempotency").where("key_hash", "=", keyHash).where("result", "is", null).execute();
}
async function purgeKeysBefore(db, cutoff) {
  const r = await db.deleteFrom("comment_idempotency").where("created_at", "<", cutoff).executeTakeFirst();
  return Number(r.numDeletedRows);
}

// src/modules/comments/comment.service.ts
var AccountsOnlyError = class extends AppError {
  constructor() {
    super("accounts_only", 403, "sign in to comment on this site");
  }
};
var emailSchema = z10.email();
function identity(input, settings) {
  if (input.user) return { name: input.user.name, email: input.user.email };
  if (settings.guests === "accounts-only") throw new AccountsOnlyError();
  const name = (input.name ?? "").trim().replace(/\s+/g, " ");
  const email = (input.email ?? "").trim().toLowerCase();
  if (name.length > 100) throw new ValidationError("name", "at most 100 characters");
  if (email && !emailSchema.safeParse(email).success) throw new ValidationError("email", "not a valid email address");
  if (settings.guests === "name-email") {
    if (!name) throw new ValidationError("name", "required");
    if (!email) throw new ValidationError("email", "required");
  }
  return { name: name || "Anonyme", email: email || null };
}
async function submitComment(deps, input) {
  const article = await getArticleById(deps, input.articleId);
  const now = deps.clock.now();
  if (!article || !isVisible(article, now)) throw new NotFoundError("article");
  const settings = await getDiscussionSettings(deps);
  const person = identity(input, settings);
  if (input.notifyReplies && !person.email) throw new ValidationError("email", t(deps.config.locale, "notifications.email_needed"));
  const parentId = input.parentId ?? null;
  if (parentId !== null) {
    const parent = await findCommentById(deps.db, parentId);
    if (!parent || parent.article_id !== article.id || parent.status !== "published") throw new ValidationError("parentId", t(deps.config.locale, "comments.error.parent"));
  }
  const ipHash = input.ip ? hashIp(deps.secret, input.ip) : null;
  const key = { userId: input.user?.id ?? null, email: person.email, ipHash };
  const verdict = await evaluate({
    body: input.body,
    name: person.name,
    email: person.email,
    ip: input.ip,
    ipHash,
    user: input.user,
    article: articleContext(article, now),
    parentId,
    settings,
    now,
    secret: deps.secret,
    lookups: commenterLookups(deps, article.id, key),
    ...input.form ? { form: input.form } : {}
  });
  const createdAt = now.toISOString();
  const id = await deps.dialect.writeTransaction(deps.db, async (db) => {
    const commentId = await insertComment(db, {
      article_id: article.id,
      parent_id: parentId,
      user_id: input.user?.id ?? null,
      author_name: person.name,
      author_email: input.user ? null : person.email,
      ip_hash: ipHash,
      body: verdict.body,
      html: renderCommentMarkdown(verdict.body),
      status: verdict.status,
      reasons: verdict.reasons,
      scores: verdict.scores,
      created_at: createdAt,
      body_hash: bodyHash(verdict.body),
      notify_replies: input.notifyReplies ? 1 : 0
    });
    if (verdict.status === "published") await bumpArticleVersion2({ db }, article.id);
    if (input.idempotencyKeyHash) await completeKey(db, input.idempotencyKeyHash, commentId, JSON.stringify(answer(commentId, verdict)));
    return commentId;
  });
  await deps.hooks.emit("comment.changed", { kind: "posted", commentId: id, articleId: article.id, status: verdict.status, previousStatus: null });
  if (verdict.status === "published") await announceComment(deps, id);
  return answer(id, verdict);
}
function answer(id, verdict) {
  if (verdict.metadata.disguise === "pending") return { id, status: "pending", reasons: [] };
  return { id, status: verdict.status, reasons: verdict.reasons };
}

// src/modules/comments/idempotency.ts
var KEEP_MS = 24 * 3600 * 1e3;
var STALE_MS = 3e4;
var WAIT_MS = 3e3;
var POLL_MS = 25;
var idempotencyKeySchema = z11.string().min(1).max(200).regex(/^[\x21-\x7e]+$/);
var IdempotencyInProgressError = class extends AppError {
  constructor(message) {
    super("idempotency_in_progress", 409, message, { retryAfter: 1 });
  }
};
var storedResult = z11.object({ id: z11.number(), status: z11.enum(["published", "pending", "spam", "rejected", "deleted"]), reasons: z11.array(z11.unknown()) });
function parseResult(json2) {
  const r = storedResult.parse(JSON.parse(json2));
  return { id: r.id, status: r.status, reasons: parseReasons(JSON.stringify(r.reasons)) };
}
function idempotencyHeader(request) {
  const h = request.headers["idempotency-key"];
  return Array.isArray(h) ? h.join(",") : h;
}
function formKeyScope(form) {
  return sha256(`${form.parentId ?? ""}
${form.body}`);
}
function idempotencyKeyHash(secret, client, key, scope = "") {
  const who = client.user ? `user:${client.user.id}` : client.ip ? `address:${hashIp(secret, client.ip)}` : "anonymous";
  return sha256(`comment-idempotency
${who}
${key}
${scope}`);
}
async function waitForAnswer(deps, keyHash) {
  for (let waited = 0; waited <= WAIT_MS; waited += POLL_MS) {
    const row = await findKey(deps.db, keyHash);
    if (!row) return void 0;
    if (row.result !== null) return parseResult(row.result);
    await delay(POLL_MS);
  }
  throw new IdempotencyInProgressError(t(deps.config.locale, "comments.error.idempotency_in_progress"));
}
async function submitOnce(deps, input, key, scope = "") {
  if (key === void 0) return { result: await submitComment(deps, input), replayed: false };
  if (!idempotencyKeySchema.safeParse(key).success) throw new ValidationError("Idempotency-Key", t(deps.config.locale, "comments.error.idempotency_key"));
  const keyHash = idempotencyKeyHash(deps.secret, input, key, scope);
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = deps.clock.now().getTime();
    await dropExpiredKey(deps.db, keyHash, new Date(now - KEEP_MS).toISOString(), new Date(now - STALE_MS).toISOString());
    if (await insertKeyClaim(deps.db, keyHash, new Date(now).toISOString())) {
      try {
        return { result: await submitComment(deps, { ...input, idempotencyKeyHash: keyHash }), replayed: false };
      } catch (err) {
        await releaseKey(deps.db, keyHash);
        throw err;
      }
    }
    const answer2 = await waitForAnswer(deps, keyHash);
    if (answer2) return { result: answer2, replayed: true };
  }
  throw new IdempotencyInProgressError(t(deps.config.locale, "comments.error.idempotency_in_progress"));
}

// src/modules/comments/comment.pending.ts
var PENDING_COOKIE = "palabre_pending";
var OWN_COOKIE = "palabre_own";
var MAX_REMEMBERED = 20;
function signedIds(request, cookie2) {
  const raw = request.cookies[cookie2];
  if (!raw) return [];
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return [];
  return unsigned.value.split(".").map(Number).filter((n) => Number.isInteger(n) && n > 0);
}
function remember(request, reply, cookie2, id, secure, maxAge) {
  const ids2 = [...signedIds(request, cookie2).filter((x) => x !== id), id].slice(-MAX_REMEMBERED);
  reply.setCookie(cookie2, ids2.join("."), { signed: true, httpOnly: true, sameSite: "lax", secure, path: "/", maxAge });
}
function pendingIds(request) {
  return signedIds(request, PENDING_COOKIE);
}
function rememberPending(request, reply, id, secure) {
  remember(request, reply, PENDING_COOKIE, id, secure, 30 * 24 * 3600);
}
function ownIds(request) {
  return signedIds(request, OWN_COOKIE);
}
function rememberOwn(request, reply, id, secure) {
  remember(request, reply, OWN_COOKIE, id, secure, 7 * 24 * 3600);
}

// src/modules/moderation/moderation.ts
import { z as z12 } from "zod";
var MODERATION_ACTIONS = ["approve", "reject", "spam", "restore"];
var LOG_ACTIONS = [...MODERATION_ACTIONS, "auto_hide", "ban", "unban", "auto_rule", "auto_rule_undo"];
var QUEUE_NAMES = ["pending", "spam", "reported", "review"];
var moderationIdParams = z12.object({ id: z12.coerce.number().int().positive() });
var queueQuerySchema = z12.object({ status: z12.enum(QUEUE_NAMES).default("pending"), limit: z12.coerce.number().int().min(1).max(500).default(100) });
var decisionSchema = z12.object({ action: z12.enum(MODERATION_ACTIONS), reason: z12.string().trim().max(500).optional() });
var bulkDecisionSchema = z12.object({ ids: z12.array(z12.number().int().positive()).min(1).max(500), action: z12.enum(MODERATION_ACTIONS), reason: z12.string().trim().max(500).optional() });
var evaluateSchema = z12.object({
  body: z12.string({ error: "body is required" }).max(1e5),
  name: z12.string().max(200).optional(),
  email: z12.string().max(320).optional(),
  articleId: z12.number().int().positive().optional()
});
var autoRuleParams = z12.object({ articleId: z12.coerce.number().int().positive() });
var preferencesSchema = z12.object({ ruleAlerts: z12.boolean().optional(), digest: z12.boolean().optional() }).strict();

// src/modules/moderation/queue.service.ts
var REPORTED_STATUSES = ["published", "pending"];
async function withReports(deps, rows) {
  const open = await countOpenReportsOf(deps.db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, open_reports: open.get(r.id) ?? 0 }));
}
async function listQueue(deps, queue, limit) {
  const rows = queue === "reported" ? await reviewAmong(deps, await listReportedIds(deps.db), [...REPORTED_STATUSES], limit) : queue === "review" ? await listForReview(deps, limit) : await reviewByStatus(deps, queue, limit);
  return withReports(deps, rows);
}
async function countQueues(deps) {
  const [byStatus, reported, review2] = await Promise.all([
    countByStatus(deps, ["pending", "spam"]),
    listReportedIds(deps.db).then((ids2) => countAmongStatuses(deps, ids2, [...REPORTED_STATUSES])),
    countForReview(deps)
  ]);
  return { pending: byStatus.get("pending") ?? 0, spam: byStatus.get("spam") ?? 0, reported, review: review2 };
}
async function findModeratedComment(deps, id) {
  const c = await reviewComment(deps, id);
  return c ? (await withReports(deps, [c]))[0] : void 0;
}
async function listCommenterHistory2(deps, c, limit) {
  return withReports(deps, await commenterHistory(deps, c, limit));
}

// src/modules/moderation/decision.service.ts
async function applyStatus(deps, c, next, reasons, log, lessons = []) {
  const now = deps.clock.now().toISOString();
  await setCommentStatus(deps, {
    comment: c,
    status: next,
    reasons,
    at: now,
    alongside: async (db) => {
      if (log.actorId !== null) await resolveReports(db, c.id, now);
      await insertLog(db, { comment_id: c.id, actor_id: log.actorId, action: log.action, reason: log.reason, previous_status: c.status, status: next, target: null, created_at: now });
      for (const l of lessons) await recordLesson(db, l.model, l.changes, now);
    }
  });
}
async function lessonsOf(deps, action, body) {
  const plan = action === "spam" ? [["spam", true]] : action === "reject" ? [["toxicity", true]] : action === "approve" ? [["spam", false], ["toxicity", false]] : [];
  const lessons = [];
  for (const [model, unwanted] of plan) {
    const changes = await planLesson(deps, model, featuresFor(model, body), unwanted);
    if (changes) lessons.push({ model, changes });
  }
  return lessons;
}
function statusFor(action, before) {
  if (action === "approve") return "published";
  if (action === "reject") return "rejected";
  if (action === "spam") return "spam";
  return before === "published" ? "published" : "pending";
}
async function decideComment(deps, actor, commentId, action, reason = null) {
  const c = await findModeratedComment(deps, commentId);
  if (!c) throw new NotFoundError("comment");
  if (c.status === "deleted") throw new ValidationError("id", "the comment was deleted by its author");
  const next = statusFor(action, action === "restore" ? await findStatusBeforeLastDecision(deps.db, c.id) : void 0);
  const lessons = await lessonsOf(deps, action, c.body);
  const kept = c.reasons.filter((r) => r.code !== "moderator");
  await applyStatus(deps, c, next, [...kept, { code: "moderator", detail: action }], { actorId: actor.id, action, reason }, lessons);
  noteModeratorDecision(deps);
  return { id: c.id, status: next, previousStatus: c.status };
}
async function decideComments(deps, actor, ids2, action, reason = null) {
  const done = [];
  for (const id of [...new Set(ids2)]) done.push(await decideComment(deps, actor, id, action, reason));
  return done;
}
async function reportComment(deps, commentId, reporter, reason) {
  const c = await findModeratedComment(deps, commentId);
  if (!c || c.status !== "published") throw new NotFoundError("comment");
  await insertReport(deps.db, { comment_id: c.id, reporter, reason, created_at: deps.clock.now().toISOString() });
  const settings = await getDiscussionSettings(deps);
  const open = await countOpenReports(deps.db, c.id);
  if (settings.reportThreshold === 0 || open < settings.reportThreshold) return { hidden: false };
  const reasons = [...c.reasons, { code: "reported", detail: String(open) }];
  await applyStatus(deps, c, "pending", reasons, { actorId: null, action: "auto_hide", reason: `${open} reports` });
  return { hidden: true };
}

// src/modules/embed/embed.security.ts
var MAX_PAGE_URL = 2048;
function embedCsp(origins) {
  const ancestors = origins === void 0 ? "*" : ["'self'", ...origins].join(" ");
  return CSP.replace("frame-ancestors 'none'", `frame-ancestors ${ancestors}`);
}
function allowFraming(reply, origins) {
  reply.removeHeader("x-frame-options");
  return reply.header("content-security-policy", embedCsp(origins));
}
function parsePageUrl(value) {
  if (!value || value.length > MAX_PAGE_URL) return void 0;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url : void 0;
  } catch {
    return void 0;
  }
}
function embedPath(pageUrl2) {
  return `/embed?url=${encodeURIComponent(pageUrl2)}`;
}
function embedReturnPath(baseUrl, value) {
  if (!value || value.length > MAX_PAGE_URL * 4) return void 0;
  let target;
  try {
    target = new URL(value, baseUrl);
  } catch {
    return void 0;
  }
  if (target.origin !== new URL(baseUrl).origin || target.pathname !== "/embed") return void 0;
  const page4 = parsePageUrl(target.searchParams.get("url") ?? void 0);
  return page4 ? embedPath(page4.href) : void 0;
}

// src/modules/embed/embed.views.tsx
import { jsx as jsx12, jsxs as jsxs10 } from "preact/jsx-runtime";
function EmbedLayout({ locale, title, scripts = [], children }) {
  return /* @__PURE__ */ jsxs10("html", { lang: locale, children: [
    /* @__PURE__ */ jsxs10("head", { children: [
      /* @__PURE__ */ jsx12("meta", { charSet: "utf-8" }),
      /* @__PURE__ */ jsx12("meta", { name: "viewport", content: "width=device-width, initial-scale=1" }),
      /* @__PURE__ */ jsx12("title", { children: title }),
      /* @__PURE__ */ jsx12("meta", { name: "robots", content: "noindex" }),
      /* @__PURE__ */ jsx12("link", { rel: "stylesheet", href: assetUrl("site.css") }),
      ["embed-frame.js", ...scripts].map((s2) => /* @__PURE__ */ jsx12("script", { src: assetUrl(s2), defer: true }))
    ] }),
    /* @__PURE__ */ jsx12("body", { class: "embed", children: /* @__PURE__ */ jsx12("main", { id: "main", children }) })
  ] });
}
function ArticleLink({ t: t2, href, title }) {
  return /* @__PURE__ */ jsxs10("p", { class: "embed-article", children: [
    /* @__PURE__ */ jsx12("a", { href, target: "_blank", rel: "noopener", children: t2("embed.read_article", { title }) }),
    " ",
    /* @__PURE__ */ jsx12("span", { class: "visually-hidden", children: t2("embed.new_tab") })
  ] });
}
function embedNotice(locale, t2, title, text) {
  return renderDocument(
    /* @__PURE__ */ jsx12(EmbedLayout, { locale, title, children: /* @__PURE__ */ jsxs10("section", { class: "notice-page embed-notice", children: [
      /* @__PURE__ */ jsx12("h1", { children: title }),
      /* @__PURE__ */ jsx12("p", { children: text })
    ] }) })
  );
}

// src/modules/embed/embed.discussion.tsx
import { jsx as jsx13, jsxs as jsxs11 } from "preact/jsx-runtime";
function embedSortHref(self, sort) {
  return sort === "oldest" ? `${self}#comments` : `${self}&sort=${sort}#comments`;
}
async function renderEmbedPage(deps, request, article, form = {}, view = {}) {
  const t2 = request.t;
  const canonical = deps.config.baseUrl + articlePath(article);
  const self = embedPath(canonical);
  const discussion = await buildDiscussion(deps, request, article, form, view, {
    sortHref: (s2) => embedSortHref(self, s2),
    replyHref: (id) => `${self}&replyTo=${id}#comment-form`,
    returnTo: self
  });
  return renderDocument(
    /* @__PURE__ */ jsxs11(EmbedLayout, { locale: request.locale, title: t2("embed.title", { title: article.title }), scripts: ["article.js", "comment-form.js", "comment-reactions.js"], children: [
      /* @__PURE__ */ jsx13(ArticleLink, { t: t2, href: canonical, title: article.title }),
      discussion
    ] })
  );
}
async function sendEmbedDiscussion(deps, request, reply, article, form, status = 200, view = {}) {
  const html = await renderEmbedPage(deps, request, article, form, view);
  return allowFraming(reply, deps.config.embedOrigins).code(status).type(HTML).header("cache-control", "private, no-store").send(html);
}

// src/modules/comments/comment.replay.repository.ts
async function listPublishedAfter(db, articleId, afterId, limit) {
  return db.selectFrom("comments").select(["id", "article_id", "parent_id", "user_id", "author_name", "body", "html", "status", "created_at", "likes", "edited_at"]).where("article_id", "=", articleId).where("status", "=", "published").where("id", ">", afterId).orderBy("id").limit(limit).execute();
}

// src/modules/comments/comment.replay.ts
var REPLAY_LIMIT = 200;
function lastEventIdOf(request) {
  const header = request.headers["last-event-id"];
  const query = request.query?.lastEventId;
  const raw = typeof header === "string" && header !== "" ? header : typeof query === "string" ? query : void 0;
  if (raw === void 0 || !/^\d{1,15}$/.test(raw)) return null;
  return Number(raw);
}
async function missedComments(deps, articleId, afterId) {
  const rows = await listPublishedAfter(deps.db, articleId, afterId, REPLAY_LIMIT);
  return rows.map((c) => JSON.stringify(presentComment(c)));
}
var TooManyStreamsError = class extends AppError {
  constructor(locale, max) {
    super("too_many_streams", 429, t(locale, "comments.error.too_many_streams", { max }), { retryAfter: 30 });
  }
};

// src/modules/comments/comment.routes.ts
function formMessage(request, err) {
  const wait = err.details.retryAfter;
  return err.code === "rate_limited" && typeof wait === "number" ? request.t("comments.wait", { wait: waitInWords(request.locale, wait) }) : err.message;
}
var POST_LIMIT = {
  rateLimit: {
    max: 10,
    timeWindow: "1 minute",
    hook: "preHandler",
    allowList: (request) => canComment(request.user, "comment:post-unthrottled")
  }
};
function decodeOffset2(after) {
  if (!after) return 0;
  const n = Number.parseInt(Buffer.from(after, "base64url").toString("utf8"), 10);
  if (!Number.isInteger(n) || n < 0) throw new ValidationError("after", "invalid cursor");
  return n;
}
async function visibleArticle(deps, id) {
  const a = await getArticleById(deps, id);
  if (!a || !isVisible(a, deps.clock.now())) throw new NotFoundError("article");
  return a;
}
function registerCommentRoutes(app, deps) {
  const secure = deps.config.baseUrl.startsWith("https:");
  app.get("/api/v1/articles/:id/comments/token", async (request, reply) => {
    const { id } = parseInput(commentIdParams, request.params);
    await visibleArticle(deps, id);
    reply.header("cache-control", "private, no-store");
    return { token: issueFormToken(deps.secret, id, deps.clock.now()) };
  });
  app.get("/api/v1/articles/:id/comments/mine", async (request, reply) => {
    const { id } = parseInput(commentIdParams, request.params);
    await visibleArticle(deps, id);
    reply.header("cache-control", "private, no-store");
    const rows = await listOwnPending(deps.db, id, pendingIds(request));
    return { comments: rows.map(presentComment) };
  });
  app.post("/api/v1/comments/:id/reports", { config: { rateLimit: { max: 20, timeWindow: "1 minute" } } }, async (request, reply) => {
    const { id } = parseInput(commentIdParams, request.params);
    const body = parseInput(commentReportSchema, request.body ?? {}, request.locale);
    await reportComment(deps, id, readerKey(deps, request), body.reason ?? null);
    return reply.code(201).send({ reported: true });
  });
  app.post("/comments/:id/report", { config: { rateLimit: { max: 20, timeWindow: "1 minute" } } }, async function reportCommentForm(request, reply) {
    const { id } = parseInput(commentIdParams, request.params);
    const c = await findCommentById(deps.db, id);
    const article = c ? await visibleArticle(deps, c.article_id) : void 0;
    if (!c || !article) throw new NotFoundError("comment");
    await reportComment(deps, id, readerKey(deps, request), null);
    const embed = embedReturnPath(deps.config.baseUrl, request.headers.referer);
    return reply.redirect(embed ? `${embed}&reported=1#comment-${id}` : `${articlePath(article)}?reported=1#comments`, 303);
  });
  app.get("/api/v1/articles/:id/comments", async (request) => {
    const { id } = parseInput(commentIdParams, request.params);
    const q = parseInput(commentListQuery, request.query, request.locale);
    const article = await visibleArticle(deps, id);
    const settings = await getDiscussionSettings(deps);
    const offset = decodeOffset2(q.after);
    const rows = await listCommentsPage(deps.db, id, q.sort, offset, settings.pageSize + 1);
    const more = rows.length > settings.pageSize;
    return {
      comments: rows.slice(0, settings.pageSize).map(presentComment),
      next: more ? Buffer.from(String(offset + settings.pageSize)).toString("base64url") : null,
      open: isDiscussionOpen(article, settings, deps.clock.now())
    };
  });
  app.post(
    "/api/v1/articles/:id/comments",
    { config: POST_LIMIT },
    async (request, reply) => {
      const { id } = parseInput(commentIdParams, request.params);
      const input = parseInput(commentInputSchema, request.body, request.locale);
      const { result, replayed } = await submitOnce(deps, {
        articleId: id,
        body: input.body,
        parentId: input.parentId,
        name: input.name,
        email: input.email,
        ip: request.ip,
        user: request.user,
        notifyReplies: input.notifyReplies
      }, idempotencyHeader(request));
      if (result.status === "pending") rememberPending(request, reply, result.id, secure);
      if (!request.user) rememberOwn(request, reply, result.id, secure);
      if (replayed) reply.header("idempotent-replayed", "true");
      return reply.code(201).send(result);
    }
  );
  app.post(
    "/articles/:id/comments",
    { config: POST_LIMIT },
    async function submitCommentForm(request, reply) {
      const { id } = parseInput(commentIdParams, request.params);
      const article = await visibleArticle(deps, id);
      const form = parseInput(commentFormSchema, request.body ?? {}, request.locale);
      const parentId = form.parentId ? Number(form.parentId) : null;
      const notifyReplies = form.notifyReplies !== void 0 && form.notifyReplies !== "" && form.notifyReplies !== "0";
      const embed = embedReturnPath(deps.config.baseUrl, form.return);
      try {
        const { result } = await submitOnce(deps, {
          articleId: id,
          body: form.body,
          parentId: parentId !== null && Number.isInteger(parentId) && parentId > 0 ? parentId : null,
          name: form.name,
          email: form.email,
          ip: request.ip,
          user: request.user,
          notifyReplies,
          form: { ...form.website !== void 0 ? { honeypot: form.website } : {}, ...form.token !== void 0 ? { token: form.token } : {} }
        }, form.idempotencyKey || void 0, formKeyScope(form));
        if (result.status === "pending") rememberPending(request, reply, result.id, secure);
        if (!request.user) rememberOwn(request, reply, result.id, secure);
        const outcome = result.status === "published" ? "published" : result.status === "pending" ? "pending" : "refused";
        const anchor = result.status === "published" ? `#comment-${result.id}` : "#comment-form-title";
        return reply.redirect(embed ? `${embed}&comment=${outcome}${anchor}` : `${articlePath(article)}?comment=${outcome}${anchor}`, 303);
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        const state = {
          message: { kind: "error", text: request.t("comments.error", { message: formMessage(request, err) }) },
          values: { name: form.name ?? "", email: form.email ?? "", body: form.body, notifyReplies }
        };
        if (embed) return sendEmbedDiscussion(deps, request, reply, article, state, err.status);
        const html = await renderArticlePage(deps, request, article, state);
        return reply.code(err.status).type("text/html; charset=utf-8").header("cache-control", "private, no-store").send(html);
      }
    }
  );
  app.addHook("preClose", async () => deps.streams.closeAll());
  app.get("/api/v1/articles/:id/comments/events", async (request, reply) => {
    const { id } = parseInput(commentIdParams, request.params);
    await visibleArticle(deps, id);
    const release = deps.streams.admit(deps, request);
    reply.hijack();
    await deps.streams.stream(deps, request, reply.raw, id, lastEventIdOf(request), release);
  });
}

// src/modules/accounts/account.policy.ts
function canAccount(user, action, subject2 = {}) {
  if (!user) return false;
  switch (action) {
    case "token:manage-own":
      return subject2.ownerId === void 0 || subject2.ownerId === user.id;
    case "user:list":
    case "user:invite":
      if (user.role === "admin") return true;
      if (user.role !== "editor") return false;
      return action === "user:list" || subject2.role === void 0 || EDITOR_INVITABLE_ROLES.includes(subject2.role);
    case "user:update":
    case "token:revoke-any":
      return user.role === "admin";
  }
}
function assertAccount(user, action, subject2 = {}) {
  if (!user) throw new UnauthorizedError();
  if (!canAccount(user, action, subject2)) throw new ForbiddenError(`your role (${user.role}) may not ${action.replace(":", " ")}`);
}

// src/modules/accounts/auth.service.ts
import { randomBytes as randomBytes3 } from "node:crypto";

// src/modules/accounts/session.service.ts
import { randomBytes as randomBytes2 } from "node:crypto";
var SESSION_TTL_MS = 14 * 24 * 3600 * 1e3;
async function createSession(deps, userId) {
  const id = randomBytes2(16).toString("base64url");
  const now = deps.clock.now();
  await deps.db.insertInto("sessions").values({
    id: sha256(id),
    user_id: userId,
    csrf: randomBytes2(16).toString("base64url"),
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + SESSION_TTL_MS).toISOString()
  }).execute();
  return id;
}
async function destroySession(deps, cookieValue) {
  await deps.db.deleteFrom("sessions").where("id", "=", sha256(cookieValue)).execute();
}
async function destroyUserSessions(deps, userId) {
  await deps.db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}
function setSessionCookie(deps, reply, value) {
  reply.setCookie(sessionCookieName(deps.config.baseUrl), value, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: deps.config.baseUrl.startsWith("https:"),
    maxAge: Math.floor(SESSION_TTL_MS / 1e3)
  });
}
function clearSessionCookie(reply) {
  reply.clearCookie(SESSION_COOKIE, { path: "/" });
  reply.clearCookie(sessionCookieName("https:"), { path: "/", secure: true });
}
function sessionCookie(deps, request) {
  return request.cookies[sessionCookieName(deps.config.baseUrl)];
}
function verifyFormCsrf(request, token) {
  if (request.authMethod === "token") return;
  if (!request.sessionCsrf || typeof token !== "string" || !safeEqual(token, request.sessionCsrf)) throw new CsrfError();
}

// src/modules/accounts/auth.service.ts
var TOKEN_TTL_MS = { reset: 36e5, invite: 7 * 24 * 36e5 };
async function signIn(deps, email, password) {
  const user = await findUserByEmail(deps.db, email);
  const usable = user && user.password_hash && user.disabled_at === null ? user.password_hash : void 0;
  const ok = await verifyPassword(usable ?? await dummyHash(), password);
  if (!ok || !user || !usable) return void 0;
  return { id: user.id, email: user.email, name: user.name, role: user.role, locale: user.locale };
}
async function issuePasswordToken(deps, userId, purpose) {
  const token = randomBytes3(32).toString("base64url");
  const now = deps.clock.now();
  await insertPasswordToken(deps.db, {
    user_id: userId,
    token_hash: sha256(token),
    purpose,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + TOKEN_TTL_MS[purpose]).toISOString()
  });
  return token;
}
function passwordLink(deps, token) {
  return `${deps.config.baseUrl}/password/reset?token=${encodeURIComponent(token)}`;
}
async function requestPasswordReset(deps, email) {
  const user = await findUserByEmail(deps.db, email);
  if (!user || user.disabled_at !== null) return;
  const token = await issuePasswordToken(deps, user.id, "reset");
  const locale = deps.config.locale;
  await deps.mailer.send({
    to: user.email,
    subject: t(locale, "account.mail.reset_subject"),
    text: t(locale, "account.mail.reset_text", { name: user.name, link: passwordLink(deps, token), minutes: TOKEN_TTL_MS.reset / 6e4 })
  });
}
async function peekPasswordToken(deps, token) {
  if (token.length > 200) return void 0;
  return findLivePasswordToken(deps.db, sha256(token), deps.clock.now().toISOString());
}
async function setPasswordWithToken(deps, token, password) {
  const live = await peekPasswordToken(deps, token);
  if (!live) throw new ValidationError("token", "this link has expired or was already used");
  const passwordHash = await hashPassword(password);
  const now = deps.clock.now().toISOString();
  const used = await deps.dialect.writeTransaction(deps.db, async (db) => {
    if (!await markPasswordTokenUsed(db, live.id, now)) return false;
    await updateUserRow(db, live.user_id, { password_hash: passwordHash });
    return true;
  });
  if (!used) throw new ValidationError("token", "this link has expired or was already used");
  await destroyUserSessions(deps, live.user_id);
  const user = await findUserById(deps.db, live.user_id);
  if (!user) throw new NotFoundError("account");
  return user;
}
async function inviteUser(deps, actor, input) {
  assertAccount(actor, "user:invite", { role: input.role });
  if (await findUserByEmail(deps.db, input.email)) throw new ConflictError(`an account already uses ${input.email}`, "email");
  const now = deps.clock.now().toISOString();
  let id;
  try {
    id = await insertUser(deps.db, { email: input.email, name: input.name, role: input.role, passwordHash: null, createdAt: now });
  } catch (err) {
    if (deps.dialect.classifyError(err) === "unique") throw new ConflictError(`an account already uses ${input.email}`, "email");
    throw err;
  }
  const token = await issuePasswordToken(deps, id, "invite");
  const locale = deps.config.locale;
  await deps.mailer.send({
    to: input.email.toLowerCase(),
    subject: t(locale, "account.mail.invite_subject", { inviter: actor.name }),
    text: t(locale, "account.mail.invite_text", { name: input.name, inviter: actor.name, role: input.role, link: passwordLink(deps, token), days: TOKEN_TTL_MS.invite / 864e5 })
  });
  return { id, email: input.email.toLowerCase(), name: input.name, role: input.role };
}
async function updateUser(deps, actor, id, patch) {
  assertAccount(actor, "user:update");
  const target = await findUserById(deps.db, id);
  if (!target) throw new NotFoundError("account");
  if (target.id === actor.id && (patch.role !== void 0 && patch.role !== target.role || patch.disabled === true))
    throw new ForbiddenError("you may not change your own role or suspend yourself");
  const v = {};
  if (patch.name !== void 0) v.name = patch.name;
  if (patch.role !== void 0) v.role = patch.role;
  if (patch.disabled !== void 0) v.disabled_at = patch.disabled ? deps.clock.now().toISOString() : null;
  await updateUserRow(deps.db, id, v);
  if (patch.role !== void 0 && patch.role !== target.role || patch.disabled === true) await destroyUserSessions(deps, id);
  return { ...target, ...patch.name !== void 0 ? { name: patch.name } : {}, ...patch.role !== void 0 ? { role: patch.role } : {} };
}
async function setUserLocale(deps, user, locale) {
  await updateUserRow(deps.db, user.id, { locale });
}

// src/modules/accounts/token.service.ts
import { randomBytes as randomBytes4 } from "node:crypto";
async function listOwnTokens(deps, user) {
  assertAccount(user, "token:manage-own");
  const rows = await listApiTokens(deps.db, user.id);
  return rows.map((r) => ({ id: r.id, label: r.label, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at }));
}
async function createOwnToken(deps, user, label2) {
  assertAccount(user, "token:manage-own");
  const token = `plb_${randomBytes4(32).toString("base64url")}`;
  const now = deps.clock.now().toISOString();
  const id = await insertApiTokenReturningId(deps.db, user.id, sha256(token), label2, now);
  return { id, label: label2, createdAt: now, lastUsedAt: null, revokedAt: null, token };
}
async function revokeToken(deps, user, id) {
  assertAccount(user, "token:manage-own");
  const row = await findApiToken(deps.db, id);
  if (!row) throw new NotFoundError("token");
  if (!canAccount(user, "token:manage-own", { ownerId: row.user_id }) && !canAccount(user, "token:revoke-any")) throw new NotFoundError("token");
  await revokeApiTokenRow(deps.db, id, deps.clock.now().toISOString());
}

// src/modules/accounts/account.routes.ts
function registerAccountRoutes(app, deps) {
  app.get("/api/v1/users", async (request) => {
    assertAccount(request.user, "user:list");
    const rows = await listUsers(deps.db);
    return {
      users: rows.map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role, createdAt: u.created_at, disabled: u.disabled_at !== null, invited: !u.has_password }))
    };
  });
  app.post("/api/v1/invitations", async (request, reply) => {
    const input = parseInput(invitationSchema, request.body, request.locale);
    const user = await inviteUser(deps, request.user, input);
    return reply.code(201).send(user);
  });
  app.patch("/api/v1/users/:id", async (request) => {
    const { id } = parseInput(accountIdParams, request.params);
    const patch = parseInput(userPatchSchema, request.body, request.locale);
    return updateUser(deps, request.user, id, patch);
  });
  app.get("/api/v1/tokens", async (request) => ({ tokens: await listOwnTokens(deps, request.user) }));
  app.post("/api/v1/tokens", async (request, reply) => {
    const { label: label2 } = parseInput(tokenSchema, request.body, request.locale);
    return reply.code(201).send(await createOwnToken(deps, request.user, label2));
  });
  app.delete("/api/v1/tokens/:id", async (request, reply) => {
    const { id } = parseInput(accountIdParams, request.params);
    await revokeToken(deps, request.user, id);
    return reply.code(204).send();
  });
}

// src/modules/accounts/login.routes.tsx
import { z as z13 } from "zod";

// src/web/public-page.tsx
import { jsx as jsx14 } from "preact/jsx-runtime";
var NAV_TIMEOUT_MS = 1e3;
async function navSections(deps, request) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`sections not loaded within ${NAV_TIMEOUT_MS} ms`)), NAV_TIMEOUT_MS);
  });
  try {
    return await Promise.race([getSections(deps), timeout]);
  } catch (err) {
    request.log.warn({ err }, "navigation sections unavailable; page sent without them");
    return [];
  } finally {
    clearTimeout(timer);
  }
}
async function sendPublicPage(deps, request, reply, page4) {
  const html = renderDocument(
    /* @__PURE__ */ jsx14(Layout, { locale: request.locale, t: request.t, sections: page4.nav === false ? [] : await navSections(deps, request), meta: { title: page4.title, noindex: true }, children: page4.body })
  );
  return reply.code(page4.status ?? 200).type("text/html; charset=utf-8").header("cache-control", page4.cacheControl ?? "no-store").send(html);
}

// src/modules/accounts/login-throttle.ts
var LOGIN_LIMITS = { perAddress: 30, perAccount: 10, windowMs: 15 * 6e4, accountKey: "pair" };
var LoginThrottle = class {
  byAddress;
  byAccount;
  constructor(app, scope, limits = LOGIN_LIMITS) {
    this.byAddress = app.createRateLimit({ max: limits.perAddress, timeWindow: limits.windowMs, keyGenerator: (req) => `${scope}-ip:${req.ip}` });
    this.byAccount = app.createRateLimit({
      max: limits.perAccount,
      timeWindow: limits.windowMs,
      keyGenerator: (req) => limits.accountKey === "pair" ? `${scope}-pair:${sha256(`${accountKey(req)}
${req.ip}`)}` : `${scope}-acct:${sha256(accountKey(req))}`
    });
  }
  /** Throws 429 when the address or the account has used up its failures. */
  async check(request) {
    for (const limiter of [this.byAddress, this.byAccount]) {
      const r = await limiter(request, { increment: false });
      if (!r.isAllowed && r.remaining <= 0) throw new RateLimitedError(Math.max(1, r.ttlInSeconds));
    }
  }
  /** Counts one failure against both the address and the account. */
  async fail(request) {
    await this.byAddress(request);
    await this.byAccount(request);
  }
};
function accountKey(request) {
  const body = request.body;
  return typeof body?.email === "string" ? body.email.trim().toLowerCase() : "";
}

// src/modules/accounts/login.routes.tsx
import { jsx as jsx15 } from "preact/jsx-runtime";
var loginSchema = z13.object({ email: z13.string().max(320).default(""), password: z13.string().max(1e3).default(""), next: z13.string().max(500).optional() });
var emailSchema2 = z13.object({ email: z13.string().max(320).default("") });
var resetSchema = z13.object({ token: z13.string().max(200).default(""), password: z13.string().max(2e3).default("") });
var RESET_LIMIT = { max: 10, timeWindow: 15 * 6e4 };
var LOCAL = "http://palabre.invalid";
function safeNext(next) {
  if (typeof next !== "string" || !next.startsWith("/")) return void 0;
  let url;
  try {
    url = new URL(next, LOCAL);
  } catch {
    return void 0;
  }
  if (url.origin !== LOCAL) return void 0;
  return `${url.pathname}${url.search}${url.hash}`;
}
function page(deps, request, reply, title, body, status = 200) {
  return sendPublicPage(deps, request, reply, { title, body, status });
}
function registerLoginRoutes(app, deps) {
  const loginThrottle = new LoginThrottle(app, "login");
  const forgotThrottle = new LoginThrottle(app, "forgot", { perAddress: 20, perAccount: 3, windowMs: 60 * 6e4, accountKey: "account" });
  app.get("/login", async function showLoginPage(request, reply) {
    const { next, reset } = request.query;
    if (request.user) return reply.redirect(safeNext(next) ?? (isStaff(request.user.role) ? "/admin" : "/"), 303);
    const message = reset === "1" ? { kind: "ok", text: request.t("reset.done") } : void 0;
    return page(deps, request, reply, request.t("login.title"), /* @__PURE__ */ jsx15(LoginForm, { t: request.t, next: safeNext(next) ?? "", ...message ? { message } : {} }));
  });
  app.post("/login", async function submitLogin(request, reply) {
    const input = loginSchema.safeParse(request.body ?? {});
    const { email, password, next } = input.success ? input.data : { email: "", password: "", next: void 0 };
    const again = (status, text) => page(deps, request, reply, request.t("login.title"), /* @__PURE__ */ jsx15(LoginForm, { t: request.t, email, next: safeNext(next) ?? "", message: { kind: "error", text } }), status);
    try {
      await loginThrottle.check(request);
    } catch (err) {
      if (err instanceof RateLimitedError) return again(429, request.t("login.throttled"));
      throw err;
    }
    const user = await signIn(deps, email, password);
    if (!user) {
      await loginThrottle.fail(request);
      return again(401, request.t("login.failed"));
    }
    const previous = sessionCookie(deps, request);
    if (previous) await destroySession(deps, previous);
    setSessionCookie(deps, reply, await createSession(deps, user.id));
    return reply.redirect(safeNext(next) ?? (isStaff(user.role) ? "/admin" : "/"), 303);
  });
  app.post("/logout", async function submitLogout(request, reply) {
    const sid = sessionCookie(deps, request);
    if (sid && request.user) verifyFormCsrf(request, request.body?._csrf);
    if (sid) await destroySession(deps, sid);
    clearSessionCookie(reply);
    return reply.redirect("/login", 303);
  });
  app.get("/password/forgot", async function showForgotPage(request, reply) {
    return page(deps, request, reply, request.t("reset.forgot_title"), /* @__PURE__ */ jsx15(ForgotForm, { t: request.t }));
  });
  app.post("/password/forgot", async function submitForgot(request, reply) {
    const { email } = emailSchema2.catch({ email: "" }).parse(request.body ?? {});
    try {
      await forgotThrottle.check(request);
    } catch (err) {
      if (err instanceof RateLimitedError) return page(deps, request, reply, request.t("reset.forgot_title"), /* @__PURE__ */ jsx15(ForgotForm, { t: request.t, message: { kind: "error", text: request.t("login.throttled") } }), 429);
      throw err;
    }
    await forgotThrottle.fail(request);
    void requestPasswordReset(deps, email).catch((err) => request.log.error({ err }, "password reset email failed"));
    return page(deps, request, reply, request.t("reset.forgot_title"), /* @__PURE__ */ jsx15(ForgotForm, { t: request.t, message: { kind: "ok", text: request.t("reset.sent") } }));
  });
  app.get("/password/reset", async function showResetPage(request, reply) {
    const { token = "" } = request.query;
    const live = typeof token === "string" ? await peekPasswordToken(deps, token) : void 0;
    if (!live) return page(deps, request, reply, request.t("reset.expired_title"), /* @__PURE__ */ jsx15("p", { class: "notice notice-error", children: request.t("reset.expired") }), 400);
    return page(deps, request, reply, request.t("reset.new_password"), /* @__PURE__ */ jsx15(ResetForm, { t: request.t, token, name: live.name, invite: live.purpose === "invite" }));
  });
  app.post("/password/reset", { config: { rateLimit: RESET_LIMIT } }, async function submitReset(request, reply) {
    const { token, password } = resetSchema.catch({ token: "", password: "" }).parse(request.body ?? {});
    const live = await peekPasswordToken(deps, token);
    if (!live) return page(deps, request, reply, request.t("reset.expired_title"), /* @__PURE__ */ jsx15("p", { class: "notice notice-error", children: request.t("reset.expired") }), 400);
    const ok = newPasswordSchema.safeParse(password);
    if (!ok.success)
      return page(
        deps,
        request,
        reply,
        request.t("reset.new_password"),
        /* @__PURE__ */ jsx15(ResetForm, { t: request.t, token, name: live.name, invite: live.purpose === "invite", message: { kind: "error", text: request.t(password.length < 10 ? "reset.too_short" : "reset.guessable") } }),
        400
      );
    try {
      await setPasswordWithToken(deps, token, ok.data);
    } catch (err) {
      if (err instanceof AppError && err.status === 400) return page(deps, request, reply, request.t("reset.expired_title"), /* @__PURE__ */ jsx15("p", { class: "notice notice-error", children: request.t("reset.expired") }), 400);
      throw err;
    }
    clearSessionCookie(reply);
    return reply.redirect("/login?reset=1", 303);
  });
}

// src/modules/articles/autosave.repository.ts
async function upsertAutosave(db, row) {
  const { article_id: _articleId, user_id: _userId, ...rest } = row;
  await db.insertInto("article_autosaves").values(row).onConflict((oc) => oc.columns(["article_id", "user_id"]).doUpdateSet(rest)).execute();
}
async function findAutosave(db, articleId, userId) {
  return db.selectFrom("article_autosaves").selectAll().where("article_id", "=", articleId).where("user_id", "=", userId).executeTakeFirst();
}
async function deleteAutosave(db, articleId, userId) {
  await db.deleteFrom("article_autosaves").where("article_id", "=", articleId).where("user_id", "=", userId).execute();
}

// src/modules/articles/revision.service.ts
async function loadFor(deps, user, id) {
  const a = await findArticleById(deps.db, id);
  if (!a) throw new NotFoundError("article");
  assertArticle(user, "revision:read", { authorIds: a.authors.map((x) => x.id), storedStatus: a.storedStatus });
  return a;
}
async function articleHistory(deps, user, id) {
  const article = await loadFor(deps, user, id);
  const rows = await listRevisions(deps.db, id);
  const latest = rows[0] ? await findRevision(deps.db, id, rows[0].id) : void 0;
  const latestIsCurrent = latest !== void 0 && latest.title === article.title && latest.summary === article.summary && latest.body === article.body;
  return {
    article,
    entries: rows.map((r, i) => ({
      id: r.id,
      createdAt: r.created_at,
      author: r.author_id !== null ? { id: r.author_id, name: r.author_name } : null,
      title: r.title,
      current: i === 0 && latestIsCurrent
    }))
  };
}
async function revisionWithNext(deps, user, articleId, revisionId) {
  const article = await loadFor(deps, user, articleId);
  const revision = await findRevision(deps.db, articleId, revisionId);
  if (!revision) throw new NotFoundError("revision");
  const next = await findNextRevision(deps.db, articleId, revisionId);
  return { article, revision, next: next ?? { id: null, created_at: article.updatedAt, title: article.title, summary: article.summary, body: article.body } };
}
async function restoreRevision(deps, user, articleId, revisionId) {
  const current = await loadFor(deps, user, articleId);
  assertArticle(user, "revision:restore", { authorIds: current.authors.map((x) => x.id), storedStatus: current.storedStatus });
  const revision = await findRevision(deps.db, articleId, revisionId);
  if (!revision) throw new NotFoundError("revision");
  return updateArticle(deps, user, articleId, { title: revision.title, summary: revision.summary, body: revision.body });
}
async function autosaveArticle(deps, user, articleId, text) {
  const a = await findArticleById(deps.db, articleId);
  if (!a) throw new NotFoundError("article");
  assertArticle(user, "article:update", { authorIds: a.authors.map((x) => x.id), storedStatus: a.storedStatus });
  const savedAt = deps.clock.now().toISOString();
  await upsertAutosave(deps.db, { article_id: articleId, user_id: user.id, ...text, saved_at: savedAt });
  return { savedAt };
}
async function pendingAutosave(deps, user, article) {
  const row = await findAutosave(deps.db, article.id, user.id);
  return row && row.saved_at > article.updatedAt ? row : void 0;
}
async function discardAutosave(deps, user, articleId) {
  await deleteAutosave(deps.db, articleId, user.id);
}

// src/modules/articles/revision.routes.ts
function registerRevisionRoutes(app, deps) {
  app.get("/api/v1/articles/:id/revisions", async (request) => {
    const { id } = parseInput(articleIdParams, request.params);
    const { entries } = await articleHistory(deps, request.user, id);
    return { revisions: entries.filter((e) => !e.current).map(({ current: _current, ...e }) => e) };
  });
  app.get("/api/v1/articles/:id/revisions/:rid", async (request) => {
    const { id, rid } = parseInput(revisionParams, request.params);
    const { revision: r } = await revisionWithNext(deps, request.user, id, rid);
    return { id: r.id, createdAt: r.created_at, author: r.author_id !== null ? { id: r.author_id, name: r.author_name } : null, title: r.title, summary: r.summary, body: r.body };
  });
  app.post("/api/v1/articles/:id/revisions/:rid/restore", async (request) => {
    const { id, rid } = parseInput(revisionParams, request.params);
    const a = await restoreRevision(deps, request.user, id, rid);
    return presentArticle(a, deps.config.baseUrl, deps.clock.now());
  });
  app.put("/api/v1/articles/:id/autosave", async (request) => {
    const { id } = parseInput(articleIdParams, request.params);
    const text = parseInput(autosaveSchema, request.body, request.locale);
    return autosaveArticle(deps, request.user, id, text);
  });
  app.post("/api/v1/preview", async (request) => {
    assertArticle(request.user, "article:create");
    const { body } = parseInput(previewSchema, request.body, request.locale);
    return { html: renderArticleMarkdown(body) };
  });
}

// src/modules/media/media.routes.tsx
import { mkdirSync } from "node:fs";
import { resolve as resolve3 } from "node:path";
import multipart from "@fastify/multipart";
import fastifyStatic from "@fastify/static";

// src/web/boundary.ts
import { parse as parseQuery } from "node:querystring";
function parseQuerySingle(query) {
  const parsed2 = parseQuery(query);
  const out = /* @__PURE__ */ Object.create(null);
  for (const [key, value] of Object.entries(parsed2)) {
    if (typeof value === "string") out[key] = value;
  }
  return out;
}
function isIdParam(name) {
  return name === "id" || name === "rid" || name.endsWith("Id");
}
function findNul(value, path = "", depth = 0) {
  if (typeof value === "string") return value.includes("\0") ? path || "body" : void 0;
  if (depth > 32 || value === null || typeof value !== "object") return void 0;
  if (Buffer.isBuffer(value)) return void 0;
  for (const [key, item2] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (key.includes("\0")) return at;
    const found = findNul(item2, at, depth + 1);
    if (found) return found;
  }
  return void 0;
}
function registerInputBoundary(app, dialect) {
  app.addHook("preValidation", async (request) => {
    const params = request.params ?? {};
    for (const [name, value] of Object.entries(params)) {
      if (isIdParam(name) && typeof value === "string" && /^\d+$/.test(value) && Number(value) > dialect.maxId) throw new NotFoundError(name);
    }
    const field2 = findNul(params, "") ?? findNul(request.query, "") ?? findNul(request.body, "");
    if (field2 !== void 0) {
      throw new ValidationError(field2, "contains a NUL character", { fr: t("fr", "validation.nul"), en: t("en", "validation.nul") });
    }
  });
}

// src/modules/admin/admin.policy.ts
var EVERYONE = ["admin", "editor", "author", "moderator", "reader"];
var STAFF2 = ["admin", "editor", "author", "moderator"];
var WRITERS = ["admin", "editor", "author"];
var MANAGERS2 = ["admin", "editor"];
var RULES2 = {
  "admin:dashboard": STAFF2,
  // Every account has its own page: language, API tokens (a reader's comment bot included).
  "admin:account": EVERYONE,
  "admin:api-docs": STAFF2,
  "admin:articles": WRITERS,
  "admin:media": WRITERS,
  "admin:sections": MANAGERS2,
  "admin:users": MANAGERS2,
  "admin:settings": MANAGERS2
};
function canAdmin(user, action) {
  return user !== null && RULES2[action].includes(user.role);
}
function assertAdmin(user, action) {
  if (!user) throw new UnauthorizedError();
  if (!canAdmin(user, action)) throw new ForbiddenError(`your role (${user.role}) may not open this page`);
}

// src/modules/admin/admin.guard.ts
function adminPage(request, action) {
  assertAdmin(request.user, action);
  return contextOf(request, request.user);
}
function contextOf(request, user) {
  const locale = user.locale ?? request.locale;
  return { user, locale, t: translator(locale), csrf: request.sessionCsrf ?? "" };
}
function redirectAnonymousToLogin(scope) {
  scope.addHook("preHandler", async (request, reply) => {
    if (request.user) return;
    const next = request.method === "GET" ? request.url : "/admin";
    return reply.redirect(`/login?next=${encodeURIComponent(next)}`, 303);
  });
}
var NO_STORE = { "cache-control": "private, no-store", "content-type": "text/html; charset=utf-8" };
function field(body, name) {
  const v = body?.[name];
  if (typeof v === "string") return v;
  if (Array.isArray(v) && typeof v[0] === "string") return v[0];
  return "";
}

// src/web/admin-layout.tsx
import { jsx as jsx16, jsxs as jsxs12 } from "preact/jsx-runtime";
function AdminLayout(p) {
  const { t: t2, user } = p;
  const moderates = canModerate(user, "moderation:queue");
  const item2 = (key, href, label2) => /* @__PURE__ */ jsx16("li", { children: /* @__PURE__ */ jsx16("a", { href, "aria-current": p.current === key ? "page" : void 0, children: label2 }) });
  return /* @__PURE__ */ jsxs12("html", { lang: p.locale, children: [
    /* @__PURE__ */ jsxs12("head", { children: [
      /* @__PURE__ */ jsx16("meta", { charSet: "utf-8" }),
      /* @__PURE__ */ jsx16("meta", { name: "viewport", content: "width=device-width, initial-scale=1" }),
      /* @__PURE__ */ jsx16("meta", { name: "robots", content: "noindex" }),
      /* @__PURE__ */ jsx16("title", { children: `${p.title} \u2014 ${t2("admin.title")}` }),
      /* @__PURE__ */ jsx16("link", { rel: "icon", href: assetUrl("favicon.svg"), type: "image/svg+xml" }),
      /* @__PURE__ */ jsx16("link", { rel: "stylesheet", href: assetUrl("site.css") }),
      (p.scripts ?? []).map((s2) => /* @__PURE__ */ jsx16("script", { src: assetUrl(s2), defer: true }))
    ] }),
    /* @__PURE__ */ jsxs12("body", { class: "admin", children: [
      /* @__PURE__ */ jsx16("a", { class: "skip-link", href: "#main", children: t2("nav.skip") }),
      /* @__PURE__ */ jsx16("header", { class: "site-header", children: /* @__PURE__ */ jsxs12("div", { class: "wrap", children: [
        /* @__PURE__ */ jsx16("p", { class: "site-title", children: /* @__PURE__ */ jsx16("a", { href: "/admin", children: t2("admin.title") }) }),
        /* @__PURE__ */ jsx16("nav", { "aria-label": t2("admin.nav"), children: /* @__PURE__ */ jsxs12("ul", { class: "nav", children: [
          canAdmin(user, "admin:articles") ? item2("articles", "/admin/articles", t2("admin.nav.articles")) : null,
          canAdmin(user, "admin:media") ? item2("media", "/admin/media", t2("admin.nav.media")) : null,
          canAdmin(user, "admin:sections") ? item2("sections", "/admin/sections", t2("admin.nav.sections")) : null,
          moderates ? item2("moderation", "/admin/moderation", t2("admin.nav.moderation")) : null,
          canAdmin(user, "admin:users") ? item2("users", "/admin/users", t2("admin.nav.users")) : null,
          canAdmin(user, "admin:settings") ? item2("settings", "/admin/settings", t2("admin.nav.settings")) : null,
          /* @__PURE__ */ jsx16("li", { children: /* @__PURE__ */ jsx16("a", { href: "/", children: t2("admin.nav.site") }) })
        ] }) }),
        /* @__PURE__ */ jsxs12("form", { method: "post", action: "/logout", class: "logout-form", children: [
          /* @__PURE__ */ jsx16("input", { type: "hidden", name: "_csrf", value: p.csrf }),
          /* @__PURE__ */ jsx16("a", { class: "admin-user", href: "/admin/account", children: user.name }),
          " ",
          /* @__PURE__ */ jsx16("button", { type: "submit", children: t2("admin.logout") })
        ] })
      ] }) }),
      /* @__PURE__ */ jsxs12("main", { id: "main", class: "wrap", tabIndex: -1, children: [
        /* @__PURE__ */ jsx16("h1", { children: p.title }),
        p.children
      ] })
    ] })
  ] });
}

// src/modules/admin/admin.render.tsx
import { jsx as jsx17 } from "preact/jsx-runtime";
function sendAdmin(ctx, reply, page4, children) {
  const html = renderDocument(
    /* @__PURE__ */ jsx17(
      AdminLayout,
      {
        locale: ctx.locale,
        t: ctx.t,
        user: ctx.user,
        title: page4.title,
        csrf: ctx.csrf,
        ...page4.current ? { current: page4.current } : {},
        ...page4.scripts ? { scripts: page4.scripts } : {},
        children
      }
    )
  );
  return reply.code(page4.status ?? 200).headers(NO_STORE).send(html);
}

// src/modules/media/media.routes.tsx
import { jsx as jsx18 } from "preact/jsx-runtime";
async function readUpload(request) {
  if (!request.isMultipart()) throw new ValidationError("file", 'send the image as multipart/form-data in the field "file"');
  const fields2 = {};
  let file;
  try {
    for await (const part of request.parts()) {
      if (part.type === "file") {
        const buffer = await part.toBuffer();
        if (part.fieldname === "file" && !file) file = { buffer, filename: part.filename };
      } else if (typeof part.value === "string") {
        fields2[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    if (err.code === "FST_REQ_FILE_TOO_LARGE") throw new MediaTooLargeError();
    if (err instanceof AppError) throw err;
    throw new ValidationError("file", `malformed multipart body (${err instanceof Error ? err.message : "unreadable"})`, {
      fr: t("fr", "media.malformed"),
      en: t("en", "media.malformed")
    });
  }
  const nul = findNul(fields2);
  if (nul !== void 0) throw new ValidationError(nul, "contains a NUL character", { fr: t("fr", "validation.nul"), en: t("en", "validation.nul") });
  if (!file) throw new ValidationError("file", 'the field "file" is missing');
  return { ...file, fields: fields2 };
}
async function registerMediaRoutes(app, deps) {
  const root2 = resolve3(deps.config.mediaDir);
  mkdirSync(root2, { recursive: true });
  await app.register(fastifyStatic, { root: root2, prefix: "/media/", decorateReply: false, immutable: true, maxAge: "365d", index: false, wildcard: true });
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MEDIA_MAX_BYTES, files: 1, fields: 10, fieldSize: 1e4, parts: 12 } });
    scope.post("/api/v1/media", async (request, reply) => {
      assertMedia(request.user, "media:upload");
      const up13 = await readUpload(request);
      const m = await uploadMedia(deps, request.user, { buffer: up13.buffer, filename: up13.filename, alt: up13.fields.alt ?? "" });
      return reply.code(201).send(presentMedia(m, deps.config.baseUrl));
    });
    scope.register(async (pages) => {
      redirectAnonymousToLogin(pages);
      pages.post("/admin/media", async function submitUpload(request, reply) {
        const ctx = adminPage(request, "admin:media");
        let up13;
        try {
          up13 = await readUpload(request);
        } catch (err) {
          return libraryPage(ctx, reply, errorMessage(ctx, err), 400);
        }
        verifyFormCsrf(request, up13.fields._csrf);
        try {
          if (!up13.fields.alt?.trim()) throw new ValidationError("alt", ctx.t("media.alt_hint"));
          await uploadMedia(deps, ctx.user, { buffer: up13.buffer, filename: up13.filename, alt: up13.fields.alt });
          return reply.redirect("/admin/media?uploaded=1", 303);
        } catch (err) {
          const status = err instanceof AppError ? err.status : 500;
          return libraryPage(ctx, reply, errorMessage(ctx, err), status);
        }
      });
    });
  });
  const errorMessage = (ctx, err) => {
    if (err instanceof AppError && err.status < 500 && err.status !== 401) return { kind: "error", text: ctx.t("media.error", { message: err.message }) };
    throw err;
  };
  const libraryPage = async (ctx, reply, message, status = 200) => sendAdmin(ctx, reply, { title: ctx.t("media.title"), current: "media", status }, /* @__PURE__ */ jsx18(MediaLibrary, { t: ctx.t, csrf: ctx.csrf, media: await listLibrary(deps, ctx.user, 100), message }));
  app.get("/api/v1/media", async (request) => {
    const q = parseInput(mediaListQuery, request.query, request.locale);
    const items = await listLibrary(deps, request.user, q.limit + 1, q.before);
    const page4 = items.slice(0, q.limit);
    return { media: page4.map((m) => presentMedia(m, deps.config.baseUrl)), next: items.length > q.limit ? page4[page4.length - 1]?.id ?? null : null };
  });
  app.patch("/api/v1/media/:id", async (request) => {
    const { id } = parseInput(mediaIdParams, request.params);
    const { alt } = parseInput(mediaAltSchema, request.body, request.locale);
    return presentMedia(await describeMedia(deps, request.user, id, alt), deps.config.baseUrl);
  });
  app.delete("/api/v1/media/:id", async (request, reply) => {
    const { id } = parseInput(mediaIdParams, request.params);
    await deleteMedia(deps, request.user, id);
    return reply.code(204).send();
  });
  await app.register(async (pages) => {
    redirectAnonymousToLogin(pages);
    pages.get("/admin/media", async function showLibrary(request, reply) {
      const ctx = adminPage(request, "admin:media");
      const uploaded = request.query.uploaded === "1";
      return libraryPage(ctx, reply, uploaded ? { kind: "ok", text: ctx.t("media.uploaded") } : void 0);
    });
    pages.post("/admin/media/:id/alt", async function submitAlt(request, reply) {
      const ctx = adminPage(request, "admin:media");
      verifyFormCsrf(request, field(request.body, "_csrf"));
      const { id } = parseInput(mediaIdParams, request.params);
      try {
        const { alt } = parseInput(mediaAltSchema, { alt: field(request.body, "alt") }, ctx.locale);
        await describeMedia(deps, ctx.user, id, alt);
        return await libraryPage(ctx, reply, { kind: "ok", text: ctx.t("media.alt_saved") });
      } catch (err) {
        return libraryPage(ctx, reply, errorMessage(ctx, err), 400);
      }
    });
  });
}

// src/modules/admin/admin.routes.tsx
import { z as z15 } from "zod";

// src/modules/admin/article-list.views.tsx
import { Fragment as Fragment5, jsx as jsx19, jsxs as jsxs13 } from "preact/jsx-runtime";
function ArticleFilterForm({ t: t2, filters: filters2, sections, people }) {
  return /* @__PURE__ */ jsxs13("form", { method: "get", action: "/admin/articles", class: "filters", role: "search", "aria-label": t2("articles.filters"), children: [
    /* @__PURE__ */ jsxs13("p", { class: "field field-inline", children: [
      /* @__PURE__ */ jsx19("label", { for: "f-status", children: t2("articles.status") }),
      /* @__PURE__ */ jsxs13("select", { id: "f-status", name: "status", children: [
        /* @__PURE__ */ jsx19("option", { value: "", children: t2("articles.all") }),
        ["draft", "scheduled", "published"].map((s2) => /* @__PURE__ */ jsx19("option", { value: s2, selected: filters2.status === s2, children: t2(`status.${s2}`) }))
      ] })
    ] }),
    /* @__PURE__ */ jsxs13("p", { class: "field field-inline", children: [
      /* @__PURE__ */ jsx19("label", { for: "f-section", children: t2("articles.section") }),
      /* @__PURE__ */ jsxs13("select", { id: "f-section", name: "section", children: [
        /* @__PURE__ */ jsx19("option", { value: "", children: t2("articles.all") }),
        sections.map((s2) => /* @__PURE__ */ jsx19("option", { value: s2.slug, selected: filters2.section === s2.slug, children: s2.name }))
      ] })
    ] }),
    people.length > 0 ? /* @__PURE__ */ jsxs13("p", { class: "field field-inline", children: [
      /* @__PURE__ */ jsx19("label", { for: "f-author", children: t2("articles.author") }),
      /* @__PURE__ */ jsxs13("select", { id: "f-author", name: "author", children: [
        /* @__PURE__ */ jsx19("option", { value: "", children: t2("articles.all") }),
        people.map((p) => /* @__PURE__ */ jsx19("option", { value: String(p.id), selected: filters2.author === p.id, children: p.name }))
      ] })
    ] }) : null,
    /* @__PURE__ */ jsx19("button", { type: "submit", children: t2("articles.filter") })
  ] });
}
function ArticleTable({ t: t2, locale, articles, now }) {
  if (articles.length === 0) return /* @__PURE__ */ jsx19("p", { class: "empty", children: t2("articles.none") });
  return /* @__PURE__ */ jsxs13("table", { class: "admin-table", children: [
    /* @__PURE__ */ jsx19("thead", { children: /* @__PURE__ */ jsxs13("tr", { children: [
      /* @__PURE__ */ jsx19("th", { scope: "col", children: t2("articles.title_col") }),
      /* @__PURE__ */ jsx19("th", { scope: "col", children: t2("articles.status") }),
      /* @__PURE__ */ jsx19("th", { scope: "col", children: t2("articles.section") }),
      /* @__PURE__ */ jsx19("th", { scope: "col", children: t2("articles.author") }),
      /* @__PURE__ */ jsx19("th", { scope: "col", children: t2("articles.when") })
    ] }) }),
    /* @__PURE__ */ jsx19("tbody", { children: articles.map((a) => {
      const status = effectiveStatus(a, now);
      const when = a.publishAt ?? a.updatedAt;
      return /* @__PURE__ */ jsxs13("tr", { children: [
        /* @__PURE__ */ jsxs13("td", { children: [
          /* @__PURE__ */ jsx19("a", { href: `/admin/articles/${a.id}`, children: a.title }),
          status === "published" ? /* @__PURE__ */ jsxs13(Fragment5, { children: [
            " \xB7 ",
            /* @__PURE__ */ jsx19("a", { href: articlePath(a), children: t2("articles.view") })
          ] }) : null
        ] }),
        /* @__PURE__ */ jsx19("td", { children: /* @__PURE__ */ jsx19("span", { class: `status status-${status}`, children: t2(`status.${status}`) }) }),
        /* @__PURE__ */ jsx19("td", { children: a.section?.name ?? "" }),
        /* @__PURE__ */ jsx19("td", { children: a.authors.map((x) => x.name).join(", ") }),
        /* @__PURE__ */ jsx19("td", { children: /* @__PURE__ */ jsx19("time", { dateTime: when, children: formatDate(locale, when) }) })
      ] });
    }) })
  ] });
}

// src/modules/admin/admin.views.tsx
import { z as z14 } from "zod";

// src/modules/admin/csrf.views.tsx
import { jsx as jsx20 } from "preact/jsx-runtime";
function Csrf({ csrf }) {
  return /* @__PURE__ */ jsx20("input", { type: "hidden", name: "_csrf", value: csrf });
}

// src/modules/admin/tags.views.tsx
import { Fragment as Fragment6, jsx as jsx21, jsxs as jsxs14 } from "preact/jsx-runtime";
function TagItem({ t: t2, csrf, tag, i }) {
  return /* @__PURE__ */ jsxs14("tr", { children: [
    /* @__PURE__ */ jsx21("td", { children: /* @__PURE__ */ jsxs14("form", { method: "post", action: `/admin/tags/${tag.slug}`, class: "row-form", children: [
      /* @__PURE__ */ jsx21(Csrf, { csrf }),
      /* @__PURE__ */ jsx21("label", { for: `tag-name-${i}`, class: "visually-hidden", children: t2("tags.name") }),
      /* @__PURE__ */ jsx21("input", { id: `tag-name-${i}`, name: "name", value: tag.name, required: true, maxLength: 120 }),
      /* @__PURE__ */ jsx21("label", { for: `tag-slug-${i}`, class: "visually-hidden", children: t2("tags.slug") }),
      /* @__PURE__ */ jsx21("input", { id: `tag-slug-${i}`, name: "slug", value: tag.slug, required: true, maxLength: 80, pattern: "[a-z0-9]+(-[a-z0-9]+)*" }),
      /* @__PURE__ */ jsx21("button", { type: "submit", class: "button-secondary", children: t2("tags.rename") })
    ] }) }),
    /* @__PURE__ */ jsxs14("td", { children: [
      /* @__PURE__ */ jsx21("a", { href: `/tag/${tag.slug}`, children: tag.name }),
      " (",
      tag.count,
      ")"
    ] }),
    /* @__PURE__ */ jsx21("td", { children: /* @__PURE__ */ jsxs14("form", { method: "post", action: `/admin/tags/${tag.slug}/merge`, class: "row-form", children: [
      /* @__PURE__ */ jsx21(Csrf, { csrf }),
      /* @__PURE__ */ jsx21("label", { for: `tag-into-${i}`, class: "visually-hidden", children: t2("tags.merge_into") }),
      /* @__PURE__ */ jsx21("input", { id: `tag-into-${i}`, name: "into", list: "tag-slugs", required: true, maxLength: 80, pattern: "[a-z0-9]+(-[a-z0-9]+)*" }),
      /* @__PURE__ */ jsx21("button", { type: "submit", class: "button-secondary", children: t2("tags.merge") })
    ] }) })
  ] });
}
function TagsAdmin({ t: t2, csrf, tags: tags5 }) {
  if (tags5.length === 0) return /* @__PURE__ */ jsx21("p", { class: "empty", children: t2("tags.none") });
  return /* @__PURE__ */ jsxs14(Fragment6, { children: [
    /* @__PURE__ */ jsx21("datalist", { id: "tag-slugs", children: tags5.map((tag) => /* @__PURE__ */ jsx21("option", { value: tag.slug, children: tag.name })) }),
    /* @__PURE__ */ jsxs14("table", { class: "admin-table", children: [
      /* @__PURE__ */ jsx21("thead", { children: /* @__PURE__ */ jsxs14("tr", { children: [
        /* @__PURE__ */ jsx21("th", { scope: "col", children: t2("tags.name") }),
        /* @__PURE__ */ jsx21("th", { scope: "col", children: t2("tags.page") }),
        /* @__PURE__ */ jsx21("th", { scope: "col", children: t2("tags.merge_into") })
      ] }) }),
      /* @__PURE__ */ jsx21("tbody", { children: tags5.map((tag, i) => /* @__PURE__ */ jsx21(TagItem, { t: t2, csrf, tag, i })) })
    ] })
  ] });
}

// src/modules/admin/admin.views.tsx
import { Fragment as Fragment7, jsx as jsx22, jsxs as jsxs15 } from "preact/jsx-runtime";
function SectionsPage({ t: t2, csrf, sections, tags: tags5 }) {
  return /* @__PURE__ */ jsxs15(Fragment7, { children: [
    sections.length === 0 ? /* @__PURE__ */ jsx22("p", { class: "empty", children: t2("sections.none") }) : /* @__PURE__ */ jsxs15("table", { class: "admin-table", children: [
      /* @__PURE__ */ jsx22("thead", { children: /* @__PURE__ */ jsxs15("tr", { children: [
        /* @__PURE__ */ jsx22("th", { scope: "col", children: t2("sections.name") }),
        /* @__PURE__ */ jsx22("th", { scope: "col", children: t2("sections.slug") }),
        /* @__PURE__ */ jsx22("th", { scope: "col", children: t2("sections.articles") })
      ] }) }),
      /* @__PURE__ */ jsx22("tbody", { children: sections.map((s2) => /* @__PURE__ */ jsxs15("tr", { children: [
        /* @__PURE__ */ jsx22("td", { children: /* @__PURE__ */ jsxs15("form", { method: "post", action: `/admin/sections/${s2.slug}`, class: "row-form", children: [
          /* @__PURE__ */ jsx22(Csrf, { csrf }),
          /* @__PURE__ */ jsx22("label", { for: `section-${s2.id}`, class: "visually-hidden", children: t2("sections.name") }),
          /* @__PURE__ */ jsx22("input", { id: `section-${s2.id}`, name: "name", value: s2.name, required: true, maxLength: 120 }),
          /* @__PURE__ */ jsx22("button", { type: "submit", class: "button-secondary", children: t2("sections.rename") })
        ] }) }),
        /* @__PURE__ */ jsx22("td", { children: /* @__PURE__ */ jsxs15("a", { href: `/${s2.slug}`, children: [
          "/",
          s2.slug
        ] }) }),
        /* @__PURE__ */ jsx22("td", { children: /* @__PURE__ */ jsx22("a", { href: `/admin/articles?section=${s2.slug}`, children: s2.count }) })
      ] })) })
    ] }),
    /* @__PURE__ */ jsx22("h2", { id: "new-section", children: t2("sections.new") }),
    /* @__PURE__ */ jsxs15("form", { method: "post", action: "/admin/sections", class: "inline-form", "aria-labelledby": "new-section", children: [
      /* @__PURE__ */ jsx22(Csrf, { csrf }),
      /* @__PURE__ */ jsxs15("p", { class: "field field-inline", children: [
        /* @__PURE__ */ jsx22("label", { for: "section-name", children: t2("sections.name") }),
        /* @__PURE__ */ jsx22("input", { id: "section-name", name: "name", required: true, maxLength: 120 })
      ] }),
      /* @__PURE__ */ jsxs15("p", { class: "field field-inline", children: [
        /* @__PURE__ */ jsx22("label", { for: "section-slug", children: t2("sections.slug") }),
        /* @__PURE__ */ jsx22("input", { id: "section-slug", name: "slug", maxLength: 60, pattern: "[a-z0-9]+(-[a-z0-9]+)*" })
      ] }),
      /* @__PURE__ */ jsx22("button", { type: "submit", children: t2("sections.create") })
    ] }),
    /* @__PURE__ */ jsx22("h2", { children: t2("sections.tags") }),
    /* @__PURE__ */ jsx22(TagsAdmin, { t: t2, csrf, tags: tags5 })
  ] });
}
function RoleSelect({ t: t2, id, name, value, roles }) {
  return /* @__PURE__ */ jsx22("select", { id, name, children: roles.map((r) => /* @__PURE__ */ jsx22("option", { value: r, selected: value === r, children: t2(`role.${r}`) })) });
}
function UsersPage({ t: t2, csrf, users, isAdmin, inviteRoles, selfId }) {
  return /* @__PURE__ */ jsxs15(Fragment7, { children: [
    /* @__PURE__ */ jsxs15("table", { class: "admin-table", children: [
      /* @__PURE__ */ jsx22("thead", { children: /* @__PURE__ */ jsxs15("tr", { children: [
        /* @__PURE__ */ jsx22("th", { scope: "col", children: t2("users.name") }),
        /* @__PURE__ */ jsx22("th", { scope: "col", children: t2("users.email") }),
        /* @__PURE__ */ jsx22("th", { scope: "col", children: t2("users.role") }),
        /* @__PURE__ */ jsx22("th", { scope: "col", children: t2("users.state") })
      ] }) }),
      /* @__PURE__ */ jsx22("tbody", { children: users.map((u) => /* @__PURE__ */ jsxs15("tr", { children: [
        /* @__PURE__ */ jsx22("td", { children: u.name }),
        /* @__PURE__ */ jsx22("td", { children: u.email }),
        /* @__PURE__ */ jsx22("td", { children: isAdmin && u.id !== selfId ? /* @__PURE__ */ jsxs15("form", { method: "post", action: `/admin/users/${u.id}`, class: "row-form", children: [
          /* @__PURE__ */ jsx22(Csrf, { csrf }),
          /* @__PURE__ */ jsx22("label", { for: `role-${u.id}`, class: "visually-hidden", children: t2("users.role") }),
          /* @__PURE__ */ jsx22(RoleSelect, { t: t2, id: `role-${u.id}`, name: "role", value: u.role, roles: ROLES }),
          " ",
          /* @__PURE__ */ jsx22("input", { type: "checkbox", id: `disabled-${u.id}`, name: "disabled", value: "1", checked: u.disabled }),
          " ",
          /* @__PURE__ */ jsx22("label", { for: `disabled-${u.id}`, children: t2("users.suspend") }),
          " ",
          /* @__PURE__ */ jsx22("button", { type: "submit", children: t2("users.save") })
        ] }) : t2(`role.${u.role}`) }),
        /* @__PURE__ */ jsx22("td", { children: u.disabled ? t2("users.disabled") : u.invited ? t2("users.invited") : t2("users.active") })
      ] })) })
    ] }),
    /* @__PURE__ */ jsx22("h2", { id: "invite", children: t2("users.invite") }),
    /* @__PURE__ */ jsxs15("form", { method: "post", action: "/admin/users/invite", class: "inline-form", "aria-labelledby": "invite", children: [
      /* @__PURE__ */ jsx22(Csrf, { csrf }),
      /* @__PURE__ */ jsxs15("p", { class: "field field-inline", children: [
        /* @__PURE__ */ jsx22("label", { for: "invite-name", children: t2("users.name") }),
        /* @__PURE__ */ jsx22("input", { id: "invite-name", name: "name", required: true, maxLength: 200 })
      ] }),
      /* @__PURE__ */ jsxs15("p", { class: "field field-inline", children: [
        /* @__PURE__ */ jsx22("label", { for: "invite-email", children: t2("users.email") }),
        /* @__PURE__ */ jsx22("input", { id: "invite-email", name: "email", type: "email", required: true })
      ] }),
      /* @__PURE__ */ jsxs15("p", { class: "field field-inline", children: [
        /* @__PURE__ */ jsx22("label", { for: "invite-role", children: t2("users.role") }),
        /* @__PURE__ */ jsx22(RoleSelect, { t: t2, id: "invite-role", name: "role", value: "author", roles: inviteRoles })
      ] }),
      /* @__PURE__ */ jsx22("button", { type: "submit", children: t2("users.invite_submit") })
    ] })
  ] });
}
function label(locale, key, fallback) {
  const messages = catalogue[locale];
  return messages[key] ?? fallback;
}
function SettingField({ locale, name, schema, value }) {
  const text = label(locale, `settings.${name}`, name);
  if (schema instanceof z14.ZodEnum) {
    return /* @__PURE__ */ jsxs15("fieldset", { children: [
      /* @__PURE__ */ jsx22("legend", { children: text }),
      schema.options.map((o) => /* @__PURE__ */ jsxs15("label", { class: "choice", children: [
        /* @__PURE__ */ jsx22("input", { type: "radio", name, value: o, checked: value === o }),
        " ",
        label(locale, `settings.${name}.${o}`, o)
      ] }))
    ] });
  }
  if (schema instanceof z14.ZodNumber) {
    return /* @__PURE__ */ jsxs15("p", { class: "field", children: [
      /* @__PURE__ */ jsx22("label", { for: `s-${name}`, children: text }),
      /* @__PURE__ */ jsx22("input", { id: `s-${name}`, name, type: "number", min: schema.minValue ?? void 0, max: schema.maxValue ?? void 0, step: schema.isInt ? void 0 : "any", value: String(value), required: true })
    ] });
  }
  if (schema instanceof z14.ZodArray) {
    return /* @__PURE__ */ jsxs15("p", { class: "field", children: [
      /* @__PURE__ */ jsx22("label", { for: `s-${name}`, children: text }),
      /* @__PURE__ */ jsx22("textarea", { id: `s-${name}`, name, rows: 5, children: Array.isArray(value) ? value.join("\n") : "" })
    ] });
  }
  if (schema instanceof z14.ZodBoolean) {
    return /* @__PURE__ */ jsxs15("p", { class: "field field-check", children: [
      /* @__PURE__ */ jsx22("input", { type: "hidden", name, value: "0" }),
      /* @__PURE__ */ jsx22("input", { id: `s-${name}`, type: "checkbox", name, value: "1", checked: value === true }),
      /* @__PURE__ */ jsx22("label", { for: `s-${name}`, children: text })
    ] });
  }
  return null;
}
function SettingsPage({ t: t2, locale, csrf, s: s2 }) {
  const values = s2;
  return /* @__PURE__ */ jsxs15(Fragment7, { children: [
    /* @__PURE__ */ jsxs15("p", { children: [
      t2("settings.queue"),
      " ",
      /* @__PURE__ */ jsx22("a", { href: "/admin/moderation", children: t2("dash.queue") })
    ] }),
    /* @__PURE__ */ jsxs15("form", { method: "post", action: "/admin/settings", class: "settings-form", children: [
      /* @__PURE__ */ jsx22(Csrf, { csrf }),
      Object.entries(discussionSettingsSchema.shape).map(([name, schema]) => /* @__PURE__ */ jsx22(SettingField, { locale, name, schema, value: values[name] })),
      /* @__PURE__ */ jsx22("button", { type: "submit", children: t2("settings.save") })
    ] })
  ] });
}
function AccountPage({ t: t2, locale, csrf, tokens, created }) {
  return /* @__PURE__ */ jsxs15(Fragment7, { children: [
    /* @__PURE__ */ jsxs15("form", { method: "post", action: "/admin/account/locale", class: "inline-form", children: [
      /* @__PURE__ */ jsx22(Csrf, { csrf }),
      /* @__PURE__ */ jsxs15("p", { class: "field field-inline", children: [
        /* @__PURE__ */ jsx22("label", { for: "locale", children: t2("account.language") }),
        /* @__PURE__ */ jsxs15("select", { id: "locale", name: "locale", children: [
          /* @__PURE__ */ jsx22("option", { value: "fr", selected: locale === "fr", lang: "fr", children: "Fran\xE7ais" }),
          /* @__PURE__ */ jsx22("option", { value: "en", selected: locale === "en", lang: "en", children: "English" })
        ] })
      ] }),
      /* @__PURE__ */ jsx22("button", { type: "submit", children: t2("account.language_save") })
    ] }),
    /* @__PURE__ */ jsx22("h2", { children: t2("account.tokens") }),
    /* @__PURE__ */ jsx22("p", { class: "hint", children: t2("account.tokens_hint") }),
    created ? /* @__PURE__ */ jsxs15("div", { class: "notice notice-ok", role: "status", children: [
      /* @__PURE__ */ jsx22("p", { children: t2("account.token_created") }),
      /* @__PURE__ */ jsx22("p", { children: /* @__PURE__ */ jsx22("code", { class: "token", children: created }) })
    ] }) : null,
    tokens.length === 0 ? /* @__PURE__ */ jsx22("p", { class: "empty", children: t2("account.token_none") }) : /* @__PURE__ */ jsx22("ul", { class: "token-list", children: tokens.map((k) => /* @__PURE__ */ jsxs15("li", { children: [
      /* @__PURE__ */ jsx22("strong", { children: k.label }),
      " \u2014 ",
      t2("account.created"),
      " ",
      /* @__PURE__ */ jsx22("time", { dateTime: k.createdAt, children: formatDate(locale, k.createdAt) }),
      " ",
      k.revokedAt ? /* @__PURE__ */ jsx22("em", { children: t2("account.token_revoked") }) : /* @__PURE__ */ jsxs15("form", { method: "post", action: `/admin/account/tokens/${k.id}/revoke`, class: "row-form", children: [
        /* @__PURE__ */ jsx22(Csrf, { csrf }),
        /* @__PURE__ */ jsx22("button", { type: "submit", class: "button-secondary", children: t2("account.token_revoke") })
      ] })
    ] })) }),
    /* @__PURE__ */ jsxs15("form", { method: "post", action: "/admin/account/tokens", class: "inline-form", children: [
      /* @__PURE__ */ jsx22(Csrf, { csrf }),
      /* @__PURE__ */ jsxs15("p", { class: "field field-inline", children: [
        /* @__PURE__ */ jsx22("label", { for: "token-label", children: t2("account.token_label") }),
        /* @__PURE__ */ jsx22("input", { id: "token-label", name: "label", required: true, maxLength: 100 })
      ] }),
      /* @__PURE__ */ jsx22("button", { type: "submit", children: t2("account.token_create") })
    ] })
  ] });
}

// src/modules/admin/admin.routes.tsx
import { Fragment as Fragment8, jsx as jsx23, jsxs as jsxs16 } from "preact/jsx-runtime";
var idParams = z15.object({ id: z15.coerce.number().int().positive() });
function lines(v) {
  return v.split("\n").map((s2) => s2.trim()).filter(Boolean);
}
function settingsFromForm(body, current) {
  const out = { ...current };
  for (const [name, schema] of Object.entries(discussionSettingsSchema.shape)) {
    const raw = body?.[name];
    if (raw === void 0) continue;
    const v = field(body, name);
    if (schema instanceof z15.ZodNumber) {
      const whole = schema.isInt;
      if (!(whole ? /^\d+$/ : /^\d+([.,]\d+)?$/).test(v.trim())) throw new ValidationError(name, whole ? "a whole number is needed" : "a number is needed");
      out[name] = Number(v.trim().replace(",", "."));
    } else if (schema instanceof z15.ZodArray) out[name] = lines(v);
    else if (schema instanceof z15.ZodBoolean) out[name] = Array.isArray(raw) ? raw.includes("1") : v === "1";
    else out[name] = v;
  }
  return out;
}
function formError(err) {
  if (err instanceof AppError && err.status < 500 && err.status !== 401) return err.message;
  throw err;
}
function registerAdminPages(scope, deps) {
  scope.get("/admin", async function showDashboard(request, reply) {
    const ctx = adminPage(request, "admin:dashboard");
    const { t: t2, user } = ctx;
    const writes = canAdmin(user, "admin:articles");
    const now = deps.clock.now();
    const mine = seesOwnWorkOnly(user) ? user.id : void 0;
    const [counts, recent] = writes ? await Promise.all([countUnpublishedArticles(deps, now.toISOString(), mine), listArticleRows(deps, { now: now.toISOString(), limit: 10, ...mine ? { authorId: mine } : {} })]) : [void 0, []];
    return sendAdmin(
      ctx,
      reply,
      { title: t2("dash.title") },
      /* @__PURE__ */ jsxs16(Fragment8, { children: [
        /* @__PURE__ */ jsx23("p", { children: t2("dash.hello", { name: user.name }) }),
        /* @__PURE__ */ jsxs16("ul", { class: "dash-links", children: [
          writes ? /* @__PURE__ */ jsx23("li", { children: /* @__PURE__ */ jsx23("a", { class: "button", href: "/admin/articles/new", children: t2("dash.new_article") }) }) : null,
          canModerate(user, "moderation:queue") ? /* @__PURE__ */ jsx23("li", { children: /* @__PURE__ */ jsx23("a", { class: "button", href: "/admin/moderation", children: t2("dash.queue") }) }) : null,
          /* @__PURE__ */ jsx23("li", { children: /* @__PURE__ */ jsx23("a", { href: "/admin/account", children: t2("dash.account") }) }),
          /* @__PURE__ */ jsx23("li", { children: /* @__PURE__ */ jsx23("a", { href: "/admin/api", children: t2("dash.api") }) })
        ] }),
        counts ? /* @__PURE__ */ jsxs16(Fragment8, { children: [
          /* @__PURE__ */ jsxs16("p", { children: [
            /* @__PURE__ */ jsx23("a", { href: "/admin/articles?status=draft", children: t2("dash.drafts", { n: counts.drafts }) }),
            " \xB7",
            " ",
            /* @__PURE__ */ jsx23("a", { href: "/admin/articles?status=scheduled", children: t2("dash.scheduled", { n: counts.scheduled }) })
          ] }),
          /* @__PURE__ */ jsx23("h2", { children: t2("dash.recent") }),
          /* @__PURE__ */ jsx23(ArticleTable, { t: t2, locale: ctx.locale, articles: recent, now })
        ] }) : null
      ] })
    );
  });
  const sectionsPage = async (ctx, reply, message, status = 200) => {
    const [sections, tags5] = await Promise.all([getSectionsWithCounts(deps), getTagsWithCounts(deps)]);
    return sendAdmin(ctx, reply, { title: ctx.t("sections.title"), current: "sections", status }, /* @__PURE__ */ jsxs16(Fragment8, { children: [
      message ? /* @__PURE__ */ jsx23(FormMessage, { ...message }) : null,
      /* @__PURE__ */ jsx23(SectionsPage, { t: ctx.t, csrf: ctx.csrf, sections, tags: tags5 })
    ] }));
  };
  scope.get("/admin/sections", async (request, reply) => sectionsPage(adminPage(request, "admin:sections"), reply));
  scope.post("/admin/sections", async function submitSection(request, reply) {
    const ctx = adminPage(request, "admin:sections");
    verifyFormCsrf(request, field(request.body, "_csrf"));
    try {
      const slug2 = field(request.body, "slug").trim();
      await createSection(deps, ctx.user, { name: parseInput(z15.string().trim().min(1).max(120), field(request.body, "name"), ctx.locale), ...slug2 ? { slug: parseInput(z15.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(60), slug2, ctx.locale) } : {} });
      return await sectionsPage(ctx, reply, { kind: "ok", text: ctx.t("sections.created") });
    } catch (err) {
      return sectionsPage(ctx, reply, { kind: "error", text: formError(err) }, 400);
    }
  });
  scope.post("/admin/sections/:slug", async function submitSectionName(request, reply) {
    const ctx = adminPage(request, "admin:sections");
    verifyFormCsrf(request, field(request.body, "_csrf"));
    const { slug: slug2 } = request.params;
    try {
      await updateSectionName(deps, ctx.user, slug2, parseInput(z15.string().trim().min(1).max(120), field(request.body, "name"), ctx.locale));
      return await sectionsPage(ctx, reply, { kind: "ok", text: ctx.t("sections.renamed") });
    } catch (err) {
      return sectionsPage(ctx, reply, { kind: "error", text: formError(err) }, 400);
    }
  });
  scope.post("/admin/tags/:slug", async function submitTagRename(request, reply) {
    const ctx = adminPage(request, "admin:sections");
    verifyFormCsrf(request, field(request.body, "_csrf"));
    const { slug: slug2 } = request.params;
    try {
      await renameTag(deps, ctx.user, slug2, parseInput(tagRenameSchema, { name: field(request.body, "name"), slug: field(request.body, "slug").trim() || void 0 }, ctx.locale));
      return await sectionsPage(ctx, reply, { kind: "ok", text: ctx.t("tags.renamed") });
    } catch (err) {
      return sectionsPage(ctx, reply, { kind: "error", text: formError(err) }, 400);
    }
  });
  scope.post("/admin/tags/:slug/merge", async function submitTagMerge(request, reply) {
    const ctx = adminPage(request, "admin:sections");
    verifyFormCsrf(request, field(request.body, "_csrf"));
    const { slug: slug2 } = request.params;
    try {
      const { into } = parseInput(tagMergeSchema, { into: field(request.body, "into").trim() }, ctx.locale);
      const merged = await mergeTag(deps, ctx.user, slug2, into);
      return await sectionsPage(ctx, reply, { kind: "ok", text: ctx.t("tags.merged", { n: merged.articles, name: merged.name }) });
    } catch (err) {
      return sectionsPage(ctx, reply, { kind: "error", text: formError(err) }, 400);
    }
  });
  const usersPage = async (ctx, reply, message, status = 200) => {
    const rows = await listAccounts(deps);
    const users = rows.map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role, disabled: u.disabled_at !== null, invited: !u.has_password }));
    return sendAdmin(ctx, reply, { title: ctx.t("users.title"), current: "users", status }, /* @__PURE__ */ jsxs16(Fragment8, { children: [
      message ? /* @__PURE__ */ jsx23(FormMessage, { ...message }) : null,
      /* @__PURE__ */ jsx23(UsersPage, { t: ctx.t, csrf: ctx.csrf, users, isAdmin: canAccount(ctx.user, "user:update"), inviteRoles: ROLES.filter((role) => canAccount(ctx.user, "user:invite", { role })), selfId: ctx.user.id })
    ] }));
  };
  scope.get("/admin/users", async (request, reply) => usersPage(adminPage(request, "admin:users"), reply));
  scope.post("/admin/users/invite", async function submitInvitation(request, reply) {
    const ctx = adminPage(request, "admin:users");
    verifyFormCsrf(request, field(request.body, "_csrf"));
    try {
      const input = parseInput(invitationSchema, { email: field(request.body, "email"), name: field(request.body, "name"), role: field(request.body, "role") }, ctx.locale);
      const invited = await inviteUser(deps, ctx.user, input);
      return await usersPage(ctx, reply, { kind: "ok", text: ctx.t("users.invited_ok", { email: invited.email }) });
    } catch (err) {
      return usersPage(ctx, reply, { kind: "error", text: formError(err) }, 400);
    }
  });
  scope.post("/admin/users/:id", async function submitUser(request, reply) {
    const ctx = adminPage(request, "admin:users");
    assertAccount(ctx.user, "user:update");
    verifyFormCsrf(request, field(request.body, "_csrf"));
    const { id } = parseInput(idParams, request.params);
    try {
      const patch = parseInput(userPatchSchema, { role: field(request.body, "role"), disabled: field(request.body, "disabled") === "1" }, ctx.locale);
      await updateUser(deps, ctx.user, id, patch);
      return await usersPage(ctx, reply, { kind: "ok", text: ctx.t("users.saved") });
    } catch (err) {
      return usersPage(ctx, reply, { kind: "error", text: formError(err) }, 400);
    }
  });
  const settingsPage = async (ctx, reply, message, status = 200) => sendAdmin(ctx, reply, { title: ctx.t("settings.title"), current: "settings", status }, /* @__PURE__ */ jsxs16(Fragment8, { children: [
    message ? /* @__PURE__ */ jsx23(FormMessage, { ...message }) : null,
    /* @__PURE__ */ jsx23(SettingsPage, { t: ctx.t, locale: ctx.locale, csrf: ctx.csrf, s: await getDiscussionSettings(deps) })
  ] }));
  scope.get("/admin/settings", async (request, reply) => settingsPage(adminPage(request, "admin:settings"), reply));
  scope.post("/admin/settings", async function submitSettings(request, reply) {
    const ctx = adminPage(request, "admin:settings");
    verifyFormCsrf(request, field(request.body, "_csrf"));
    try {
      const next = parseInput(discussionSettingsSchema, settingsFromForm(request.body, await getDiscussionSettings(deps)), ctx.locale);
      await saveDiscussionSettings(deps, next);
      await deps.cache.invalidate(["*"]);
      return await settingsPage(ctx, reply, { kind: "ok", text: ctx.t("settings.saved") });
    } catch (err) {
      return settingsPage(ctx, reply, { kind: "error", text: formError(err) }, 400);
    }
  });
  const accountPage = async (ctx, reply, created) => sendAdmin(ctx, reply, { title: ctx.t("account.title"), current: "account" }, /* @__PURE__ */ jsx23(AccountPage, { t: ctx.t, locale: ctx.locale, csrf: ctx.csrf, tokens: await listOwnTokens(deps, ctx.user), created }));
  scope.get("/admin/account", async (request, reply) => accountPage(adminPage(request, "admin:account"), reply));
  scope.post("/admin/account/locale", async function submitLocale(request, reply) {
    const ctx = adminPage(request, "admin:account");
    verifyFormCsrf(request, field(request.body, "_csrf"));
    const locale = parseInput(z15.enum(["fr", "en"]), field(request.body, "locale"), ctx.locale);
    await setUserLocale(deps, ctx.user, locale);
    const user = { ...ctx.user, locale };
    return accountPage({ ...ctx, user, locale, t: translator(locale) }, reply);
  });
  scope.post("/admin/account/tokens", async function submitToken(request, reply) {
    const ctx = adminPage(request, "admin:account");
    verifyFormCsrf(request, field(request.body, "_csrf"));
    const label2 = parseInput(z15.string().trim().min(1).max(100), field(request.body, "label"), ctx.locale);
    const created = await createOwnToken(deps, ctx.user, label2);
    return accountPage(ctx, reply, created.token);
  });
  scope.post("/admin/account/tokens/:id/revoke", async function submitRevoke(request, reply) {
    const ctx = adminPage(request, "admin:account");
    verifyFormCsrf(request, field(request.body, "_csrf"));
    const { id } = parseInput(idParams, request.params);
    await revokeToken(deps, ctx.user, id);
    return reply.redirect("/admin/account", 303);
  });
}

// src/modules/admin/editor.routes.tsx
import { z as z16 } from "zod";

// src/modules/admin/editor.form.ts
var BYLINE_SLOTS = 5;
function emptyValues(userId) {
  return { title: "", slug: "", summary: "", body: "", dateline: "", section: "", tags: "", authors: [userId], image: "", correction: "", commentsOpen: true, slowModeMinutes: "0", mode: "draft", publishAt: "" };
}
function valuesFromArticle(a, now) {
  const status = effectiveStatus(a, now);
  return {
    title: a.title,
    slug: a.slug,
    summary: a.summary,
    body: a.body,
    dateline: a.dateline,
    section: a.section?.slug ?? "",
    tags: a.tags.map((t2) => t2.name).join(", "),
    authors: a.authors.map((x) => x.id),
    image: a.image !== null ? String(a.image) : "",
    correction: a.correction ?? "",
    commentsOpen: a.commentsOpen,
    slowModeMinutes: String(a.slowModeMinutes),
    mode: status === "draft" ? "draft" : status === "scheduled" ? "schedule" : "publish",
    publishAt: a.publishAt ? a.publishAt.slice(0, 19) : ""
  };
}
function str(body, name) {
  const v = body[name];
  return typeof v === "string" ? v : "";
}
function valuesFromForm(body) {
  const b = body && typeof body === "object" ? body : {};
  const authors = [];
  for (let i = 0; i < BYLINE_SLOTS; i++) {
    const id = Number(str(b, `author_${i}`));
    if (Number.isInteger(id) && id > 0 && !authors.includes(id)) authors.push(id);
  }
  const mode = str(b, "mode");
  return {
    title: str(b, "title"),
    slug: str(b, "slug").trim(),
    summary: str(b, "summary"),
    body: str(b, "body").replace(/\r\n/g, "\n"),
    dateline: str(b, "dateline"),
    section: str(b, "section"),
    tags: str(b, "tags"),
    authors,
    image: str(b, "image"),
    correction: str(b, "correction").replace(/\r\n/g, "\n"),
    commentsOpen: str(b, "commentsOpen") === "1",
    slowModeMinutes: str(b, "slowModeMinutes").trim(),
    mode: mode === "publish" || mode === "schedule" ? mode : "draft",
    publishAt: str(b, "publishAt")
  };
}
function publishAtIso(value) {
  const d = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`);
  if (!value || Number.isNaN(d.getTime())) throw new ValidationError("publishAt", "a date and time are needed to schedule");
  return d.toISOString();
}
function common(v) {
  const image = Number(v.image);
  return {
    title: v.title,
    summary: v.summary,
    body: v.body,
    dateline: v.dateline,
    section: v.section || null,
    tags: v.tags.split(",").map((s2) => s2.trim()).filter(Boolean),
    // No byline chosen: the service's default (the writer) rather than an article nobody signs.
    ...v.authors.length > 0 ? { authors: v.authors } : {},
    commentsOpen: v.commentsOpen,
    // Not a whole number: passed as typed, so that the schema names the field.
    slowModeMinutes: v.slowModeMinutes === "" ? 0 : /^\d+$/.test(v.slowModeMinutes) ? Number(v.slowModeMinutes) : v.slowModeMinutes,
    image: v.image && Number.isInteger(image) && image > 0 ? image : null,
    correction: v.correction.trim() ? v.correction : null
  };
}
function toCreate(v, now) {
  const c = common(v);
  return {
    ...c,
    ...v.slug ? { slug: v.slug } : {},
    status: v.mode === "draft" ? "draft" : v.mode === "schedule" ? "scheduled" : "published",
    ...v.mode === "schedule" ? { publishAt: publishAtIso(v.publishAt) } : v.mode === "publish" ? { publishAt: now.toISOString() } : {}
  };
}
function toPatch(v, current, now) {
  const c = common(v);
  const status = effectiveStatus(current, now);
  const publication2 = v.mode === "draft" ? status === "draft" ? {} : { status: "draft" } : v.mode === "schedule" ? { status: "scheduled", publishAt: publishAtIso(v.publishAt) } : status === "published" ? {} : { status: "published", publishAt: now.toISOString() };
  return { ...c, ...v.slug && v.slug !== current.slug ? { slug: v.slug } : {}, ...publication2 };
}

// src/modules/admin/editor.views.tsx
import { Fragment as Fragment9, jsx as jsx24, jsxs as jsxs17 } from "preact/jsx-runtime";
function Field({ id, label: label2, hint, children }) {
  return /* @__PURE__ */ jsxs17("p", { class: "field", children: [
    /* @__PURE__ */ jsx24("label", { for: id, children: label2 }),
    children,
    hint ? /* @__PURE__ */ jsx24("span", { class: "hint", id: `${id}-hint`, children: hint }) : null
  ] });
}
function Byline2({ t: t2, values, people }) {
  return /* @__PURE__ */ jsxs17("fieldset", { class: "byline-fields", children: [
    /* @__PURE__ */ jsx24("legend", { children: t2("editor.byline") }),
    Array.from({ length: BYLINE_SLOTS }, (_, i) => /* @__PURE__ */ jsxs17("p", { class: "field field-inline", children: [
      /* @__PURE__ */ jsx24("label", { for: `author_${i}`, children: t2("editor.author_n", { n: i + 1 }) }),
      /* @__PURE__ */ jsxs17("select", { id: `author_${i}`, name: `author_${i}`, children: [
        /* @__PURE__ */ jsx24("option", { value: "", children: t2("editor.nobody") }),
        people.map((p) => /* @__PURE__ */ jsx24("option", { value: String(p.id), selected: values.authors[i] === p.id, children: p.name }))
      ] })
    ] }))
  ] });
}
function Publication({ t: t2, values, canPublish }) {
  const radio = (mode, label2) => /* @__PURE__ */ jsxs17("label", { class: "choice", children: [
    /* @__PURE__ */ jsx24("input", { type: "radio", name: "mode", value: mode, checked: values.mode === mode, disabled: mode !== "draft" && !canPublish }),
    " ",
    label2
  ] });
  return /* @__PURE__ */ jsxs17("fieldset", { class: "publication", children: [
    /* @__PURE__ */ jsx24("legend", { children: t2("editor.publication") }),
    radio("draft", t2("editor.as_draft")),
    radio("publish", t2("editor.publish_now")),
    radio("schedule", t2("editor.schedule")),
    /* @__PURE__ */ jsxs17("p", { class: "field", children: [
      /* @__PURE__ */ jsx24("label", { for: "publishAt", children: t2("editor.publish_at") }),
      /* @__PURE__ */ jsx24("input", { id: "publishAt", name: "publishAt", type: "datetime-local", step: 1, value: values.publishAt, disabled: !canPublish })
    ] })
  ] });
}
function EditorForm(p) {
  const { t: t2, values } = p;
  const action = p.articleId !== void 0 ? `/admin/articles/${p.articleId}` : "/admin/articles";
  return /* @__PURE__ */ jsxs17(Fragment9, { children: [
    p.message ? /* @__PURE__ */ jsx24(FormMessage, { ...p.message }) : null,
    p.autosave ? /* @__PURE__ */ jsxs17("p", { class: "notice notice-info", role: "status", children: [
      t2("editor.autosave_found", { time: p.autosave.time }),
      " ",
      /* @__PURE__ */ jsx24("a", { href: p.autosave.href, children: t2("editor.autosave_resume") })
    ] }) : null,
    p.articleId !== void 0 ? /* @__PURE__ */ jsxs17("p", { class: "editor-links", children: [
      /* @__PURE__ */ jsx24("a", { href: `/admin/articles/${p.articleId}/revisions`, children: t2("editor.revisions") }),
      p.publicUrl ? /* @__PURE__ */ jsxs17(Fragment9, { children: [
        " \xB7 ",
        /* @__PURE__ */ jsx24("a", { href: p.publicUrl, children: t2("editor.view_public") })
      ] }) : null
    ] }) : null,
    /* @__PURE__ */ jsxs17("form", { method: "post", action, class: "editor", id: "editor-form", "data-article-id": p.articleId !== void 0 ? String(p.articleId) : void 0, children: [
      /* @__PURE__ */ jsx24("input", { type: "hidden", name: "_csrf", value: p.csrf }),
      /* @__PURE__ */ jsxs17("div", { class: "editor-main", children: [
        /* @__PURE__ */ jsx24(Field, { id: "title", label: t2("editor.title"), children: /* @__PURE__ */ jsx24("input", { id: "title", name: "title", value: values.title, required: true, maxLength: 300, class: "input-title" }) }),
        /* @__PURE__ */ jsx24(Field, { id: "summary", label: t2("editor.summary"), children: /* @__PURE__ */ jsx24("textarea", { id: "summary", name: "summary", rows: 3, maxLength: 2e3, children: values.summary }) }),
        /* @__PURE__ */ jsxs17("div", { class: "editor-split", children: [
          /* @__PURE__ */ jsx24(Field, { id: "body", label: t2("editor.body"), children: /* @__PURE__ */ jsx24("textarea", { id: "body", name: "body", rows: 24, class: "input-body", children: values.body }) }),
          /* @__PURE__ */ jsxs17("section", { class: "editor-preview", "aria-labelledby": "preview-heading", children: [
            /* @__PURE__ */ jsx24("h2", { id: "preview-heading", children: t2("editor.preview") }),
            /* @__PURE__ */ jsx24("div", { id: "preview", class: "article-body", "aria-live": "polite", dangerouslySetInnerHTML: { __html: p.previewHtml } })
          ] })
        ] }),
        /* @__PURE__ */ jsx24(Field, { id: "correction", label: t2("editor.correction"), hint: t2("editor.correction_hint"), children: /* @__PURE__ */ jsx24("textarea", { id: "correction", name: "correction", rows: 2, "aria-describedby": "correction-hint", children: values.correction }) })
      ] }),
      /* @__PURE__ */ jsxs17("div", { class: "editor-side", children: [
        /* @__PURE__ */ jsx24(Publication, { t: t2, values, canPublish: p.canPublish }),
        /* @__PURE__ */ jsxs17("p", { class: "editor-actions", children: [
          /* @__PURE__ */ jsx24("button", { type: "submit", name: "intent", value: "save", children: t2("editor.save") }),
          " ",
          /* @__PURE__ */ jsx24("button", { type: "submit", name: "intent", value: "preview", class: "button-secondary", children: t2("editor.preview_button") })
        ] }),
        /* @__PURE__ */ jsx24("p", { id: "autosave-status", class: "hint", role: "status", "data-template": t2("editor.autosaved", { time: "{time}" }) }),
        /* @__PURE__ */ jsx24(Field, { id: "slug", label: t2("editor.slug"), hint: t2("editor.slug_hint"), children: /* @__PURE__ */ jsx24("input", { id: "slug", name: "slug", value: values.slug, maxLength: 80, pattern: "[a-z0-9]+(-[a-z0-9]+)*", "aria-describedby": "slug-hint" }) }),
        /* @__PURE__ */ jsx24(Field, { id: "dateline", label: t2("editor.dateline"), children: /* @__PURE__ */ jsx24("input", { id: "dateline", name: "dateline", value: values.dateline, maxLength: 200 }) }),
        /* @__PURE__ */ jsx24(Field, { id: "section", label: t2("editor.section"), children: /* @__PURE__ */ jsxs17("select", { id: "section", name: "section", children: [
          /* @__PURE__ */ jsx24("option", { value: "", children: t2("editor.no_section") }),
          p.sections.map((s2) => /* @__PURE__ */ jsx24("option", { value: s2.slug, selected: values.section === s2.slug, children: s2.name }))
        ] }) }),
        /* @__PURE__ */ jsx24(Field, { id: "tags", label: t2("editor.tags"), hint: t2("editor.tags_hint"), children: /* @__PURE__ */ jsx24("input", { id: "tags", name: "tags", value: values.tags, "aria-describedby": "tags-hint" }) }),
        /* @__PURE__ */ jsx24(Byline2, { t: t2, values, people: p.people }),
        /* @__PURE__ */ jsx24(Field, { id: "image", label: t2("editor.image"), children: /* @__PURE__ */ jsxs17("select", { id: "image", name: "image", children: [
          /* @__PURE__ */ jsx24("option", { value: "", children: t2("editor.no_image") }),
          p.images.map((m) => /* @__PURE__ */ jsx24("option", { value: String(m.id), selected: values.image === String(m.id), children: `#${m.id} \u2014 ${m.alt || `${m.originalName} ${t2("editor.image_no_alt")}`}` }))
        ] }) }),
        /* @__PURE__ */ jsxs17("p", { class: "field field-check", children: [
          /* @__PURE__ */ jsx24("input", { id: "commentsOpen", type: "checkbox", name: "commentsOpen", value: "1", checked: values.commentsOpen }),
          /* @__PURE__ */ jsx24("label", { for: "commentsOpen", children: t2("editor.comments_open") })
        ] }),
        /* @__PURE__ */ jsx24(Field, { id: "slowModeMinutes", label: t2("editor.slow_mode"), hint: t2("editor.slow_mode_hint"), children: /* @__PURE__ */ jsx24("input", { id: "slowModeMinutes", name: "slowModeMinutes", type: "number", min: "0", max: "1440", value: values.slowModeMinutes, "aria-describedby": "slowModeMinutes-hint" }) })
      ] })
    ] })
  ] });
}

// src/modules/admin/revisions.views.tsx
import { diffWordsWithSpace } from "diff";
import { Fragment as Fragment10, jsx as jsx25, jsxs as jsxs18 } from "preact/jsx-runtime";
function RevisionList({ t: t2, locale, articleId, entries }) {
  return /* @__PURE__ */ jsx25("ol", { class: "revision-list", children: entries.map((e) => /* @__PURE__ */ jsxs18("li", { children: [
    /* @__PURE__ */ jsx25("time", { dateTime: e.createdAt, children: formatDate(locale, e.createdAt) }),
    e.author?.name ? ` \u2014 ${t2("revisions.by", { name: e.author.name })}` : "",
    " \u2014 ",
    e.title,
    e.current ? /* @__PURE__ */ jsxs18("strong", { children: [
      " (",
      t2("revisions.current"),
      ")"
    ] }) : null,
    " ",
    !e.current ? /* @__PURE__ */ jsx25("a", { href: `/admin/articles/${articleId}/revisions/${e.id}`, children: t2("revisions.compare") }) : null
  ] })) });
}
function Diff({ before, after, t: t2 }) {
  if (before === after) return /* @__PURE__ */ jsx25("p", { class: "hint", children: t2("revisions.none") });
  const parts = diffWordsWithSpace(before, after);
  return /* @__PURE__ */ jsx25("pre", { class: "diff", children: parts.map((p) => p.added ? /* @__PURE__ */ jsx25("ins", { children: p.value }) : p.removed ? /* @__PURE__ */ jsx25("del", { children: p.value }) : /* @__PURE__ */ jsx25("span", { children: p.value })) });
}
function RevisionDiff(p) {
  const { t: t2 } = p;
  return /* @__PURE__ */ jsxs18(Fragment10, { children: [
    /* @__PURE__ */ jsx25("p", { children: /* @__PURE__ */ jsx25("a", { href: `/admin/articles/${p.articleId}/revisions`, children: t2("revisions.back") }) }),
    /* @__PURE__ */ jsx25("p", { class: "hint", children: t2("revisions.diff_hint") }),
    /* @__PURE__ */ jsx25("h2", { children: t2("revisions.field_title") }),
    /* @__PURE__ */ jsx25(Diff, { before: p.revision.title, after: p.next.title, t: t2 }),
    /* @__PURE__ */ jsx25("h2", { children: t2("revisions.field_summary") }),
    /* @__PURE__ */ jsx25(Diff, { before: p.revision.summary, after: p.next.summary, t: t2 }),
    /* @__PURE__ */ jsx25("h2", { children: t2("revisions.field_body") }),
    /* @__PURE__ */ jsx25(Diff, { before: p.revision.body, after: p.next.body, t: t2 }),
    p.canRestore ? /* @__PURE__ */ jsxs18("form", { method: "post", action: `/admin/articles/${p.articleId}/revisions/${p.revision.id}/restore`, children: [
      /* @__PURE__ */ jsx25("input", { type: "hidden", name: "_csrf", value: p.csrf }),
      /* @__PURE__ */ jsx25("button", { type: "submit", children: t2("revisions.restore") })
    ] }) : null
  ] });
}

// src/modules/admin/editor.routes.tsx
import { Fragment as Fragment11, jsx as jsx26, jsxs as jsxs19 } from "preact/jsx-runtime";
var idParams2 = z16.object({ id: z16.coerce.number().int().positive() });
var revisionParams2 = z16.object({ id: z16.coerce.number().int().positive(), rid: z16.coerce.number().int().positive() });
var filterSchema = z16.object({
  status: z16.enum(ARTICLE_STATUSES).optional().catch(void 0),
  section: z16.string().max(80).optional().catch(void 0),
  author: z16.coerce.number().int().positive().optional().catch(void 0),
  after: z16.string().max(200).optional().catch(void 0)
});
var LIST_PAGE = 50;
function registerEditorPages(scope, deps) {
  const editorPage = async (ctx, reply, o) => {
    const [sections, people, media] = await Promise.all([getSections(deps), listBylineAccounts(deps), listLibrary(deps, ctx.user, 200)]);
    const now = deps.clock.now();
    return sendAdmin(
      ctx,
      reply,
      { title: o.article ? ctx.t("editor.edit", { title: o.article.title }) : ctx.t("editor.new"), current: "articles", scripts: ["editor.js"], ...o.status ? { status: o.status } : {} },
      /* @__PURE__ */ jsx26(
        EditorForm,
        {
          t: ctx.t,
          csrf: ctx.csrf,
          values: o.values,
          ...o.article ? { articleId: o.article.id, publicUrl: isVisible(o.article, now) ? articlePath(o.article) : void 0 } : {},
          sections,
          people,
          images: media.map((m) => ({ id: m.id, alt: m.alt, originalName: m.originalName })),
          canPublish: canArticle(ctx.user, "article:publish"),
          previewHtml: renderArticleMarkdown(o.values.body),
          message: o.message,
          autosave: o.autosave
        }
      )
    );
  };
  const refused = (ctx, reply, values, err, article) => {
    if (!(err instanceof AppError) || err.status >= 500 || err.status === 401) throw err;
    const message = { kind: "error", text: ctx.t("editor.error", { message: err.message }) };
    return editorPage(ctx, reply, { values, message, status: err.status, ...article ? { article } : {} });
  };
  scope.get("/admin/articles", async function showArticleList(request, reply) {
    const ctx = adminPage(request, "admin:articles");
    const f = filterSchema.parse(request.query ?? {});
    const now = deps.clock.now();
    const section = f.section ? await getSectionBySlug(deps, f.section) : void 0;
    const authorId = seesOwnWorkOnly(ctx.user) ? ctx.user.id : f.author;
    const before = f.after ? decodeCursor(f.after) : void 0;
    const [rows, sections, people] = await Promise.all([
      listArticleRows(deps, {
        now: now.toISOString(),
        limit: LIST_PAGE + 1,
        ...before ? { before } : {},
        ...f.status ? { status: f.status } : {},
        ...section ? { sectionId: section.id } : f.section ? { sectionId: -1 } : {},
        ...authorId !== void 0 ? { authorId } : {}
      }),
      getSections(deps),
      seesOwnWorkOnly(ctx.user) ? Promise.resolve([]) : listBylineAccounts(deps)
    ]);
    const articles = rows.slice(0, LIST_PAGE);
    const last = rows.length > LIST_PAGE ? articles[articles.length - 1] : void 0;
    const keep = new URLSearchParams(Object.entries({ status: f.status, section: f.section, author: f.author }).filter((e) => e[1] !== void 0).map(([k, v]) => [k, String(v)]));
    const next = last ? `/admin/articles?${new URLSearchParams([...keep, ["after", encodeCursor({ key: last.publishAt ?? last.createdAt, id: last.id })]]).toString()}` : void 0;
    return sendAdmin(
      ctx,
      reply,
      { title: ctx.t("articles.title"), current: "articles" },
      /* @__PURE__ */ jsxs19(Fragment11, { children: [
        /* @__PURE__ */ jsx26("p", { children: /* @__PURE__ */ jsx26("a", { class: "button", href: "/admin/articles/new", children: ctx.t("dash.new_article") }) }),
        /* @__PURE__ */ jsx26(ArticleFilterForm, { t: ctx.t, filters: { status: f.status, section: f.section, author: authorId }, sections, people }),
        /* @__PURE__ */ jsx26(ArticleTable, { t: ctx.t, locale: ctx.locale, articles, now }),
        /* @__PURE__ */ jsx26(Pagination, { t: ctx.t, next, prev: f.after ? `/admin/articles?${keep.toString()}` : void 0 })
      ] })
    );
  });
  scope.get("/admin/articles/new", async function showNewArticle(request, reply) {
    const ctx = adminPage(request, "admin:articles");
    return editorPage(ctx, reply, { values: emptyValues(ctx.user.id) });
  });
  scope.post("/admin/articles", async function submitNewArticle(request, reply) {
    const ctx = adminPage(request, "admin:articles");
    verifyFormCsrf(request, field(request.body, "_csrf"));
    const values = valuesFromForm(request.body);
    if (field(request.body, "intent") === "preview") return editorPage(ctx, reply, { values });
    try {
      const input = parseInput(articleCreateSchema, toCreate(values, deps.clock.now()), ctx.locale);
      const a = await createArticle(deps, ctx.user, input);
      return reply.redirect(`/admin/articles/${a.id}?saved=1`, 303);
    } catch (err) {
      return refused(ctx, reply, values, err);
    }
  });
  scope.get("/admin/articles/:id", async function showEditor(request, reply) {
    const ctx = adminPage(request, "admin:articles");
    const { id } = parseInput(idParams2, request.params);
    const article = await getArticle(deps, ctx.user, id);
    const q = request.query;
    const values = valuesFromArticle(article, deps.clock.now());
    const auto = await pendingAutosave(deps, ctx.user, article);
    if (auto && q.autosave === "1") return editorPage(ctx, reply, { article, values: { ...values, title: auto.title, summary: auto.summary, body: auto.body } });
    const message = q.saved === "1" ? ctx.t("editor.saved") : q.restored === "1" ? ctx.t("revisions.restored") : void 0;
    return editorPage(ctx, reply, {
      article,
      values,
      ...message ? { message: { kind: "ok", text: message } } : {},
      ...auto ? { autosave: { time: formatDate(ctx.locale, auto.saved_at), href: `/admin/articles/${id}?autosave=1` } } : {}
    });
  });
  scope.post("/admin/articles/:id", async function submitArticle(request, reply) {
    const ctx = adminPage(request, "admin:articles");
    verifyFormCsrf(request, field(request.body, "_csrf"));
    const { id } = parseInput(idParams2, request.params);
    const article = await getArticle(deps, ctx.user, id);
    const values = valuesFromForm(request.body);
    if (field(request.body, "intent") === "preview") return editorPage(ctx, reply, { article, values });
    try {
      const patch = parseInput(articlePatchSchema, toPatch(values, article, deps.clock.now()), ctx.locale);
      await updateArticle(deps, ctx.user, id, patch);
      await discardAutosave(deps, ctx.user, id);
      return reply.redirect(`/admin/articles/${id}?saved=1`, 303);
    } catch (err) {
      return refused(ctx, reply, values, err, article);
    }
  });
  scope.get("/admin/articles/:id/revisions", async function showRevisions(request, reply) {
    const ctx = adminPage(request, "admin:articles");
    const { id } = parseInput(idParams2, request.params);
    const { article, entries } = await articleHistory(deps, ctx.user, id);
    return sendAdmin(
      ctx,
      reply,
      { title: ctx.t("revisions.title", { title: article.title }), current: "articles" },
      /* @__PURE__ */ jsxs19(Fragment11, { children: [
        /* @__PURE__ */ jsx26("p", { children: /* @__PURE__ */ jsx26("a", { href: `/admin/articles/${id}`, children: ctx.t("articles.edit") }) }),
        /* @__PURE__ */ jsx26(RevisionList, { t: ctx.t, locale: ctx.locale, articleId: id, entries })
      ] })
    );
  });
  scope.get("/admin/articles/:id/revisions/:rid", async function showRevisionDiff(request, reply) {
    const ctx = adminPage(request, "admin:articles");
    const { id, rid } = parseInput(revisionParams2, request.params);
    const { article, revision, next } = await revisionWithNext(deps, ctx.user, id, rid);
    const canRestore = canArticle(ctx.user, "revision:restore", { authorIds: article.authors.map((a) => a.id), storedStatus: article.storedStatus });
    return sendAdmin(
      ctx,
      reply,
      { title: ctx.t("revisions.diff_title", { date: formatDate(ctx.locale, revision.created_at) }), current: "articles" },
      /* @__PURE__ */ jsx26(RevisionDiff, { t: ctx.t, locale: ctx.locale, csrf: ctx.csrf, articleId: id, revision, next, canRestore })
    );
  });
  scope.post("/admin/articles/:id/revisions/:rid/restore", async function submitRestore(request, reply) {
    const ctx = adminPage(request, "admin:articles");
    verifyFormCsrf(request, field(request.body, "_csrf"));
    const { id, rid } = parseInput(revisionParams2, request.params);
    const a = await restoreRevision(deps, ctx.user, id, rid);
    if (!a) throw new NotFoundError("article");
    return reply.redirect(`/admin/articles/${id}?restored=1`, 303);
  });
}

// src/modules/admin/newsroom.plugin.ts
async function registerNewsroom(app, deps) {
  registerLoginRoutes(app, deps);
  registerAccountRoutes(app, deps);
  registerRevisionRoutes(app, deps);
  await registerMediaRoutes(app, deps);
  await app.register(async (scope) => {
    redirectAnonymousToLogin(scope);
    registerAdminPages(scope, deps);
    registerEditorPages(scope, deps);
  });
}

// src/modules/search/search.ts
import { z as z17 } from "zod";
var blank = (v) => v === "" ? void 0 : v;
var searchPageQuerySchema = z17.object({
  q: z17.string().trim().max(200).default(""),
  section: z17.preprocess(blank, z17.string().regex(SLUG_RE, "lower-case letters, digits and hyphens only").max(80).optional()),
  from: z17.preprocess(blank, z17.iso.date().optional()),
  to: z17.preprocess(blank, z17.iso.date().optional()),
  page: z17.preprocess(blank, z17.coerce.number().int().min(1).max(50).default(1))
});
var SEARCH_PAGE_SIZE = 20;

// src/modules/search/search.views.tsx
import { Fragment as Fragment12, jsx as jsx27, jsxs as jsxs20 } from "preact/jsx-runtime";
function Highlighted({ segments }) {
  return /* @__PURE__ */ jsx27(Fragment12, { children: segments.map((s2) => s2.mark ? /* @__PURE__ */ jsx27("mark", { children: s2.text }) : s2.text) });
}
function Field2({ id, label: label2, children }) {
  return /* @__PURE__ */ jsxs20("div", { class: "field", children: [
    /* @__PURE__ */ jsx27("label", { for: id, children: label2 }),
    children
  ] });
}
function SearchForm({ query, sections, t: t2 }) {
  return /* @__PURE__ */ jsxs20("form", { class: "search-page-form", role: "search", "aria-label": t2("search.refine"), method: "get", action: "/search", children: [
    /* @__PURE__ */ jsx27(Field2, { id: "search-q", label: t2("search.query"), children: /* @__PURE__ */ jsx27("input", { id: "search-q", type: "search", name: "q", value: query.q, maxLength: 200 }) }),
    /* @__PURE__ */ jsx27(Field2, { id: "search-section", label: t2("search.section"), children: /* @__PURE__ */ jsxs20("select", { id: "search-section", name: "section", children: [
      /* @__PURE__ */ jsx27("option", { value: "", children: t2("search.all_sections") }),
      sections.map((s2) => /* @__PURE__ */ jsx27("option", { value: s2.slug, selected: s2.slug === query.section, children: s2.name }))
    ] }) }),
    /* @__PURE__ */ jsx27(Field2, { id: "search-from", label: t2("search.from"), children: /* @__PURE__ */ jsx27("input", { id: "search-from", type: "date", name: "from", value: query.from ?? "" }) }),
    /* @__PURE__ */ jsx27(Field2, { id: "search-to", label: t2("search.to"), children: /* @__PURE__ */ jsx27("input", { id: "search-to", type: "date", name: "to", value: query.to ?? "" }) }),
    /* @__PURE__ */ jsx27("button", { type: "submit", children: t2("search.submit") })
  ] });
}
function SearchResults({ hits, first, t: t2, locale }) {
  return /* @__PURE__ */ jsxs20("section", { "aria-labelledby": "search-results-title", children: [
    /* @__PURE__ */ jsx27("h2", { id: "search-results-title", class: "visually-hidden", children: t2("search.results") }),
    /* @__PURE__ */ jsx27("p", { role: "status", children: t2("search.showing", { from: first, to: first + hits.length - 1 }) }),
    /* @__PURE__ */ jsx27("ol", { class: "search-results", start: first, children: hits.map(({ article, title, snippet }) => /* @__PURE__ */ jsxs20("li", { class: "search-result", lang: article.lang, children: [
      article.section ? /* @__PURE__ */ jsx27("p", { class: "kicker", children: article.section.name }) : null,
      /* @__PURE__ */ jsx27("h3", { class: "card-title", children: /* @__PURE__ */ jsx27("a", { href: articlePath(article), children: /* @__PURE__ */ jsx27(Highlighted, { segments: title }) }) }),
      /* @__PURE__ */ jsx27("p", { class: "snippet", children: /* @__PURE__ */ jsx27(Highlighted, { segments: snippet }) }),
      article.publishAt ? /* @__PURE__ */ jsx27("p", { class: "dates", children: /* @__PURE__ */ jsx27("time", { dateTime: article.publishAt, children: formatDate(locale, article.publishAt) }) }) : null
    ] })) })
  ] });
}

// src/modules/search/search.pages.tsx
import { jsx as jsx28, jsxs as jsxs21 } from "preact/jsx-runtime";
var SEARCH_RATE_PER_MINUTE = 120;
function pageUrl(query, page4) {
  const params = new URLSearchParams({ q: query.q });
  if (query.section) params.set("section", query.section);
  if (query.from) params.set("from", query.from);
  if (query.to) params.set("to", query.to);
  if (page4 > 1) params.set("page", String(page4));
  return `/search?${params.toString()}`;
}
async function renderSearchPage(deps, request, query) {
  const t2 = request.t;
  const offset = (query.page - 1) * SEARCH_PAGE_SIZE;
  const [sections, found] = await Promise.all([
    getSections(deps),
    searchArticles(deps, { q: query.q, section: query.section, from: query.from, to: query.to, offset, limit: SEARCH_PAGE_SIZE })
  ]);
  const title = query.q ? t2("search.results_for", { q: query.q }) : t2("search.title");
  return renderDocument(
    /* @__PURE__ */ jsxs21(Layout, { locale: request.locale, t: t2, sections, meta: { title, noindex: true }, children: [
      /* @__PURE__ */ jsx28("h1", { children: title }),
      /* @__PURE__ */ jsx28(SearchForm, { query, sections, t: t2 }),
      !query.q ? /* @__PURE__ */ jsx28("p", { children: t2("search.prompt") }) : found.hits.length === 0 ? /* @__PURE__ */ jsx28("p", { class: "empty", role: "status", children: t2("search.none", { q: query.q }) }) : /* @__PURE__ */ jsx28(SearchResults, { hits: found.hits, first: offset + 1, t: t2, locale: request.locale }),
      /* @__PURE__ */ jsx28(
        Pagination,
        {
          t: t2,
          prev: query.page > 1 ? pageUrl(query, query.page - 1) : void 0,
          next: found.more && query.page < 50 ? pageUrl(query, query.page + 1) : void 0
        }
      )
    ] })
  );
}
function registerSearchPages(app, deps) {
  app.get("/search", { config: { rateLimit: { max: SEARCH_RATE_PER_MINUTE, timeWindow: "1 minute" } } }, async function showSearchPage(request, reply) {
    const query = parseInput(searchPageQuerySchema, request.query, request.locale);
    return sendPage(deps, request, reply, {
      key: pageUrl(query, query.page),
      tags: ["lists"],
      ttlMs: await listTtl(deps),
      render: async () => ({ body: await renderSearchPage(deps, request, query) })
    });
  });
}

// src/modules/feeds/feed.routes.ts
import { z as z18 } from "zod";

// src/modules/feeds/sitemap.service.ts
import { Readable } from "node:stream";
import { create } from "xmlbuilder2";
import { SitemapIndexStream, SitemapStream, streamToPromise } from "sitemap";
var SITEMAP_PAGE_SIZE = 1e4;
var NEWS_WINDOW_MS = 48 * 36e5;
var NEWS_MAX = 1e3;
function articleUrl(r) {
  return articlePath({ slug: r.slug, section: r.section_slug === null ? null : { id: 0, slug: r.section_slug, name: "" } });
}
function lastmod(r) {
  return r.updated_at > r.publish_at ? r.updated_at : r.publish_at;
}
function emptyUrlset(news2) {
  const attrs = { xmlns: "http://www.sitemaps.org/schemas/sitemap/0.9" };
  if (news2) attrs["xmlns:news"] = "http://www.google.com/schemas/sitemap-news/0.9";
  return create({ version: "1.0", encoding: "UTF-8" }).ele("urlset", attrs).end();
}
async function xml(stream, items, news2 = false) {
  if (items.length === 0) return emptyUrlset(news2);
  return (await streamToPromise(Readable.from(items).pipe(stream))).toString("utf8");
}
async function pageItems(deps, now) {
  const [sections, tags5] = await Promise.all([getSections(deps), listUsedTags(deps.db, now)]);
  return [{ url: "/" }, ...sections.map((s2) => ({ url: `/${s2.slug}` })), ...tags5.map((t2) => ({ url: tagPath(t2.slug) }))];
}
async function buildSitemap(deps, page4, pageSize = SITEMAP_PAGE_SIZE) {
  const base = deps.config.baseUrl;
  const now = deps.clock.now().toISOString();
  const total = await countVisibleArticles(deps.db, now);
  const pages = Math.ceil(total / pageSize);
  const articleItems = async (p) => (await listSitemapArticles(deps.db, now, (p - 1) * pageSize, pageSize)).map((r) => ({ url: articleUrl(r), lastmod: lastmod(r) }));
  if (page4 === void 0 && pages <= 1) {
    return xml(new SitemapStream({ hostname: base }), [...await pageItems(deps, now), ...await articleItems(1)]);
  }
  if (page4 === void 0) {
    const urls = Array.from({ length: pages + 1 }, (_, p) => `${base}/sitemap.xml?page=${p}`);
    return xml(new SitemapIndexStream(), urls.map((url) => ({ url })));
  }
  if (page4 > Math.max(pages, 1)) throw new ValidationError("page", `the sitemap has pages 0 to ${pages}`);
  return xml(new SitemapStream({ hostname: base }), page4 === 0 ? await pageItems(deps, now) : await articleItems(page4));
}
async function buildNewsSitemap(deps) {
  const now = deps.clock.now();
  const rows = await listRecentArticles(deps.db, new Date(now.getTime() - NEWS_WINDOW_MS).toISOString(), now.toISOString(), NEWS_MAX);
  const name = translator(deps.config.locale)("site.name");
  const items = rows.map((r) => ({
    url: articleUrl(r),
    news: { publication: { name, language: r.lang }, publication_date: r.publish_at, title: r.title }
  }));
  return xml(new SitemapStream({ hostname: deps.config.baseUrl, xmlns: { news: true, xhtml: false, image: false, video: false } }), items, true);
}
function buildRobots(deps) {
  const base = deps.config.baseUrl;
  return ["User-agent: *", "Disallow: /admin", "Disallow: /api/", "Disallow: /search", "", `Sitemap: ${base}/sitemap.xml`, `Sitemap: ${base}/news-sitemap.xml`, ""].join("\n");
}

// src/modules/feeds/feed.routes.ts
var feedQuery = z18.object({ full: z18.enum(["0", "1"]).optional() });
var sitemapQuery = z18.object({ page: z18.coerce.number().int().min(0).max(1e5).optional() });
var XML = "application/xml; charset=utf-8";
function registerFeedRoutes(app, deps) {
  const sendFeed = async (request, reply, format, listing) => {
    const full = parseInput(feedQuery, request.query, request.locale).full === "1";
    return sendPage(deps, request, reply, {
      key: feedPath(listing, format) + (full ? "?full=1" : ""),
      tags: ["lists"],
      ttlMs: await listTtl(deps),
      contentType: FEED_FORMATS[format].type,
      render: async () => ({ body: await buildFeed(deps, listing, format, full) })
    });
  };
  for (const format of Object.keys(FEED_FORMATS)) {
    app.get(`/${format}`, (request, reply) => sendFeed(request, reply, format, siteListing(deps)));
    app.get(
      `/:section/${format}`,
      async (request, reply) => sendFeed(request, reply, format, await findListing(deps, "section", request.params.section))
    );
    app.get(
      `/tag/:slug/${format}`,
      async (request, reply) => sendFeed(request, reply, format, await findListing(deps, "tag", request.params.slug))
    );
    app.get(
      `/author/:id/${format}`,
      async (request, reply) => sendFeed(request, reply, format, await findListing(deps, "author", request.params.id))
    );
  }
  app.get("/sitemap.xml", async (request, reply) => {
    const { page: page4 } = parseInput(sitemapQuery, request.query, request.locale);
    return sendPage(deps, request, reply, {
      key: `/sitemap.xml?page=${page4 ?? ""}`,
      tags: ["lists"],
      ttlMs: await listTtl(deps),
      contentType: XML,
      render: async () => ({ body: await buildSitemap(deps, page4) })
    });
  });
  app.get(
    "/news-sitemap.xml",
    async (request, reply) => sendPage(deps, request, reply, {
      key: "/news-sitemap.xml",
      tags: ["lists"],
      ttlMs: await listTtl(deps),
      contentType: XML,
      render: async () => ({ body: await buildNewsSitemap(deps) })
    })
  );
  app.get("/robots.txt", async (_request, reply) => reply.type("text/plain; charset=utf-8").header("cache-control", "public, max-age=3600").send(buildRobots(deps)));
}

// src/modules/feeds/listing.pages.tsx
function registerListingPages(app, deps) {
  const show = async (request, kind, key) => {
    const listing = await findListing(deps, kind, key);
    return {
      listing,
      render: async () => ({
        body: await listPage(deps, request, {
          title: listing.heading,
          heading: listing.heading,
          empty: request.t("listing.empty"),
          basePath: listing.path,
          ...listing.tagId !== void 0 ? { tagId: listing.tagId } : {},
          ...listing.authorId !== void 0 ? { authorId: listing.authorId } : {}
        })
      })
    };
  };
  app.get("/tag/:slug", async function showTagPage(request, reply) {
    const { render: render2 } = await show(request, "tag", request.params.slug);
    return sendPage(deps, request, reply, { key: request.url, tags: ["lists"], ttlMs: await listTtl(deps), render: render2 });
  });
  app.get("/author/:id", async function showAuthorPage(request, reply) {
    const { render: render2 } = await show(request, "author", request.params.id);
    return sendPage(deps, request, reply, { key: request.url, tags: ["lists"], ttlMs: await listTtl(deps), render: render2 });
  });
}

// src/modules/importers/import.repository.ts
async function findLegacyArticleId(db, path) {
  const r = await db.selectFrom("legacy_urls").select("article_id").where("path", "=", path).executeTakeFirst();
  return r?.article_id;
}

// src/modules/importers/legacy-url.ts
var ID_PARAMS = ["p", "page_id", "attachment_id"];
function legacyKey(urlOrPath) {
  let url;
  try {
    url = new URL(urlOrPath, "http://legacy.invalid");
  } catch {
    return void 0;
  }
  let path;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    path = url.pathname;
  }
  path = path.toLowerCase().replace(/\/+$/, "") || "/";
  const param = ID_PARAMS.find((p) => /^\d+$/.test(url.searchParams.get(p) ?? ""));
  if (param) return `${path === "/index.php" ? "/" : path}?${param}=${url.searchParams.get(param) ?? ""}`;
  return path === "/" ? void 0 : path;
}
function isShortLink(url) {
  return url.startsWith("/?") && ID_PARAMS.some((p) => url.includes(`${p}=`));
}
async function resolveImportedUrl(deps, path) {
  const key = legacyKey(path);
  if (!key) return void 0;
  const id = await findLegacyArticleId(deps.db, key);
  if (id === void 0) return void 0;
  const article = await getArticleById(deps, id);
  if (!article || !isVisible(article, deps.clock.now())) return void 0;
  const target = articlePath(article);
  return target === path.split("?")[0] ? void 0 : target;
}

// src/modules/importers/importer.routes.ts
function registerImporterRoutes(app, deps) {
  app.addHook("onRequest", async (request, reply) => {
    if (request.method !== "GET" || !isShortLink(request.url)) return;
    const target = await resolveImportedUrl(deps, request.url);
    if (target) return reply.redirect(target, 301);
  });
}

// src/modules/privacy/privacy.ts
import { z as z19 } from "zod";
var eraseFormSchema = z19.object({ mode: z19.enum(ERASE_MODES), confirm: z19.literal("1"), _csrf: z19.string().max(200).optional() });
var guestFormSchema = z19.object({ email: z19.email().max(320) });
var guestTokenParams = z19.object({ token: z19.string().min(10).max(1e3) });

// src/modules/privacy/privacy.service.ts
import { createHmac as createHmac3 } from "node:crypto";

// src/modules/accounts/account-records.repository.ts
async function findAccountRecord(db, userId) {
  return db.selectFrom("users").select(["id", "email", "name", "role", "created_at"]).where("id", "=", userId).executeTakeFirst();
}
async function findEmailAndState(db, userId) {
  return db.selectFrom("users").select(["email", "disabled_at"]).where("id", "=", userId).executeTakeFirst();
}
async function deleteUserRow(db, userId) {
  await db.deleteFrom("users").where("id", "=", userId).execute();
}

// src/modules/accounts/account.records.ts
function accountRecord(deps, userId) {
  return findAccountRecord(deps.db, userId);
}
async function accountEmail(deps, userId) {
  return (await findEmailAndState(deps.db, userId))?.email ?? null;
}
async function reachableAccountEmail(deps, userId) {
  const row = await findEmailAndState(deps.db, userId);
  return row && row.disabled_at === null ? row.email : null;
}
function deleteAccount(deps, userId) {
  return deleteUserRow(deps.db, userId);
}

// src/modules/comments/comment.author.repository.ts
function authorCommentIds(db, author) {
  const q = db.selectFrom("comments").select("id");
  return "userId" in author ? q.where("user_id", "=", author.userId) : q.where("user_id", "is", null).where("author_email", "=", author.email);
}
async function listAuthorComments(db, author) {
  const rows = await db.selectFrom("comments").innerJoin("articles", "articles.id", "comments.article_id").leftJoin("sections", "sections.id", "articles.section_id").select([
    "comments.id",
    "comments.article_id",
    "comments.parent_id",
    "comments.author_name",
    "comments.author_email",
    "comments.body",
    "comments.status",
    "comments.reasons",
    "comments.likes",
    "comments.created_at",
    "comments.updated_at",
    "comments.edited_at",
    "articles.title as article_title",
    "articles.slug as article_slug",
    "sections.slug as section_slug"
  ]).where("comments.id", "in", authorCommentIds(db, author)).orderBy("comments.created_at").orderBy("comments.id").execute();
  return rows.map((r) => ({ ...r, reasons: parseReasons(r.reasons) }));
}
async function listAuthorCommentEdits(db, author) {
  const rows = await db.selectFrom("comment_edits").select(["comment_id", "body", "status", "reasons", "edited_at"]).where("comment_id", "in", authorCommentIds(db, author)).orderBy("id").execute();
  return rows.map((r) => ({ ...r, reasons: parseReasons(r.reasons) }));
}
async function listLikesBy(db, liker) {
  return db.selectFrom("comment_likes").innerJoin("comments", "comments.id", "comment_likes.comment_id").innerJoin("articles", "articles.id", "comments.article_id").leftJoin("sections", "sections.id", "articles.section_id").select(["comment_likes.comment_id", "comment_likes.created_at", "comments.article_id", "articles.title as article_title", "articles.slug as article_slug", "sections.slug as section_slug"]).where("comment_likes.liker", "=", liker).orderBy("comment_likes.created_at").orderBy("comment_likes.comment_id").execute();
}
async function authorArticleIds(db, author) {
  const rows = await db.selectFrom("comments").select("article_id").distinct().where("id", "in", authorCommentIds(db, author)).execute();
  return rows.map((r) => r.article_id);
}
function updateAuthorComments(db, author) {
  const q = db.updateTable("comments");
  return "userId" in author ? q.where("user_id", "=", author.userId) : q.where("user_id", "is", null).where("author_email", "=", author.email);
}
async function anonymizeAuthorComments(db, author, name, now) {
  const r = await updateAuthorComments(db, author).set({ author_name: name, author_email: null, ip_hash: null, user_id: null, updated_at: now }).executeTakeFirst();
  return Number(r.numUpdatedRows);
}
var ERASED_STATUS = "deleted";
async function removeAuthorComments(db, author, now) {
  await db.deleteFrom("comment_edits").where("comment_id", "in", authorCommentIds(db, author)).execute();
  const r = await updateAuthorComments(db, author).set({ status: ERASED_STATUS, body: "", html: "", author_name: "", author_email: null, ip_hash: null, user_id: null, reasons: '[{"code":"erased_by_author"}]', scores: "{}", updated_at: now }).executeTakeFirst();
  return Number(r.numUpdatedRows);
}
async function guestHasComments(db, email) {
  return await db.selectFrom("comments").select("id").where("user_id", "is", null).where("author_email", "=", email).limit(1).executeTakeFirst() !== void 0;
}
async function purgeIpHashes(db, cutoff) {
  const r = await db.updateTable("comments").set({ ip_hash: null }).where("ip_hash", "is not", null).where("created_at", "<", cutoff).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

// src/modules/comments/comment.author.ts
function commentsOfAuthor(deps, author) {
  return listAuthorComments(deps.db, author);
}
function commentEditsOfAuthor(deps, author) {
  return listAuthorCommentEdits(deps.db, author);
}
function likesOfReader(deps, liker) {
  return listLikesBy(deps.db, liker);
}
function hasGuestComments(deps, email) {
  return guestHasComments(deps.db, email);
}
async function eraseAuthorComments(deps, author, mode, opts) {
  const now = deps.clock.now().toISOString();
  const articleIds = await authorArticleIds(deps.db, author);
  const count = await deps.dialect.writeTransaction(deps.db, async (db) => {
    const n = mode === "remove" ? await removeAuthorComments(db, author, now) : await anonymizeAuthorComments(db, author, opts.anonymousName, now);
    for (const id of articleIds) await bumpArticleVersion2({ db }, id);
    if (opts.liker !== void 0) await removeLikesBy(db, opts.liker);
    if (opts.alongside) await opts.alongside(db);
    return n;
  });
  await deps.cache.invalidate(articleIds.map((id) => `article:${id}`));
  await deps.hooks.emit("comment.changed", { kind: "erased", mode, articleIds, count });
  return count;
}
async function forgetAddressesBefore(deps, cutoff) {
  await purgeAddressLikes(deps.db, cutoff);
  const dayAgo = new Date(deps.clock.now().getTime() - 864e5).toISOString();
  await purgeKeysBefore(deps.db, cutoff > dayAgo ? cutoff : dayAgo);
  return purgeIpHashes(deps.db, cutoff);
}

// src/modules/privacy/privacy.settings.ts
import { z as z20 } from "zod";
var privacySettingsSchema = z20.object({ ipRetentionDays: z20.number().int().min(1).max(3650) }).strict();
var DEFAULT_PRIVACY_SETTINGS = { ipRetentionDays: 90 };
var KEY2 = "privacy";
async function getPrivacySettings(deps) {
  const saved = await findSetting(deps.db, KEY2);
  return { ...DEFAULT_PRIVACY_SETTINGS, ...saved ?? {} };
}
async function savePrivacySettings(deps, s2) {
  await upsertSetting(deps.db, KEY2, s2);
}

// src/modules/moderation/retention.repository.ts
import { sql as sql6 } from "kysely";
async function forgetReporterAddressesBefore(db, cutoff) {
  const r = await db.updateTable("comment_reports").set({ reporter: sql6`'forgotten:' || cast(id as text)` }).where("reporter", "like", "address:%").where("created_at", "<", cutoff).executeTakeFirst();
  return Number(r.numUpdatedRows);
}
async function forgetEndedAddressBansBefore(db, cutoff) {
  const r = await db.updateTable("moderation_bans").set({ value: sql6`'forgotten:' || cast(id as text)` }).where("kind", "=", "address").where("value", "not like", "forgotten:%").where((eb) => eb.or([eb("revoked_at", "<", cutoff), eb("expires_at", "<", cutoff)])).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

// src/modules/moderation/retention.ts
async function forgetModerationAddressesBefore(deps, cutoff) {
  const reports = await forgetReporterAddressesBefore(deps.db, cutoff);
  return reports + await forgetEndedAddressBansBefore(deps.db, cutoff);
}

// src/modules/privacy/privacy.policy.ts
function canPrivacy(user, action) {
  if (!user) return false;
  switch (action) {
    case "privacy:download-own":
      return true;
    case "privacy:erase-own":
      return user.role === "reader";
    case "privacy-settings:read":
    case "privacy-settings:update":
      return user.role === "admin";
  }
}
var REFUSALS3 = {
  "privacy:download-own": "not allowed",
  "privacy:erase-own": "newsroom accounts are closed by an administrator",
  "privacy-settings:read": "not allowed",
  "privacy-settings:update": "not allowed"
};
function assertPrivacy(user, action) {
  if (!user) throw new UnauthorizedError();
  if (!canPrivacy(user, action)) throw new ForbiddenError(REFUSALS3[action]);
}

// src/modules/privacy/privacy.service.ts
var GUEST_LINK_TTL_MS = 24 * 3600 * 1e3;
var PrivacyLinkError = class extends AppError {
  constructor() {
    super("privacy_link_invalid", 400, "this link is invalid or has expired; ask for a new one");
  }
};
function articleUrl2(deps, r) {
  return `${deps.config.baseUrl}/${r.section_slug ?? "a"}/${r.article_slug}`;
}
async function formerTexts(deps, owner) {
  const byComment = /* @__PURE__ */ new Map();
  for (const e of await commentEditsOfAuthor(deps, owner)) {
    const list = byComment.get(e.comment_id) ?? [];
    list.push({ body: e.body, status: e.status, reasons: e.reasons, editedAt: e.edited_at });
    byComment.set(e.comment_id, list);
  }
  return byComment;
}
async function collect(deps, owner, email, account) {
  const [rows, edits, likes] = await Promise.all([
    commentsOfAuthor(deps, owner),
    formerTexts(deps, owner),
    "userId" in owner ? likesOfReader(deps, `user:${owner.userId}`) : []
  ]);
  return {
    format: "palabre-personal-data",
    version: 1,
    exportedAt: deps.clock.now().toISOString(),
    account,
    email,
    comments: rows.map((r) => ({
      id: r.id,
      articleId: r.article_id,
      articleTitle: r.article_title,
      articleUrl: articleUrl2(deps, r),
      parentId: r.parent_id,
      name: r.author_name,
      body: r.body,
      status: r.status,
      reasons: r.reasons,
      likes: r.likes,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      editedAt: r.edited_at,
      edits: edits.get(r.id) ?? []
    })),
    likes: likes.map((l) => ({ commentId: l.comment_id, articleId: l.article_id, articleTitle: l.article_title, articleUrl: articleUrl2(deps, l), likedAt: l.created_at }))
  };
}
async function readerData(deps, user) {
  const a = await accountRecord(deps, user.id);
  return collect(deps, { userId: user.id }, user.email, a ? { id: a.id, email: a.email, name: a.name, role: a.role, createdAt: a.created_at } : null);
}
async function guestData(deps, email) {
  return collect(deps, { email }, email, null);
}
async function erase(deps, owner, mode, userId) {
  return eraseAuthorComments(deps, owner, mode, {
    anonymousName: t(deps.config.locale, "privacy.anonymous"),
    ...userId !== void 0 ? { liker: `user:${userId}`, alongside: (db) => deleteAccount({ db }, userId) } : {}
  });
}
async function eraseReader(deps, user, mode) {
  assertPrivacy(user, "privacy:erase-own");
  return erase(deps, { userId: user.id }, mode, user.id);
}
async function eraseGuest(deps, email, mode) {
  return erase(deps, { email }, mode);
}
function sign2(deps, payload) {
  return createHmac3("sha256", deps.secret).update(`privacy:${payload}`).digest("base64url");
}
function guestToken(deps, email) {
  const payload = Buffer.from(JSON.stringify({ e: email, x: deps.clock.now().getTime() + GUEST_LINK_TTL_MS })).toString("base64url");
  return `${payload}.${sign2(deps, payload)}`;
}
function verifyGuestToken(deps, token) {
  const [payload, mac] = token.split(".");
  if (!payload || !mac || !safeEqual(mac, sign2(deps, payload))) throw new PrivacyLinkError();
  try {
    const v = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    if (typeof v.e === "string" && typeof v.x === "number" && v.x > deps.clock.now().getTime()) return v.e;
  } catch {
  }
  throw new PrivacyLinkError();
}
async function requestGuestLink(deps, rawEmail) {
  const email = rawEmail.trim().toLowerCase();
  if (!await hasGuestComments(deps, email)) return;
  const link = `${deps.config.baseUrl}/privacy/guest/${guestToken(deps, email)}`;
  const l = deps.config.locale;
  await deps.mailer.send({ to: email, subject: t(l, "privacy.mail.subject"), text: t(l, "privacy.mail.text", { link }) });
}
async function purgeExpiredAddresses(deps) {
  const { ipRetentionDays } = await getPrivacySettings(deps);
  const cutoff = new Date(deps.clock.now().getTime() - ipRetentionDays * 864e5).toISOString();
  const comments = await forgetAddressesBefore(deps, cutoff);
  return comments + await forgetModerationAddressesBefore(deps, cutoff);
}
var PURGE_EVERY_MS = 6 * 3600 * 1e3;
async function startAddressRetention(deps) {
  const purge = () => purgeExpiredAddresses(deps).then(
    (n) => {
      if (n > 0) deps.log.info({ purged: n }, "client address HMACs past retention dropped");
    },
    (err) => deps.log.warn({ err }, "address retention purge failed")
  );
  await purge();
  const timer = setInterval(() => void purge(), PURGE_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

// src/modules/privacy/privacy.views.tsx
import { Fragment as Fragment13, jsx as jsx29, jsxs as jsxs22 } from "preact/jsx-runtime";
function EraseFields({ t: t2 }) {
  return /* @__PURE__ */ jsxs22(Fragment13, { children: [
    /* @__PURE__ */ jsxs22("fieldset", { children: [
      /* @__PURE__ */ jsx29("legend", { children: t2("privacy.erase.mode") }),
      /* @__PURE__ */ jsxs22("p", { children: [
        /* @__PURE__ */ jsx29("input", { type: "radio", id: "mode-anonymize", name: "mode", value: "anonymize", checked: true }),
        /* @__PURE__ */ jsx29("label", { for: "mode-anonymize", children: t2("privacy.erase.anonymize") })
      ] }),
      /* @__PURE__ */ jsxs22("p", { children: [
        /* @__PURE__ */ jsx29("input", { type: "radio", id: "mode-remove", name: "mode", value: "remove" }),
        /* @__PURE__ */ jsx29("label", { for: "mode-remove", children: t2("privacy.erase.remove") })
      ] })
    ] }),
    /* @__PURE__ */ jsxs22("p", { children: [
      /* @__PURE__ */ jsx29("input", { type: "checkbox", id: "erase-confirm", name: "confirm", value: "1", required: true }),
      /* @__PURE__ */ jsx29("label", { for: "erase-confirm", children: t2("privacy.erase.confirm") })
    ] })
  ] });
}
function PrivacyPage({ t: t2, user, csrf, retentionDays, message }) {
  return /* @__PURE__ */ jsxs22(Fragment13, { children: [
    /* @__PURE__ */ jsx29("h1", { children: t2("privacy.title") }),
    message ? /* @__PURE__ */ jsx29("p", { class: "notice", role: "status", children: message }) : null,
    /* @__PURE__ */ jsx29("p", { children: t2("privacy.intro") }),
    /* @__PURE__ */ jsx29("p", { children: t2("privacy.retention", { days: retentionDays }) }),
    user ? /* @__PURE__ */ jsxs22(Fragment13, { children: [
      /* @__PURE__ */ jsx29("p", { children: t2("privacy.signed_in_as", { name: user.name, email: user.email }) }),
      /* @__PURE__ */ jsxs22("section", { "aria-labelledby": "download-title", children: [
        /* @__PURE__ */ jsx29("h2", { id: "download-title", children: t2("privacy.download.title") }),
        /* @__PURE__ */ jsx29("p", { children: t2("privacy.download.text") }),
        /* @__PURE__ */ jsx29("p", { children: /* @__PURE__ */ jsx29("a", { class: "button", href: "/account/data.json", download: true, children: t2("privacy.download.button") }) })
      ] }),
      /* @__PURE__ */ jsxs22("section", { "aria-labelledby": "erase-title", children: [
        /* @__PURE__ */ jsx29("h2", { id: "erase-title", children: t2("privacy.erase.title") }),
        canPrivacy(user, "privacy:erase-own") ? /* @__PURE__ */ jsxs22("form", { method: "post", action: "/account/erase", children: [
          /* @__PURE__ */ jsx29("p", { children: t2("privacy.erase.text") }),
          /* @__PURE__ */ jsx29("input", { type: "hidden", name: "_csrf", value: csrf ?? "" }),
          /* @__PURE__ */ jsx29(EraseFields, { t: t2 }),
          /* @__PURE__ */ jsx29("button", { type: "submit", children: t2("privacy.erase.button_account") })
        ] }) : /* @__PURE__ */ jsx29("p", { children: t2("privacy.erase.staff") })
      ] })
    ] }) : null,
    /* @__PURE__ */ jsxs22("section", { "aria-labelledby": "guest-title", children: [
      /* @__PURE__ */ jsx29("h2", { id: "guest-title", children: t2("privacy.guest.title") }),
      /* @__PURE__ */ jsxs22("form", { method: "post", action: "/privacy/guest", children: [
        /* @__PURE__ */ jsx29("p", { children: t2("privacy.guest.text") }),
        /* @__PURE__ */ jsxs22("p", { children: [
          /* @__PURE__ */ jsx29("label", { for: "guest-email", children: t2("privacy.guest.email") }),
          /* @__PURE__ */ jsx29("input", { id: "guest-email", type: "email", name: "email", autocomplete: "email", required: true, maxLength: 320 })
        ] }),
        /* @__PURE__ */ jsx29("button", { type: "submit", children: t2("privacy.guest.button") })
      ] })
    ] })
  ] });
}
function GuestPage({ t: t2, email, token, count }) {
  return /* @__PURE__ */ jsxs22(Fragment13, { children: [
    /* @__PURE__ */ jsx29("h1", { children: t2("privacy.guest.link_title", { email }) }),
    /* @__PURE__ */ jsxs22("section", { "aria-labelledby": "download-title", children: [
      /* @__PURE__ */ jsx29("h2", { id: "download-title", children: t2("privacy.download.title") }),
      /* @__PURE__ */ jsx29("p", { children: t2("privacy.download.text_guest") }),
      /* @__PURE__ */ jsxs22("p", { children: [
        /* @__PURE__ */ jsx29("a", { class: "button", href: `/privacy/guest/${token}/data.json`, download: true, children: t2("privacy.download.button") }),
        " ",
        "(",
        count,
        ")"
      ] })
    ] }),
    /* @__PURE__ */ jsxs22("section", { "aria-labelledby": "erase-title", children: [
      /* @__PURE__ */ jsx29("h2", { id: "erase-title", children: t2("privacy.erase.title") }),
      /* @__PURE__ */ jsxs22("form", { method: "post", action: `/privacy/guest/${token}/erase`, children: [
        /* @__PURE__ */ jsx29("p", { children: t2("privacy.erase.text") }),
        /* @__PURE__ */ jsx29(EraseFields, { t: t2 }),
        /* @__PURE__ */ jsx29("button", { type: "submit", children: t2("privacy.erase.button_guest") })
      ] })
    ] })
  ] });
}

// src/modules/privacy/privacy.routes.tsx
import { jsx as jsx30 } from "preact/jsx-runtime";
function page2(deps, request, reply, title, body, status = 200) {
  return sendPublicPage(deps, request, reply, { title, body, status, cacheControl: "private, no-store" });
}
function download(reply, data) {
  return reply.type("application/json; charset=utf-8").header("cache-control", "private, no-store").header("content-disposition", 'attachment; filename="mes-donnees-palabre.json"').send(JSON.stringify(data, null, 2));
}
function registerPrivacyRoutes(app, deps) {
  app.get("/privacy", async (request, reply) => {
    const { ipRetentionDays } = await getPrivacySettings(deps);
    const done = request.query.erased;
    const message = done !== void 0 && /^\d+$/.test(done) ? request.t("privacy.erased", { count: done }) : void 0;
    return page2(deps, request, reply, request.t("privacy.title"), /* @__PURE__ */ jsx30(PrivacyPage, { t: request.t, user: request.user, csrf: request.sessionCsrf, retentionDays: ipRetentionDays, message }));
  });
  app.get("/account/data.json", async (request, reply) => {
    assertPrivacy(request.user, "privacy:download-own");
    return download(reply, await readerData(deps, request.user));
  });
  app.post("/account/erase", { config: { rateLimit: { max: 5, timeWindow: "1 minute" } } }, async (request, reply) => {
    const user = request.user;
    assertPrivacy(user, "privacy:erase-own");
    const form = parseInput(eraseFormSchema, request.body ?? {}, request.locale);
    verifyFormCsrf(request, form._csrf);
    const count = await eraseReader(deps, user, form.mode);
    clearSessionCookie(reply);
    if (request.authMethod === "token") return reply.send({ erased: true, comments: count });
    return reply.redirect(`/privacy?erased=${count}`, 303);
  });
  app.post("/privacy/guest", { config: { rateLimit: { max: 5, timeWindow: "1 hour" } } }, async (request, reply) => {
    const { email } = parseInput(guestFormSchema, request.body ?? {}, request.locale);
    await requestGuestLink(deps, email);
    const { ipRetentionDays } = await getPrivacySettings(deps);
    return page2(deps, request, reply, request.t("privacy.title"), /* @__PURE__ */ jsx30(PrivacyPage, { t: request.t, user: request.user, csrf: request.sessionCsrf, retentionDays: ipRetentionDays, message: request.t("privacy.guest.sent") }));
  });
  app.get("/privacy/guest/:token", async (request, reply) => {
    const { token } = parseInput(guestTokenParams, request.params);
    const email = verifyGuestToken(deps, token);
    const data = await guestData(deps, email);
    return page2(deps, request, reply, request.t("privacy.title"), /* @__PURE__ */ jsx30(GuestPage, { t: request.t, email, token, count: data.comments.length }));
  });
  app.get("/privacy/guest/:token/data.json", async (request, reply) => {
    const { token } = parseInput(guestTokenParams, request.params);
    return download(reply, await guestData(deps, verifyGuestToken(deps, token)));
  });
  app.post("/privacy/guest/:token/erase", { config: { rateLimit: { max: 5, timeWindow: "1 minute" } } }, async (request, reply) => {
    const { token } = parseInput(guestTokenParams, request.params);
    const email = verifyGuestToken(deps, token);
    const form = parseInput(eraseFormSchema, request.body ?? {}, request.locale);
    const count = await eraseGuest(deps, email, form.mode);
    return reply.redirect(`/privacy?erased=${count}`, 303);
  });
  app.get("/api/v1/settings/privacy", async (request) => {
    assertPrivacy(request.user, "privacy-settings:read");
    return getPrivacySettings(deps);
  });
  app.put("/api/v1/settings/privacy", async (request) => {
    assertPrivacy(request.user, "privacy-settings:update");
    const s2 = parseInput(privacySettingsSchema, request.body, request.locale);
    await savePrivacySettings(deps, s2);
    await purgeExpiredAddresses(deps);
    return s2;
  });
}

// src/modules/notifications/notification.ts
import { z as z21 } from "zod";
var unsubscribeQuerySchema = z21.object({ token: z21.string().max(200).default("") });

// src/modules/comments/comment.replies.ts
function findReplyPairOf(deps, replyId) {
  return findReplyPair(deps.db, replyId);
}
function claimReplyNotice(deps, replyId) {
  return markReplyNotified(deps.db, replyId, deps.clock.now().toISOString());
}
function stopReplyNotices(deps, commentId) {
  return clearNotifyReplies(deps.db, commentId);
}

// src/modules/notifications/unsubscribe-token.ts
import { createHmac as createHmac4 } from "node:crypto";
function sign3(secret, commentId) {
  return createHmac4("sha256", secret).update(`reply-notifications:off:${commentId}`).digest("base64url").slice(0, 22);
}
function unsubscribeToken(secret, commentId) {
  return `${commentId.toString(36)}.${sign3(secret, commentId)}`;
}
function verifyUnsubscribeToken(secret, token) {
  const m = /^([0-9a-z]{1,11})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!m?.[1] || !m[2]) return void 0;
  const id = Number.parseInt(m[1], 36);
  if (!Number.isSafeInteger(id) || id <= 0) return void 0;
  return safeEqual(m[2], sign3(secret, id)) ? id : void 0;
}

// src/modules/notifications/notification.service.ts
var EXCERPT_MAX = 300;
function installReplyNotifications(deps) {
  deps.hooks.on("comment.changed", (e) => {
    if (e.kind === "erased" || e.status !== "published" || e.previousStatus === "published") return;
    deps.replyMails.track(notifyReply(deps, e.commentId));
  });
}
async function notifyReply(deps, replyId) {
  try {
    await sendReplyNotice(deps, replyId);
  } catch (err) {
    deps.log.warn({ err, commentId: replyId }, "reply notification not sent");
  }
}
async function findReplyNotice(deps, replyId) {
  const pair = await findReplyPairOf(deps, replyId);
  if (!pair) return void 0;
  const [replierEmail, parentEmail] = await Promise.all([
    pair.replierUserId !== null ? accountEmail(deps, pair.replierUserId) : pair.replierGuestEmail,
    pair.parentUserId !== null ? reachableAccountEmail(deps, pair.parentUserId) : pair.parentGuestEmail
  ]);
  return { ...pair, replierEmail, parentEmail };
}
function wantsNotice(n) {
  if (n.parentNotify !== 1 || n.parentStatus !== "published" || !n.parentEmail) return false;
  if (n.replierUserId !== null && n.replierUserId === n.parentUserId) return false;
  return n.replierEmail === null || n.replierEmail.toLowerCase() !== n.parentEmail.toLowerCase();
}
async function sendReplyNotice(deps, replyId) {
  const n = await findReplyNotice(deps, replyId);
  if (!n || !wantsNotice(n)) return false;
  const article = await getArticleById(deps, n.articleId);
  if (!article) return false;
  if (!await claimReplyNotice(deps, replyId)) return false;
  await deps.mailer.send(replyMail(deps, article, n));
  return true;
}
function excerpt(markdown) {
  const text = markdownToText(markdown).replace(/\s+/g, " ").trim();
  if (text.length <= EXCERPT_MAX) return text;
  const cut = text.slice(0, EXCERPT_MAX);
  const space = cut.lastIndexOf(" ");
  return `${(space > EXCERPT_MAX / 2 ? cut.slice(0, space) : cut).trimEnd()}\u2026`;
}
function unsubscribeUrl(deps, commentId) {
  return `${deps.config.baseUrl}/notifications/unsubscribe?token=${encodeURIComponent(unsubscribeToken(deps.secret, commentId))}`;
}
function replyMail(deps, article, n) {
  const locale = deps.config.locale;
  const unsubscribe = unsubscribeUrl(deps, n.parentId);
  const params = {
    name: n.parentName,
    replier: n.replierName,
    title: article.title,
    excerpt: excerpt(n.replyBody),
    link: `${deps.config.baseUrl}${articlePath(article)}#comment-${n.replyId}`,
    unsubscribe
  };
  return {
    to: n.parentEmail,
    subject: t(locale, "notifications.mail.subject", { title: article.title }),
    text: t(locale, "notifications.mail.text", params),
    // RFC 8058: the mail provider's own button POSTs to the link, never a GET from a link scanner.
    headers: { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" }
  };
}
async function unsubscribeReplies(deps, commentId) {
  const articleId = await stopReplyNotices(deps, commentId);
  return articleId === void 0 ? void 0 : getArticleById(deps, articleId);
}

// src/modules/notifications/notification.routes.tsx
import { jsx as jsx31, jsxs as jsxs23 } from "preact/jsx-runtime";
function notice(deps, request, reply, page4) {
  const body = /* @__PURE__ */ jsxs23("section", { class: "notice-page", children: [
    /* @__PURE__ */ jsx31("h1", { children: page4.title }),
    /* @__PURE__ */ jsx31("p", { children: page4.text }),
    page4.confirm ? /* @__PURE__ */ jsxs23("form", { method: "post", action: page4.confirm.action, children: [
      /* @__PURE__ */ jsx31("input", { type: "hidden", name: "List-Unsubscribe", value: "One-Click" }),
      /* @__PURE__ */ jsx31("button", { type: "submit", children: page4.confirm.label })
    ] }) : null,
    page4.back ? /* @__PURE__ */ jsx31("p", { children: /* @__PURE__ */ jsx31("a", { href: page4.back.href, children: page4.back.label }) }) : null
  ] });
  return sendPublicPage(deps, request, reply, { title: page4.title, body, status: page4.status, cacheControl: "private, no-store" });
}
function tokenOf(deps, request) {
  const parsed2 = unsubscribeQuerySchema.safeParse(request.query ?? {});
  if (!parsed2.success) return void 0;
  const commentId = verifyUnsubscribeToken(deps.secret, parsed2.data.token);
  return commentId === void 0 ? void 0 : { commentId, token: parsed2.data.token };
}
function registerNotificationRoutes(app, deps) {
  app.get("/notifications/unsubscribe", async (request, reply) => {
    const link = tokenOf(deps, request);
    const t2 = request.t;
    if (!link) return notice(deps, request, reply, { status: 400, title: t2("notifications.link_invalid.title"), text: t2("notifications.link_invalid.text") });
    const action = `/notifications/unsubscribe?token=${encodeURIComponent(link.token)}`;
    return notice(deps, request, reply, { status: 200, title: t2("notifications.confirm.title"), text: t2("notifications.confirm.text"), confirm: { action, label: t2("notifications.confirm.button") } });
  });
  void app.register(async (scope) => {
    scope.addContentTypeParser("multipart/form-data", (_request, payload, done) => {
      payload.resume();
      payload.on("end", () => done(null, {}));
      payload.on("error", (err) => done(err));
    });
    scope.post("/notifications/unsubscribe", { config: { crossSitePost: true, rateLimit: { max: 30, timeWindow: "1 minute" } } }, async (request, reply) => {
      const link = tokenOf(deps, request);
      const t2 = request.t;
      if (!link) return notice(deps, request, reply, { status: 400, title: t2("notifications.link_invalid.title"), text: t2("notifications.link_invalid.text") });
      const article = await unsubscribeReplies(deps, link.commentId);
      const back = article ? { href: `${articlePath(article)}#comment-${link.commentId}`, label: t2("notifications.unsubscribed.article", { title: article.title }) } : void 0;
      return notice(deps, request, reply, { status: 200, title: t2("notifications.unsubscribed.title"), text: t2("notifications.unsubscribed.text"), back });
    });
  });
}

// src/modules/comments/like.announcer.ts
var LIKES_ANNOUNCE_MS = 1e3;
var LikeAnnouncer = class {
  batches = /* @__PURE__ */ new Map();
  announce(deps, articleId, commentId) {
    const pending = this.batches.get(articleId);
    if (pending) {
      pending.ids.add(commentId);
      return;
    }
    const timer = setTimeout(() => {
      const batch = this.batches.get(articleId);
      this.batches.delete(articleId);
      if (batch) void flush(deps, articleId, [...batch.ids]);
    }, LIKES_ANNOUNCE_MS);
    timer.unref();
    this.batches.set(articleId, { ids: /* @__PURE__ */ new Set([commentId]), timer });
  }
  close() {
    for (const b of this.batches.values()) clearTimeout(b.timer);
    this.batches.clear();
  }
};
function announceLikes(deps, articleId, commentId) {
  deps.likes.announce(deps, articleId, commentId);
}
async function flush(deps, articleId, ids2) {
  try {
    const counts = await listLikeCounts(deps.db, articleId, ids2);
    const likes = Object.fromEntries(ids2.map((id) => [String(id), counts[String(id)] ?? 0]));
    await deps.pubsub.publish(`article:${articleId}`, JSON.stringify({ event: "likes", likes }));
  } catch (err) {
    deps.log.warn({ err, articleId }, "like counts not announced");
  }
}

// src/modules/comments/reaction.service.ts
var EditWindowClosedError = class extends AppError {
  constructor() {
    super("edit_window_closed", 403, "the time to edit this comment has passed");
  }
};
async function publicComment(deps, id) {
  const c = await findCommentById(deps.db, id);
  if (!c || c.status !== "published") throw new NotFoundError("comment");
  const article = await getArticleById(deps, c.article_id);
  if (!article || !isVisible(article, deps.clock.now())) throw new NotFoundError("comment");
  return c;
}
async function setLike(deps, commentId, liker, like) {
  const c = await publicComment(deps, commentId);
  const now = deps.clock.now().toISOString();
  const likes = await deps.dialect.writeTransaction(deps.db, (db) => like ? insertLike(db, c.id, liker, now) : deleteLike(db, c.id, liker));
  announceLikes(deps, c.article_id, c.id);
  return { likes, liked: like };
}
function windowStart(deps, minutes) {
  return new Date(deps.clock.now().getTime() - minutes * 6e4).toISOString();
}
async function readerState(deps, articleId, reader) {
  const settings = await getDiscussionSettings(deps);
  const [liked, likes, own] = await Promise.all([
    listLikedIds(deps.db, articleId, reader.liker),
    listLikeCounts(deps.db, articleId),
    settings.editWindowMinutes === 0 ? Promise.resolve([]) : listRecentOwnComments(deps.db, articleId, { userId: reader.user?.id ?? null, ids: reader.ownIds }, windowStart(deps, settings.editWindowMinutes))
  ]);
  const until = (createdAt) => new Date(new Date(createdAt).getTime() + settings.editWindowMinutes * 6e4).toISOString();
  const editable = own.map((c) => ({ id: c.id, until: until(c.created_at), body: c.body }));
  return { liked, likes, editable };
}
async function editComment(deps, commentId, body, reader, ip) {
  const c = await findEditableComment(deps.db, commentId);
  const article = c ? await getArticleById(deps, c.article_id) : void 0;
  const now = deps.clock.now();
  if (!c || c.status !== "published" || !article || !isVisible(article, now)) throw new NotFoundError("comment");
  assertComment(reader.user, "comment:edit", { commentId: c.id, authorUserId: c.user_id, ownIds: reader.ownIds });
  const settings = await getDiscussionSettings(deps);
  const closesAt = new Date(c.created_at).getTime() + settings.editWindowMinutes * 6e4;
  if (settings.editWindowMinutes === 0 || now.getTime() > closesAt) throw new EditWindowClosedError();
  const ipHash = ip ? hashIp(deps.secret, ip) : null;
  const key = { userId: c.user_id, email: c.author_email ?? reader.user?.email ?? null, ipHash };
  const lookups = commenterLookups(deps, article.id, key);
  const verdict = await evaluate({
    body,
    name: c.author_name,
    email: key.email,
    ip,
    ipHash,
    user: reader.user,
    // An edit takes no slow-mode slot: it is not a new post.
    article: { ...articleContext(article, now), slowModeMinutes: 0 },
    parentId: null,
    settings,
    now,
    secret: deps.secret,
    // An edit is not a new post (the route's rate limit bounds edits); its own text is no repeat.
    lookups: { ...lookups, lastCommentAt: async () => void 0, isRepeat: async (hash2) => hash2 !== c.body_hash && await lookups.isRepeat(hash2) }
  });
  const editedAt = now.toISOString();
  const html = renderCommentMarkdown(verdict.body);
  await deps.dialect.writeTransaction(deps.db, async (db) => {
    await applyEdit(db, c, {
      body: verdict.body,
      html,
      body_hash: bodyHash(verdict.body),
      status: verdict.status,
      reasons: JSON.stringify([...verdict.reasons, { code: "edited" }]),
      scores: JSON.stringify(verdict.scores),
      edited_at: editedAt
    });
    await bumpArticleVersion2({ db }, article.id);
  });
  await deps.cache.invalidate([`article:${article.id}`]);
  await deps.hooks.emit("comment.changed", { kind: "edited", commentId: c.id, articleId: article.id, status: verdict.status, previousStatus: c.status });
  if (verdict.status === "published") await announceEdit(deps, c.id);
  return { id: c.id, status: verdict.status, reasons: verdict.reasons, editedAt, body: verdict.body, html };
}
async function announceEdit(deps, commentId) {
  const c = await findCommentById(deps.db, commentId);
  if (!c || c.status !== "published") return;
  await deps.pubsub.publish(`article:${c.article_id}`, JSON.stringify({ ...presentComment(c), event: "comment-edited" }));
}

// src/modules/comments/reaction.routes.ts
var READER_LIMIT = { rateLimit: { max: 20, timeWindow: "1 minute" } };
function readerOf(deps, request) {
  return { user: request.user, ownIds: ownIds(request), liker: readerKey(deps, request) };
}
function registerReactionRoutes(app, deps) {
  const secure = deps.config.baseUrl.startsWith("https:");
  app.post("/api/v1/comments/:id/likes", { config: READER_LIMIT }, async (request) => {
    const { id } = parseInput(commentIdParams, request.params);
    return setLike(deps, id, readerKey(deps, request), true);
  });
  app.delete("/api/v1/comments/:id/likes", { config: READER_LIMIT }, async (request) => {
    const { id } = parseInput(commentIdParams, request.params);
    return setLike(deps, id, readerKey(deps, request), false);
  });
  app.post("/comments/:id/like", { config: READER_LIMIT }, async function likeCommentForm(request, reply) {
    const { id } = parseInput(commentIdParams, request.params);
    const form = parseInput(likeFormSchema, request.body ?? {}, request.locale);
    await setLike(deps, id, readerKey(deps, request), form.like === "1");
    const embed = embedReturnPath(deps.config.baseUrl, form.return);
    if (embed) return reply.redirect(`${embed}&liked=${id}#comment-${id}`, 303);
    const c = await findCommentById(deps.db, id);
    const article = c ? await getArticleById(deps, c.article_id) : void 0;
    if (!c || !article) throw new NotFoundError("comment");
    return reply.redirect(`${articlePath(article)}?liked=${id}#comment-${id}`, 303);
  });
  app.get("/api/v1/articles/:id/comments/reader", async (request, reply) => {
    const { id } = parseInput(commentIdParams, request.params);
    const article = await getArticleById(deps, id);
    if (!article || !isVisible(article, deps.clock.now())) throw new NotFoundError("article");
    reply.header("cache-control", "private, no-store");
    return readerState(deps, id, readerOf(deps, request));
  });
  app.get("/api/v1/comments/:id/edits", async (request, reply) => {
    const { id } = parseInput(commentIdParams, request.params);
    assertComment(request.user, "comment:read-edits");
    if (!await findCommentById(deps.db, id)) throw new NotFoundError("comment");
    reply.header("cache-control", "private, no-store");
    const rows = await listCommentEdits(deps.db, id);
    return { edits: rows.map((r) => ({ id: r.id, body: r.body, status: r.status, reasons: JSON.parse(r.reasons), editedAt: r.edited_at })) };
  });
  app.patch("/api/v1/comments/:id", { config: READER_LIMIT }, async (request, reply) => {
    const { id } = parseInput(commentIdParams, request.params);
    const input = parseInput(commentEditSchema, request.body ?? {}, request.locale);
    const result = await editComment(deps, id, input.body, readerOf(deps, request), request.ip);
    if (result.status === "pending") rememberPending(request, reply, result.id, secure);
    return result;
  });
}

// src/modules/comments/comment.picks.routes.ts
function registerPickRoutes(app, deps) {
  app.post("/api/v1/comments/:id/pick", async (request) => {
    const { id } = parseInput(commentIdParams, request.params, request.locale);
    return setPick(deps, request.user, id, true);
  });
  app.delete("/api/v1/comments/:id/pick", async (request) => {
    const { id } = parseInput(commentIdParams, request.params, request.locale);
    return setPick(deps, request.user, id, false);
  });
}

// src/infra/legacy-urls.ts
async function resolveLegacyUrl(deps, path) {
  return await resolveTagUrl(deps, path) ?? resolveImportedUrl(deps, path);
}

// src/modules/embed/embed.article.ts
function decodeSegment(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
async function findArticleForPage(deps, page4) {
  const now = deps.clock.now();
  const moved = await resolveLegacyUrl(deps, page4.pathname + page4.search);
  const parts = (moved ?? page4.pathname).split("/").filter(Boolean);
  const slug2 = parts.length === 2 && parts[1] ? decodeSegment(parts[1]) : void 0;
  if (slug2 === void 0) return void 0;
  const current = await getArticleBySlug(deps, slug2);
  if (current) return isVisible(current, now) ? current : void 0;
  const formerId = await getArticleIdByFormerSlug(deps, slug2);
  const former = formerId !== void 0 ? await getArticleById(deps, formerId) : void 0;
  return former && isVisible(former, now) ? former : void 0;
}

// src/modules/embed/embed.script.ts
import { createHash as createHash5 } from "node:crypto";
import { readFileSync as readFileSync3 } from "node:fs";
import { join as join4 } from "node:path";
var SCRIPT_CACHE = "public, max-age=3600, stale-while-revalidate=86400";
var loaded;
function loaderScript() {
  if (!loaded) {
    const body = readFileSync3(join4(publicDir(), "embed.js"));
    loaded = { body, etag: `"${createHash5("sha1").update(body).digest("base64url").slice(0, 16)}"` };
  }
  return loaded;
}
function registerEmbedScript(app) {
  app.get("/embed.js", async (request, reply) => {
    const script = loaderScript();
    reply.type("text/javascript; charset=utf-8").header("cache-control", SCRIPT_CACHE).header("etag", script.etag).header("cross-origin-resource-policy", "cross-origin");
    if (request.headers["if-none-match"] === script.etag) return reply.code(304).send();
    return reply.send(script.body);
  });
}

// src/modules/embed/embed.pages.tsx
var EMBED_TTL_MS = 6e4;
var SHOWN_URL_CHARS = 200;
function sendNotice(request, reply, status, url) {
  const t2 = request.t;
  const [title, text] = status === 400 ? [t2("embed.invalid.title"), t2("embed.invalid.text")] : [t2("embed.not_found.title"), t2("embed.not_found.text", { url: url.length > SHOWN_URL_CHARS ? `${url.slice(0, SHOWN_URL_CHARS)}\u2026` : url })];
  return reply.code(status).type(HTML).header("cache-control", "no-store").send(embedNotice(request.locale, t2, title, text));
}
function registerEmbedRoutes(app, deps) {
  registerEmbedScript(app);
  app.get("/embed", async function showEmbed(request, reply) {
    allowFraming(reply, deps.config.embedOrigins);
    const query = request.query;
    const raw = typeof query.url === "string" ? query.url : void 0;
    const page4 = parsePageUrl(raw);
    if (!page4 || raw === void 0) return sendNotice(request, reply, 400, raw ?? "");
    const article = await findArticleForPage(deps, page4);
    if (!article) return sendNotice(request, reply, 404, raw);
    const replyTo = typeof query.replyTo === "string" ? Number(query.replyTo) : void 0;
    const message = postOutcome(request, query.comment);
    if (message || replyTo !== void 0 && Number.isInteger(replyTo)) {
      return sendEmbedDiscussion(deps, request, reply, article, message ? { message } : {}, 200, replyTo !== void 0 ? { replyToId: replyTo } : {});
    }
    const sort = discussionSort(query.sort);
    const liked = typeof query.liked === "string" ? Number(query.liked) : void 0;
    if (liked !== void 0 && Number.isInteger(liked)) {
      return sendEmbedDiscussion(deps, request, reply, article, {}, 200, { sort, liked: await readerLikes(deps, request, article.id) });
    }
    return sendPage(deps, request, reply, {
      key: sort === "oldest" ? `embed:${article.id}` : `embed:${article.id}?sort=${sort}`,
      tags: [`article:${article.id}`],
      ttlMs: EMBED_TTL_MS,
      render: async () => ({ body: await renderEmbedPage(deps, request, article, {}, { sort }) })
    });
  });
}

// src/modules/moderation/auto-rules.repository.ts
async function claimSwitch(db, row, now) {
  const r = await db.insertInto("auto_rule_switches").values({ ...row, undone_at: null, undone_by: null }).onConflict(
    (oc) => oc.column("article_id").doUpdateSet({ ...row, undone_at: null, undone_by: null }).where((eb) => eb.or([eb("auto_rule_switches.ends_at", "<=", now), eb("auto_rule_switches.undone_at", "is not", null)]))
  ).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}
async function findSwitch(db, articleId) {
  return db.selectFrom("auto_rule_switches").selectAll().where("article_id", "=", articleId).executeTakeFirst();
}
async function listActiveSwitches(db, now, articleIds) {
  let q = db.selectFrom("auto_rule_switches").selectAll().where("ends_at", ">", now).where("undone_at", "is", null);
  if (articleIds) {
    if (articleIds.length === 0) return [];
    q = q.where("article_id", "in", articleIds);
  }
  return q.orderBy("started_at", "desc").execute();
}
async function markUndone(db, articleId, by, now) {
  const r = await db.updateTable("auto_rule_switches").set({ undone_at: now, undone_by: by }).where("article_id", "=", articleId).where("ends_at", ">", now).where("undone_at", "is", null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
async function countReported(db, commentIds) {
  if (commentIds.length === 0) return 0;
  const rows = await db.selectFrom("comment_reports").select("comment_id").distinct().where("comment_id", "in", commentIds).where("resolved_at", "is", null).execute();
  return rows.length;
}
async function findPreferences(db, userId) {
  return db.selectFrom("moderator_preferences").selectAll().where("user_id", "=", userId).executeTakeFirst();
}
async function upsertPreferences(db, userId, p) {
  await db.insertInto("moderator_preferences").values({ user_id: userId, ...p, digest_sent_at: null }).onConflict((oc) => oc.column("user_id").doUpdateSet(p)).execute();
}
async function listOptedIn(db, what) {
  return db.selectFrom("moderator_preferences").selectAll().where(what, "=", 1).execute();
}
async function claimDigest(db, userId, now, hourAgo) {
  const r = await db.updateTable("moderator_preferences").set({ digest_sent_at: now }).where("user_id", "=", userId).where("digest", "=", 1).where((eb) => eb.or([eb("digest_sent_at", "is", null), eb("digest_sent_at", "<=", hourAgo)])).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

// src/modules/moderation/auto-rules.ts
var MIN_SAMPLE = 10;
var BAD_STATUSES = /* @__PURE__ */ new Set(["pending", "rejected", "spam"]);
async function measure(deps, articleId, rules, since) {
  const now = deps.clock.now();
  const latest = (await latestOfArticle(deps, articleId, rules.lastN, since)).filter((c) => !(c.status === "pending" && c.reasons.some((r) => r.code === "pre_moderation")));
  if (latest.length >= Math.min(rules.lastN, MIN_SAMPLE)) {
    const reported = await countReported(deps.db, latest.filter((c) => c.status === "published").map((c) => c.id));
    const bad = latest.filter((c) => BAD_STATUSES.has(c.status)).length + reported;
    if (bad / latest.length >= rules.share) return { trigger: "share", bad, n: latest.length, threshold: rules.share };
  }
  const minuteAgo = new Date(now.getTime() - 6e4).toISOString();
  const count = await postedSince(deps, articleId, since !== null && since > minuteAgo ? since : minuteAgo);
  if (count > rules.ratePerMinute) return { trigger: "rate", count, limit: rules.ratePerMinute };
  return void 0;
}
function why(locale, f) {
  return f.trigger === "share" ? t(locale, "rules.why.share", { bad: f.bad, n: f.n, percent: Math.round(f.bad / f.n * 100), threshold: Math.round(f.threshold * 100) }) : t(locale, "rules.why.rate", { count: f.count, limit: f.limit });
}
function modeWords(locale, mode, minutes) {
  return mode === "slow" ? t(locale, "rules.mode.slow", { minutes: minutes ?? 0 }) : t(locale, "rules.mode.pre");
}
async function evaluateArticle(deps, articleId) {
  const { autoRules: rules } = await getDiscussionSettings(deps);
  if (!rules.enabled) return;
  const now = deps.clock.now();
  const last = await findSwitch(deps.db, articleId);
  const lastEnd = last ? last.undone_at !== null && last.undone_at < last.ends_at ? last.undone_at : last.ends_at : null;
  if (lastEnd !== null && lastEnd > now.toISOString()) return;
  const figures = await measure(deps, articleId, rules, lastEnd);
  if (!figures) return;
  const until = new Date(now.getTime() + rules.durationMinutes * 6e4).toISOString();
  const slow = rules.action === "slow" ? rules.slowModeMinutes : null;
  const won = await claimSwitch(
    deps.db,
    { article_id: articleId, mode: rules.action, slow_minutes: slow, trigger: figures.trigger, figures: JSON.stringify(figures), started_at: now.toISOString(), ends_at: until },
    now.toISOString()
  );
  if (!won) return;
  await setArticleProtection(deps, articleId, { mode: rules.action, slowModeMinutes: slow ?? 0, until });
  const locale = deps.config.locale;
  await insertLog(deps.db, {
    comment_id: null,
    actor_id: null,
    action: "auto_rule",
    reason: t(locale, "rules.log", { mode: modeWords(locale, rules.action, slow), minutes: rules.durationMinutes, why: why(locale, figures) }),
    previous_status: null,
    status: null,
    target: `article:${articleId}`,
    created_at: now.toISOString()
  });
  await tellModerators(deps, articleId, { mode: rules.action, slow, until, figures });
}
async function tellModerators(deps, articleId, s2) {
  const article = await getArticle(deps, null, articleId).catch(() => void 0);
  if (!article) return;
  const ids2 = (await listOptedIn(deps.db, "rule_alerts")).map((p) => p.user_id);
  const users = (await usersByIds(deps, ids2)).filter((u) => canModerate(u, "moderation:queue"));
  for (const u of users) {
    const locale = u.locale ?? deps.config.locale;
    const mode = modeWords(locale, s2.mode, s2.slow);
    const params = {
      title: article.title,
      mode,
      until: formatDate(locale, s2.until),
      why: why(locale, s2.figures),
      url: `${deps.config.baseUrl}/admin/moderation`,
      prefs: `${deps.config.baseUrl}/admin/moderation/preferences`
    };
    try {
      await deps.mailer.send({ to: u.email, subject: t(locale, "rules.mail.subject", params), text: t(locale, "rules.mail.body", params) });
    } catch (err) {
      deps.log.warn({ err, articleId }, "automatic rule alert not sent");
    }
  }
}
async function undoSwitch(deps, user, articleId) {
  const now = deps.clock.now().toISOString();
  if (!await markUndone(deps.db, articleId, user.id, now)) throw new NotFoundError("automatic rule in force on this article");
  await setArticleProtection(deps, articleId, null);
  await insertLog(deps.db, {
    comment_id: null,
    actor_id: user.id,
    action: "auto_rule_undo",
    reason: t(deps.config.locale, "rules.log.undo"),
    previous_status: null,
    status: null,
    target: `article:${articleId}`,
    created_at: now
  });
}
function present(row, article) {
  return {
    articleId: row.article_id,
    title: article?.title ?? `#${row.article_id}`,
    mode: row.mode === "slow" ? "slow" : "pre",
    slowModeMinutes: row.slow_minutes,
    startedAt: row.started_at,
    until: row.ends_at,
    figures: JSON.parse(row.figures)
  };
}
async function activeSwitches(deps, articleIds) {
  const rows = await listActiveSwitches(deps.db, deps.clock.now().toISOString(), articleIds);
  const out = [];
  for (const r of rows) out.push(present(r, await getArticle(deps, null, r.article_id).catch(() => void 0)));
  return out;
}
function installAutoRules(deps) {
  deps.hooks.on("comment.changed", async (e) => {
    if (e.kind === "erased") return;
    try {
      await evaluateArticle(deps, e.articleId);
    } catch (err) {
      deps.log.error({ err, articleId: e.articleId }, "automatic rules not evaluated");
    }
  });
}

// src/modules/moderation/digest.ts
var HOUR = 36e5;
var CHECK_EVERY_MS = 5 * 6e4;
var QUEUE_READ = 5e3;
async function waiting(deps) {
  const held = await reviewByStatus(deps, "pending", QUEUE_READ);
  if (held.length === 0) return null;
  const byStory = /* @__PURE__ */ new Map();
  for (const c of held) {
    const s2 = byStory.get(c.article_id) ?? { title: c.article_title, count: 0 };
    s2.count += 1;
    byStory.set(c.article_id, s2);
  }
  return { stories: [...byStory.values()].sort((a, b) => b.count - a.count), total: held.length, oldest: held[0].created_at };
}
function minutesBetween(from, now) {
  return Math.max(0, Math.round((now.getTime() - Date.parse(from)) / 6e4));
}
async function sendModeratorDigests(deps) {
  const w = await waiting(deps);
  if (!w) return 0;
  const now = deps.clock.now();
  const ids2 = (await listOptedIn(deps.db, "digest")).map((p) => p.user_id);
  const users = (await usersByIds(deps, ids2)).filter((u) => canModerate(u, "moderation:queue"));
  let sent = 0;
  for (const u of users) {
    if (!await claimDigest(deps.db, u.id, now.toISOString(), new Date(now.getTime() - HOUR).toISOString())) continue;
    const locale = u.locale ?? deps.config.locale;
    const lines2 = w.stories.map((s2) => t(locale, "digest.story", { title: s2.title, count: s2.count })).join("\n");
    const params = { count: w.total, minutes: minutesBetween(w.oldest, now), since: formatDate(locale, w.oldest), stories: lines2, url: `${deps.config.baseUrl}/admin/moderation`, prefs: `${deps.config.baseUrl}/admin/moderation/preferences` };
    try {
      await deps.mailer.send({ to: u.email, subject: t(locale, "digest.subject", params), text: t(locale, "digest.body", params) });
      sent += 1;
    } catch (err) {
      deps.log.warn({ err, userId: u.id }, "moderator digest not sent");
    }
  }
  return sent;
}
function startModeratorDigests(deps) {
  const timer = setInterval(() => {
    sendModeratorDigests(deps).catch((err) => deps.log.warn({ err }, "moderator digest failed"));
  }, CHECK_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

// src/modules/hooks.ts
function installModuleHooks(deps) {
  installSearchHooks(deps);
  installReplyNotifications(deps);
  installAutoRules(deps);
}
async function startModuleWork(deps) {
  const stops = [warmUpModeration(), await startAddressRetention(deps), startModeratorDigests(deps)];
  return () => {
    for (const stop of stops) stop();
  };
}

// src/modules/api/api.routes.tsx
import { createRequire as createRequire2 } from "node:module";
import { dirname as dirname3 } from "node:path";
import fastifyStatic2 from "@fastify/static";

// src/modules/api/api.document.ts
import { createDocument } from "zod-openapi";

// src/infra/openapi.ts
import { z as z22 } from "zod";
var ERROR_CODES = {
  400: ["invalid_input", "invalid_json", "bad_request"],
  401: ["unauthorized"],
  403: ["forbidden", "csrf"],
  404: ["not_found"],
  409: ["conflict"],
  413: ["payload_too_large"],
  415: ["unsupported_media_type"],
  429: ["rate_limited"]
};
var ERROR_TEXT = {
  400: "The input is not acceptable; `field` names the culprit",
  401: "No valid session or token",
  403: "The role may not do this, or a cross-site request",
  404: "No such resource, or not visible to the caller",
  409: "A unique name is taken",
  413: "The body is over the limit",
  415: "A content type the endpoint does not take",
  429: "Too many requests; Retry-After says when to retry"
};
function errorSchema(codes) {
  return z22.object({
    error: z22.enum(codes),
    message: z22.string().meta({ description: "For humans, in the site\u2019s language" }),
    field: z22.string().optional().meta({ description: "The field at fault (invalid_input, conflict)" }),
    what: z22.string().optional().meta({ description: "What was not found (not_found)" })
  }).meta({ description: "An error (docs/errors.md)" });
}
function errors(statuses, extra = {}) {
  const out = {};
  for (const status of statuses) {
    const codes = [...ERROR_CODES[status], ...extra[status] ?? []];
    out[String(status)] = { description: ERROR_TEXT[status], content: { "application/json": { schema: errorSchema(codes) } } };
  }
  return out;
}
function json(description, schema) {
  return { description, content: { "application/json": { schema } } };
}
function jsonBody(schema, required = true) {
  return { required, content: { "application/json": { schema } } };
}
var NO_CONTENT = { description: "Done; no body" };
var idPath = z22.object({ id: z22.coerce.number().int().positive() });
var AUTHENTICATED = [{ bearer: [] }, { session: [] }];
var SECURITY_SCHEMES = {
  bearer: { type: "http", scheme: "bearer", description: "An API token: `palabre token create --email E`, or /admin/account" },
  session: { type: "apiKey", in: "cookie", name: "palabre_session", description: "The session of /login; unsafe requests then need the site\u2019s Origin (CSRF)" }
};

// src/modules/accounts/account.openapi.ts
import { z as z23 } from "zod";
var userOut = z23.object({
  id: z23.number().int(),
  email: z23.string(),
  name: z23.string(),
  role: z23.enum(ROLES),
  locale: z23.enum(["fr", "en"]).nullable().optional()
});
var userListed = z23.object({
  id: z23.number().int(),
  email: z23.string(),
  name: z23.string(),
  role: z23.enum(ROLES),
  createdAt: z23.string(),
  disabled: z23.boolean(),
  invited: z23.boolean().meta({ description: "Has not chosen a password yet" })
});
var tokenOut = z23.object({ id: z23.number().int(), label: z23.string(), createdAt: z23.string(), lastUsedAt: z23.string().nullable(), revokedAt: z23.string().nullable() });
var tags = ["accounts"];
var security = AUTHENTICATED;
var accountPaths = {
  "/api/v1/users": {
    get: { tags, security, summary: "Every account", responses: { "200": json("Accounts", z23.object({ users: z23.array(userListed) })), ...errors([401, 403]) } }
  },
  "/api/v1/users/{id}": {
    patch: {
      tags,
      security,
      summary: "Change an account\u2019s role, name or disabled flag",
      requestParams: { path: accountIdParams },
      requestBody: jsonBody(userPatchSchema),
      responses: { "200": json("The account", userOut), ...errors([400, 401, 403, 404]) }
    }
  },
  "/api/v1/invitations": {
    post: {
      tags,
      security,
      summary: "Invite someone: the account is created and an email lets them choose a password",
      requestBody: jsonBody(invitationSchema),
      responses: { "201": json("The account", userOut), ...errors([400, 401, 403, 409]) }
    }
  },
  "/api/v1/tokens": {
    get: { tags, security, summary: "The caller\u2019s own API tokens", responses: { "200": json("Tokens", z23.object({ tokens: z23.array(tokenOut) })), ...errors([401]) } },
    post: {
      tags,
      security,
      summary: "Create an API token for the caller (the secret is shown once)",
      requestBody: jsonBody(tokenSchema),
      responses: { "201": json("The token and its secret", tokenOut.extend({ token: z23.string() })), ...errors([400, 401]) }
    }
  },
  "/api/v1/tokens/{id}": {
    delete: { tags, security, summary: "Revoke a token", requestParams: { path: accountIdParams }, responses: { "204": NO_CONTENT, ...errors([400, 401, 404]) } }
  }
};

// src/modules/articles/article.openapi.ts
import { z as z24 } from "zod";
var articleOut = z24.object({
  id: z24.number().int(),
  title: z24.string(),
  slug: z24.string(),
  body: z24.string().meta({ description: "Markdown" }),
  summary: z24.string(),
  section: z24.string().nullable().meta({ description: "The section\u2019s slug" }),
  tags: z24.array(z24.string()).meta({ description: "Tag slugs" }),
  authors: z24.array(z24.number().int()).meta({ description: "User ids, in byline order" }),
  dateline: z24.string(),
  status: z24.enum(ARTICLE_STATUSES),
  publishAt: z24.string().nullable(),
  publishedAt: z24.string().nullable(),
  updatedAt: z24.string(),
  commentsOpen: z24.boolean().meta({ description: "The article\u2019s own switch" }),
  image: z24.number().int().nullable().meta({ description: "The featured image\u2019s media id" }),
  correction: z24.string().nullable(),
  lang: z24.string(),
  moderation: z24.string().nullable().meta({ description: "This article\u2019s moderation mode, when it overrides the site\u2019s" }),
  url: z24.string().meta({ description: "The absolute canonical URL of the public page" })
}).meta({ id: "Article" });
var sectionOut = z24.object({ id: z24.number().int(), slug: z24.string(), name: z24.string() }).meta({ id: "Section" });
var tagOut = z24.object({ id: z24.number().int(), slug: z24.string(), name: z24.string() });
var revisionEntry = z24.object({
  id: z24.number().int(),
  createdAt: z24.string(),
  author: z24.object({ id: z24.number().int(), name: z24.string().nullable() }).nullable(),
  title: z24.string()
});
var slugPath = z24.object({ slug: z24.string() });
var write = { security: AUTHENTICATED };
var articlePaths = {
  "/api/v1/articles": {
    post: {
      tags: ["articles"],
      summary: "Create an article",
      ...write,
      requestBody: jsonBody(articleCreateSchema),
      responses: { "201": json("The article", articleOut), ...errors([400, 401, 403, 409]) }
    },
    get: {
      tags: ["articles"],
      summary: "List articles (drafts to the newsroom; `q` searches published ones, best first)",
      requestParams: { query: articleListQuerySchema },
      responses: { "200": json("A page of articles", z24.object({ articles: z24.array(articleOut), next: z24.string().nullable() })), ...errors([400, 401, 403]) }
    }
  },
  "/api/v1/articles/{id}": {
    get: {
      tags: ["articles"],
      summary: "One article (unpublished ones to the newsroom only)",
      requestParams: { path: articleIdParams },
      responses: { "200": json("The article", articleOut), ...errors([400, 404]) }
    },
    patch: {
      tags: ["articles"],
      summary: "Change some fields of an article",
      ...write,
      requestParams: { path: articleIdParams },
      requestBody: jsonBody(articlePatchSchema),
      responses: { "200": json("The article", articleOut), ...errors([400, 401, 403, 404, 409]) }
    },
    delete: {
      tags: ["articles"],
      summary: "Delete an article",
      ...write,
      requestParams: { path: articleIdParams },
      responses: { "204": NO_CONTENT, ...errors([400, 401, 403, 404]) }
    }
  },
  "/api/v1/articles/{id}/revisions": {
    get: {
      tags: ["revisions"],
      summary: "The former versions of an article, newest first",
      ...write,
      requestParams: { path: articleIdParams },
      responses: { "200": json("Revisions", z24.object({ revisions: z24.array(revisionEntry) })), ...errors([400, 401, 403, 404]) }
    }
  },
  "/api/v1/articles/{id}/revisions/{rid}": {
    get: {
      tags: ["revisions"],
      summary: "One former version",
      ...write,
      requestParams: { path: revisionParams },
      responses: {
        "200": json("The revision", revisionEntry.extend({ summary: z24.string(), body: z24.string() })),
        ...errors([400, 401, 403, 404])
      }
    }
  },
  "/api/v1/articles/{id}/revisions/{rid}/restore": {
    post: {
      tags: ["revisions"],
      summary: "Make a former version the current text (the current one becomes a revision)",
      ...write,
      requestParams: { path: revisionParams },
      responses: { "200": json("The article", articleOut), ...errors([400, 401, 403, 404]) }
    }
  },
  "/api/v1/articles/{id}/autosave": {
    put: {
      tags: ["revisions"],
      summary: "The editor\u2019s autosave of a draft (not a revision)",
      ...write,
      requestParams: { path: articleIdParams },
      requestBody: jsonBody(autosaveSchema),
      responses: { "200": json("Saved", z24.object({ savedAt: z24.string() })), ...errors([400, 401, 403, 404]) }
    }
  },
  "/api/v1/preview": {
    post: {
      tags: ["articles"],
      summary: "Render Markdown as the public page would",
      ...write,
      requestBody: jsonBody(previewSchema),
      responses: { "200": json("Sanitized HTML", z24.object({ html: z24.string() })), ...errors([400, 401, 403]) }
    }
  },
  "/api/v1/sections": {
    get: {
      tags: ["sections"],
      summary: "Every section, by name",
      responses: { "200": json("Sections", z24.object({ sections: z24.array(sectionOut) })) }
    },
    post: {
      tags: ["sections"],
      summary: "Create a section (the slug is derived from the name when absent)",
      ...write,
      requestBody: jsonBody(sectionSchema),
      responses: { "201": json("The section", sectionOut), ...errors([400, 401, 403, 409]) }
    }
  },
  "/api/v1/sections/{slug}": {
    get: {
      tags: ["sections"],
      summary: "One section",
      requestParams: { path: slugPath },
      responses: { "200": json("The section", sectionOut), ...errors([404]) }
    },
    patch: {
      tags: ["sections"],
      summary: "Rename a section (its slug stays)",
      ...write,
      requestParams: { path: slugPath },
      requestBody: jsonBody(sectionRenameSchema),
      responses: { "200": json("The section", sectionOut), ...errors([400, 401, 403, 404]) }
    }
  },
  "/api/v1/tags/{slug}": {
    patch: {
      tags: ["tags"],
      summary: "Rename a tag; its former slug keeps answering with a redirect",
      ...write,
      requestParams: { path: slugPath },
      requestBody: jsonBody(tagRenameSchema),
      responses: { "200": json("The tag", tagOut), ...errors([400, 401, 403, 404, 409]) }
    }
  },
  "/api/v1/tags/{slug}/merge": {
    post: {
      tags: ["tags"],
      summary: "Merge a tag into another (`into`, a slug); the first is deleted",
      ...write,
      requestParams: { path: slugPath },
      requestBody: jsonBody(tagMergeSchema),
      responses: { "200": json("The remaining tag", tagOut.extend({ articles: z24.number().int() })), ...errors([400, 401, 403, 404]) }
    }
  }
};

// src/modules/comments/comment.openapi.ts
import { z as z25 } from "zod";
var reasonOut = z25.object({ code: z25.string(), detail: z25.string().optional() }).meta({ id: "Reason" });
var commentOut = z25.object({
  id: z25.number().int(),
  articleId: z25.number().int(),
  parentId: z25.number().int().nullable(),
  author: z25.object({ name: z25.string() }).meta({ description: "Never an email or an address" }),
  body: z25.string().meta({ description: "As written" }),
  html: z25.string().meta({ description: "As rendered" }),
  createdAt: z25.string(),
  status: z25.enum(COMMENT_STATUSES),
  likes: z25.number().int(),
  editedAt: z25.string().nullable()
}).meta({ id: "Comment" });
var submitted = z25.object({ id: z25.number().int(), status: z25.enum(COMMENT_STATUSES), reasons: z25.array(reasonOut) });
var edited = submitted.extend({ editedAt: z25.string(), body: z25.string(), html: z25.string() });
var tags2 = ["comments"];
var commentPaths = {
  "/api/v1/articles/{id}/comments": {
    get: {
      tags: tags2,
      summary: "Published comments of an article (and the reader\u2019s own pending ones)",
      requestParams: { path: commentIdParams, query: commentListQuery },
      responses: {
        "200": json("A page of comments", z25.object({ comments: z25.array(commentOut), next: z25.string().nullable(), open: z25.boolean() })),
        ...errors([400, 404])
      }
    },
    post: {
      tags: tags2,
      summary: "Post a comment (a guest or an account); the pipeline decides its status",
      description: "With `Idempotency-Key`, the same key from the same client within a day answers the first result again (header `Idempotent-Replayed: true`), never a second comment.",
      requestParams: { path: commentIdParams, header: z25.object({ "idempotency-key": z25.string().min(1).max(200).optional().meta({ description: "1\u2013200 visible ASCII characters, one per comment (a UUID)" }) }) },
      requestBody: jsonBody(commentInputSchema),
      responses: {
        "201": json("Saved, with the pipeline\u2019s decision", submitted),
        ...errors([400, 403, 404, 409, 429], { 403: ["comments_closed", "accounts_only", "banned"], 409: ["idempotency_in_progress"] })
      }
    }
  },
  "/api/v1/articles/{id}/comments/events": {
    get: {
      tags: tags2,
      summary: "Live comments (Server-Sent Events): `comment` for a new one (its id as event id), `comment-edited` and `likes`",
      description: "A reconnecting reader sends `Last-Event-ID` (or `lastEventId`): the published comments with a higher id are replayed first (at most 200). At most PALABRE_STREAMS_PER_ADDRESS (default 100) open streams per client address.",
      requestParams: {
        path: commentIdParams,
        query: z25.object({ lastEventId: z25.string().regex(/^\d+$/).optional() }),
        header: z25.object({ "last-event-id": z25.string().optional() })
      },
      responses: { "200": { description: "An event stream", content: { "text/event-stream": { schema: z25.string() } } }, ...errors([400, 404, 429], { 429: ["too_many_streams"] }) }
    }
  },
  "/api/v1/articles/{id}/comments/token": {
    get: {
      tags: tags2,
      summary: "A fresh signed form token (time to submit), never cached",
      requestParams: { path: commentIdParams },
      responses: { "200": json("The token", z25.object({ token: z25.string() })), ...errors([400, 404]) }
    }
  },
  "/api/v1/articles/{id}/comments/mine": {
    get: {
      tags: tags2,
      summary: "The reader\u2019s own held comments under this article (signed cookie), never cached",
      requestParams: { path: commentIdParams },
      responses: { "200": json("Own pending comments", z25.object({ comments: z25.array(commentOut) })), ...errors([400, 404]) }
    }
  },
  "/api/v1/articles/{id}/comments/reader": {
    get: {
      tags: ["likes"],
      summary: "What a shared page cannot print for this reader: their likes, live counts, their editable comments",
      requestParams: { path: commentIdParams },
      responses: {
        "200": json(
          "The reader\u2019s state",
          z25.object({
            liked: z25.array(z25.number().int()),
            likes: z25.record(z25.string(), z25.number().int()).meta({ description: "Like counts by comment id" }),
            editable: z25.array(z25.object({ id: z25.number().int(), until: z25.string(), body: z25.string() }))
          })
        ),
        ...errors([400, 404])
      }
    }
  },
  "/api/v1/comments/{id}/reports": {
    post: {
      tags: tags2,
      summary: "Report a published comment (one report per reader)",
      requestParams: { path: commentIdParams },
      requestBody: jsonBody(commentReportSchema, false),
      responses: { "201": json("Reported", z25.object({ reported: z25.literal(true) })), ...errors([400, 404, 429]) }
    }
  },
  "/api/v1/comments/{id}/likes": {
    post: {
      tags: ["likes"],
      summary: "Like a published comment (once per account, else per address)",
      requestParams: { path: commentIdParams },
      responses: { "200": json("The count", z25.object({ likes: z25.number().int(), liked: z25.boolean() })), ...errors([400, 404, 429]) }
    },
    delete: {
      tags: ["likes"],
      summary: "Take a like back",
      requestParams: { path: commentIdParams },
      responses: { "200": json("The count", z25.object({ likes: z25.number().int(), liked: z25.boolean() })), ...errors([400, 404, 429]) }
    }
  },
  "/api/v1/comments/{id}/edits": {
    get: {
      tags: ["edits"],
      summary: "The former texts of an edited comment, oldest first (moderators)",
      requestParams: { path: commentIdParams },
      responses: {
        "200": json(
          "Former texts",
          z25.object({ edits: z25.array(z25.object({ id: z25.number().int(), body: z25.string(), status: z25.string(), reasons: z25.array(reasonOut), editedAt: z25.string() })) })
        ),
        ...errors([400, 401, 403, 404])
      }
    }
  },
  "/api/v1/comments/{id}": {
    patch: {
      tags: ["edits"],
      summary: "The author edits their comment within the edit window; moderated again",
      requestParams: { path: commentIdParams },
      requestBody: jsonBody(commentEditSchema),
      responses: { "200": json("The new text and status", edited), ...errors([400, 403, 404, 429], { 403: ["edit_window_closed", "banned"] }) }
    }
  },
  "/api/v1/comments/{id}/pick": {
    post: { tags: tags2, security: AUTHENTICATED, summary: "Pick a comment for the \u201CS\xE9lection de la r\xE9daction\u201D", requestParams: { path: idPath }, responses: { "200": json("Picked", z25.object({ id: z25.number().int(), picked: z25.boolean() })), ...errors([400, 401, 403, 404]) } },
    delete: { tags: tags2, security: AUTHENTICATED, summary: "Unpick a comment", requestParams: { path: idPath }, responses: { "200": json("Unpicked", z25.object({ id: z25.number().int(), picked: z25.boolean() })), ...errors([400, 401, 403, 404]) } }
  }
};

// src/modules/api/health.openapi.ts
import { z as z26 } from "zod";
var healthPaths = {
  "/api/v1/health": {
    get: {
      tags: ["health"],
      summary: "Whether the site and its database answer",
      responses: { "200": json("Up", z26.object({ status: z26.literal("ok"), engine: z26.enum(["sqlite", "postgres"]), version: z26.string() })) }
    }
  },
  "/api/v1/openapi.json": {
    get: { tags: ["health"], summary: "This document (OpenAPI 3.1)", responses: { "200": { description: "The OpenAPI document", content: { "application/json": { schema: z26.record(z26.string(), z26.unknown()) } } } } }
  }
};

// src/modules/media/media.openapi.ts
import { z as z27 } from "zod";
var mediaOut = z27.object({
  id: z27.number().int(),
  url: z27.string(),
  width: z27.number().int(),
  height: z27.number().int(),
  type: z27.string(),
  alt: z27.string(),
  renditions: z27.array(z27.object({ width: z27.number().int(), url: z27.string(), type: z27.enum(["image/webp", "image/avif"]) })),
  createdAt: z27.string()
}).meta({ id: "Media" });
var uploadForm = z27.object({
  file: z27.string().meta({ format: "binary", description: `JPEG, PNG, WebP or AVIF, judged from its bytes; at most ${MEDIA_MAX_BYTES / 1024 / 1024} MB and 50 megapixels` }),
  alt: z27.string().max(500).optional().meta({ description: "The text alternative" })
});
var tags3 = ["media"];
var security2 = AUTHENTICATED;
var mediaPaths = {
  "/api/v1/media": {
    post: {
      tags: tags3,
      security: security2,
      summary: "Upload an image; it is re-encoded and gets WebP/AVIF renditions",
      requestBody: { required: true, content: { "multipart/form-data": { schema: uploadForm } } },
      responses: { "201": json("The media", mediaOut), ...errors([400, 401, 403, 413, 415], { 415: ["unsupported_image"] }) }
    },
    get: {
      tags: tags3,
      security: security2,
      summary: "The library, newest first",
      requestParams: { query: mediaListQuery },
      responses: { "200": json("A page of media", z27.object({ media: z27.array(mediaOut), next: z27.number().int().nullable() })), ...errors([400, 401, 403]) }
    }
  },
  "/api/v1/media/{id}": {
    patch: {
      tags: tags3,
      security: security2,
      summary: "Change the text alternative",
      requestParams: { path: mediaIdParams },
      requestBody: jsonBody(mediaAltSchema),
      responses: { "200": json("The media", mediaOut), ...errors([400, 401, 403, 404]) }
    },
    delete: { tags: tags3, security: security2, summary: "Delete an image and its files", requestParams: { path: mediaIdParams }, responses: { "204": NO_CONTENT, ...errors([400, 401, 403, 404]) } }
  }
};

// src/modules/moderation/moderation.openapi.ts
import { z as z29 } from "zod";

// src/modules/moderation/ban.service.ts
import { z as z28 } from "zod";
var BAN_KINDS = ["account", "email", "address"];
var banInputSchema = z28.object({
  commentId: z28.coerce.number().int().positive(),
  kind: z28.enum(BAN_KINDS),
  until: z28.string().trim().max(40).optional().transform((s2) => s2 ? s2 : void 0),
  reason: z28.string().trim().max(500).optional()
});
function parseUntil(until, now) {
  if (!until) return null;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(until) ? `${until}T23:59:59.999Z` : until);
  if (Number.isNaN(d.getTime())) throw new ValidationError("until", "not a date (YYYY-MM-DD)");
  if (d <= now) throw new ValidationError("until", "must be in the future");
  return d.toISOString();
}
async function banCommenter(deps, actor, input) {
  const c = await findModeratedComment(deps, input.commentId);
  if (!c) throw new NotFoundError("comment");
  const now = deps.clock.now();
  const expires = parseUntil(input.until, now);
  let value;
  let label2;
  if (input.kind === "account") {
    value = c.user_id !== null ? String(c.user_id) : null;
    label2 = c.author_name;
  } else if (input.kind === "email") {
    value = c.author_email;
    label2 = c.author_email ?? "";
  } else {
    value = c.ip_hash;
    label2 = `#${c.id}`;
  }
  if (!value) throw new ValidationError("kind", `the comment has no ${input.kind} to ban`);
  const reason = input.reason ?? null;
  const id = await deps.dialect.writeTransaction(deps.db, async (db) => {
    const banId = await insertBan(db, { kind: input.kind, value, label: label2, reason, created_by: actor.id, created_at: now.toISOString(), expires_at: expires });
    await insertLog(db, { comment_id: c.id, actor_id: actor.id, action: "ban", reason, previous_status: null, status: null, target: `${input.kind}:${label2}${expires ? ` until ${expires}` : ""}`, created_at: now.toISOString() });
    return banId;
  });
  return { id };
}
async function liftBan(deps, actor, banId) {
  const now = deps.clock.now().toISOString();
  await deps.dialect.writeTransaction(deps.db, async (db) => {
    const ban2 = await revokeBan(db, banId, now);
    if (!ban2) throw new NotFoundError("ban");
    await insertLog(db, { comment_id: null, actor_id: actor.id, action: "unban", reason: null, previous_status: null, status: null, target: `${ban2.kind}:${ban2.label}`, created_at: now });
  });
}
function activeBans(deps) {
  return listActiveBans(deps.db, deps.clock.now().toISOString());
}

// src/modules/moderation/moderation.openapi.ts
var moderatedComment = z29.object({
  id: z29.number().int(),
  articleId: z29.number().int(),
  articleTitle: z29.string(),
  parentId: z29.number().int().nullable(),
  author: z29.object({ name: z29.string(), email: z29.string().nullable(), userId: z29.number().int().nullable() }),
  body: z29.string(),
  html: z29.string(),
  createdAt: z29.string(),
  status: z29.enum(COMMENT_STATUSES),
  reasons: z29.array(reasonOut.extend({ text: z29.string().meta({ description: "The reason in the moderator\u2019s language" }) })),
  scores: z29.record(z29.string(), z29.number()),
  reports: z29.number().int()
});
var decision = z29.object({ id: z29.number().int(), status: z29.enum(COMMENT_STATUSES), previousStatus: z29.enum(COMMENT_STATUSES) });
var ban = z29.object({ id: z29.number().int(), kind: z29.enum(BAN_KINDS), label: z29.string(), reason: z29.string().nullable(), created_at: z29.string(), expires_at: z29.string().nullable() });
var logEntry = z29.object({
  id: z29.number().int(),
  comment_id: z29.number().int().nullable(),
  action: z29.string(),
  reason: z29.string().nullable(),
  previous_status: z29.string().nullable(),
  status: z29.string().nullable(),
  target: z29.string().nullable(),
  created_at: z29.string(),
  actor_name: z29.string().nullable()
});
var tags4 = ["moderation"];
var security3 = AUTHENTICATED;
var staffOnly = errors([401, 403]);
var falseHold = z29.object({
  rate: z29.number().nullable().meta({ description: "Held comments later approved, over held comments decided in the last 30 days (null: none decided)" }),
  held: z29.number().int(),
  approved: z29.number().int(),
  budget: z29.number().meta({ description: "The falseHoldBudget setting" })
}).meta({ description: "The measured false-hold rate beside the budget" });
var moderationPaths = {
  "/api/v1/settings/discussion": {
    get: { tags: ["settings"], security: security3, summary: "The discussion settings", responses: { "200": json("Settings", discussionSettingsSchema), ...staffOnly } },
    put: {
      tags: ["settings"],
      security: security3,
      summary: "Change some or all discussion settings (the others stay)",
      requestBody: jsonBody(discussionSettingsSchema.partial()),
      responses: { "200": json("Settings", discussionSettingsSchema), ...errors([400, 401, 403]) }
    }
  },
  "/api/v1/moderation/queue": {
    get: {
      tags: tags4,
      security: security3,
      summary: "Comments waiting for a moderator, with the reasons",
      requestParams: { query: queueQuerySchema },
      responses: {
        "200": json("The queue and the size of each list", z29.object({ comments: z29.array(moderatedComment), counts: z29.object({ pending: z29.number().int(), spam: z29.number().int(), reported: z29.number().int(), review: z29.number().int().meta({ description: "Published comments listed for review (status=review), riskiest first" }) }), falseHold })),
        ...errors([400, 401, 403])
      }
    }
  },
  "/api/v1/comments/{id}/moderation": {
    post: {
      tags: tags4,
      security: security3,
      summary: "Approve, reject, mark as spam or restore a comment",
      requestParams: { path: moderationIdParams },
      requestBody: jsonBody(decisionSchema),
      responses: { "200": json("The decision", decision), ...errors([400, 401, 403, 404]) }
    }
  },
  "/api/v1/moderation/bulk": {
    post: {
      tags: tags4,
      security: security3,
      summary: "The same decision on several comments",
      requestBody: jsonBody(bulkDecisionSchema),
      responses: { "200": json("The decisions", z29.object({ comments: z29.array(decision) })), ...errors([400, 401, 403, 404]) }
    }
  },
  "/api/v1/moderation/evaluate": {
    post: {
      tags: tags4,
      security: security3,
      summary: "What the pipeline would decide for this text from a new guest, under the current settings; saves nothing",
      requestBody: jsonBody(evaluateSchema),
      responses: { "200": json("The verdict", z29.object({ status: z29.string(), reasons: z29.array(reasonOut), scores: z29.record(z29.string(), z29.number()), review: z29.boolean().meta({ description: "Published but listed in the review tab (a `review` reason)" }) })), ...errors([400, 401, 403]) }
    }
  },
  "/api/v1/moderation/bans": {
    get: { tags: tags4, security: security3, summary: "Bans in force", responses: { "200": json("Bans", z29.object({ bans: z29.array(ban) })), ...staffOnly } },
    post: {
      tags: tags4,
      security: security3,
      summary: "Ban the author of a comment (account, email or hashed address), until a date or for good",
      requestBody: jsonBody(banInputSchema),
      responses: { "201": json("The ban", z29.object({ id: z29.number().int() })), ...errors([400, 401, 403, 404]) }
    }
  },
  "/api/v1/moderation/bans/{id}": {
    delete: { tags: tags4, security: security3, summary: "Lift a ban", requestParams: { path: moderationIdParams }, responses: { "204": NO_CONTENT, ...errors([400, 401, 403, 404]) } }
  },
  "/api/v1/moderation/log": {
    get: { tags: tags4, security: security3, summary: "The latest 200 moderation decisions", responses: { "200": json("The log", z29.object({ entries: z29.array(logEntry) })), ...staffOnly } }
  },
  "/api/v1/moderation/auto-rules": {
    get: { tags: tags4, security: security3, summary: "Articles an automatic rule protects now", responses: { "200": json("Switches in force", z29.object({ switches: z29.array(z29.object({ articleId: z29.number().int(), title: z29.string(), mode: z29.enum(["pre", "slow"]), slowModeMinutes: z29.number().int().nullable(), startedAt: z29.string(), until: z29.string(), figures: z29.record(z29.string(), z29.unknown()) })) })), ...staffOnly } }
  },
  "/api/v1/moderation/auto-rules/{articleId}": {
    delete: { tags: tags4, security: security3, summary: "Undo the automatic rule in force on an article", requestParams: { path: autoRuleParams }, responses: { "204": NO_CONTENT, ...errors([400, 401, 403, 404]) } }
  },
  "/api/v1/moderation/preferences": {
    get: { tags: tags4, security: security3, summary: "The moderator\u2019s email preferences", responses: { "200": json("Preferences", z29.object({ ruleAlerts: z29.boolean(), digest: z29.boolean() })), ...staffOnly } },
    put: { tags: tags4, security: security3, summary: "Change the moderator\u2019s email preferences", requestBody: jsonBody(preferencesSchema), responses: { "200": json("Preferences", z29.object({ ruleAlerts: z29.boolean(), digest: z29.boolean() })), ...errors([400, 401, 403]) } }
  }
};

// src/modules/privacy/privacy.openapi.ts
var privacyPaths = {
  "/api/v1/settings/privacy": {
    get: { tags: ["settings"], security: AUTHENTICATED, summary: "How long client-address hashes are kept", responses: { "200": json("Settings", privacySettingsSchema), ...errors([401, 403]) } },
    put: {
      tags: ["settings"],
      security: AUTHENTICATED,
      summary: "Change the retention; expired hashes are dropped at once",
      requestBody: jsonBody(privacySettingsSchema),
      responses: { "200": json("Settings", privacySettingsSchema), ...errors([400, 401, 403]) }
    }
  }
};

// src/modules/api/api.document.ts
var MODULE_PATHS = [healthPaths, articlePaths, mediaPaths, accountPaths, commentPaths, moderationPaths, privacyPaths];
function buildOpenApiDocument(o) {
  const paths = {};
  for (const part of MODULE_PATHS) {
    for (const [path, item2] of Object.entries(part)) {
      paths[path] = { ...paths[path], ...item2 };
    }
  }
  const spec = {
    openapi: "3.1.0",
    info: {
      title: "Palabre API",
      version: o.version,
      description: 'The JSON API of a Palabre site. Errors are `{"error": CODE, "message": TEXT}` (docs/errors.md). Authenticate with `Authorization: Bearer TOKEN` or the session cookie of /login (unsafe requests then need the site\u2019s Origin).'
    },
    servers: [{ url: o.baseUrl }],
    paths,
    components: { securitySchemes: { ...SECURITY_SCHEMES } }
  };
  return createDocument(spec);
}

// src/modules/api/api.routes.tsx
import { Fragment as Fragment14, jsx as jsx32, jsxs as jsxs24 } from "preact/jsx-runtime";
var SWAGGER_FILES = /* @__PURE__ */ new Set(["/swagger-ui.css", "/swagger-ui-bundle.js"]);
var SWAGGER_PREFIX = "/admin/api/assets/";
async function registerApiRoutes(app, deps) {
  let document;
  app.get("/api/v1/openapi.json", async (_request, reply) => {
    document ??= buildOpenApiDocument({ baseUrl: deps.config.baseUrl, version: process.env.npm_package_version ?? "0.1.0" });
    return reply.header("cache-control", "public, max-age=300").send(document);
  });
  const swaggerRoot = dirname3(createRequire2(import.meta.url).resolve("swagger-ui-dist/package.json"));
  await app.register(fastifyStatic2, {
    root: swaggerRoot,
    prefix: SWAGGER_PREFIX,
    decorateReply: false,
    index: false,
    wildcard: true,
    maxAge: "1d",
    allowedPath: (path) => SWAGGER_FILES.has(path)
  });
  await app.register(async (pages) => {
    redirectAnonymousToLogin(pages);
    pages.get("/admin/api", async function showApiReference(request, reply) {
      const ctx = adminPage(request, "admin:api-docs");
      return sendAdmin(
        ctx,
        reply,
        { title: ctx.t("apidocs.title"), scripts: ["api-docs.js"] },
        /* @__PURE__ */ jsxs24(Fragment14, { children: [
          /* @__PURE__ */ jsx32("p", { children: ctx.t("apidocs.intro") }),
          /* @__PURE__ */ jsx32("p", { children: /* @__PURE__ */ jsx32("a", { href: "/api/v1/openapi.json", children: ctx.t("apidocs.download") }) }),
          /* @__PURE__ */ jsx32("link", { rel: "stylesheet", href: `${SWAGGER_PREFIX}swagger-ui.css` }),
          /* @__PURE__ */ jsx32("div", { id: "api-reference", "data-url": "/api/v1/openapi.json" }),
          /* @__PURE__ */ jsx32("script", { src: `${SWAGGER_PREFIX}swagger-ui-bundle.js` })
        ] })
      );
    });
  });
}

// src/modules/routes.ts
async function registerModules(app, deps) {
  await registerNewsroom(app, deps);
  registerSearchPages(app, deps);
  registerFeedRoutes(app, deps);
  registerListingPages(app, deps);
  registerImporterRoutes(app, deps);
  registerPrivacyRoutes(app, deps);
  registerNotificationRoutes(app, deps);
  registerReactionRoutes(app, deps);
  registerPickRoutes(app, deps);
  registerEmbedRoutes(app, deps);
  await registerApiRoutes(app, deps);
  let stop;
  app.addHook("onReady", async () => {
    stop = await startModuleWork(deps);
  });
  app.addHook("onClose", async () => stop?.());
}

// src/modules/moderation/moderation.pages.tsx
import { z as z30 } from "zod";

// src/modules/moderation/moderation.log.ts
async function moderationLog(deps, opts) {
  const rows = await listLogRows(deps.db, opts);
  const actorIds = [...new Set(rows.flatMap((r) => r.actor_id === null ? [] : [r.actor_id]))];
  const names = new Map((await usersByIds(deps, actorIds)).map((u) => [u.id, u.name]));
  return rows.map(({ actor_id, ...r }) => ({ ...r, actor_name: actor_id === null ? null : names.get(actor_id) ?? null }));
}

// src/modules/moderation/false-hold.service.ts
var FALSE_HOLD_WINDOW_DAYS = 30;
async function measuredFalseHold(deps) {
  const since = new Date(deps.clock.now().getTime() - FALSE_HOLD_WINDOW_DAYS * 864e5).toISOString();
  const [{ decided, approved }, settings] = await Promise.all([countHeldDecisions(deps.db, since), getDiscussionSettings(deps)]);
  return { rate: decided ? approved / decided : null, held: decided, approved, budget: settings.falseHoldBudget };
}

// src/modules/moderation/moderation.presenter.ts
function reasonText(t2, r) {
  const key = `moderation.reason.${r.code}`;
  if (key in catalogue.fr) return t2(key, { detail: r.detail ?? "" }).replace(" ()", "");
  return t2("moderation.reason.unknown", { code: r.code });
}
function presentModeratedComment(r, t2) {
  return {
    id: r.id,
    articleId: r.article_id,
    articleTitle: r.article_title,
    parentId: r.parent_id,
    author: { name: r.author_name, email: r.author_email, userId: r.user_id },
    body: r.body,
    html: r.html,
    createdAt: r.created_at,
    status: r.status,
    reasons: r.reasons.map((x) => ({ ...x, text: reasonText(t2, x) })),
    scores: r.scores,
    reports: r.open_reports
  };
}

// src/modules/moderation/moderation.views.tsx
import { jsx as jsx33, jsxs as jsxs25 } from "preact/jsx-runtime";
var QUEUES = QUEUE_NAMES;
function StatusText({ t: t2, status }) {
  const key = `moderation.status.${status}`;
  return /* @__PURE__ */ jsx33("span", { class: `mod-status mod-status-${status}`, children: t2(key) });
}
function Reasons({ t: t2, reasons }) {
  if (reasons.length === 0) return null;
  return /* @__PURE__ */ jsx33("ul", { class: "mod-reasons", "aria-label": t2("moderation.reasons"), children: reasons.map((r) => /* @__PURE__ */ jsx33("li", { "data-code": r.code, children: reasonText(t2, r) })) });
}
function Scores({ t: t2, scores }) {
  const entries = Object.entries(scores);
  if (entries.length === 0) return null;
  return /* @__PURE__ */ jsxs25("p", { class: "mod-scores", children: [
    t2("moderation.scores"),
    " : ",
    entries.map(([k, v]) => `${k} ${Number(v).toFixed(2)}`).join(" \xB7 ")
  ] });
}
function History({ t: t2, locale, rows, log }) {
  return /* @__PURE__ */ jsxs25("details", { class: "mod-history", children: [
    /* @__PURE__ */ jsx33("summary", { children: t2("moderation.history", { count: rows.length }) }),
    rows.length === 0 ? /* @__PURE__ */ jsx33("p", { children: t2("moderation.history.none") }) : /* @__PURE__ */ jsx33("ul", { children: rows.map((h) => /* @__PURE__ */ jsxs25("li", { children: [
      /* @__PURE__ */ jsx33(StatusText, { t: t2, status: h.status }),
      " \u2014 ",
      /* @__PURE__ */ jsx33("time", { dateTime: h.created_at, children: formatDate(locale, h.created_at) }),
      " \u2014",
      " ",
      t2("moderation.on_article", { title: h.article_title }),
      " : ",
      h.body.slice(0, 140),
      log.filter((l) => l.comment_id === h.id).map((l) => /* @__PURE__ */ jsxs25("span", { class: "mod-history-decision", children: [
        " ",
        "[",
        l.actor_name ?? t2("moderation.log.system"),
        " : ",
        l.action,
        l.reason ? ` \u2014 ${l.reason}` : "",
        "]"
      ] }))
    ] })) })
  ] });
}
function QueueItem(p) {
  const { t: t2, c } = p;
  return /* @__PURE__ */ jsx33("li", { class: "mod-item", id: `mod-${c.id}`, "data-id": c.id, tabIndex: -1, "aria-labelledby": `mod-${c.id}-who`, children: /* @__PURE__ */ jsxs25("article", { children: [
    /* @__PURE__ */ jsxs25("header", { class: "mod-meta", children: [
      /* @__PURE__ */ jsx33("input", { type: "checkbox", name: "ids", value: String(c.id), id: `mod-${c.id}-pick`, class: "mod-pick" }),
      " ",
      /* @__PURE__ */ jsx33("label", { for: `mod-${c.id}-pick`, id: `mod-${c.id}-who`, children: t2("moderation.commenter", { name: c.author_name }) }),
      c.author_email ? /* @__PURE__ */ jsxs25("span", { class: "mod-email", children: [
        " <",
        c.author_email,
        ">"
      ] }) : null,
      " \u2014",
      " ",
      /* @__PURE__ */ jsx33("time", { dateTime: c.created_at, children: formatDate(p.locale, c.created_at) }),
      " \u2014 ",
      /* @__PURE__ */ jsx33(StatusText, { t: t2, status: c.status }),
      " \u2014",
      " ",
      /* @__PURE__ */ jsx33("a", { href: `/admin/moderation/comments/${c.id}`, children: t2("moderation.on_article", { title: c.article_title }) }),
      c.open_reports > 0 ? /* @__PURE__ */ jsxs25("strong", { class: "mod-reports", children: [
        " \u2014 ",
        t2("moderation.reports", { count: c.open_reports })
      ] }) : null
    ] }),
    /* @__PURE__ */ jsx33("div", { class: "comment-body", dangerouslySetInnerHTML: { __html: c.html } }),
    /* @__PURE__ */ jsx33(Reasons, { t: t2, reasons: c.reasons }),
    /* @__PURE__ */ jsx33(Scores, { t: t2, scores: c.scores }),
    /* @__PURE__ */ jsxs25("p", { class: "mod-actions", children: [
      MODERATION_ACTIONS.map((a) => /* @__PURE__ */ jsx33("button", { type: "submit", name: "one", value: `${a}:${c.id}`, class: `mod-${a}`, children: t2(`moderation.action.${a}`) })),
      " ",
      /* @__PURE__ */ jsx33("a", { href: `/admin/moderation/comments/${c.id}#ban`, children: t2("moderation.ban.title") })
    ] }),
    /* @__PURE__ */ jsx33(History, { ...p, rows: p.history, log: p.log })
  ] }) });
}
var percent = (x) => `${(x * 100).toFixed(1)} %`;
function QueuePage(p) {
  const { t: t2 } = p;
  return /* @__PURE__ */ jsxs25("div", { class: "mod-queue", children: [
    /* @__PURE__ */ jsx33("nav", { "aria-label": t2("moderation.queue.nav"), children: /* @__PURE__ */ jsxs25("ul", { class: "mod-tabs", children: [
      QUEUES.map((q) => /* @__PURE__ */ jsx33("li", { children: /* @__PURE__ */ jsxs25("a", { href: `/admin/moderation?status=${q}`, "aria-current": q === p.queue ? "page" : void 0, children: [
        t2(`moderation.queue.${q}`),
        " (",
        p.counts[q],
        ")"
      ] }) })),
      /* @__PURE__ */ jsx33("li", { children: /* @__PURE__ */ jsx33("a", { href: "/admin/moderation/bans", children: t2("moderation.bans.title") }) }),
      /* @__PURE__ */ jsx33("li", { children: /* @__PURE__ */ jsx33("a", { href: "/admin/moderation/log", children: t2("moderation.log.title") }) })
    ] }) }),
    p.notice ? /* @__PURE__ */ jsx33("p", { class: "notice notice-ok", role: "status", children: p.notice }) : null,
    /* @__PURE__ */ jsx33("p", { class: "mod-help", children: t2("moderation.queue.help") }),
    /* @__PURE__ */ jsx33("p", { class: "mod-false-hold", children: p.falseHold.rate === null ? t2("moderation.falseHold.none", { budget: percent(p.falseHold.budget) }) : t2("moderation.falseHold.rate", { rate: percent(p.falseHold.rate), approved: p.falseHold.approved, held: p.falseHold.held, budget: percent(p.falseHold.budget) }) }),
    p.items.length === 0 ? /* @__PURE__ */ jsx33("p", { children: t2("moderation.queue.empty") }) : /* @__PURE__ */ jsxs25("form", { method: "post", action: "/admin/moderation/decide", id: "mod-form", children: [
      /* @__PURE__ */ jsx33("input", { type: "hidden", name: "_csrf", value: p.csrf }),
      /* @__PURE__ */ jsx33("input", { type: "hidden", name: "status", value: p.queue }),
      /* @__PURE__ */ jsxs25("fieldset", { class: "mod-bulk", children: [
        /* @__PURE__ */ jsx33("legend", { children: t2("moderation.bulk.legend") }),
        MODERATION_ACTIONS.map((a) => /* @__PURE__ */ jsx33("button", { type: "submit", name: "bulk", value: a, children: t2(`moderation.action.${a}`) })),
        /* @__PURE__ */ jsx33("label", { for: "mod-reason", children: t2("moderation.decision.reason") }),
        " ",
        /* @__PURE__ */ jsx33("input", { id: "mod-reason", name: "reason", maxLength: 500 })
      ] }),
      /* @__PURE__ */ jsx33("ol", { class: "mod-list", children: p.items.map((i) => /* @__PURE__ */ jsx33(QueueItem, { t: t2, locale: p.locale, csrf: p.csrf, c: i.c, history: i.history, log: p.log })) })
    ] })
  ] });
}
function CommentPage(p) {
  const { t: t2 } = p;
  return /* @__PURE__ */ jsxs25("div", { children: [
    p.notice ? /* @__PURE__ */ jsx33("p", { class: "notice notice-ok", role: "status", children: p.notice }) : null,
    /* @__PURE__ */ jsxs25("form", { method: "post", action: "/admin/moderation/decide", children: [
      /* @__PURE__ */ jsx33("input", { type: "hidden", name: "_csrf", value: p.csrf }),
      /* @__PURE__ */ jsx33("ol", { class: "mod-list", children: /* @__PURE__ */ jsx33(QueueItem, { ...p }) })
    ] }),
    /* @__PURE__ */ jsx33("h2", { children: t2("moderation.history.decisions") }),
    /* @__PURE__ */ jsx33(LogTable, { ...p, rows: p.log.filter((l) => l.comment_id === p.c.id) }),
    /* @__PURE__ */ jsx33("h2", { id: "ban", children: t2("moderation.ban.title") }),
    /* @__PURE__ */ jsxs25("form", { method: "post", action: "/admin/moderation/bans", class: "mod-ban", children: [
      /* @__PURE__ */ jsx33("input", { type: "hidden", name: "_csrf", value: p.csrf }),
      /* @__PURE__ */ jsx33("input", { type: "hidden", name: "commentId", value: String(p.c.id) }),
      /* @__PURE__ */ jsxs25("div", { class: "field", children: [
        /* @__PURE__ */ jsx33("label", { for: "ban-kind", children: t2("moderation.ban.kind") }),
        /* @__PURE__ */ jsxs25("select", { id: "ban-kind", name: "kind", children: [
          p.c.user_id !== null ? /* @__PURE__ */ jsx33("option", { value: "account", children: t2("moderation.ban.account") }) : null,
          p.c.author_email ? /* @__PURE__ */ jsx33("option", { value: "email", children: t2("moderation.ban.email") }) : null,
          p.c.ip_hash ? /* @__PURE__ */ jsx33("option", { value: "address", children: t2("moderation.ban.address") }) : null
        ] })
      ] }),
      /* @__PURE__ */ jsxs25("div", { class: "field", children: [
        /* @__PURE__ */ jsx33("label", { for: "ban-until", children: t2("moderation.ban.until") }),
        /* @__PURE__ */ jsx33("input", { id: "ban-until", name: "until", type: "date" })
      ] }),
      /* @__PURE__ */ jsxs25("div", { class: "field", children: [
        /* @__PURE__ */ jsx33("label", { for: "ban-reason", children: t2("moderation.ban.reason") }),
        /* @__PURE__ */ jsx33("input", { id: "ban-reason", name: "reason", maxLength: 500 })
      ] }),
      /* @__PURE__ */ jsx33("button", { type: "submit", children: t2("moderation.ban.submit") })
    ] })
  ] });
}
function LogTable({ t: t2, locale, rows }) {
  return /* @__PURE__ */ jsxs25("table", { class: "mod-log", children: [
    /* @__PURE__ */ jsx33("thead", { children: /* @__PURE__ */ jsxs25("tr", { children: [
      /* @__PURE__ */ jsx33("th", { scope: "col", children: t2("moderation.log.when") }),
      /* @__PURE__ */ jsx33("th", { scope: "col", children: t2("moderation.log.who") }),
      /* @__PURE__ */ jsx33("th", { scope: "col", children: t2("moderation.log.what") }),
      /* @__PURE__ */ jsx33("th", { scope: "col", children: t2("moderation.log.comment") }),
      /* @__PURE__ */ jsx33("th", { scope: "col", children: t2("moderation.log.why") })
    ] }) }),
    /* @__PURE__ */ jsx33("tbody", { children: rows.map((l) => /* @__PURE__ */ jsxs25("tr", { children: [
      /* @__PURE__ */ jsx33("td", { children: /* @__PURE__ */ jsx33("time", { dateTime: l.created_at, children: formatDate(locale, l.created_at) }) }),
      /* @__PURE__ */ jsx33("td", { children: l.actor_name ?? t2("moderation.log.system") }),
      /* @__PURE__ */ jsxs25("td", { children: [
        l.action,
        l.previous_status && l.status ? ` (${l.previous_status} \u2192 ${l.status})` : "",
        l.target ? ` ${l.target}` : ""
      ] }),
      /* @__PURE__ */ jsx33("td", { children: l.comment_id !== null ? /* @__PURE__ */ jsxs25("a", { href: `/admin/moderation/comments/${l.comment_id}`, children: [
        "#",
        l.comment_id
      ] }) : "\u2014" }),
      /* @__PURE__ */ jsx33("td", { children: l.reason ?? "" })
    ] })) })
  ] });
}
function BansPage({ t: t2, locale, csrf, bans, notice: notice2 }) {
  return /* @__PURE__ */ jsxs25("div", { children: [
    notice2 ? /* @__PURE__ */ jsx33("p", { class: "notice notice-ok", role: "status", children: notice2 }) : null,
    bans.length === 0 ? /* @__PURE__ */ jsx33("p", { children: t2("moderation.bans.none") }) : /* @__PURE__ */ jsx33("ul", { class: "mod-bans", children: bans.map((b) => /* @__PURE__ */ jsxs25("li", { children: [
      t2(`moderation.ban.${b.kind}`),
      " : ",
      b.label,
      " \u2014 ",
      b.expires_at ? formatDate(locale, b.expires_at) : t2("moderation.bans.forever"),
      b.reason ? ` \u2014 ${b.reason}` : "",
      " ",
      /* @__PURE__ */ jsxs25("form", { method: "post", action: `/admin/moderation/bans/${b.id}/lift`, class: "inline-form", children: [
        /* @__PURE__ */ jsx33("input", { type: "hidden", name: "_csrf", value: csrf }),
        /* @__PURE__ */ jsx33("button", { type: "submit", children: t2("moderation.bans.lift") })
      ] })
    ] })) })
  ] });
}

// src/modules/moderation/auto-rules.views.tsx
import { Fragment as Fragment15, jsx as jsx34, jsxs as jsxs26 } from "preact/jsx-runtime";
function RulesBanner({ t: t2, locale, csrf, switches }) {
  if (switches.length === 0) return null;
  return /* @__PURE__ */ jsxs26("section", { class: "notice rules-banner", role: "status", "aria-labelledby": "rules-banner-title", children: [
    /* @__PURE__ */ jsx34("h2", { id: "rules-banner-title", children: t2("rules.banner.title") }),
    /* @__PURE__ */ jsx34("ul", { children: switches.map((s2) => /* @__PURE__ */ jsxs26("li", { children: [
      t2("rules.banner.item", { title: s2.title, mode: modeWords(locale, s2.mode, s2.slowModeMinutes), until: formatDate(locale, s2.until), why: why(locale, s2.figures) }),
      " ",
      /* @__PURE__ */ jsxs26("form", { method: "post", action: `/admin/moderation/auto-rules/${s2.articleId}/undo`, class: "inline-form", children: [
        /* @__PURE__ */ jsx34(Csrf, { csrf }),
        /* @__PURE__ */ jsx34("button", { type: "submit", children: t2("rules.banner.undo") })
      ] })
    ] })) })
  ] });
}
function PreferencesPage({ t: t2, csrf, prefs, saved }) {
  return /* @__PURE__ */ jsxs26(Fragment15, { children: [
    saved ? /* @__PURE__ */ jsx34("p", { role: "status", children: t2("rules.prefs.saved") }) : null,
    /* @__PURE__ */ jsxs26("form", { method: "post", action: "/admin/moderation/preferences", class: "settings-form", children: [
      /* @__PURE__ */ jsx34(Csrf, { csrf }),
      /* @__PURE__ */ jsxs26("p", { class: "field field-check", children: [
        /* @__PURE__ */ jsx34("input", { type: "hidden", name: "ruleAlerts", value: "0" }),
        /* @__PURE__ */ jsx34("input", { id: "p-alerts", type: "checkbox", name: "ruleAlerts", value: "1", checked: prefs.ruleAlerts }),
        /* @__PURE__ */ jsx34("label", { for: "p-alerts", children: t2("rules.prefs.alerts") })
      ] }),
      /* @__PURE__ */ jsxs26("p", { class: "field field-check", children: [
        /* @__PURE__ */ jsx34("input", { type: "hidden", name: "digest", value: "0" }),
        /* @__PURE__ */ jsx34("input", { id: "p-digest", type: "checkbox", name: "digest", value: "1", checked: prefs.digest }),
        /* @__PURE__ */ jsx34("label", { for: "p-digest", children: t2("rules.prefs.digest") })
      ] }),
      /* @__PURE__ */ jsx34("button", { type: "submit", children: t2("rules.prefs.save") })
    ] })
  ] });
}

// src/modules/moderation/moderation.pages.tsx
import { Fragment as Fragment16, jsx as jsx35, jsxs as jsxs27 } from "preact/jsx-runtime";
var QUEUE_SIZE = 50;
var HISTORY_SIZE = 10;
var queueQuery = z30.object({ status: z30.enum(["pending", "spam", "reported"]).catch("pending"), done: z30.coerce.number().int().min(0).optional().catch(void 0) });
var idParams3 = z30.object({ id: z30.coerce.number().int().positive() });
function ids(body) {
  const v = body?.ids;
  const list = Array.isArray(v) ? v : v === void 0 ? [] : [v];
  return list.map((x) => Number(x)).filter((n) => Number.isInteger(n) && n > 0);
}
function decisionOf(body) {
  const one = field(body, "one");
  if (one) {
    const [action, id] = one.split(":");
    if (!MODERATION_ACTIONS.includes(action ?? "") || !Number(id)) throw new ValidationError("one", "unknown decision");
    return { action, ids: [Number(id)] };
  }
  const bulk = field(body, "bulk");
  if (!MODERATION_ACTIONS.includes(bulk)) throw new ValidationError("bulk", "unknown decision");
  const picked = ids(body);
  if (picked.length === 0) throw new ValidationError("ids", "tick at least one comment");
  return { action: bulk, ids: picked };
}
async function withHistory(deps, rows) {
  const items = [];
  for (const c of rows) items.push({ c, history: await listCommenterHistory2(deps, c, HISTORY_SIZE) });
  const commentIds = items.flatMap((i) => i.history.map((h) => h.id));
  const log = await moderationLog(deps, { limit: 1e3, commentIds });
  return { items, log };
}
function moderationPage(request, action) {
  assertModeration(request.user, action);
  return contextOf(request, request.user);
}
function page3(ctx, reply, title, scripts, body) {
  return sendAdmin(ctx, reply, { title, current: "moderation", scripts }, body);
}
function registerModerationPages(app, deps) {
  void app.register(async (scope) => {
    redirectAnonymousToLogin(scope);
    scope.get("/admin/moderation", async function showModerationQueue(request, reply) {
      const ctx = moderationPage(request, "moderation:queue");
      const q = parseInput(queueQuery, request.query);
      const [rows, counts, switches, falseHold2] = await Promise.all([listQueue(deps, q.status, QUEUE_SIZE), countQueues(deps), activeSwitches(deps), measuredFalseHold(deps)]);
      const { items, log } = await withHistory(deps, rows);
      const notice2 = q.done !== void 0 ? ctx.t("moderation.done", { count: q.done }) : void 0;
      return page3(ctx, reply, ctx.t("moderation.title"), ["moderation-queue.js"], /* @__PURE__ */ jsxs27(Fragment16, { children: [
        /* @__PURE__ */ jsx35(RulesBanner, { t: ctx.t, locale: ctx.locale, csrf: ctx.csrf, switches }),
        /* @__PURE__ */ jsx35(QueuePage, { t: ctx.t, locale: ctx.locale, csrf: ctx.csrf, queue: q.status, counts, falseHold: falseHold2, items, log, ...notice2 ? { notice: notice2 } : {} })
      ] }));
    });
    scope.post("/admin/moderation/decide", async function decideFromQueue(request, reply) {
      const ctx = moderationPage(request, "moderation:decide");
      verifyFormCsrf(request, field(request.body, "_csrf"));
      const d = decisionOf(request.body);
      const reason = field(request.body, "reason").trim().slice(0, 500) || null;
      const done = await decideComments(deps, ctx.user, d.ids, d.action, reason);
      const status = parseInput(queueQuery, { status: field(request.body, "status") }).status;
      return reply.redirect(`/admin/moderation?status=${status}&done=${done.length}`, 303);
    });
    scope.get("/admin/moderation/comments/:id", async function showModeratedComment(request, reply) {
      const ctx = moderationPage(request, "moderation:queue");
      const { id } = parseInput(idParams3, request.params);
      const c = await findModeratedComment(deps, id);
      if (!c) throw new NotFoundError("comment");
      const history = await listCommenterHistory2(deps, c, 100);
      const log = await moderationLog(deps, { limit: 1e3, commentIds: [c.id, ...history.map((h) => h.id)] });
      const notice2 = request.query.banned ? ctx.t("moderation.ban.done") : void 0;
      return page3(ctx, reply, ctx.t("moderation.commenter", { name: c.author_name }), ["moderation-queue.js"], /* @__PURE__ */ jsx35(CommentPage, { t: ctx.t, locale: ctx.locale, csrf: ctx.csrf, c, history, log, ...notice2 ? { notice: notice2 } : {} }));
    });
    scope.post("/admin/moderation/bans", async function banFromQueue(request, reply) {
      const ctx = moderationPage(request, "moderation:ban");
      verifyFormCsrf(request, field(request.body, "_csrf"));
      const input = parseInput(
        banInputSchema,
        { commentId: field(request.body, "commentId"), kind: field(request.body, "kind"), until: field(request.body, "until"), reason: field(request.body, "reason") || void 0 },
        ctx.locale
      );
      await banCommenter(deps, ctx.user, input);
      return reply.redirect(`/admin/moderation/comments/${input.commentId}?banned=1`, 303);
    });
    scope.get("/admin/moderation/bans", async function showBans(request, reply) {
      const ctx = moderationPage(request, "moderation:ban");
      const notice2 = request.query.lifted ? ctx.t("moderation.bans.lifted") : void 0;
      return page3(ctx, reply, ctx.t("moderation.bans.title"), [], /* @__PURE__ */ jsx35(BansPage, { t: ctx.t, locale: ctx.locale, csrf: ctx.csrf, bans: await activeBans(deps), ...notice2 ? { notice: notice2 } : {} }));
    });
    scope.post("/admin/moderation/bans/:id/lift", async function liftBanFromPage(request, reply) {
      const ctx = moderationPage(request, "moderation:ban");
      verifyFormCsrf(request, field(request.body, "_csrf"));
      const { id } = parseInput(idParams3, request.params);
      await liftBan(deps, ctx.user, id);
      return reply.redirect("/admin/moderation/bans?lifted=1", 303);
    });
    scope.get("/admin/moderation/log", async function showModerationLog(request, reply) {
      const ctx = moderationPage(request, "moderation:log");
      return page3(ctx, reply, ctx.t("moderation.log.title"), [], /* @__PURE__ */ jsx35(LogTable, { t: ctx.t, locale: ctx.locale, csrf: ctx.csrf, rows: await moderationLog(deps, { limit: 500 }) }));
    });
  });
}

// src/modules/moderation/auto-rules.service.ts
async function getModeratorPreferences(deps, userId) {
  const p = await findPreferences(deps.db, userId);
  return { ruleAlerts: p?.rule_alerts === 1, digest: p?.digest === 1 };
}
async function setModeratorPreferences(deps, userId, p) {
  await upsertPreferences(deps.db, userId, { rule_alerts: p.ruleAlerts ? 1 : 0, digest: p.digest ? 1 : 0 });
  return p;
}

// src/modules/moderation/auto-rules.routes.tsx
import { jsx as jsx36 } from "preact/jsx-runtime";
function moderator(request) {
  const user = request.user;
  assertModeration(user, "moderation:decide");
  return user;
}
function moderatorPage(request) {
  assertModeration(request.user, "moderation:queue");
  return contextOf(request, request.user);
}
function ticked(body, name) {
  const raw = body?.[name];
  return Array.isArray(raw) ? raw.includes("1") : raw === "1";
}
function registerAutoRuleRoutes(app, deps) {
  app.get("/api/v1/moderation/auto-rules", async (request) => {
    moderator(request);
    return { switches: await activeSwitches(deps) };
  });
  app.delete("/api/v1/moderation/auto-rules/:articleId", async (request, reply) => {
    const user = moderator(request);
    const { articleId } = parseInput(autoRuleParams, request.params, request.locale);
    await undoSwitch(deps, user, articleId);
    return reply.code(204).send();
  });
  app.get("/api/v1/moderation/preferences", async (request) => getModeratorPreferences(deps, moderator(request).id));
  app.put("/api/v1/moderation/preferences", async (request) => {
    const user = moderator(request);
    const patch = parseInput(preferencesSchema, request.body ?? {}, request.locale);
    const current = await getModeratorPreferences(deps, user.id);
    return setModeratorPreferences(deps, user.id, { ruleAlerts: patch.ruleAlerts ?? current.ruleAlerts, digest: patch.digest ?? current.digest });
  });
  void app.register(async (scope) => {
    redirectAnonymousToLogin(scope);
    scope.get("/admin/moderation/preferences", async function showModeratorPreferences(request, reply) {
      const ctx = moderatorPage(request);
      const prefs = await getModeratorPreferences(deps, ctx.user.id);
      const saved = request.query.saved === "1";
      return sendAdmin(ctx, reply, { title: ctx.t("rules.prefs.title"), current: "moderation", scripts: [] }, /* @__PURE__ */ jsx36(PreferencesPage, { t: ctx.t, csrf: ctx.csrf, prefs, saved }));
    });
    scope.post("/admin/moderation/preferences", async function submitModeratorPreferences(request, reply) {
      const ctx = moderatorPage(request);
      verifyFormCsrf(request, field(request.body, "_csrf"));
      await setModeratorPreferences(deps, ctx.user.id, { ruleAlerts: ticked(request.body, "ruleAlerts"), digest: ticked(request.body, "digest") });
      return reply.redirect("/admin/moderation/preferences?saved=1", 303);
    });
    scope.post("/admin/moderation/auto-rules/:articleId/undo", async function undoAutoRule(request, reply) {
      const ctx = moderatorPage(request);
      verifyFormCsrf(request, field(request.body, "_csrf"));
      const { articleId } = parseInput(autoRuleParams, request.params);
      await undoSwitch(deps, ctx.user, articleId);
      return reply.redirect("/admin/moderation", 303);
    });
  });
}

// src/modules/moderation/stats.routes.tsx
import { stringify } from "csv-stringify/sync";

// src/modules/moderation/stats.repository.ts
async function listDecisionsSince(db, since) {
  const rows = await db.selectFrom("moderation_log").select(["comment_id", "previous_status", "status", "created_at"]).where("created_at", ">=", since).where("comment_id", "is not", null).orderBy("created_at", "asc").orderBy("id", "asc").execute();
  return rows.map((r) => ({ commentId: r.comment_id, previousStatus: r.previous_status, status: r.status, at: r.created_at }));
}

// src/modules/moderation/stats.ts
var HOUR2 = 36e5;
var DAY = 24 * HOUR2;
var STATS_HOURS = 72;
var WINDOW_DAYS = 30;
var HOT_STORIES = 10;
var OUTCOMES = ["published", "held", "review", "rejected", "spam"];
function outcomeOf(c) {
  if (c.status === "published") return c.listed ? "review" : "published";
  if (c.status === "pending") return "held";
  if (c.status === "rejected" || c.status === "spam") return c.status;
  return null;
}
function percentile(sorted, q) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
function hourly(now, posted) {
  const first = Math.floor(now.getTime() / HOUR2) * HOUR2 - (STATS_HOURS - 1) * HOUR2;
  const buckets = Array.from({ length: STATS_HOURS }, (_, i) => ({ hour: new Date(first + i * HOUR2).toISOString(), counts: { published: 0, held: 0, review: 0, rejected: 0, spam: 0 } }));
  for (const c of posted) {
    const i = Math.floor((Date.parse(c.created_at) - first) / HOUR2);
    const o = outcomeOf(c);
    if (o && i >= 0 && i < STATS_HOURS) buckets[i].counts[o] += 1;
  }
  return buckets;
}
async function decisions(deps, now) {
  const log = await listDecisionsSince(deps.db, new Date(now.getTime() - WINDOW_DAYS * DAY).toISOString());
  const first = /* @__PURE__ */ new Map();
  for (const d of log) if (!first.has(d.commentId)) first.set(d.commentId, d.at);
  const times = await postedTimes(deps, [...first.keys()]);
  const waits = [...first].flatMap(([id, at]) => times.has(id) ? [(Date.parse(at) - Date.parse(times.get(id))) / 6e4] : []).sort((a, b) => a - b);
  const heldDecided = log.filter((d) => d.previousStatus === "pending");
  const held = new Set(heldDecided.map((d) => d.commentId)).size;
  const approved = new Set(heldDecided.filter((d) => d.status === "published").map((d) => d.commentId)).size;
  const { falseHoldBudget } = await getDiscussionSettings(deps);
  return {
    delay: { count: waits.length, medianMinutes: percentile(waits, 0.5), p90Minutes: percentile(waits, 0.9) },
    falseHolds: { held, approved, rate: held === 0 ? null : approved / held, budget: falseHoldBudget }
  };
}
async function hot(deps, now, posted) {
  const since = new Date(now.getTime() - HOUR2).toISOString();
  const counts = /* @__PURE__ */ new Map();
  for (const c of posted) if (c.created_at >= since) counts.set(c.article_id, (counts.get(c.article_id) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, HOT_STORIES);
  const articles = new Map((await getArticlesByIds(deps, top.map(([id]) => id))).map((a) => [a.id, a]));
  return top.flatMap(([id, n]) => {
    const a = articles.get(id);
    if (!a) return [];
    const p = activeProtection(a, now);
    return [{ articleId: id, title: a.title, comments: n, mode: p?.mode ?? a.moderation, until: p?.until ?? null }];
  });
}
async function moderationStats(deps) {
  const now = deps.clock.now();
  const posted = await postedSinceAll(deps, new Date(Math.floor(now.getTime() / HOUR2) * HOUR2 - (STATS_HOURS - 1) * HOUR2).toISOString());
  const [d, h] = await Promise.all([decisions(deps, now), hot(deps, now, posted)]);
  return { hourly: hourly(now, posted), ...d, hot: h };
}
var round = (n, digits = 1) => n === null ? "" : Number(n.toFixed(digits));
function statsTables(t2, locale, s2) {
  return [
    {
      id: "hourly",
      title: t2("stats.hourly.title"),
      columns: [t2("stats.hourly.hour"), ...OUTCOMES.map((o) => t2(`stats.outcome.${o}`))],
      rows: s2.hourly.map((b) => [b.hour, ...OUTCOMES.map((o) => b.counts[o])])
    },
    {
      id: "delay",
      title: t2("stats.delay.title"),
      columns: [t2("stats.delay.count"), t2("stats.delay.median"), t2("stats.delay.p90")],
      rows: [[s2.delay.count, round(s2.delay.medianMinutes), round(s2.delay.p90Minutes)]]
    },
    {
      id: "falseHolds",
      title: t2("stats.falseHolds.title"),
      columns: [t2("stats.falseHolds.held"), t2("stats.falseHolds.approved"), t2("stats.falseHolds.rate"), t2("stats.falseHolds.budget")],
      rows: [[s2.falseHolds.held, s2.falseHolds.approved, round(s2.falseHolds.rate === null ? null : s2.falseHolds.rate * 100), round(s2.falseHolds.budget * 100)]]
    },
    {
      id: "hot",
      title: t2("stats.hot.title"),
      columns: [t2("stats.hot.story"), t2("stats.hot.comments"), t2("stats.hot.mode"), t2("stats.hot.until")],
      rows: s2.hot.map((h) => [h.title, h.comments, h.mode ? t2(`stats.mode.${h.mode}`) : t2("stats.mode.default"), h.until ? formatDate(locale, h.until) : ""])
    }
  ];
}

// src/modules/moderation/stats.views.tsx
import { Fragment as Fragment17, jsx as jsx37, jsxs as jsxs28 } from "preact/jsx-runtime";
var COLOURS = { published: "#1a7f37", held: "#9a6700", review: "#0969da", rejected: "#cf222e", spam: "#6e40c9" };
var W = 720;
var H = 200;
var r1 = (n) => Math.round(n * 10) / 10;
function HourlyChart({ s: s2, t: t2 }) {
  const max = Math.max(1, ...s2.hourly.map((b) => OUTCOMES.reduce((n, o) => n + b.counts[o], 0)));
  const bw = W / s2.hourly.length;
  return /* @__PURE__ */ jsxs28("svg", { viewBox: `0 0 ${W} ${H + 24}`, width: "100%", "aria-hidden": "true", focusable: "false", children: [
    s2.hourly.map((b, i) => {
      let y = H;
      return OUTCOMES.map((o) => {
        const h = b.counts[o] / max * H;
        y -= h;
        return h > 0 ? /* @__PURE__ */ jsx37("rect", { x: r1(i * bw + 1), y: r1(y), width: r1(Math.max(1, bw - 2)), height: r1(h), fill: COLOURS[o] }) : null;
      });
    }),
    /* @__PURE__ */ jsx37("line", { x1: "0", y1: H, x2: W, y2: H, stroke: "#57606a" }),
    OUTCOMES.map((o, i) => /* @__PURE__ */ jsxs28("g", { children: [
      /* @__PURE__ */ jsx37("rect", { x: i * 140, y: H + 10, width: "10", height: "10", fill: COLOURS[o] }),
      /* @__PURE__ */ jsx37("text", { x: i * 140 + 14, y: H + 20, "font-size": "11", fill: "#24292f", children: t2(`stats.outcome.${o}`) })
    ] }))
  ] });
}
function Bars({ bars, marker }) {
  const max = Math.max(1e-9, marker?.value ?? 0, ...bars.map((b) => b.value));
  const row = 28;
  const left = 220;
  const width = W - left - 60;
  return /* @__PURE__ */ jsxs28("svg", { viewBox: `0 0 ${W} ${bars.length * row + 20}`, width: "100%", "aria-hidden": "true", focusable: "false", children: [
    bars.map((b, i) => /* @__PURE__ */ jsxs28("g", { children: [
      /* @__PURE__ */ jsx37("text", { x: "0", y: i * row + 18, "font-size": "12", fill: "#24292f", children: b.label.slice(0, 34) }),
      /* @__PURE__ */ jsx37("rect", { x: left, y: i * row + 6, width: r1(b.value / max * width), height: "16", fill: "#0969da" }),
      /* @__PURE__ */ jsx37("text", { x: r1(left + b.value / max * width + 4), y: i * row + 18, "font-size": "12", fill: "#24292f", children: String(b.value) })
    ] })),
    marker ? /* @__PURE__ */ jsxs28("g", { children: [
      /* @__PURE__ */ jsx37("line", { x1: left + marker.value / max * width, y1: "0", x2: left + marker.value / max * width, y2: bars.length * row + 6, stroke: "#cf222e", "stroke-width": "2", "stroke-dasharray": "4 2" }),
      /* @__PURE__ */ jsx37("text", { x: left + marker.value / max * width + 4, y: bars.length * row + 18, "font-size": "12", fill: "#cf222e", children: marker.label })
    ] }) : null
  ] });
}
function Table({ table }) {
  return /* @__PURE__ */ jsxs28("table", { children: [
    /* @__PURE__ */ jsx37("thead", { children: /* @__PURE__ */ jsx37("tr", { children: table.columns.map((c) => /* @__PURE__ */ jsx37("th", { scope: "col", children: c })) }) }),
    /* @__PURE__ */ jsx37("tbody", { children: table.rows.map((r) => /* @__PURE__ */ jsx37("tr", { children: r.map((v, i) => i === 0 ? /* @__PURE__ */ jsx37("th", { scope: "row", children: String(v) }) : /* @__PURE__ */ jsx37("td", { children: String(v) })) })) })
  ] });
}
function chartOf(id, s2, t2) {
  if (id === "hourly") return /* @__PURE__ */ jsx37(HourlyChart, { s: s2, t: t2 });
  if (id === "delay") return /* @__PURE__ */ jsx37(Bars, { bars: [{ label: t2("stats.delay.median"), value: Number((s2.delay.medianMinutes ?? 0).toFixed(1)) }, { label: t2("stats.delay.p90"), value: Number((s2.delay.p90Minutes ?? 0).toFixed(1)) }] });
  if (id === "falseHolds") return /* @__PURE__ */ jsx37(Bars, { bars: [{ label: t2("stats.falseHolds.rate"), value: Number(((s2.falseHolds.rate ?? 0) * 100).toFixed(1)) }], marker: { label: t2("stats.falseHolds.budget"), value: s2.falseHolds.budget * 100 } });
  return /* @__PURE__ */ jsx37(Bars, { bars: s2.hot.map((h) => ({ label: h.title, value: h.comments })) });
}
function StatsPage({ t: t2, stats, tables }) {
  return /* @__PURE__ */ jsxs28(Fragment17, { children: [
    /* @__PURE__ */ jsx37("p", { children: /* @__PURE__ */ jsx37("a", { href: "/admin/moderation/stats.csv", download: "moderation-stats.csv", children: t2("stats.csv") }) }),
    tables.map((table) => /* @__PURE__ */ jsxs28("figure", { class: "stats-figure", id: `stats-${table.id}`, children: [
      /* @__PURE__ */ jsx37("figcaption", { children: table.title }),
      chartOf(table.id, stats, t2),
      table.id === "hot" && table.rows.length === 0 ? /* @__PURE__ */ jsx37("p", { children: t2("stats.hot.none") }) : /* @__PURE__ */ jsx37(Table, { table })
    ] }))
  ] });
}

// src/modules/moderation/stats.routes.tsx
import { jsx as jsx38 } from "preact/jsx-runtime";
function registerStatsRoutes(app, deps) {
  void app.register(async (scope) => {
    redirectAnonymousToLogin(scope);
    scope.get("/admin/moderation/stats", async function showModerationStats(request, reply) {
      assertModeration(request.user, "moderation:queue");
      const ctx = contextOf(request, request.user);
      const stats = await moderationStats(deps);
      return sendAdmin(ctx, reply, { title: ctx.t("stats.title"), current: "moderation" }, /* @__PURE__ */ jsx38(StatsPage, { t: ctx.t, stats, tables: statsTables(ctx.t, ctx.locale, stats) }));
    });
    scope.get("/admin/moderation/stats.csv", async function moderationStatsCsv(request, reply) {
      assertModeration(request.user, "moderation:queue");
      const ctx = contextOf(request, request.user);
      const tables = statsTables(ctx.t, ctx.locale, await moderationStats(deps));
      const lines2 = tables.flatMap((tb) => [["figure", ...tb.columns], ...tb.rows.map((r) => [tb.id, ...r])]);
      return reply.type("text/csv; charset=utf-8").header("content-disposition", 'attachment; filename="moderation-stats.csv"').send(stringify(lines2));
    });
  });
}

// src/modules/moderation/moderation.routes.ts
function registerModerationRoutes(app, deps) {
  app.get("/api/v1/settings/discussion", async (request) => {
    assertModeration(request.user, "settings:read");
    return getDiscussionSettings(deps);
  });
  app.put("/api/v1/settings/discussion", async (request) => {
    assertModeration(request.user, "settings:update");
    const current = await getDiscussionSettings(deps);
    const body = request.body && typeof request.body === "object" ? request.body : {};
    const next = parseInput(discussionSettingsSchema, { ...current, ...body }, request.locale);
    await saveDiscussionSettings(deps, next);
    await deps.cache.invalidate(["*"]);
    return next;
  });
  app.get("/api/v1/moderation/queue", async (request) => {
    assertModeration(request.user, "moderation:queue");
    const q = parseInput(queueQuerySchema, request.query, request.locale);
    const [rows, counts, falseHold2] = await Promise.all([listQueue(deps, q.status, q.limit), countQueues(deps), measuredFalseHold(deps)]);
    return { comments: rows.map((r) => presentModeratedComment(r, request.t)), counts, falseHold: falseHold2 };
  });
  app.post("/api/v1/comments/:id/moderation", async (request) => {
    assertModeration(request.user, "moderation:decide");
    const user = request.user;
    const { id } = parseInput(moderationIdParams, request.params);
    const body = parseInput(decisionSchema, request.body, request.locale);
    return decideComment(deps, user, id, body.action, body.reason ?? null);
  });
  app.post("/api/v1/moderation/bulk", async (request) => {
    assertModeration(request.user, "moderation:decide");
    const user = request.user;
    const body = parseInput(bulkDecisionSchema, request.body, request.locale);
    return { comments: await decideComments(deps, user, body.ids, body.action, body.reason ?? null) };
  });
  app.post("/api/v1/moderation/evaluate", async (request) => {
    assertModeration(request.user, "moderation:evaluate");
    const body = parseInput(evaluateSchema, request.body, request.locale);
    return evaluateText(deps, body);
  });
  app.get("/api/v1/moderation/bans", async (request) => {
    assertModeration(request.user, "moderation:ban");
    return { bans: await activeBans(deps) };
  });
  app.post("/api/v1/moderation/bans", async (request, reply) => {
    assertModeration(request.user, "moderation:ban");
    const user = request.user;
    const body = parseInput(banInputSchema, request.body, request.locale);
    return reply.code(201).send(await banCommenter(deps, user, body));
  });
  app.delete("/api/v1/moderation/bans/:id", async (request, reply) => {
    assertModeration(request.user, "moderation:ban");
    const user = request.user;
    const { id } = parseInput(moderationIdParams, request.params);
    await liftBan(deps, user, id);
    return reply.code(204).send();
  });
  app.get("/api/v1/moderation/log", async (request) => {
    assertModeration(request.user, "moderation:log");
    return { entries: await moderationLog(deps, { limit: 200 }) };
  });
  registerModerationPages(app, deps);
  registerAutoRuleRoutes(app, deps);
  registerStatsRoutes(app, deps);
}

// src/web/health.ts
import underPressure from "@fastify/under-pressure";
import { sql as sql7 } from "kysely";

// src/web/error-handler.tsx
import { Fragment as Fragment18, jsx as jsx39, jsxs as jsxs29 } from "preact/jsx-runtime";
var FASTIFY_CODES = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: "payload_too_large" },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: "unsupported_media_type" },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: "invalid_json" },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: "invalid_json" },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: "bad_request" },
  FST_ERR_VALIDATION: { status: 400, code: "invalid_input" }
};
function localizedMessage(err, request) {
  if (err.code === "csrf") return request.t("error.csrf");
  return err instanceof ValidationError ? err.messageIn(request.locale) : err.message;
}
var RETRY_AFTER_SECONDS = 5;
function databaseProblem(deps, err, request) {
  const fault = deps.dialect.classifyError(err) ?? (err instanceof Error && err.cause ? deps.dialect.classifyError(err.cause) : void 0);
  switch (fault) {
    case "unique":
      return { status: 409, code: "conflict", message: request.t("error.conflict"), details: {} };
    case "out_of_range":
      return { status: 400, code: "invalid_input", message: request.t("error.out_of_range"), details: {} };
    case "bad_text":
      return { status: 400, code: "invalid_input", message: request.t("error.bad_text"), details: {} };
    case "unavailable":
      return { status: 503, code: "unavailable", message: request.t("error.unavailable"), details: { dependency: "database" } };
    default:
      return void 0;
  }
}
function toProblem(deps, err, request) {
  if (err instanceof AppError) return { status: err.status, code: err.code, message: localizedMessage(err, request), details: err.details };
  const db = databaseProblem(deps, err, request);
  if (db) return db;
  const fe = err;
  const known2 = fe.code ? FASTIFY_CODES[fe.code] : void 0;
  if (known2) return { ...known2, message: request.t(`error.${known2.code}`, { message: fe.message }), details: {} };
  if (err instanceof SyntaxError && fe.statusCode === 400) return { status: 400, code: "invalid_json", message: request.t("error.invalid_json"), details: {} };
  if (fe.statusCode === 503) return { status: 503, code: "unavailable", message: request.t("error.unavailable"), details: {} };
  if (fe.statusCode === 429) return { status: 429, code: "rate_limited", message: request.t("error.rate_limited"), details: {} };
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return { status: fe.statusCode, code: "bad_request", message: fe.message, details: {} };
  return { status: 500, code: "internal", message: request.t("error.internal"), details: {} };
}
function wantsHtml(request) {
  if (request.url.startsWith("/api/")) return false;
  return (request.headers.accept ?? "").includes("text/html") || request.method === "GET" || request.method === "POST";
}
function errorPage(deps, request, reply, p) {
  const t2 = request.t;
  const title = p.status === 404 ? t2("error.not_found") : t2("error.title");
  const text = p.status === 404 ? t2("error.not_found_hint") : p.status >= 500 ? t2("error.internal") : p.message;
  const body = /* @__PURE__ */ jsxs29(Fragment18, { children: [
    /* @__PURE__ */ jsx39("h1", { children: title }),
    /* @__PURE__ */ jsx39("p", { children: text }),
    /* @__PURE__ */ jsx39("p", { children: /* @__PURE__ */ jsx39("a", { href: "/", children: t2("error.back_home") }) })
  ] });
  return sendPublicPage(deps, request, reply, { title, body, status: p.status, nav: p.status !== 429 && p.status !== 503 });
}
function registerErrorHandling(app, deps) {
  const legacy = async (request) => {
    if (request.method !== "GET" || request.url.startsWith("/api/")) return void 0;
    try {
      return await resolveLegacyUrl(deps, request.url);
    } catch (err) {
      request.log.warn({ err }, "legacy URL lookup failed");
      return void 0;
    }
  };
  app.setErrorHandler(async (err, request, reply) => {
    const p = toProblem(deps, err, request);
    if (p.status === 404) {
      const target = await legacy(request);
      if (target) return reply.redirect(target, 301);
    }
    if (p.status >= 500) request.log.error({ err }, "unhandled error");
    if (p.status === 429 && !reply.hasHeader("retry-after")) reply.header("retry-after", String(typeof p.details.retryAfter === "number" ? p.details.retryAfter : 60));
    if (p.status === 503 && !reply.hasHeader("retry-after")) reply.header("retry-after", String(RETRY_AFTER_SECONDS));
    if (wantsHtml(request)) return errorPage(deps, request, reply, p);
    return reply.code(p.status).send({ error: p.code, message: p.message, ...p.details });
  });
  app.setNotFoundHandler(async (request, reply) => {
    const target = await legacy(request);
    if (target) return reply.redirect(target, 301);
    const p = { status: 404, code: "not_found", message: "not found", details: {} };
    if (wantsHtml(request)) return errorPage(deps, request, reply, p);
    return reply.code(404).send({ error: "not_found", message: `no route for ${request.method} ${request.url.split("?")[0]}` });
  });
}

// src/web/health.ts
var DATABASE_CHECK_MS = 1e3;
var OVERLOAD = { maxEventLoopDelayMs: 200, sampleIntervalMs: 1e3, minInFlight: 16 };
async function databaseUp(deps) {
  let timer;
  const timeout = new Promise((resolve4) => {
    timer = setTimeout(() => resolve4(false), DATABASE_CHECK_MS);
  });
  try {
    return await Promise.race([sql7`select 1`.execute(deps.db).then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
function registerHealth(app, deps, redisUp) {
  app.get("/api/v1/health", async (_request, reply) => {
    const database = await databaseUp(deps);
    const redis = redisUp();
    const down = [...database ? [] : ["database"], ...redis === false ? ["redis"] : []];
    const body = {
      status: down.length === 0 ? "ok" : "unavailable",
      engine: deps.dialect.engine,
      version: process.env.npm_package_version ?? "0.1.0",
      dependencies: { database: database ? "up" : "down", ...redis === void 0 ? {} : { redis: redis ? "up" : "down" } },
      ...down.length > 0 ? { down, message: `${down.join(" and ")} ${down.length > 1 ? "are" : "is"} down` } : {}
    };
    reply.header("cache-control", "no-store");
    if (down.length > 0) reply.header("retry-after", String(RETRY_AFTER_SECONDS));
    return reply.code(down.length > 0 ? 503 : 200).send(body);
  });
}
async function registerOverloadShedding(app, limits = OVERLOAD) {
  const open = /* @__PURE__ */ new Set();
  const waiting2 = () => {
    let n = 0;
    for (const res of open) if (!res.headersSent) n += 1;
    return n;
  };
  app.addHook("onRequest", async (_request, reply) => {
    const res = reply.raw;
    open.add(res);
    res.once("close", () => open.delete(res));
  });
  const overloaded = Object.assign(new Error("the server is overloaded"), { statusCode: 503 });
  await app.register(underPressure, {
    maxEventLoopDelay: limits.maxEventLoopDelayMs,
    sampleInterval: limits.sampleIntervalMs,
    retryAfter: RETRY_AFTER_SECONDS,
    pressureHandler: (_request, reply) => {
      if (waiting2() < limits.minInFlight) return void 0;
      reply.header("retry-after", String(RETRY_AFTER_SECONDS));
      return Promise.reject(overloaded);
    }
  });
  return { waiting: waiting2 };
}

// src/infra/pubsub.ts
import { EventEmitter } from "node:events";
import { Redis } from "ioredis";
var MemoryPubSub = class {
  emitter = new EventEmitter().setMaxListeners(0);
  async publish(channel, message) {
    this.emitter.emit(channel, message);
  }
  async subscribe(channel, handler) {
    this.emitter.on(channel, handler);
    return () => this.emitter.off(channel, handler);
  }
  async close() {
    this.emitter.removeAllListeners();
  }
  sharedBusUp() {
    return void 0;
  }
};
var RedisPubSub = class {
  constructor(url, prefix = "palabre:") {
    this.prefix = prefix;
    this.pub = new Redis(url, FAIL_FAST_REDIS);
    this.sub = new Redis(url, { ...FAIL_FAST_REDIS, commandTimeout: void 0, autoResubscribe: false });
    this.sub.on("message", (channel, message) => {
      this.local.emit(channel.slice(this.prefix.length), message);
    });
    this.pub.on("error", () => void 0);
    this.sub.on("error", () => void 0);
    this.sub.on("ready", () => {
      const channels = [...this.counts.keys()].map((c) => this.prefix + c);
      if (channels.length > 0) void this.sub.subscribe(...channels).catch(() => void 0);
    });
    this.started = Promise.all([redisReady(this.pub), redisReady(this.sub)]).then(() => void 0);
  }
  prefix;
  pub;
  sub;
  local = new EventEmitter().setMaxListeners(0);
  counts = /* @__PURE__ */ new Map();
  /** The first connection, awaited (2 s at most) before the first publish or subscribe; never again. */
  started;
  sharedBusUp() {
    return this.pub.status === "ready" && this.sub.status === "ready";
  }
  async publish(channel, message) {
    await this.started;
    if (this.sharedBusUp()) {
      try {
        await this.pub.publish(this.prefix + channel, message);
        return;
      } catch {
      }
    }
    this.local.emit(channel, message);
  }
  async subscribe(channel, handler) {
    await this.started;
    this.local.on(channel, handler);
    const n = (this.counts.get(channel) ?? 0) + 1;
    this.counts.set(channel, n);
    if (n === 1 && this.sub.status === "ready") await this.sub.subscribe(this.prefix + channel).catch(() => void 0);
    return () => {
      this.local.off(channel, handler);
      const left = (this.counts.get(channel) ?? 1) - 1;
      if (left <= 0) {
        this.counts.delete(channel);
        if (this.sub.status === "ready") void this.sub.unsubscribe(this.prefix + channel).catch(() => void 0);
      } else this.counts.set(channel, left);
    };
  }
  async close() {
    this.local.removeAllListeners();
    await Promise.allSettled([this.pub, this.sub].map((c) => c.status === "ready" ? c.quit() : Promise.resolve(c.disconnect())));
  }
};
var READY_WAIT_MS = 2e3;
async function redisReady(redis) {
  if (redis.status === "ready") return;
  await new Promise((resolve4) => {
    const timer = setTimeout(done, READY_WAIT_MS);
    function done() {
      clearTimeout(timer);
      redis.off("ready", done);
      resolve4();
    }
    redis.once("ready", done);
  });
}
var FAIL_FAST_REDIS = { enableOfflineQueue: false, commandTimeout: 500, connectTimeout: 1e3, maxRetriesPerRequest: 0 };

// src/web/rate-limit-store.ts
import LocalStore from "@fastify/rate-limit/store/LocalStore.js";
import RedisStore from "@fastify/rate-limit/store/RedisStore.js";
var FallbackStore = class _FallbackStore {
  constructor(redis, remote, local) {
    this.redis = redis;
    this.remote = remote;
    this.local = local;
  }
  redis;
  remote;
  local;
  run(method, key, done, timeWindow, max) {
    if (this.redis.status !== "ready") {
      this.local[method](key, done, timeWindow, max);
      return;
    }
    this.remote[method](key, (err, result) => err ? this.local[method](key, done, timeWindow, max) : done(null, result), timeWindow, max);
  }
  incr(key, done, timeWindow, max) {
    this.run("incr", key, done, timeWindow, max);
  }
  read(key, done, timeWindow, max) {
    this.run("read", key, done, timeWindow, max);
  }
  child(routeOptions) {
    return new _FallbackStore(this.redis, this.remote.child(routeOptions), this.local.child(routeOptions));
  }
};
function redisStoreWithFallback(redis, nameSpace) {
  return class extends FallbackStore {
    constructor(options) {
      const params = options;
      super(
        redis,
        new RedisStore(params.continueExceeding, params.exponentialBackoff, redis, nameSpace),
        new LocalStore(params.continueExceeding, params.exponentialBackoff)
      );
    }
  };
}

// src/web/rate-limits.ts
var UNSAFE2 = /* @__PURE__ */ new Set(["POST", "PUT", "PATCH", "DELETE"]);
function writer(request) {
  return request.user ? `user:${request.user.id}` : `ip:${request.ip}`;
}
var DEFAULT_WRITE_LIMIT = { max: 300, timeWindow: 6e4, hook: "preHandler", keyGenerator: writer };
var MAIL_ROUTES = {
  "POST /api/v1/invitations": { perRecipient: 3, windowMs: 36e5 },
  "POST /admin/users/invite": { perRecipient: 3, windowMs: 36e5 },
  "POST /privacy/guest": { perRecipient: 3, windowMs: 36e5 }
};
function recipient(request) {
  const body = request.body;
  return typeof body?.email === "string" ? body.email.trim().toLowerCase() : "";
}
function addPreHandler(route, hook) {
  const existing = route.preHandler;
  route.preHandler = [...existing === void 0 ? [] : Array.isArray(existing) ? existing : [existing], ...Array.isArray(hook) ? hook : [hook]];
}
function registerRateLimitDefaults(app) {
  const table = [];
  app.decorate("routeTable", () => table);
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    table.push({ methods, url: route.url, route });
    if (!methods.some((m) => UNSAFE2.has(m))) return;
    const config = route.config ?? {};
    if (config.rateLimit == null) route.config = { ...config, rateLimit: DEFAULT_WRITE_LIMIT };
    for (const method of methods) {
      const mail = MAIL_ROUTES[`${method} ${route.url}`];
      if (!mail) continue;
      let limiter;
      addPreHandler(route, async function perRecipient(request) {
        const to = recipient(request);
        if (!to) return;
        limiter ??= app.createRateLimit({ max: mail.perRecipient, timeWindow: mail.windowMs, keyGenerator: (req) => `mail:${route.url}:${sha256(recipient(req))}` });
        const r = await limiter(request);
        if (!r.isAllowed && r.isExceeded) throw new RateLimitedError(Math.max(1, r.ttlInSeconds));
      });
    }
  });
}

// src/web/fast-path.ts
var PER_ANSWER = /* @__PURE__ */ new Set(["content-length", "content-encoding", "etag", "date", "connection", "keep-alive", "transfer-encoding"]);
var FastPages = class {
  constructor(cache2, maxUrls = 1e4) {
    this.cache = cache2;
    this.maxUrls = maxUrls;
  }
  cache;
  maxUrls;
  known = /* @__PURE__ */ new Map();
  /** Called by the full path after it answered `url` with the cached page `key`. */
  remember(url, key, sent) {
    if (this.known.has(url)) return;
    if (this.known.size >= this.maxUrls) {
      const oldest = this.known.keys().next().value;
      if (oldest !== void 0) this.known.delete(oldest);
    }
    const headers = {};
    for (const [name, value] of Object.entries(sent)) if (value !== void 0 && !PER_ANSWER.has(name.toLowerCase())) headers[name] = value;
    this.known.set(url, { key, headers });
  }
  /** Answers the request and returns true when it can; false leaves it untouched for Fastify. */
  serve(req, res) {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    if (req.headers.cookie !== void 0 || req.headers.authorization !== void 0 || req.url === void 0) return false;
    const known2 = this.known.get(req.url);
    if (!known2) return false;
    const page4 = this.cache.get(known2.key);
    if (!page4 || page4.status !== 200) return false;
    send(req, res, page4, known2.headers);
    return true;
  }
};
function send(req, res, page4, headers) {
  if (req.headers["if-none-match"] === page4.etag) {
    res.writeHead(304, { ...headers, etag: page4.etag });
    res.end();
    return;
  }
  const accept = req.headers["accept-encoding"];
  const gzip = typeof accept === "string" && /\bgzip\b/.test(accept);
  const body = gzip ? page4.gzip : page4.body;
  res.writeHead(200, { ...headers, etag: page4.etag, "content-length": body.length, ...gzip ? { "content-encoding": "gzip" } : {} });
  res.end(req.method === "HEAD" ? void 0 : body);
}

// src/app.ts
var BODY_LIMIT = 1024 * 1024;
async function buildApp(deps) {
  const fastPages = new FastPages(deps.cache);
  const app = Fastify({
    // Anonymous hits of cached pages are answered before Fastify (src/web/fast-path.ts); the rest goes on.
    serverFactory: (handler, options) => listener(fastPages, handler, options),
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- TypeScript 7 (tsc) needs it; the linter's TypeScript 6 does not
    loggerInstance: deps.log,
    trustProxy: deps.config.trustProxy,
    bodyLimit: BODY_LIMIT,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200, querystringParser: parseQuerySingle }
  });
  app.decorate("fastPages", fastPages);
  const translators = Object.fromEntries(LOCALES.map((l) => [l, translator(l)]));
  app.decorateRequest("locale", deps.config.locale);
  app.decorateRequest("t", {
    getter() {
      return translators[this.locale];
    }
  });
  app.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/api/") || !request.headers["accept-language"]) return;
    const preferred = new Negotiator(request).language([...LOCALES]);
    if (preferred === "fr" || preferred === "en") request.locale = preferred;
  });
  app.addHook("onRequest", (request, _reply, done) => runWithLocale(request.locale, done));
  registerErrorHandling(app, deps);
  await registerOverloadShedding(app);
  registerInputBoundary(app, deps.dialect);
  registerSecurity(app, deps.config.baseUrl);
  await app.register(cookie, { secret: deps.secret });
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  const limitStore = deps.config.redisUrl ? new Redis2(deps.config.redisUrl, FAIL_FAST_REDIS) : void 0;
  if (limitStore) {
    limitStore.on("error", () => void 0);
    app.addHook("onClose", async () => {
      if (limitStore.status === "ready") await limitStore.quit().catch(() => void 0);
      else limitStore.disconnect();
    });
    await redisReady(limitStore);
  }
  registerRateLimitDefaults(app);
  await app.register(rateLimit, {
    global: false,
    ...limitStore ? { store: redisStoreWithFallback(limitStore, `${deps.config.redisPrefix}rl:`) } : {},
    errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, error: "rate_limited", message: `too many requests; retry in ${Math.ceil(ctx.ttl / 1e3)} s` })
  });
  await app.register(fastifyStatic3, {
    root: publicDir(),
    prefix: "/assets/",
    immutable: true,
    maxAge: "365d",
    wildcard: true,
    preCompressed: true
    // the .br/.gz that scripts/build.mjs writes beside each asset
  });
  registerAuth(app, deps);
  app.get("/favicon.ico", async (_request, reply) => reply.redirect(assetUrl("favicon.svg"), 301));
  registerHealth(app, deps, () => limitStore ? limitStore.status === "ready" && deps.pubsub.sharedBusUp() !== false : deps.pubsub.sharedBusUp());
  registerArticleRoutes(app, deps);
  registerCommentRoutes(app, deps);
  registerModerationRoutes(app, deps);
  await registerModules(app, deps);
  registerArticlePages(app, deps);
  return app;
}
function listener(fastPages, handler, options) {
  const server = createServer((req, res) => {
    if (!fastPages.serve(req, res)) handler(req, res);
  });
  if (options.keepAliveTimeout) server.keepAliveTimeout = options.keepAliveTimeout;
  if (options.requestTimeout) server.requestTimeout = options.requestTimeout;
  if (options.connectionTimeout) server.setTimeout(options.connectionTimeout);
  return server;
}

// src/deps.ts
import { randomBytes as randomBytes5 } from "node:crypto";
import pino from "pino";

// src/db/connect.ts
import { mkdirSync as mkdirSync2 } from "node:fs";
import { dirname as dirname4 } from "node:path";
import SqliteDatabase2 from "better-sqlite3";
import {
  Kysely,
  PostgresDialect,
  SqliteDialect,
  sql as sql9
} from "kysely";
import pg from "pg";

// src/db/native-backup.ts
import { spawn } from "node:child_process";
import SqliteDatabase from "better-sqlite3";
async function sqliteBackup(file, target) {
  if (file === ":memory:") throw new Error("an in-memory database cannot be backed up; use palabre export");
  const source = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(target);
  } finally {
    source.close();
  }
  return "sqlite-backup-api";
}
async function sqliteRestore(file, backup) {
  const source = new SqliteDatabase(backup, { readonly: true, fileMustExist: true });
  try {
    await source.backup(file);
  } finally {
    source.close();
  }
}
function run(cmd, args) {
  return new Promise((resolve4, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d.toString();
    });
    child.on("error", (err) => err.code === "ENOENT" ? resolve4("missing") : reject(err));
    child.on("close", (code) => code === 0 ? resolve4("ok") : reject(new Error(`${cmd} failed: ${stderr.trim().split("\n")[0] ?? `exit ${code}`}`)));
  });
}
function pgArgs(url) {
  const u = new URL(url);
  const schema = u.searchParams.get("schema") ?? void 0;
  u.searchParams.delete("schema");
  return { url: u.toString(), schema };
}
async function pgDump(url, schema, target) {
  const a = pgArgs(url);
  const ns = schema ?? a.schema;
  const r = await run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", ...ns ? [`--schema=${ns}`] : [], `--file=${target}`, `--dbname=${a.url}`]);
  return r === "ok" ? "pg_dump" : void 0;
}
async function pgRestore(url, backup) {
  const a = pgArgs(url);
  const r = await run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", `--dbname=${a.url}`, backup]);
  return r === "ok";
}

// src/db/dialect.ts
import { sql as sql8 } from "kysely";
function errorCode(err) {
  if (typeof err !== "object" || err === null || !("code" in err)) return void 0;
  const code = err.code;
  return typeof code === "string" ? code : void 0;
}
var PG_CONNECTION_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended|Query read timeout|Client was closed/i;
function classifyPostgres(err) {
  const code = errorCode(err);
  if (code === "23505") return "unique";
  if (code === "22003" || code === "22P02" || code === "22008") return "out_of_range";
  if (code === "22021" || code === "22P05") return "bad_text";
  if (code && (code.startsWith("08") || /^57P0[1-3]$/.test(code) || code === "57014" || code === "53300" || code === "53400")) return "unavailable";
  if (code === "ECONNREFUSED" || code === "ECONNRESET" || code === "ETIMEDOUT" || code === "EPIPE" || code === "ENOTFOUND" || code === "EAI_AGAIN") return "unavailable";
  if (err instanceof Error && PG_CONNECTION_MESSAGES.test(err.message)) return "unavailable";
  return void 0;
}
function classifySqlite(err) {
  const code = errorCode(err);
  if (code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY") return "unique";
  if (code === "SQLITE_BUSY" || code === "SQLITE_LOCKED" || code === "SQLITE_IOERR" || code === "SQLITE_FULL") return "unavailable";
  if (code === "SQLITE_TOOBIG") return "out_of_range";
  return void 0;
}
var sqliteDialect = {
  engine: "sqlite",
  addIdColumn: (tb) => tb.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement()),
  fullText: "fts5",
  classifyError: classifySqlite,
  // SQLite integers are 64-bit, but JS numbers are exact only up to 2^53.
  maxId: Number.MAX_SAFE_INTEGER,
  // AUTOINCREMENT keeps its high-water mark in sqlite_sequence, explicit ids included.
  syncIdSequence: async () => void 0,
  nativeBackup: (location, _schema, target) => sqliteBackup(location, target),
  nativeRestore: async (location, backup) => {
    await sqliteRestore(location, backup);
    return true;
  },
  async writeTransaction(db, fn) {
    if (db.isTransaction) return fn(db);
    return db.connection().execute(async (conn) => {
      await sql8`begin immediate`.execute(conn);
      try {
        const result = await fn(conn);
        await sql8`commit`.execute(conn);
        return result;
      } catch (err) {
        await sql8`rollback`.execute(conn);
        throw err;
      }
    });
  }
};
var postgresDialect = {
  engine: "postgres",
  addIdColumn: (tb) => tb.addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity()),
  fullText: "tsvector",
  classifyError: classifyPostgres,
  // `id` columns are `integer` (int4).
  maxId: 2147483647,
  async syncIdSequence(db, table) {
    await sql8`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql8.table(table)}), 0) + 1, false)`.execute(db);
  },
  nativeBackup: (location, schema, target) => pgDump(location, schema, target),
  nativeRestore: (location, backup) => pgRestore(location, backup),
  async writeTransaction(db, fn) {
    if (db.isTransaction) return fn(db);
    return db.transaction().execute((trx) => fn(trx));
  }
};
function dialectFor(engine) {
  return engine === "sqlite" ? sqliteDialect : postgresDialect;
}

// src/db/connect.ts
var PG_TIMEOUTS = { statementMs: 3e4, queryMs: 35e3, connectMs: 3e3, idleInTransactionMs: 6e4 };
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
function cachePreparedStatements(raw, max = 500) {
  const prepare = raw.prepare.bind(raw);
  const cache2 = /* @__PURE__ */ new Map();
  raw.prepare = ((source) => {
    let stmt = cache2.get(source);
    if (stmt) {
      cache2.delete(source);
    } else {
      stmt = prepare(source);
      if (cache2.size >= max) {
        const oldest = cache2.keys().next().value;
        if (oldest !== void 0) cache2.delete(oldest);
      }
    }
    cache2.set(source, stmt);
    return stmt;
  });
}
var SchemaScopedIntrospector = class {
  constructor(db, schema) {
    this.db = db;
    this.schema = schema;
  }
  db;
  schema;
  async getSchemas() {
    const r = await sql9`select nspname as name from pg_catalog.pg_namespace`.execute(this.db);
    return r.rows.map((row) => ({ name: row.name }));
  }
  async getTables() {
    const r = await sql9`
      select c.relname as name, c.relkind as kind from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${this.schema} and c.relkind in ('r', 'p', 'v')`.execute(this.db);
    return r.rows.map((row) => ({ name: row.name, schema: this.schema, isView: row.kind === "v", columns: [] }));
  }
  async getMetadata() {
    return { tables: await this.getTables() };
  }
};
var ScopedPostgresDialect = class extends PostgresDialect {
  constructor(config, schema) {
    super(config);
    this.schema = schema;
  }
  schema;
  createIntrospector(db) {
    return new SchemaScopedIntrospector(db, this.schema);
  }
};
async function connect(url, opts = {}) {
  if (url.startsWith("sqlite:")) {
    const file = url.slice("sqlite:".length) || ":memory:";
    if (file !== ":memory:") mkdirSync2(dirname4(file), { recursive: true });
    const raw = new SqliteDatabase2(file);
    raw.pragma("journal_mode = WAL");
    raw.pragma("busy_timeout = 5000");
    raw.pragma("synchronous = NORMAL");
    raw.pragma("foreign_keys = ON");
    cachePreparedStatements(raw);
    const db2 = new Kysely({ dialect: new SqliteDialect({ database: raw }) });
    return { db: db2, dialect: dialectFor("sqlite"), location: file, close: () => db2.destroy() };
  }
  const parsed2 = new URL(url);
  const urlSchema = parsed2.searchParams.get("schema") ?? void 0;
  parsed2.searchParams.delete("schema");
  opts = { ...opts, ...opts.schema === void 0 && urlSchema ? { schema: urlSchema } : {} };
  const timeouts = { ...PG_TIMEOUTS, ...opts.timeouts };
  const settings = [
    ...opts.schema ? [`-c search_path=${opts.schema},public`] : [],
    `-c statement_timeout=${timeouts.statementMs}`,
    `-c idle_in_transaction_session_timeout=${timeouts.idleInTransactionMs}`
  ];
  const pool = new pg.Pool({
    connectionString: parsed2.toString(),
    max: opts.poolSize ?? 10,
    options: settings.join(" "),
    // Waiting for a connection (a new one, or a free one of a busy pool) is bounded: a 503, not a hang.
    connectionTimeoutMillis: timeouts.connectMs,
    // A server that stops answering (stalled, or a cut network) does not hold a request forever.
    query_timeout: timeouts.queryMs,
    keepAlive: true
  });
  pool.on("error", () => void 0);
  pool.on("connect", (client) => {
    client.on("error", () => void 0);
  });
  if (opts.schema) {
    if (!/^[a-z_][a-z0-9_]*$/.test(opts.schema)) throw new Error(`invalid schema name ${opts.schema}`);
    await pool.query(`create schema if not exists ${opts.schema}`);
  }
  const db = new Kysely({ dialect: new ScopedPostgresDialect({ pool }, opts.schema ?? "public") });
  return { db, dialect: dialectFor("postgres"), location: url, schema: opts.schema ?? "public", close: () => db.destroy() };
}

// src/db/migrate.ts
import { Migrator } from "kysely";

// src/db/migrations/0001-foundation.ts
var foundation_exports = {};
__export(foundation_exports, {
  up: () => up
});
async function up(db, d) {
  const s2 = db.schema;
  await s2.createTable("settings").addColumn("key", "text", (c) => c.primaryKey()).addColumn("value", "text", (c) => c.notNull()).execute();
  await d.addIdColumn(s2.createTable("users")).addColumn("email", "text", (c) => c.notNull().unique()).addColumn("name", "text", (c) => c.notNull()).addColumn("role", "text", (c) => c.notNull()).addColumn("password_hash", "text").addColumn("created_at", "text", (c) => c.notNull()).execute();
  await d.addIdColumn(s2.createTable("api_tokens")).addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade")).addColumn("token_hash", "text", (c) => c.notNull().unique()).addColumn("label", "text", (c) => c.notNull()).addColumn("created_at", "text", (c) => c.notNull()).addColumn("last_used_at", "text").addColumn("revoked_at", "text").execute();
  await s2.createTable("sessions").addColumn("id", "text", (c) => c.primaryKey()).addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade")).addColumn("csrf", "text", (c) => c.notNull()).addColumn("created_at", "text", (c) => c.notNull()).addColumn("expires_at", "text", (c) => c.notNull()).execute();
  await s2.createIndex("sessions_user").on("sessions").column("user_id").execute();
  await d.addIdColumn(s2.createTable("sections")).addColumn("slug", "text", (c) => c.notNull().unique()).addColumn("name", "text", (c) => c.notNull()).addColumn("created_at", "text", (c) => c.notNull()).execute();
  await d.addIdColumn(s2.createTable("tags")).addColumn("slug", "text", (c) => c.notNull().unique()).addColumn("name", "text", (c) => c.notNull()).execute();
  await d.addIdColumn(s2.createTable("articles")).addColumn("slug", "text", (c) => c.notNull().unique()).addColumn("title", "text", (c) => c.notNull()).addColumn("summary", "text", (c) => c.notNull().defaultTo("")).addColumn("body", "text", (c) => c.notNull().defaultTo("")).addColumn("section_id", "integer", (c) => c.references("sections.id").onDelete("set null")).addColumn("dateline", "text", (c) => c.notNull().defaultTo("")).addColumn("status", "text", (c) => c.notNull()).addColumn("publish_at", "text").addColumn("created_at", "text", (c) => c.notNull()).addColumn("updated_at", "text", (c) => c.notNull()).addColumn("comments_open", "integer", (c) => c.notNull().defaultTo(1)).addColumn("image_id", "integer").addColumn("correction", "text").addColumn("lang", "text", (c) => c.notNull().defaultTo("fr")).addColumn("moderation", "text").addColumn("version", "integer", (c) => c.notNull().defaultTo(1)).execute();
  await s2.createIndex("articles_status_publish").on("articles").columns(["status", "publish_at"]).execute();
  await s2.createIndex("articles_section").on("articles").columns(["section_id", "status", "publish_at"]).execute();
  await s2.createTable("article_authors").addColumn("article_id", "integer", (c) => c.notNull().references("articles.id").onDelete("cascade")).addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade")).addColumn("position", "integer", (c) => c.notNull()).addPrimaryKeyConstraint("article_authors_pk", ["article_id", "user_id"]).execute();
  await s2.createIndex("article_authors_user").on("article_authors").column("user_id").execute();
  await s2.createTable("article_tags").addColumn("article_id", "integer", (c) => c.notNull().references("articles.id").onDelete("cascade")).addColumn("tag_id", "integer", (c) => c.notNull().references("tags.id").onDelete("cascade")).addPrimaryKeyConstraint("article_tags_pk", ["article_id", "tag_id"]).execute();
  await s2.createIndex("article_tags_tag").on("article_tags").column("tag_id").execute();
  await s2.createTable("article_slugs").addColumn("slug", "text", (c) => c.primaryKey()).addColumn("article_id", "integer", (c) => c.notNull().references("articles.id").onDelete("cascade")).execute();
  await d.addIdColumn(s2.createTable("revisions")).addColumn("article_id", "integer", (c) => c.notNull().references("articles.id").onDelete("cascade")).addColumn("created_at", "text", (c) => c.notNull()).addColumn("author_id", "integer", (c) => c.references("users.id").onDelete("set null")).addColumn("title", "text", (c) => c.notNull()).addColumn("summary", "text", (c) => c.notNull()).addColumn("body", "text", (c) => c.notNull()).execute();
  await s2.createIndex("revisions_article").on("revisions").column("article_id").execute();
  await d.addIdColumn(s2.createTable("comments")).addColumn("article_id", "integer", (c) => c.notNull().references("articles.id").onDelete("cascade")).addColumn("parent_id", "integer", (c) => c.references("comments.id").onDelete("set null")).addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("set null")).addColumn("author_name", "text", (c) => c.notNull()).addColumn("author_email", "text").addColumn("ip_hash", "text").addColumn("body", "text", (c) => c.notNull()).addColumn("html", "text", (c) => c.notNull()).addColumn("status", "text", (c) => c.notNull()).addColumn("created_at", "text", (c) => c.notNull()).addColumn("updated_at", "text", (c) => c.notNull()).addColumn("likes", "integer", (c) => c.notNull().defaultTo(0)).addColumn("reasons", "text", (c) => c.notNull().defaultTo("[]")).addColumn("scores", "text", (c) => c.notNull().defaultTo("{}")).execute();
  await s2.createIndex("comments_article").on("comments").columns(["article_id", "status", "created_at"]).execute();
  await s2.createIndex("comments_status").on("comments").columns(["status", "created_at"]).execute();
  await s2.createIndex("comments_ip").on("comments").columns(["ip_hash", "created_at"]).execute();
  await d.addIdColumn(s2.createTable("moderation_log")).addColumn("comment_id", "integer", (c) => c.references("comments.id").onDelete("set null")).addColumn("actor_id", "integer", (c) => c.references("users.id").onDelete("set null")).addColumn("action", "text", (c) => c.notNull()).addColumn("reason", "text").addColumn("created_at", "text", (c) => c.notNull()).execute();
  await s2.createIndex("moderation_log_comment").on("moderation_log").column("comment_id").execute();
}

// src/db/migrations/0002-moderation.ts
var moderation_exports = {};
__export(moderation_exports, {
  up: () => up2
});
async function up2(db, d) {
  const s2 = db.schema;
  await s2.alterTable("comments").addColumn("body_hash", "text").execute();
  await s2.createIndex("comments_body_hash").on("comments").columns(["body_hash", "created_at"]).execute();
  await s2.createIndex("comments_email").on("comments").columns(["author_email", "created_at"]).execute();
  await s2.createIndex("comments_user").on("comments").columns(["user_id", "created_at"]).execute();
  await s2.alterTable("moderation_log").addColumn("previous_status", "text").execute();
  await s2.alterTable("moderation_log").addColumn("status", "text").execute();
  await s2.alterTable("moderation_log").addColumn("target", "text").execute();
  await s2.createIndex("moderation_log_created").on("moderation_log").column("created_at").execute();
  await d.addIdColumn(s2.createTable("moderation_bans")).addColumn("kind", "text", (c) => c.notNull()).addColumn("value", "text", (c) => c.notNull()).addColumn("label", "text", (c) => c.notNull()).addColumn("reason", "text").addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null")).addColumn("created_at", "text", (c) => c.notNull()).addColumn("expires_at", "text").addColumn("revoked_at", "text").execute();
  await s2.createIndex("moderation_bans_value").on("moderation_bans").columns(["kind", "value"]).execute();
  await d.addIdColumn(s2.createTable("comment_reports")).addColumn("comment_id", "integer", (c) => c.notNull().references("comments.id").onDelete("cascade")).addColumn("reporter", "text", (c) => c.notNull()).addColumn("reason", "text").addColumn("created_at", "text", (c) => c.notNull()).addColumn("resolved_at", "text").addUniqueConstraint("comment_reports_once", ["comment_id", "reporter"]).execute();
  await s2.createIndex("comment_reports_open").on("comment_reports").columns(["resolved_at", "comment_id"]).execute();
  await s2.createTable("moderation_models").addColumn("model", "text", (c) => c.primaryKey()).addColumn("version", "integer", (c) => c.notNull().defaultTo(0)).addColumn("decisions", "integer", (c) => c.notNull().defaultTo(0)).addColumn("updated_at", "text", (c) => c.notNull()).execute();
  await s2.createTable("moderation_weights").addColumn("model", "text", (c) => c.notNull()).addColumn("feature", "text", (c) => c.notNull()).addColumn("delta", "double precision", (c) => c.notNull()).addColumn("version", "integer", (c) => c.notNull()).addPrimaryKeyConstraint("moderation_weights_pk", ["model", "feature"]).execute();
  await s2.createIndex("moderation_weights_version").on("moderation_weights").columns(["model", "version"]).execute();
}

// src/db/migrations/0003-newsroom.ts
var newsroom_exports = {};
__export(newsroom_exports, {
  up: () => up3
});
async function up3(db, d) {
  const s2 = db.schema;
  await s2.alterTable("users").addColumn("disabled_at", "text").execute();
  await s2.alterTable("users").addColumn("locale", "text").execute();
  await d.addIdColumn(s2.createTable("password_tokens")).addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade")).addColumn("token_hash", "text", (c) => c.notNull().unique()).addColumn("purpose", "text", (c) => c.notNull()).addColumn("created_at", "text", (c) => c.notNull()).addColumn("expires_at", "text", (c) => c.notNull()).addColumn("used_at", "text").execute();
  await s2.createIndex("password_tokens_user").on("password_tokens").column("user_id").execute();
  await s2.createTable("article_autosaves").addColumn("article_id", "integer", (c) => c.notNull().references("articles.id").onDelete("cascade")).addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade")).addColumn("title", "text", (c) => c.notNull()).addColumn("summary", "text", (c) => c.notNull()).addColumn("body", "text", (c) => c.notNull()).addColumn("saved_at", "text", (c) => c.notNull()).addPrimaryKeyConstraint("article_autosaves_pk", ["article_id", "user_id"]).execute();
  await d.addIdColumn(s2.createTable("media")).addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("set null")).addColumn("original_name", "text", (c) => c.notNull()).addColumn("alt", "text", (c) => c.notNull().defaultTo("")).addColumn("type", "text", (c) => c.notNull()).addColumn("width", "integer", (c) => c.notNull()).addColumn("height", "integer", (c) => c.notNull()).addColumn("bytes", "integer", (c) => c.notNull()).addColumn("file", "text", (c) => c.notNull()).addColumn("renditions", "text", (c) => c.notNull().defaultTo("[]")).addColumn("created_at", "text", (c) => c.notNull()).execute();
  await s2.createIndex("media_created").on("media").column("created_at").execute();
}

// src/db/migrations/0004-search.ts
var search_exports = {};
__export(search_exports, {
  up: () => up4
});
import { sql as sql10 } from "kysely";
async function up4(db, d) {
  if (d.fullText === "fts5") {
    await sql10`create virtual table search_index using fts5(title, summary, body, extra, plain unindexed, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
    await sql10`create virtual table search_headline using fts5(title, summary, extra, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
    await sql10`create table search_meta (
      rank_key integer primary key,
      article_id integer not null unique,
      section_id integer
    )`.execute(db);
    return;
  }
  await sql10`select pg_advisory_xact_lock(hashtext('palabre:create-extension-unaccent'))`.execute(db);
  await sql10`create extension if not exists unaccent schema public`.execute(db);
  for (const [name, base, stem] of [
    ["palabre_fr", "french", "french_stem"],
    ["palabre_en", "english", "english_stem"]
  ]) {
    await sql10.raw(`create text search configuration ${name} (copy = pg_catalog.${base})`).execute(db);
    await sql10.raw(`alter text search configuration ${name} alter mapping for hword, hword_part, word, asciihword, asciiword, hword_asciipart with public.unaccent, ${stem}`).execute(db);
  }
  await sql10`create table search_index (
    article_id integer primary key references articles(id) on delete cascade,
    headline tsvector not null,
    document tsvector not null,
    plain text not null,
    publish_at text not null,
    section_id integer
  )`.execute(db);
  await sql10`create index search_index_headline on search_index using gin (headline)`.execute(db);
  await sql10`create index search_index_document on search_index using gin (document)`.execute(db);
  await sql10`create index search_index_recent on search_index (publish_at desc, article_id desc)`.execute(db);
}

// src/db/migrations/0005-importers.ts
var importers_exports = {};
__export(importers_exports, {
  up: () => up5
});
async function up5(db, _d) {
  const s2 = db.schema;
  await s2.createTable("import_map").addColumn("source", "text", (c) => c.notNull()).addColumn("kind", "text", (c) => c.notNull()).addColumn("external_id", "text", (c) => c.notNull()).addColumn("local_id", "integer").addColumn("data", "text").addColumn("created_at", "text", (c) => c.notNull()).addPrimaryKeyConstraint("import_map_pk", ["source", "kind", "external_id"]).execute();
  await s2.createTable("legacy_urls").addColumn("path", "text", (c) => c.primaryKey()).addColumn("article_id", "integer", (c) => c.notNull().references("articles.id").onDelete("cascade")).execute();
  await s2.createIndex("legacy_urls_article").on("legacy_urls").column("article_id").execute();
  await s2.createTable("imported_images").addColumn("article_id", "integer", (c) => c.primaryKey().references("articles.id").onDelete("cascade")).addColumn("url", "text", (c) => c.notNull()).addColumn("alt", "text", (c) => c.notNull().defaultTo("")).execute();
}

// src/db/migrations/0006-reply-notifications.ts
var reply_notifications_exports = {};
__export(reply_notifications_exports, {
  up: () => up6
});
async function up6(db, _d) {
  await db.schema.alterTable("comments").addColumn("notify_replies", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable("comments").addColumn("reply_notified_at", "text").execute();
}

// src/db/migrations/0007-likes-and-edits.ts
var likes_and_edits_exports = {};
__export(likes_and_edits_exports, {
  up: () => up7
});
async function up7(db, d) {
  const s2 = db.schema;
  await s2.createTable("comment_likes").addColumn("comment_id", "integer", (c) => c.notNull().references("comments.id").onDelete("cascade")).addColumn("liker", "text", (c) => c.notNull()).addColumn("created_at", "text", (c) => c.notNull()).addPrimaryKeyConstraint("comment_likes_pk", ["comment_id", "liker"]).execute();
  await s2.createIndex("comment_likes_liker").on("comment_likes").columns(["liker", "comment_id"]).execute();
  await d.addIdColumn(s2.createTable("comment_edits")).addColumn("comment_id", "integer", (c) => c.notNull().references("comments.id").onDelete("cascade")).addColumn("body", "text", (c) => c.notNull()).addColumn("status", "text", (c) => c.notNull()).addColumn("reasons", "text", (c) => c.notNull()).addColumn("edited_at", "text", (c) => c.notNull()).execute();
  await s2.createIndex("comment_edits_comment").on("comment_edits").columns(["comment_id", "id"]).execute();
  await s2.alterTable("comments").addColumn("edited_at", "text").execute();
}

// src/db/migrations/0008-tag-slugs.ts
var tag_slugs_exports = {};
__export(tag_slugs_exports, {
  up: () => up8
});
async function up8(db, _d) {
  await db.schema.createTable("tag_slugs").addColumn("slug", "text", (c) => c.primaryKey()).addColumn("tag_id", "integer", (c) => c.notNull().references("tags.id").onDelete("cascade")).execute();
  await db.schema.createIndex("tag_slugs_tag").on("tag_slugs").column("tag_id").execute();
}

// src/db/migrations/0011-comment-author-url.ts
var comment_author_url_exports = {};
__export(comment_author_url_exports, {
  up: () => up9
});
async function up9(db, _d) {
  await db.schema.alterTable("comments").addColumn("author_url", "text").execute();
}

// src/db/migrations/0012-auto-rules.ts
var auto_rules_exports = {};
__export(auto_rules_exports, {
  up: () => up10
});
async function up10(db, _d) {
  await db.schema.alterTable("articles").addColumn("slow_mode_minutes", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable("articles").addColumn("protect_mode", "text").execute();
  await db.schema.alterTable("articles").addColumn("protect_slow_minutes", "integer").execute();
  await db.schema.alterTable("articles").addColumn("protect_until", "text").execute();
  await db.schema.createTable("auto_rule_switches").addColumn("article_id", "integer", (c) => c.primaryKey().references("articles.id").onDelete("cascade")).addColumn("mode", "text", (c) => c.notNull()).addColumn("slow_minutes", "integer").addColumn("trigger", "text", (c) => c.notNull()).addColumn("figures", "text", (c) => c.notNull()).addColumn("started_at", "text", (c) => c.notNull()).addColumn("ends_at", "text", (c) => c.notNull()).addColumn("undone_at", "text").addColumn("undone_by", "integer", (c) => c.references("users.id").onDelete("set null")).execute();
  await db.schema.createTable("moderator_preferences").addColumn("user_id", "integer", (c) => c.primaryKey().references("users.id").onDelete("cascade")).addColumn("rule_alerts", "integer", (c) => c.notNull().defaultTo(0)).addColumn("digest", "integer", (c) => c.notNull().defaultTo(0)).addColumn("digest_sent_at", "text").execute();
  await db.schema.createTable("comment_picks").addColumn("comment_id", "integer", (c) => c.primaryKey().references("comments.id").onDelete("cascade")).addColumn("picked_by", "integer", (c) => c.references("users.id").onDelete("set null")).addColumn("picked_at", "text", (c) => c.notNull()).execute();
}

// src/db/migrations/0013-comment-idempotency.ts
var comment_idempotency_exports = {};
__export(comment_idempotency_exports, {
  up: () => up11
});
async function up11(db, _d) {
  await db.schema.createTable("comment_idempotency").addColumn("key_hash", "text", (c) => c.primaryKey()).addColumn("created_at", "text", (c) => c.notNull()).addColumn("comment_id", "integer", (c) => c.references("comments.id").onDelete("cascade")).addColumn("result", "text").execute();
  await db.schema.createIndex("comment_idempotency_created").on("comment_idempotency").column("created_at").execute();
}

// src/db/migrations/0014-search-plans.ts
var search_plans_exports = {};
__export(search_plans_exports, {
  up: () => up12
});
import { sql as sql11 } from "kysely";
async function up12(db, d) {
  if (d.fullText !== "tsvector") return;
  await sql11`alter table search_index rename to search_index_0004`.execute(db);
  await sql11`alter index search_index_pkey rename to search_index_0004_pkey`.execute(db);
  for (const index of ["search_index_headline", "search_index_document", "search_index_recent"]) {
    await sql11`drop index ${sql11.ref(index)}`.execute(db);
  }
  await sql11`create table search_index (
    article_id integer primary key references articles(id) on delete cascade,
    headline tsvector not null,
    document tsvector not null,
    plain text not null,
    publish_at text not null,
    section_id integer
  ) with (toast_tuple_target = 128, parallel_workers = 0)`.execute(db);
  await sql11`alter table search_index alter column headline set storage main,
    alter column headline set statistics 1000, alter column document set statistics 1000`.execute(db);
  await sql11`insert into search_index (article_id, headline, document, plain, publish_at, section_id)
    select article_id, headline, document, plain, publish_at, section_id from search_index_0004
    order by publish_at, article_id`.execute(db);
  await sql11`drop table search_index_0004`.execute(db);
  await sql11`create index search_index_headline on search_index using gin (headline) with (fastupdate = off)`.execute(db);
  await sql11`create index search_index_document on search_index using gin (document) with (fastupdate = off)`.execute(db);
  await sql11`create index search_index_recent on search_index (publish_at desc, article_id desc)`.execute(db);
  await sql11`create index search_index_section_recent on search_index (section_id, publish_at desc, article_id desc)`.execute(db);
  await sql11`analyze search_index`.execute(db);
}

// src/db/migrations/index.ts
var MIGRATIONS = {
  "0001-foundation": foundation_exports,
  "0002-moderation": moderation_exports,
  "0003-newsroom": newsroom_exports,
  "0004-search": search_exports,
  "0005-importers": importers_exports,
  "0006-reply-notifications": reply_notifications_exports,
  "0007-likes-and-edits": likes_and_edits_exports,
  "0008-tag-slugs": tag_slugs_exports,
  "0011-comment-author-url": comment_author_url_exports,
  "0012-auto-rules": auto_rules_exports,
  "0013-comment-idempotency": comment_idempotency_exports,
  "0014-search-plans": search_plans_exports
};

// src/db/migrate.ts
var StaticProvider = class {
  constructor(db) {
    this.db = db;
  }
  db;
  async getMigrations() {
    const out = {};
    for (const [name, m] of Object.entries(MIGRATIONS)) {
      out[name] = { up: (k) => m.up(k, this.db.dialect) };
    }
    return out;
  }
};
async function migrate(db) {
  const migrator = new Migrator({
    db: db.db,
    provider: new StaticProvider(db),
    // Migrations are append-only and independent; a branch may land a lower number later.
    allowUnorderedMigrations: true,
    ...db.schema ? { migrationTableSchema: db.schema } : {}
  });
  const { error, results: results2 } = await migrator.migrateToLatest();
  if (error) {
    const failed = results2?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results2 ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

// src/infra/hooks.ts
var Hooks = class {
  listeners = {};
  on(event, fn) {
    const list = this.listeners[event] ??= [];
    list.push(fn);
  }
  async emit(event, payload) {
    for (const fn of this.listeners[event] ?? []) await fn(payload);
  }
};

// src/infra/mailer.ts
import nodemailer from "nodemailer";
function createMailer(smtpUrl, from, log) {
  if (!smtpUrl) {
    return {
      async send(mail) {
        log.info({ mail: { to: mail.to, subject: mail.subject, text: mail.text } }, "email (no SMTP_URL set)");
      },
      close() {
      }
    };
  }
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({ from, ...mail });
    },
    close() {
      transport.close();
    }
  };
}

// src/modules/comments/comment.stream.ts
var HEARTBEAT_MS = 25e3;
function commentIdOf(message) {
  const { id, event } = JSON.parse(message);
  return event === void 0 ? id : void 0;
}
var CommentStreams = class {
  open = /* @__PURE__ */ new Set();
  perAddress = /* @__PURE__ */ new Map();
  /** Takes one stream slot for the address, or refuses (429) before anything is sent. */
  admit(deps, request) {
    const address = request.ip;
    const n = this.perAddress.get(address) ?? 0;
    if (n >= deps.config.streamsPerAddress) throw new TooManyStreamsError(request.locale ?? deps.config.locale, deps.config.streamsPerAddress);
    this.perAddress.set(address, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.perAddress.get(address) ?? 1) - 1;
      if (left <= 0) this.perAddress.delete(address);
      else this.perAddress.set(address, left);
    };
  }
  async stream(deps, request, res, articleId, afterId, release) {
    this.open.add(res);
    res.on("close", () => {
      this.open.delete(res);
      release();
    });
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
      "x-content-type-options": "nosniff"
    });
    const deliver = (message) => {
      const { id, event } = JSON.parse(message);
      if (event === void 0) res.write(`id: ${id}
event: comment
data: ${message}

`);
      else res.write(`event: ${event}
data: ${message}

`);
    };
    let held = afterId === null ? null : [];
    const unsubscribe = await deps.pubsub.subscribe(`article:${articleId}`, (message) => {
      if (held) held.push(message);
      else deliver(message);
    });
    res.write("retry: 3000\n: connected\n\n");
    if (afterId !== null) await this.replay(deps, articleId, afterId, deliver, held ?? []).finally(() => held = null);
    const heartbeat = setInterval(() => res.write(": ping\n\n"), HEARTBEAT_MS);
    heartbeat.unref();
    const close = () => {
      clearInterval(heartbeat);
      unsubscribe();
      release();
    };
    request.raw.on("close", close);
    res.on("error", close);
  }
  async replay(deps, articleId, afterId, deliver, held) {
    let last = afterId;
    try {
      for (const message of await missedComments(deps, articleId, afterId)) {
        deliver(message);
        last = commentIdOf(message) ?? last;
      }
    } catch (err) {
      deps.log.warn({ err, articleId }, "event stream replay failed");
    }
    for (const message of held) {
      const id = commentIdOf(message);
      if (id === void 0 || id > last) deliver(message);
    }
  }
  closeAll() {
    for (const res of this.open) {
      res.end();
      res.socket?.destroy();
    }
    this.open.clear();
  }
};

// src/modules/moderation/slow-mode.ts
import { Redis as Redis3 } from "ioredis";
var MemoryGate = class {
  constructor(clock) {
    this.clock = clock;
  }
  clock;
  until = /* @__PURE__ */ new Map();
  async claim(key, minutes) {
    const now = this.clock.now().getTime();
    const end = this.until.get(key);
    if (end !== void 0 && end > now) return Math.ceil((end - now) / 1e3);
    if (this.until.size > 1e4) {
      for (const [k, v] of this.until) if (v <= now) this.until.delete(k);
    }
    this.until.set(key, now + minutes * 6e4);
    return void 0;
  }
  async close() {
    this.until.clear();
  }
};
var CLAIM = `
local v = redis.call('GET', KEYS[1])
if v and tonumber(v) > tonumber(ARGV[1]) then return v end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return false`;
var RedisGate = class {
  constructor(url, prefix, clock) {
    this.prefix = prefix;
    this.clock = clock;
    this.redis = new Redis3(url, { connectTimeout: 500, maxRetriesPerRequest: 1 });
    this.redis.on("error", () => void 0);
  }
  prefix;
  clock;
  redis;
  async claim(key, minutes) {
    const now = this.clock.now().getTime();
    const ms = minutes * 6e4;
    const held = await this.redis.eval(CLAIM, 1, `${this.prefix}slow:${key}`, String(now), String(now + ms), String(ms));
    return held === null ? void 0 : Math.max(1, Math.ceil((Number(held) - now) / 1e3));
  }
  async close() {
    await this.redis.quit().catch(() => void 0);
  }
};
function createSlowModeGate(redisUrl, prefix, clock) {
  return redisUrl ? new RedisGate(redisUrl, prefix, clock) : new MemoryGate(clock);
}

// src/modules/notifications/notification.tasks.ts
var SHUTDOWN_WAIT_MS = 5e3;
var PendingTasks = class {
  tasks = /* @__PURE__ */ new Set();
  /** Runs a task in the background and keeps it until it ends (it must not reject). */
  track(task) {
    const kept = task.finally(() => this.tasks.delete(kept));
    this.tasks.add(kept);
  }
  /** Resolves once every task started so far (and any they started) has ended. */
  async settled() {
    while (this.tasks.size > 0) await Promise.all([...this.tasks]);
  }
  /** Waits for the tasks at most `ms`, so a hung SMTP server cannot hold shutdown. */
  async settledWithin(ms) {
    let timer;
    const timeout = new Promise((resolve4) => timer = setTimeout(resolve4, ms));
    await Promise.race([this.settled(), timeout]);
    clearTimeout(timer);
  }
};

// src/infra/page-cache.ts
import { createHash as createHash6 } from "node:crypto";
import { gzipSync } from "node:zlib";
var CHANNEL = "cache-invalidate";
var PageCache = class {
  constructor(pubsub, now, maxEntries = 5e3) {
    this.pubsub = pubsub;
    this.now = now;
    this.maxEntries = maxEntries;
  }
  pubsub;
  now;
  maxEntries;
  entries = /* @__PURE__ */ new Map();
  unsubscribe;
  watchers = /* @__PURE__ */ new Set();
  /** Renders in progress by key: concurrent misses of one page wait for one render (no stampede). */
  inflight = /* @__PURE__ */ new Map();
  /** Moves on every drop; a render begun at an older generation is sent but not kept. */
  generation = 0;
  /** Starts listening to invalidations from other instances. */
  async start() {
    this.unsubscribe = await this.pubsub.subscribe(CHANNEL, (msg) => this.dropLocal(JSON.parse(msg)));
  }
  stop() {
    this.unsubscribe?.();
  }
  /** Registers a watcher; returns the function that removes it. */
  watch(w) {
    this.watchers.add(w);
    return () => this.watchers.delete(w);
  }
  /**
   * Runs `work` once for concurrent callers of the same key: the first miss renders,
   * the others wait for its result instead of rendering the same page again.
   */
  async once(key, work) {
    const running = this.inflight.get(key);
    if (running) return running;
    const p = work().finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }
  get(key) {
    const e = this.entries.get(key);
    if (!e) return void 0;
    if (e.expiresAt <= this.now()) {
      this.entries.delete(key);
      return void 0;
    }
    return e;
  }
  /** Stores a page for ttlMs; the body is compressed once here, not per request. */
  set(key, page4, ttlMs, since = this.generation) {
    const body = Buffer.from(page4.body);
    const entry = {
      body,
      gzip: gzipSync(body, { level: 6 }),
      etag: `"${createHash6("sha1").update(body).digest("base64url")}"`,
      contentType: page4.contentType,
      status: page4.status ?? 200,
      tags: page4.tags,
      expiresAt: this.now() + ttlMs
    };
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== void 0) this.entries.delete(oldest);
    }
    if (ttlMs > 0 && since === this.generation) {
      this.entries.set(key, entry);
      for (const w of this.watchers) w.stored(key, entry.tags);
    }
    return entry;
  }
  /** Drops every page carrying one of the tags, here and on every other instance. */
  async invalidate(tags5) {
    this.dropLocal(tags5);
    await this.pubsub.publish(CHANNEL, JSON.stringify(tags5));
  }
  dropLocal(tags5) {
    const set = new Set(tags5);
    const all = set.has("*");
    for (const [k, e] of this.entries) if (all || e.tags.some((t2) => set.has(t2))) this.entries.delete(k);
    this.inflight.clear();
    this.generation++;
    for (const w of this.watchers) w.dropped(tags5);
  }
  get size() {
    return this.entries.size;
  }
};

// src/infra/cluster-pubsub.ts
import { EventEmitter as EventEmitter2 } from "node:events";
function isRelayMessage(m) {
  return typeof m === "object" && m !== null && m.palabre === "pubsub";
}
var ClusterPubSub = class {
  constructor(send2 = (m) => process.send?.(m)) {
    this.send = send2;
    process.on("message", this.onMessage);
  }
  send;
  local = new EventEmitter2().setMaxListeners(0);
  onMessage = (m) => {
    if (isRelayMessage(m)) this.local.emit(m.channel, m.message);
  };
  async publish(channel, message) {
    this.local.emit(channel, message);
    this.send({ palabre: "pubsub", channel, message });
  }
  async subscribe(channel, handler) {
    this.local.on(channel, handler);
    return () => this.local.off(channel, handler);
  }
  /** No Redis: the relay through the primary is part of this machine, not a dependency that can be down. */
  sharedBusUp() {
    return void 0;
  }
  async close() {
    process.off("message", this.onMessage);
    this.local.removeAllListeners();
  }
};

// src/cluster.ts
import cluster from "node:cluster";
function isClusterWorker() {
  return cluster.isWorker;
}

// src/deps.ts
var systemClock = { now: () => /* @__PURE__ */ new Date() };
async function createDeps(config, opts = {}) {
  const log = opts.log ?? pino({
    level: config.logLevel,
    redact: { paths: ["req.headers.authorization", "req.headers.cookie", "*.password", "*.body"], remove: true }
  });
  const database = await connect(config.databaseUrl, opts.schema ? { schema: opts.schema } : {});
  await migrate(database);
  const secret = config.secret ?? await loadOrCreateSecret(database);
  const clock = opts.clock ?? systemClock;
  const pubsub = opts.pubsub ?? (config.redisUrl ? new RedisPubSub(config.redisUrl, config.redisPrefix) : isClusterWorker() ? new ClusterPubSub() : new MemoryPubSub());
  const cache2 = new PageCache(pubsub, () => clock.now().getTime());
  await cache2.start();
  const host = new URL(config.baseUrl).hostname;
  const mailer = opts.mailer ?? createMailer(config.smtpUrl, `Palabre <no-reply@${host}>`, log);
  const deps = {
    config,
    db: database.db,
    dialect: database.dialect,
    database,
    clock,
    log,
    pubsub,
    mailer,
    cache: cache2,
    secret,
    hooks: new Hooks(),
    streams: new CommentStreams(),
    likes: new LikeAnnouncer(),
    replyMails: new PendingTasks(),
    learned: createLearnedCache(),
    calibration: createSiteCalibration(),
    slowMode: createSlowModeGate(config.redisUrl, config.redisPrefix, clock)
  };
  installModuleHooks(deps);
  return deps;
}
async function loadOrCreateSecret(database) {
  const existing = await findSetting(database.db, "secret");
  if (existing) return existing;
  const secret = randomBytes5(32).toString("base64url");
  await database.db.insertInto("settings").values({ key: "secret", value: JSON.stringify(secret) }).onConflict((oc) => oc.column("key").doNothing()).execute();
  return await findSetting(database.db, "secret") ?? secret;
}
async function closeDeps(deps) {
  deps.streams.closeAll();
  deps.likes.close();
  await deps.replyMails.settledWithin(SHUTDOWN_WAIT_MS);
  deps.learned.clear();
  resetSiteCalibration(deps.calibration);
  await deps.slowMode.close();
  deps.cache.stop();
  deps.mailer.close();
  await deps.pubsub.close();
  await deps.database.close();
}

// scripts/moderation/datasets.ts
import { createHash as createHash7 } from "node:crypto";
import { existsSync as existsSync3, readdirSync, readFileSync as readFileSync4 } from "node:fs";
import { join as join5 } from "node:path";
function datasetsDir(root2) {
  return process.env.DATASETS_DIR ?? join5(root2, "../shared/datasets");
}
function splitKey(text) {
  return foldText(text).replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}
function isHeldOut(text) {
  return createHash7("sha256").update(splitKey(text)).digest().readUInt32BE(0) % 100 < 30;
}
function loadDatasets(root2) {
  const read = (file) => readFileSync4(join5(datasetsDir(root2), file), "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
  return [
    { name: "youtube-spam", positive: "spam", file: "youtube-spam.jsonl" },
    { name: "toxifrench", positive: "toxic", file: "toxifrench.jsonl" }
  ].map((d) => {
    const all = read(d.file);
    return { name: d.name, positive: d.positive, train: all.filter((c) => !isHeldOut(c.text)), heldOut: all.filter((c) => isHeldOut(c.text)) };
  });
}
function loadCorpus(root2) {
  const dir = join5(root2, "scripts/moderation/corpus");
  if (!existsSync3(dir)) return { train: [], check: [] };
  const all = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith(".jsonl")).sort()) {
    for (const line of readFileSync4(join5(dir, f), "utf8").split("\n")) {
      if (!line.trim()) continue;
      try {
        all.push(JSON.parse(line));
      } catch {
      }
    }
  }
  return { train: all.filter((c) => !isHeldOut(c.text)), check: all.filter((c) => isHeldOut(c.text)) };
}

// scripts/eval-moderation.ts
var root = process.cwd();
var quick = process.argv.includes("--quick");
var only = process.argv.find((a) => a.startsWith("--only="))?.slice(7).split(",");
var DECISIONS = [100, 300, 1e3];
var MIN_REST = 100;
var WRITES_PER_EDITOR = 250;
async function site(budget) {
  const config = loadConfig({ DATABASE_URL: "sqlite::memory:", PALABRE_DEMO: "0", LOG_LEVEL: "silent", PALABRE_BASE_URL: "http://localhost:3000" });
  const deps = await createDeps(config);
  const current = await getDiscussionSettings(deps);
  await saveDiscussionSettings(deps, { ...current, falseHoldBudget: budget, autoRules: { ...current.autoRules, enabled: false } });
  const app = await buildApp(deps);
  await app.ready();
  let editors = 0;
  let used = WRITES_PER_EDITOR;
  let headers = {};
  const auth = async () => {
    if (used++ >= WRITES_PER_EDITOR) {
      const email = `moderation${++editors}@example.test`;
      await addUser(deps, { email, name: `Mod\xE9ration ${editors}`, role: "editor", password: "correct horse battery staple" });
      headers = { authorization: `Bearer ${await createApiToken(deps, email)}` };
      used = 1;
    }
    return headers;
  };
  const article = await app.inject({ method: "POST", url: "/api/v1/articles", headers: await auth(), payload: { title: "\xC9valuation", body: "Texte.", status: "published" } });
  const close = async () => {
    await app.close();
    await closeDeps(deps);
  };
  return { app, auth, articleId: article.json().id, close };
}
async function evaluate2(s2, text) {
  const res = await s2.app.inject({ method: "POST", url: "/api/v1/moderation/evaluate", headers: await s2.auth(), payload: { body: text, articleId: s2.articleId } });
  if (res.statusCode !== 200) return { status: `error`, review: false, risk: 0, reasons: [] };
  const r = res.json();
  const review2 = r.status === "published" && r.reasons.some((x) => x.code === "review");
  return { status: r.status, review: review2, risk: r.scores.reviewRisk ?? 0, reasons: r.reasons.map((x) => x.code) };
}
var pct = (n, d) => d ? `${(100 * n / d).toFixed(1)}%` : "n/a";
function rates(set, rows, out) {
  const pairs = rows.map((r, i) => [r, out[i]]);
  const pos = pairs.filter(([r]) => set.bad(r.label));
  const neg = pairs.filter(([r]) => !set.bad(r.label));
  const held = (o) => o.status !== "published";
  const list = pairs.filter(([, o]) => o.review).sort((a, b) => b[1].risk - a[1].risk);
  const tenth = list.slice(0, Math.max(1, Math.ceil(list.length / 10)));
  const heldReasons = /* @__PURE__ */ new Map();
  for (const [, o] of neg.filter(([, o2]) => held(o2))) for (const c of o.reasons) heldReasons.set(c, (heldReasons.get(c) ?? 0) + 1);
  return {
    n: rows.length,
    bad: pos.length,
    caughtHeld: pct(pos.filter(([, o]) => held(o)).length, pos.length),
    caughtHeldOrReview: pct(pos.filter(([, o]) => held(o) || o.review).length, pos.length),
    legitimateHeld: pct(neg.filter(([, o]) => held(o)).length, neg.length),
    legitimateListed: pct(neg.filter(([, o]) => o.review).length, neg.length),
    reviewList: { size: list.length, badShare: pct(list.filter(([r]) => set.bad(r.label)).length, list.length), riskiestTenthBadShare: list.length ? pct(tenth.filter(([r]) => set.bad(r.label)).length, tenth.length) : "n/a" },
    whyLegitimateHeld: Object.fromEntries(heldReasons)
  };
}
async function cold(set, budget) {
  const s2 = await site(budget);
  const out = [];
  for (const c of set.rows) out.push(await evaluate2(s2, c.text));
  await s2.close();
  return out;
}
async function afterDecisions(set, n, budget) {
  const s2 = await site(budget);
  let legit = 0;
  let legitHeld = 0;
  const why2 = /* @__PURE__ */ new Map();
  for (const [i, c] of set.rows.slice(0, n).entries()) {
    const res = await s2.app.inject({
      method: "POST",
      url: `/api/v1/articles/${s2.articleId}/comments`,
      remoteAddress: `10.${Math.floor(i / 250) % 250}.${i % 250}.1`,
      payload: { body: c.text.slice(0, 5e3), name: `Lecteur ${i}`, email: `lecteur${i}@example.test` }
    });
    if (res.statusCode !== 201) continue;
    const posted = res.json();
    const action = !set.bad(c.label) ? "approve" : c.label === "spam" ? "spam" : "reject";
    if (action === "approve") {
      legit++;
      if (posted.status !== "published") {
        legitHeld++;
        for (const x of posted.reasons) why2.set(x.code, (why2.get(x.code) ?? 0) + 1);
      }
    }
    await s2.app.inject({ method: "POST", url: `/api/v1/comments/${posted.id}/moderation`, headers: await s2.auth(), payload: { action } });
  }
  const out = [];
  for (const c of set.rows.slice(n)) out.push(await evaluate2(s2, c.text));
  await s2.close();
  return { out, falseHoldRateWhileDeciding: `${pct(legitHeld, legit)} (${[...why2].map(([c, k]) => `${c} ${k}`).join(", ")})` };
}
var [youtube, toxi] = loadDatasets(root);
if (!youtube || !toxi) throw new Error("datasets missing");
var isBad = (l) => l === "spam" || l === "toxic";
var corpusCheck = loadCorpus(root).check;
var sets = [
  { name: "youtube-spam", rows: youtube.heldOut, bad: isBad },
  { name: "toxifrench", rows: toxi.heldOut, bad: isBad },
  ...["fr", "en"].map((lang) => ({ name: `corpus-check-${lang}`, rows: corpusCheck.filter((c) => c.lang === lang), bad: isBad })).filter((s2) => s2.rows.length > 0)
];
var streams = sets.map((s2) => s2.rows);
var mixed = [];
for (let i = 0; streams.some((r) => i < r.length); i++) for (const r of streams) if (i < r.length) mixed.push(r[i]);
sets.push({ name: "mixed (all held-out streams interleaved)", rows: mixed, bad: isBad });
var results = {};
for (const set of sets.filter((x) => !only || only.some((o) => x.name.startsWith(o)))) {
  const coldDefault = await cold(set, DEFAULT_FALSE_HOLD_BUDGET);
  const entry = {
    [`cold, budget ${DEFAULT_FALSE_HOLD_BUDGET}`]: rates(set, set.rows, coldDefault),
    "cold, budget 0.1": rates(set, set.rows, await cold(set, 0.1))
  };
  if (!quick) {
    for (const n of DECISIONS) {
      if (set.rows.length - n < MIN_REST) {
        entry[`after ${n} decisions`] = `n/a: ${set.rows.length} comments, fewer than ${n} + ${MIN_REST}`;
        continue;
      }
      const rest = set.rows.slice(n);
      const after = await afterDecisions(set, n, DEFAULT_FALSE_HOLD_BUDGET);
      entry[`after ${n} decisions`] = { budget: DEFAULT_FALSE_HOLD_BUDGET, falseHoldRateWhileDeciding: after.falseHoldRateWhileDeciding, evaluatedOnTheRest: rates(set, rest, after.out), restCold: rates(set, rest, coldDefault.slice(n)) };
    }
  }
  results[set.name] = entry;
  console.error(JSON.stringify({ [set.name]: entry }));
}
var s = await site(DEFAULT_FALSE_HOLD_BUDGET);
var seed = readFileSync5(join6(root, "../shared/seeds/000_70dd4064b709cd77.txt"), "utf8").split("\n").map((l) => l.trim()).filter(Boolean).slice(6, 11);
results.seed = [];
for (const [i, body] of seed.entries()) {
  const res = await s.app.inject({ method: "POST", url: `/api/v1/articles/${s.articleId}/comments`, remoteAddress: `203.0.113.${10 + i}`, payload: { body, name: `Lecteur ${i + 1}`, email: `l${i}@example.test` } });
  const r = res.json();
  results.seed.push({ comment: i + 1, text: body.slice(0, 50), status: r.status, reasons: r.reasons.map((x) => x.detail ? `${x.code} (${x.detail})` : x.code) });
}
var news = readFileSync5(join6(root, "scripts/moderation/news-comments.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l)).filter((c) => c.source.endsWith("-check"));
var newsOut = [];
for (const c of news) newsOut.push(await evaluate2(s, c.text));
results.newsCheck = { comments: news.length, published: newsOut.filter((o) => o.status === "published").length, listedForReview: newsOut.filter((o) => o.review).length };
var en15 = JSON.parse(readFileSync5(join6(root, "test/fixtures/moderation-en.json"), "utf8"));
var enToxic = [];
for (const t2 of en15.toxic) enToxic.push(await evaluate2(s, t2));
var enOk = [];
for (const t2 of en15.ok) enOk.push(await evaluate2(s, t2));
results.englishFixture = { toxicHeld: `${enToxic.filter((o) => o.status !== "published").length}/${en15.toxic.length}`, toxicHeldOrReview: `${enToxic.filter((o) => o.status !== "published" || o.review).length}/${en15.toxic.length}`, okHeld: `${enOk.filter((o) => o.status !== "published").length}/${en15.ok.length}` };
await s.close();
console.log(JSON.stringify(results, null, 2));
