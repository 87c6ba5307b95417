// Coproduced documents and the publish gate (/coproduction/documents): starting one, versions,
// comments on a paragraph, and publishing the version a group decision approved.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { NotFoundError, type Actor } from '../../../platform/policy.ts';
import { wordsFor } from '../forms/common.ts';
import {
  blockingErrors, DOCUMENT_REFUSALS, paragraphCommentRefusals, paragraphField, publishRefusals, readDocumentForm, readParagraphCommentForm, readVersionForm,
} from '../forms/documents.ts';
import { publishedPath } from '../model.ts';
import { statusFor, type FormState } from '../present/common.ts';
import { documentPage, documentsPage, newDocumentPage } from '../present/documents.ts';
import { DocumentBody, DocumentQuery, IdParams, ParagraphCommentBody, VersionBody, VersionParams } from '../schemas.ts';
import { commentOnParagraph, createDocument, documentView, listDocuments, publishVersion, saveVersion, versionOf, type CreatedDocument } from '../service/documents.ts';
import type { WritingFinding } from '../service/language-check.ts';

/** "3 language suggestions", for the message after a version is saved. */
const suggestions = (findings: readonly WritingFinding[]) => `${findings.length} language ${findings.length === 1 ? 'suggestion' : 'suggestions'}`;

export default async function documentRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = fastify;

  app.get('/coproduction/documents', { config: { policy: 'group-or-staff' } }, async (request, reply) =>
    reply.view('coproduction/views/documents.njk', documentsPage(await listDocuments(db), request.actor)),
  );

  app.get('/coproduction/documents/new', { config: { policy: 'group-or-staff' } }, async (request, reply) => reply.view('coproduction/views/document-new.njk', newDocumentPage(request.actor, {})));

  app.post('/coproduction/documents', { config: { policy: 'group-or-staff' }, schema: { body: DocumentBody } }, async (request, reply) => {
    const form = readDocumentForm(request.body);
    const again = (errors: typeof form.errors, findings?: WritingFinding[]) => reply.code(400).view('coproduction/views/document-new.njk', newDocumentPage(request.actor, form.values, errors, findings));
    if (!form.input) return again(form.errors);
    let result: CreatedDocument;
    try {
      result = await createDocument(db, request.actor!, form.input);
    } catch (error) {
      return again(wordsFor(error, DOCUMENT_REFUSALS));
    }
    // The language guard blocked the first version: nothing but the check's counts was kept.
    if (!result.id) return again(blockingErrors(result.check.findings, 'body'), result.check.findings);
    request.session.flash = result.check.findings.length ? `Version 1 saved, with ${suggestions(result.check.findings)} to look at` : 'Version 1 saved';
    return reply.redirect(`/coproduction/documents/${result.id}`, 303);
  });

  const showDocument = async (reply: FastifyReply, actor: Actor | null, id: string, versionNumber: number | null, forms: FormState & { findings?: WritingFinding[]; status?: number } = {}) => {
    const view = await documentView(db, id, versionNumber, { findings: forms.findings === undefined });
    return reply.code(forms.status ?? statusFor(forms.errors)).view('coproduction/views/document.njk', documentPage(view, actor, forms));
  };

  app.get('/coproduction/documents/:id', { config: { policy: 'group-or-staff' }, schema: { params: IdParams, querystring: DocumentQuery } }, async (request, reply) => {
    const n = request.query.version ? Number(request.query.version) : null;
    if (n !== null && (!Number.isInteger(n) || n < 1)) throw new NotFoundError();
    return showDocument(reply, request.actor, request.params.id, n);
  });

  app.post('/coproduction/documents/:id/versions', { config: { policy: 'group-or-staff' }, schema: { params: IdParams, body: VersionBody } }, async (request, reply) => {
    const form = readVersionForm(request.body);
    if (!form.input) return showDocument(reply, request.actor, request.params.id, null, { form: 'version', values: { ...form.values }, errors: form.errors });
    const result = await saveVersion(db, request.actor!, request.params.id, form.input);
    if (!result.version) {
      return showDocument(reply, request.actor, request.params.id, null, { form: 'version', values: { ...form.values }, errors: blockingErrors(result.check.findings, 'body'), findings: result.check.findings });
    }
    request.session.flash = `Version ${result.version.number} saved${result.check.findings.length ? `, with ${suggestions(result.check.findings)} to look at` : ''}`;
    return reply.redirect(`/coproduction/documents/${request.params.id}`, 303);
  });

  app.post('/coproduction/documents/:id/versions/:versionId/comments', { config: { policy: 'group-or-staff' }, schema: { params: VersionParams, body: ParagraphCommentBody } }, async (request, reply) => {
    const version = await versionOf(db, request.params.id, request.params.versionId);
    const form = readParagraphCommentForm(request.body);
    const again = (errors: typeof form.errors) => showDocument(reply, request.actor, request.params.id, version.number, { form: paragraphField(form.paragraph), values: form.values, errors });
    if (form.errors.length) return again(form.errors);
    try {
      await commentOnParagraph(db, request.actor!, version.id, form.paragraph, form.body);
    } catch (error) {
      return again(wordsFor(error, paragraphCommentRefusals(form.paragraph)));
    }
    request.session.flash = `Your comment on paragraph ${form.paragraph + 1} has been added`;
    return reply.redirect(`/coproduction/documents/${request.params.id}?version=${version.number}#paragraph-${form.paragraph + 1}`, 303);
  });

  app.post('/coproduction/documents/:id/versions/:versionId/publish', { config: { policy: 'group-or-staff' }, schema: { params: VersionParams } }, async (request, reply) => {
    const version = await versionOf(db, request.params.id, request.params.versionId);
    let published: Awaited<ReturnType<typeof publishVersion>>;
    try {
      published = await publishVersion(db, request.actor!, version.id);
    } catch (error) {
      return showDocument(reply, request.actor, request.params.id, version.number, { form: 'publish', errors: wordsFor(error, publishRefusals(version.number)), status: 409 });
    }
    const { document } = published;
    request.session.flash = document.kind === 'letter-template' ? `Version ${version.number} is now the letter template in use` : `Version ${version.number} is published at ${publishedPath(document)}`;
    return reply.redirect(`/coproduction/documents/${request.params.id}?version=${version.number}`, 303);
  });
}
