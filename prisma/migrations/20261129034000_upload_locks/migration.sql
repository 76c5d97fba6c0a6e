-- Resumable uploads (lib/server/uploads): one writer per take. The page that writes an upload
-- holds a lease named by its writer token; another page is refused until the lease lapses or
-- it takes over explicitly (the old writer is then fenced off). In PostgreSQL so every app
-- instance sees the same lease.
CREATE TABLE "upload_locks" (
    "upload_id" TEXT NOT NULL,
    "writer_token" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "upload_locks_pkey" PRIMARY KEY ("upload_id")
);
