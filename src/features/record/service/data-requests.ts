// Requests to correct or erase data: the person (any account, staff too) asks, the lead answers
// without reading the record. A lead's own request is answered by another lead, when there is one.
import { audit } from '../../../platform/audit.ts';
import type { Config } from '../../../platform/config.ts';
import { inTransaction, type Conn, type Db } from '../../../platform/db/database.ts';
import { NotFoundError } from '../../../platform/policy.ts';
import { accountsWithRoles, displayNames, raiseNotice } from '../../accounts/index.ts';
import { guardOwnWords } from '../../language/index.ts';
import * as repo from '../repository.ts';

export type DataRequestKind = 'erasure' | 'correction';
export type DataRequestOutcome = 'done' | 'refused';

export type DataRequest = Awaited<ReturnType<typeof repo.listDataRequests>>[number];
export type LeadRequests = Awaited<ReturnType<typeof requestsForLead>>;

/** One account's own requests, newest first. */
export async function requestsOf(db: Db, personId: string): Promise<DataRequest[]> {
  return repo.listDataRequests(db, personId);
}

/** A request to correct or erase; OwnPreviousName (nothing stored) when the detail holds a name the account asked us to protect. */
export async function openRequest(db: Db, personId: string, kind: DataRequestKind, detail: string): Promise<string> {
  return inTransaction(db, async (trx) => {
    await guardOwnWords(trx, personId, { detail });
    const id = await repo.insertDataRequest(trx, { person_id: personId, kind, detail });
    await audit(trx, { actorId: personId, action: `data-request.${kind}`, subject: personId, detail: { request: id } });
    return id;
  });
}

/** Whether a service lead other than this account can sign in (to answer this lead's own requests). */
async function anotherLeadExists(db: Conn, leadId: string): Promise<boolean> {
  return (await accountsWithRoles(db, ['lead'])).some((a) => a.id !== leadId);
}

/** Every request, for the lead: whose each is, and whether another lead can answer the lead's own. */
export async function requestsForLead(db: Db, leadId: string) {
  const [requests, othersCanAnswer] = await Promise.all([repo.listDataRequests(db), anotherLeadExists(db, leadId)]);
  const names = await displayNames(db, requests.map((r) => r.person_id));
  return { requests: requests.map((r) => ({ ...r, person_name: names.get(r.person_id) ?? '' })), othersCanAnswer };
}

/** A lead's own request is for another lead to answer, when there is one. */
export async function isOwnRequestForAnotherLead(db: Db, leadId: string, id: string): Promise<boolean> {
  const request = await repo.getDataRequest(db, id);
  return request?.person_id === leadId && (await anotherLeadExists(db, leadId));
}

/** NotFoundError when there is no such open request, or it is the lead's own and another lead can answer it. */
export async function answerRequest(db: Db, config: Config, leadId: string, id: string, outcome: DataRequestOutcome, answer: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const request = await repo.getDataRequest(trx, id);
    if (!request) throw new NotFoundError('Not found');
    if (request.person_id === leadId && (await anotherLeadExists(trx, leadId))) throw new NotFoundError('Not found');
    if (!(await repo.answerDataRequest(trx, id, { status: outcome, answer, answeredBy: leadId }))) throw new NotFoundError('Not found');
    await audit(trx, { actorId: leadId, action: `data-request.${outcome}`, subject: request.person_id, detail: { request: id } });
    await raiseNotice(trx, request.person_id, { purpose: 'data-request-answer', text: 'There is an answer to your request about your data', href: '/me/requests' });
  });
}
