// The record through FHIR R4: GET /api/v1/fhir/Patient/{id} (the name the person uses, their
// pronouns and gender words as Gender Harmony extensions, the NHS number NHS login gave) and a
// letter as GET /api/v1/fhir/DocumentReference/{id}, each valid against HL7's R4 JSON Schema;
// never a previous name, and nothing for anyone who may not see the record.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDialect, signedInAs } from '../../../test/helpers.ts';
import { fhirR4Errors } from '../../../test/support/fhir-validator.ts';
import { linkNhsLogin } from '../accounts/test-builders.ts';
import { toFhirPatient } from './fhir.ts';
import { aPersonOnACaseload, aboutMeForm, signedIn } from './test-builders.ts';

const PRONOUNS = 'http://hl7.org/fhir/StructureDefinition/individual-pronouns';
const GENDER_IDENTITY = 'http://hl7.org/fhir/StructureDefinition/individual-genderIdentity';

type Extension = { url: string; extension: Array<{ url: string; valueCodeableConcept: { coding?: Array<{ system: string; code: string }>; text: string } }> };
const valuesOf = (extensions: Extension[], url: string) =>
  extensions
    .filter((e) => e.url === url)
    .map((e) => {
      const value = e.extension.find((x) => x.url === 'value')!.valueCodeableConcept;
      return [value.coding?.[0]?.system ?? null, value.coding?.[0]?.code ?? null, value.text];
    });

void test('the R4 schema refuses what R4 does not allow, so passing it means something', () => {
  const good = toFhirPatient({ id: 'abc-123', displayName: 'Sam', about: undefined });
  assert.deepEqual(fhirR4Errors(good), []);
  assert.notDeepEqual(fhirR4Errors({ ...good, pronouns: 'they/them' }), [], 'an element Patient does not have');
  assert.notDeepEqual(fhirR4Errors({ ...good, name: [{ use: 'preferred', text: 'Sam' }] }), [], 'a name use outside the R4 value set');
  assert.notDeepEqual(fhirR4Errors({ ...good, id: 'has spaces' }), [], 'an id with spaces');
  assert.notDeepEqual(fhirR4Errors({ ...good, name: [{ use: 'usual', text: '' }] }), [], 'an empty string');
  assert.notDeepEqual(fhirR4Errors({ ...good, identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: 9434765919 }] }), [], 'a number where R4 wants a string');
});

