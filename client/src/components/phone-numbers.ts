/**
 * Phone numbers in a help text: 3 to 5 digit hotlines (120, 110, 12356), dashed numbers
 * (400-161-9995, 010-82951332) and mobile or landline numbers written as one run (13800001234).
 * Never part of a longer run of digits.
 */
const PHONE = /(?<![\d-])(\d{3,4}(?:-\d{3,8}){1,2}|\d{3,5}|1\d{10}|0\d{9,11})(?![\d-])/g;

/** Split `text` into plain parts and phone numbers: odd indexes are the numbers. */
export function splitPhones(text: string): string[] {
  return text.split(PHONE);
}

/** The `tel:` address of a number as written (dashes dropped). */
export function telHref(number: string): string {
  return `tel:${number.replace(/-/g, "")}`;
}

/**
 * Phone numbers in chat text: only mobile, landline and dashed numbers. Short runs (a year, an
 * amount, a 3 to 5 digit hotline) stay text there, where digits are mostly not numbers to call.
 */
const CHAT_PHONE = /(?<![\d-])(\d{3,4}(?:-\d{3,8}){1,2}|1\d{10}|0\d{9,11})(?![\d-])/g;

/** Split chat text into plain parts and phone numbers: odd indexes are the numbers. */
export function splitChatPhones(text: string): string[] {
  return text.split(CHAT_PHONE);
}
