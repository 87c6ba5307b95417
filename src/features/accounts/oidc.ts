// The OpenID Connect relying party (openid-client v6) for the two sign-ons: staff through their
// organisation's identity provider (authorization code + PKCE, client_secret_basic) and people
// through NHS login (the same, with private_key_jwt signed RS512, as NHS login requires). The
// library checks state, nonce and PKCE, and the id token's signature, issuer, audience and
// expiry; this file only says which client and which checks.
import { createPrivateKey } from 'node:crypto';
import * as client from 'openid-client';
import type { Config } from '../../platform/config.ts';

export type SignOnKind = 'organisation' | 'nhs-login';

export const CALLBACK_PATHS: Record<SignOnKind, string> = {
  organisation: '/sign-in/oidc/callback',
  'nhs-login': '/sign-in/nhs-login/callback',
};

/** What a sign-on started in this session must find again at the callback. */
export interface PendingSignOn {
  kind: SignOnKind;
  state: string;
  nonce: string;
  codeVerifier: string;
  next: string;
  /** The invitation being accepted with NHS login, when it started on the invitation page. */
  invitation?: string;
}

/** The claims withme reads from a verified id token (and, for NHS login, the userinfo). */
export interface SignOnClaims {
  sub: string;
  email?: unknown;
  email_verified?: unknown;
  nhs_number?: unknown;
  identity_proofing_level?: unknown;
  vot?: unknown;
}

export class SignOnError extends Error {
  override name = 'SignOnError';
}

const discovered = new Map<string, Promise<client.Configuration>>();

export function signOnEnabled(config: Config, kind: SignOnKind): boolean {
  return kind === 'organisation' ? Boolean(config.oidc) : Boolean(config.nhsLogin);
}

async function discover(config: Config, kind: SignOnKind): Promise<client.Configuration> {
  const settings = kind === 'organisation' ? config.oidc : config.nhsLogin;
  if (!settings) throw new SignOnError(`${kind} sign-on is not configured`);
  const cacheKey = `${kind} ${settings.issuer} ${settings.clientId}`;
  let found = discovered.get(cacheKey);
  if (!found) {
    const issuer = new URL(settings.issuer);
    // Plain http only outside production (config.ts refuses it there): for a local test provider.
    const options = issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : {};
    let auth: client.ClientAuth;
    let metadata: Partial<client.ClientMetadata> = {};
    if (kind === 'organisation') {
      auth = client.ClientSecretBasic(config.oidc!.clientSecret);
    } else {
      const key = createPrivateKey(config.nhsLogin!.privateKeyPem).toCryptoKey({ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' }, false, ['sign']);
      auth = client.PrivateKeyJwt(key);
      metadata = { token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: 'RS512' };
    }
    found = client.discovery(issuer, settings.clientId, metadata, auth, options);
    discovered.set(cacheKey, found);
    found.catch(() => discovered.delete(cacheKey));
  }
  return found;
}

/** Starts a sign-on: the provider's address to send the browser to, and what to keep in the session. */
export async function startSignOn(config: Config, kind: SignOnKind, next: string, invitation?: string): Promise<{ url: string; pending: PendingSignOn }> {
  const rp = await discover(config, kind);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const parameters: Record<string, string> = {
    redirect_uri: config.publicUrl + CALLBACK_PATHS[kind],
    // NHS login gives the NHS number and the identity proofing level under `profile`.
    scope: kind === 'organisation' ? 'openid email' : 'openid profile email',
    response_type: 'code',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  };
  if (kind === 'nhs-login' && config.nhsLogin!.vectorsOfTrust) parameters.vtr = config.nhsLogin!.vectorsOfTrust;
  const url = client.buildAuthorizationUrl(rp, parameters);
  return { url: url.href, pending: { kind, state, nonce, codeVerifier, next, ...(invitation ? { invitation } : {}) } };
}

/**
 * Finishes a sign-on at the callback: exchanges the code (PKCE, state and nonce checked by the
 * library, and the id token's signature, issuer, audience and expiry), then the claims. Throws
 * (a SignOnError or the library's own) when anything does not hold.
 */
export async function finishSignOn(config: Config, pending: PendingSignOn, callbackUrl: URL): Promise<SignOnClaims> {
  const rp = await discover(config, pending.kind);
  const tokens = await client.authorizationCodeGrant(rp, callbackUrl, {
    pkceCodeVerifier: pending.codeVerifier,
    expectedState: pending.state,
    expectedNonce: pending.nonce,
    idTokenExpected: true,
  });
  const idClaims = tokens.claims();
  if (!idClaims) throw new SignOnError('no id token');
  let claims: SignOnClaims = { ...idClaims };
  if (tokens.access_token) {
    // Many providers (oidc-provider, NHS login) give the address, the NHS number and the proofing
    // level from userinfo rather than in the id token; the library checks its sub is the id token's.
    const userinfo = await client.fetchUserInfo(rp, tokens.access_token, idClaims.sub);
    claims = { ...userinfo, ...idClaims, sub: idClaims.sub };
  }
  return claims;
}
