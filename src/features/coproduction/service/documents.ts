// Service documents coproduced version by version, and the publish gate: a version is published
// only when a closed, adopted decision approves that exact version. Every version is checked
// with the language guard on save; findings that block stop the save (only the check's counts
// are kept), and the result says so.
import { audit } from '../../../platform/audit.ts';
import { inTransaction, nowIso, type Conn, type Db } from '../../../platform/db/database.ts';
import { NotFoundError, type Actor } from '../../../platform/policy.ts';
import { Refusal } from '../../../platform/refusal.ts';
import { originOf, paragraphs, type DocumentKind } from '../model.ts';
import * as repo from '../repository/index.ts';
import type { DecisionTable, DocumentCommentTable, DocumentTable, DocumentVersionTable } from '../tables.ts';
import { checkWriting, findingsFor, type WritingCheck, type WritingFinding } from './language-check.ts';
import { namesAsSeen } from './people.ts';
import { guardOwnWords } from '../../language/index.ts';

export interface VersionInput {
  title: string;
  summary: string;
  body: string;
}

const versionText = (input: VersionInput) => `${input.title}\n\n${input.summary}\n\n${input.body}`;

async function insertCheckedVersion(trx: Conn, actor: Actor, documentId: string, input: VersionInput, check: WritingCheck, at: string): Promise<{ id: string; number: number }> {
  const version = await repo.insertVersion(trx, {
    document_id: documentId, title: input.title, summary: input.summary, body: input.body, created_by: actor.id, author_origin: originOf(actor),
    created_at: at, findings: check.findings.length, blocking: check.blocking,
  });
  await audit(trx, { actorId: actor.id, action: 'coproduction.document-version', subject: documentId, detail: { version: version.number } });
  return version;
}

/**
 * Saves a new version after checking it against the language guide. Findings that block stop
 * the save (nothing is written but the check's counts); others are saved with the version and shown.
 */
export async function saveVersion(db: Db, actor: Actor, documentId: string, input: VersionInput, at: string = nowIso()): Promise<{ check: WritingCheck; version: { id: string; number: number } | null }> {
  return inTransaction(db, async (trx) => {
    if (!(await repo.getDocument(trx, documentId))) throw new NotFoundError();
    const check = await checkWriting(trx, versionText(input), 'document-version');
    if (check.blocking > 0) return { check, version: null };
    return { check, version: await insertCheckedVersion(trx, actor, documentId, input, check, at) };
  });
}

export type DocumentRefusal = 'slug-taken';

export type CreatedDocument =
  | { id: string; check: WritingCheck; version: { id: string; number: number } }
  /** The language guard blocked the first version: no document was made, and only the check's counts were kept. */
  | { id: null; check: WritingCheck; version: null };

/** A new document and its first version, unless the language guard blocks the text (then there is no document). */
export async function createDocument(db: Db, actor: Actor, input: VersionInput & { kind: DocumentKind; slug: string }, at: string = nowIso()): Promise<CreatedDocument> {
  return inTransaction(db, async (trx) => {
    if (await repo.getDocumentBySlug(trx, input.slug)) throw new Refusal<DocumentRefusal>('slug-taken');
    const check = await checkWriting(trx, versionText(input), 'document-version');
    if (check.blocking > 0) return { id: null, check, version: null };
    // Two people creating the same address at the same moment: the second insert does nothing.
    const id = await repo.insertDocument(trx, { kind: input.kind, title: input.title, slug: input.slug, created_by: actor.id, created_at: at });
    if (!id) throw new Refusal<DocumentRefusal>('slug-taken');
    return { id, check, version: await insertCheckedVersion(trx, actor, id, input, check, at) };
  });
}

export type PublishRefusal = 'already-published' | 'not-approved';

