import { inngest, subscribe } from "@/inngest/client";
import { emit } from "@/lib/engine/emit";
import {
  claimDigest,
  nextDigestTime,
  NOTIFY_HR,
  prepareHrNotification,
  queueDigestItem,
  sendDigestEmail,
  sendHrEmail,
  type DigestClaim,
  type HrNotification,
  type SentHrEmail,
} from "@/lib/server/notifications/notify-hr";

/**
 * candidate.completed / analysis.completed (of a whole session; an answer's is ignored) → an
 * email to the interview's owner, as their preference says (users.notify_hr):
 * - `immediately`: sent at once;
 * - `digest`: queued, then a durable sleep until the next digest time (DIGEST_HOUR_UTC, the
 *   same for every event of the day), then one email with everything the owner has pending.
 *   Every run sleeps; the first to wake claims all queued items and sends them, the others
 *   find nothing. A sleeping delivery steps out of its partition's line on the embedded runner,
 *   so it holds up no other event of the session or account;
 * - `off`: nothing.
 * Each email, and its notification.sent, is keyed by the triggering event (lib/server/
 * notifications/notify-hr.ts; emit's derived ids), so double delivery sends and announces once.
 */
export const notifyHrFn = inngest.createFunction(
  { id: NOTIFY_HR, name: "Notify HR", retries: 5, ...subscribe("candidate.completed", "analysis.completed") },
  async ({ event, step }) => {
    const envelope = event.data;
    const ctx = { event, step, functionId: NOTIFY_HR };
    const announce = async (userId: string, sent: SentHrEmail) => {
      if (!("email" in sent)) return;
      await emit(ctx, "announce", {
        eventType: "notification.sent",
        userId,
        data: { notificationId: sent.email.notificationId, type: "email", to: sent.email.to, subject: sent.email.subject, sentAt: sent.email.sentAt },
      });
    };

    // Step results come back as JSON: these types are JSON already (no dates, no undefined).
    const notification = (await step.run("prepare", () => prepareHrNotification(envelope))) as HrNotification;
    if (notification.skip !== undefined) return { notified: false, reason: notification.skip };

    if (notification.preference === "off") return { notified: false, reason: "notifications off" };

    if (notification.preference === "immediately") {
      const sent = (await step.run("send", () => sendHrEmail(notification))) as SentHrEmail;
      await announce(notification.userId, sent);
      return "email" in sent
        ? { notified: true, delivery: "immediately", status: sent.status, notificationId: sent.email.notificationId }
        : { notified: false, delivery: "immediately", status: sent.status, reason: sent.reason };
    }

    const { queued } = await step.run("queue", () => queueDigestItem(notification));
    await step.sleepUntil("wait-for-digest", nextDigestTime(envelope.timestamp));
    const claim = (await step.run("claim-digest", () => claimDigest({ userId: notification.userId, eventId: envelope.eventId }))) as DigestClaim;
    const sent = (await step.run("send-digest", () => sendDigestEmail({ userId: notification.userId, claim }))) as SentHrEmail;
    await announce(notification.userId, sent);
    return "email" in sent
      ? { notified: true, delivery: "digest", queued, items: claim.items.length, status: sent.status, notificationId: sent.email.notificationId }
      : { notified: false, delivery: "digest", queued, items: claim.items.length, status: sent.status, reason: sent.reason };
  },
);
