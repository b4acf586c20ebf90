import { ROUTES } from "@carecircle/shared";
import type { Router } from "express";
import { type Authenticate, mount, RESPONDED } from "../../http/mount.js";
import type { AttendanceService } from "./attendance.service.js";
import type { BookingsService } from "./bookings.service.js";
import type { CalendarService } from "./calendar.service.js";

/** /api/bookings, attendance, and the iCalendar feed */
export function bookingsRoutes(
  router: Router,
  authenticate: Authenticate,
  svc: { bookings: BookingsService; attendance: AttendanceService; calendar: CalendarService },
): void {
  const { bookings, attendance, calendar } = svc;
  mount(router, ROUTES.createBooking, authenticate, ({ user, body }) => bookings.create(user, body));
  mount(router, ROUTES.listBookings, authenticate, ({ user, query }) => bookings.list(user, query));
  mount(router, ROUTES.getBooking, authenticate, ({ user, params }) => bookings.get(user, params.id));
  mount(router, ROUTES.cancelBooking, authenticate, ({ user, params, body }) =>
    bookings.cancel(user, params.id, body.reason),
  );
  mount(router, ROUTES.confirmBookingForFamily, authenticate, ({ user, params }) =>
    bookings.confirmForFamily(user, params.id),
  );
  mount(router, ROUTES.checkInBooking, authenticate, ({ user, params, body }) =>
    attendance.checkIn(user, params.id, body.broughtBy),
  );
  mount(router, ROUTES.checkOutBooking, authenticate, ({ user, params, body }) =>
    attendance.checkOut(user, params.id, body.collectedBy),
  );
  mount(router, ROUTES.markNoShow, authenticate, ({ user, params }) => attendance.noShow(user, params.id));
  mount(router, ROUTES.undoAttendance, authenticate, ({ user, params, body }) =>
    attendance.undo(user, params.id, body.mark),
  );

  mount(router, ROUTES.getCalendarFeed, authenticate, ({ user }) => calendar.status(user));
  mount(router, ROUTES.createCalendarFeed, authenticate, ({ user, req }) =>
    calendar.create(user, `${req.protocol}://${req.get("host")}`),
  );
  mount(router, ROUTES.revokeCalendarFeed, authenticate, ({ user }) => calendar.revoke(user));
  mount(router, ROUTES.calendarFeed, authenticate, async ({ params, res }) => {
    const body = await calendar.feed(params.token);
    res
      .status(200)
      .set({
        "Content-Type": "text/calendar; charset=utf-8",
        "Content-Disposition": 'inline; filename="carecircle.ics"',
        "Cache-Control": "private, max-age=300",
        "Referrer-Policy": "no-referrer",
      })
      .send(body);
    return RESPONDED;
  });
}
