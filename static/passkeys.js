// Passkeys: adding one (the second-factor set-up page), using one as the second factor, and
// signing in with one alone (the sign-in page). Each asks withme for options, lets the browser
// make or use the passkey, and posts its answer back. Without JavaScript (or WebAuthn) the
// sign-in's passkey button stays hidden, the others are hidden here, and an authenticator app,
// a recovery code or a password still works.
const b64 = {
  toBytes(value) {
    const base64 = value.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(value.length / 4) * 4, '=');
    return Uint8Array.from(window.atob(base64), (c) => c.charCodeAt(0));
  },
  fromBytes(buffer) {
    const bytes = new Uint8Array(buffer);
    let text = '';
    for (const byte of bytes) text += String.fromCharCode(byte);
    return window.btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  },
};

const csrf = () => document.querySelector('input[name=_csrf]')?.value ?? '';

async function post(url, body) {
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf() },
    body: JSON.stringify(body ?? {}),
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

function credentialJson(credential) {
  const r = credential.response;
  const response = { clientDataJSON: b64.fromBytes(r.clientDataJSON) };
  if (r.attestationObject) {
    response.attestationObject = b64.fromBytes(r.attestationObject);
    response.transports = typeof r.getTransports === 'function' ? r.getTransports() : [];
  }
  if (r.authenticatorData) response.authenticatorData = b64.fromBytes(r.authenticatorData);
  if (r.signature) response.signature = b64.fromBytes(r.signature);
  if (r.userHandle) response.userHandle = b64.fromBytes(r.userHandle);
  return { id: credential.id, rawId: b64.fromBytes(credential.rawId), type: credential.type, response, clientExtensionResults: credential.getClientExtensionResults?.() ?? {} };
}

/** withme's JSON options as the browser wants them: the challenge, user id and credential ids as bytes. */
function publicKeyOptions(options) {
  const ids = (list) => (list ?? []).map((c) => ({ ...c, id: b64.toBytes(c.id) }));
  const publicKey = { ...options, challenge: b64.toBytes(options.challenge) };
  if (options.user) publicKey.user = { ...options.user, id: b64.toBytes(options.user.id) };
  if (options.excludeCredentials) publicKey.excludeCredentials = ids(options.excludeCredentials);
  if (options.allowCredentials) publicKey.allowCredentials = ids(options.allowCredentials);
  return publicKey;
}

/**
 * One passkey button: its click asks `optionsUrl` for options, lets the browser `create` or `get`
 * the passkey, posts its answer (with the page's `next` and any `extra` fields) to `answerUrl`,
 * and goes where withme answers. Anything that fails shows the block's own error.
 */
function passkeyButton(selector, { optionsUrl, answerUrl, ceremony, extra = () => ({}) }) {
  const root = document.querySelector(selector);
  if (!root) return;
  if (!window.PublicKeyCredential) {
    root.hidden = true;
    return;
  }
  root.hidden = false;
  root.querySelector('[data-passkey-button]')?.addEventListener('click', async () => {
    root.querySelector('[data-passkey-error]')?.setAttribute('hidden', '');
    try {
      const publicKey = publicKeyOptions(await post(optionsUrl));
      const credential = await window.navigator.credentials[ceremony]({ publicKey });
      const result = await post(answerUrl, { response: credentialJson(credential), next: root.dataset.next, ...extra(root) });
      window.location.assign(result.next);
    } catch {
      root.querySelector('[data-passkey-error]')?.removeAttribute('hidden');
    }
  });
}

passkeyButton('[data-passkey-add]', {
  optionsUrl: '/account/passkeys/options',
  answerUrl: '/account/passkeys',
  ceremony: 'create',
  extra: (root) => ({ label: root.querySelector('input[name=label]')?.value ?? '' }),
});
passkeyButton('[data-passkey-use]', { optionsUrl: '/account/second-factor/passkey/options', answerUrl: '/account/second-factor/passkey', ceremony: 'get' });
passkeyButton('[data-passkey-sign-in]', { optionsUrl: '/sign-in/passkey/options', answerUrl: '/sign-in/passkey', ceremony: 'get' });
if (document.querySelector('[data-passkey-sign-in]') && window.PublicKeyCredential) document.querySelector('[data-passkey-sign-in-or]')?.removeAttribute('hidden');
