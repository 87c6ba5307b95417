import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contactHref, helplineViews } from './crisis.ts';
import { testConfig } from './config.ts';

test('every number is a tel: link and every "text X to N" an sms: link with the words written', () => {
  assert.equal(contactHref('116 123'), 'tel:116123');
  assert.equal(contactHref('999'), 'tel:999');
  assert.equal(contactHref('0800 0119 100'), 'tel:08000119100');
  assert.equal(contactHref('+44 (0)20 7946 0000'), 'tel:+442079460000');
  assert.equal(contactHref('text SHOUT to 85258'), 'sms:85258?body=SHOUT');
  assert.equal(contactHref('Text Hello there to 07700 900 982'), 'sms:07700900982?body=Hello%20there');
  assert.equal(contactHref('https://example.org/chat'), undefined);
});

test('the default helplines are all links', () => {
  const views = helplineViews(testConfig().helplines);
  assert.ok(views.length >= 4);
  assert.deepEqual(views.filter((v) => !v.href).map((v) => v.name), []);
});
