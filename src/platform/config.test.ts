import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

const STRONG = 'k3J9x!pQ2vL8mN4rT6wY0zA5bC7dE1fG';

test('development starts with safe defaults', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'withme-config-'));
  const config = loadConfig({ WITHME_DATA_DIR: dataDir });
  assert.equal(config.port, 3000);
  assert.equal(config.host, '127.0.0.1');
  assert.equal(config.databaseUrl, `sqlite:${path.join(dataDir, 'withme.sqlite')}`);
  assert.equal(config.secretIsGenerated, true);
  // The generated secret is kept, so hashes of previous names still match after a restart.
  assert.equal(loadConfig({ WITHME_DATA_DIR: dataDir }).secret, config.secret);
  assert.equal(fs.statSync(path.join(dataDir, '.secret')).mode & 0o777, 0o600);
  fs.rmSync(dataDir, { recursive: true, force: true });
  assert.ok(config.helplines.length > 0);
});

test('production refuses a missing or weak secret, naming the variable', () => {
  assert.throws(() => loadConfig({ NODE_ENV: 'production', WITHME_PUBLIC_URL: 'https://x.example' }), (error: unknown) => error instanceof ConfigError && /WITHME_SECRET is missing/.test(error.message));
  assert.throws(() => loadConfig({ NODE_ENV: 'production', WITHME_SECRET: 'short', WITHME_PUBLIC_URL: 'https://x.example' }), /WITHME_SECRET is too weak/);
  assert.throws(() => loadConfig({ NODE_ENV: 'production', WITHME_SECRET: 'a'.repeat(40), WITHME_PUBLIC_URL: 'https://x.example' }), /WITHME_SECRET is too weak/);
  const config = loadConfig({ NODE_ENV: 'production', WITHME_SECRET: 'k3J9x!pQ2vL8mN4rT6wY0zA5bC7dE1fG', WITHME_PUBLIC_URL: 'https://x.example' });
  assert.equal(config.secretIsGenerated, false);
});

