// Crisis help a person can act on with one tap: a number becomes a `tel:` link and "text X to N"
// an `sms:` link with the words already written (RFC 3966 and RFC 5724).
import type { Helpline } from './config.ts';

export interface HelplineView extends Helpline {
  /** `tel:…` or `sms:…`, or undefined when the contact is neither (a web address, say). */
  href?: string;
}

const PHONE = /^\+?[\d ()-]{3,20}$/;
const TEXT_TO = /^text\s+(.+?)\s+to\s+(\+?[\d ]{3,20})$/i;

/** The link a contact can be: `tel:116123` for "116 123", `sms:85258?body=SHOUT` for "text SHOUT to 85258". */
export function contactHref(contact: string): string | undefined {
  const text = TEXT_TO.exec(contact.trim());
  if (text) return `sms:${text[2]!.replace(/[^\d+]/g, '')}?body=${encodeURIComponent(text[1]!)}`;
  // "+44 (0)20 …": the (0) is dialled only from inside the country, never after +44.
  if (PHONE.test(contact.trim())) return `tel:${contact.replace('(0)', '').replace(/[^\d+]/g, '')}`;
  return undefined;
}

export function helplineViews(helplines: readonly Helpline[]): HelplineView[] {
  return helplines.map((line) => {
    const href = contactHref(line.contact);
    return href ? { ...line, href } : { ...line };
  });
}
