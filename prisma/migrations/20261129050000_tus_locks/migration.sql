-- tus's per-request lock on an upload (lib/server/uploads/pg-locker.ts), shared by every app
-- instance: a serverless host sends the chunks of one answer to different instances, so the
-- in-process MemoryLocker cannot serialise them. A lease renewed while the request runs; a
-- crashed holder's row lapses at expires_at. A waiter sets release_requested to ask the holder
-- to finish (tus's request-release callback).
CREATE TABLE "tus_locks" (
    "id" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "release_requested" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "tus_locks_pkey" PRIMARY KEY ("id")
);
