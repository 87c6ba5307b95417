// Reply tasks: a call for staff to make to someone who asked to be told by phone.
import { randomUUID } from 'node:crypto';
import type { Conn } from '../../../platform/db/database.ts';

export async function createReplyTask(db: Conn, input: { feedbackId: string; actionId: string; at: string }): Promise<string> {
  const id = randomUUID();
  await db.insertInto('feedback_reply_tasks').values({ id, feedback_id: input.feedbackId, action_id: input.actionId, created_at: input.at, done_at: null, done_by: null }).execute();
  return id;
}

export async function openReplyTasks(db: Conn) {
  return db
    .selectFrom('feedback_reply_tasks')
    .innerJoin('feedback_items', 'feedback_items.id', 'feedback_reply_tasks.feedback_id')
    .innerJoin('feedback_actions', 'feedback_actions.id', 'feedback_reply_tasks.action_id')
    .select(['feedback_reply_tasks.id', 'feedback_reply_tasks.created_at', 'feedback_items.reply_phone', 'feedback_items.id as feedback_id', 'feedback_actions.id as action_id', 'feedback_actions.title', 'feedback_actions.we_did', 'feedback_actions.because', 'feedback_actions.status'])
    .where('feedback_reply_tasks.done_at', 'is', null)
    .orderBy('feedback_reply_tasks.created_at')
    .execute();
}

export async function getReplyTask(db: Conn, id: string) {
  return db.selectFrom('feedback_reply_tasks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function completeReplyTask(db: Conn, id: string, by: string, at: string): Promise<boolean> {
  const result = await db.updateTable('feedback_reply_tasks').set({ done_at: at, done_by: by }).where('id', '=', id).where('done_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
