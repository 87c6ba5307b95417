// Who may see a person, and the trace every look leaves. `personRecordAccess` (platform/policy.ts)
// decides; everyone it does not allow gets NotFoundError (404), whether the person exists or not.
// Every view by someone else is written to the access log the person reads, and to the audit.
import { audit } from '../../../platform/audit.ts';
import type { Config } from '../../../platform/config.ts';
import { inTransaction, nowIso, type Conn, type Db } from '../../../platform/db/database.ts';
import { NotFoundError, mayWritePersonRecord, personRecordAccess, type Actor } from '../../../platform/policy.ts';
import { Refusal } from '../../../platform/refusal.ts';
import { accountWithRole, displayNames, loadActor, raiseNotice } from '../../accounts/index.ts';
import type { NameStopped, ProfileLoader } from '../../language/index.ts';
import type { CompiledGuide } from '../../language/engine/index.ts';
import { checkAboutPerson, compilePerson, guideInForce, nameStopped, type FieldFinding } from '../guard.ts';
import type { AboutMe } from '../profile.ts';
import * as repo from '../repository.ts';
import { loadAboutMe } from './about-me.ts';

export type Access = 'self' | 'caseload' | 'grant';

export interface PersonSummary {
  id: string;
  displayName: string;
  email: string;
  createdAt: string;
  about: AboutMe | undefined;
}

/** A person this account may see: how (`access`), and why, in the words the access log keeps. */
export interface PersonAccess {
  person: PersonSummary;
  access: Access;
  why: string;
}

/**
 * The person, if this account may see them, and how; otherwise NotFoundError (404), whether the
 * person exists or not, so nobody learns who uses the service.
 */
export async function personFor(db: Conn, actor: Actor, personId: string): Promise<PersonAccess> {
  const account = await accountWithRole(db, { id: personId }, 'person');
  if (!account) throw new NotFoundError('Not found');
  const caseload = actor.id !== personId && (await repo.onCaseload(db, actor.id, personId));
  const grant = actor.id !== personId && !caseload ? await repo.activeGrant(db, actor.id, personId, nowIso()) : undefined;
  const access = personRecordAccess(actor, personId, { onCaseload: caseload, grantActive: grant !== undefined });
  if (!access) throw new NotFoundError('Not found');
  const why = access === 'caseload' ? 'On their caseload' : access === 'grant' ? `Time-limited access: ${grant!.reason}` : 'Their own record';
  return {
    person: { id: account.id, displayName: account.displayName, email: account.email, createdAt: account.createdAt, about: await loadAboutMe(db, personId) },
    access,
    why,
  };
}

/** As personFor, but only for staff who may write in the record. */
export async function personForStaff(db: Conn, actor: Actor, personId: string): Promise<PersonAccess> {
  const found = await personFor(db, actor, personId);
  if (!mayWritePersonRecord(actor, found.access)) throw new NotFoundError('Not found');
  return found;
}

const ROLE_WORDS: Record<string, string> = { practitioner: 'Practitioner', lead: 'Service lead', group: 'Coproduction Group member', person: 'Person' };

/** Records a view of a person's data by someone else: the access log they read, and the audit. */
export async function recordView(db: Conn, actor: Actor, personId: string, what: string, why: string): Promise<void> {
  if (actor.id === personId) return;
  const role = actor.roles.has('practitioner') ? 'practitioner' : ([...actor.roles][0] ?? 'unknown');
  // One commit for both: every view is a write, and on SQLite each commit waits for the disk.
  await inTransaction(db, async (trx) => {
    await repo.logAccess(trx, { person_id: personId, viewer_id: actor.id, viewer_role: ROLE_WORDS[role] ?? role, what, why });
    // The audit holds ids only; what was looked at, in words, is in the person's own access log.
    await audit(trx, { actorId: actor.id, action: 'record.view', subject: personId, detail: { role } });
  });
}

/** A person as staff who may write about them open them (404 otherwise), with the view recorded. */
export async function viewPersonAsStaff(db: Db, actor: Actor, personId: string, what: string): Promise<PersonAccess> {
  const found = await personForStaff(db, actor, personId);
  await recordView(db, actor, found.person.id, what, found.why);
  return found;
}

export type AccessLog = Awaited<ReturnType<typeof accessLogOf>>;

