// A FHIR R4 Patient for interoperability: the name the person uses (`use: "usual"`), their title
// and their pronouns (HL7 Gender Harmony individual-pronouns extension, LOINC answer list
// LL5144-2 where a code fits, text otherwise). Never a previous name: withme holds none to give.
import type { AboutMe } from './profile.ts';

export const PRONOUNS_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/individual-pronouns';
export const LOINC = 'http://loinc.org';

/** LOINC LL5144-2 answers. */
export const LOINC_PRONOUNS: Record<string, { code: string; display: string }> = {
  'he/him': { code: 'LA29518-0', display: 'he/him/his/his/himself' },
  'she/her': { code: 'LA29519-8', display: 'she/her/her/hers/herself' },
  'they/them': { code: 'LA29520-6', display: 'they/them/their/theirs/themselves' },
};

export interface FhirCodeableConcept {
  coding?: Array<{ system: string; code: string; display: string }>;
  text: string;
}

export interface FhirPatient {
  resourceType: 'Patient';
  id: string;
  meta?: { lastUpdated: string };
  extension?: Array<{ url: string; extension: Array<{ url: 'value'; valueCodeableConcept: FhirCodeableConcept }> }>;
  active: boolean;
  name: Array<{ use: 'usual'; text: string; prefix?: string[] }>;
}

export function pronounConcept(set: string): FhirCodeableConcept {
  const known = LOINC_PRONOUNS[set.toLowerCase()];
  return known ? { coding: [{ system: LOINC, code: known.code, display: known.display }], text: set } : { text: set };
}

export function toFhirPatient(person: { id: string; displayName: string; about: AboutMe | undefined }): FhirPatient {
  const about = person.about;
  const name = { use: 'usual' as const, text: about?.nameToUse || person.displayName, ...(about?.title ? { prefix: [about.title] } : {}) };
  const sets = about?.nameOnly ? ['Use my name (no pronouns)'] : (about?.pronouns ?? []);
  return {
    resourceType: 'Patient',
    id: person.id,
    ...(about?.updatedAt ? { meta: { lastUpdated: about.updatedAt } } : {}),
    ...(sets.length
      ? { extension: sets.map((set) => ({ url: PRONOUNS_EXTENSION, extension: [{ url: 'value' as const, valueCodeableConcept: pronounConcept(set) }] })) }
      : {}),
    active: true,
    name: [name],
  };
}
