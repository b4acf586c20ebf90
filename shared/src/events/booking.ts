/** Booking events the server sends. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the booking module
export interface BookingServerEvents {}

/** Booking events the client sends. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the booking module
export interface BookingClientEvents {}