/** The publish gate. Refuses unless an adopted decision approves this exact version. */
export async function publishVersion(db: Db, actor: Actor, versionId: string, at: string = nowIso()): Promise<{ decisionId: string; document: DocumentTable }> {
  return inTransaction(db, async (trx) => {
    const version = await repo.getVersion(trx, versionId);
    if (!version) throw new NotFoundError();
    if (version.published_at) throw new Refusal<PublishRefusal>('already-published');
    const decision = await repo.approvingDecision(trx, versionId);
    if (!decision) throw new Refusal<PublishRefusal>('not-approved');
    await repo.markPublished(trx, version, decision.id, actor.id, at);
    const proposal = await repo.getProposal(trx, decision.proposal_id);
    await repo.addEvent(trx, { proposalId: decision.proposal_id, decisionId: decision.id, at, actorId: actor.id, actorOrigin: originOf(actor), kind: 'published', detail: { version: versionId } });
    if (proposal?.stage === 'implementing') {
      await repo.setStage(trx, proposal.id, 'done', null, at);
      await repo.addEvent(trx, { proposalId: proposal.id, decisionId: decision.id, at, actorId: actor.id, actorOrigin: originOf(actor), kind: 'stage', detail: { from: 'implementing', to: 'done' } });
    }
    await audit(trx, { actorId: actor.id, action: 'coproduction.published', subject: version.document_id, detail: { version: version.number, decision: decision.id } });
    return { decisionId: decision.id, document: (await repo.getDocument(trx, version.document_id))! };
  });
}

export type ParagraphCommentRefusal = 'no-such-paragraph' | 'comment-needed';

export async function commentOnParagraph(db: Db, actor: Actor, versionId: string, paragraph: number, body: string, at: string = nowIso()): Promise<void> {
  return inTransaction(db, async (trx) => {
    const version = await repo.getVersion(trx, versionId);
    if (!version) throw new NotFoundError();
    if (!Number.isInteger(paragraph) || paragraph < 0 || paragraph >= paragraphs(version.body).length) throw new Refusal<ParagraphCommentRefusal>('no-such-paragraph');
    if (!body) throw new Refusal<ParagraphCommentRefusal>('comment-needed');
    await guardOwnWords(trx, actor.id, { body });
    await repo.insertDocumentComment(trx, { version_id: versionId, paragraph, author_id: actor.id, author_origin: originOf(actor), body, created_at: at });
  });
}

// What the pages show ---------------------------------------------------------------------------

export async function listDocuments(db: Db): Promise<DocumentTable[]> {
  return repo.listDocuments(db);
}

/** A version of one document, when it belongs to it (the URLs name both); otherwise not found. */
export async function versionOf(db: Db, documentId: string, versionId: string): Promise<DocumentVersionTable> {
  const version = await repo.getVersion(db, versionId);
  if (!version || version.document_id !== documentId) throw new NotFoundError();
  return version;
}

export interface DocumentView {
  document: DocumentTable;
  versions: DocumentVersionTable[];
  /** The version shown: the one asked for, or the newest. */
  version: DocumentVersionTable;
  comments: DocumentCommentTable[];
  /** The closed, adopted decision approving this exact version, if there is one. */
  approving: DecisionTable | undefined;
  decisionsOnVersion: DecisionTable[];
  names: Map<string, string>;
  /** The language guide's findings on the version shown (left out when the page shows a check of new text instead). */
  findings: WritingFinding[] | null;
}

export async function documentView(db: Db, id: string, versionNumber: number | null, options: { findings?: boolean } = {}): Promise<DocumentView> {
  const document = await repo.getDocument(db, id);
  if (!document) throw new NotFoundError();
  const versions = await repo.listVersions(db, id);
  const version = versionNumber ? versions.find((v) => v.number === versionNumber) : versions[0];
  if (!version) throw new NotFoundError();
  const comments = await repo.listDocumentComments(db, version.id);
  const approving = await repo.approvingDecision(db, version.id);
  const decisionsOnVersion = await repo.decisionsOnVersion(db, version.id);
  const names = await namesAsSeen(db, [...versions.map((v) => v.created_by), ...comments.map((c) => c.author_id)]);
  const findings = options.findings === false ? null : await findingsFor(db, versionText(version));
  return { document, versions, version, comments, approving, decisionsOnVersion, names, findings };
}
