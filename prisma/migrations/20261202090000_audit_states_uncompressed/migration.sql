BEGIN;

-- An audit entry's states (a 400-row save: two of about 40 KB) are kept uncompressed: PostgreSQL
-- compressed each with pglz as it was written, which was most of the entry's cost (1.8 ms of a
-- save's database time against 0.6 ms uncompressed). They are read one history at a time.
ALTER TABLE "audit_event" ALTER COLUMN "before" SET STORAGE EXTERNAL,
  ALTER COLUMN "after" SET STORAGE EXTERNAL;

COMMIT;