test('the client address comes from a proxy only when told to trust it', () => {
  assert.equal(loadConfig({ WITHME_SECRET: STRONG }).trustProxy, false);
  assert.equal(loadConfig({ WITHME_SECRET: STRONG, TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy, '10.0.0.0/8, 127.0.0.1');
  assert.throws(() => loadConfig({ WITHME_SECRET: STRONG, TRUST_PROXY: 'yes please' }), /TRUST_PROXY must be/);
  assert.throws(() => loadConfig({ WITHME_SECRET: STRONG, TRUST_PROXY: 'true' }), /TRUST_PROXY must be/);
});

test('bad values are named', () => {
  assert.throws(() => loadConfig({ PORT: 'eighty', WITHME_SECRET: STRONG }), /PORT must be a whole number/);
  assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL must start with postgres:\/\//);
  assert.throws(() => loadConfig({ SMTP_URL: 'http://mail', WITHME_SECRET: STRONG }), /SMTP_URL must start with smtp:\/\//);
  assert.throws(() => loadConfig({ WITHME_HELPLINES: 'Samaritans', WITHME_SECRET: STRONG }), /WITHME_HELPLINES/);
  assert.deepEqual(loadConfig({ WITHME_HELPLINES: 'Line A|0800 000|all day; Line B|111', WITHME_SECRET: STRONG }).helplines, [
    { name: 'Line A', contact: '0800 000', detail: 'all day' },
    { name: 'Line B', contact: '111' },
  ]);
});

test("the service's own contact details: checked, with the demo's outside production and none made up in production", () => {
  const prod = { NODE_ENV: 'production', WITHME_SECRET: 'k3J9x!pQ2vL8mN4rT6wY0zA5bC7dE1fG', WITHME_PUBLIC_URL: 'https://x.example' };
  assert.deepEqual(loadConfig(prod).contact, {});
  assert.deepEqual(loadConfig({ ...prod, WITHME_CONTACT_PHONE: '0161 496 0000', WITHME_CONTACT_HOURS: 'Weekdays, 9 to 5' }).contact, { phone: '0161 496 0000', hours: 'Weekdays, 9 to 5' });
  assert.equal(loadConfig({ WITHME_SECRET: STRONG }).contact.email, 'contact@example.org');
  assert.throws(() => loadConfig({ WITHME_SECRET: STRONG, WITHME_CONTACT_EMAIL: 'not an address' }), /WITHME_CONTACT_EMAIL must be an email address/);
  assert.throws(() => loadConfig({ WITHME_SECRET: STRONG, WITHME_CONTACT_PHONE: 'call us' }), /WITHME_CONTACT_PHONE must be a phone number/);
});

test('sign-on: all of a group or none, an https issuer in production, a readable RSA key, vectors of trust as a list', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'withme-config-'));
  const base = { WITHME_DATA_DIR: dataDir, WITHME_SECRET: STRONG };
  assert.equal(loadConfig(base).oidc, undefined);
  assert.equal(loadConfig(base).nhsLogin, undefined);
  assert.throws(() => loadConfig({ ...base, WITHME_OIDC_ISSUER: 'https://login.example.org' }), /WITHME_OIDC_CLIENT_ID and WITHME_OIDC_CLIENT_SECRET must be set with WITHME_OIDC_ISSUER/);
  const oidc = { WITHME_OIDC_ISSUER: 'https://login.example.org/', WITHME_OIDC_CLIENT_ID: 'withme', WITHME_OIDC_CLIENT_SECRET: 's' };
  assert.deepEqual(loadConfig({ ...base, ...oidc }).oidc, { issuer: 'https://login.example.org', clientId: 'withme', clientSecret: 's' });
  const production = { ...base, NODE_ENV: 'production', WITHME_PUBLIC_URL: 'https://x.example' };
  assert.throws(() => loadConfig({ ...production, ...oidc, WITHME_OIDC_ISSUER: 'http://login.example.org' }), /WITHME_OIDC_ISSUER must start with https:\/\//);
  assert.throws(() => loadConfig({ ...base, ...oidc, WITHME_OIDC_ISSUER: 'not a url' }), /WITHME_OIDC_ISSUER must be the issuer's address/);

  const keyFile = path.join(dataDir, 'nhs.pem');
  fs.writeFileSync(keyFile, '-----BEGIN PRIVATE KEY-----\nMII...\n-----END PRIVATE KEY-----\n');
  const nhs = { WITHME_NHS_LOGIN_ISSUER: 'https://auth.login.nhs.uk', WITHME_NHS_LOGIN_CLIENT_ID: 'withme', WITHME_NHS_LOGIN_PRIVATE_KEY_FILE: keyFile };
  assert.equal(loadConfig({ ...base, ...nhs }).nhsLogin?.vectorsOfTrust, undefined);
  assert.equal(loadConfig({ ...base, ...nhs, WITHME_NHS_LOGIN_VTR: '["P9.Cp.Cd","P9.Cp.Ck","P9.Cm"]' }).nhsLogin?.vectorsOfTrust, '["P9.Cp.Cd","P9.Cp.Ck","P9.Cm"]');
  assert.throws(() => loadConfig({ ...base, ...nhs, WITHME_NHS_LOGIN_VTR: 'P9' }), /WITHME_NHS_LOGIN_VTR must be a JSON list/);
  assert.throws(() => loadConfig({ ...base, ...nhs, WITHME_NHS_LOGIN_PRIVATE_KEY_FILE: path.join(dataDir, 'missing.pem') }), /WITHME_NHS_LOGIN_PRIVATE_KEY_FILE cannot be read/);
  fs.writeFileSync(keyFile, 'not a key');
  assert.throws(() => loadConfig({ ...base, ...nhs }), /must hold a PEM RSA private key/);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('the Notify callback token needs a Notify key and is long enough to go unguessed', () => {
  const notify = { WITHME_SECRET: STRONG, NOTIFY_API_KEY: 'withme-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0', NOTIFY_TEMPLATE_SMS: 'a91b5f2e-1c0d-4d5e-9f6a-7b8c9d0e1f2a' };
  assert.equal(loadConfig(notify).notify?.callbackToken, undefined);
  assert.equal(loadConfig({ ...notify, NOTIFY_CALLBACK_TOKEN: 'f'.repeat(64) }).notify?.callbackToken, 'f'.repeat(64));
  assert.throws(() => loadConfig({ ...notify, NOTIFY_CALLBACK_TOKEN: 'letmein123' }), /NOTIFY_CALLBACK_TOKEN must be at least 32 characters/);
  assert.throws(() => loadConfig({ WITHME_SECRET: STRONG, NOTIFY_CALLBACK_TOKEN: 'f'.repeat(64) }), /NOTIFY_CALLBACK_TOKEN is set but NOTIFY_API_KEY is missing/);
});

test('WITHME_NOTICE_BATCH_MINUTES: 5 by default, 0 for no batching, anything else refused clearly', () => {
  const base = { NODE_ENV: 'test', WITHME_SECRET: 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz' };
  assert.equal(loadConfig(base).noticeBatchMinutes, 5);
  assert.equal(loadConfig({ ...base, WITHME_NOTICE_BATCH_MINUTES: '0' }).noticeBatchMinutes, 0);
  assert.equal(loadConfig({ ...base, WITHME_NOTICE_BATCH_MINUTES: '30' }).noticeBatchMinutes, 30);
  assert.throws(() => loadConfig({ ...base, WITHME_NOTICE_BATCH_MINUTES: 'soon' }), (e: unknown) => e instanceof ConfigError && /WITHME_NOTICE_BATCH_MINUTES must be a whole number of minutes from 0 to 1440/.test(e.message));
});
