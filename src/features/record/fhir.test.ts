// GET /api/v1/fhir/Patient/{id}: a FHIR R4 Patient with the name the person uses and their
// pronouns, validated against a schema of the R4 Patient structure; never a previous name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Value from 'typebox/value';
import { forEachDialect } from '../../../test/helpers.ts';
import { R4Patient } from './fhir-r4-patient.schema.ts';
import { toFhirPatient } from './fhir.ts';
import { aPersonOnACaseload, aboutMeForm } from './test-builders.ts';

const errorsOf = (value: unknown) => [...Value.Errors(R4Patient, value)].map((e) => `${e.instancePath} ${e.message}`);

void test('the R4 Patient schema refuses what R4 does not allow', () => {
  const good = toFhirPatient({ id: 'abc-123', displayName: 'Sam', about: undefined });
  assert.deepEqual(errorsOf(good), []);
  assert.notDeepEqual(errorsOf({ ...good, pronouns: 'they/them' }), [], 'an element Patient does not have');
  assert.notDeepEqual(errorsOf({ ...good, name: [{ use: 'preferred', text: 'Sam' }] }), [], 'a name use outside the R4 value set');
  assert.notDeepEqual(errorsOf({ ...good, id: 'has spaces' }), [], 'an id with spaces');
  assert.notDeepEqual(errorsOf({ ...good, name: [{ use: 'usual', text: '' }] }), [], 'an empty string');
  assert.notDeepEqual(
    errorsOf({ ...good, extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/individual-pronouns', extension: [{ url: 'value', valueString: 'they' }] }] }),
    [],
    'pronouns must be a CodeableConcept',
  );
});

forEachDialect('FHIR Patient', (ctx) => {
  void test('staff with access get an R4 Patient: usual name, LOINC-coded and text pronouns, no previous name', async () => {
    const { person, practitioner } = await aPersonOnACaseload(ctx);
    assert.equal((await person.agent.post('/me/about', aboutMeForm({ nameToUse: 'Sam Rivera', title: 'Mx', pronouns: ['they/them', 'he/him'], customPronouns: 'fae/faer' }))).statusCode, 303);
    assert.equal((await person.agent.post('/me/previous-names', { previousName: 'Percival Oakenshield' })).statusCode, 303);

    const res = await practitioner.agent.get(`/api/v1/fhir/Patient/${person.id}`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/fhir\+json/);
    assert.equal(res.headers['cache-control'], 'no-store');
    const patient = res.json<Record<string, unknown>>();
    assert.deepEqual(errorsOf(patient), []);
    assert.equal(patient.id, person.id);
    assert.deepEqual(patient.name, [{ use: 'usual', text: 'Sam Rivera', prefix: ['Mx'] }]);
    const pronouns = (patient.extension as Array<{ url: string; extension: Array<{ url: string; valueCodeableConcept: { coding?: Array<{ system: string; code: string }>; text: string } }> }>).map((e) => {
      assert.equal(e.url, 'http://hl7.org/fhir/StructureDefinition/individual-pronouns');
      const value = e.extension.find((x) => x.url === 'value')!.valueCodeableConcept;
      return [value.coding?.[0]?.system ?? null, value.coding?.[0]?.code ?? null, value.text];
    });
    assert.deepEqual(pronouns, [
      ['http://loinc.org', 'LA29520-6', 'they/them'],
      ['http://loinc.org', 'LA29518-0', 'he/him'],
      [null, null, 'fae/faer'],
    ]);
    assert.doesNotMatch(res.body, /Percival|Oakenshield|"old"/i);
  });

  void test('she/her is coded LA29519-8; name only is text; no About me still validates', async () => {
    const { person, practitioner } = await aPersonOnACaseload(ctx, 'Jo Bloggs');
    const bare = (await practitioner.agent.get(`/api/v1/fhir/Patient/${person.id}`)).json<Record<string, unknown>>();
    assert.deepEqual(errorsOf(bare), []);
    assert.deepEqual(bare.name, [{ use: 'usual', text: 'Jo Bloggs' }]);
    assert.equal(bare.extension, undefined);

    await person.agent.post('/me/about', aboutMeForm({ nameToUse: 'Jo', pronouns: ['she/her'], title: '' }));
    const she = (await practitioner.agent.get(`/api/v1/fhir/Patient/${person.id}`)).json<{ extension: Array<{ extension: Array<{ valueCodeableConcept: { coding: Array<{ code: string }> } }> }> }>();
    assert.deepEqual(errorsOf(she), []);
    assert.equal(she.extension[0]!.extension[0]!.valueCodeableConcept.coding[0]!.code, 'LA29519-8');

    await person.agent.post('/me/about', aboutMeForm({ nameToUse: 'Jo', pronouns: ['name-only'] }));
    const nameOnly = (await practitioner.agent.get(`/api/v1/fhir/Patient/${person.id}`)).json<{ extension: Array<{ extension: Array<{ valueCodeableConcept: { text: string; coding?: unknown } }> }> }>();
    assert.deepEqual(errorsOf(nameOnly), []);
    assert.equal(nameOnly.extension[0]!.extension[0]!.valueCodeableConcept.text, 'Use my name (no pronouns)');
    assert.equal(nameOnly.extension[0]!.extension[0]!.valueCodeableConcept.coding, undefined);
  });
});
