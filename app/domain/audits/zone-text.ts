/**
 * An audit's times labelled with zones (issue 17, item 5): where it happens (the workplace's zone)
 * and, where the clocks differ, in the viewer's. Pure text, shared by the pages, the calendar, the
 * ICS feed and the PDFs so that each says the same thing the same way.
 */
import { localDateTime, localDay, localTime } from "./local-time";
import { zoneName } from "~/lib/format";

/** "2026-12-02 09:00" in the inspectorate's time zone. */
export const inZone = (ms: number, zone: string): string => localDateTime(ms, zone).replace("T", " ");

/** "2026-12-02 09:00–13:00" or, across days, "2026-12-02 09:00 – 2026-12-03 17:00". */
export function windowText(startsAt: number, endsAt: number, zone: string): string {
  const a = inZone(startsAt, zone);
  const b = inZone(endsAt, zone);
  return a.slice(0, 10) === b.slice(0, 10) ? `${a}–${b.slice(11)}` : `${a} – ${b}`;
}

const sameClock = (ms: number, a: string, b: string) => localDateTime(ms, a) === localDateTime(ms, b);

/**
 * An audit's window where it happens, labelled with the place ("2026-12-08 09:00–13:00 Bangkok
 * time"), then in the viewer's zone where the clocks differ ("· 10:00–14:00 Kuala Lumpur time",
 * with the date only if it is another day there).
 */
export function windowInZones(startsAt: number, endsAt: number, place: string, viewer?: string | null): string {
  const here = `${windowText(startsAt, endsAt, place)} ${zoneName(place)}`;
  if (!viewer || (sameClock(startsAt, place, viewer) && sameClock(endsAt, place, viewer))) return here;
  const there = windowText(startsAt, endsAt, viewer);
  const oneDay = !there.includes(" – ") && localDay(startsAt, place) === localDay(startsAt, viewer);
  return `${here} · ${oneDay ? there.slice(11) : there} ${zoneName(viewer)}`;
}

/** One instant of an audit the same way: "2026-12-08 09:00 Bangkok time · 10:00 Kuala Lumpur time". */
export function timeInZones(ms: number, place: string, viewer?: string | null): string {
  const here = `${inZone(ms, place)} ${zoneName(place)}`;
  if (!viewer || sameClock(ms, place, viewer)) return here;
  return `${here} · ${localDay(ms, place) === localDay(ms, viewer) ? inZone(ms, viewer).slice(11) : inZone(ms, viewer)} ${zoneName(viewer)}`;
}


/**
 * The local time at the workplace for an entry already shown in the viewer's zone (the calendar
 * grid): "09:00 Bangkok time", with the date when it is another day there; null when the clocks agree.
 */
export function placeTime(ms: number, place: string, viewer: string): string | null {
  if (sameClock(ms, place, viewer)) return null;
  return `${localDay(ms, place) === localDay(ms, viewer) ? localTime(ms, place) : inZone(ms, place)} ${zoneName(place)}`;
}
