// The accounts feature's door: its plugin (sign-in, invitations, resets, the lead's account
// administration) and what other features may use. It owns accounts and their roles, invitations,
// password resets and contact safety; nobody else queries those tables.
export { default } from './routes.ts';
export { createAdmin } from './admin.ts';
export { createAccountWithPassword, loadActor } from './service.ts';
export { hasSecondFactor } from './second-factor.ts';
export { normaliseEmail } from './email.ts';
export { accountWithRole, accountsWithRoles, countAccounts, displayNames, rolesOf } from './repository.ts';
export {
  CHANNELS, DEFAULT_NOTICE_SUBJECT, EMPTY_CONTACT, NOTICE_FREQUENCIES, NOTICE_TEXT, discreetEnvelope, isNoticeFrequency, loadContact, noticeBody, notifyAccount, saveContact,
  type ContactSafety, type Envelope, type NoticeFrequency,
} from './contact.ts';
export { inAppNotices, markAllNoticesRead, noticesSeen, openNotice, raiseNotice, sendNoticeDigests, type InAppNotice, type NoticeInput } from './notices.ts';
export { activeDisplayNames, namesAndEmails, roleHolderNames } from './repository.ts';
export { accountsWaiting } from './waiting.ts';
export { nhsLoginDetails } from './sign-on.ts';
