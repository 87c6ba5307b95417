// The language guide in public (/language-guide), a check anyone can use without JavaScript
// (/language-guide/check), and the check API staff editors call as they type.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { formErrors } from '../../platform/forms.ts';
import { readCheckForm } from './forms/check.ts';
import { guideGroups } from './present/guide.ts';
import { ApiError, CheckApiBody, CheckApiResponse, CheckFormBody, GuideQuery } from './schemas.ts';
import { SEVERITY_LABELS, checkText, countWords, currentGuide, guideSources, markFindings, namePositionsWithheld, searchGuide, withholdNamePositions } from './service.ts';
import type { CompiledProfile } from './engine/index.ts';
import { provideOwnNames, type OwnNamesLoader } from './own-words.ts';

/**
 * How the API finds a person's profile for `personId`: provided by the record feature, which
 * also decides whether this account may see that person (it answers undefined when not).
 */
export type ProfileLoader = (actorId: string, personId: string) => Promise<CompiledProfile | undefined>;

/**
 * What the record feature does when the guard stopped one of a person's previous names (it owns
 * the person's access log and tells them): counted, logged for the person, never the text.
 */
export type NameStopped = (actorId: string, personId: string, source: string) => Promise<void>;

export default async function language(fastify: FastifyInstance, opts: { loadProfile?: ProfileLoader; nameStopped?: NameStopped; ownNames?: OwnNamesLoader } = {}): Promise<void> {
  // The record feature holds previous names; the guard on people's own words asks it for them.
  if (opts.ownNames) provideOwnNames(opts.ownNames);
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = fastify;

  app.get('/language-guide', { config: { policy: 'public' }, schema: { querystring: GuideQuery } }, async (request, reply) => {
    const q = (request.query.q ?? '').trim().slice(0, 200);
    if (!q) return reply.view('language/views/guide.njk', { pageTitle: 'Our language guide', groups: guideGroups((await currentGuide(db)).rows), sources: guideSources, q });
    const found = await searchGuide(db, q);
    return reply.view('language/views/guide.njk', { pageTitle: `Our language guide: entries matching “${q}”`, groups: guideGroups(found).filter((g) => g.entries.length), sources: guideSources, q, found: found.length });
  });

  app.get('/language-guide/check', { config: { policy: 'public' } }, async (_request, reply) =>
    reply.view('language/views/check.njk', { pageTitle: 'Check your writing', values: { text: '' } }),
  );

  app.post(
    '/language-guide/check',
    { config: { policy: 'public', rateLimit: { max: 60, timeWindow: 60_000 } }, schema: { body: CheckFormBody } },
    async (request, reply) => {
      const { text, errors } = readCheckForm(request.body);
      if (errors.length) return reply.code(400).view('language/views/check.njk', { pageTitle: 'Check your writing', values: { text }, ...formErrors(errors) });
      const findings = await checkText(db, text, { documentKind: 'service-document' });
      return reply.view('language/views/check.njk', {
        pageTitle: 'Check your writing',
        values: { text },
        checked: true,
        findings,
        segments: markFindings(text, findings),
        severityLabels: SEVERITY_LABELS,
      });
    },
  );

  app.post(
    '/api/v1/language/check',
    {
      config: { policy: 'group-or-staff', rateLimit: { max: 600, timeWindow: 60_000 } },
      schema: { body: CheckApiBody, response: { 200: CheckApiResponse, 404: ApiError } },
    },
    async (request, reply) => {
      const { text, personId, documentKind } = request.body;
      let people: CompiledProfile[] = [];
      if (personId) {
        const profile = opts.loadProfile ? await opts.loadProfile(request.actor!.id, personId) : undefined;
        // Someone this account may not see does not exist, as on every person route.
        if (!profile) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: 'Not found' });
        people = [profile];
      }
      // Decided before this check: the first NAME_STOP_LIMIT stops in 24 hours say where, later ones do not.
      const withheld = personId ? await namePositionsWithheld(db, request.actor!.id, personId) : false;
      let findings = await checkText(db, text, { people, ...(people.length ? { subject: 0, documentKind: documentKind ?? 'person' } : documentKind ? { documentKind } : {}) });
      if (personId && findings.some((f) => f.category === 'previous-name')) {
        if (!opts.nameStopped) throw new Error('A personId check needs nameStopped');
        await opts.nameStopped(request.actor!.id, personId, 'check-api');
        if (withheld) findings = withholdNamePositions(text, findings);
      }
      return { words: countWords(text), findings: findings.map(({ person: _p, sources: _s, ...f }) => f) };
    },
  );
}
