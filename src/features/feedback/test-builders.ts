// Builders for feedback tests: a piece of feedback sent through the public form.
import type { LightMyRequestResponse } from 'fastify';
import type { Agent } from '../../../test/helpers.ts';

export interface FeedbackForm {
  body?: string;
  rating?: string;
  area?: string;
  consent?: string;
  reply?: string;
  replyEmail?: string;
  replyPhone?: string;
  attach?: string;
  website?: string;
}

/** Sends feedback as a browser would: loads the form (for its CSRF token), then posts it. */
export async function giveFeedback(agent: Agent, form: FeedbackForm = {}): Promise<LightMyRequestResponse> {
  await agent.get('/feedback');
  const fields: Record<string, string> = {
    body: 'The waiting room was calm and the receptionist used my name.',
    area: 'appointments',
    consent: 'no',
    reply: 'none',
  };
  for (const [key, value] of Object.entries(form) as Array<[string, string | undefined]>) if (value !== undefined) fields[key] = value;
  return agent.post('/feedback', fields);
}

/** For other features' tests: a stored piece of feedback, as the form leaves it. */
export { insertFeedback } from './repository/items.ts';
