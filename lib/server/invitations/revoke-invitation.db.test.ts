// Revoking the last open personal invitation of a published interview completes it (the
// revocation is one of the state changes completeInterviewIfDone is called from).
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createAccount } from "@/tests/fixtures";
import { addCandidate, eventsOf, publishedInterview } from "@/tests/interviews";
import { revokeInvitation } from "./revoke-invitation";

describe("revokeInvitation and completion", () => {
  it("revoking the last open invitation completes the interview, once, with the request id", async () => {
    const user = await createAccount();
    const interview = await publishedInterview(user);
    await addCandidate(interview.id, { status: "completed" });
    const first = await addCandidate(interview.id);
    const last = await addCandidate(interview.id);
    const db = await getDb();

    await revokeInvitation({ actor: user, invitationId: first.id, requestId: "req-revoke-1" });
    expect((await db.interview.findUniqueOrThrow({ where: { id: interview.id } })).status).toBe("published");

    await revokeInvitation({ actor: user, invitationId: last.id, requestId: "req-revoke-2" });
    const done = await db.interview.findUniqueOrThrow({ where: { id: interview.id } });
    expect(done.status).toBe("completed");
    expect(done.completedAt).not.toBeNull();
    const completed = await eventsOf(user.id, "interview.completed");
    expect(completed).toHaveLength(1);
    expect(completed[0]).toMatchObject({ correlationId: "req-revoke-2", data: { interviewId: interview.id, completedCandidates: 1 } });

    // Revoking again is a no-op and publishes nothing more.
    await revokeInvitation({ actor: user, invitationId: last.id, requestId: "req-revoke-3" });
    expect(await eventsOf(user.id, "interview.completed")).toHaveLength(1);
  });

  it("does not complete while nobody has completed", async () => {
    const user = await createAccount();
    const interview = await publishedInterview(user);
    const only = await addCandidate(interview.id);
    await revokeInvitation({ actor: user, invitationId: only.id });
    const db = await getDb();
    expect((await db.interview.findUniqueOrThrow({ where: { id: interview.id } })).status).toBe("published");
  });
});
