// The document forms: starting a document, a new version, a comment on a paragraph; the language
// guard's blocking findings and the publish gate's refusals in words. Pure.
import { text, type FieldError } from '../../../platform/forms.ts';
import { DOCUMENT_KINDS, isOneOf, SLUG_PATTERN, slugify, type DocumentKind } from '../model.ts';
import type { DocumentRefusal, ParagraphCommentRefusal, PublishRefusal, VersionInput } from '../service/documents.ts';
import type { WritingFinding } from '../service/language-check.ts';
import type { Read } from './common.ts';

function versionErrors(values: VersionInput): FieldError[] {
  const errors: FieldError[] = [];
  if (!values.title) errors.push({ field: 'title', message: 'Enter a title' });
  else if (values.title.length > 200) errors.push({ field: 'title', message: 'The title must be 200 characters or fewer' });
  if (!values.summary) errors.push({ field: 'summary', message: 'Enter a one-sentence summary' });
  else if (values.summary.length > 500) errors.push({ field: 'summary', message: 'The summary must be 500 characters or fewer' });
  if (!values.body) errors.push({ field: 'body', message: 'Enter the text' });
  else if (values.body.length > 40_000) errors.push({ field: 'body', message: 'The text must be 40,000 characters or fewer' });
  return errors;
}

export function readVersionForm(body: unknown): Read<VersionInput, VersionInput> {
  const values = { title: text(body, 'title'), summary: text(body, 'summary'), body: text(body, 'body') };
  const errors = versionErrors(values);
  return { values, errors, input: errors.length ? null : values };
}

/** A new document: its kind, and a web address made from the title when none is given. */
export function readDocumentForm(body: unknown): Read<Record<'kind' | 'title' | 'slug' | 'summary' | 'body', string>, VersionInput & { kind: DocumentKind; slug: string }> {
  const values = { kind: text(body, 'kind'), title: text(body, 'title'), slug: text(body, 'slug'), summary: text(body, 'summary'), body: text(body, 'body') };
  const errors: FieldError[] = [];
  const kind = values.kind;
  if (!isOneOf(DOCUMENT_KINDS, kind)) errors.push({ field: 'kind', message: 'Choose what kind of document it is' });
  errors.push(...versionErrors(values));
  const slug = values.slug || slugify(values.title);
  if (values.title && !SLUG_PATTERN.test(slug)) errors.push({ field: 'slug', message: 'Enter a web address using lower-case letters, numbers and hyphens' });
  if (errors.length || !isOneOf(DOCUMENT_KINDS, kind)) return { values, errors, input: null };
  return { values, errors, input: { ...values, kind, slug } };
}

export const DOCUMENT_REFUSALS: Record<DocumentRefusal, FieldError> = {
  'slug-taken': { field: 'slug', message: 'A page with that web address already exists: choose a different one' },
};

/** The language guard's findings that block a save, each beside the field that holds the text. */
export function blockingErrors(findings: readonly WritingFinding[], field: string): FieldError[] {
  return findings.filter((f) => f.severity === 'block').map((f) => ({ field, message: `Line ${f.line}: ${f.message}. Change this before saving.` }));
}

/** Each paragraph has its own comment form: its field is `comment-<paragraph index>`. */
export const paragraphField = (paragraph: number) => `comment-${paragraph}`;

export function readParagraphCommentForm(body: unknown): { paragraph: number; body: string; values: Record<string, string>; errors: FieldError[] } {
  const paragraph = Number(text(body, 'paragraph'));
  const comment = text(body, 'body');
  const errors: FieldError[] = comment.length > 5000 ? [{ field: paragraphField(paragraph), message: 'Your comment must be 5000 characters or fewer' }] : [];
  return { paragraph, body: comment, values: { [paragraphField(paragraph)]: comment }, errors };
}

export const paragraphCommentRefusals = (paragraph: number): Record<ParagraphCommentRefusal, FieldError> => ({
  'no-such-paragraph': { field: 'paragraph', message: 'Choose a paragraph of this version' },
  'comment-needed': { field: paragraphField(paragraph), message: 'Enter your comment' },
});

/** The publish gate's refusals name the version. */
export const publishRefusals = (versionNumber: number): Record<PublishRefusal, FieldError> => ({
  'already-published': { field: 'publish', message: `Version ${versionNumber} is already published.` },
  'not-approved': {
    field: 'publish',
    message:
      `Version ${versionNumber} cannot be published yet: no Coproduction Group decision has approved this exact version. ` +
      'Open a decision on this version from a proposal; once the group adopts it, you can publish it.',
  },
});
