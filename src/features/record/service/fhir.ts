// The record through FHIR: the Patient and a letter as a DocumentReference, for staff who may
// write in the person's record. Everyone else gets NotFoundError (404), whether the person or the
// letter exists or not, and each read is written to the person's access log.
import type { Config } from '../../../platform/config.ts';
import type { Db } from '../../../platform/db/database.ts';
import { NotFoundError, type Actor } from '../../../platform/policy.ts';
import { displayNames, nhsLoginDetails } from '../../accounts/index.ts';
import { toFhirDocumentReference, toFhirPatient, type FhirDocumentReference, type FhirPatient } from '../fhir.ts';
import * as repo from '../repository.ts';
import { viewPersonAsStaff } from './access.ts';

export async function fhirPatient(db: Db, config: Config, actor: Actor, personId: string): Promise<FhirPatient> {
  const { person } = await viewPersonAsStaff(db, actor, personId, 'About me (FHIR Patient, through the API)');
  const nhs = await nhsLoginDetails(db, config, person.id);
  return toFhirPatient({ ...person, nhsNumber: nhs?.nhsNumber });
}

export async function fhirLetter(db: Db, actor: Actor, entryId: string): Promise<FhirDocumentReference> {
  const personId = await repo.personOfEntry(db, entryId);
  if (!personId) throw new NotFoundError('Not found');
  const entry = await repo.getEntry(db, personId, entryId);
  // A note or a care plan is not a letter: the same 404 as an id that is nobody's.
  if (entry?.kind !== 'letter') throw new NotFoundError('Not found');
  const { person } = await viewPersonAsStaff(db, actor, personId, `Letter "${entry.title}" (FHIR DocumentReference, through the API)`);
  const names = await displayNames(db, [entry.author_id]);
  return toFhirDocumentReference(entry, { person: person.about?.nameToUse || person.displayName, author: names.get(entry.author_id) ?? '' });
}

