// Compile-time check (tsc / next build): each response schema describes exactly the view type
// its use case returns. A field added to a view without documenting it fails type-checking.
import { describe, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import type { InterviewView } from "@/lib/server/interviews/interview-dto";
import type { InterviewDetail } from "@/lib/server/interviews/get-interview";
import type { InterviewPage } from "@/lib/server/interviews/list-interviews";
import type { PublishResult } from "@/lib/server/interviews/publish-interview";
import type { AddInvitationResult } from "@/lib/server/invitations/add-invitations";
import type { CandidateRow } from "@/lib/server/invitations/candidate-row";
import type { ReviewView } from "@/lib/server/review/review-dto";
import type { ReviewFieldChange } from "@/lib/server/review/update-session-review";
import type { SessionDetailView, SessionView } from "@/lib/server/sessions/session-dto";
import type { AccountView } from "@/lib/server/users/user-dto";
import * as s from "./schemas";

/** Flattens intersections (InterviewView & {...}) so that equal shapes compare equal. */
type Flat<T> = T extends object ? { [K in keyof T]: Flat<T[K]> } : T;

describe("response schemas", () => {
  it("match the view types", () => {
    expectTypeOf<Flat<z.infer<typeof s.interviewView>>>().toEqualTypeOf<Flat<InterviewView>>();
    expectTypeOf<Flat<z.infer<typeof s.interviewDetail>>>().toEqualTypeOf<Flat<InterviewDetail>>();
    expectTypeOf<Flat<z.infer<typeof s.interviewPage>>>().toEqualTypeOf<Flat<InterviewPage>>();
    expectTypeOf<Flat<z.infer<typeof s.publishResult>>>().toEqualTypeOf<Flat<PublishResult>>();
    expectTypeOf<Flat<z.infer<typeof s.invitationResult>>>().toEqualTypeOf<Flat<AddInvitationResult>>();
    expectTypeOf<Flat<z.infer<typeof s.candidateRow>>>().toEqualTypeOf<Flat<CandidateRow>>();
    expectTypeOf<Flat<z.infer<typeof s.sessionView>>>().toEqualTypeOf<Flat<SessionView>>();
    expectTypeOf<Flat<z.infer<typeof s.sessionDetail>>>().toEqualTypeOf<Flat<SessionDetailView>>();
    expectTypeOf<Flat<z.infer<typeof s.accountView>>>().toEqualTypeOf<Flat<AccountView>>();
    expectTypeOf<Flat<z.infer<typeof s.reviewUpdateResponse>>>().toEqualTypeOf<Flat<{ review: ReviewView; changed: ReviewFieldChange[] }>>();
  });
});
