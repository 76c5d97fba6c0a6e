import { inngest, subscribe } from "@/inngest/client";
import { accountStorage, STORAGE_ACCOUNTING } from "@/lib/server/storage/account-storage";

/** Uploads and deletions → users.storage_used. */
export const storageAccountingFn = inngest.createFunction(
  {
    id: STORAGE_ACCOUNTING,
    name: "Storage accounting",
    retries: 8,
    ...subscribe("user.avatar_uploaded", "media.uploaded", "media.processed", "media.deleted"),
  },
  async ({ event, step }) => step.run("update-storage-used", () => accountStorage(event.data)),
);
