import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactUrl } from './logging.ts';

test('links that sign someone in never reach the logs', () => {
  assert.equal(redactUrl('/reset-password/abcDEF123_-xyz'), '/reset-password/[token]');
  assert.equal(redactUrl('/invitations/abcDEF123_-xyz?x=1'), '/invitations/[token]?x');
  assert.equal(redactUrl('/sign-in?next=%2Fpeople%2F1&email=a%40b.c'), '/sign-in?next&email');
  assert.equal(redactUrl('/people/4b0c'), '/people/4b0c');
});
