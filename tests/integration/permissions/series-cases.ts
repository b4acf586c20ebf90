import type { RouteName } from "@carecircle/shared";
import { expect } from "vitest";
import type { RouteCase } from "./cases.js";
import { freshSlot, type World } from "./world.js";

/** A two-week series of a fresh slot at S booked by cgOwn for F's child; answers its id. */
async function series(w: World): Promise<string> {
  const slot = await freshSlot(w);
  const res = await w.srv.http
    .post("/api/bookings/series")
    .set("Authorization", w.cgOwn.auth)
    .send({ childId: w.child.id, slotId: slot.id, weeks: 2 });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.series.id as string;
}

const idOf = ({ f }: { f: unknown }) => ({ id: f as string });

/** Recurring respite (issue 19 §2): valid calls for the permission table. */
export const SERIES_ROUTE_CASES = {
  createBookingSeries: {
    target: "family",
    fresh: freshSlot,
    body: ({ w, f }) => ({ childId: w.child.id, slotId: (f as { id: string }).id, weeks: 2 }),
  },
  getBookingSeries: { target: "family", setup: series, params: idOf },
  cancelBookingSeries: {
    target: "family",
    fresh: series,
    params: idOf,
    body: () => ({ from: new Date().toISOString().slice(0, 10) }),
  },
} satisfies Partial<Record<RouteName, RouteCase>>;
