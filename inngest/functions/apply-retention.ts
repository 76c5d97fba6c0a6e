import { inngest, subscribe } from "@/inngest/client";
import { APPLY_RETENTION, nextRetentionDue, retentionSuperseded, startsRetention, sweepRetention } from "@/lib/server/retention/apply-retention";

/** Inngest sleeps at most a year; a month keeps well inside it, and 250 rounds cover 3,650 days. */
const MAX_SLEEP_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Rounds of one run: each is a few steps (sweeps, the next due time, a sleep), so a run stays well
 * under Inngest's 1,000 steps. Each round sleeps until the next session falls due (at most 30 days), so
 * 250 rounds outlast the longest period (3,650 days).
 */
export const MAX_RETENTION_ROUNDS = 250;

/**
 * interview.completed / user.updated (retentionDays changed) → the account's retention applied:
 * every session of an interview closed at least retention_days ago is erased (reason
 * "retention"), in bounded steps so a crash resumes where it stopped, and the interview gets its
 * retention_applied_at. Then the run sleeps until the next session falls due (at most 30 days
 * at a time; a changed period starts a run of its own, which sweeps at once), and sweeps again; it ends when nothing is waiting, or when a later trigger of the same
 * account has started a run of its own (one loop per account, not one per closed interview).
 *
 * A loop of durable sleeps rather than a cron: the embedded runner has no cron triggers
 * (lib/engine/functions.ts refuses them), and a sleep per account wakes only when there is
 * something to do, on either engine.
 */
export const applyRetentionFn = inngest.createFunction(
  { id: APPLY_RETENTION, name: "Apply an account's retention period", retries: 8, ...subscribe("interview.completed", "user.updated") },
  async ({ event, step }) => {
    const envelope = event.data;
    if (!startsRetention(envelope)) return { applied: false, reason: "retention period unchanged" };
    const userId = envelope.userId;
    let erased = 0;
    for (let round = 0; round < MAX_RETENTION_ROUNDS; round++) {
      for (let n = 0; ; n++) {
        const sweep = await step.run(`sweep:${round}:${n}`, () => sweepRetention({ userId }));
        erased += sweep.erased;
        if (!sweep.more) break;
      }
      const plan = await step.run(`plan:${round}`, async () => {
        const next = await nextRetentionDue({ userId });
        if (!next) return { wakeAt: null, reason: "nothing waiting" };
        if (await retentionSuperseded({ event: envelope })) return { wakeAt: null, reason: "a later run sweeps this account" };
        return { wakeAt: new Date(Math.min(Date.parse(next), Date.now() + MAX_SLEEP_MS)).toISOString(), reason: null };
      });
      if (!plan.wakeAt) return { applied: true, erased, rounds: round + 1, reason: plan.reason };
      await step.sleepUntil(`wait:${round}`, plan.wakeAt);
    }
    return { applied: true, erased, rounds: MAX_RETENTION_ROUNDS, reason: "round limit" };
  },
);
