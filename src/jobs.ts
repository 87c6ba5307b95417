// Everything withme does on a timer, in one place, started by the server (never by the app that
// tests build): sending the outbox, asking GOV.UK Notify how what it accepted went, escalating duty alerts nobody has taken, the group's digests,
// each person's digest of notices,
// closing decisions at their closing time and reminding those who have not taken part,
// the audit anchor in the logs, and refreshing the insight figures. Every job is safe to run on several instances at once (the
// outbox claims each message, a digest claims its member and period, the snapshot is shared),
// a job never overlaps itself, and stopping waits for the runs in progress.
import type { Config } from './platform/config.ts';
import type { Db } from './platform/db/database.ts';
import { auditHead } from './platform/audit.ts';
import { notifyMailer } from './platform/mail/notify.ts';
import { checkDeliveries, drainOutbox, smtpMailer, type Mailer } from './platform/mail/outbox.ts';
import { runDecisionClock, sendDigests } from './features/coproduction/index.ts';
import { escalateOverdueAlerts } from './features/duty/index.ts';
import { sendNoticeDigests } from './features/accounts/index.ts';
import { currentInsights } from './features/insights/index.ts';

export const JOB_INTERVALS_MS = {
  outbox: 5_000,
  deliveryReceipts: 60_000,
  digests: 15 * 60_000,
  notices: 60_000,
  auditAnchor: 60 * 60_000,
  insights: 60_000,
  dutyEscalation: 60_000,
  decisions: 60_000,
} as const;

/** Where jobs report: the server's log (Fastify's logger fits). */
export interface JobLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

interface Job {
  name: string;
  intervalMs: number;
  run: () => Promise<unknown>;
}

/** Runs each job every `intervalMs` (skipping a tick while the last run is still going). */
function schedule(jobs: Job[], log: JobLog): () => Promise<void> {
  const running = new Map<string, Promise<unknown>>();
  const timers = jobs.map((job) => {
    const timer = setInterval(() => {
      if (running.has(job.name)) return;
      const run = job
        .run()
        .catch((err: unknown) => log.error({ err, job: job.name }, `${job.name} failed`))
        .finally(() => running.delete(job.name));
      running.set(job.name, run);
    }, job.intervalMs);
    timer.unref();
    return timer;
  });
  return async () => {
    for (const timer of timers) clearInterval(timer);
    await Promise.all(running.values());
  };
}

export interface JobsOptions {
  /** Sends mail; by default SMTP when SMTP_URL is set, otherwise mail stays in the outbox. */
  mailer?: Mailer;
  /** For tests: shorter intervals. */
  intervalsMs?: Partial<Record<keyof typeof JOB_INTERVALS_MS, number>>;
  /** The clock the decision job reads (tests move it forward); the real time by default. */
  now?: () => Date;
}

/** Starts every job; the function returned stops them, waiting for runs in progress. */
export async function startJobs(db: Db, config: Config, log: JobLog, options: JobsOptions = {}): Promise<() => Promise<void>> {
  const smtp = config.smtpUrl ? smtpMailer(config.smtpUrl) : undefined;
  // GOV.UK Notify, when configured, sends texts and letters, and email too when there is no SMTP.
  const mailer = options.mailer ?? (config.notify ? notifyMailer(config.notify, smtp) : smtp);
  const every = { ...JOB_INTERVALS_MS, ...options.intervalsMs };
  const now = options.now ?? (() => new Date());

  // The audit log's newest entry, into the service's logs (kept outside the database): any of
  // these anchors lets `withme audit verify --anchor` find entries cut off the end.
  const logAuditAnchor = async () => {
    const anchor = await auditHead(db);
    if (anchor) log.info({ auditAnchor: anchor }, 'audit anchor');
  };

  const jobs: Job[] = [
    { name: 'audit anchor', intervalMs: every.auditAnchor, run: logAuditAnchor },
    // Each instance checks every quarter of an hour; a member still gets one digest per period.
    {
      name: 'coproduction digests',
      intervalMs: every.digests,
      run: async () => {
        await sendDigests(db, config, 'daily');
        await sendDigests(db, config, 'weekly');
      },
    },
    // What waits for each person, in one discreet message when their settings allow (a few
    // minutes' batching at most for "immediately"), never inside their unsafe times.
    { name: 'notice digests', intervalMs: every.notices, run: () => sendNoticeDigests(db, config, now()) },
    // Decisions close by themselves at their closing time; members who have not taken part are reminded.
    { name: 'decision clock', intervalMs: every.decisions, run: () => runDecisionClock(db, config, now()) },
    // A disclosure nobody has taken escalates on time, whatever else is busy.
    { name: 'duty escalation', intervalMs: every.dutyEscalation, run: () => escalateOverdueAlerts(db, config) },
    // Keeps the figures' snapshot fresh, so a reader almost never waits for them to be computed.
    { name: 'insight refresh', intervalMs: every.insights, run: () => currentInsights(db) },
  ];
  if (mailer) jobs.push({ name: 'outbox', intervalMs: every.outbox, run: () => drainOutbox(db, mailer, { from: config.mailFrom }) });
  // Asks Notify how the messages it accepted went where no callback will say: letters, and
  // everything when NOTIFY_CALLBACK_TOKEN is not set. One that never arrived is reported or sent again.
  if (mailer?.deliveryStatus) {
    const allChannels = !config.notify?.callbackToken;
    jobs.push({ name: 'delivery receipts', intervalMs: every.deliveryReceipts, run: () => checkDeliveries(db, mailer, { allChannels }) });
  }

  const stop = schedule(jobs, log);
  await logAuditAnchor();
  return async () => {
    await stop();
    mailer?.close();
  };
}
