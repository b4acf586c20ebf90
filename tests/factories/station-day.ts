import type { Booking, Incident, IncidentCreateInput, Station } from "@carecircle/shared";
import { expect } from "vitest";
import type { TestServer } from "../setup/server.js";
import type { Account } from "./accounts.js";
import { bookOk, buildSlot, hoursFromNow } from "./booking.js";

/** Who brought a child, as the check-in dialog sends it. */
export const BROUGHT = { broughtBy: { name: "王秀英", relation: "外婆" } };
/** Who collected a child, as the pick-up dialog sends it. */
export const COLLECTED = { collectedBy: { name: "李娜", relation: "妈妈" } };

/** Mark attendance as `who`: check-in and check-out carry who brought / collected the child. */
export function markAttendance(
  srv: TestServer,
  who: Account,
  bookingId: string,
  action: "check-in" | "check-out" | "no-show",
) {
  const body = action === "check-in" ? BROUGHT : action === "check-out" ? COLLECTED : undefined;
  return srv.http.post(`/api/bookings/${bookingId}/${action}`).set("Authorization", who.auth).send(body);
}

/** Undo a mark as `who`. */
export function undoAttendance(
  srv: TestServer,
  who: Account,
  bookingId: string,
  mark: "check_in" | "check_out" | "no_show",
) {
  return srv.http.post(`/api/bookings/${bookingId}/undo`).set("Authorization", who.auth).send({ mark });
}

/** A booking of `childId` at `station` starting within the hour, checked in by `staff`. */
export async function sessionInProgress(
  srv: TestServer,
  o: { station: Station; staff: Account; caregiver: Account; childId: string; startsInHours?: number },
): Promise<Booking> {
  const { slot } = await buildSlot(srv, { station: o.station, startsAt: hoursFromNow(o.startsInHours ?? 1) });
  const booking = await bookOk(srv, o.caregiver, slot.id, o.childId);
  const res = await markAttendance(srv, o.staff, booking.id, "check-in");
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.booking as Booking;
}

/** A valid incident report body (happened just now). */
export function incidentBody(over: Partial<IncidentCreateInput> = {}): IncidentCreateInput {
  return {
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
    whatHappened: "在活动室滑倒，膝盖擦伤",
    firstAid: "清洗伤口，贴创可贴",
    bodyLocations: ["left_leg_front"],
    witnesses: "张老师",
    ...over,
  };
}

/** File an incident as `staff` (expects 201). */
export async function fileIncidentOk(
  srv: TestServer,
  staff: Account,
  bookingId: string,
  over: Partial<IncidentCreateInput> = {},
): Promise<Incident> {
  const res = await srv.http
    .post(`/api/bookings/${bookingId}/incidents`)
    .set("Authorization", staff.auth)
    .send(incidentBody(over));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.incident as Incident;
}
