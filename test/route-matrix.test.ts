// The security review, run again (issue 11): every registered route, called as every kind of
// account (person, practitioner, group, lead, duty, an account with no roles, a suspended one,
// and nobody), answers no 2xx where the route's policy does not admit that account: 303 to sign
// in (401 for the API) when signed out or suspended, 404 when signed in without the role. And a
// person's ids, swapped into another person's or practitioner's URLs, answer 404 and change nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RouteOptions } from 'fastify';
import { routePolicies, type Actor, type Role, type RoutePolicy } from '../src/platform/policy.ts';
import { aPersonOnACaseload } from '../src/features/record/test-builders.ts';
import { Agent, anAccount, forEachDialect, signedInAs, type TestContext } from './helpers.ts';

type Caller = 'nobody' | 'suspended' | 'none' | Role;

/**
 * Who each kind of caller may reach, written out independently of policy.ts, so that a policy
 * that quietly admits more than this fails here.
 */
const ADMITS: Record<Caller, readonly RoutePolicy[]> = {
  nobody: ['public'],
  suspended: ['public'],
  none: ['public', 'own-account'],
  person: ['public', 'own-account', 'signed-in', 'person'],
  practitioner: ['public', 'own-account', 'signed-in', 'practitioner', 'staff', 'group-or-staff'],
  group: ['public', 'own-account', 'signed-in', 'group', 'group-or-staff'],
  lead: ['public', 'own-account', 'signed-in', 'lead', 'staff', 'group-or-staff'],
  duty: ['public', 'own-account', 'signed-in', 'duty'],
};
const CALLERS = Object.keys(ADMITS) as Caller[];

const actorWith = (roles: Role[]): Actor => ({ id: 'x', email: 'x@example.org', displayName: 'X', roles: new Set(roles) });
const ANY_ID = '00000000-0000-4000-8000-000000000000';

/** Each (method, url) a route answers. */
function endpoints(routes: readonly RouteOptions[]): Array<{ method: string; url: string; policy: RoutePolicy }> {
  return routes.flatMap((r) => (Array.isArray(r.method) ? r.method : [r.method]).map((method) => ({ method: String(method), url: r.url ?? '', policy: r.config?.policy as RoutePolicy })));
}

/** The URL with every parameter filled in (the policy is checked before the parameters are). */
const fill = (url: string) => url.replace(/:[A-Za-z]+/g, ANY_ID).replace('*', 'x');

test('each policy admits exactly the callers the matrix says', () => {
  assert.deepEqual(Object.keys(routePolicies).sort(), [...new Set(Object.values(ADMITS).flat())].sort(), 'every policy is in the matrix');
  for (const caller of CALLERS) {
    const actor = caller === 'nobody' || caller === 'suspended' ? null : actorWith(caller === 'none' ? [] : [caller]);
    for (const [name, admits] of Object.entries(routePolicies)) {
      assert.equal(admits(actor), ADMITS[caller].includes(name as RoutePolicy), `${name} for ${caller}`);
    }
  }
});

