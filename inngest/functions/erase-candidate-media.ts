import { inngest, subscribe } from "@/inngest/client";
import { ERASE_CANDIDATE_MEDIA, eraseCandidateMedia } from "@/lib/server/retention/erase-candidate-media";

/**
 * candidate.erased → the erased files' objects deleted from storage (their rows are offline and
 * their media.deleted published by the erasure itself). Retried until storage agrees, so a
 * failed deletion after the erasure's commit is never lost.
 */
export const eraseCandidateMediaFn = inngest.createFunction(
  { id: ERASE_CANDIDATE_MEDIA, name: "Delete an erased candidate's files", retries: 8, ...subscribe("candidate.erased") },
  async ({ event, step }) => step.run("delete-objects", () => eraseCandidateMedia({ event: event.data })),
);
