import type { Station } from "@carecircle/shared";
import { useMe } from "../hooks/use-auth";
import { useStations } from "./booking";

/** Stations the user works at (admins: all). */
export function useMyStations(): { stations: Station[] | undefined; isPending: boolean; error: unknown } {
  const me = useMe();
  const q = useStations();
  const stations =
    me.role === "station_staff" ? q.data?.filter((s) => s.staff.some((x) => x.id === me.id)) : q.data;
  return { stations, isPending: q.isPending, error: q.error };
}
