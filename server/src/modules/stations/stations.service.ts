import type { Station, StationCreateInput, StationUpdateInput } from "@carecircle/shared";
import type { DbOrTx } from "../../db/client.js";
import type { Deps } from "../../deps.js";
import { assertFound, forbidden, invalid } from "../../errors.js";
import { rooms } from "../../realtime/rooms.js";
import type { AuthUser } from "../auth/access-token.js";
import { moveEveningReminders } from "../reminders/reminder-plan.js";
import { usersRepo } from "../users/users.repo.js";
import { presentStation } from "./stations.presenter.js";
import { type StationRow, stationsRepo } from "./stations.repo.js";

/**
 * Load a station the caller may manage slots, rules and blackouts of: admins and social workers
 * manage every station, station staff only their own (403 otherwise: stations are public, so
 * their existence is no secret). A missing station is 404.
 */
export async function loadManagedStation(db: DbOrTx, user: AuthUser, stationId: string): Promise<StationRow> {
  const station = assertFound(await stationsRepo.byId(db, stationId), "station");
  if (user.role === "admin" || user.role === "social_worker") return station;
  if (user.role === "station_staff" && (await stationsRepo.isStaff(db, stationId, user.id))) return station;
  throw forbidden("Only this station's staff, social workers and admins can manage its slots");
}

/** Stations and their staff. Social workers and admins manage them; everyone can browse them. */
export function createStationsService({ db, realtime }: Deps) {
  async function present(rows: StationRow[]): Promise<Station[]> {
    const staff = await stationsRepo.staffOf(
      db,
      rows.map((r) => r.id),
    );
    return rows.map((s) =>
      presentStation(
        s,
        staff.filter((x) => x.stationId === s.id).map(({ id, displayName }) => ({ id, displayName })),
      ),
    );
  }
  const presentOne = async (row: StationRow) => (await present([row]))[0]!;

  return {
    async create(input: StationCreateInput): Promise<Station> {
      return presentOne(await stationsRepo.insert(db, input));
    },

    async list(filters: { disabilityType?: string; serviceType?: string; district?: string }) {
      return { stations: await present(await stationsRepo.list(db, filters)) };
    },

    async get(id: string): Promise<Station> {
      return presentOne(assertFound(await stationsRepo.byId(db, id), "station"));
    },

    /** Change a station; a new reminder hour moves its evening reminders still to come (decision 107). */
    async update(id: string, patch: StationUpdateInput): Promise<Station> {
      const row = await db.transaction(async (tx) => {
        const updated = assertFound(await stationsRepo.update(tx, id, patch), "station");
        if (patch.reminderHour !== undefined) await moveEveningReminders(tx, updated);
        return updated;
      });
      return presentOne(row);
    },

    async addStaff(stationId: string, userId: string): Promise<Station> {
      const station = assertFound(await stationsRepo.byId(db, stationId), "station");
      const user = await usersRepo.byId(db, userId);
      if (user?.role !== "station_staff") throw invalid("userId", "is not a station staff account");
      await stationsRepo.addStaff(db, stationId, userId);
      realtime.io.in(rooms.user(userId)).socketsJoin(rooms.station(stationId));
      return presentOne(station);
    },

    async removeStaff(stationId: string, userId: string): Promise<Station> {
      const station = assertFound(await stationsRepo.byId(db, stationId), "station");
      if (!(await stationsRepo.removeStaff(db, stationId, userId)))
        throw invalid("userId", "is not staff here");
      realtime.leaveRoom(userId, rooms.station(stationId));
      return presentOne(station);
    },

    /** Socket setup: station staff receive their stations' live booking and seat updates. */
    async joinStationRooms(userId: string, join: (room: string) => void): Promise<void> {
      for (const id of await stationsRepo.stationIdsOfStaff(db, userId)) join(rooms.station(id));
    },
  };
}
export type StationsService = ReturnType<typeof createStationsService>;
