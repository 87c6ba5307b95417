// The coproduction workspace's queries, on its own tables only, by area. Each function takes a
// `Conn` and runs wherever its caller is (a service's transaction, or the database for a read).
export * from './decisions.ts';
export * from './documents.ts';
export * from './figures.ts';
export * from './mail.ts';
export * from './involvement.ts';
export * from './meetings.ts';
export * from './profiles.ts';
export * from './proposals.ts';
export * from './search.ts';
