ALTER TABLE "bookings" ADD COLUMN "awaiting_family" boolean DEFAULT false NOT NULL;--> statement-breakpoint
UPDATE "bookings" b SET "awaiting_family" = true FROM "users" u WHERE u."id" = b."booked_by" AND u."role" = 'station_staff' AND b."on_behalf" AND b."status" IN ('confirmed', 'waitlisted') AND upper(b."period") > now();
