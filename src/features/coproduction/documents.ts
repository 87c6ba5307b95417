// Service documents coproduced version by version, and the publish gate: a version is published
// only when a closed, adopted decision approves that exact version.
import { audit } from '../../platform/audit.ts';
import { nowIso, type Conn } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/policy.ts';
import { checkWriting, type WritingCheck } from './language-guard.ts';
import * as repo from './repository/index.ts';
import { originOf, WorkspaceError, type DocumentKind } from './service.ts';

export class PublishRefused extends Error {
  override name = 'PublishRefused';
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function slugify(title: string): string {
  return title.toLowerCase().normalize('NFKD').replace(/[^\w\s-]/g, '').replace(/[\s_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
}

/** Paragraphs are separated by blank lines; comments attach to a paragraph's index. */
export function paragraphs(body: string): string[] {
  return body.split(/\r?\n\s*\r?\n/).map((p) => p.trim()).filter(Boolean);
}

export interface VersionInput {
  title: string;
  summary: string;
  body: string;
}

/**
 * Saves a new version after checking it against the language guide. Findings that block stop
 * the save (nothing is written but the check's counts); others are saved with the version and shown.
 */
export async function saveVersion(db: Conn, actor: Actor, documentId: string, input: VersionInput, at: string = nowIso()): Promise<{ check: WritingCheck; version: { id: string; number: number } | null }> {
  const check = await checkWriting(db, versionText(input), 'document-version');
  if (check.blocking > 0) return { check, version: null };
  return { check, version: await insertCheckedVersion(db, actor, documentId, input, check, at) };
}

const versionText = (input: VersionInput) => `${input.title}\n\n${input.summary}\n\n${input.body}`;

async function insertCheckedVersion(db: Conn, actor: Actor, documentId: string, input: VersionInput, check: WritingCheck, at: string): Promise<{ id: string; number: number }> {
  const version = await repo.insertVersion(db, {
    document_id: documentId, title: input.title, summary: input.summary, body: input.body, created_by: actor.id, author_origin: originOf(actor),
    created_at: at, findings: check.findings.length, blocking: check.blocking,
  });
  await audit(db, { actorId: actor.id, action: 'coproduction.document-version', subject: documentId, detail: { version: version.number } });
  return version;
}

export type CreatedDocument =
  | { id: string; check: WritingCheck; version: { id: string; number: number } }
  /** The language guard blocked the first version: no document was made, and only the check's counts were kept. */
  | { id: null; check: WritingCheck; version: null };

/** A new document and its first version, unless the language guard blocks the text (then there is no document). */
export async function createDocument(db: Conn, actor: Actor, input: VersionInput & { kind: DocumentKind; slug: string }, at: string = nowIso()): Promise<CreatedDocument> {
  const taken = () => new WorkspaceError('slug', 'A page with that web address already exists: choose a different one');
  if (await repo.getDocumentBySlug(db, input.slug)) throw taken();
  const check = await checkWriting(db, versionText(input), 'document-version');
  if (check.blocking > 0) return { id: null, check, version: null };
  // Two people creating the same address at the same moment: the second insert does nothing.
  const id = await repo.insertDocument(db, { kind: input.kind, title: input.title, slug: input.slug, created_by: actor.id, created_at: at });
  if (!id) throw taken();
  return { id, check, version: await insertCheckedVersion(db, actor, id, input, check, at) };
}

export function publishedPath(doc: { kind: string; slug: string }): string {
  return doc.kind === 'news-post' ? `/news/${doc.slug}` : `/pages/${doc.slug}`;
}

/** The publish gate. Refuses, saying why, unless an adopted decision approves this exact version. */
export async function publishVersion(db: Conn, actor: Actor, versionId: string, at: string = nowIso()): Promise<{ decisionId: string }> {
  const version = await repo.getVersion(db, versionId);
  if (!version) throw new PublishRefused('That version does not exist.');
  if (version.published_at) throw new PublishRefused(`Version ${version.number} is already published.`);
  const decision = await repo.approvingDecision(db, versionId);
  if (!decision) {
    throw new PublishRefused(
      `Version ${version.number} cannot be published yet: no Coproduction Group decision has approved this exact version. ` +
        'Open a decision on this version from a proposal; once the group adopts it, you can publish it.',
    );
  }
  await repo.markPublished(db, version, decision.id, actor.id, at);
  const proposal = await repo.getProposal(db, decision.proposal_id);
  await repo.addEvent(db, { proposalId: decision.proposal_id, decisionId: decision.id, at, actorId: actor.id, actorOrigin: originOf(actor), kind: 'published', detail: { version: versionId } });
  if (proposal?.stage === 'implementing') {
    await repo.setStage(db, proposal.id, 'done', null, at);
    await repo.addEvent(db, { proposalId: proposal.id, decisionId: decision.id, at, actorId: actor.id, actorOrigin: originOf(actor), kind: 'stage', detail: { from: 'implementing', to: 'done' } });
  }
  await audit(db, { actorId: actor.id, action: 'coproduction.published', subject: version.document_id, detail: { version: version.number, decision: decision.id } });
  return { decisionId: decision.id };
}

export async function commentOnParagraph(db: Conn, actor: Actor, versionId: string, paragraph: number, body: string, at: string = nowIso()): Promise<void> {
  const version = await repo.getVersion(db, versionId);
  if (!version) throw new WorkspaceError('body', 'That version does not exist.');
  if (!Number.isInteger(paragraph) || paragraph < 0 || paragraph >= paragraphs(version.body).length) throw new WorkspaceError('paragraph', 'Choose a paragraph of this version');
  if (!body) throw new WorkspaceError(`comment-${paragraph}`, 'Enter your comment');
  await repo.insertDocumentComment(db, { version_id: versionId, paragraph, author_id: actor.id, author_origin: originOf(actor), body, created_at: at });
}
