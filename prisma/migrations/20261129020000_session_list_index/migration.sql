-- Keyset pagination of an interview's sessions (GET /api/v1/interviews/{id}/sessions):
-- newest first by (started_at, id).
CREATE INDEX "candidate_sessions_interview_id_started_at_id_idx" ON "candidate_sessions"("interview_id", "started_at", "id");
