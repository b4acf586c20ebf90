import type { Tx } from "../db/client.js";
import type { stations } from "../db/schema/index.js";
import { materialiseRule } from "../modules/slots/slot-rules.service.js";
import { slotsRepo } from "../modules/slots/slots.repo.js";

type StationRow = typeof stations.$inferSelect;

/**
 * Demo weekly rules for the two demo stations (long-lived, predictable slots: what families asked
 * for), materialised at once; the hourly roll-forward keeps them going.
 */
export async function seedDemoSlotRules(tx: Tx, sunshine: StationRow, peace: StationRow): Promise<void> {
  const now = new Date();
  const validFrom = now.toISOString().slice(0, 10);
  const rules = [
    {
      station: sunshine,
      serviceType: "respite",
      weekdays: [1, 2, 3, 4, 5],
      startTime: "09:00",
      endTime: "12:00",
      capacity: 6,
    },
    {
      station: sunshine,
      serviceType: "trusteeship",
      weekdays: [1, 2, 3, 4, 5],
      startTime: "13:30",
      endTime: "17:00",
      capacity: 8,
    },
    {
      station: sunshine,
      serviceType: "respite",
      weekdays: [6],
      startTime: "09:00",
      endTime: "12:00",
      capacity: 4,
    },
    {
      station: peace,
      serviceType: "respite",
      weekdays: [1, 3, 5],
      startTime: "09:30",
      endTime: "11:30",
      capacity: 5,
    },
  ];
  for (const { station, ...rule } of rules) {
    const row = await slotsRepo.insertRule(tx, { ...rule, stationId: station.id, validFrom, weeksAhead: 4 });
    await materialiseRule(tx, row, station, now);
  }
}
