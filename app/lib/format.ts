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
