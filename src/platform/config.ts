// Configuration comes from the environment and is validated once, at boot.
// Development gets safe defaults; production fails fast, naming the variable at fault.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { OpeningHoursError, parseOpeningHours, type OpeningHours } from './opening-hours.ts';

export interface Helpline {
  name: string;
  contact: string;
  detail?: string;
}

/** How people reach the service itself (not crisis help): shown in the footer and on error pages. */
export interface ServiceContact {
  phone?: string;
  email?: string;
  /** When someone answers, e.g. "Monday to Friday, 9am to 5pm". */
  hours?: string;
}

export interface Config {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  dataDir: string;
  /** `sqlite:<file>` for the embedded database, or a `postgres://` URL. */
  databaseUrl: string;
  secret: string;
  secretIsGenerated: boolean;
  smtpUrl: string | undefined;
  redisUrl: string | undefined;
  serviceName: string;
  /** Public origin used in links sent by email, e.g. https://withme.example.nhs.uk */
  publicUrl: string;
  mailFrom: string;
  helplines: Helpline[];
  contact: ServiceContact;
  demoPassword: string | undefined;
  dutyContactEmail: string | undefined;
  /** WITHME_DUTY_CONTACT_MOBILE: texted (through GOV.UK Notify) when an alert nobody took escalates. */
  dutyContactMobile: string | undefined;
  /** A duty alert nobody has taken escalates after this many minutes of opening time. */
  dutyEscalateMinutes: number;
  /** When the service is open (WITHME_OPENING_HOURS, in WITHME_TIME_ZONE). */
  openingHours: OpeningHours;
  /**
   * WITHME_NOTICE_BATCH_MINUTES (default 5): a person who chose to hear at once still gets one
   * message for the updates that come within this many minutes of the first.
   */
  noticeBatchMinutes: number;
  /** Read templates from disk on every render (WITHME_RELOAD_TEMPLATES=true), for editing them. */
  reloadTemplates: boolean;
  /** Addresses of the proxies in front of withme whose X-Forwarded-For to believe. */
  trustProxy: string | false;
  /** The bearer token `/metrics` asks for; without it there is no `/metrics`. */
  metricsToken: string | undefined;
  /** Staff single sign-on through the organisation's identity provider (WITHME_OIDC_*), when set. */
  oidc: OidcConfig | undefined;
  /** NHS login for people (WITHME_NHS_LOGIN_*), when set. */
  nhsLogin: NhsLoginConfig | undefined;
  /**
   * WITHME_REQUIRE_STAFF_MFA: a practitioner, lead or duty account signed in with a password reads
   * nothing until it has shown a second factor (a passkey or an authenticator app). Default true
   * in production, false otherwise.
   */
  requireStaffMfa: boolean;
  /** GOV.UK Notify, when NOTIFY_API_KEY is set: a channel beside SMTP for email, texts and letters. */
  notify: NotifyConfig | undefined;
  /** What the service pays group members for their involvement time, and how. */
  involvement: InvolvementPayment;
}

export interface NotifyConfig {
  apiKey: string;
  /** NOTIFY_BASE_URL: Notify's API (default https://api.notifications.service.gov.uk); tests point it at a fake. */
  baseUrl: string | undefined;
  /** Template ids; each template is `((subject))` and `((body))` so withme decides every word. */
  templates: { email: string | undefined; sms: string | undefined; letter: string | undefined };
  /**
   * NOTIFY_CALLBACK_TOKEN: the bearer token given to Notify with the delivery-status callback
   * URL (`/api/v1/notify/delivery-status`). Unset, the outbox job asks Notify about each message instead.
   */
  callbackToken: string | undefined;
}

/** Involvement payment: rates in integer pence, the way it is paid, and where benefits advice is. */
export interface InvolvementPayment {
  /** Per hour, for up to four hours (never more than the half-day rate). */
  hourPence: number;
  /** Up to four hours. */
  halfDayPence: number;
  /** More than four hours. */
  dayPence: number;
  method: 'payroll' | 'voucher';
  /** Shown to members beside what they are owed: payment can affect benefits. */
  benefitsAdviceUrl: string;
}

