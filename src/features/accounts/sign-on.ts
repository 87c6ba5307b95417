// Signing in through another's word: the organisation's identity provider for staff, NHS login
// for people. Sign-on never creates an account (only an invitation does, and NHS login can
// accept one); an identity that matches no account gets the same answer as a wrong password.
import type { Config } from '../../platform/config.ts';
import { audit } from '../../platform/audit.ts';
import { inTransaction, type Db } from '../../platform/db/database.ts';
import type { Role } from '../../platform/policy.ts';
import { normaliseEmail } from './email.ts';
import { decryptNhsNumber, encryptNhsNumber, isNhsNumber } from './nhs-number.ts';
import type { SignOnClaims } from './oidc.ts';
import * as repo from './repository.ts';
import { hashToken } from './service.ts';

/** Roles that sign in through the organisation: the service's own staff. */
export const STAFF_ROLES: readonly Role[] = ['practitioner', 'lead', 'duty'];

/** An invitation NHS login may accept: to a person account, with no staff role (staff sign in through their organisation). */
export function invitationMayUseNhsLogin(roles: string | undefined): boolean {
  const list = (roles?.split(',').filter(Boolean) ?? []) as Role[];
  return list.includes('person') && !list.some((role) => STAFF_ROLES.includes(role));
}

/** The address the provider vouches for, or undefined when it does not say it checked it. */
function verifiedEmail(claims: SignOnClaims): string | undefined {
  return claims.email_verified === true && typeof claims.email === 'string' && claims.email.includes('@') ? normaliseEmail(claims.email) : undefined;
}

/**
 * A staff account whose address the organisation's provider vouches for signs in as itself.
 * Undefined (the same as a wrong password) for an unverified or unknown address, a suspended
 * account, or one that is not staff.
 */
export async function signInWithOrganisation(db: Db, claims: SignOnClaims): Promise<string | undefined> {
  return inTransaction(db, async (trx) => {
    const email = verifiedEmail(claims);
    const account = email ? await repo.findAccountByEmail(trx, email) : undefined;
    const roles = account ? await repo.rolesOf(trx, account.id) : [];
    if (account && roles.some((role) => STAFF_ROLES.includes(role))) {
      await audit(trx, { actorId: account.id, action: 'sign-in', subject: account.id, detail: { with: 'organisation' } });
      return account.id;
    }
    await audit(trx, { actorId: null, action: 'sign-in-failed', subject: account ? account.id : null, detail: { with: 'organisation' } });
    return undefined;
  });
}

/** NHS login's identity proofing level: P0, P5 or P9 (from `identity_proofing_level`, or the `vot` it met). */
export function identityLevel(claims: SignOnClaims): string | null {
  if (typeof claims.identity_proofing_level === 'string' && /^P[059]$/.test(claims.identity_proofing_level)) return claims.identity_proofing_level;
  if (typeof claims.vot === 'string') return /^(P[059])/.exec(claims.vot)?.[1] ?? null;
  return null;
}

/**
 * A person signs in with NHS login. Their NHS login identity signs in the account it is linked
 * to; not yet linked, it links to (and signs in) the account of the invitation being accepted,
 * or else the person account whose address NHS login vouches for. Nothing else: no account is
 * made but from an invitation, staff accounts are not reached this way, and an account already
 * linked to another NHS login identity stays so. The NHS number is kept encrypted; the level of
 * identity proofing is recorded at every sign-in.
 */
export async function signInWithNhsLogin(db: Db, config: Config, claims: SignOnClaims, invitationToken?: string): Promise<string | undefined> {
  return inTransaction(db, async (trx) => {
    const nhsNumberEncrypted = isNhsNumber(claims.nhs_number) ? encryptNhsNumber(config.secret, claims.nhs_number) : null;
    const level = identityLevel(claims);
    const isActivePerson = async (accountId: string) => Boolean(await repo.getActiveAccount(trx, accountId)) && (await repo.rolesOf(trx, accountId)).includes('person');
    const signedIn = async (accountId: string, how: string) => {
      await audit(trx, { actorId: accountId, action: 'sign-in', subject: accountId, detail: { with: 'nhs-login', how, identityLevel: level } });
      return accountId;
    };
    const refused = async (subject: string | null) => {
      await audit(trx, { actorId: null, action: 'sign-in-failed', subject, detail: { with: 'nhs-login' } });
      return undefined;
    };

    const link = await repo.findNhsLoginLink(trx, claims.sub);
    if (link) {
      if (!(await isActivePerson(link.account_id))) return refused(link.account_id);
      await repo.updateNhsLoginLink(trx, claims.sub, { nhsNumberEncrypted, identityLevel: level });
      return signedIn(link.account_id, 'linked');
    }

    if (invitationToken) {
      const invitation = await repo.findOpenInvitation(trx, hashToken(invitationToken), new Date().toISOString());
      if (!invitation || !invitationMayUseNhsLogin(invitation.roles)) return refused(null);
      const roles = invitation.roles.split(',').filter(Boolean) as Role[];
      if (!(await repo.markInvitationAccepted(trx, invitation.id))) return refused(null);
      if (await repo.findAnyAccountByEmail(trx, invitation.email)) return refused(null);
      const accountId = await repo.createAccount(trx, { email: invitation.email, displayName: invitation.display_name, passwordHash: null, roles, grantedBy: invitation.invited_by });
      await repo.insertNhsLoginLink(trx, { accountId, subject: claims.sub, nhsNumberEncrypted, identityLevel: level });
      await audit(trx, { actorId: accountId, action: 'invitation-accepted', subject: invitation.id, detail: { roles: roles.join(','), with: 'nhs-login' } });
      return signedIn(accountId, 'invitation');
    }

    const email = verifiedEmail(claims);
    const account = email ? await repo.findAccountByEmail(trx, email) : undefined;
    if (!account || !(await isActivePerson(account.id))) return refused(account ? account.id : null);
    const roles = await repo.rolesOf(trx, account.id);
    if (roles.some((role) => STAFF_ROLES.includes(role)) || (await repo.nhsLoginLinkOf(trx, account.id))) return refused(account.id);
    await repo.insertNhsLoginLink(trx, { accountId: account.id, subject: claims.sub, nhsNumberEncrypted, identityLevel: level });
    return signedIn(account.id, 'email');
  });
}

/** What NHS login said about an account: its NHS number (when it gave one and it can be read) and the proofing level. */
export async function nhsLoginDetails(db: Db, config: Config, accountId: string): Promise<{ nhsNumber?: string; identityLevel: string | null } | undefined> {
  const link = await repo.nhsLoginLinkOf(db, accountId);
  if (!link) return undefined;
  const nhsNumber = link.nhs_number_encrypted ? decryptNhsNumber(config.secret, link.nhs_number_encrypted) : undefined;
  return { ...(nhsNumber ? { nhsNumber } : {}), identityLevel: link.identity_level };
}
