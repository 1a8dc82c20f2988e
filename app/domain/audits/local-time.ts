/**
 * Audits are stored in UTC but planned in the inspectorate's time zone: "09:00 on Monday" means
 * 09:00 where the inspectors work, and a "day" (for the daily limit, leave and the calendar) is
 * a local day. These helpers are the only place that converts between the two.
 */
import { TZDate } from "@date-fns/tz";
import { addDays, format, isValid, parseISO } from "date-fns";

/** True when the IANA zone name is known to this runtime. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The local date (YYYY-MM-DD) of an instant. */
export function localDay(ms: number, zone: string): string {
  return format(new TZDate(ms, zone), "yyyy-MM-dd");
}

/** "YYYY-MM-DDTHH:mm" of an instant, as a datetime-local input shows it. */
export function localDateTime(ms: number, zone: string): string {
  return format(new TZDate(ms, zone), "yyyy-MM-dd'T'HH:mm");
}

/** "HH:mm" of an instant in the zone. */
export function localTime(ms: number, zone: string): string {
  return format(new TZDate(ms, zone), "HH:mm");
}

/** The instant of a local "YYYY-MM-DDTHH:mm" (or a date and a time) in the zone, or null if malformed. */
export function fromLocal(dateTime: string, zone: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/.exec(dateTime.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  const date = new TZDate(y, mo - 1, d, h, mi, zone);
  // Reject dates that rolled over (31 February) rather than silently moving them.
  if (!isValid(date) || date.getDate() !== d || date.getMonth() !== mo - 1) return null;
  return date.getTime();
}

/** Whether a string is a real calendar date YYYY-MM-DD. */
export function isLocalDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = parseISO(value);
  return isValid(parsed) && format(parsed, "yyyy-MM-dd") === value;
}

/** A date YYYY-MM-DD plus n days. */
export function addLocalDays(day: string, n: number): string {
  return format(addDays(parseISO(day), n), "yyyy-MM-dd");
}

/** Every local date the window [startsAt, endsAt) touches. */
export function daysOfWindow(startsAt: number, endsAt: number, zone: string): string[] {
  const first = localDay(startsAt, zone);
  const last = localDay(Math.max(startsAt, endsAt - 1), zone);
  const days = [first];
  while (days[days.length - 1]! < last) days.push(addLocalDays(days[days.length - 1]!, 1));
  return days;
}

/** ISO weekday of a date: 1 Monday … 7 Sunday. */
export function weekday(day: string): number {
  const d = parseISO(day).getDay();
  return d === 0 ? 7 : d;
}

/** Whole days from a to b (b − a), both YYYY-MM-DD. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
