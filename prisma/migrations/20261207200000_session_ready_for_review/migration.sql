-- AlterTable
ALTER TABLE "candidate_sessions" ADD COLUMN     "ready_at" TIMESTAMPTZ(3);

-- Sessions completed before this column existed: ready if none of their answers is still
-- waiting for media processing (lib/server/sessions/mark-session-ready.ts has the same rule).
UPDATE "candidate_sessions" s SET "ready_at" = coalesce(s."completed_at", now())
 WHERE s."status" = 'completed' AND s."ready_at" IS NULL
   AND NOT EXISTS (
     SELECT 1 FROM "responses" r JOIN "media_files" f ON f."id" = r."media_file_id"
      WHERE r."session_id" = s."id" AND r."submitted_at" IS NOT NULL
        AND f."status" IN ('uploading', 'uploaded', 'processing') AND f."deleted_at" IS NULL);