forEachDialect('the route × role matrix', (ctx) => {
  async function callers(): Promise<Record<Caller, Agent>> {
    const agents = {} as Record<Caller, Agent>;
    agents.nobody = new Agent(ctx.app);
    await agents.nobody.get('/sign-in');
    for (const role of ['person', 'practitioner', 'group', 'lead', 'duty'] as const) agents[role] = (await signedInAs(ctx, [role])).agent;
    agents.none = (await signedInAs(ctx, [])).agent;
    // Suspended while signed in, holding every staff role: the suspension, not the roles, decides.
    const { agent: suspended, account } = await signedInAs(ctx, ['practitioner', 'lead', 'group', 'duty', 'person']);
    await agents.lead.get(`/admin/accounts/${account.id}`);
    assert.equal((await agents.lead.post(`/admin/accounts/${account.id}/suspend`, { reason: 'For the matrix' })).statusCode, 303);
    agents.suspended = suspended;
    return agents;
  }

  function call(agent: Agent, method: string, url: string) {
    if (method === 'POST') return agent.post(url, {});
    return ctx.app.inject({ method: method as 'GET' | 'HEAD', url, headers: { cookie: agent.cookieHeader() } });
  }

  test('no route answers 2xx to a caller its policy does not admit', async () => {
    const agents = await callers();
    const all = endpoints(ctx.app.registeredRoutes);
    assert.ok(all.length > 150, `${all.length} endpoints`);
    // The routes every account keeps, whatever its roles: chosen, not fallen into.
    assert.deepEqual(
      all.filter((e) => e.policy === 'own-account' && e.method !== 'HEAD').map((e) => `${e.method} ${e.url}`).sort(),
      [
        // Your account, and a second factor: set up, shown or recovered by any account (issue 16).
        // Removing a factor and making new recovery codes, each after showing it is you again.
        'GET /account', 'GET /account/recovery-codes', 'GET /account/second-factor', 'GET /account/second-factor/app',
        'GET /account/second-factor/recovery-codes', 'GET /account/second-factors/remove',
        // Your data, readable, as JSON and as spreadsheets (issue 14).
        'GET /me/download', 'GET /me/download.json', 'GET /me/download.zip', 'GET /me/requests', 'GET /no-access',
        'POST /account/passkeys', 'POST /account/passkeys/options', 'POST /account/recovery-codes', 'POST /account/second-factor',
        'POST /account/second-factor/app', 'POST /account/second-factor/passkey', 'POST /account/second-factor/passkey/options',
        'POST /account/second-factors/remove', 'POST /account/sessions/end', 'POST /me/requests',
      ],
    );
    const wrong: string[] = [];
    let calls = 0;
    for (const { method, url, policy } of all) {
      for (const caller of CALLERS) {
        if (ADMITS[caller].includes(policy)) continue;
        const res = await call(agents[caller], method, fill(url));
        calls += 1;
        const signedOut = caller === 'nobody' || caller === 'suspended';
        const expected = signedOut ? (url.startsWith('/api/') ? [401] : [303]) : [404];
        const ok = expected.includes(res.statusCode) && (res.statusCode !== 303 || String(res.headers.location).startsWith('/sign-in'));
        if (!ok) wrong.push(`${caller} ${method} ${url} → ${res.statusCode} ${res.headers.location ?? ''}`);
      }
    }
    assert.deepEqual(wrong, []);
    assert.ok(calls > 600, `${calls} forbidden calls made`);
  });

  test('swapping one person’s ids into another’s URLs answers 404 and changes nothing', async () => {
    const a = await aPersonOnACaseload(ctx, 'Sam Rivera');
    const b = await aPersonOnACaseload(ctx, 'Jo Second');
    // Jo's record: a note, a letter, Jo's correction request, a previous name.
    const note = await b.practitioner.agent.post(`/people/${b.person.id}/record?kind=note`, { title: 'Jo note', body: 'Jo-only words.' });
    const noteId = note.headers.location!.split('/').pop()!;
    const letter = await b.practitioner.agent.post(`/people/${b.person.id}/record?kind=letter`, { title: 'Jo letter', body: 'Dear Dr Patel.', recipient: 'Dr Patel' });
    const letterId = letter.headers.location!.split('/').pop()!;
    await b.person.agent.get(`/me/record/${noteId}`);
    assert.equal((await b.person.agent.post(`/me/record/${noteId}/respond`, { kind: 'correction', body: 'Jo asks for a change.' })).statusCode, 303);
    await b.person.agent.get('/me/previous-names');
    await b.person.agent.post('/me/previous-names', { previousName: 'Jolene Oldname' });
    const responseId = (await ctx.db.selectFrom('record_responses').select('id').where('entry_id', '=', noteId).executeTakeFirstOrThrow()).id;
    const nameId = (await ctx.db.selectFrom('previous_names').select('id').where('account_id', '=', b.person.id).executeTakeFirstOrThrow()).id;
    // Sam's own entry, to mix with Jo's ids.
    const own = await a.practitioner.agent.post(`/people/${a.person.id}/record?kind=note`, { title: 'Sam note', body: 'Sam words.' });
    const ownEntry = own.headers.location!.split('/').pop()!;
    const snapshot = async (c: TestContext) => JSON.stringify(await Promise.all([
      c.db.selectFrom('record_entries').selectAll().where('person_id', '=', b.person.id).orderBy('id').execute(),
      c.db.selectFrom('record_responses').selectAll().where('entry_id', 'in', [noteId, letterId]).orderBy('id').execute(),
      c.db.selectFrom('previous_names').select('id').where('account_id', '=', b.person.id).execute(),
    ]));
    const before = await snapshot(ctx);

    // Every person- or record-route with an id, with Jo's ids in it (and Sam's mixed with Jo's).
    const values = (param: string, who: 'jo' | 'mixed') => {
      if (param === 'id') return who === 'jo' ? b.person.id : a.person.id;
      if (param === 'entryId') return noteId;
      if (param === 'responseId') return responseId;
      throw new Error(`no value for :${param}`);
    };
    const routes = endpoints(ctx.app.registeredRoutes).filter((e) => e.method !== 'HEAD' && e.url.includes(':') && /^\/(people|me|api\/v1\/fhir)\//.test(e.url));
    assert.ok(routes.length >= 14, `${routes.length} routes`);
    const body = { title: 'Swapped', body: 'Swapped words.', kind: 'agree', outcome: 'declined', answer: 'Swapped answer.', revision: '1', changeReason: 'Swapped.', recipient: 'Dr Swap', reason: 'Swapped reason long enough.' };
    const wrong: string[] = [];
    let calls = 0;
    for (const { method, url, policy } of routes) {
      const variants: string[] = [];
      if (url.startsWith('/me/')) {
        // Sam, in Sam's own pages, with Jo's entry, or Jo's previous name.
        variants.push(url.replace(':entryId', letterId).replace(':id', nameId), url.replace(':entryId', noteId).replace(':id', nameId));
      } else {
        variants.push(url.replace(/:([A-Za-z]+)/g, (_m, p: string) => values(p, 'jo')));
        if (url.includes(':entryId')) variants.push(url.replace(/:([A-Za-z]+)/g, (_m, p: string) => values(p, 'mixed')));
        if (url.includes(':responseId')) variants.push(url.replace(':id', a.person.id).replace(':entryId', ownEntry).replace(':responseId', responseId));
      }
      const callers = policy === 'person' ? [a.person.agent] : [a.practitioner.agent];
      for (const agent of callers) {
        for (const path of variants) {
          const full = url === '/people/:id/record' ? `${path}?kind=note` : path;
          const res = method === 'POST' ? await agent.post(full, body) : await agent.get(full);
          calls += 1;
          if (res.statusCode !== 404) wrong.push(`${method} ${full} (${url}) → ${res.statusCode}`);
          if (/Jo-only|Jo asks|Jo note|Jo letter/.test(res.body)) wrong.push(`${method} ${full} shows Jo's words`);
        }
      }
    }
    assert.deepEqual(wrong, []);
    assert.ok(calls >= 20, `${calls} swaps tried`);
    assert.equal(await snapshot(ctx), before, 'nothing of Jo’s changed');
    // The FHIR Patient too, for a practitioner who has only Sam.
    assert.equal((await a.practitioner.agent.get(`/api/v1/fhir/Patient/${b.person.id}`)).statusCode, 404);
    assert.equal((await a.practitioner.agent.get(`/api/v1/fhir/Patient/${a.person.id}`)).statusCode, 200);
    // And an account that is nobody's practitioner sees neither.
    const stranger = new Agent(ctx.app);
    await stranger.signIn((await anAccount(ctx.db, { roles: ['practitioner'] })).email);
    assert.equal((await stranger.get(`/people/${a.person.id}`)).statusCode, 404);
  });
});
