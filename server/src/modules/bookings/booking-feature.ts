import type { Router } from "express";
import type { Deps } from "../../deps.js";
import type { Authenticate } from "../../http/mount.js";
import type { SocketFeature } from "../../realtime/socket-features.js";
import { activitiesRoutes } from "../activities/activities.routes.js";
import { createActivitiesService } from "../activities/activities.service.js";
import { checkinsRoutes } from "../checkins/checkins.routes.js";
import { createCheckinsService, type StressAlerts } from "../checkins/checkins.service.js";
import type { FamiliesService } from "../families/families.service.js";
import { createRosterService } from "../roster/roster.service.js";
import { seriesRoutes } from "../series/series.routes.js";
import { createSeriesService } from "../series/series.service.js";
import { createBookingFlow } from "../slots/booking-flow.js";
import { bookingFlowRoutes } from "../slots/booking-flow.routes.js";
import { createSlotRulesService } from "../slots/slot-rules.service.js";
import { slotsRoutes } from "../slots/slots.routes.js";
import { createSlotsService } from "../slots/slots.service.js";
import { stationsRoutes } from "../stations/stations.routes.js";
import { createStationsService } from "../stations/stations.service.js";
import { createAttendanceService } from "./attendance.service.js";
import { bookingsRoutes } from "./bookings.routes.js";
import { createBookingsService } from "./bookings.service.js";
import { createCalendarService } from "./calendar.service.js";

const MATERIALISE_EVERY_MS = 60 * 60 * 1000;

/**
 * The respite and trusteeship booking feature: stations, slots and rules, bookings with their
 * waitlist, attendance and roster, stress check-ins and the calendar feed, wired in one place.
 */
export function createBookingFeature(deps: Deps, families: FamiliesService, alerts: StressAlerts) {
  const stations = createStationsService(deps);
  const rules = createSlotRulesService(deps);
  const slots = createSlotsService(deps, families);
  const bookings = createBookingsService(deps, families);
  const series = createSeriesService(deps, families, bookings);
  const activities = createActivitiesService(deps);
  const attendance = createAttendanceService(deps, bookings.presentOne);
  const calendar = createCalendarService(deps);
  const checkins = createCheckinsService(deps, families, alerts);
  const roster = createRosterService(deps);
  const flow = createBookingFlow(deps, slots, bookings);

  let timers: NodeJS.Timeout[] = [];
  const rollForward = () =>
    void (async () => {
      await rules.materialiseAll();
      await bookings.closeStartedWaitlists();
    })().catch((err) => deps.logger.warn({ err }, "booking housekeeping failed"));

  return {
    stations,
    rules,
    slots,
    bookings,
    series,
    activities,
    attendance,
    calendar,
    checkins,
    roster,

    routes(router: Router, authenticate: Authenticate): void {
      stationsRoutes(router, authenticate, { stations, rules, roster });
      slotsRoutes(router, authenticate, { slots, rules });
      bookingFlowRoutes(router, authenticate, flow);
      seriesRoutes(router, authenticate, series);
      activitiesRoutes(router, authenticate, activities);
      bookingsRoutes(router, authenticate, { bookings, attendance, calendar });
      checkinsRoutes(router, authenticate, checkins);
    },

    /** Station staff sockets join their stations' rooms (live roster and seat updates). */
    socketFeature: (async (socket) => {
      if (socket.data.role !== "station_staff") return;
      await stations.joinStationRooms(socket.data.userId, (room) => void socket.join(room));
    }) satisfies SocketFeature,

    /** Hourly housekeeping: materialise rules `weeksAhead` weeks ahead (idempotent), close started waitlists. */
    scheduler: {
      start(): void {
        if (timers.length) return;
        const first = setTimeout(rollForward, 5_000);
        const every = setInterval(rollForward, MATERIALISE_EVERY_MS);
        first.unref();
        every.unref();
        timers = [first, every];
      },
      stop(): void {
        for (const t of timers) clearTimeout(t);
        timers = [];
      },
    },
  };
}
export type BookingFeature = ReturnType<typeof createBookingFeature>;
