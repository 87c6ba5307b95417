// A real OpenID Connect provider for the sign-on browser tests: oidc-provider, on 127.0.0.1, with
// its own development login page (any password; the login is the account's `sub`) and consent.
// Three clients: the organisation's for withme (client_secret_basic), NHS login's for withme
// (private_key_jwt, RS512, with the public half of a key the test makes), and another service's.
// `forgeAudience` makes the token endpoint hand withme an id token the provider's own key signed
// for that other service, so the test can see withme refuse a token for another audience.
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Provider from 'oidc-provider';

export interface IdentityAccount {
  email: string;
  email_verified: boolean;
  nhs_number?: string;
  identity_proofing_level?: string;
}

export interface RunningProvider {
  issuer: string;
  staffClient: { id: string; secret: string };
  nhsClient: { id: string; privateKeyFile: string };
  otherClientId: string;
  /** The `vtr` each authorization request asked for, in order. */
  vectorsOfTrustAsked: Array<string | undefined>;
  /** While true, the token endpoint's id token is re-signed for the other client. */
  forgeAudience: boolean;
  /** While true, the browser is sent back to withme with another `state` than withme sent... */
  forgeState: boolean;
  /** ...and the address it should have gone to is kept here. */
  genuineCallback: string | undefined;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const base64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

/** The id token again, for another audience, signed with the provider's own key. */
function reSignFor(idToken: string, audience: string, key: KeyObject, kid: string): string {
  const [, payload] = idToken.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const body = base64url(JSON.stringify({ ...claims, aud: audience, azp: audience }));
  const signature = createSign('RSA-SHA256').update(`${header}.${body}`).sign(key);
  return `${header}.${body}.${base64url(signature)}`;
}

export async function startIdentityProvider(input: { withmeUrl: string; accounts: Record<string, IdentityAccount> }): Promise<RunningProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const signing = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKid = 'provider-signing-key';
  const nhsKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'withme-idp-'));
  const privateKeyFile = path.join(folder, 'nhs-login-client.pem');
  await fs.writeFile(privateKeyFile, nhsKey.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });

  const staffClient = { id: 'withme-staff', secret: 'staff-client-secret-for-the-e2e-tests-0123456789' };
  const nhsClientId = 'withme-nhs-login';
  const otherClientId = 'another-service';
  const vectorsOfTrustAsked: Array<string | undefined> = [];

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: staffClient.id,
        client_secret: staffClient.secret,
        token_endpoint_auth_method: 'client_secret_basic',
        redirect_uris: [`${input.withmeUrl}/sign-in/oidc/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
      {
        client_id: nhsClientId,
        token_endpoint_auth_method: 'private_key_jwt',
        token_endpoint_auth_signing_alg: 'RS512',
        jwks: { keys: [{ ...nhsKey.publicKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS512', kid: 'withme-nhs-login-key' }] },
        redirect_uris: [`${input.withmeUrl}/sign-in/nhs-login/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
      {
        client_id: otherClientId,
        client_secret: 'another-service-secret-0123456789-abcdefghij',
        redirect_uris: ['http://127.0.0.1:9/callback'],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...signing.privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: signingKid }] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['nhs_number', 'identity_proofing_level'] },
    extraParams: ['vtr'],
    // NHS login signs with RS512, which oidc-provider accepts for client assertions only when told.
    enabledJWA: { clientAuthSigningAlgValues: ['RS256', 'RS512', 'PS256', 'ES256'] },
    cookies: { keys: ['e2e-provider-cookie-key-0123456789'] },
    findAccount: (_ctx, sub) => {
      const account = input.accounts[sub];
      if (!account) return undefined;
      return { accountId: sub, claims: () => ({ sub, ...account }) };
    },
  });
  provider.on('authorization.accepted', (ctx) => {
    const vtr = (ctx.oidc.params)?.vtr;
    vectorsOfTrustAsked.push(typeof vtr === 'string' ? vtr : undefined);
  });

  const state: RunningProvider = {
    issuer,
    staffClient,
    nhsClient: { id: nhsClientId, privateKeyFile },
    otherClientId,
    vectorsOfTrustAsked,
    forgeAudience: false,
    forgeState: false,
    genuineCallback: undefined,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fs.rm(folder, { recursive: true, force: true });
    },
  };

  const handle = provider.callback();
  const server = http.createServer((req, res) => {
    if (state.forgeAudience && req.method === 'POST' && req.url?.startsWith('/token')) {
      const end = res.end.bind(res) as (chunk?: unknown) => http.ServerResponse;
      res.end = ((chunk?: unknown) => {
        const text = Buffer.isBuffer(chunk) ? chunk.toString('utf8') : typeof chunk === 'string' ? chunk : '';
        try {
          const body = JSON.parse(text) as { id_token?: string };
          if (body.id_token) {
            body.id_token = reSignFor(body.id_token, otherClientId, signing.privateKey, signingKid);
            const replaced = JSON.stringify(body);
            res.setHeader('content-length', Buffer.byteLength(replaced));
            return end(replaced);
          }
        } catch {
          // not a token response: as it was
        }
        return end(chunk);
      }) as typeof res.end;
    }
    if (state.forgeState) {
      const setHeader = res.setHeader.bind(res);
      res.setHeader = ((name: string, value: number | string | readonly string[]) => {
        if (name.toLowerCase() === 'location' && typeof value === 'string' && value.startsWith(input.withmeUrl) && value.includes('state=')) {
          state.genuineCallback = value;
          const forged = new URL(value);
          forged.searchParams.set('state', 'forged-' + forged.searchParams.get('state'));
          return setHeader(name, forged.href);
        }
        return setHeader(name, value);
      });
    }
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return state;
}
