// A unique previous name is planted through the app, then looked for everywhere it could leak:
// the database files (WAL included), the logs, the outbox, the download, the API and every page.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../app.ts';
import { testConfig } from '../../platform/config.ts';
import { createDb, type Db } from '../../platform/db/database.ts';
import { migrateToLatest } from '../../platform/db/migrate.ts';
import { Agent, anAccount } from '../../../test/helpers.ts';
import { sendNoticeDigests } from '../accounts/index.ts';
import * as repo from './repository.ts';
import { aboutMeForm } from './test-builders.ts';

function randomWord(capital: string): string {
  let s = capital;
  for (let i = 0; i < 9; i++) s += 'bcdfghjklmnpqrstvwxz'[randomInt(20)];
  return s;
}

const GIVEN = randomWord('Q');
const FAMILY = randomWord('V');
const PLANTED = `${GIVEN} ${FAMILY}`;
const CANARY = randomWord('K'); // stored on purpose, to prove the search can find things

describe('a planted previous name is found nowhere', () => {
  let dir: string;
  let db: Db;
  let app: FastifyInstance;
  let config: ReturnType<typeof testConfig>;
  const logs: string[] = [];
  const responses: LightMyRequestResponse[] = [];
  const file = () => path.join(dir, 'withme.sqlite');

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'withme-planted-'));
    config = testConfig({ databaseUrl: `sqlite:${file()}`, dataDir: dir });
    db = createDb(config.databaseUrl);
    await migrateToLatest(db);
    app = await buildApp({ config, db, logger: { level: 'trace', stream: { write: (line: string) => void logs.push(line) } } });
    await app.ready();
  });

  after(async () => {
    await app.close();
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const found = (haystack: string) => {
    const h = haystack.toLowerCase();
    return [GIVEN, FAMILY].filter((w) => h.includes(w.toLowerCase()));
  };

  void test('planting it, writing it, and reading everything', async () => {
    assert.deepEqual(found(`a ${GIVEN.toUpperCase()} b`), [GIVEN], 'the search itself finds the name');
    const personAccount = await anAccount(db, { roles: ['person'], displayName: 'Sam Rivera' });
    const practitionerAccount = await anAccount(db, { roles: ['practitioner'], displayName: 'Priya Shah' });
    const leadAccount = await anAccount(db, { roles: ['lead'] });
    await repo.addToCaseload(db, practitionerAccount.id, personAccount.id, null);
    const person = new Agent(app);
    const practitioner = new Agent(app);
    const lead = new Agent(app);
    await person.signIn(personAccount.email);
    await practitioner.signIn(practitionerAccount.email);
    await lead.signIn(leadAccount.email);
    const keep = async (p: Promise<LightMyRequestResponse>) => {
      const r = await p;
      responses.push(r);
      return r;
    };

    // The person: About me (with the canary), then the name, twice, and a too-long form.
    assert.equal((await keep(person.post('/me/about', aboutMeForm({ nameToUse: 'Sam Rivera', goals: `My goal word is ${CANARY}.` })))).statusCode, 303);
    assert.equal((await keep(person.post('/me/previous-names', { previousName: PLANTED }))).statusCode, 303);
    assert.equal((await keep(person.post('/me/previous-names', { previousName: `  ${PLANTED.toUpperCase()}’s ` }))).statusCode, 303);
    assert.equal((await keep(person.post('/me/previous-names', { previousName: `${PLANTED} ${'x'.repeat(200)}` }))).statusCode, 400);
    assert.equal((await keep(person.post('/me/previous-names', { previousName: `${PLANTED} ${'y'.repeat(600)}` }))).statusCode, 400);
    await keep(person.post('/me/previous-names', { previousName: PLANTED, _csrf: 'forged' }));

    // The practitioner tries to write it, every way, and fails each time.
    const base = `/people/${personAccount.id}/record`;
    for (const form of [
      { title: 'Clinic', body: `${GIVEN} came to clinic.` },
      { title: `About ${PLANTED}`, body: 'Sam came to clinic.' },
      { title: 'Clinic', body: `Referral for ${FAMILY.toLowerCase()}, ${GIVEN.toLowerCase()}.` },
      { title: 'Clinic', body: `<p>${GIVEN}'s appointment</p>` },
    ]) {
      assert.equal((await keep(practitioner.post(`${base}?kind=note`, form))).statusCode, 400);
    }
    assert.equal((await keep(practitioner.post(`${base}?kind=letter`, { title: 'GP letter', body: 'Dear Dr Lee.', recipient: `Dr Lee re ${PLANTED}` }))).statusCode, 400);
    const note = await keep(practitioner.post(`${base}?kind=note`, { title: 'Clinic', body: 'Sam came to clinic. They are well.' }));
    assert.equal(note.statusCode, 303);
    const noteId = note.headers.location!.split('/').pop()!;
    const letter = await keep(practitioner.post(`${base}?kind=letter`, { title: 'GP letter', body: 'Dear Dr Lee, Sam is well.', recipient: 'Dr Lee' }));
    const letterId = letter.headers.location!.split('/').pop()!;
    await keep(person.post(`/me/record/${noteId}/respond`, { kind: 'correction', body: 'Please add that I was on time.' }));
    const withCorrection = await keep(practitioner.get(`${base}/${noteId}`));
    const answer = /href="(\/people\/[^"]+\/corrections\/[^"]+)"/.exec(withCorrection.body)![1]!;
    assert.equal((await keep(practitioner.post(answer, { outcome: 'corrected', answer: 'Added.', title: 'Clinic', body: `${GIVEN} came to clinic on time.` }))).statusCode, 400);
    assert.equal((await keep(practitioner.post(answer, { outcome: 'corrected', answer: 'Added.', title: 'Clinic', body: 'Sam came to clinic on time. They are well.' }))).statusCode, 303);
    await keep(person.post('/me/requests', { kind: 'correction', detail: 'Please check my address.' }));
    // What waits for the person goes out as one digest once the batching window has passed (issue 14),
    // before they read it in the app (what they have read is not mailed about).
    await sendNoticeDigests(db, config, new Date(Date.now() + 60 * 60_000));

    // Everyone reads everything.
    for (const url of ['/me', '/me/about', '/me/contact', '/me/priorities', '/me/previous-names', '/me/record', `/me/record/${noteId}`, `/me/record/${letterId}`, '/me/access-log', '/me/download', '/me/download.json', '/me/requests']) {
      assert.equal((await keep(person.get(url))).statusCode, 200, url);
    }
    for (const url of ['/people', `/people/${personAccount.id}`, `${base}/${noteId}`, `${base}/${letterId}`, `${base}/${noteId}/edit`, `${base}/new?kind=note`, `/api/v1/fhir/Patient/${personAccount.id}`]) {
      assert.equal((await keep(practitioner.get(url))).statusCode, 200, url);
    }
    for (const url of ['/admin/outbox', '/admin/data-requests', '/admin/accounts']) {
      assert.equal((await keep(lead.get(url))).statusCode, 200, url);
    }

    // Pages, API answers and the download
    assert.ok(responses.length > 30);
    for (const r of responses) {
      assert.deepEqual(found(r.body + JSON.stringify(r.headers)), [], `${r.statusCode} response`);
    }
    assert.ok(responses.some((r) => r.body.includes(CANARY)), 'the canary shows, so the search works');

    // The outbox
    const outbox = await db.selectFrom('outbox').selectAll().execute();
    assert.ok(outbox.length >= 2);
    assert.deepEqual(found(JSON.stringify(outbox)), []);

    // The logs (trace level: every request and response the framework logs)
    assert.ok(logs.length > 50 && logs.some((l) => l.includes('/me/previous-names')), 'the logs were captured');
    assert.deepEqual(found(logs.join('\n')), []);

    // The database files, the write-ahead log included, before and after a checkpoint
    const wal = `${file()}-wal`;
    assert.ok(fs.existsSync(wal) && fs.statSync(wal).size > 0, 'the WAL holds recent writes');
    const bytes = () => [file(), wal, `${file()}-shm`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f).toString('latin1')).join('\n');
    assert.ok(bytes().includes(CANARY), 'the canary is in the database files');
    assert.deepEqual(found(bytes()), []);
    await app.close();
    await db.destroy();
    assert.ok(fs.readFileSync(file()).toString('latin1').includes(CANARY));
    assert.deepEqual(found(bytes()), []);
    // Reopened for after()
    db = createDb(`sqlite:${file()}`);
  });
});