forEachDialect('FHIR', (ctx) => {
  void test('staff with access get an R4 Patient: usual name, coded and text pronouns and gender words, the NHS number, no previous name', async () => {
    const { person, practitioner } = await aPersonOnACaseload(ctx);
    assert.equal(
      (await person.agent.post('/me/about', aboutMeForm({ nameToUse: 'Sam Rivera', title: 'Mx', pronouns: ['they/them', 'he/him'], customPronouns: 'fae/faer', genderWords: 'non-binary, transmasculine' }))).statusCode,
      303,
    );
    assert.equal((await person.agent.post('/me/previous-names', { previousName: 'Percival Oakenshield' })).statusCode, 303);
    await linkNhsLogin(ctx.db, ctx.config, person.email, '9434765919');

    const res = await practitioner.agent.get(`/api/v1/fhir/Patient/${person.id}`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/fhir\+json/);
    assert.equal(res.headers['cache-control'], 'no-store');
    const patient = res.json<{ id: string; name: unknown; identifier: unknown; extension: Extension[] }>();
    assert.deepEqual(fhirR4Errors(patient), []);
    assert.equal(patient.id, person.id);
    assert.deepEqual(patient.name, [{ use: 'usual', text: 'Sam Rivera', prefix: ['Mx'] }]);
    assert.deepEqual(patient.identifier, [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' }]);
    assert.deepEqual(valuesOf(patient.extension, PRONOUNS), [
      ['http://loinc.org', 'LA29520-6', 'they/them'],
      ['http://loinc.org', 'LA29518-0', 'he/him'],
      [null, null, 'fae/faer'],
    ]);
    assert.deepEqual(valuesOf(patient.extension, GENDER_IDENTITY), [
      ['http://snomed.info/sct', '33791000087105', 'non-binary'],
      [null, null, 'transmasculine'],
    ]);
    assert.doesNotMatch(res.body, /Percival|Oakenshield|"old"/i);

    const log = await person.agent.get('/me/access-log');
    assert.match(log.body, /FHIR Patient/);
  });

  void test('she/her is coded LA29519-8; name only is text; no About me and no NHS login still validates, with no identifier', async () => {
    const { person, practitioner } = await aPersonOnACaseload(ctx, 'Jo Bloggs');
    const bare = (await practitioner.agent.get(`/api/v1/fhir/Patient/${person.id}`)).json<Record<string, unknown>>();
    assert.deepEqual(fhirR4Errors(bare), []);
    assert.deepEqual(bare.name, [{ use: 'usual', text: 'Jo Bloggs' }]);
    assert.equal(bare.extension, undefined);
    assert.equal(bare.identifier, undefined);

    await person.agent.post('/me/about', aboutMeForm({ nameToUse: 'Jo', pronouns: ['she/her'], title: '', genderWords: 'woman' }));
    const she = (await practitioner.agent.get(`/api/v1/fhir/Patient/${person.id}`)).json<{ extension: Extension[] }>();
    assert.deepEqual(fhirR4Errors(she), []);
    assert.deepEqual(valuesOf(she.extension, PRONOUNS), [['http://loinc.org', 'LA29519-8', 'she/her']]);
    assert.deepEqual(valuesOf(she.extension, GENDER_IDENTITY), [['http://snomed.info/sct', '446141000124107', 'woman']]);

    await person.agent.post('/me/about', aboutMeForm({ nameToUse: 'Jo', pronouns: ['name-only'], genderWords: '' }));
    const nameOnly = (await practitioner.agent.get(`/api/v1/fhir/Patient/${person.id}`)).json<{ extension: Extension[] }>();
    assert.deepEqual(fhirR4Errors(nameOnly), []);
    assert.deepEqual(valuesOf(nameOnly.extension, PRONOUNS), [[null, null, 'Use my name (no pronouns)']]);
    assert.deepEqual(valuesOf(nameOnly.extension, GENDER_IDENTITY), []);
  });

  void test('a letter to the GP is an R4 DocumentReference holding the letter as written: preliminary, then final once sent', async () => {
    const { person, practitioner } = await aPersonOnACaseload(ctx);
    await person.agent.post('/me/about', aboutMeForm({ nameToUse: 'Sam' }));
    const letterText = [
      'Dear Dr Patel,',
      '',
      'I saw Sam in clinic today with their partner, Alex. Sam has been thinking about their voice and would like a referral to speech and language therapy. Alex said she would come to the first appointment with them.',
      '',
      'Sam asked me to thank you for the blood test form. Please keep using the name Sam and they/them pronouns in letters from the practice.',
      '',
      'Yours sincerely,',
      'Priya Shah, Specialist Practitioner',
    ].join('\n');
    const saved = await practitioner.agent.post(`/people/${person.id}/record?kind=letter`, { title: 'Letter to your GP', body: letterText, recipient: 'Dr A Patel, Riverside Surgery' });
    assert.equal(saved.statusCode, 303);
    const letterId = saved.headers.location!.split('/').pop()!;

    const res = await practitioner.agent.get(`/api/v1/fhir/DocumentReference/${letterId}`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/fhir\+json/);
    const doc = res.json<{
      resourceType: string;
      docStatus: string;
      subject: { reference: string; display: string };
      author: Array<{ display: string }>;
      type: { coding: Array<{ code: string }> };
      content: Array<{ attachment: { contentType: string; data: string; title: string } }>;
    }>();
    assert.deepEqual(fhirR4Errors(doc), []);
    assert.equal(doc.resourceType, 'DocumentReference');
    assert.equal(doc.docStatus, 'preliminary');
    assert.deepEqual(doc.subject, { reference: `Patient/${person.id}`, display: 'Sam' });
    assert.deepEqual(doc.author, [{ display: 'Priya Shah' }]);
    assert.equal(doc.type.coding[0]!.code, '51852-2');
    const written = Buffer.from(doc.content[0]!.attachment.data, 'base64').toString('utf8');
    assert.match(written, /^Letter to your GP\n\nTo: Dr A Patel, Riverside Surgery\n\nDear Dr Patel,/);
    assert.ok(written.includes(letterText), 'the letter as written, whole');
    assert.match(doc.content[0]!.attachment.contentType, /^text\/plain; charset=utf-8$/);

    assert.equal((await person.agent.post(`/me/record/${letterId}/review`, { decision: 'send', body: 'Fine by me.' })).statusCode, 303);
    assert.equal((await practitioner.agent.post(`/people/${person.id}/record/${letterId}/send`, { reason: '' })).statusCode, 303);
    const sent = (await practitioner.agent.get(`/api/v1/fhir/DocumentReference/${letterId}`)).json<{ docStatus: string }>();
    assert.deepEqual(fhirR4Errors(sent), []);
    assert.equal(sent.docStatus, 'final');
    assert.match((await person.agent.get('/me/access-log')).body, /FHIR DocumentReference/);
  });

  void test('nobody else gets a letter or a Patient: another practitioner, the lead, a group member, the person, a note’s id, an id that is nobody’s', async () => {
    const { person, practitioner } = await aPersonOnACaseload(ctx);
    const letter = await practitioner.agent.post(`/people/${person.id}/record?kind=letter`, { title: 'Letter to your GP', body: 'Dear Dr Patel, Sam is well.', recipient: 'Dr Patel' });
    const letterId = letter.headers.location!.split('/').pop()!;
    const note = await practitioner.agent.post(`/people/${person.id}/record?kind=note`, { title: 'Clinic', body: 'Sam came to clinic and talked about their week.' });
    const noteId = note.headers.location!.split('/').pop()!;

    const otherPractitioner = await signedIn(ctx, ['practitioner'], 'Ola Other');
    const { agent: lead } = await signedInAs(ctx, ['lead']);
    const { agent: member } = await signedInAs(ctx, ['group']);
    for (const [who, agent] of [['another practitioner', otherPractitioner.agent], ['the lead', lead], ['a group member', member], ['the person', person.agent]] as const) {
      for (const url of [`/api/v1/fhir/DocumentReference/${letterId}`, `/api/v1/fhir/Patient/${person.id}`]) {
        const res = await agent.get(url);
        assert.ok([403, 404].includes(res.statusCode), `${who} on ${url}: ${res.statusCode}`);
        assert.doesNotMatch(res.body, /Dr Patel|DocumentReference|resourceType/);
      }
    }
    assert.equal((await practitioner.agent.get(`/api/v1/fhir/DocumentReference/${noteId}`)).statusCode, 404, 'a note is not a letter');
    assert.equal((await practitioner.agent.get('/api/v1/fhir/DocumentReference/00000000-0000-4000-8000-000000000000')).statusCode, 404);
    assert.equal((await practitioner.agent.get('/api/v1/fhir/DocumentReference/not-an-id')).statusCode, 400);
  });
});
