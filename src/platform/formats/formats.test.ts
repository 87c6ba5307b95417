import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { atomFeed, escapeXml } from './atom.ts';
import { csvCell, toCsv } from './csv.ts';

describe('Atom feed', () => {
  test('escapes the five XML characters and drops characters XML forbids', () => {
    assert.equal(escapeXml(`<a href="x">Tom & 'Jerry'</a>\u0001`), '&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;');
  });

  test('a feed with awkward titles is well formed', () => {
    const xml = atomFeed({
      id: 'https://example.org/news',
      title: 'News & views',
      selfUrl: 'https://example.org/news/feed.xml',
      siteUrl: 'https://example.org/news',
      updated: '2026-11-26T10:00:00.000Z',
      entries: [{ id: 'urn:uuid:1', title: '<script>alert("x")</script> & more', url: 'https://example.org/news/a?b=1&c=2', updated: '2026-11-26T10:00:00.000Z', published: '2026-11-26T10:00:00.000Z', summary: 'A & B', author: "O'Neil" }],
    });
    assert.ok(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>'));
    assert.match(xml, /<title type="text">&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; more<\/title>/);
    assert.match(xml, /href="https:\/\/example.org\/news\/a\?b=1&amp;c=2"/);
    assertWellFormed(xml);
  });
});

/** A small XML well-formedness check: every tag closes in order and every & starts an entity. */
function assertWellFormed(xml: string): void {
  const body = xml.replace(/^<\?xml[^?]*\?>/, '');
  const stack: string[] = [];
  for (const match of body.matchAll(/<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g)) {
    const [, closing, name, , selfClosing] = match;
    if (selfClosing) continue;
    if (closing) assert.equal(stack.pop(), name, `</${name}> closes the wrong element`);
    else stack.push(name!);
  }
  assert.deepEqual(stack, [], 'every element is closed');
  const text = body.replace(/<[^>]*>/g, '');
  assert.ok(!/[<>]/.test(text), 'no stray angle brackets');
  assert.ok(!/&(?!(amp|lt|gt|quot|apos);)/.test(body), 'every ampersand is an entity');
}

describe('CSV', () => {
  test('quotes commas, quotes and line breaks, and defuses formulas', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('Ellis, Jordan'), '"Ellis, Jordan"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvCell(90), '90');
    assert.equal(toCsv(['a', 'b'], [['1', null]]), 'a,b\r\n1,\r\n');
  });
});
