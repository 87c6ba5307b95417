// Replies by phone: the calls staff have to make to people who asked to be told by phone what
// was done. Reading the list is recorded (it shows phone numbers); recording a call deletes the
// number, which was kept only for it.
import { audit } from '../../../platform/audit.ts';
import { inTransaction, nowIso, type Db } from '../../../platform/db/database.ts';
import { NotFoundError, type Actor } from '../../../platform/policy.ts';
import * as items from '../repository/items.ts';
import * as replies from '../repository/replies.ts';

export type Call = Awaited<ReturnType<typeof replies.openReplyTasks>>[number];

export async function callsToMake(db: Db, actor: Actor): Promise<Call[]> {
  const tasks = await replies.openReplyTasks(db);
  await audit(db, { actorId: actor.id, action: 'feedback.reply-tasks-viewed', detail: { tasks: tasks.length } });
  return tasks;
}

/** The call was made: the task is done and the phone number deleted. */
export async function recordCall(db: Db, taskId: string, by: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const task = await replies.getReplyTask(trx, taskId);
    if (!task) throw new NotFoundError();
    const at = nowIso();
    if (!(await replies.completeReplyTask(trx, taskId, by, at))) throw new NotFoundError();
    // The phone number was kept only for this call.
    await items.clearReplyContact(trx, task.feedback_id, at);
    await audit(trx, { actorId: by, action: 'feedback.reply-called', subject: task.feedback_id });
  });
}
