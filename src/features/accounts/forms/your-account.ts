// "Your account" forms: showing it is you again (a password or a code) before a second factor is
// removed or new recovery codes are made, and the words for each refusal.
import { text, type FieldError } from '../../../platform/forms.ts';
import type { FactorRefusal, Proof, ProofChoices } from '../your-account.ts';

/** The field the error belongs beside: the password when the account has one, else the code. */
const firstField = (choices: ProofChoices) => (choices.hasPassword ? 'password' : 'code');

export function readProofForm(body: unknown, choices: ProofChoices): { values: Proof; errors: FieldError[] } {
  const values = { password: choices.hasPassword ? text(body, 'password') : '', code: text(body, 'code').slice(0, 100) };
  const errors: FieldError[] = [];
  if (!values.password && !values.code) errors.push(proofRefused('no-proof', choices, values));
  return { values, errors };
}

/** Each refusal in words, beside the field it concerns. */
export function proofRefused(code: FactorRefusal, choices: ProofChoices, values: Proof = { password: '', code: '' }): FieldError {
  const either = choices.hasPassword ? 'your password, or a code from your authenticator app or a recovery code' : 'a code from your authenticator app, or a recovery code';
  switch (code) {
    case 'no-proof':
      return { field: firstField(choices), message: `Enter ${either}` };
    case 'wrong-proof':
      return { field: values.password ? 'password' : 'code', message: values.password ? 'That password is not right. Enter your password again, or a code' : 'That code is not right, or has been used. Enter a new code' };
    case 'last-factor':
      return { field: 'factor', message: 'You cannot remove your only second way to sign in: staff accounts must have one. Add another passkey or authenticator app first, then remove this one' };
    case 'no-factor':
      return { field: 'factor', message: 'Recovery codes come with a passkey or an authenticator app. Add one first' };
  }
}

export const FACTOR_REFUSALS: readonly FactorRefusal[] = ['no-proof', 'wrong-proof', 'last-factor', 'no-factor'];
