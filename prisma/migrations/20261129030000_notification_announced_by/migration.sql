-- The run that announces an email (notification.sent): its triggering event's id, claimed on
-- the row with a conditional UPDATE, so two runs of send-invitations racing over one email
-- (different interview.published events, at once on Inngest) announce it once.
ALTER TABLE "notifications" ADD COLUMN "announced_by" UUID;
