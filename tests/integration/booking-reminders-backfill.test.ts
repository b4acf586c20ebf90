import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sql } from "@carecircle/server";
import { describe, expect, it } from "vitest";
import {
  bookOk,
  buildFamily,
  buildSlot,
  buildStation,
  cancelBooking,
  hoursFromNow,
  reminderRows,
  sqlRows,
} from "../factories/index.js";
import { useTestServer } from "../setup/server.js";

/*
 * Migration 0005 plans reminders for confirmed future bookings made before reminders existed
 * (decision 107). The same statements run here against bookings whose rows were removed: they
 * must give back what planning at confirmation gave, and nothing for cancelled or past ones.
 */

const srv = useTestServer();
const migration = fileURLToPath(
  new URL("../../server/src/db/migrations/0005_reach_and_remind.sql", import.meta.url),
);
const backfill = readFileSync(migration, "utf8")
  .split("--> statement-breakpoint")
  .filter((s) => s.includes('INSERT INTO "booking_reminders"'));

async function runBackfill() {
  expect(backfill).toHaveLength(2);
  for (const statement of backfill) await sqlRows(srv, sql.raw(statement));
}

describe("the reminder backfill of migration 0005", () => {
  it("gives existing confirmed bookings the reminders they would have been planned with", async () => {
    const station = await buildStation(srv, { timeZone: "America/New_York", reminderHour: 20 });
    const cases = [hoursFromNow(3 * 24 + 5), hoursFromNow(3), hoursFromNow(1.5)];
    const booked = [];
    for (const startsAt of cases) {
      const { slot } = await buildSlot(srv, { station, startsAt });
      const { caregiver, child } = await buildFamily(srv);
      booked.push({ b: await bookOk(srv, caregiver, slot.id, child.id), caregiver });
    }
    const { slot } = await buildSlot(srv, { station, startsAt: hoursFromNow(48) });
    const { caregiver, child } = await buildFamily(srv);
    const cancelled = await bookOk(srv, caregiver, slot.id, child.id);
    await cancelBooking(srv, caregiver, cancelled.id);

    const planned = await Promise.all(booked.map(({ b }) => reminderRows(srv, b.id)));
    expect(planned.map((rows) => rows.map((r) => r.kind))).toEqual([["evening", "soon"], ["soon"], []]);
    await sqlRows(srv, sql`DELETE FROM booking_reminders`);
    await runBackfill();

    const again = await Promise.all(booked.map(({ b }) => reminderRows(srv, b.id)));
    expect(again.map((rows) => rows.map((r) => [r.kind, Date.parse(r.due_at)]))).toEqual(
      planned.map((rows) => rows.map((r) => [r.kind, Date.parse(r.due_at)])),
    );
    expect(await reminderRows(srv, cancelled.id)).toEqual([]);
    await runBackfill();
    expect((await sqlRows(srv, sql`SELECT 1 FROM booking_reminders`)).length).toBe(3);
  });
});
