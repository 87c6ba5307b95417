// Caseloads, assigned by the lead, who reads no record in doing so: a practitioner sees the
// people on their caseload (and those they hold time-limited access to), nobody else.
import { audit } from '../../../platform/audit.ts';
import { inTransaction, type Db } from '../../../platform/db/database.ts';
import { NotFoundError, type Actor } from '../../../platform/policy.ts';
import { Refusal } from '../../../platform/refusal.ts';
import { accountWithRole, accountsWithRoles, displayNames } from '../../accounts/index.ts';
import * as repo from '../repository.ts';

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export type CaseloadsOverview = Awaited<ReturnType<typeof caseloadsOverview>>;

/** Who is on whose caseload, by practitioner then person, and the practitioners to choose from. */
export async function caseloadsOverview(db: Db) {
  const [practitioners, rows] = await Promise.all([accountsWithRoles(db, ['practitioner']), repo.listAllCaseloads(db)]);
  const names = await displayNames(db, rows.flatMap((r) => [r.practitioner_id, r.person_id]));
  const caseloads = rows
    .map((r) => ({ ...r, practitioner_name: names.get(r.practitioner_id) ?? '', person_name: names.get(r.person_id) ?? '' }))
    .sort((a, b) => byText(a.practitioner_name, b.practitioner_name) || byText(a.person_name, b.person_name));
  return { practitioners, caseloads };
}

/** `no-practitioner`: not a practitioner who can sign in; `no-person`: no one using the service has that address. */
export type CaseloadRefusal = 'no-practitioner' | 'no-person';

export async function assignToCaseload(db: Db, lead: Actor, practitionerId: string, personEmail: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    if (!(await accountWithRole(trx, { id: practitionerId }, 'practitioner'))) throw new Refusal<CaseloadRefusal>('no-practitioner');
    const person = await accountWithRole(trx, { email: personEmail }, 'person');
    if (!person) throw new Refusal<CaseloadRefusal>('no-person');
    await repo.addToCaseload(trx, practitionerId, person.id, lead.id);
    await audit(trx, { actorId: lead.id, action: 'caseload.add', subject: person.id, detail: { practitioner: practitionerId } });
  });
}

/** NotFoundError when the person is not on that caseload. */
export async function unassignFromCaseload(db: Db, lead: Actor, practitionerId: string, personId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    if (!(await repo.removeFromCaseload(trx, practitionerId, personId))) throw new NotFoundError('Not found');
    await audit(trx, { actorId: lead.id, action: 'caseload.remove', subject: personId, detail: { practitioner: practitionerId } });
  });
}
