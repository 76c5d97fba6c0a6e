// startTake reads the owner's storage quota without locking its row: a take start does not
// queue behind another request holding the quota row (as 100 candidates of one company starting
// at once did, each holding a pooled connection), and the grant is still capped by what is left.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { getDb, pgConfigFromUrl } from "@/lib/db/client";
import { lockQuota } from "@/lib/server/quotas/enforce-quota";
import { rejection } from "@/tests/app-error";
import { uniqueEmail } from "@/tests/fixtures";
import { interviewWithInvited, questionsOf, startPersonal } from "./candidates.fixtures";
import { startTake } from "./start-take";

describe("startTake and the quota row", () => {
  it("starts a take while another transaction holds the owner's quota row, still capping maxBytes and refusing when full", async () => {
    const email = uniqueEmail("take-quota");
    const { user, interview, tokens } = await interviewWithInvited([email]);
    const token = tokens[email]!;
    const started = await startPersonal(token);
    const [video] = await questionsOf(interview.currentVersionId!);
    const db = await getDb();
    await db.$transaction((tx) => lockQuota(tx, user.id));
    await db.quota.update({ where: { userId: user.id }, data: { maxStorageBytes: 1000n } });
    await db.user.update({ where: { id: user.id }, data: { storageUsed: 400n } });

    const holder = new pg.Client(pgConfigFromUrl(process.env.DATABASE_URL!));
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT 1 FROM quotas WHERE user_id = $1 FOR UPDATE", [user.id]);
      const t0 = Date.now();
      const take = await Promise.race([
        startTake({ token, secret: started.secret, questionId: video!.id, mimeType: "video/webm", requestId: "req-q" }),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error("startTake waited for the quota row lock")), 5_000)),
      ]);
      expect(Date.now() - t0).toBeLessThan(5_000);
      expect(take.maxBytes).toBe(600);

      await db.user.update({ where: { id: user.id }, data: { storageUsed: 1000n } });
      const refused = await rejection(startTake({ token, secret: started.secret, questionId: video!.id, mimeType: "video/webm", requestId: "req-q" }));
      expect(refused.code).toBe("QUOTA_EXCEEDED");
    } finally {
      await holder.query("ROLLBACK").catch(() => {});
      await holder.end();
    }
  });
});
