/**
 * How numbers and times are shown everywhere. Times are UTC and say so: inspectors, companies and
 * regulators sit in different time zones and must read the same moment.
 */
const numbers = new Intl.NumberFormat("en-GB");

export const formatNumber = (n: number | null | undefined): string => (n === null || n === undefined ? "—" : numbers.format(n));

export const formatDateTime = (at: number | string | Date): string => `${new Date(at).toISOString().slice(0, 16).replace("T", " ")} UTC`;

export const formatDate = (at: number | string | Date): string => new Date(at).toISOString().slice(0, 10);
