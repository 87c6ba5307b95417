// FHIR R4 for interoperability. The Patient carries the name the person uses (`use: "usual"`),
// their title, their pronouns and the words they use for their gender (HL7 Gender Harmony
// extensions individual-pronouns and individual-genderIdentity: a code where one fits, text
// otherwise), and the NHS number when NHS login gave one. Never a previous name: withme holds none
// to give. A letter is a DocumentReference whose attachment is the letter as written.
import type { AboutMe } from './profile.ts';
import type { RecordEntryTable } from './tables.ts';

export const PRONOUNS_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/individual-pronouns';
export const GENDER_IDENTITY_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/individual-genderIdentity';
export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
export const LOINC = 'http://loinc.org';
export const SNOMED = 'http://snomed.info/sct';

/** LOINC LL5144-2 answers. */
export const LOINC_PRONOUNS: Record<string, { code: string; display: string }> = {
  'he/him': { code: 'LA29518-0', display: 'he/him/his/his/himself' },
  'she/her': { code: 'LA29519-8', display: 'she/her/her/hers/herself' },
  'they/them': { code: 'LA29520-6', display: 'they/them/their/theirs/themselves' },
};

/**
 * SNOMED CT gender identity concepts (the HL7 gender identity value set), for the words that mean
 * exactly one of them. Anything else (genderfluid, agender, trans masculine, two-spirit…) is kept
 * as the person's own words in `text`: a near code would put words in their mouth.
 */
const SNOMED_GENDER_IDENTITY: Record<string, { code: string; display: string }> = {
  'non-binary': { code: '33791000087105', display: 'Identifies as nonbinary gender' },
  nonbinary: { code: '33791000087105', display: 'Identifies as nonbinary gender' },
  'non-binary person': { code: '33791000087105', display: 'Identifies as nonbinary gender' },
  woman: { code: '446141000124107', display: 'Identifies as female gender' },
  female: { code: '446141000124107', display: 'Identifies as female gender' },
  'trans woman': { code: '446141000124107', display: 'Identifies as female gender' },
  man: { code: '446151000124109', display: 'Identifies as male gender' },
  male: { code: '446151000124109', display: 'Identifies as male gender' },
  'trans man': { code: '446151000124109', display: 'Identifies as male gender' },
};

/** LOINC 51852-2, "Letter": what kind of document a letter is. */
const LETTER_TYPE = { coding: [{ system: LOINC, code: '51852-2', display: 'Letter' }], text: 'Letter' };

export interface FhirCodeableConcept {
  coding?: Array<{ system: string; code: string; display: string }>;
  text: string;
}

type ValueExtension = { url: string; extension: Array<{ url: 'value'; valueCodeableConcept: FhirCodeableConcept }> };

export interface FhirPatient {
  resourceType: 'Patient';
  id: string;
  meta?: { lastUpdated: string };
  extension?: ValueExtension[];
  identifier?: Array<{ system: string; value: string }>;
  active: boolean;
  name: Array<{ use: 'usual'; text: string; prefix?: string[] }>;
}

export interface FhirDocumentReference {
  resourceType: 'DocumentReference';
  id: string;
  meta: { lastUpdated: string };
  status: 'current';
  docStatus: 'preliminary' | 'final';
  type: FhirCodeableConcept;
  subject: { reference: string; display: string };
  date: string;
  author: Array<{ display: string }>;
  description: string;
  content: Array<{ attachment: { contentType: string; language: string; data: string; title: string; creation: string } }>;
}

export function pronounConcept(set: string): FhirCodeableConcept {
  const known = LOINC_PRONOUNS[set.toLowerCase()];
  return known ? { coding: [{ system: LOINC, code: known.code, display: known.display }], text: set } : { text: set };
}

export function genderIdentityConcept(words: string): FhirCodeableConcept {
  const known = SNOMED_GENDER_IDENTITY[words.trim().toLowerCase()];
  return known ? { coding: [{ system: SNOMED, code: known.code, display: known.display }], text: words } : { text: words };
}

const valueExtension = (url: string, concept: FhirCodeableConcept): ValueExtension => ({ url, extension: [{ url: 'value', valueCodeableConcept: concept }] });

export function toFhirPatient(person: { id: string; displayName: string; about: AboutMe | undefined; nhsNumber?: string | undefined }): FhirPatient {
  const about = person.about;
  const name = { use: 'usual' as const, text: about?.nameToUse || person.displayName, ...(about?.title ? { prefix: [about.title] } : {}) };
  const sets = about?.nameOnly ? ['Use my name (no pronouns)'] : (about?.pronouns ?? []);
  const extension = [
    ...sets.map((set) => valueExtension(PRONOUNS_EXTENSION, pronounConcept(set))),
    ...(about?.genderWords ?? []).map((words) => valueExtension(GENDER_IDENTITY_EXTENSION, genderIdentityConcept(words))),
  ];
  return {
    resourceType: 'Patient',
    id: person.id,
    ...(about?.updatedAt ? { meta: { lastUpdated: about.updatedAt } } : {}),
    ...(extension.length ? { extension } : {}),
    ...(person.nhsNumber ? { identifier: [{ system: NHS_NUMBER_SYSTEM, value: person.nhsNumber }] } : {}),
    active: true,
    name: [name],
  };
}

/** A letter as a DocumentReference: final once sent, preliminary before. */
export function toFhirDocumentReference(letter: RecordEntryTable, names: { person: string; author: string }): FhirDocumentReference {
  const heading = letter.recipient ? `To: ${letter.recipient}\n\n` : '';
  return {
    resourceType: 'DocumentReference',
    id: letter.id,
    meta: { lastUpdated: letter.updated_at },
    status: 'current',
    docStatus: letter.sent_at ? 'final' : 'preliminary',
    type: LETTER_TYPE,
    subject: { reference: `Patient/${letter.person_id}`, display: names.person },
    date: letter.updated_at,
    author: [{ display: names.author }],
    description: letter.title,
    content: [
      {
        attachment: {
          contentType: 'text/plain; charset=utf-8',
          language: 'en-GB',
          data: Buffer.from(`${letter.title}\n\n${heading}${letter.body}`, 'utf8').toString('base64'),
          title: letter.title,
          creation: letter.created_at,
        },
      },
    ],
  };
}
