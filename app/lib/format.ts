/**
 * How numbers and times are shown everywhere. Times are UTC and say so: inspectors, companies and
 * regulators sit in different time zones and must read the same moment.
 */
const numbers = new Intl.NumberFormat("en-GB");

export const formatNumber = (n: number | null | undefined): string => (n === null || n === undefined ? "—" : numbers.format(n));

export const formatDateTime = (at: number | string | Date): string => `${new Date(at).toISOString().slice(0, 16).replace("T", " ")} UTC`;

export const formatDate = (at: number | string | Date): string => new Date(at).toISOString().slice(0, 10);

/** "1 error", "2 errors". */
export const plural = (n: number, one: string, many = `${one}s`): string => `${formatNumber(n)} ${n === 1 ? one : many}`;

export const formatBytes = (bytes: number): string =>
  bytes < 1024 ? `${bytes} bytes` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * A method's name with its version, said once: names such as "Forced-labour risk method, version
 * 2.1 (…)" already carry it, and "version 2.1 (… version 2.1 …)" reads as a mistake (issue 17).
 */
export const methodologyTitle = (name: string, version: string): string => (name.includes(`version ${version}`) ? name : `${name}, version ${version}`);

/** An IANA time zone as people say it: "Asia/Kuala_Lumpur" → "Kuala Lumpur time"; "UTC" stays. */
export const zoneName = (zone: string): string => {
  if (!zone.includes("/")) return zone;
  return `${zone.slice(zone.lastIndexOf("/") + 1).replace(/_/g, " ")} time`;
};

/** "Malaysia (MY)", or the code alone when the name is not known, never "Malaysia (MY) (MY)". */
export const countryWithCode = (name: string | null | undefined, code: string | null | undefined): string => {
  if (!code) return name ?? "—";
  if (!name || name === code) return code;
  return name.endsWith(`(${code})`) ? name : `${name} (${code})`;
};
