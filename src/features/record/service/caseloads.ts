// Caseloads, assigned by the lead, who reads no record in doing so: a practitioner sees the
// people on their caseload (and those they hold time-limited access to), nobody else. A change
// that involves the lead's own account is another lead's to make.
import { audit } from '../../../platform/audit.ts';
import { inTransaction, type Db } from '../../../platform/db/database.ts';
import { NotFoundError, hasRole, type Actor } from '../../../platform/policy.ts';
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

/**
 * `no-practitioner`: not a practitioner who can sign in; `no-person`: no one using the service
 * has that address; `own-account`: the change involves the lead's own account (as the
 * practitioner or as the person), which another lead makes.
 */
export type CaseloadRefusal = 'no-practitioner' | 'no-person' | 'own-account';

/**
 * Separation of duties: whoever assigns caseloads never changes one that involves their own
 * account. A lead who is also a practitioner would otherwise give themself a person's record; a
 * lead who also uses the service would choose who reads their own. Another lead does it, and
 * the audit names them.
 */
function refuseOwn(lead: Actor, ...accountIds: string[]): void {
  if (accountIds.includes(lead.id)) throw new Refusal<CaseloadRefusal>('own-account');
}

/** NotFoundError unless the one asking is a lead: the rule is the service's, whoever calls it. */
function requireLead(lead: Actor): void {
  if (!hasRole(lead, 'lead')) throw new NotFoundError('Not found');
}

export async function assignToCaseload(db: Db, lead: Actor, practitionerId: string, personEmail: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    requireLead(lead);
    refuseOwn(lead, practitionerId);
    if (!(await accountWithRole(trx, { id: practitionerId }, 'practitioner'))) throw new Refusal<CaseloadRefusal>('no-practitioner');
    const person = await accountWithRole(trx, { email: personEmail }, 'person');
    if (!person) throw new Refusal<CaseloadRefusal>('no-person');
    refuseOwn(lead, person.id);
    await repo.addToCaseload(trx, practitionerId, person.id, lead.id);
    await audit(trx, { actorId: lead.id, action: 'caseload.add', subject: person.id, detail: { practitioner: practitionerId } });
  });
}

/** NotFoundError when the person is not on that caseload; `own-account` when it involves the lead. */
export async function unassignFromCaseload(db: Db, lead: Actor, practitionerId: string, personId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    requireLead(lead);
    refuseOwn(lead, practitionerId, personId);
    if (!(await repo.removeFromCaseload(trx, practitionerId, personId))) throw new NotFoundError('Not found');
    await audit(trx, { actorId: lead.id, action: 'caseload.remove', subject: personId, detail: { practitioner: practitionerId } });
  });
}
