import type { Notification } from "@carecircle/shared";
import { useTranslation } from "react-i18next";
import { useGroups } from "../api/chat";
import { useChildren } from "../api/core";
import { useDates } from "../i18n/dates";
import { useMe } from "./use-auth";

function str(v: unknown): string {
  return typeof v === "string" || typeof v === "number" ? String(v) : "";
}

/** The zone of an ISO instant written with the station's offset (`...+08:00`), for showing its wall-clock time. */
function offsetZone(iso: string): string {
  const m = /([+-]\d\d:\d\d)$/.exec(iso);
  return m ? m[1]! : "UTC";
}

/**
 * Which variant of a kind's sentence (an i18next context): when a reminder is, whether reports
 * hid the message, who issued a reset code.
 */
function variantOf(p: Notification["payload"]): string | undefined {
  if (p.hidden === true) return "hidden";
  return str(p.when) || str(p.issuedBy) || undefined;
}

/** One line of plain words for a notification, from its kind and payload (names looked up locally). */
export function useNotificationText() {
  const { t } = useTranslation();
  const me = useMe();
  const groups = useGroups("", me.role !== "station_staff");
  const children = useChildren(me.role === "caregiver");
  const d = useDates();
  return (n: Notification) => {
    const p = n.payload;
    const startsAt = str(p.startsAt);
    const zone = offsetZone(startsAt);
    const by = p.by as { displayName?: string } | string | undefined;
    const groupName = str(p.groupName) || groups.data?.find((g) => g.id === p.groupId)?.name || "";
    const child = str(p.childNickname) || children.data?.find((c) => c.id === p.childId)?.nickname || "";
    return t(`notifications.kinds.${n.kind}`, {
      defaultValue: t("notifications.newToast"),
      group: groupName,
      name: str(p.senderName ?? p.displayName) || (typeof by === "string" ? by : (by?.displayName ?? "")),
      child: child || t("notifications.yourChild"),
      station: str(p.stationName),
      reason: str(p.reason),
      step: str(p.step),
      // Booking notices: the slot's date and time where the station is, as the family knows them.
      when: startsAt ? `${d.day(startsAt, zone)} ${d.time(startsAt, zone)}` : "",
      time: startsAt ? d.time(startsAt, zone) : "",
      // Qualification expiry and series counts (decisions 151 and 152).
      date: str(p.expiresOn),
      confirmed: str(p.confirmed),
      waitlisted: str(p.waitlisted),
      refused: str(p.refused),
      context: variantOf(p),
    });
  };
}
