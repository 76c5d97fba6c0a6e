import { inngest, subscribe } from "@/inngest/client";
import { emit } from "@/lib/engine/emit";
import {
  claimAnnouncements,
  markInvitationsSent,
  markReminded,
  reminderStillDue,
  reminderTime,
  SEND_INVITATIONS,
  SEND_INVITATIONS_RETRIES,
  sendInvitationBatch,
  sendReminderBatch,
  type SentEmail,
} from "@/lib/server/invitations/send-invitation-emails";

/**
 * interview.published → the invitation emails of every pending invitation, then, with a
 * durable sleep, one reminder before the deadline to those who have not finished.
 * interview.published comes again when invitations are added to a published interview, an
 * invitation is resent or the deadline changes (decision 0004); each run sends what is
 * pending then, and schedules the reminder of its own deadline. A run whose deadline is no
 * longer the interview's stops after its sleep.
 *
 * A recipient failing transiently does not hold up the others: the batch sends the rest, then
 * its step throws and is retried (what it sent comes back as duplicates). On the last try
 * (`attempt` = `retries`, on either engine) the batch gives such recipients up instead: their
 * invitations are marked failed with the error, for HR to see and resend. Sends through
 * Resend are paced (RESEND_PACE_MS, lib/server/invitations/send-invitation-emails.ts) rather
 * than throttling the function, whose `throttle` limits runs, not emails.
 */
export const sendInvitationsFn = inngest.createFunction(
  { id: SEND_INVITATIONS, name: "Send invitations and reminders", retries: SEND_INVITATIONS_RETRIES, ...subscribe("interview.published") },
  async ({ event, step, attempt }) => {
    const envelope = event.data;
    const { interviewId, expiresAt } = envelope.data;
    const ctx = { event, step, functionId: SEND_INVITATIONS };
    // This try is the last one: transient failures give the recipient up instead of retrying.
    const lastTry = attempt >= SEND_INVITATIONS_RETRIES;

    // notification.sent once per notification: claimed on its row by this run (another run
    // of another interview.published may have found the same email), then emitted in a step
    // whose id is the notification's.
    const announce = async (sent: SentEmail[]) => {
      const wanted = sent.filter((s) => s.announce).map((s) => s.notificationId);
      if (wanted.length === 0) return;
      const mine = new Set(
        await step.run("claim-announcements", () => claimAnnouncements({ userId: envelope.userId, eventId: envelope.eventId, notificationIds: wanted })),
      );
      for (const s of sent) {
        if (!mine.has(s.notificationId)) continue;
        await emit(ctx, `notify-${s.notificationId}`, {
          eventType: "notification.sent",
          userId: envelope.userId,
          data: { notificationId: s.notificationId, type: "email", to: s.to, subject: s.subject, sentAt: s.sentAt },
        });
      }
    };

    let invited = 0;
    let failed = 0;
    for (let after: string | null = null; ; ) {
      const batch = await step.run("send", () => sendInvitationBatch({ interviewId, after, lastTry }));
      await announce(batch.sent);
      await step.run("mark-sent", () => markInvitationsSent(batch.sent));
      invited += batch.sent.filter((s) => s.status === "sent").length;
      failed += batch.failed.length;
      if (batch.done) break;
      after = batch.last;
    }

    const remindAt = reminderTime(envelope.timestamp, expiresAt);
    if (!expiresAt || !remindAt) return { invited, failed, reminded: 0, reminder: "none scheduled" };
    await step.sleepUntil("wait-for-reminder", remindAt);

    const check = await step.run("check", () => reminderStillDue(interviewId, expiresAt));
    if (!check.due) return { invited, failed, reminded: 0, reminder: check.reason };
    let reminded = 0;
    for (let after: string | null = null; ; ) {
      const batch = await step.run("remind", () => sendReminderBatch({ interviewId, expiresAt, since: envelope.timestamp, after, lastTry }));
      await announce(batch.sent);
      await step.run("mark-reminded", () => markReminded(batch.sent));
      reminded += batch.sent.filter((s) => s.status === "sent").length;
      if (batch.done) break;
      after = batch.last;
    }
    return { invited, failed, reminded, reminder: "sent" };
  },
);
