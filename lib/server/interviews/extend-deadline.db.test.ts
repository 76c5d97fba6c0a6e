import { describe, expect, it } from "vitest";
import { toDomainEvent } from "@/lib/events/stored";
import { rejection } from "@/tests/app-error";
import { createAccount } from "@/tests/fixtures";
import { addCandidate, draftInterview, eventsOf, expectNotFoundForOthers, inDays, publishedInterview } from "@/tests/interviews";
import { closeInterview } from "./close-interview";
import { extendDeadline } from "./extend-deadline";

describe("extendDeadline", () => {
  it("published: saves the new deadline and publishes interview.published with the same link and the new expiresAt", async () => {
    const user = await createAccount();
    const interview = await publishedInterview(user, { deadline: inDays(1) });
    const deadline = inDays(14);
    const view = await extendDeadline({ actor: user, interviewId: interview.id, input: { deadline }, requestId: "req-ext" });
    expect(view).toMatchObject({ deadline: new Date(deadline).toISOString(), status: "published", publicLink: interview.publicLink });
    const events = (await eventsOf(user.id, "interview.published")).map(toDomainEvent);
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({
      data: { interviewId: interview.id, publicLink: interview.publicLink, expiresAt: view.deadline },
      metadata: { correlationId: "req-ext" },
    });
  });

  it("closed: saves the new deadline (started candidates get longer) without an event", async () => {
    const user = await createAccount();
    const interview = await publishedInterview(user, { deadline: inDays(1) });
    await addCandidate(interview.id, { status: "in_progress" });
    await closeInterview({ actor: user, interviewId: interview.id });
    const view = await extendDeadline({ actor: user, interviewId: interview.id, input: { deadline: inDays(5) } });
    expect(view.status).toBe("closed");
    expect(await eventsOf(user.id, "interview.published")).toHaveLength(1);
  });

  it("refuses a draft and a completed interview (409)", async () => {
    const user = await createAccount();
    const draft = await draftInterview(user);
    expect((await rejection(extendDeadline({ actor: user, interviewId: draft.id, input: { deadline: inDays(2) } }))).code).toBe("CONFLICT");
    const done = await publishedInterview(user);
    await closeInterview({ actor: user, interviewId: done.id });
    expect((await rejection(extendDeadline({ actor: user, interviewId: done.id, input: { deadline: inDays(2) } }))).code).toBe("CONFLICT");
  });

  it.each([
    ["a past date", { deadline: "2020-01-01T00:00:00Z" }],
    ["no date", {}],
    ["not a date", { deadline: "next week" }],
    ["a date without an offset", { deadline: "2030-01-01T00:00:00" }],
  ])("rejects %s (422 on deadline), publishing nothing", async (_label, input) => {
    const user = await createAccount();
    const interview = await publishedInterview(user, { deadline: inDays(1) });
    const err = await rejection(extendDeadline({ actor: user, interviewId: interview.id, input }));
    expect(err.status).toBe(422);
    expect(Object.keys(err.fieldErrors ?? {})).toEqual(["deadline"]);
    expect(await eventsOf(user.id, "interview.published")).toHaveLength(1);
  });

  it("is a 404 for another account's, a deleted, an unknown or a malformed interview", async () => {
    await expectNotFoundForOthers((actor, interviewId) => extendDeadline({ actor, interviewId, input: { deadline: inDays(3) } }));
  });
});
