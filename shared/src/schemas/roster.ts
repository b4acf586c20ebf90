import { z } from "zod";
import { DISABILITY_TYPES } from "../enums.js";
import { LocalDate } from "./booking-common.js";
import { BookingSchema } from "./bookings.js";
import { CareNotesSchema, EmergencyContactSchema } from "./children.js";
import { Id } from "./common.js";
import { SlotSchema } from "./slots.js";

export const RosterQuery = z.strictObject({
  /** Station-local date; defaults to today at the station. */
  date: LocalDate.optional(),
});

/**
 * A booked child as the station's staff see it. Care notes and the emergency contact are present
 * only for staff of this station, and only from the day before the slot to the day after it.
 */
export const RosterChildSchema = z.object({
  id: Id,
  nickname: z.string(),
  birthYear: z.number().int(),
  disabilityTypes: z.array(z.enum(DISABILITY_TYPES)),
  careNotesVisible: z.boolean(),
  careNotes: CareNotesSchema.nullable(),
  emergencyContact: EmergencyContactSchema.nullable(),
  /**
   * The child's care needs (codes always: the day must be staffed for them; the instructions
   * only where care notes are visible, else null). Issue 19 §3.
   */
  careNeeds: z.array(z.object({ code: z.string(), instructions: z.string().nullable() })),
});
export type RosterChild = z.infer<typeof RosterChildSchema>;

export const RosterEntrySchema = z.object({
  booking: BookingSchema,
  child: RosterChildSchema,
  family: z.object({
    caregivers: z.array(z.object({ id: Id, displayName: z.string() })),
    noShowCount: z.number().int(),
  }),
});
export type RosterEntry = z.infer<typeof RosterEntrySchema>;

export const RosterSchema = z.object({
  station: z.object({ id: Id, name: z.string(), timeZone: z.string() }),
  date: z.string(),
  slots: z.array(z.object({ slot: SlotSchema, entries: z.array(RosterEntrySchema) })),
});
export type Roster = z.infer<typeof RosterSchema>;
