import {
  BookingSeriesCancelSchema,
  BookingSeriesCreateSchema,
  BookingSeriesResultSchema,
} from "../schemas/booking-series.js";
import { IdParams } from "../schemas/common.js";
import { defineRoutes } from "./define.js";

const FAMILY_SIDE = ["caregiver", "social_worker", "admin"] as const;

/** Recurring respite (issue 19 §2): a weekly session booked for up to 12 weeks in one request. */
export const seriesRoutes = defineRoutes({
  createBookingSeries: {
    method: "post",
    path: "/api/bookings/series",
    summary:
      "Book the same weekly session for 2-12 weeks; each week is decided by the booking rules (confirmed, waitlisted or refused with its reason)",
    tag: "bookings",
    access: FAMILY_SIDE,
    relations: ["own_family", "assigned_social_worker"],
    body: BookingSeriesCreateSchema,
    response: BookingSeriesResultSchema,
    status: 201,
  },
  getBookingSeries: {
    method: "get",
    path: "/api/bookings/series/:id",
    summary: "A recurring booking with each of its weeks",
    tag: "bookings",
    access: FAMILY_SIDE,
    relations: ["own_family", "assigned_social_worker"],
    params: IdParams,
    response: BookingSeriesResultSchema,
  },
  cancelBookingSeries: {
    method: "post",
    path: "/api/bookings/series/:id/cancel",
    summary:
      "Cancel every occurrence on or after a date; each frees its own seat and the waitlist promotes as for one booking",
    tag: "bookings",
    access: FAMILY_SIDE,
    relations: ["own_family", "assigned_social_worker"],
    params: IdParams,
    body: BookingSeriesCancelSchema,
    response: BookingSeriesResultSchema,
  },
});
