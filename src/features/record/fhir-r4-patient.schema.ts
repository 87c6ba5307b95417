// A focused JSON Schema of the FHIR R4 Patient elements withme emits, written from the R4
// specification (datatypes, HumanName, Extension, CodeableConcept, Patient) with its regexes
// for primitive types. Any element R4 Patient does not define is refused.
import { Type, type TSchema } from 'typebox';

// R4 primitive types (http://hl7.org/fhir/R4/datatypes.html)
const fhirString = Type.String({ minLength: 1, pattern: '^[ \\r\\n\\t\\S]+$' });
const fhirUri = Type.String({ minLength: 1, pattern: '^\\S*$' });
const fhirCode = Type.String({ pattern: '^[^\\s]+( [^\\s]+)*$' });
const fhirId = Type.String({ pattern: '^[A-Za-z0-9\\-\\.]{1,64}$' });
const fhirInstant = Type.String({
  pattern: '^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))$',
});

const Coding = Type.Object({ system: Type.Optional(fhirUri), version: Type.Optional(fhirString), code: Type.Optional(fhirCode), display: Type.Optional(fhirString), userSelected: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
const CodeableConcept = Type.Object({ coding: Type.Optional(Type.Array(Coding, { minItems: 1 })), text: Type.Optional(fhirString) }, { additionalProperties: false, minProperties: 1 });

/** Simple extension: a url and exactly one value[x] (withme emits CodeableConcept, string, Period). */
const ValueExtension = Type.Object(
  {
    url: fhirUri,
    valueCodeableConcept: Type.Optional(CodeableConcept),
    valueString: Type.Optional(fhirString),
    valuePeriod: Type.Optional(Type.Object({ start: Type.Optional(fhirString), end: Type.Optional(fhirString) }, { additionalProperties: false })),
  },
  { additionalProperties: false, minProperties: 2, maxProperties: 2 },
);

/** individual-pronouns: a complex extension with value (1..1), period (0..1) and comment (0..1). */
export const PronounsExtension = Type.Object(
  {
    url: Type.Literal('http://hl7.org/fhir/StructureDefinition/individual-pronouns'),
    extension: Type.Array(
      Type.Union([
        Type.Object({ url: Type.Literal('value'), valueCodeableConcept: CodeableConcept }, { additionalProperties: false }),
        Type.Object({ url: Type.Literal('period'), valuePeriod: Type.Object({ start: Type.Optional(fhirString), end: Type.Optional(fhirString) }) }, { additionalProperties: false }),
        Type.Object({ url: Type.Literal('comment'), valueString: fhirString }, { additionalProperties: false }),
      ]),
      { minItems: 1, maxItems: 3 },
    ),
  },
  { additionalProperties: false },
);

const HumanName = Type.Object(
  {
    use: Type.Optional(Type.Union(['usual', 'official', 'temp', 'nickname', 'anonymous', 'old', 'maiden'].map((c) => Type.Literal(c)))),
    text: Type.Optional(fhirString),
    family: Type.Optional(fhirString),
    given: Type.Optional(Type.Array(fhirString)),
    prefix: Type.Optional(Type.Array(fhirString)),
    suffix: Type.Optional(Type.Array(fhirString)),
  },
  { additionalProperties: false, minProperties: 1 },
);

// Every element of R4 Patient; those withme does not emit are accepted as present-but-unchecked.
const otherPatientElements = [
  'implicitRules', 'language', 'text', 'contained', 'modifierExtension', 'identifier', 'telecom', 'gender', 'birthDate',
  'deceasedBoolean', 'deceasedDateTime', 'address', 'maritalStatus', 'multipleBirthBoolean', 'multipleBirthInteger',
  'photo', 'contact', 'communication', 'generalPractitioner', 'managingOrganization', 'link',
];

export const R4Patient = Type.Object(
  {
    resourceType: Type.Literal('Patient'),
    id: Type.Optional(fhirId),
    meta: Type.Optional(Type.Object({ lastUpdated: Type.Optional(fhirInstant) }, { additionalProperties: false })),
    extension: Type.Optional(Type.Array(Type.Union([PronounsExtension, ValueExtension]))),
    active: Type.Optional(Type.Boolean()),
    name: Type.Optional(Type.Array(HumanName)),
    ...Object.fromEntries(otherPatientElements.map((e) => [e, Type.Optional(Type.Unknown())])) as Record<string, TSchema>,
  },
  { additionalProperties: false },
);
