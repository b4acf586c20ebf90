import type { Booking } from "@carecircle/shared";
import type { Deps } from "../../deps.js";
import { notFound } from "../../errors.js";
import type { AuthUser } from "../auth/access-token.js";
import type { FamiliesService } from "../families/families.service.js";
import { stationsRepo } from "../stations/stations.repo.js";
import { presentViews } from "./bookings.presenter.js";
import { type BookingRow, bookingsRepo } from "./bookings.repo.js";

/** Who may see a booking, and its presentation: shared by the bookings service's parts. */
export function createBookingCore(deps: Deps, families: FamiliesService) {
  const { db } = deps;

  /** May `user` act on this booking? The family side, or staff of its station. */
  async function isParty(user: AuthUser, b: BookingRow): Promise<boolean> {
    if (await families.canAccess(user, b.familyId)) return true;
    return user.role === "station_staff" && stationsRepo.isStaff(db, b.stationId, user.id);
  }

  /** The booking if `user` is a party to it; 404 otherwise (its existence is not revealed). */
  async function loadVisible(user: AuthUser, id: string): Promise<BookingRow> {
    const b = await bookingsRepo.byId(db, id);
    if (!b || !(await isParty(user, b))) throw notFound("booking");
    return b;
  }

  /** One booking as the API shows it, read fresh. */
  async function presentOne(id: string): Promise<Booking> {
    const views = await bookingsRepo.viewsByIds(db, [id]);
    return (await presentViews(db, views))[0]!;
  }

  return { isParty, loadVisible, presentOne };
}
/** The shared core of the bookings service. */
export type BookingCore = ReturnType<typeof createBookingCore>;
