// How you appear to others in the workspace (/coproduction/profile): the name you chose for the
// group (a pseudonym is fine) and whether others see that you speak from lived experience.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { text, type FieldError } from '../../../platform/forms.ts';
import type { Actor } from '../../../platform/policy.ts';
import { wordsFor } from '../forms/common.ts';
import { errorData, subNav } from '../present/common.ts';
import { ProfileBody } from '../schemas.ts';
import { profileOf, saveProfile, UNNAMED_MEMBER, type ProfileRefusal } from '../service/people.ts';

const PROFILE_REFUSALS: Record<ProfileRefusal, FieldError> = {
  'group-name-too-long': { field: 'groupName', message: 'The name must be 60 characters or fewer' },
};

export default async function profileRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = fastify;
  const page = (actor: Actor, values: { groupName: string; showLivedExperience: boolean }, errors: FieldError[] = []) => ({
    pageTitle: 'How you appear to others',
    subNav: subNav('/coproduction/profile', actor),
    values,
    unnamed: UNNAMED_MEMBER,
    ...errorData(errors),
  });

  app.get('/coproduction/profile', { config: { policy: 'signed-in' } }, async (request, reply) =>
    reply.view('coproduction/views/profile.njk', page(request.actor!, await profileOf(db, request.actor!.id))),
  );

  app.post('/coproduction/profile', { config: { policy: 'signed-in' }, schema: { body: ProfileBody } }, async (request, reply) => {
    const values = { groupName: text(request.body, 'groupName'), showLivedExperience: text(request.body, 'showLivedExperience') === 'yes' };
    try {
      await saveProfile(db, request.actor!, values);
    } catch (error) {
      return reply.code(400).view('coproduction/views/profile.njk', page(request.actor!, values, wordsFor(error, PROFILE_REFUSALS)));
    }
    request.session.flash = 'How you appear to others has been saved';
    return reply.redirect('/coproduction/profile', 303);
  });
}
