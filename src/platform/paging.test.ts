import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pageOf, paginationFor } from './paging.ts';

test('a page number is kept within the pages there are', () => {
  assert.deepEqual(pageOf(undefined, 45, 20), { number: 1, pages: 3, limit: 20, offset: 0 });
  assert.deepEqual(pageOf(3, 45, 20), { number: 3, pages: 3, limit: 20, offset: 40 });
  assert.equal(pageOf(99, 45, 20).number, 3, 'past the end: the last page');
  assert.equal(pageOf(0, 45, 20).number, 1);
  assert.deepEqual(pageOf(2, 0, 20), { number: 1, pages: 1, limit: 20, offset: 0 }, 'an empty list has one (empty) page');
});

test('the links show the first, the last and the neighbours, with ellipses between', () => {
  const href = (n: number) => `/list?page=${n}`;
  assert.equal(paginationFor(pageOf(1, 20, 20), href), undefined, 'no links when everything fits');
  const middle = paginationFor(pageOf(5, 200, 20), href)!;
  assert.deepEqual(middle.items.map((i) => (i.ellipsis ? '…' : i.current ? `[${i.number}]` : String(i.number))), ['1', '…', '4', '[5]', '6', '…', '10']);
  assert.equal(middle.previous?.href, '/list?page=4');
  assert.equal(middle.next?.href, '/list?page=6');
  const first = paginationFor(pageOf(1, 45, 20), href)!;
  assert.equal(first.previous, undefined);
  assert.deepEqual(first.items.map((i) => i.number), [1, 2, 3]);
  assert.equal(paginationFor(pageOf(3, 45, 20), href)!.next, undefined);
});
