/** Named limits used by both server validation and client forms. */
export const LIMITS = {
  jsonBodyBytes: 64 * 1024,
  emailMax: 254,
  passwordMin: 10,
  passwordMax: 200,
  displayNameMin: 1,
  displayNameMax: 40,
  childNicknameMax: 40,
  careNoteFieldMax: 2000,
  emergencyContactMax: 200,
  inviteCodeLength: 8,
  messageMax: 2000,
  groupNameMax: 80,
  groupDescriptionMax: 1000,
  pageSizeDefault: 50,
  pageSizeMax: 100,
  reasonMax: 500,
  /** At most this many messages per read-count query (one screen of announcements and then some). */
  readCountSeqsMax: 100,
} as const;

/** Access tokens are short-lived; refresh tokens rotate on use. */
export const TOKEN_TTL = {
  accessSeconds: 15 * 60,
  refreshSeconds: 30 * 24 * 60 * 60,
} as const;

/** Named limits of chat messages. */
export const MESSAGE_LIMITS = {
  bodyMax: LIMITS.messageMax,
  /** Own messages can be edited for this long after sending. */
  editWindowMinutes: 15,
  /** Platform-wide per-user send rate: this many messages per window. */
  rateCount: 10,
  rateWindowSeconds: 10,
  /** Catch-up answers at most this many changed messages per call (`hasMore` says continue). */
  syncPageMax: 500,
  syncPageDefault: 200,
  /** Typing events from one socket per group are relayed at most this often. */
  typingThrottleMs: 1500,
  emojiMaxLength: 16,
  reactionsPerMessageMax: 20,
} as const;

/** The longest text accepted as a phone number before normalising. */
export const PHONE_INPUT_MAX = 32;
