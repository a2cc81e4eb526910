BEGIN;

-- AlterTable
ALTER TABLE "report" ADD COLUMN     "checked_by" TEXT,
ADD COLUMN     "contact_phone" TEXT,
ADD COLUMN     "filled_on" DATE,
ADD COLUMN     "prepared_by" TEXT;

COMMIT;