export interface OidcConfig {
  /** The issuer; its discovery document is at `${issuer}/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export interface NhsLoginConfig {
  issuer: string;
  clientId: string;
  /** The PEM of the RSA private key (from WITHME_NHS_LOGIN_PRIVATE_KEY_FILE) that signs the client assertion, RS512. */
  privateKeyPem: string;
  /** The `vtr` to ask for (WITHME_NHS_LOGIN_VTR), e.g. `["P9.Cp.Cd","P9.Cp.Ck","P9.Cm"]`; none asks for NHS login's default. */
  vectorsOfTrust: string | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const DEFAULT_HELPLINES: Helpline[] = [
  { name: 'Samaritans', contact: '116 123', detail: 'free, day or night' },
  { name: 'NHS 111', contact: '111', detail: 'for urgent mental health help, choose the mental health option' },
  { name: 'Shout', contact: 'text SHOUT to 85258', detail: 'free, 24/7 text support' },
  { name: 'Switchboard LGBT+', contact: '0800 0119 100', detail: '10am to 10pm, every day' },
];

/**
 * WITHME_HELPLINES: helplines separated by `;`, each `name|contact|detail`
 * (detail optional), e.g. `Samaritans|116 123|free, day or night`.
 */
function parseHelplines(raw: string): Helpline[] {
  const lines = raw.split(';').map((s) => s.trim()).filter(Boolean);
  return lines.map((line) => {
    const [name, contact, detail] = line.split('|').map((s) => s.trim());
    if (!name || !contact) {
      throw new ConfigError(`WITHME_HELPLINES: each helpline needs "name|contact", got "${line}"`);
    }
    return detail ? { name, contact, detail } : { name, contact };
  });
}

// Outside production the demo has contact details of its own (a number and an address reserved
// for examples), so the footer and the error pages show what a real service would.
const DEMO_CONTACT: ServiceContact = { phone: '0113 496 0000', email: 'contact@example.org', hours: 'Monday to Friday, 9am to 5pm' };

/** WITHME_CONTACT_PHONE, WITHME_CONTACT_EMAIL, WITHME_CONTACT_HOURS. */
function serviceContact(env: NodeJS.ProcessEnv, production: boolean): ServiceContact {
  const given = { phone: env.WITHME_CONTACT_PHONE?.trim(), email: env.WITHME_CONTACT_EMAIL?.trim(), hours: env.WITHME_CONTACT_HOURS?.trim() };
  if (given.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(given.email)) throw new ConfigError(`WITHME_CONTACT_EMAIL must be an email address, got "${given.email}"`);
  if (given.phone && !/^\+?[\d ()-]{3,20}$/.test(given.phone)) throw new ConfigError(`WITHME_CONTACT_PHONE must be a phone number, like 0113 496 0000, got "${given.phone}"`);
  const contact: ServiceContact = {};
  if (given.phone) contact.phone = given.phone;
  if (given.email) contact.email = given.email;
  if (given.hours) contact.hours = given.hours;
  if (!contact.phone && !contact.email && !production) return DEMO_CONTACT;
  return contact;
}

/** WITHME_METRICS_TOKEN: at least 24 characters when set (it guards what the service is doing). */
function parseMetricsToken(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (raw.length < 24) throw new ConfigError('WITHME_METRICS_TOKEN must be at least 24 random characters');
  return raw;
}

/** WITHME_DUTY_ESCALATE_MINUTES: a whole number of minutes from 1 to 1440; default 15. */
function parseMinutes(raw: string | undefined, name = 'WITHME_DUTY_ESCALATE_MINUTES', fallback = 15, least = 1): number {
  if (raw === undefined || raw === '') return fallback;
  const minutes = Number(raw);
  if (!Number.isInteger(minutes) || minutes < least || minutes > 1440) {
    throw new ConfigError(`${name} must be a whole number of minutes from ${least} to 1440, got "${raw}"`);
  }
  return minutes;
}

/** WITHME_OPENING_HOURS (default Mon-Fri 09:00-17:00) in WITHME_TIME_ZONE (default Europe/London). */
function parseHours(raw: string | undefined, timeZone: string | undefined): OpeningHours {
  try {
    return parseOpeningHours(raw || 'Mon-Fri 09:00-17:00', timeZone || 'Europe/London');
  } catch (error) {
    if (error instanceof OpeningHoursError) throw new ConfigError(`WITHME_OPENING_HOURS or WITHME_TIME_ZONE: ${error.message}`);
    throw error;
  }
}

/** A sum of money in pounds (`20`, `20.5`, `20.50`) as integer pence, read without floating point. */
function parsePounds(name: string, raw: string | undefined, fallbackPence: number): number {
  if (raw === undefined || raw.trim() === '') return fallbackPence;
  const m = /^(\d{1,5})(?:\.(\d{1,2}))?$/.exec(raw.trim());
  if (!m) throw new ConfigError(`${name} must be an amount in pounds, like 25 or 12.50, got "${raw}"`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/**
 * WITHME_INVOLVEMENT_RATE_HOUR, _HALF_DAY, _DAY (pounds; defaults £25, £75 and £150),
 * WITHME_INVOLVEMENT_PAYMENT (payroll | voucher; default payroll) and WITHME_BENEFITS_ADVICE_URL.
 */
function parseInvolvement(env: NodeJS.ProcessEnv): InvolvementPayment {
  const hourPence = parsePounds('WITHME_INVOLVEMENT_RATE_HOUR', env.WITHME_INVOLVEMENT_RATE_HOUR, 2500);
  const halfDayPence = parsePounds('WITHME_INVOLVEMENT_RATE_HALF_DAY', env.WITHME_INVOLVEMENT_RATE_HALF_DAY, 7500);
  const dayPence = parsePounds('WITHME_INVOLVEMENT_RATE_DAY', env.WITHME_INVOLVEMENT_RATE_DAY, 15000);
  if (halfDayPence > dayPence) throw new ConfigError('WITHME_INVOLVEMENT_RATE_HALF_DAY must not be more than WITHME_INVOLVEMENT_RATE_DAY');
  const method = env.WITHME_INVOLVEMENT_PAYMENT?.trim() || 'payroll';
  if (method !== 'payroll' && method !== 'voucher') throw new ConfigError(`WITHME_INVOLVEMENT_PAYMENT must be payroll or voucher, got "${method}"`);
  const benefitsAdviceUrl = env.WITHME_BENEFITS_ADVICE_URL?.trim() || 'https://www.citizensadvice.org.uk/benefits/';
  if (!/^https:\/\/[^\s/]+\.[^\s]+$/.test(benefitsAdviceUrl)) throw new ConfigError(`WITHME_BENEFITS_ADVICE_URL must be an https:// address, got "${benefitsAdviceUrl}"`);
  return { hourPence, halfDayPence, dayPence, method, benefitsAdviceUrl };
}

function issuerUrl(name: string, raw: string, production: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be the issuer's address, like https://login.example.org`);
  }
  if (url.protocol !== 'https:' && (production || url.protocol !== 'http:')) {
    throw new ConfigError(`${name} must start with https://`);
  }
  return raw.replace(/\/$/, '');
}

/** Every variable of a group or none: a half-configured sign-on stops withme, naming what is missing. */
function allOrNone(env: NodeJS.ProcessEnv, names: readonly string[]): boolean {
  const missing = names.filter((name) => !env[name]);
  if (missing.length === names.length) return false;
  if (missing.length) throw new ConfigError(`${missing.join(' and ')} must be set with ${names.filter((n) => !missing.includes(n)).join(' and ')}`);
  return true;
}

/** WITHME_OIDC_ISSUER, _CLIENT_ID and _CLIENT_SECRET, all three or none. */
function parseOidc(env: NodeJS.ProcessEnv, production: boolean): OidcConfig | undefined {
  if (!allOrNone(env, ['WITHME_OIDC_ISSUER', 'WITHME_OIDC_CLIENT_ID', 'WITHME_OIDC_CLIENT_SECRET'])) return undefined;
  return { issuer: issuerUrl('WITHME_OIDC_ISSUER', env.WITHME_OIDC_ISSUER!, production), clientId: env.WITHME_OIDC_CLIENT_ID!, clientSecret: env.WITHME_OIDC_CLIENT_SECRET! };
}

/** WITHME_NHS_LOGIN_ISSUER, _CLIENT_ID and _PRIVATE_KEY_FILE (a PEM RSA key), all three or none; WITHME_NHS_LOGIN_VTR optional. */
function parseNhsLogin(env: NodeJS.ProcessEnv, production: boolean): NhsLoginConfig | undefined {
  if (!allOrNone(env, ['WITHME_NHS_LOGIN_ISSUER', 'WITHME_NHS_LOGIN_CLIENT_ID', 'WITHME_NHS_LOGIN_PRIVATE_KEY_FILE'])) return undefined;
  let privateKeyPem: string;
  try {
    privateKeyPem = fs.readFileSync(env.WITHME_NHS_LOGIN_PRIVATE_KEY_FILE!, 'utf8');
  } catch {
    throw new ConfigError('WITHME_NHS_LOGIN_PRIVATE_KEY_FILE cannot be read');
  }
  if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(privateKeyPem)) throw new ConfigError('WITHME_NHS_LOGIN_PRIVATE_KEY_FILE must hold a PEM RSA private key');
  const vtr = env.WITHME_NHS_LOGIN_VTR || undefined;
  if (vtr !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(vtr);
    } catch {
      parsed = undefined;
    }
    if (!Array.isArray(parsed) || !parsed.length || !parsed.every((v) => typeof v === 'string' && /^P[059](\.[A-Z][a-z])*$/.test(v))) {
      throw new ConfigError('WITHME_NHS_LOGIN_VTR must be a JSON list of vectors of trust, like ["P9.Cp.Cd","P9.Cp.Ck","P9.Cm"]');
    }
  }
  return { issuer: issuerUrl('WITHME_NHS_LOGIN_ISSUER', env.WITHME_NHS_LOGIN_ISSUER!, production), clientId: env.WITHME_NHS_LOGIN_CLIENT_ID!, privateKeyPem, vectorsOfTrust: vtr };
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 3000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, got "${raw}"`);
  }
  return port;
}

/**
 * TRUST_PROXY: the addresses of the load balancers or proxies in front of withme
 * (`10.0.0.0/8,127.0.0.1`), whose X-Forwarded-For gives the client's address. Unset: trust
 * none, so nobody can dodge a rate limit by sending their own X-Forwarded-For.
 */
function parseTrustProxy(raw: string | undefined): string | false {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (/^[0-9a-fA-F.:/]+(,\s*[0-9a-fA-F.:/]+)*$/.test(raw)) return raw;
  throw new ConfigError('TRUST_PROXY must be a list of proxy addresses, like 10.0.0.0/8,127.0.0.1');
}

function parseBoolean(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

/** NOTIFY_API_KEY and the NOTIFY_TEMPLATE_* ids; a key with no template id is a mistake. */
function parseNotify(env: NodeJS.ProcessEnv): NotifyConfig | undefined {
  const apiKey = env.NOTIFY_API_KEY?.trim();
  const templates = { email: env.NOTIFY_TEMPLATE_EMAIL?.trim() || undefined, sms: env.NOTIFY_TEMPLATE_SMS?.trim() || undefined, letter: env.NOTIFY_TEMPLATE_LETTER?.trim() || undefined };
  const callbackToken = env.NOTIFY_CALLBACK_TOKEN?.trim() || undefined;
  if (!apiKey) {
    if (templates.email || templates.sms || templates.letter) throw new ConfigError('NOTIFY_TEMPLATE_* is set but NOTIFY_API_KEY is missing');
    if (callbackToken) throw new ConfigError('NOTIFY_CALLBACK_TOKEN is set but NOTIFY_API_KEY is missing');
    return undefined;
  }
  // A Notify key is `name-<service id uuid>-<secret uuid>`: the client needs both uuids.
  if (!/[0-9a-f-]{36}-[0-9a-f-]{36}$/i.test(apiKey)) throw new ConfigError('NOTIFY_API_KEY must be the whole key GOV.UK Notify gave (it ends in two ids)');
  if (!templates.email && !templates.sms && !templates.letter) throw new ConfigError('NOTIFY_API_KEY is set: set NOTIFY_TEMPLATE_EMAIL, NOTIFY_TEMPLATE_SMS or NOTIFY_TEMPLATE_LETTER too');
  const baseUrl = env.NOTIFY_BASE_URL?.trim() || undefined;
  if (baseUrl && !/^https?:\/\//.test(baseUrl)) throw new ConfigError('NOTIFY_BASE_URL must start with https://');
  // Notify asks for at least 10 characters; anyone who guesses it can report a message undelivered.
  if (callbackToken && callbackToken.length < 32) throw new ConfigError('NOTIFY_CALLBACK_TOKEN must be at least 32 characters (openssl rand -hex 32 makes one)');
  return { apiKey, baseUrl, templates, callbackToken };
}

/** WITHME_DUTY_CONTACT_MOBILE: a phone number Notify can text, like 07700 900 123 or +447700900123. */
function parseMobile(raw: string | undefined): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  if (!/^\+?[\d ()-]{10,20}$/.test(value)) throw new ConfigError(`WITHME_DUTY_CONTACT_MOBILE must be a mobile number, like 07700 900 123, got "${value}"`);
  return value;
}

function weakSecret(secret: string): boolean {
  return secret.length < 32 || new Set(secret).size < 10;
}

/**
 * Outside production without WITHME_SECRET: a random secret kept in the data folder, so sessions
 * and the keyed hashes of previous names still match after a restart.
 */
function developmentSecret(dataDir: string): string {
  const file = path.join(dataDir, '.secret');
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch {
    // not made yet
  }
  const secret = randomBytes(32).toString('base64url');
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  } catch {
    // Another process made it first (read theirs), or the folder is read-only (use ours).
    try {
      const theirs = fs.readFileSync(file, 'utf8').trim();
      if (theirs.length >= 32) return theirs;
    } catch {
      // keep ours for this run
    }
  }
  return secret;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const production = nodeEnv === 'production';

  const dataDir = path.resolve(env.WITHME_DATA_DIR || './data');
  const databaseUrl = env.DATABASE_URL || `sqlite:${path.join(dataDir, 'withme.sqlite')}`;
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// (or sqlite: for a file path)');
  }

  let secret = env.WITHME_SECRET ?? '';
  let secretIsGenerated = false;
  if (production) {
    if (!secret) throw new ConfigError('WITHME_SECRET is missing: set a random value of at least 32 characters');
    if (weakSecret(secret)) throw new ConfigError('WITHME_SECRET is too weak: use a random value of at least 32 characters');
  } else if (!secret || weakSecret(secret)) {
    secret = developmentSecret(dataDir);
    secretIsGenerated = true;
  }

  const smtpUrl = env.SMTP_URL || undefined;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) {
    throw new ConfigError('SMTP_URL must start with smtp:// or smtps://');
  }
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) {
    throw new ConfigError('REDIS_URL must start with redis:// or rediss://');
  }

  const port = parsePort(env.PORT);
  const host = env.HOST || '127.0.0.1';
  const publicUrl = (env.WITHME_PUBLIC_URL || `http://${host}:${port}`).replace(/\/$/, '');
  if (production && !env.WITHME_PUBLIC_URL) {
    throw new ConfigError('WITHME_PUBLIC_URL is missing: set the address people use to reach the service');
  }

