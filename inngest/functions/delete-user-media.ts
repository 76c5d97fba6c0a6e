import { inngest, subscribe } from "@/inngest/client";
import { emit } from "@/lib/engine/emit";
import {
  DELETE_USER_MEDIA,
  forgetAvatar,
  markMediaDeleted,
  mediaDeletedData,
  sweepEarlierFiles,
  takeMediaBatch,
} from "@/lib/server/users/purge-user-media";

/**
 * user.deleted → every stored file of the account deleted from storage, each with one
 * media.deleted (storage accounting brings storage_used to 0). Per batch of files: objects
 * deleted, then their events emitted (ids derived from the batch's first file id and each file's
 * place in it), then the rows marked deleted, so a file is marked only once its event is stored.
 */
export const deleteUserMediaFn = inngest.createFunction(
  { id: DELETE_USER_MEDIA, name: "Delete a deleted account's files", retries: 8, ...subscribe("user.deleted") },
  async ({ event, step }) => {
    let files = 0;
    for (let n = 0; ; n++) {
      const batch = await step.run(`take-files:${n}`, () => takeMediaBatch({ event: event.data }));
      const first = batch.files[0];
      if (first) {
        await emit(
          { event, step, functionId: DELETE_USER_MEDIA },
          `media-deleted:${first.fileId}`,
          batch.files.map((file) => ({ eventType: "media.deleted" as const, userId: event.data.userId, data: mediaDeletedData(event.data, file) })),
        );
        await step.run(`mark-deleted:${first.fileId}`, () => markMediaDeleted({ fileIds: batch.files.map((f) => f.fileId) }));
        files += batch.files.length;
      }
      if (!batch.more) break;
    }
    let after: string | null = null;
    let swept = 0;
    for (let n = 0; ; n++) {
      const page: { swept: number; next: string | null } = await step.run(`sweep-earlier-files:${n}`, () => sweepEarlierFiles({ event: event.data, after }));
      swept += page.swept;
      if (!page.next) break;
      after = page.next;
    }
    await step.run("forget-avatar", () => forgetAvatar({ event: event.data }));
    return { files, swept };
  },
);
