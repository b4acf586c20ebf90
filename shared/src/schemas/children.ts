import { z } from "zod";
import { DISABILITY_TYPES, DISTRESS_TYPES } from "../enums.js";
import { LIMITS } from "../limits.js";
import { Id, IsoDateTime, label, text } from "./common.js";

const note = text(0, LIMITS.careNoteFieldMax).optional();

/** What staff need to know before the visit. Every field is optional free text. */
export const CareNotesSchema = z.strictObject({
  medication: note,
  allergies: note,
  communication: note,
  calming: note,
  triggers: note,
  other: note,
});
export type CareNotes = z.infer<typeof CareNotesSchema>;

export const EmergencyContactSchema = z.strictObject({
  name: label(1, 60),
  phone: z
    .string()
    .trim()
    .regex(/^[+0-9][0-9 -]{4,24}$/, "must be a phone number"),
  relation: label(1, 40).optional(),
});
export type EmergencyContact = z.infer<typeof EmergencyContactSchema>;

const thisYear = new Date().getUTCFullYear();

const childFields = {
  nickname: label(1, LIMITS.childNicknameMax),
  birthYear: z
    .number()
    .int()
    .min(thisYear - 30)
    .max(thisYear),
  distressType: z.enum(DISTRESS_TYPES),
  disabilityTypes: z
    .array(z.enum(DISABILITY_TYPES))
    .min(1)
    .max(DISABILITY_TYPES.length)
    .refine((a) => new Set(a).size === a.length, { message: "must not repeat a type" }),
  careNotes: CareNotesSchema.default({}),
  emergencyContact: EmergencyContactSchema.nullable().default(null),
};

export const ChildCreateSchema = z.strictObject(childFields);
export type ChildCreateInput = z.infer<typeof ChildCreateSchema>;

export const ChildUpdateSchema = z
  .strictObject({
    nickname: childFields.nickname.optional(),
    birthYear: childFields.birthYear.optional(),
    distressType: childFields.distressType.optional(),
    disabilityTypes: childFields.disabilityTypes.optional(),
    careNotes: CareNotesSchema.optional(),
    emergencyContact: EmergencyContactSchema.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "nothing to update" });
export type ChildUpdateInput = z.infer<typeof ChildUpdateSchema>;

export const ChildSchema = z.object({
  id: Id,
  familyId: Id,
  nickname: z.string(),
  birthYear: z.number().int(),
  distressType: z.enum(DISTRESS_TYPES),
  disabilityTypes: z.array(z.enum(DISABILITY_TYPES)),
  careNotes: CareNotesSchema,
  emergencyContact: EmergencyContactSchema.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Child = z.infer<typeof ChildSchema>;