  return {
    env: nodeEnv,
    port,
    host,
    dataDir,
    databaseUrl,
    secret,
    secretIsGenerated,
    smtpUrl,
    redisUrl,
    serviceName: env.WITHME_SERVICE_NAME || 'withme demo gender service',
    publicUrl,
    mailFrom: env.WITHME_MAIL_FROM || 'withme <no-reply@withme.invalid>',
    helplines: env.WITHME_HELPLINES ? parseHelplines(env.WITHME_HELPLINES) : DEFAULT_HELPLINES,
    contact: serviceContact(env, production),
    demoPassword: env.WITHME_DEMO_PASSWORD || undefined,
    dutyContactEmail: env.WITHME_DUTY_CONTACT_EMAIL || undefined,
    dutyContactMobile: parseMobile(env.WITHME_DUTY_CONTACT_MOBILE),
    dutyEscalateMinutes: parseMinutes(env.WITHME_DUTY_ESCALATE_MINUTES),
    openingHours: parseHours(env.WITHME_OPENING_HOURS, env.WITHME_TIME_ZONE),
    noticeBatchMinutes: parseMinutes(env.WITHME_NOTICE_BATCH_MINUTES, 'WITHME_NOTICE_BATCH_MINUTES', 5, 0),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    metricsToken: parseMetricsToken(env.WITHME_METRICS_TOKEN),
    involvement: parseInvolvement(env),
    reloadTemplates: env.WITHME_RELOAD_TEMPLATES === 'true' && !production,
    requireStaffMfa: parseBoolean('WITHME_REQUIRE_STAFF_MFA', env.WITHME_REQUIRE_STAFF_MFA, production),
    notify: parseNotify(env),
    oidc: parseOidc(env, production),
    nhsLogin: parseNhsLogin(env, production),
  };
}

/** A configuration for tests: in-memory SQLite unless a database URL is given. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ NODE_ENV: 'test', WITHME_SECRET: 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz' }),
    databaseUrl: 'sqlite::memory:',
    ...overrides,
  };
}
