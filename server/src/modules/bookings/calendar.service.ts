import { createHash, randomBytes } from "node:crypto";
import type { BookingStatus, CalendarFeed } from "@carecircle/shared";
import type { Deps } from "../../deps.js";
import { notFound } from "../../errors.js";
import type { AuthUser } from "../auth/access-token.js";
import { usersRepo } from "../users/users.repo.js";
import { type BookingView, bookingsRepo } from "./bookings.repo.js";
import { calendarRepo } from "./calendar.repo.js";
import { buildCalendar, type IcsEvent } from "./ical.js";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

const ICS_STATUS: Record<BookingStatus, IcsEvent["status"]> = {
  confirmed: "CONFIRMED",
  checked_in: "CONFIRMED",
  completed: "CONFIRMED",
  no_show: "CONFIRMED",
  waitlisted: "TENTATIVE",
  cancelled: "CANCELLED",
};
const SEQUENCE: Record<BookingStatus, number> = {
  waitlisted: 0,
  confirmed: 1,
  checked_in: 2,
  completed: 3,
  no_show: 3,
  cancelled: 3,
};
const LABELS = {
  "zh-CN": {
    respite: "喘息服务",
    trusteeship: "日间托管",
    waitlisted: "候补",
    cancelled: "已取消",
    name: "CareCircle 预约",
  },
  en: {
    respite: "Respite care",
    trusteeship: "Day care",
    waitlisted: "Waitlist",
    cancelled: "Cancelled",
    name: "CareCircle bookings",
  },
} as const;
const FEED_HISTORY_DAYS = 60;

/** The event for one booking, labelled in the feed owner's language. */
function toEvent(v: BookingView, locale: "zh-CN" | "en"): IcsEvent {
  const l = LABELS[locale];
  const b = v.booking;
  const service = v.slot.serviceType === "trusteeship" ? l.trusteeship : l.respite;
  const prefix =
    b.status === "waitlisted" ? `[${l.waitlisted}] ` : b.status === "cancelled" ? `[${l.cancelled}] ` : "";
  return {
    uid: `booking-${b.id}@carecircle`,
    stamp: b.updatedAt,
    start: v.slot.startsAt,
    end: v.slot.endsAt,
    summary: `${prefix}${service} · ${v.child.nickname} · ${v.station.name}`,
    location: v.station.address,
    description: `${v.station.name}, ${v.station.address}`,
    status: ICS_STATUS[b.status],
    sequence: SEQUENCE[b.status],
  };
}

/**
 * Per-user secret iCalendar feed of the family's bookings. The URL carries 256 random bits; only
 * their hash is stored, so the URL is shown once, and creating a new one revokes the old one.
 */
export function createCalendarService({ db }: Deps) {
  return {
    async status(user: AuthUser): Promise<CalendarFeed> {
      const row = await usersRepo.byId(db, user.id);
      return { active: !!row?.calendarToken, url: null };
    },

    async create(user: AuthUser, origin: string): Promise<CalendarFeed> {
      const token = randomBytes(32).toString("base64url");
      await calendarRepo.setTokenHash(db, user.id, sha256(token));
      return { active: true, url: `${origin}/api/calendar/${token}.ics` };
    },

    async revoke(user: AuthUser): Promise<CalendarFeed> {
      await calendarRepo.setTokenHash(db, user.id, null);
      return { active: false, url: null };
    },

    /** The feed body for a token, or 404 for an unknown, revoked or disabled one. */
    async feed(token: string): Promise<string> {
      const user = await calendarRepo.userByTokenHash(db, sha256(token));
      if (user?.status !== "active" || user.role !== "caregiver" || !user.familyId)
        throw notFound("calendar");
      const since = new Date(Date.now() - FEED_HISTORY_DAYS * 86_400_000);
      const views = await bookingsRepo.calendarViews(db, user.familyId, since);
      return buildCalendar(
        LABELS[user.locale].name,
        views.map((v) => toEvent(v, user.locale)),
      );
    },
  };
}
export type CalendarService = ReturnType<typeof createCalendarService>;