/** Who has looked at the person's record, and the time-limited access given to their record. */
export async function accessLogOf(db: Db, personId: string) {
  const [log, grants] = await Promise.all([repo.listAccessLog(db, personId), repo.listGrantsAbout(db, personId)]);
  const names = await displayNames(db, [...log.map((a) => a.viewer_id), ...grants.map((g) => g.practitioner_id)]);
  return {
    log: log.map(({ viewer_id, ...a }) => ({ ...a, viewer: names.get(viewer_id) ?? '' })),
    grants: grants.map(({ practitioner_id, ...g }) => ({ ...g, practitioner: names.get(practitioner_id) ?? '' })),
  };
}

/**
 * Staff free text the person reads beside the record (reasons, answers, kept-warning reasons) is
 * checked like the record itself: a block finding (a previous name) refuses it. Returns the
 * blocking findings, by field; the counts are logged, never the text.
 */
export async function staffNoteFindings(
  db: Db,
  config: Config,
  actor: Actor,
  person: { id: string; displayName: string; about: AboutMe | undefined },
  fields: Record<string, string>,
  guide?: CompiledGuide,
): Promise<FieldFinding[]> {
  if (!Object.values(fields).some((t) => t.trim())) return [];
  // The guide is read (and cached) outside the transaction.
  const compiled = guide ?? (await guideInForce(db));
  return inTransaction(db, async (trx) => (await checkAboutPerson(trx, config, person, fields, { source: 'record-staff-note', actorId: actor.id }, compiled)).blocking);
}

/**
 * `no-person`: no one using the service has that address (or it is the asker's own);
 * `previous-name`: the reason, which the person reads, uses a name they no longer use.
 */
export type AccessRefusal = 'no-person' | 'previous-name';

/**
 * Time-limited access to someone not on the practitioner's caseload, for a reason the person
 * reads and is told about. Refused (AccessRefusal) after the trace of the attempt is committed:
 * asking about an address that is nobody's, or writing a protected name, is never forgotten.
 */
export async function grantAccess(db: Db, config: Config, actor: Actor, request: { email: string; reason: string; hours: number }): Promise<{ personId: string }> {
  const guide = await guideInForce(db);
  const outcome = await inTransaction(db, async (trx): Promise<{ personId: string } | AccessRefusal> => {
    const account = await accountWithRole(trx, { email: request.email }, 'person');
    if (!account || account.id === actor.id) {
      // Asking about addresses that are nobody's leaves a trace too (never the address itself).
      await audit(trx, { actorId: actor.id, action: 'record.access-no-such-person' });
      return 'no-person';
    }
    // The person reads the reason: it must not use a name they no longer use.
    const person = { id: account.id, displayName: account.displayName, about: await loadAboutMe(trx, account.id) };
    if ((await staffNoteFindings(trx, config, actor, person, { reason: request.reason }, guide)).length) return 'previous-name';
    const id = await repo.addGrant(trx, {
      practitioner_id: actor.id,
      person_id: person.id,
      reason: request.reason,
      expires_at: new Date(Date.now() + request.hours * 3600_000).toISOString(),
    });
    await audit(trx, { actorId: actor.id, action: 'record.access-granted', subject: person.id, detail: { grant: id, hours: request.hours } });
    await raiseNotice(trx, person.id, { purpose: 'record-access', text: 'Someone new was given time-limited access to your record', href: '/me/access-log' });
    return { personId: person.id };
  });
  if (typeof outcome === 'string') throw new Refusal<AccessRefusal>(outcome);
  return outcome;
}

/**
 * For the language check API (live checking in the editor): a person's compiled profile, only
 * for a practitioner with the person on their caseload; undefined (the API answers 404)
 * otherwise, a self-granted time-limited access included.
 */
export function recordProfileLoader(db: Db, config: Config): ProfileLoader {
  return async (actorId, personId) => {
    const actor = await loadActor(db, actorId);
    if (!actor) return undefined;
    try {
      const { person, access } = await personForStaff(db, actor, personId);
      // Time-limited access is given by the practitioner to themself: it lets them read and
      // write, but not test text against the person's protected names as they type.
      if (access === 'grant') return undefined;
      return await compilePerson(db, config.secret, person);
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  };
}

/** For the language check API: a previous name it stopped, counted and written to the person's access log. */
export function recordNameStopped(db: Db, config: Config): NameStopped {
  return (actorId, personId, source) => nameStopped(db, config, actorId, personId, source);
}
