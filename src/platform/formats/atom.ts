// The Atom feed of the service's news (RFC 4287), written by hand with one escape function.
export function escapeXml(value: string): string {
  // Characters XML 1.0 does not allow at all are dropped; the five special ones escaped.
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export interface FeedEntry {
  id: string;
  title: string;
  url: string;
  updated: string;
  published: string;
  summary: string;
  author: string;
}

export function atomFeed(feed: { id: string; title: string; selfUrl: string; siteUrl: string; updated: string; entries: FeedEntry[] }): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(feed.id)}</id>`,
    `  <title>${escapeXml(feed.title)}</title>`,
    `  <updated>${escapeXml(feed.updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(feed.siteUrl)}"/>`,
  ];
  for (const e of feed.entries) {
    lines.push(
      '  <entry>',
      `    <id>${escapeXml(e.id)}</id>`,
      `    <title type="text">${escapeXml(e.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(e.url)}"/>`,
      `    <published>${escapeXml(e.published)}</published>`,
      `    <updated>${escapeXml(e.updated)}</updated>`,
      `    <author><name>${escapeXml(e.author)}</name></author>`,
      `    <summary type="text">${escapeXml(e.summary)}</summary>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
