import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deidentify, describeRemoved, identifiersIn, isValidNhsNumber } from './deidentify.ts';

test('NHS numbers are checked with the modulus 11 check digit', () => {
  assert.equal(isValidNhsNumber('9434765919'), true);
  assert.equal(isValidNhsNumber('9434765918'), false);
  assert.equal(isValidNhsNumber('4010232137'), true);
  assert.equal(isValidNhsNumber('123'), false);
});

test('NHS numbers are removed whether written together, spaced 3-3-4 or hyphenated', () => {
  for (const written of ['9434765919', '943 476 5919', '943-476-5919']) {
    const { text, removed } = deidentify(`My number is ${written} thanks`);
    assert.equal(text, 'My number is [NHS number removed] thanks');
    assert.equal(removed['nhs-number'], 1);
  }
});

test('UK phone numbers in their usual forms are removed', () => {
  for (const phone of ['07700 900123', '07700900123', '+44 7700 900123', '+44 (0)20 7946 0958', '020 7946 0958', '(01632) 960 001', '0161-496-0000']) {
    const { text } = deidentify(`Call ${phone} after 5`);
    assert.equal(text, 'Call [phone number removed] after 5', phone);
  }
});

test('a ten-digit number that fails the check is still removed as a number', () => {
  assert.equal(deidentify('Ref 9434765918 please').text, 'Ref [number removed] please');
});

test('email addresses and postcodes are removed; ordinary numbers stay', () => {
  const { text, removed } = deidentify('Write to sam.r+clinic@example.co.uk or SW1A 1AA, or ls1 4ap. I waited 18 months and 3 weeks.');
  assert.equal(text, 'Write to [email address removed] or [postcode removed], or [postcode removed]. I waited 18 months and 3 weeks.');
  assert.equal(describeRemoved(removed), '1 email address and 2 postcodes');
});

test('names: after titles and introductions, common first names with their surname, and known names', () => {
  const { text } = deidentify('My name is Kit Marlowe. Dr Okafor and Nurse Bell were kind, Priya Shah too, and Jordan Ellis-Hart at reception.', { knownNames: ['Priya Shah'] });
  assert.equal(text, 'My name is [name removed]. Dr [name removed] and Nurse [name removed] were kind, [name removed] too, and [name removed] at reception.');
});

test('known names are found in any case, but only their capitalised parts count', () => {
  const { text } = deidentify('priya was great, the service lead too', { knownNames: ['Priya Shah', 'Morgan Lee (service lead)'] });
  assert.equal(text, '[name removed] was great, the service lead too');
});

test('names that are everyday words are removed only mid-sentence and capitalised', () => {
  assert.equal(deidentify('Will I be seen soon? I hope so.').text, 'Will I be seen soon? I hope so.');
  assert.equal(deidentify('I spoke to Will about it.').text, 'I spoke to [name removed] about it.');
  assert.equal(deidentify('Mark my words.').text, 'Mark my words.');
});

test('what is left after an edit is reported', () => {
  assert.deepEqual(identifiersIn('The doctor was brilliant.'), []);
  assert.deepEqual(identifiersIn('Ring 0113 496 0000.'), ['phone']);
});
