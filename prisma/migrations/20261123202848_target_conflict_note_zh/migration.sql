BEGIN;

-- AlterTable
ALTER TABLE "target_conflict" ADD COLUMN     "note_zh" TEXT;

COMMIT;
