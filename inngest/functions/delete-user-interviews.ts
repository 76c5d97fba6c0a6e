import { NonRetriableError } from "inngest";
import { inngest, subscribe } from "@/inngest/client";
import {
  AccountNotDeletedError,
  DELETE_USER_INTERVIEWS,
  PURGE_PARTS,
  purgeUserInterviews,
} from "@/lib/server/users/purge-user-interviews";

/**
 * user.deleted → every interview of the account deleted, its links dead, its candidates'
 * personal data anonymised. Part by part, each step a bounded run of small batches, so a large
 * account neither holds one giant transaction nor runs past Inngest's 1,000 steps.
 */
export const deleteUserInterviewsFn = inngest.createFunction(
  { id: DELETE_USER_INTERVIEWS, name: "Delete a deleted account's interviews", retries: 8, ...subscribe("user.deleted") },
  async ({ event, step }) => {
    const rows: Record<string, number> = {};
    for (const part of PURGE_PARTS) {
      rows[part] = 0;
      for (let n = 0; ; n++) {
        const result = await step.run(`${part}:${n}`, async () => {
          try {
            return await purgeUserInterviews({ event: event.data, part });
          } catch (err) {
            if (err instanceof AccountNotDeletedError) throw new NonRetriableError(err.message);
            throw err;
          }
        });
        rows[part] += result.rows;
        if (result.done) break;
      }
    }
    return { rows };
  },
);
