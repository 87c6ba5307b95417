// Passkeys on the second-factor pages: ask withme for options, let the browser make or use the
// passkey, and post its answer back. Without JavaScript (or WebAuthn) the passkey part stays
// hidden behind its button and an authenticator app or a recovery code still works.
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

function showError(root) {
  root.querySelector('[data-passkey-error]')?.removeAttribute('hidden');
}

const add = document.querySelector('[data-passkey-add]');
if (add && window.PublicKeyCredential) {
  add.querySelector('[data-passkey-add-button]')?.addEventListener('click', async () => {
    try {
      const options = await post('/account/passkeys/options');
      const publicKey = {
        ...options,
        challenge: b64.toBytes(options.challenge),
        user: { ...options.user, id: b64.toBytes(options.user.id) },
        excludeCredentials: (options.excludeCredentials ?? []).map((c) => ({ ...c, id: b64.toBytes(c.id) })),
      };
      const credential = await window.navigator.credentials.create({ publicKey });
      const label = add.querySelector('input[name=label]')?.value ?? '';
      const result = await post('/account/passkeys', { response: credentialJson(credential), label, next: add.dataset.next });
      window.location.assign(result.next);
    } catch {
      showError(add);
    }
  });
} else if (add) {
  add.hidden = true;
}

const use = document.querySelector('[data-passkey-use]');
if (use && window.PublicKeyCredential) {
  use.querySelector('[data-passkey-use-button]')?.addEventListener('click', async () => {
    try {
      const options = await post('/account/second-factor/passkey/options');
      const publicKey = {
        ...options,
        challenge: b64.toBytes(options.challenge),
        allowCredentials: (options.allowCredentials ?? []).map((c) => ({ ...c, id: b64.toBytes(c.id) })),
      };
      const credential = await window.navigator.credentials.get({ publicKey });
      const result = await post('/account/second-factor/passkey', { response: credentialJson(credential), next: use.dataset.next });
      window.location.assign(result.next);
    } catch {
      showError(use);
    }
  });
} else if (use) {
  use.hidden = true;
}
