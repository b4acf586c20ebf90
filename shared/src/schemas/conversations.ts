import { z } from "zod";
import { Id, IsoDateTime } from "./common.js";

const Person = z.object({ id: Id, displayName: z.string() });

/**
 * A private conversation between one family (all its caregivers) and one of its assigned social
 * workers. It is a chat group of kind `direct`: messages, catch-up, unread and read marks use the
 * group routes and events with `groupId = id`.
 */
export const ConversationSchema = z.object({
  /** The group id of the conversation (use it with the group message routes and events). */
  id: Id,
  familyId: Id,
  /** Null when the social worker's account was erased (history stays readable). */
  socialWorker: Person.nullable(),
  caregivers: z.array(Person),
  unreadCount: z.number().int(),
  lastReadSeq: z.number().int(),
  lastSeq: z.number().int(),
  /** When the latest message was sent, or null before the first one. */
  lastMessageAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
});
export type Conversation = z.infer<typeof ConversationSchema>;

/**
 * Open (create or get) a conversation. A social worker names the family (`familyId`) or one of
 * its caregivers (`userId`, e.g. from a group member or an alert); a caregiver may name which
 * assigned social worker (`socialWorkerId`), needed only when the family has more than one.
 */
export const OpenConversationSchema = z
  .strictObject({
    familyId: Id.optional(),
    userId: Id.optional(),
    socialWorkerId: Id.optional(),
  })
  .refine((v) => [v.familyId, v.userId, v.socialWorkerId].filter(Boolean).length <= 1, {
    message: "name at most one of familyId, userId, socialWorkerId",
  });
export type OpenConversationInput = z.infer<typeof OpenConversationSchema>;

/** One caregiver of a family with the phone number they chose to give (staff view, audited). */
export const FamilyContactSchema = z.object({
  id: Id,
  displayName: z.string(),
  phone: z.string().nullable(),
});

/** A family's contact numbers, for its assigned social worker and staff of a station it is booked at. */
export const FamilyContactsSchema = z.object({
  familyId: Id,
  caregivers: z.array(FamilyContactSchema),
});
export type FamilyContacts = z.infer<typeof FamilyContactsSchema>;
