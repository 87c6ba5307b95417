// Email addresses are compared as typed, without surrounding spaces and in lower case.
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
