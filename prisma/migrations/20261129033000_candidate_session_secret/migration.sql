-- The candidate's browser proves it owns a session with a secret kept in an httpOnly cookie;
-- only its sha256 (hex) is stored. Additive: older sessions have none and cannot be resumed
-- by cookie until started again from their link.
ALTER TABLE "candidate_sessions" ADD COLUMN "secret_hash" TEXT;
CREATE UNIQUE INDEX "candidate_sessions_secret_hash_key" ON "candidate_sessions"("secret_hash");
