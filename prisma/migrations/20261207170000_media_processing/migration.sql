-- AlterTable
ALTER TABLE "media_files" ADD COLUMN     "audio_codec" TEXT,
ADD COLUMN     "flags" JSONB,
ADD COLUMN     "processing_error" TEXT,
ADD COLUMN     "processing_ms" INTEGER,
ADD COLUMN     "speech_path" TEXT,
ADD COLUMN     "strip_path" TEXT,
ADD COLUMN     "video_codec" TEXT;

